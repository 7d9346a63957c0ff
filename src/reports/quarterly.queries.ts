import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { CHANNELS, satisfactionElementsOf, type Catalog } from '../../domain/catalog.js';
import { flaggedWithCasesIn, repeatOffenders, yearBounds } from '../../projections/repeat-offenders.js';
import { emptySummary, filterKeyOf, FILTER_DIMENSIONS, previousQuarter, quarterBounds, quarterlyReport, quarterPeriod, storedFilters, totalsOfSummary, UNASSIGNED, type Filters, type Quarter, type QuarterlyReport, type QuarterPeriod, type QuarterSummary } from '../../projections/quarterly.js';
import { itemsOf, itemWeights } from '../../projections/satisfaction-index.js';
import { BadRequest, queryParameters, type FieldError } from '../http/index.js';
import { quarterParameter } from './quarter-parameter.js';
import { fromJson } from '../read-models/index.js';
import { QUARTERLY_TABLE } from './handling-periods.read-model.js';
import { substantiatedFindings } from './repeat-offenders.queries.js';
import { Reporting } from './reporting.js';

const FILTERS = FILTER_DIMENSIONS;

export class GetQuarterlyReport {
  constructor(
    readonly quarter: Quarter,
    readonly filters: Filters,
  ) {}

  /** Checks the query string: unknown parameters and malformed values are a 400 naming them. */
  static from(query: Record<string, unknown>, catalog: Catalog): GetQuarterlyReport {
    const errors: FieldError[] = [];
    const known: Record<(typeof FILTERS)[number], readonly string[]> = {
      // `unassigned`: the cases no department handled, so that the departments' figures add up to the whole.
      department: [...catalog.departments.map((d) => d.code), UNASSIGNED],
      category: catalog.categories.map((c) => c.code),
      channel: CHANNELS,
    };
    const { quarter, ...given } = queryParameters(query, ['quarter', ...FILTERS], errors);
    const filters: Filters = {};
    for (const filter of FILTERS) {
      const value = given[filter];
      if (value === undefined) continue;
      if (known[filter].includes(value)) filters[filter] = value;
      else errors.push({ field: filter, rule: `must be one of ${known[filter].join(', ')}` });
    }
    const checked = quarterParameter(quarter, errors);
    if (errors.length > 0 || checked === undefined) throw new BadRequest(errors);
    return new GetQuarterlyReport(checked, filters);
  }
}

export interface QuarterlyAnswer extends QuarterlyReport {
  timeZone: string;
  filters: Filters;
  /** The quarter's bounds and whether it has begun, is under way or is over at `asOf`; the previous quarter's likewise. */
  period: QuarterPeriod;
  previousPeriod: QuarterPeriod;
  /** When the answer was made (the service's clock): a quarter under way, or one not begun, has its figures so far. */
  asOf: string;
}

/**
 * The quarter's and the previous quarter's summaries for the filters asked, and the cases open at
 * each quarter's end (periods opened minus periods ended, summed over the quarters up to it): one
 * statement over the quarterly summaries, a row per quarter, whatever the number of cases.
 */
const REPORT_SQL = (t: string) => `SELECT
  (SELECT summary FROM ${t} WHERE filter_by = $3 AND filter_values = $4 AND quarter = $1) AS current,
  (SELECT summary FROM ${t} WHERE filter_by = $3 AND filter_values = $4 AND quarter = $2) AS previous,
  (SELECT json_build_array(
     coalesce(sum(coalesce((summary->'counters'->>'opened')::bigint, 0) - coalesce((summary->'counters'->>'ended')::bigint, 0)), 0),
     coalesce(sum(coalesce((summary->'counters'->>'opened')::bigint, 0) - coalesce((summary->'counters'->>'ended')::bigint, 0)) FILTER (WHERE quarter <= $2), 0))
   FROM ${t} WHERE filter_by = $3 AND filter_values = $4 AND quarter <= $1) AS open`;

const parsed = <T>(value: unknown): T | null => (value === null || value === undefined ? null : fromJson<T>(value));

@QueryHandler(GetQuarterlyReport)
export class GetQuarterlyReportHandler implements IQueryHandler<GetQuarterlyReport, QuarterlyAnswer> {
  constructor(private readonly reporting: Reporting) {}

  async execute({ quarter, filters }: GetQuarterlyReport): Promise<QuarterlyAnswer> {
    const previous = previousQuarter(quarter);
    const { filterBy, values } = filterKeyOf(storedFilters(filters));
    const { db, calendar, performance, catalog } = this.reporting;
    const asOf = this.reporting.now();
    const elements = satisfactionElementsOf(catalog).map((e) => e.code);
    const [row] = await db.sql.query(REPORT_SQL(`${db.s}.${QUARTERLY_TABLE}`), [quarter, previous, filterBy, values]);
    const open = parsed<[number | string, number | string]>(row?.open) ?? [0, 0];
    const period = quarterPeriod(quarter, calendar.timeZone, asOf);
    const previousPeriod = quarterPeriod(previous, calendar.timeZone, asOf);
    // A quarter not begun has no end to count open cases or flagged subjects at: today's count would read as its.
    const begun = (p: QuarterPeriod) => p.status !== 'not-started';
    const report = quarterlyReport(
      quarter,
      totalsOfSummary(parsed<QuarterSummary>(row?.current) ?? emptySummary(), begun(period) ? Number(open[0]) : null, elements),
      totalsOfSummary(parsed<QuarterSummary>(row?.previous) ?? emptySummary(), begun(previousPeriod) ? Number(open[1]) : null, elements),
      itemWeights(itemsOf(elements), performance.satisfactionImportance),
    );
    const flagged = {
      value: begun(period) ? await this.repeatOffendersFlagged(quarter, filters) : null,
      previous: begun(previousPeriod) ? await this.repeatOffendersFlagged(previous, filters) : null,
    };
    return { ...report, figures: { ...report.figures, repeatOffendersFlagged: flagged }, timeZone: calendar.timeZone, filters, period, previousPeriod, asOf };
  }

  /**
   * Subjects (employees, units, suppliers) the repeat-offender rule flags by the quarter's end: complaints
   * for the same reason substantiated at the threshold or more in the quarter's year, counting cases received
   * from 1 January to the quarter's end (CCMS: 동일한 사유로 고객불만을 년 3회 이상). The rule counts a subject's
   * findings across the organisation; with filters, the flagged subjects with a counted case that matches them.
   */
  private async repeatOffendersFlagged(quarter: Quarter, filters: Filters): Promise<number> {
    const { db, catalog, calendar, thresholds } = this.reporting;
    const year = Number(quarter.slice(0, 4));
    const { end } = quarterBounds(quarter, calendar.timeZone);
    const { from } = yearBounds(year, calendar.timeZone);
    const offenders = repeatOffenders(await substantiatedFindings(db, catalog, from, end), { year, timeZone: calendar.timeZone, threshold: thresholds.repeatOffenderThreshold });
    if (Object.keys(filters).length === 0) return offenders.filter((o) => o.flagged).length;
    const matching = new Set((await substantiatedFindings(db, catalog, from, end, filters)).map((f) => f.complaintId));
    return flaggedWithCasesIn(offenders, (id) => matching.has(id));
  }
}
