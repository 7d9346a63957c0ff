import { Body, Controller, HttpCode, Inject, Post, Req } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBody, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import type { Logger } from 'pino';
import { maySeePersonalData, type Actor } from '../../domain/access.js';
import { complaintOf } from '../../domain/complaint/decider.js';
import type { WorkingCalendar } from '../../domain/working-time/index.js';
import { CurrentActor, Roles } from '../auth/nest.js';
import { complaintIdFor, ERASED, type ComplaintAtRevision } from '../complaint-stream/index.js';
import { CALENDAR, CLOCK, LOGGER, type Clock } from '../config/index.js';
import { EVENT_STORE, type EventStore } from '../event-store/index.js';
import { AccessDenied, ApplicationError, BadRequest, correlationIdOf, NotFound } from '../http/index.js';
import { parseBody } from '../http/nest.js';
import type { SmsGatewayChannel, SmtpChannel } from '../notices/index.js';
import { FilingAnswers } from './filing-answers.js';
import { FollowUpLinks } from './follow-up-links.js';
import { sendNewFollowUpLink } from './follow-up-mail.js';
import { followUpUrl } from './follow-up-url.js';
import { NewFollowUpLinkBody } from './portal-bodies.js';
import { GetComplaintForPortal } from './queries.js';
import { PORTAL_MAIL, PORTAL_SETTINGS, PORTAL_SMS, type PortalSettings } from './tokens.js';

/** The link cannot go out now: no sender for the channel, or the sender refused it (503). */
class LinkNotSent extends ApplicationError {
  override readonly name = 'LinkNotSent';
  readonly status = 503;
}

/** The complainant's data was erased: there is no one to send a link to (409). */
class ComplainantErased extends ApplicationError {
  override readonly name = 'ComplainantErased';
  readonly status = 409;
  constructor() {
    super("the complainant's personal data was erased: there is no one to send a link to");
  }
}

const CHANNEL_NAME = { sms: 'SMS', email: 'e-mail' } as const;

/**
 * A complainant who lost the follow-up link (filed with a phone only, so no code by e-mail; or the link
 * expired) asks the office: those who handle the case send a new link to the contact on record, on a
 * channel the complainant consented to. The earlier links stop working once it is sent. Staff never see
 * the link (it opens the case as the complainant); the log says who sent one, for which case and how.
 * Nor does the filing's Idempotency-Key give one any more, since the earlier links may be in other hands.
 */
@ApiTags('portal')
@Controller('follow-up-links')
export class NewFollowUpLinkController {
  constructor(
    private readonly queries: QueryBus,
    private readonly links: FollowUpLinks,
    private readonly filingAnswers: FilingAnswers,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(CALENDAR) private readonly calendar: WorkingCalendar,
    @Inject(PORTAL_SETTINGS) private readonly settings: PortalSettings,
    @Inject(PORTAL_MAIL) private readonly smtp: SmtpChannel | null,
    @Inject(PORTAL_SMS) private readonly sms: SmsGatewayChannel | null,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  @Post()
  @HttpCode(201)
  @Roles('intake', 'handler', 'department-head', 'complaints-office')
  @ApiOperation({
    summary:
      "Send the complainant a new follow-up link, to the phone or e-mail on record, on a channel they consented to; the case's earlier links stop working. " +
      'By those who handle the case (the complaints office, intake before it is assigned, the department handling it); the answer never holds the link',
  })
  @ApiBody({ required: true, schema: { $ref: '#/components/schemas/NewFollowUpLinkBody' } })
  @ApiResponse({ status: 201, description: 'Sent: the channel and until when the link works' })
  @ApiResponse({ status: 503, description: 'No sender for the channel is configured (SMTP_URL, SMS_GATEWAY_URL), or it refused the message: the earlier links still work' })
  async send(@Body() body: unknown, @CurrentActor() actor: Actor, @Req() request: Request): Promise<{ complaintId: string; reference: string | null; channel: 'sms' | 'email'; expiresAt: string }> {
    const { complaint: named, channel } = parseBody(NewFollowUpLinkBody, body);
    const complaintId = await complaintIdFor(this.store, named);
    const loaded: ComplaintAtRevision | undefined = complaintId === undefined ? undefined : await this.queries.execute(new GetComplaintForPortal(complaintId));
    const complaint = loaded && complaintOf(loaded.state);
    if (!complaint) throw new NotFound(`complaint ${named} not found`);
    if (!maySeePersonalData(actor, complaint)) {
      throw new AccessDenied('a new follow-up link is sent by those who handle the case: the complaints office, intake before it is assigned, the department handling it');
    }
    const { complainant, consent } = complaint;
    if (complainant.name === ERASED) throw new ComplainantErased();
    if (!consent[channel]) throw new BadRequest([{ field: 'channel', rule: `the complainant did not consent to ${CHANNEL_NAME[channel]} notices` }]);
    const to = channel === 'sms' ? complainant.phone : complainant.email;
    if (!to) throw new BadRequest([{ field: 'channel', rule: channel === 'sms' ? 'the complainant left no phone number' : 'the complainant left no e-mail address' }]);
    const sender = channel === 'sms' ? this.sms && { kind: 'sms' as const, gateway: this.sms } : this.smtp && { kind: 'email' as const, smtp: this.smtp };
    if (!sender) throw new LinkNotSent(`this service sends no ${CHANNEL_NAME[channel]} (${channel === 'sms' ? 'SMS_GATEWAY_URL' : 'SMTP_URL'} is not set): the link cannot go by ${CHANNEL_NAME[channel]}`);

    const now = this.clock();
    const expiresAt = new Date(now.getTime() + this.settings.linkLifetimeDays * 86_400_000);
    const token = await this.links.issue(complaint.id, now, expiresAt);
    const reference = complaint.reference ?? null;
    const language = complainant.language ?? 'ko';
    try {
      await sendNewFollowUpLink(sender, to, language, reference ?? complaint.id, followUpUrl(this.settings, request, token, language), expiresAt, this.calendar.timeZone);
    } catch (error) {
      await this.links.revokeToken(token);
      this.logger.warn({ complaintId: complaint.id, channel, err: error instanceof Error ? error.name : 'error' }, 'portal: a new follow-up link could not be sent; the earlier ones still work');
      throw new LinkNotSent(`the ${CHANNEL_NAME[channel]} could not be sent: try again later; the complainant's earlier links still work`);
    }
    await this.filingAnswers.linksReplaced(complaint.id);
    await this.links.revokeAllBut(complaint.id, token);
    this.logger.info(
      { complaintId: complaint.id, channel, actorId: actor.id, actorRoles: actor.roles, correlationId: correlationIdOf(request) },
      "portal: a new follow-up link was sent to the complainant; the case's earlier links stopped working",
    );
    return { complaintId: complaint.id, reference, channel, expiresAt: expiresAt.toISOString() };
  }
}
