import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { CHANNELS, type Catalog } from '../../domain/catalog.js';
import type { WorkingCalendar } from '../../domain/working-time/index.js';
import { emptySummary, filterKeyOf, FILTER_DIMENSIONS, isQuarter, previousQuarter, quarterlyReport, totalsOfSummary, type Filters, type Quarter, type QuarterlyReport, type QuarterSummary } from '../../projections/quarterly.js';
import { itemWeights } from '../../projections/satisfaction-index.js';
import type { PerformanceConfig } from '../config/config.js';
import type { ReadModels } from '../complaints/queries.js';
import { BadRequest, type FieldError } from '../http/error-filter.js';
import { QUARTERLY_TABLE } from '../projections/handling-periods.projection.js';
import { PERFORMANCE_CONFIG, READ_MODELS, WORKING_CALENDAR } from '../tokens.js';

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
      department: catalog.departments.map((d) => d.code),
      category: catalog.categories.map((c) => c.code),
      channel: CHANNELS,
    };
    const filters: Filters = {};
    for (const [key, value] of Object.entries(query)) {
      if (key !== 'quarter' && !(FILTERS as readonly string[]).includes(key)) {
        errors.push({ field: key, rule: `is not a parameter; parameters: quarter, ${FILTERS.join(', ')}` });
      } else if (typeof value !== 'string' || value.length > 200) {
        errors.push({ field: key, rule: 'must be given once, at most 200 characters' });
      } else if (key !== 'quarter') {
        const filter = key as (typeof FILTERS)[number];
        if (known[filter].includes(value)) filters[filter] = value;
        else errors.push({ field: key, rule: `must be one of ${known[filter].join(', ')}` });
      }
    }
    const quarter = query.quarter;
    if (typeof quarter !== 'string' || !isQuarter(quarter)) {
      if (!errors.some((e) => e.field === 'quarter')) {
        errors.push({ field: 'quarter', rule: quarter === undefined ? 'is required, e.g. 2026-Q3' : 'must be a quarter such as 2026-Q3' });
      }
    }
    if (errors.length > 0) throw new BadRequest(errors);
    return new GetQuarterlyReport(quarter as Quarter, filters);
  }
}

export interface QuarterlyAnswer extends QuarterlyReport {
  timeZone: string;
  filters: Filters;
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

const parsed = <T>(value: unknown): T | null => (value === null || value === undefined ? null : ((typeof value === 'string' ? JSON.parse(value) : value) as T));

@QueryHandler(GetQuarterlyReport)
export class GetQuarterlyReportHandler implements IQueryHandler<GetQuarterlyReport, QuarterlyAnswer> {
  constructor(
    @Inject(READ_MODELS) private readonly readModels: ReadModels,
    @Inject(WORKING_CALENDAR) private readonly calendar: WorkingCalendar,
    @Inject(PERFORMANCE_CONFIG) private readonly performance: PerformanceConfig,
  ) {}

  async execute({ quarter, filters }: GetQuarterlyReport): Promise<QuarterlyAnswer> {
    const previous = previousQuarter(quarter);
    const { filterBy, values } = filterKeyOf(filters);
    const [row] = await this.readModels.sql.query(REPORT_SQL(`${this.readModels.s}.${QUARTERLY_TABLE}`), [quarter, previous, filterBy, values]);
    const open = parsed<[number | string, number | string]>(row?.open) ?? [0, 0];
    const report = quarterlyReport(
      quarter,
      totalsOfSummary(parsed<QuarterSummary>(row?.current) ?? emptySummary(), Number(open[0])),
      totalsOfSummary(parsed<QuarterSummary>(row?.previous) ?? emptySummary(), Number(open[1])),
      itemWeights(this.performance.satisfactionImportance),
    );
    return { ...report, timeZone: this.calendar.timeZone, filters };
  }
}
