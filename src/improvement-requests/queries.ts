import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { Catalog } from '../../domain/catalog.js';
import { IMPROVEMENT_STATES, OWING_STATES } from '../../domain/improvement/lifecycle.js';
import { BadRequest, checkedId, checkOneOf, queryParameters, type FieldError } from '../http/index.js';
import { READ_MODELS, type ReadModelDatabase } from '../read-models/index.js';
import { EVENT_STORE, type EventStore } from '../event-store/index.js';
import type { ImprovementSummary } from '../../projections/improvement-requests.js';
import { ImprovementRequestNotFound } from './errors.js';
import { summaryOf, type ImprovementRow } from './improvement-requests.read-model.js';
import { loadImprovementRequest, type LoadedImprovementRequest } from './load-request.js';

export class GetImprovementRequest {
  constructor(readonly requestId: string) {}
}

@QueryHandler(GetImprovementRequest)
export class GetImprovementRequestHandler implements IQueryHandler<GetImprovementRequest, LoadedImprovementRequest> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async execute({ requestId }: GetImprovementRequest): Promise<LoadedImprovementRequest> {
    const loaded = await loadImprovementRequest(this.store, requestId);
    if (loaded.revision < 0) throw new ImprovementRequestNotFound(requestId);
    return loaded;
  }
}

export interface ImprovementListItem extends Omit<ImprovementSummary, 'request'> {
  department: string;
  change: string;
  requestedAt: string;
  dueOn: string;
  complaints: string[];
  overdue: boolean;
}

const FILTERS = ['department', 'state', 'overdue', 'complaint'] as const;
/** The states a request filed can be in: `new` is the machine's before the filing, no request's. */
const FILED_STATES = IMPROVEMENT_STATES.filter((state) => state !== 'new');
const OWING = `state = ANY('{${OWING_STATES.join(',')}}'::text[])`;

/** `complaint`: the requests a complaint led to. `overdue=true`: owed and past the due date, on `today` in the calendar's zone. */
export class ListImprovementRequests {
  constructor(
    readonly filters: Partial<Record<(typeof FILTERS)[number], string>>,
    readonly today: string,
  ) {}

  static from(query: Record<string, unknown>, today: string, catalog: Catalog): ListImprovementRequests {
    const errors: FieldError[] = [];
    const filters = queryParameters(query, FILTERS, errors);
    const departments = catalog.departments.map((d) => d.code);
    checkOneOf(filters.department, 'department', departments, errors);
    checkOneOf(filters.state, 'state', FILED_STATES, errors);
    if (filters.overdue !== undefined && !['true', 'false'].includes(filters.overdue)) errors.push({ field: 'overdue', rule: 'must be true or false' });
    if (filters.complaint !== undefined) {
      try {
        checkedId(filters.complaint, 'complaint');
      } catch (error) {
        errors.push(...(error as BadRequest).errors);
      }
    }
    if (errors.length > 0) throw new BadRequest(errors);
    return new ListImprovementRequests(filters, today);
  }
}

@QueryHandler(ListImprovementRequests)
export class ListImprovementRequestsHandler implements IQueryHandler<ListImprovementRequests, { items: ImprovementListItem[] }> {
  constructor(@Inject(READ_MODELS) private readonly readModels: ReadModelDatabase) {}

  async execute({ filters, today }: ListImprovementRequests): Promise<{ items: ImprovementListItem[] }> {
    const params: unknown[] = [today];
    const where: string[] = [];
    const add = (clause: (p: string) => string, value: unknown) => {
      params.push(value);
      where.push(clause(`$${params.length}`));
    };
    if (filters.department) add((p) => `department = ${p}`, filters.department);
    if (filters.state) add((p) => `state = ${p}`, filters.state);
    if (filters.complaint) add((p) => `${p} = ANY(complaint_ids)`, filters.complaint);
    if (filters.overdue) where.push(filters.overdue === 'true' ? `(${OWING} AND due_on < $1::date)` : `NOT (${OWING} AND due_on < $1::date)`);
    const { sql, s } = this.readModels;
    const rows = await sql.query<ImprovementRow & { overdue: boolean }>(
      `SELECT *, (${OWING} AND due_on < $1::date) AS overdue FROM ${s}.improvement_requests ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY due_on, id LIMIT 500`,
      params,
    );
    return {
      items: rows.map((row) => {
        const { request, ...summary } = summaryOf(row);
        return { ...summary, department: request.department, change: request.change, requestedAt: request.requestedAt, dueOn: request.dueOn, complaints: request.complaints, overdue: row.overdue };
      }),
    };
  }
}

export class ImprovementReport {
  constructor(
    readonly today: string,
    readonly timeZone: string,
  ) {}
}

export interface ImprovementReportView {
  /** Per department: requests still owing the result, how many of them overdue, the nearest due date, declines awaiting the committee. */
  byDepartment: { department: string; open: number; overdue: number; nextDueOn: string | null; awaitingCommittee: number; averageDaysToImplement: number | null }[];
  /** From the request to the change made, in calendar days, over all implemented requests. */
  averageDaysToImplement: number | null;
  /** Requests filed per quarter (in the calendar's time zone) and where each stands now. */
  quarters: { quarter: string; requested: number; outcomes: Record<string, number> }[];
}

@QueryHandler(ImprovementReport)
export class ImprovementReportHandler implements IQueryHandler<ImprovementReport, ImprovementReportView> {
  constructor(@Inject(READ_MODELS) private readonly readModels: ReadModelDatabase) {}

  async execute({ today, timeZone }: ImprovementReport): Promise<ImprovementReportView> {
    const { sql, s } = this.readModels;
    const days = `extract(epoch FROM implemented_at - requested_at) / 86400`;
    const departments = await sql.query<{ department: string; open: string | number; overdue: string | number; next_due_on: string | null; awaiting: string | number; avg_days: string | number | null }>(
      `SELECT department, count(*) FILTER (WHERE ${OWING}) AS open, count(*) FILTER (WHERE ${OWING} AND due_on < $1::date) AS overdue,
         to_char(min(due_on) FILTER (WHERE ${OWING}), 'YYYY-MM-DD') AS next_due_on,
         count(*) FILTER (WHERE state = 'declined' AND NOT decline_accepted) AS awaiting, avg(${days}) AS avg_days
       FROM ${s}.improvement_requests GROUP BY department ORDER BY department`,
      [today],
    );
    const [overall] = await sql.query<{ avg_days: string | number | null }>(`SELECT avg(${days}) AS avg_days FROM ${s}.improvement_requests`);
    const quarters = await sql.query<{ quarter: string; state: string; n: string | number }>(
      `SELECT to_char(requested_at AT TIME ZONE $1, 'YYYY-"Q"Q') AS quarter, state, count(*) AS n FROM ${s}.improvement_requests GROUP BY 1, 2 ORDER BY 1, 2`,
      [timeZone],
    );
    const byQuarter = new Map<string, { quarter: string; requested: number; outcomes: Record<string, number> }>();
    for (const { quarter, state, n } of quarters) {
      const entry = byQuarter.get(quarter) ?? { quarter, requested: 0, outcomes: {} };
      entry.requested += Number(n);
      entry.outcomes[state] = Number(n);
      byQuarter.set(quarter, entry);
    }
    const rounded = (value: string | number | null | undefined) => (value === null || value === undefined ? null : Math.round(Number(value) * 10) / 10);
    return {
      byDepartment: departments.map((d) => ({
        department: d.department, open: Number(d.open), overdue: Number(d.overdue), nextDueOn: d.next_due_on, awaitingCommittee: Number(d.awaiting), averageDaysToImplement: rounded(d.avg_days),
      })),
      averageDaysToImplement: rounded(overall?.avg_days),
      quarters: [...byQuarter.values()],
    };
  }
}
