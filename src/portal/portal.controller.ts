import { Body, Controller, Get, HttpCode, Inject, Param, Post, Req, Res, UseGuards } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBody, ApiHeader, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import type { Logger } from 'pino';
import { randomUUID } from 'node:crypto';
import { complainantActor } from '../../domain/access.js';
import type { Catalog } from '../../domain/catalog.js';
import { complaintOf } from '../../domain/complaint/decider.js';
import { ComplaintCommandNotAllowed } from '../../domain/complaint/errors.js';
import type { ComplaintCommand, ComplaintCommandType, CommandOf } from '../../domain/complaint/commands.js';
import type { Language } from '../../domain/complaint/events.js';
import type { WorkingCalendar } from '../../domain/working-time/index.js';
import { Public } from '../auth/nest.js';
import { complaintIdFor, ERASED, HistoryDamaged, type LoadedComplaint } from '../complaint-stream/index.js';
import { EVENT_STORE, type EventStore } from '../event-store/index.js';
import { idempotentId, idempotentRequest, type IdempotentRequest } from '../commands/index.js';
import { type CommandAnswer, ExecuteComplaintCommand, RecordSatisfactionBody } from '../complaints/nest.js';
import { CALENDAR, CATALOG, CLOCK, LOGGER, type Clock } from '../config/index.js';
import { ApplicationError, BadRequest, correlationIdOf, idempotencyKey, NotFound } from '../http/index.js';
import { parseBody } from '../http/nest.js';
import { CONSENT_WORDING, type SmsGatewayChannel, type SmtpChannel } from '../notices/index.js';
import { FollowUpLinks } from './follow-up-links.js';
import { followUpUrl } from './follow-up-url.js';
import { mailAccessCode, mailFollowUpLink, textFollowUpLink } from './follow-up-mail.js';
import { AccessCodes, CODE_LIMITS } from './access-codes.js';
import { FilingAnswers } from './filing-answers.js';
import { RecipientLimit } from './recipient-limit.js';
import { canonicalReference, PortalAmendBody, PortalAnswerBody, PortalCodeBody, PortalCodeRequestBody, parsePortalComplaint, PortalReasonBody } from './portal-bodies.js';
import { portalCase, type PortalCase } from './portal-view.js';
import { PortalFilingLimit, PortalRateLimit } from './rate-limit.js';
import { GetComplaintForPortal } from './queries.js';
import { PORTAL_MAIL, PORTAL_SETTINGS, PORTAL_SMS, type PortalSettings } from './tokens.js';

/** A request body documented by its class-validator schema. */
const body = (name: string) => ({ required: true, schema: { $ref: `#/components/schemas/${name}` } });

/** The one answer for a reference and code that open nothing: unknown reference, wrong, spent or expired code alike. */
class CodeNotAccepted extends NotFound {
  override readonly name = 'CodeNotAccepted';
  constructor() {
    super('the reference and the code do not open a case: ask for a new code');
  }
}

/** What the complainant is told when the case does not take their action now: in their terms, without the case's state or the staff's commands. */
const NOT_NOW: Readonly<Partial<Record<ComplaintCommandType, string>>> = {
  amend: 'the complaint can no longer be changed',
  withdraw: 'the complaint can no longer be withdrawn',
  'receive-information': 'this request can no longer be answered',
  'record-satisfaction': 'the survey cannot be answered now',
};

/**
 * A portal action the case does not take now (409). Staff's refusal names the state and the commands
 * allowed, and may say why: the case as the complainant sees it may be at another stage (decided but
 * not yet told is "being handled" to them), so none of that is said here.
 */
class NotPossibleNow extends ApplicationError {
  override readonly name = 'NotPossibleNow';
  readonly status = 409;
  constructor(command: ComplaintCommandType) {
    super(`${NOT_NOW[command] ?? 'this cannot be done now'}: the page shows what you can do now`);
  }
}

/** A survey answered before (409): the case takes one answer, and says it was given, not that "it cannot be answered now". */
class SurveyAnswered extends ApplicationError {
  override readonly name = 'SurveyAnswered';
  readonly status = 409;
  constructor() {
    super('the survey was already answered: thank you');
  }
}

/** A filing sent again with its Idempotency-Key whose complainant's data was erased since: there is no case to follow any more (409). */
class FilingErased extends ApplicationError {
  override readonly name = 'FilingErased';
  readonly status = 409;
  constructor() {
    super('the personal data of the complaint filed with this Idempotency-Key was erased: it can no longer be followed on the portal');
  }
}

/** A filing sent again with its Idempotency-Key after staff sent the complainant a new link: the key gives none beside it (409). */
class FilingLinksReplaced extends ApplicationError {
  override readonly name = 'FilingLinksReplaced';
  readonly status = 409;
  constructor() {
    super("the complaint filed with this Idempotency-Key was sent a new follow-up link by the complaints office, which replaced the filing's: follow it with that link");
  }
}

/**
 * A case whose stored history is damaged (500): staff and auditors get HistoryDamaged with the stream,
 * the revision and what verification found; the complainant is told only that the case cannot be shown
 * and that the office knows, since the store's internals are not theirs to read.
 */
class CaseUnavailable extends ApplicationError {
  override readonly name = 'CaseUnavailable';
  readonly status = 500;
  constructor() {
    super('your complaint cannot be shown or changed at the moment because of a fault on our side; the complaints office has been told. You can still contact the office by phone or e-mail');
  }

  override details(): Record<string, unknown> {
    return { code: 'case-unavailable', retry: false };
  }
}

/** What a filing is answered: the reference, the secret follow-up link until when, and whether it was also e-mailed. */
interface Filed {
  reference: string | null;
  followUpUrl: string;
  expiresAt: string;
  emailed: boolean;
  /** Texted instead, where it was not e-mailed and the complainant consented to SMS. */
  texted: boolean;
}

/** Which complaint a portal filing with an Idempotency-Key is: keys are the portal's (it has no users), so the same key names the same filing whoever sends it. */
const filingIdOf = (key: string): string => idempotentId('portal', `complaint:${key}`);

/** The Idempotency-Key of a portal filing, as the API description says it. */
const FILING_IDEMPOTENCY_KEY = [
  'Makes a retry safe: the key is bound to the filing sent with it (a SHA-256 of the canonical JSON body).',
  'The same body again with the key files nothing: 201 with the first answer, the same reference, expiry and `emailed`, and a new follow-up link to the same case (the first link works too: only its hash is kept, so it cannot be given again); nothing is mailed again, and it does not count as a filing of the address.',
  'Another body with the key gets 422 saying the key was used for a different request. A refused filing binds nothing.',
  "Once the complainant's data was erased, or staff sent the complainant a new link (which replaces the earlier ones), the key gets 409 and no link.",
  'Keys are the portal\'s, not a person\'s: send a new random key (a UUID) with each new complaint. 1 to 200 visible ASCII characters.',
].join(' ');

/** The one answer for a link that names no case now: unknown, expired, revoked or erased alike. */
class LinkNotFound extends NotFound {
  override readonly name = 'LinkNotFound';
  constructor() {
    super('this link does not open a case: it may have expired or been replaced by a newer one; ask for a one-time code with the case reference and your e-mail address, or ask the complaints office to send a new link to your phone or e-mail');
  }
}

/**
 * The complaint portal: the complainant files, follows the case with its secret link, answers what
 * is asked of them, withdraws or amends, and answers the survey. No staff token; each action is a
 * command of the complainant's (domain/access.ts) through the same decider and events as staff's.
 */
@ApiTags('portal')
@ApiResponse({ status: 429, description: 'Too many requests from this address or on this link, or complaints filed from this address (`limit`), with Retry-After' })
@Controller('portal')
@Public()
@UseGuards(PortalRateLimit)
export class PortalController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
    private readonly links: FollowUpLinks,
    private readonly codes: AccessCodes,
    private readonly filingLimit: PortalFilingLimit,
    private readonly recipientLimit: RecipientLimit,
    private readonly filingAnswers: FilingAnswers,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(CATALOG) private readonly catalog: Catalog,
    @Inject(CALENDAR) private readonly calendar: WorkingCalendar,
    @Inject(PORTAL_SETTINGS) private readonly settings: PortalSettings,
    @Inject(PORTAL_MAIL) private readonly smtp: SmtpChannel | null,
    @Inject(PORTAL_SMS) private readonly sms: SmsGatewayChannel | null,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  /** What the filing form offers: the categories of the catalog, and the consents' exact wording. */
  @Get('form')
  @ApiOperation({ summary: 'The categories and the consents\' exact wording the filing form shows' })
  form(): { categories: { code: string; name: { ko: string; en: string } }[]; consentWording: typeof CONSENT_WORDING } {
    return { categories: this.catalog.categories.map(({ code, name }) => ({ code, name })), consentWording: CONSENT_WORDING };
  }

  @Post('complaints')
  @ApiOperation({ summary: 'File a complaint, with an e-mail address or a phone number or both (400 naming both without either): answered with its reference and the secret follow-up link (e-mailed when consented)' })
  @ApiBody(body('PortalComplaintBody'))
  @ApiHeader({ name: 'Idempotency-Key', required: false, schema: { type: 'string', minLength: 1, maxLength: 200 }, description: FILING_IDEMPOTENCY_KEY })
  @ApiResponse({ status: 422, description: 'The Idempotency-Key was sent before with another filing' })
  @ApiResponse({ status: 409, description: "Sent again with its Idempotency-Key after the complainant's data was erased, or after staff sent the complainant a new link: no link" })
  @ApiResponse({
    status: 201,
    description:
      'Filed: the reference and the follow-up link. `emailed`: whether the link was also e-mailed; not without consent to e-mail or a mail server, when the mail failed, ' +
      'or when the address was sent its follow-up links of the hour (at most 3 an hour to one address, whoever files): the complaint is received all the same. ' +
      '`texted`: whether, not e-mailed, it was texted to the phone number given, with consent to SMS and an SMS gateway (at most 3 an hour to one number)',
  })
  async file(@Body() body: unknown, @Req() request: Request, @Res({ passthrough: true }) response: Response): Promise<Filed> {
    const filed = parsePortalComplaint(body, this.catalog);
    const key = idempotencyKey(request);
    const complaintId = key === undefined ? randomUUID() : filingIdOf(key);
    const idempotency = key === undefined ? undefined : idempotentRequest(key, 'POST', '/portal/complaints', body);
    const now = this.clock();
    const data: CommandOf<'receive'>['data'] = {
      complaintId,
      channel: 'web',
      route: { kind: 'internal' },
      category: filed.category,
      description: filed.description,
      ...(filed.attachments?.length ? { attachments: filed.attachments } : {}),
      complainant: { name: filed.name, ...(filed.email ? { email: filed.email } : {}), ...(filed.phone ? { phone: filed.phone } : {}), language: filed.language },
      consent: { email: filed.consent.email, sms: filed.consent.sms, phone: false },
      consentWording: CONSENT_WORDING[filed.language],
    };
    // Within the address's filings of the window (a refusal of the receipt, or the same filing again, is given back).
    const received = await this.filingLimit.within(
      request,
      response,
      () => this.run(complaintId, { type: 'receive', data, now: now.toISOString() }, request, idempotency),
      (answer) => answer.standing !== undefined,
    );
    response.status(201);
    if (received.standing !== undefined) return this.filedAgain(received, request, filed.language);
    const expiresAt = new Date(now.getTime() + this.settings.linkLifetimeDays * 86_400_000);
    const token = await this.links.issue(complaintId, now, expiresAt);
    const url = followUpUrl(this.settings, request, token, filed.language);
    const reference = complaintOf(received.state)!.reference ?? null;
    const timeZone = this.calendar.timeZone;
    const { smtp, sms } = this;
    const emailed =
      smtp !== null && !!filed.email && filed.consent.email &&
      (await this.sendLink(complaintId, filed.email, now, 'e-mailed', 'the address', () => mailFollowUpLink(smtp, filed.email!, filed.language, reference ?? '', url, expiresAt, timeZone)));
    // Not e-mailed: texted where they consented to SMS, as the consent's wording says the link comes.
    const texted =
      !emailed && sms !== null && !!filed.phone && filed.consent.sms &&
      (await this.sendLink(complaintId, filed.phone.replace(/\D/g, ''), now, 'texted', 'the number', () => textFollowUpLink(sms, filed.phone!, filed.language, reference ?? '', url, expiresAt, timeZone)));
    if (key !== undefined) await this.filingAnswers.record(complaintId, { emailed, texted });
    return { reference, followUpUrl: url, expiresAt: expiresAt.toISOString(), emailed, texted };
  }

  /**
   * Sends a filing's follow-up link once, within the recipient's links of the hour (an e-mail address, or a
   * phone number by its digits); whether it went. A failure is logged, never the filing's.
   */
  private async sendLink(complaintId: string, recipient: string, now: Date, done: 'e-mailed' | 'texted', who: string, send: () => Promise<void>): Promise<boolean> {
    if (!(await this.recipientLimit.take(recipient, 'link', now))) {
      this.logger.info({ complaintId }, `portal: the follow-up link was not ${done}: ${who} was sent its links of the hour`);
      return false;
    }
    try {
      await send();
      return true;
    } catch (error) {
      this.logger.warn({ err: error instanceof Error ? error.name : 'error' }, `portal: the follow-up link could not be ${done}`);
      return false;
    }
  }

  /**
   * The answer to a filing sent again with its Idempotency-Key: the first one's reference, expiry and
   * whether its link was e-mailed, with a new link to the case (the first is a secret not kept), mailing nothing.
   */
  private async filedAgain(received: CommandAnswer, request: Request, language: Language): Promise<Filed> {
    const first = complaintOf(received.state)!;
    if (complaintOf(received.standing!)!.complainant.name === ERASED) throw new FilingErased();
    const { emailed, texted, linksReplaced } = await this.filingAnswers.of(first.id);
    if (linksReplaced) throw new FilingLinksReplaced();
    const expiresAt = new Date(new Date(first.receivedAt).getTime() + this.settings.linkLifetimeDays * 86_400_000);
    const token = await this.links.issue(first.id, this.clock(), expiresAt);
    return { reference: first.reference ?? null, followUpUrl: followUpUrl(this.settings, request, token, language), expiresAt: expiresAt.toISOString(), emailed, texted };
  }

  /**
   * Sends a one-time code to the e-mail address on record when the reference and the address match a
   * case. The answer is the same whether or not they do, and comes before the case is even looked up.
   */
  @Post('codes')
  @HttpCode(202)
  @ApiOperation({ summary: 'Send a one-time code to the e-mail address on record of the case with this reference (the same answer either way); at most three codes per case an hour, each with five tries' })
  @ApiBody(body('PortalCodeRequestBody'))
  requestCode(@Body() body: unknown): { message: string } {
    const { reference: given, email } = parseBody(PortalCodeRequestBody, body);
    const reference = canonicalReference(given);
    void this.sendCode(reference, email).catch((error: unknown) => this.logger.warn({ err: error instanceof Error ? error.name : 'error' }, 'portal: a one-time code could not be sent'));
    return { message: `if the reference and the e-mail address match a case, a code is on its way (a case gets at most ${CODE_LIMITS.codes} codes an hour, each with ${CODE_LIMITS.tries} tries, and an e-mail address at most ${this.recipientLimit.codes} codes an hour)` };
  }

  /** The reference and its one-time code open the case: answered with a follow-up link of a day. */
  @Post('access')
  @ApiOperation({ summary: 'Exchange a reference and its one-time code for a follow-up link (404 alike for an unknown reference and a wrong code)' })
  @ApiBody(body('PortalCodeBody'))
  async access(@Body() body: unknown, @Req() request: Request): Promise<{ followUpUrl: string; expiresAt: string }> {
    const { reference: given, code } = parseBody(PortalCodeBody, body);
    const reference = canonicalReference(given);
    const now = this.clock();
    if (!(await this.codes.redeem(reference, code, now))) throw new CodeNotAccepted();
    const complaintId = await complaintIdFor(this.store, reference);
    if (complaintId === undefined) throw new CodeNotAccepted();
    const loaded: LoadedComplaint | undefined = await this.queries.execute(new GetComplaintForPortal(complaintId)).catch((error: unknown) => this.damaged(error));
    const language = loaded && complaintOf(loaded.state)?.complainant.language;
    const expiresAt = new Date(now.getTime() + 86_400_000);
    const token = await this.links.issue(complaintId, now, expiresAt);
    // In the language filed in, as the filing's link: the page opens in it on any device.
    return { followUpUrl: followUpUrl(this.settings, request, token, language), expiresAt: expiresAt.toISOString() };
  }

  private async sendCode(reference: string, email: string): Promise<void> {
    const complaintId = await complaintIdFor(this.store, reference);
    if (complaintId === undefined || !this.smtp) return;
    const loaded: LoadedComplaint | undefined = await this.queries.execute(new GetComplaintForPortal(complaintId)).catch((error: unknown) => this.damaged(error));
    const complainant = loaded && complaintOf(loaded.state)?.complainant;
    if (!complainant?.email || complainant.name === ERASED || complainant.email.toLowerCase() !== email.toLowerCase()) return;
    const now = this.clock();
    // The address's count first: a code issued replaces the one before it, so none is issued that would not be mailed.
    if (!(await this.recipientLimit.take(complainant.email, 'code', now))) {
      this.logger.info({ complaintId }, 'portal: no one-time code sent: the address was sent its codes of the hour');
      return;
    }
    const code = await this.codes.issue(reference, now);
    if (code === undefined) {
      await this.recipientLimit.giveBack(complainant.email, 'code');
      this.logger.info({ complaintId }, 'portal: no one-time code sent: the case had its codes of the hour');
      return;
    }
    await mailAccessCode(this.smtp, complainant.email, complainant.language ?? 'ko', reference, code);
  }

  @Get('cases/:token')
  @ApiOperation({ summary: 'The case its follow-up link names, in the complainant\'s terms; 404 alike for unknown, expired and revoked links' })
  async follow(@Param('token') token: string): Promise<PortalCase> {
    return this.view(await this.caseOf(token));
  }

  /** Answers an information request addressed to the complainant (`receive-information`, the complainant's act). */
  @Post('cases/:token/answers')
  @HttpCode(200)
  @ApiOperation({ summary: 'Answer an information request addressed to the complainant' })
  @ApiBody(body('PortalAnswerBody'))
  async answer(@Param('token') token: string, @Body() body: unknown, @Req() request: Request): Promise<PortalCase> {
    const { requestId, answer } = parseBody(PortalAnswerBody, body);
    const current = await this.caseOf(token);
    const complaint = complaintOf(current.state)!;
    if (!complaint.informationRequests.some((r) => r.requestId === requestId && r.addressee === 'complainant')) {
      throw new BadRequest([{ field: 'requestId', rule: 'must be a request addressed to you on this case' }]);
    }
    await this.run(complaint.id, { type: 'receive-information', data: { requestId, summary: answer }, now: this.now() }, request);
    return this.view(await this.caseOf(token));
  }

  @Post('cases/:token/survey')
  @HttpCode(200)
  @ApiOperation({ summary: 'Answer the satisfaction survey once the case is closed' })
  @ApiBody(body('RecordSatisfactionBody'))
  async survey(@Param('token') token: string, @Body() body: unknown, @Req() request: Request): Promise<PortalCase> {
    const data = parseBody(RecordSatisfactionBody, body) as CommandOf<'record-satisfaction'>['data'];
    const complaint = complaintOf((await this.caseOf(token)).state)!;
    if (complaint.satisfaction) throw new SurveyAnswered();
    const id = complaint.id;
    await this.run(id, { type: 'record-satisfaction', data, now: this.now() }, request);
    return this.view(await this.caseOf(token));
  }

  @Post('cases/:token/withdraw')
  @HttpCode(200)
  @ApiOperation({ summary: 'Withdraw the complaint while the case allows it' })
  @ApiBody(body('PortalReasonBody'))
  async withdraw(@Param('token') token: string, @Body() body: unknown, @Req() request: Request): Promise<PortalCase> {
    const { reason } = parseBody(PortalReasonBody, body);
    const id = complaintOf((await this.caseOf(token)).state)!.id;
    await this.run(id, { type: 'withdraw', data: { reason }, now: this.now() }, request);
    return this.view(await this.caseOf(token));
  }

  @Post('cases/:token/amend')
  @HttpCode(200)
  @ApiOperation({ summary: 'Change the description before a decision' })
  @ApiBody(body('PortalAmendBody'))
  async amend(@Param('token') token: string, @Body() body: unknown, @Req() request: Request): Promise<PortalCase> {
    const { description, reason } = parseBody(PortalAmendBody, body);
    const id = complaintOf((await this.caseOf(token)).state)!.id;
    await this.run(id, { type: 'amend', data: { description, reason }, now: this.now() }, request);
    return this.view(await this.caseOf(token));
  }

  /**
   * The case the link names, as stored (after an action, with it: the view needs its events, to tell
   * what the complainant wrote from what staff recorded); a case whose complainant was erased has no link any more.
   */
  private async caseOf(token: string): Promise<LoadedComplaint> {
    const complaintId = await this.links.complaintOf(token, this.clock());
    if (complaintId === undefined) throw new LinkNotFound();
    const loaded: LoadedComplaint | undefined = await this.queries.execute(new GetComplaintForPortal(complaintId)).catch((error: unknown) => this.damaged(error));
    const complaint = loaded && complaintOf(loaded.state);
    if (!complaint) throw new LinkNotFound();
    if (complaint.complainant.name === ERASED) {
      await this.links.revoke(complaintId);
      throw new LinkNotFound();
    }
    return loaded;
  }

  private async run<T extends ComplaintCommandType>(complaintId: string, command: Extract<ComplaintCommand, { type: T }>, request: Request, idempotency?: IdempotentRequest): Promise<CommandAnswer> {
    try {
      return await this.commands.execute(new ExecuteComplaintCommand(complaintId, command, complainantActor(complaintId), { correlationId: correlationIdOf(request), idempotency }));
    } catch (error) {
      if (error instanceof ComplaintCommandNotAllowed) throw new NotPossibleNow(command.type);
      return this.damaged(error);
    }
  }

  /** Rethrows `error`, a damaged history as `CaseUnavailable` after logging what staff would be told. */
  private damaged(error: unknown): never {
    if (!(error instanceof HistoryDamaged)) throw error;
    this.logger.error({ complaintId: error.complaintId, ...error.details() }, `portal: ${error.message}`);
    throw new CaseUnavailable();
  }

  private view(loaded: LoadedComplaint): PortalCase {
    return portalCase(loaded, this.catalog, this.calendar);
  }

  private now(): string {
    return this.clock().toISOString();
  }
}
