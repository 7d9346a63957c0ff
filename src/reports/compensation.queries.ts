import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { compensationPolicyOf } from '../../domain/catalog.js';
import { compensationReport, type CompensationFollowUp, type CompensationTotal } from '../../projections/compensation.js';
import { quarterPeriod, type Quarter, type QuarterPeriod } from '../../projections/quarterly.js';
import { quarterParameter } from './quarter-parameter.js';
import { BadRequest, queryParameters, type FieldError } from '../http/index.js';
import { compensationCaseOf, type CompensationRow } from './compensation.read-model.js';
import { Reporting } from './reporting.js';

export interface CompensationReport {
  quarter: Quarter;
  /** The quarter's bounds and where it stands at `asOf`, as in the quarterly report: a quarter not begun has no figures (nothing granted in it, nothing outstanding at its end). */
  period: QuarterPeriod;
  asOf: string;
  /**
   * Per department, trigger and currency: granted in the quarter, handed over in it, owed and not
   * granted, and granted by its end and not handed over by then. Granted and owed count cases (the
   * policy's "건당"), each by its last decision in the quarter.
   */
  totals: CompensationTotal[];
  /** The cases behind `owed` and `outstanding`, one line per case and kind, by decision time, with their references. */
  followUp: (CompensationFollowUp & { reference: string | null })[];
}

export class GetCompensationReport {
  constructor(readonly quarter: Quarter) {}

  /** `?quarter=2026-Q3`, required; anything else is a 400 naming the field. */
  static from(query: Record<string, unknown>): GetCompensationReport {
    const errors: FieldError[] = [];
    const quarter = quarterParameter(queryParameters(query, ['quarter'], errors).quarter, errors);
    if (errors.length > 0 || quarter === undefined) throw new BadRequest(errors);
    return new GetCompensationReport(quarter);
  }
}

/** The compensation granted, handed over, owed and outstanding in a quarter (in the calendar's time zone), per department, trigger and currency. */
@QueryHandler(GetCompensationReport)
export class GetCompensationReportHandler implements IQueryHandler<GetCompensationReport, CompensationReport> {
  constructor(private readonly reporting: Reporting) {}

  async execute({ quarter }: GetCompensationReport): Promise<CompensationReport> {
    const { sql, s } = this.reporting.db;
    const asOf = this.reporting.now();
    const period = quarterPeriod(quarter, this.reporting.calendar.timeZone, asOf);
    // Today's open grants would read as outstanding at the end of a quarter still to come.
    if (period.status === 'not-started') return { quarter, period, asOf, totals: [], followUp: [] };
    const { start, end } = period;
    // The cases that can count in the quarter: decided before its end, and with something in it or after it, or a grant still open.
    const rows = await sql.query<CompensationRow & { reference: string | null }>(
      `SELECT c.*, l.reference FROM ${s}.compensation_cases c LEFT JOIN ${s}.complaint_list l ON l.id = c.complaint_id
       WHERE c.counts AND c.first_decided_at < $2::timestamptz AND (c.last_activity_at >= $1::timestamptz OR c.grant_open)`,
      [start, end],
    );
    const references = new Map(rows.map((r) => [r.complaint_id, r.reference]));
    const { totals, followUp } = compensationReport(rows.map(compensationCaseOf), start, end, compensationPolicyOf(this.reporting.catalog));
    return { quarter, period, asOf, totals, followUp: followUp.map((f) => ({ ...f, reference: references.get(f.complaintId) ?? null })) };
  }
}
