import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { Catalog, Priority } from '../../domain/catalog.js';
import type { Instant } from '../../domain/working-time/index.js';
import { UNASSIGNED } from '../../projections/quarterly.js';
import { slaFigures, SLA_STATUSES, type HandlingPeriod, type SlaStatus, type SlaStop } from '../../projections/sla.js';
import { workingClockOf } from '../../projections/working-clock.js';
import { BadRequest, decodeCursor, encodeCursor, parseInstant, queryParameters, type FieldError } from '../http/index.js';
import { HANDLING_PERIODS_TABLE, periodOf, URGENT, type PeriodRow } from './handling-periods.read-model.js';
import { Reporting } from './reporting.js';

/** One SLA period of a case as the report shows it. No personal data. */
export interface SlaItem {
  id: string;
  /** 1 from receipt; 2, 3 … after each reopen. */
  period: number;
  category: string;
  department: string | null;
  channel: string;
  receivedAt: Instant;
  startedAt: Instant;
  deadlineDays: number;
  /** Null while the clock is paused (a resume sets it again), unless the case had already breached. */
  dueAt: Instant | null;
  workingHoursUsed: number;
  workingHoursPaused: number;
  shareUsed: number;
  status: SlaStatus;
  breachedAt: Instant | null;
  /** Null once nothing is due: the clock stopped (decision communicated, closed, withdrawn, rejected) with no notice sent. */
  interimNoticeDueAt: Instant | null;
  interimNoticeSentAt: Instant | null;
  interimNoticeMissing: boolean;
  /** The case is open until closed, withdrawn, rejected or (a decided case) reopened into a new period. */
  open: boolean;
  stoppedAt: Instant | null;
  stoppedBy: SlaStop | null;
  /** From the initial assessment: urgent cases (safety, health) come first. */
  priority: Priority | null;
  /** Materials asked of other departments, past their due date and not received. */
  informationOverdue: { requestId: string; department: string; dueAt: Instant }[];
}

export interface SlaReport {
  asOf: Instant;
  atRiskShare: number;
  items: SlaItem[];
  nextCursor?: string;
}

const PARAMETERS = ['complaint', 'status', 'department', 'category', 'open', 'limit', 'cursor'] as const;
const MAX_LIMIT = 1000;

interface Cursor {
  urgent: boolean;
  receivedAt: string;
  id: string;
  period: number;
}

export class GetSlaReport {
  constructor(
    readonly filters: { complaint?: string; status?: SlaStatus; department?: string; category?: string; open?: boolean },
    readonly limit: number,
    readonly now: Instant,
    readonly cursor?: Cursor,
  ) {}

  /** Checks the query string: unknown parameters and malformed values are a 400 naming them. */
  static from(query: Record<string, unknown>, catalog: Catalog, now: Instant): GetSlaReport {
    const errors: FieldError[] = [];
    const text = queryParameters(query, PARAMETERS, errors);
    const filters: GetSlaReport['filters'] = {};
    if (text.complaint !== undefined) {
      if (/^[\w-]{1,100}$/.test(text.complaint)) filters.complaint = text.complaint;
      else errors.push({ field: 'complaint', rule: 'must be a complaint id' });
    }
    if (text.status !== undefined) {
      if ((SLA_STATUSES as readonly string[]).includes(text.status)) filters.status = text.status as SlaStatus;
      else errors.push({ field: 'status', rule: `must be one of ${SLA_STATUSES.join(', ')}` });
    }
    if (text.department !== undefined) {
      // `unassigned`: the periods no department handled, as in the quarterly report.
      const departments = [...catalog.departments.map((d) => d.code), UNASSIGNED];
      if (departments.includes(text.department)) filters.department = text.department;
      else errors.push({ field: 'department', rule: `must be a department: ${departments.join(', ')}` });
    }
    if (text.category !== undefined) {
      if (catalog.categories.some((c) => c.code === text.category)) filters.category = text.category;
      else errors.push({ field: 'category', rule: `must be a category: ${catalog.categories.map((c) => c.code).join(', ')}` });
    }
    if (text.open !== undefined) {
      if (text.open === 'true' || text.open === 'false') filters.open = text.open === 'true';
      else errors.push({ field: 'open', rule: 'must be true or false' });
    }
    const limit = text.limit === undefined ? 100 : Number(text.limit);
    if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) errors.push({ field: 'limit', rule: `must be a whole number from 1 to ${MAX_LIMIT}` });
    let cursor: Cursor | undefined;
    if (text.cursor !== undefined) {
      const [urgent, receivedAt, id, period] = decodeCursor(text.cursor) ?? [];
      if (typeof urgent === 'boolean' && typeof receivedAt === 'string' && parseInstant(receivedAt) !== undefined && typeof id === 'string' && Number.isInteger(period)) {
        cursor = { urgent, receivedAt, id, period: period as number };
      }
      else errors.push({ field: 'cursor', rule: 'must be a nextCursor returned by this report' });
    }
    if (errors.length > 0) throw new BadRequest(errors);
    return new GetSlaReport(filters, limit, now, cursor);
  }
}

/**
 * The SQL twin of `slaAt` (projections/sla.ts), so the status filter runs in the database:
 * $1 now, $2 the working clock's reading now, $3 the at-risk share. The case list filters and orders by it too.
 */
export const STATUS_SQL = `CASE
  WHEN compliment THEN 'not-applicable'
  WHEN breached_at IS NOT NULL OR (clock = 'running' AND due_at < $1::timestamptz) THEN 'breached'
  WHEN ended_as IN ('withdrawn', 'rejected-at-assessment') THEN 'not-applicable'
  WHEN clock = 'stopped' THEN 'met'
  WHEN worked_ms + CASE WHEN clock = 'running' THEN GREATEST($2::bigint - as_of_reading, 0) ELSE 0 END >= $3::float8 * budget_ms THEN 'at-risk'
  ELSE 'on-track' END`;

@QueryHandler(GetSlaReport)
export class GetSlaReportHandler implements IQueryHandler<GetSlaReport, SlaReport> {
  constructor(private readonly reporting: Reporting) {}

  async execute({ filters, limit, now, cursor }: GetSlaReport): Promise<SlaReport> {
    const { db, calendar, performance: { atRiskShare } } = this.reporting;
    const params: unknown[] = [now, workingClockOf(calendar).reading(Date.parse(now)), atRiskShare];
    const where: string[] = [];
    const add = (clause: (p: string) => string, value: unknown) => {
      params.push(value);
      where.push(clause(`$${params.length}`));
    };
    if (filters.complaint) add((p) => `complaint_id = ${p}`, filters.complaint);
    if (filters.status) add((p) => `${STATUS_SQL} = ${p}`, filters.status);
    if (filters.department === UNASSIGNED) where.push('department IS NULL');
    else if (filters.department) add((p) => `department = ${p}`, filters.department);
    if (filters.category) add((p) => `category = ${p}`, filters.category);
    if (filters.open !== undefined) where.push(filters.open ? 'ended_at IS NULL' : 'ended_at IS NOT NULL');
    if (filters.status === 'at-risk' || filters.status === 'on-track') where.push(`clock <> 'stopped'`);
    if (filters.status === 'met') where.push(`clock = 'stopped'`);
    if (cursor) {
      params.push(cursor.urgent, cursor.receivedAt, cursor.id, cursor.period);
      where.push(`(${URGENT}, received_at, complaint_id, period) < ($${params.length - 3}::boolean, $${params.length - 2}::timestamptz, $${params.length - 1}, $${params.length})`);
    }
    params.push(limit + 1);
    // Urgent cases first (CCMS principle 7), then the newest.
    const rows = await db.sql.query<PeriodRow>(
      `SELECT *, ${STATUS_SQL} AS sla_status FROM ${db.s}.${HANDLING_PERIODS_TABLE} ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
       ORDER BY ${URGENT} DESC, received_at DESC, complaint_id DESC, period DESC LIMIT $${params.length}`,
      params,
    );
    const items = rows.slice(0, limit).map((row) => this.item(periodOf(row), now, atRiskShare));
    const last = rows.length > limit ? items[items.length - 1] : undefined;
    return {
      asOf: now,
      atRiskShare,
      items,
      ...(last ? { nextCursor: encodeCursor([last.priority === 'urgent', rows[limit - 1]!.received_at, last.id, last.period]) } : {}),
    };
  }

  private item(p: HandlingPeriod, now: Instant, atRiskShare: number): SlaItem {
    const f = slaFigures(p, now, { calendar: this.reporting.calendar, atRiskShare });
    return {
      id: p.complaintId,
      period: f.period,
      category: p.category,
      department: p.department,
      channel: p.channel,
      receivedAt: p.receivedAt,
      startedAt: f.startedAt,
      deadlineDays: f.deadlineDays,
      dueAt: f.dueAt,
      workingHoursUsed: f.workingHoursUsed,
      workingHoursPaused: f.workingHoursPaused,
      shareUsed: f.shareUsed,
      status: f.status,
      breachedAt: f.breachedAt,
      interimNoticeDueAt: f.interimNoticeDueAt,
      interimNoticeSentAt: f.interimNoticeSentAt,
      interimNoticeMissing: f.interimNoticeMissing,
      open: p.endedAt === null,
      stoppedAt: f.stoppedAt,
      stoppedBy: f.stoppedBy,
      priority: p.priority,
      // Overdue requests have a due time (overdueRequests keeps only those).
      informationOverdue: f.informationOverdue.map((r) => ({ requestId: r.requestId, department: r.department, dueAt: r.dueAt! })),
    };
  }
}

/** Open cases counted by department and SLA status, as the SLA report would list them now (for the metrics). */
export class CountOpenCases {
  constructor(readonly now: Instant) {}
}

export interface OpenCaseCount {
  department: string;
  status: SlaStatus;
  cases: number;
}

@QueryHandler(CountOpenCases)
export class CountOpenCasesHandler implements IQueryHandler<CountOpenCases, OpenCaseCount[]> {
  constructor(private readonly reporting: Reporting) {}

  async execute({ now }: CountOpenCases): Promise<OpenCaseCount[]> {
    const { db, calendar, performance: { atRiskShare } } = this.reporting;
    const rows = await db.sql.query<{ department: string | null; status: SlaStatus; cases: string | number }>(
      `SELECT department, ${STATUS_SQL} AS status, count(*) AS cases FROM ${db.s}.${HANDLING_PERIODS_TABLE}
       WHERE ended_at IS NULL GROUP BY 1, 2`,
      [now, workingClockOf(calendar).reading(Date.parse(now)), atRiskShare],
    );
    // `unassigned`, as the reports' department filter names the cases no department handles yet.
    return rows.map((row) => ({ department: row.department ?? 'unassigned', status: row.status, cases: Number(row.cases) }));
  }
}
