import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { Actor } from '../../domain/access.js';
import { complaintOf } from '../../domain/complaint/decider.js';
import { LIFECYCLE_STATES } from '../../domain/complaint/lifecycle.js';
import type { ComplaintSummary } from '../../projections/complaint-list.js';
import type { EventStore } from '../event-store/event-store.js';
import type { SqlClient } from '../event-store/postgres/sql-client.js';
import { BadRequest } from '../http/error-filter.js';
import { COMPLAINT_CODEC, EVENT_STORE, READ_MODELS } from '../tokens.js';
import type { ComplaintCodec } from './complaint-codec.js';
import { loadComplaint, type ComplaintAtRevision } from './complaint-stream.js';
import { viewEvents, type EventView } from './complaint-view.js';
import { ComplaintNotFound } from './errors.js';

export interface ReadModels {
  sql: SqlClient;
  /** Quoted schema name. */
  s: string;
}

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
  static from(query: Record<string, unknown>, _actor: Actor): ListComplaints {
    const errors: { field: string; rule: string }[] = [];
    const filters: ListComplaints['filters'] = {};
    for (const [key, value] of Object.entries(query)) {
      if (typeof value !== 'string' || value.length > 100) errors.push({ field: key, rule: 'must be given once, at most 100 characters' });
      else if ((FILTERS as readonly string[]).includes(key)) filters[key as (typeof FILTERS)[number]] = value;
      else if (key !== 'limit' && key !== 'cursor') errors.push({ field: key, rule: `is not a filter; filters: ${[...FILTERS, 'limit', 'cursor'].join(', ')}` });
    }
    if (filters.state && !(LIFECYCLE_STATES as readonly string[]).includes(filters.state)) {
      errors.push({ field: 'state', rule: `must be one of ${LIFECYCLE_STATES.join(', ')}` });
    }
    const limit = query.limit === undefined ? 20 : Number(query.limit);
    if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) errors.push({ field: 'limit', rule: `must be a whole number from 1 to ${MAX_LIMIT}` });
    let cursor: ListComplaints['cursor'];
    if (typeof query.cursor === 'string') {
      try {
        const [receivedAt, id] = JSON.parse(Buffer.from(query.cursor, 'base64url').toString()) as [string, string];
        if (typeof receivedAt !== 'string' || typeof id !== 'string' || Number.isNaN(Date.parse(receivedAt))) throw new Error();
        cursor = { receivedAt, id };
      } catch {
        errors.push({ field: 'cursor', rule: 'must be a nextCursor returned by this list' });
      }
    }
    if (errors.length > 0) throw new BadRequest(errors);
    return new ListComplaints(filters, limit, cursor);
  }
}

@QueryHandler(ListComplaints)
export class ListComplaintsHandler implements IQueryHandler<ListComplaints, ComplaintPage> {
  constructor(@Inject(READ_MODELS) private readonly readModels: ReadModels) {}

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
    const rows = await this.readModels.sql.query<Record<string, unknown>>(
      `SELECT id, state, category, channel, department, handler, priority, received_at, updated_at, revision
       FROM ${this.readModels.s}.complaint_list ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
       ORDER BY received_at DESC, id DESC LIMIT $${params.length}`,
      params,
    );
    const items = rows.slice(0, limit).map((r) => ({
      id: String(r.id), state: r.state, category: String(r.category), channel: String(r.channel), department: r.department ?? null,
      handler: r.handler ?? null, priority: r.priority ?? null, receivedAt: new Date(r.received_at as string).toISOString(),
      updatedAt: new Date(r.updated_at as string).toISOString(), revision: Number(r.revision),
    })) as ComplaintSummary[];
    const last = items[items.length - 1];
    return rows.length > limit && last
      ? { items, nextCursor: Buffer.from(JSON.stringify([last.receivedAt, last.id])).toString('base64url') }
      : { items };
  }
}
