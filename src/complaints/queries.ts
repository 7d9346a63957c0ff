import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { personalDataAccess, seesPseudonymousKeys, showsEmployeeMeasures, type Actor } from '../../domain/access.js';
import { complaintOf } from '../../domain/complaint/decider.js';
import { LIFECYCLE_STATES } from '../../domain/complaint/lifecycle.js';
import { informationOverdue, type ComplaintSummary } from '../../projections/complaint-list.js';
import { COMPLAINT_CODEC, loadComplaint, type ComplaintAtRevision, type ComplaintCodec } from '../complaint-stream/index.js';
import { EVENT_STORE, type EventStore } from '../event-store/index.js';
import { BadRequest, decodeCursor, encodeCursor, parseInstant, queryParameters, type FieldError } from '../http/index.js';
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
