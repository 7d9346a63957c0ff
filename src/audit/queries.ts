import { Inject, NotFoundException, NotImplementedException } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { COMPLAINT_CODEC, complaintIdFor, complaintStreamId, type ComplaintCodec } from '../complaint-stream/index.js';
import { ComplaintNotFound } from '../complaints/index.js';
import { APP_CONFIG, type AppConfig } from '../config/index.js';
import { EVENT_STORE, type EventStore, type IntegrityReport } from '../event-store/index.js';
import { BadRequest, checkedId, INSTANT_RULE, isId, NotFound, parseInstant, queryParameters, type FieldError } from '../http/index.js';
import { ACCESS_ACTIONS, AccessLog, type AccessAction, type AccessEntry, type AccessLogFilter } from './access-log.js';
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
    if (time === undefined) errors.push({ field: 'time', rule: INSTANT_RULE });
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
    const events = await this.codec.open(await this.store.readStream(complaintStreamId(complaintId)));
    if (events.length === 0) throw new ComplaintNotFound(complaintId);
    const current = events[events.length - 1]!.revision;
    checkRevisionWithin(moment, current, "the case's");
    const result = caseAt(events, moment, reader, this.rules);
    if (!result.found) {
      throw new NotFoundException({
        message: `complaint ${complaintId} had no recorded event at ${'time' in moment ? moment.time : ''}: its first event occurred at ${result.firstOccurredAt}`,
        firstEventOccurredAt: result.firstOccurredAt,
      });
    }
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
    const events = await this.codec.open(await this.store.readStream(complaintStreamId(complaintId)));
    if (events.length === 0) throw new ComplaintNotFound(complaintId);
    return replaySteps(complaintId, events, reader);
  }
}

export class VerifyStore {
  constructor(readonly limit: number) {}

  static from(query: Record<string, unknown>): VerifyStore {
    const errors: FieldError[] = [];
    const text = queryParameters(query, ['limit'], errors);
    const limit = text.limit === undefined ? 100 : Number(text.limit);
    if (!Number.isInteger(limit) || limit < 1 || limit > 1000) errors.push({ field: 'limit', rule: 'must be a whole number from 1 to 1000' });
    if (errors.length > 0) throw new BadRequest(errors);
    return new VerifyStore(limit);
  }
}

@QueryHandler(VerifyStore)
export class VerifyStoreHandler implements IQueryHandler<VerifyStore, IntegrityReport> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  execute({ limit }: VerifyStore): Promise<IntegrityReport> {
    if (!this.store.verifyIntegrity) throw new NotImplementedException(`the ${this.store.kind} event store cannot verify its integrity`);
    return this.store.verifyIntegrity({ limit });
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
      if (instant === undefined) errors.push({ field: key, rule: INSTANT_RULE });
      else filter[key] = instant;
    }
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
    return nextBefore === undefined ? { items } : { items, nextCursor: nextBefore };
  }
}
