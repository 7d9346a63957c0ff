import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { maySeePersonalData, personalDataAccess, seesPseudonymousKeys, showsEmployeeMeasures, type Actor } from '../../domain/access.js';
import { parseReference } from '../../domain/complaint/reference.js';
import { isHidden } from '../../domain/complaint/redaction.js';
import { complaintOf } from '../../domain/complaint/decider.js';
import { LIFECYCLE_STATES } from '../../domain/complaint/lifecycle.js';
import { informationOverdue, type ComplaintSummary } from '../../projections/complaint-list.js';
import { COMPLAINT_CODEC, complaintIdFor, loadComplaint, type ComplaintAtRevision, type ComplaintCodec } from '../complaint-stream/index.js';
import { EVENT_STORE, type EventStore } from '../event-store/index.js';
import { BadRequest, decodeCursor, encodeCursor, isId, parseInstant, queryParameters, type FieldError } from '../http/index.js';
import { READ_MODELS, type ReadModelDatabase } from '../read-models/index.js';
import { summaryOf, URGENT } from './complaint-list.read-model.js';
import { viewEvents, type EventView } from './complaint-view.js';
import { ComplaintNotFound } from './errors.js';

export class GetComplaint {
  constructor(readonly complaintId: string) {}
}

@QueryHandler(GetComplaint)
export class GetComplaintHandler implements IQueryHandler<GetComplaint, ComplaintAtRevision> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(COMPLAINT_CODEC) private readonly codec: ComplaintCodec,
  ) {}

  async execute({ complaintId }: GetComplaint): Promise<ComplaintAtRevision> {
    const loaded = await loadComplaint(this.store, this.codec, complaintId);
    if (loaded.revision < 0) throw new ComplaintNotFound(complaintId);
    return loaded;
  }
}

export class GetComplaintEvents {
  constructor(
    readonly complaintId: string,
    readonly actor: Actor,
    /** A break-glass read's reason (`X-Access-Reason`). */
    readonly reason?: string,
  ) {}
}

@QueryHandler(GetComplaintEvents)
export class GetComplaintEventsHandler implements IQueryHandler<GetComplaintEvents, { events: EventView[] }> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(COMPLAINT_CODEC) private readonly codec: ComplaintCodec,
  ) {}

  async execute({ complaintId, actor, reason }: GetComplaintEvents): Promise<{ events: EventView[] }> {
    const loaded = await loadComplaint(this.store, this.codec, complaintId);
    if (loaded.revision < 0) throw new ComplaintNotFound(complaintId);
    const complaint = complaintOf(loaded.state)!;
    const personal = personalDataAccess(actor, complaint, reason) !== 'none';
    return { events: viewEvents(loaded.events, personal, showsEmployeeMeasures(actor, complaint, personal), seesPseudonymousKeys(actor)) };
  }
}

/** How many cases one request may ask the subject lines of. */
export const MAX_SUBJECT_IDS = 100;
const SUBJECT_WORDS = 8;

/** A case's subject line: the first words of its description (`…` where it goes on). */
export function subjectLine(description: string): string {
  const words = description.trim().split(/\s+/);
  return words.slice(0, SUBJECT_WORDS).join(' ') + (words.length > SUBJECT_WORDS ? ' …' : '');
}

export interface CaseSubject {
  /** The case's id (also where it was asked by its reference). */
  id: string;
  /** Null where the asker may not read the description (domain/access.ts: maySeePersonalData) or it was erased. */
  subject: string | null;
}

/**
 * The subject lines of many cases in one request (an inbox's), each decided on its own case as a
 * read of that case would be. The list's read model holds no personal data: they come from the events.
 */
export class GetSubjects {
  constructor(
    readonly ids: readonly string[],
    readonly actor: Actor,
  ) {}

  /** `ids`: 1 to MAX_SUBJECT_IDS case ids or references, comma-separated; anything else is a 400 naming it. */
  static from(query: Record<string, unknown>, actor: Actor): GetSubjects {
    const errors: FieldError[] = [];
    const unknown = Object.keys(query).filter((key) => key !== 'ids');
    for (const key of unknown) errors.push({ field: key, rule: 'is not a parameter; parameters: ids' });
    const text = query.ids;
    const rule = `must be 1 to ${MAX_SUBJECT_IDS} case ids or references (2026-000123), comma-separated, given once`;
    const ids = typeof text === 'string' && text !== '' ? text.split(',') : [];
    if (ids.length === 0 || ids.length > MAX_SUBJECT_IDS) errors.push({ field: 'ids', rule });
    else ids.forEach((id, i) => {
      if (!isId(id) && !parseReference(id)) errors.push({ field: `ids[${i}]`, rule: 'must be a case id (letters, digits or dashes, at most 64) or a reference (2026-000123)' });
    });
    if (errors.length > 0) throw new BadRequest(errors);
    return new GetSubjects([...new Set(ids)], actor);
  }
}

@QueryHandler(GetSubjects)
export class GetSubjectsHandler implements IQueryHandler<GetSubjects, { subjects: CaseSubject[] }> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(COMPLAINT_CODEC) private readonly codec: ComplaintCodec,
  ) {}

  async execute({ ids, actor }: GetSubjects): Promise<{ subjects: CaseSubject[] }> {
    const subjects = await Promise.all(
      ids.map(async (text) => {
        const id = await complaintIdFor(this.store, text);
        const loaded = id === undefined ? undefined : await loadComplaint(this.store, this.codec, id);
        if (id === undefined || loaded === undefined || loaded.revision < 0) throw new ComplaintNotFound(text);
        const complaint = complaintOf(loaded.state)!;
        const shown = maySeePersonalData(actor, complaint) && !isHidden(complaint.description);
        return { id, subject: shown ? subjectLine(complaint.description) : null };
      }),
    );
    return { subjects };
  }
}

/** A row of the list: the case's summary, and whether materials it asked for are overdue now. */
export interface ComplaintListItem extends ComplaintSummary {
  informationOverdue: boolean;
}

export interface ComplaintPage {
  items: ComplaintListItem[];
  /** Pass as `cursor` for the next page; absent on the last one. */
  nextCursor?: string;
}

/** `involving`: the department leads the case or cooperates on it (joint handling): a department's inbox. */
const FILTERS = ['state', 'department', 'involving', 'category', 'assignee'] as const;
const MAX_LIMIT = 100;

export class ListComplaints {
  constructor(
    readonly filters: Partial<Record<(typeof FILTERS)[number], string>>,
    readonly limit: number,
    readonly now: string,
    readonly cursor?: { urgent: boolean; receivedAt: string; id: string },
  ) {}

  /** Checks the query string: unknown parameters and malformed values are a 400 naming them. */
  static from(query: Record<string, unknown>, now: string): ListComplaints {
    const errors: FieldError[] = [];
    const { limit: limitText, cursor: cursorText, ...filters } = queryParameters(query, [...FILTERS, 'limit', 'cursor'], errors);
    if (filters.state && !(LIFECYCLE_STATES as readonly string[]).includes(filters.state)) {
      errors.push({ field: 'state', rule: `must be one of ${LIFECYCLE_STATES.join(', ')}` });
    }
    const limit = limitText === undefined ? 20 : Number(limitText);
    if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) errors.push({ field: 'limit', rule: `must be a whole number from 1 to ${MAX_LIMIT}` });
    let cursor: ListComplaints['cursor'];
    if (cursorText !== undefined) {
      const [urgent, receivedAt, id] = decodeCursor(cursorText) ?? [];
      if (typeof urgent === 'boolean' && typeof receivedAt === 'string' && typeof id === 'string' && parseInstant(receivedAt) !== undefined) cursor = { urgent, receivedAt, id };
      else errors.push({ field: 'cursor', rule: 'must be a nextCursor returned by this list' });
    }
    if (errors.length > 0) throw new BadRequest(errors);
    return new ListComplaints(filters, limit, now, cursor);
  }
}

@QueryHandler(ListComplaints)
export class ListComplaintsHandler implements IQueryHandler<ListComplaints, ComplaintPage> {
  constructor(@Inject(READ_MODELS) private readonly readModels: ReadModelDatabase) {}

  async execute({ filters, limit, now, cursor }: ListComplaints): Promise<ComplaintPage> {
    const where: string[] = [];
    const params: unknown[] = [];
    const add = (clause: (p: string) => string, value: unknown) => {
      params.push(value);
      where.push(clause(`$${params.length}`));
    };
    if (filters.state) add((p) => `state = ${p}`, filters.state);
    if (filters.department) add((p) => `department = ${p}`, filters.department);
    if (filters.involving) add((p) => `(department = ${p} OR ${p} = ANY(cooperating_departments))`, filters.involving);
    if (filters.category) add((p) => `category = ${p}`, filters.category);
    if (filters.assignee) add((p) => `handler = ${p}`, filters.assignee);
    if (cursor) {
      params.push(cursor.urgent, cursor.receivedAt, cursor.id);
      where.push(`(${URGENT}, received_at, id) < ($${params.length - 2}::boolean, $${params.length - 1}::timestamptz, $${params.length})`);
    }
    params.push(limit + 1);
    // Urgent cases (safety, health) first, then the newest (CCMS principle 7).
    const rows = await this.readModels.sql.query<Parameters<typeof summaryOf>[0]>(
      `SELECT * FROM ${this.readModels.s}.complaint_list ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
       ORDER BY ${URGENT} DESC, received_at DESC, id DESC LIMIT $${params.length}`,
      params,
    );
    const items = rows.slice(0, limit).map((row) => {
      const summary = summaryOf(row);
      return { ...summary, informationOverdue: informationOverdue(summary, now) };
    });
    const last = items[items.length - 1];
    return rows.length > limit && last ? { items, nextCursor: encodeCursor([last.priority === 'urgent', last.receivedAt, last.id]) } : { items };
  }
}
