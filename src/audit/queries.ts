import { Inject, NotFoundException, NotImplementedException } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { COMPLAINT_CODEC, complaintIdFor, complaintStreamId, folding, readComplaintHistory, type ComplaintCodec } from '../complaint-stream/index.js';
import { ComplaintNotFound } from '../complaints/index.js';
import { APP_CONFIG, type AppConfig } from '../config/index.js';
import { EVENT_STORE, type EventStore, type IntegrityReport } from '../event-store/index.js';
import { ProjectionRunner, readModelsFor, type ReadModelComparison } from '../projections/index.js';
import { READ_MODELS, type ReadModelDatabase } from '../read-models/index.js';
import { BadRequest, checkedId, isId, NotFound, parseInstant, queryInstantRule, queryParameters, type FieldError } from '../http/index.js';
import { ACCESS_ACTIONS, AccessLog, type AccessAction, type AccessEntry, type AccessLogFilter } from './access-log.js';
import type { AccessLogIntegrity } from './access-log-chain.js';
import { nameReport } from './name-findings.js';
import { caseAt, historyRulesOf, replaySteps, type CaseAtResult, type HistoryRules, type Moment, type Reader, type Replay } from './case-history.js';

/** `GET /complaints/{id}/at?time=…` or `?revision=…`. */
export class GetComplaintAt {
  constructor(
    readonly complaintId: string,
    readonly moment: Moment,
    readonly reader: Reader,
  ) {}

  static from(id: string, query: Record<string, unknown>, reader: Reader, now: Date): GetComplaintAt {
    const complaintId = checkedId(id);
    return new GetComplaintAt(complaintId, momentOf(query, now), reader);
  }
}

/** The moment of a time travel from `?time=` or `?revision=` (of a case, or of an improvement request); a 400 naming the parameter otherwise. */
export function momentOf(query: Record<string, unknown>, now: Date): Moment {
  const errors: FieldError[] = [];
  const text = queryParameters(query, ['time', 'revision'], errors);
  let moment: Moment | undefined;
  if (text.time !== undefined && text.revision !== undefined) {
    errors.push({ field: 'time', rule: 'give time or revision, not both' });
  } else if (text.revision !== undefined) {
    if (/^\d{1,15}$/.test(text.revision)) moment = { revision: Number(text.revision) };
    else errors.push({ field: 'revision', rule: 'must be a whole number from 0' });
  } else if (text.time !== undefined) {
    const time = parseInstant(text.time);
    if (time === undefined) errors.push({ field: 'time', rule: queryInstantRule(text.time) });
    else if (Date.parse(time) > now.getTime()) errors.push({ field: 'time', rule: 'must not be in the future' });
    else moment = { time };
  } else if (errors.length === 0) {
    errors.push({ field: 'time', rule: 'give time (an ISO-8601 date-time) or revision (a whole number)' });
  }
  if (errors.length > 0 || moment === undefined) throw new BadRequest(errors);
  return moment;
}

/** A revision past the stream's end names no moment of it: a 400 naming `revision` and the current one (`subject`: "the case's"). */
export function checkRevisionWithin(moment: Moment, current: number, subject: string): void {
  if ('revision' in moment && moment.revision > current) throw new BadRequest([{ field: 'revision', rule: `must be at most ${current}, ${subject} current revision` }]);
}

/**
 * The 404 of a time travel to before the case's first recorded event. A case received (by its own
 * account) before its first event occurred, a backdated one, says both: when it was received, and
 * that its recorded history begins later.
 */
function beforeFirstEvent(complaintId: string, moment: Moment, { firstOccurredAt: first, receivedAt: given }: { firstOccurredAt: string; receivedAt?: string }): Record<string, unknown> {
  // In UTC, as every answer writes instants (the receipt keeps the offset it was given).
  const receivedAt = given === undefined || Number.isNaN(Date.parse(given)) ? undefined : new Date(given).toISOString();
  const firstOccurredAt = Number.isNaN(Date.parse(first)) ? first : new Date(first).toISOString();
  const asked = 'time' in moment ? moment.time : `revision ${moment.revision}`;
  const received =
    receivedAt === undefined || Date.parse(receivedAt) === Date.parse(firstOccurredAt)
      ? ''
      : Date.parse(receivedAt) <= Date.parse(asked)
        ? `; it was received at ${receivedAt} by its own account (its receipt says so), but nothing of it was recorded before ${firstOccurredAt}, so its state at ${asked} is not known`
        : `; it was received at ${receivedAt} by its own account`;
  return {
    message: `complaint ${complaintId} had no recorded event at ${asked}: its first event occurred at ${firstOccurredAt}${received}`,
    firstEventOccurredAt: firstOccurredAt,
    ...(receivedAt === undefined ? {} : { receivedAt }),
  };
}

@QueryHandler(GetComplaintAt)
export class GetComplaintAtHandler implements IQueryHandler<GetComplaintAt, Extract<CaseAtResult, { found: true }>> {
  private readonly rules: HistoryRules;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(COMPLAINT_CODEC) private readonly codec: ComplaintCodec,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.rules = historyRulesOf(config);
  }

  async execute({ complaintId, moment, reader }: GetComplaintAt): Promise<Extract<CaseAtResult, { found: true }>> {
    // A damaged history (a revision missing, an event out of place) answers HistoryDamaged naming it, whatever moment is asked.
    const events = await this.codec.open(await readComplaintHistory(this.store, complaintId));
    if (events.length === 0) throw new ComplaintNotFound(complaintId);
    const current = events[events.length - 1]!.revision;
    checkRevisionWithin(moment, current, "the case's");
    const result = await folding(this.store, complaintId, () => caseAt(events, moment, reader, this.rules));
    if (!result.found) throw new NotFoundException(beforeFirstEvent(complaintId, moment, result));
    return result;
  }
}

export class ReplayComplaint {
  constructor(
    readonly complaintId: string,
    readonly reader: Reader,
  ) {}
}

@QueryHandler(ReplayComplaint)
export class ReplayComplaintHandler implements IQueryHandler<ReplayComplaint, Replay> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(COMPLAINT_CODEC) private readonly codec: ComplaintCodec,
  ) {}

  async execute({ complaintId, reader }: ReplayComplaint): Promise<Replay> {
    const events = await this.codec.open(await readComplaintHistory(this.store, complaintId));
    if (events.length === 0) throw new ComplaintNotFound(complaintId);
    return folding(this.store, complaintId, () => replaySteps(complaintId, events, reader));
  }
}

export class VerifyStore {
  constructor(
    readonly limit: number,
    readonly readModels: boolean,
  ) {}

  static from(query: Record<string, unknown>): VerifyStore {
    const errors: FieldError[] = [];
    const text = queryParameters(query, ['limit', 'readModels'], errors);
    const limit = text.limit === undefined ? 100 : Number(text.limit);
    if (!Number.isInteger(limit) || limit < 1 || limit > 1000) errors.push({ field: 'limit', rule: 'must be a whole number from 1 to 1000' });
    if (text.readModels !== undefined && text.readModels !== 'true' && text.readModels !== 'false') errors.push({ field: 'readModels', rule: 'must be true or false' });
    if (errors.length > 0) throw new BadRequest(errors);
    return new VerifyStore(limit, text.readModels === 'true');
  }
}

export interface StoreVerification extends IntegrityReport {
  /**
   * Every read model rebuilt from the events (up to the checkpoint its tables are at) and compared
   * with its tables, row by row (`?readModels=true`, or `npm run audit:verify`); null when not asked:
   * `ok` then speaks for the events and seals only. A case's trail compares its own rows every time.
   */
  readModels: ReadModelComparison | null;
  /** The access log's hash chain and head (`access-log-chain.ts`): `ok` holds only when it verifies too. */
  accessLog: AccessLogIntegrity;
}

@QueryHandler(VerifyStore)
export class VerifyStoreHandler implements IQueryHandler<VerifyStore, StoreVerification> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(READ_MODELS) private readonly db: ReadModelDatabase,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(AccessLog) private readonly log: AccessLog,
  ) {}

  /** One comparison at a time in a process (it rebuilds every read model): a request meanwhile shares it. */
  private comparing: Promise<ReadModelComparison> | undefined;

  private compareReadModels(limit: number): Promise<ReadModelComparison> {
    return (this.comparing ??= this.compare(limit).finally(() => (this.comparing = undefined)));
  }

  private async compare(limit: number): Promise<ReadModelComparison> {
    // A runner of its own, never started: it reads the checkpoints the live one (on whichever node) keeps.
    return new ProjectionRunner(this.store, this.db.sql, readModelsFor(this.config), this.db.schema).compareWithEvents(limit);
  }

  async execute({ limit, readModels }: VerifyStore): Promise<StoreVerification> {
    if (!this.store.verifyIntegrity) throw new NotImplementedException(`the ${this.store.kind} event store cannot verify its integrity`);
    const report = await nameReport(this.store, await this.store.verifyIntegrity({ limit }));
    const accessLog = await this.log.verify(limit);
    const compared = readModels ? await this.compareReadModels(limit) : null;
    return { ...report, ok: report.ok && accessLog.ok && compared?.ok !== false, readModels: compared, accessLog };
  }
}

const MAX_LIMIT = 200;
/** The access log's ids are PostgreSQL bigints. */
const BIGINT_MAX = 2n ** 63n - 1n;

export class ListAccessLog {
  constructor(readonly filter: AccessLogFilter) {}

  static from(query: Record<string, unknown>): ListAccessLog {
    const errors: FieldError[] = [];
    const text = queryParameters(query, ['complaintId', 'actor', 'action', 'from', 'to', 'limit', 'cursor'], errors);
    const filter: AccessLogFilter = { limit: 50 };
    if (text.complaintId !== undefined) {
      if (isId(text.complaintId)) filter.complaintId = text.complaintId;
      else errors.push({ field: 'complaintId', rule: 'must be 1 to 64 letters, digits or dashes' });
    }
    if (text.actor !== undefined) filter.actor = text.actor;
    if (text.action !== undefined) {
      if ((ACCESS_ACTIONS as readonly string[]).includes(text.action)) filter.action = text.action as AccessAction;
      else errors.push({ field: 'action', rule: `must be one of ${ACCESS_ACTIONS.join(', ')}` });
    }
    for (const key of ['from', 'to'] as const) {
      const given = text[key];
      if (given === undefined) continue;
      const instant = parseInstant(given);
      if (instant === undefined) errors.push({ field: key, rule: queryInstantRule(given) });
      else filter[key] = instant;
    }
    if (filter.from !== undefined && filter.to !== undefined && Date.parse(filter.to) < Date.parse(filter.from)) errors.push({ field: 'to', rule: 'must not be before from' });
    if (text.limit !== undefined) {
      const limit = Number(text.limit);
      if (Number.isInteger(limit) && limit >= 1 && limit <= MAX_LIMIT) filter.limit = limit;
      else errors.push({ field: 'limit', rule: `must be a whole number from 1 to ${MAX_LIMIT}` });
    }
    if (text.cursor !== undefined) {
      if (/^[1-9]\d{0,18}$/.test(text.cursor) && BigInt(text.cursor) <= BIGINT_MAX) filter.before = text.cursor;
      else errors.push({ field: 'cursor', rule: 'must be a nextCursor returned by this list' });
    }
    if (errors.length > 0) throw new BadRequest(errors);
    return new ListAccessLog(filter);
  }
}

export interface AccessLogPage {
  items: AccessEntry[];
  /** Pass as `cursor` for the next (older) page; absent on the last one. */
  nextCursor?: string;
}

@QueryHandler(ListAccessLog)
export class ListAccessLogHandler implements IQueryHandler<ListAccessLog, AccessLogPage> {
  constructor(
    @Inject(AccessLog) private readonly log: AccessLog,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  async execute({ filter }: ListAccessLog): Promise<AccessLogPage> {
    // `complaintId` is the case's id or its reference, as on every case route; the log keeps ids.
    const complaintId = filter.complaintId === undefined ? undefined : await complaintIdFor(this.store, filter.complaintId);
    if (filter.complaintId !== undefined && complaintId === undefined) throw new NotFound(`complaint ${filter.complaintId} not found`);
    const { items, nextBefore } = await this.log.list(complaintId === undefined ? filter : { ...filter, complaintId });
    // An id no case has and the log never named (mistyped) is a 404 too: an empty page would read as "nobody read this case".
    if (complaintId !== undefined && items.length === 0 && filter.before === undefined && !(await this.isCase(complaintId))) throw new NotFound(`complaint ${filter.complaintId} not found`);
    return nextBefore === undefined ? { items } : { items, nextCursor: nextBefore };
  }

  private async isCase(complaintId: string): Promise<boolean> {
    return (await this.store.readStream(complaintStreamId(complaintId), { toRevision: 0 })).length > 0;
  }
}
