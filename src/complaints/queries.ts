import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { Actor } from '../../domain/access.js';
import { complaintOf } from '../../domain/complaint/decider.js';
import { LIFECYCLE_STATES } from '../../domain/complaint/lifecycle.js';
import type { ComplaintSummary } from '../../projections/complaint-list.js';
import { COMPLAINT_CODEC, loadComplaint, type ComplaintAtRevision, type ComplaintCodec } from '../complaint-stream/index.js';
import { EVENT_STORE, type EventStore } from '../event-store/index.js';
import { BadRequest, decodeCursor, encodeCursor, parseInstant, queryParameters, type FieldError } from '../http/index.js';
import { READ_MODELS, type ReadModelDatabase } from '../read-models/index.js';
import { summaryOf } from './complaint-list.read-model.js';
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
  ) {}
}

@QueryHandler(GetComplaintEvents)
export class GetComplaintEventsHandler implements IQueryHandler<GetComplaintEvents, { events: EventView[] }> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(COMPLAINT_CODEC) private readonly codec: ComplaintCodec,
  ) {}

  async execute({ complaintId, actor }: GetComplaintEvents): Promise<{ events: EventView[] }> {
    const loaded = await loadComplaint(this.store, this.codec, complaintId);
    if (loaded.revision < 0) throw new ComplaintNotFound(complaintId);
    return { events: viewEvents(loaded.events, complaintOf(loaded.state)!, actor) };
  }
}

export interface ComplaintPage {
  items: ComplaintSummary[];
  /** Pass as `cursor` for the next page; absent on the last one. */
  nextCursor?: string;
}

const FILTERS = ['state', 'department', 'category', 'assignee'] as const;
const MAX_LIMIT = 100;

export class ListComplaints {
  constructor(
    readonly filters: Partial<Record<(typeof FILTERS)[number], string>>,
    readonly limit: number,
    readonly cursor?: { receivedAt: string; id: string },
  ) {}

  /** Checks the query string: unknown parameters and malformed values are a 400 naming them. */
  static from(query: Record<string, unknown>): ListComplaints {
    const errors: FieldError[] = [];
    const { limit: limitText, cursor: cursorText, ...filters } = queryParameters(query, [...FILTERS, 'limit', 'cursor'], errors);
    if (filters.state && !(LIFECYCLE_STATES as readonly string[]).includes(filters.state)) {
      errors.push({ field: 'state', rule: `must be one of ${LIFECYCLE_STATES.join(', ')}` });
    }
    const limit = limitText === undefined ? 20 : Number(limitText);
    if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) errors.push({ field: 'limit', rule: `must be a whole number from 1 to ${MAX_LIMIT}` });
    let cursor: ListComplaints['cursor'];
    if (cursorText !== undefined) {
      const [receivedAt, id] = decodeCursor(cursorText) ?? [];
      if (typeof receivedAt === 'string' && typeof id === 'string' && parseInstant(receivedAt) !== undefined) cursor = { receivedAt, id };
      else errors.push({ field: 'cursor', rule: 'must be a nextCursor returned by this list' });
    }
    if (errors.length > 0) throw new BadRequest(errors);
    return new ListComplaints(filters, limit, cursor);
  }
}

@QueryHandler(ListComplaints)
export class ListComplaintsHandler implements IQueryHandler<ListComplaints, ComplaintPage> {
  constructor(@Inject(READ_MODELS) private readonly readModels: ReadModelDatabase) {}

  async execute({ filters, limit, cursor }: ListComplaints): Promise<ComplaintPage> {
    const where: string[] = [];
    const params: unknown[] = [];
    const add = (clause: (p: string) => string, value: unknown) => {
      params.push(value);
      where.push(clause(`$${params.length}`));
    };
    if (filters.state) add((p) => `state = ${p}`, filters.state);
    if (filters.department) add((p) => `department = ${p}`, filters.department);
    if (filters.category) add((p) => `category = ${p}`, filters.category);
    if (filters.assignee) add((p) => `handler = ${p}`, filters.assignee);
    if (cursor) {
      params.push(cursor.receivedAt, cursor.id);
      where.push(`(received_at, id) < ($${params.length - 1}::timestamptz, $${params.length})`);
    }
    params.push(limit + 1);
    const rows = await this.readModels.sql.query<Parameters<typeof summaryOf>[0]>(
      `SELECT * FROM ${this.readModels.s}.complaint_list ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
       ORDER BY received_at DESC, id DESC LIMIT $${params.length}`,
      params,
    );
    const items = rows.slice(0, limit).map(summaryOf);
    const last = items[items.length - 1];
    return rows.length > limit && last ? { items, nextCursor: encodeCursor([last.receivedAt, last.id]) } : { items };
  }
}
