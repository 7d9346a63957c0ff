import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { Catalog } from '../../domain/catalog.js';
import { maySeePersonalData, personalDataAccess, seesPseudonymousKeys, showsEmployeeMeasures, type Actor } from '../../domain/access.js';
import { parseReference } from '../../domain/complaint/reference.js';
import { isHidden } from '../../domain/complaint/redaction.js';
import { complaintOf } from '../../domain/complaint/decider.js';
import { LIFECYCLE_STATES } from '../../domain/complaint/lifecycle.js';
import { informationOverdue, type ComplaintSummary } from '../../projections/complaint-list.js';
import { SLA_STATUSES } from '../../projections/sla.js';
import { workingClockOf } from '../../projections/working-clock.js';
import { APP_CONFIG, calendarOf, performanceOf, type AppConfig } from '../config/index.js';
import { COMPLAINT_CODEC, complaintIdFor, HistoryDamaged, loadComplaint, type ComplaintAtRevision, type ComplaintCodec } from '../complaint-stream/index.js';
import { EVENT_STORE, type EventStore } from '../event-store/index.js';
import { BadRequest, checkOneOf, decodeCursor, encodeCursor, isId, parseInstant, queryParameters, type FieldError } from '../http/index.js';
import { READ_MODELS, type ReadModelDatabase } from '../read-models/index.js';
import { HANDLING_PERIODS_TABLE } from '../reports/index.js';
import { SLA_STATUS_SQL } from '../reports/nest.js';
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
export class GetComplaintEventsHandler implements IQueryHandler<GetComplaintEvents, { complaintId: string; events: EventView[] }> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(COMPLAINT_CODEC) private readonly codec: ComplaintCodec,
  ) {}

  async execute({ complaintId, actor, reason }: GetComplaintEvents): Promise<{ complaintId: string; events: EventView[] }> {
    const loaded = await loadComplaint(this.store, this.codec, complaintId);
    if (loaded.revision < 0) throw new ComplaintNotFound(complaintId);
    const complaint = complaintOf(loaded.state)!;
    const personal = personalDataAccess(actor, complaint, reason) !== 'none';
    return { complaintId, events: viewEvents(loaded.events, personal, showsEmployeeMeasures(actor, complaint, personal), seesPseudonymousKeys(actor)) };
  }
}

/** How many cases one request may ask the subject lines of. */
export const MAX_SUBJECT_IDS = 100;
const SUBJECT_WORDS = 8;
/** A subject line's most characters (Unicode code points), its ellipsis apart: one long unbroken "word" is cut too. */
export const SUBJECT_MAX_CHARACTERS = 100;

/** A case's subject line: the first words of its description, at most SUBJECT_MAX_CHARACTERS (`…` where it goes on). */
export function subjectLine(description: string): string {
  const words = description.trim().split(/\s+/);
  const line = words.slice(0, SUBJECT_WORDS).join(' ');
  const characters = Array.from(line);
  if (characters.length > SUBJECT_MAX_CHARACTERS) return `${characters.slice(0, SUBJECT_MAX_CHARACTERS).join('').trimEnd()}…`;
  return line + (words.length > SUBJECT_WORDS ? ' …' : '');
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
        // A case whose stored history is damaged has no subject line to give; its own page says why.
        const loaded = id === undefined ? undefined : await loadComplaint(this.store, this.codec, id).catch((error: unknown) => {
          if (error instanceof HistoryDamaged) return null;
          throw error;
        });
        if (loaded === null) return { id: id!, subject: null };
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
const FILTERS = ['state', 'department', 'involving', 'category', 'assignee', 'sla'] as const;
const MAX_LIMIT = 100;
/** The `state` filter: a lifecycle state, or `open` for every state a case is handled in (not closed), as an inbox lists them in one order. */
export const STATE_FILTERS = [...LIFECYCLE_STATES, 'open'] as const;
const OPEN_STATES = LIFECYCLE_STATES.filter((state) => state !== 'new' && state !== 'closed');
/** `newest`: urgent cases first, then the newest; `urgency`: as an inbox works them (urgent, breached, at risk, on track, due first, oldest). */
export const LIST_ORDERS = ['newest', 'urgency'] as const;
export type ListOrder = (typeof LIST_ORDERS)[number];

/** Where a page ended: the sort key of its last row, in the list's order. */
type ListCursor = { order: 'newest'; urgent: boolean; receivedAt: string; id: string } | { order: 'urgency'; key: [number, number, string | null, string, string] };

export class ListComplaints {
  constructor(
    readonly filters: Partial<Record<(typeof FILTERS)[number], string>>,
    readonly limit: number,
    readonly now: string,
    readonly cursor?: ListCursor,
    readonly order: ListOrder = 'newest',
  ) {}

  /** Checks the query string: unknown parameters, malformed values and codes not in the catalog are a 400 naming them. */
  static from(query: Record<string, unknown>, now: string, catalog: Catalog): ListComplaints {
    const errors: FieldError[] = [];
    const { limit: limitText, cursor: cursorText, order: orderText, ...filters } = queryParameters(query, [...FILTERS, 'limit', 'cursor', 'order'], errors);
    // As GET /reports/quarterly and GET /improvement-requests: a department or category the catalog does not know is no filter.
    const departments = catalog.departments.map((d) => d.code);
    const categories = catalog.categories.map((c) => c.code);
    checkOneOf(filters.department, 'department', departments, errors);
    checkOneOf(filters.involving, 'involving', departments, errors);
    checkOneOf(filters.category, 'category', categories, errors);
    checkOneOf(filters.state || undefined, 'state', STATE_FILTERS, errors);
    checkOneOf(filters.sla || undefined, 'sla', SLA_STATUSES, errors);
    const order = (orderText ?? 'newest') as ListOrder;
    checkOneOf(order, 'order', LIST_ORDERS, errors);
    const limit = limitText === undefined ? 20 : Number(limitText);
    if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) errors.push({ field: 'limit', rule: `must be a whole number from 1 to ${MAX_LIMIT}` });
    let cursor: ListCursor | undefined;
    if (cursorText !== undefined) {
      cursor = order === 'urgency' ? urgencyCursor(decodeCursor(cursorText)) : newestCursor(decodeCursor(cursorText));
      if (!cursor) errors.push({ field: 'cursor', rule: 'must be a nextCursor returned by this list in this order' });
    }
    if (errors.length > 0) throw new BadRequest(errors);
    return new ListComplaints(filters, limit, now, cursor, order);
  }
}

function newestCursor(key: unknown[] | undefined): ListCursor | undefined {
  const [urgent, receivedAt, id, ...rest] = key ?? [];
  return rest.length === 0 && typeof urgent === 'boolean' && typeof receivedAt === 'string' && typeof id === 'string' && parseInstant(receivedAt) !== undefined
    ? { order: 'newest', urgent, receivedAt, id }
    : undefined;
}

function urgencyCursor(key: unknown[] | undefined): ListCursor | undefined {
  const [urgent, status, dueAt, receivedAt, id, ...rest] = key ?? [];
  const rank = (n: unknown): n is number => Number.isInteger(n) && (n as number) >= 0 && (n as number) <= SLA_STATUSES.length;
  return rest.length === 0 && rank(urgent) && rank(status) && (dueAt === null || (typeof dueAt === 'string' && parseInstant(dueAt) !== undefined)) &&
    typeof receivedAt === 'string' && parseInstant(receivedAt) !== undefined && typeof id === 'string'
    ? { order: 'urgency', key: [urgent, status, dueAt, receivedAt, id] }
    : undefined;
}

/** Most urgent first: breached, at risk, on track, met, not applicable, none (a case the SLA read model has not seen yet). */
const SLA_RANK = `CASE sla.status WHEN 'breached' THEN 0 WHEN 'at-risk' THEN 1 WHEN 'on-track' THEN 2 WHEN 'met' THEN 3 WHEN 'not-applicable' THEN 4 ELSE 5 END`;

type ListRow = Parameters<typeof summaryOf>[0] & { urgent_rank: number; sla_rank: number; sla_due_at: Date | string | null };

/** A department's handlers: those its running cases are assigned to, with how many each holds. */
export class ListHandlers {
  constructor(readonly department: string) {}

  /** `department` is required and must be the catalog's: a 400 naming it otherwise. */
  static from(query: Record<string, unknown>, catalog: Catalog): ListHandlers {
    const errors: FieldError[] = [];
    const { department } = queryParameters(query, ['department'], errors);
    // A department given twice or malformed is refused once, as queryParameters words it.
    if (errors.some((e) => e.field === 'department')) throw new BadRequest(errors);
    if (department === undefined || department === '') errors.push({ field: 'department', rule: 'is required' });
    else checkOneOf(department, 'department', catalog.departments.map((d) => d.code), errors);
    if (errors.length > 0) throw new BadRequest(errors);
    return new ListHandlers(department!);
  }
}

export interface DepartmentHandler {
  handler: string;
  /** Its cases of the department that still run (assigned, investigated, decided). */
  openCases: number;
}

@QueryHandler(ListHandlers)
export class ListHandlersHandler implements IQueryHandler<ListHandlers, { items: DepartmentHandler[] }> {
  constructor(@Inject(READ_MODELS) private readonly readModels: ReadModelDatabase) {}

  async execute({ department }: ListHandlers): Promise<{ items: DepartmentHandler[] }> {
    const rows = await this.readModels.sql.query<{ handler: string; open_cases: number }>(
      `SELECT handler, count(*)::integer AS open_cases FROM ${this.readModels.s}.complaint_list
       WHERE department = $1 AND handler IS NOT NULL AND state IN ('assigned', 'investigated', 'decided')
       GROUP BY handler ORDER BY handler`,
      [department],
    );
    return { items: rows.map((r) => ({ handler: r.handler, openCases: r.open_cases })) };
  }
}

@QueryHandler(ListComplaints)
export class ListComplaintsHandler implements IQueryHandler<ListComplaints, ComplaintPage> {
  private readonly clock;
  private readonly atRiskShare: number;

  constructor(
    @Inject(READ_MODELS) private readonly readModels: ReadModelDatabase,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.clock = workingClockOf(calendarOf(config));
    this.atRiskShare = performanceOf(config).atRiskShare;
  }

  async execute({ filters, limit, now, cursor, order }: ListComplaints): Promise<ComplaintPage> {
    const where: string[] = [];
    const params: unknown[] = [now, this.clock.reading(Date.parse(now)), this.atRiskShare];
    const add = (clause: (p: string) => string, value: unknown) => {
      params.push(value);
      where.push(clause(`$${params.length}`));
    };
    if (filters.state === 'open') add((p) => `state = ANY(${p})`, OPEN_STATES);
    else if (filters.state) add((p) => `state = ${p}`, filters.state);
    if (filters.department) add((p) => `department = ${p}`, filters.department);
    if (filters.involving) add((p) => `(department = ${p} OR ${p} = ANY(cooperating_departments))`, filters.involving);
    if (filters.category) add((p) => `category = ${p}`, filters.category);
    if (filters.assignee) add((p) => `handler = ${p}`, filters.assignee);
    if (filters.sla) add((p) => `sla_status = ${p}`, filters.sla);
    const first = params.length + 1;
    if (cursor?.order === 'newest') {
      params.push(cursor.urgent, cursor.receivedAt, cursor.id);
      where.push(`(${URGENT}, received_at, id) < ($${first}::boolean, $${first + 1}::timestamptz, $${first + 2})`);
    }
    if (cursor?.order === 'urgency') {
      params.push(...cursor.key);
      where.push(
        `(urgent_rank, sla_rank, coalesce(sla_due_at, 'infinity'), received_at, id) > ($${first}::int, $${first + 1}::int, coalesce($${first + 2}::timestamptz, 'infinity'), $${first + 3}::timestamptz, $${first + 4})`,
      );
    }
    params.push(limit + 1);
    // Urgent cases (safety, health) first (CCMS principle 7); then the newest, or as an inbox works them.
    const orderBy = order === 'urgency' ? `urgent_rank, sla_rank, sla_due_at ASC NULLS LAST, received_at, id` : `${URGENT} DESC, received_at DESC, id DESC`;
    const rows = await this.readModels.sql.query<ListRow>(
      `SELECT * FROM (
         SELECT l.*, CASE WHEN ${URGENT} THEN 0 ELSE 1 END AS urgent_rank, sla.status AS sla_status, ${SLA_RANK} AS sla_rank, sla.due_at AS sla_due_at
         FROM ${this.readModels.s}.complaint_list l
         LEFT JOIN LATERAL (
           SELECT ${SLA_STATUS_SQL} AS status, due_at FROM ${this.readModels.s}.${HANDLING_PERIODS_TABLE} h WHERE h.complaint_id = l.id ORDER BY h.period DESC LIMIT 1
         ) sla ON true
       ) listed ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
       ORDER BY ${orderBy} LIMIT $${params.length}`,
      params,
    );
    const items = rows.slice(0, limit).map((row) => {
      const summary = summaryOf(row);
      return { ...summary, informationOverdue: informationOverdue(summary, now) };
    });
    const last = rows.length > limit ? rows[limit - 1] : undefined;
    if (!last) return { items };
    const receivedAt = new Date(last.received_at).toISOString();
    const key =
      order === 'urgency'
        ? [Number(last.urgent_rank), Number(last.sla_rank), last.sla_due_at === null ? null : new Date(last.sla_due_at).toISOString(), receivedAt, last.id]
        : [last.priority === 'urgent', receivedAt, last.id];
    return { items, nextCursor: encodeCursor(key) };
  }
}
