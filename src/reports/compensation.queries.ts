import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { compensationTotals, type CompensationTotal } from '../../projections/compensation.js';
import { quarterBounds, type Quarter } from '../../projections/quarterly.js';
import { quarterParameter } from './quarter-parameter.js';
import { BadRequest, queryParameters, type FieldError } from '../http/index.js';
import { compensationCaseOf, type CompensationRow } from './compensation.read-model.js';
import { Reporting } from './reporting.js';

export interface CompensationReport {
  quarter: Quarter;
  /** Per department, trigger and currency: granted by decisions in the quarter, handed over in the quarter. */
  totals: CompensationTotal[];
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

/** The compensation granted and handed over in a quarter (in the calendar's time zone), per department, trigger and currency. */
@QueryHandler(GetCompensationReport)
export class GetCompensationReportHandler implements IQueryHandler<GetCompensationReport, CompensationReport> {
  constructor(private readonly reporting: Reporting) {}

  async execute({ quarter }: GetCompensationReport): Promise<CompensationReport> {
    const { sql, s } = this.reporting.db;
    const { start, end } = quarterBounds(quarter, this.reporting.calendar.timeZone);
    const rows = await sql.query<CompensationRow>(
      `SELECT * FROM ${s}.compensation_cases
       WHERE (decided_at >= $1::timestamptz AND decided_at < $2::timestamptz) OR (provided_at >= $1::timestamptz AND provided_at < $2::timestamptz)`,
      [start, end],
    );
    return { quarter, totals: compensationTotals(rows.map(compensationCaseOf), start, end) };
  }
}
