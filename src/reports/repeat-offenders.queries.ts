import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { SubjectKind } from '../../domain/catalog.js';
import { repeatComplainants, repeatOffenders, yearBounds, type CaseRef, type Offender, type RepeatComplainant } from '../../projections/repeat-offenders.js';
import { BadRequest, queryParameters, type FieldError } from '../http/index.js';
import { fromJson } from '../read-models/index.js';
import { Reporting } from './reporting.js';

export interface RepeatOffenderReport {
  year: number;
  threshold: number;
  offenders: Offender[];
  repeatComplainants: RepeatComplainant[];
  /** Complaints received in the year per category, most frequent first: the reduction plan's starting point. */
  topCategories: { category: string; count: number }[];
}

export class GetRepeatOffenders {
  constructor(readonly year: number) {}

  /** `?year=2026`, required; anything else is a 400 naming the field. */
  static from(query: Record<string, unknown>): GetRepeatOffenders {
    const errors: FieldError[] = [];
    const text = queryParameters(query, ['year'], errors).year;
    const year = text !== undefined && /^\d{4}$/.test(text) ? Number(text) : undefined;
    if ((year === undefined || year < 1970) && !errors.some((e) => e.field === 'year')) {
      errors.push({ field: 'year', rule: text === undefined ? 'is required, e.g. 2026' : 'must be a calendar year such as 2026' });
    }
    if (errors.length > 0 || year === undefined) throw new BadRequest(errors);
    return new GetRepeatOffenders(year);
  }
}

/** Substantiated complaints per subject and reason in a calendar year (by receipt, in the calendar's time zone). */
@QueryHandler(GetRepeatOffenders)
export class GetRepeatOffendersHandler implements IQueryHandler<GetRepeatOffenders, RepeatOffenderReport> {
  constructor(private readonly reporting: Reporting) {}

  async execute({ year }: GetRepeatOffenders): Promise<RepeatOffenderReport> {
    const { sql, s } = this.reporting.db;
    const timeZone = this.reporting.calendar.timeZone;
    const threshold = this.reporting.thresholds.repeatOffenderThreshold;
    const { from, to } = yearBounds(year, timeZone);
    // Complaints only: no excluded, withdrawn or unreachable case, no compliment ("고객불만으로 보지 아니함").
    const compliments = this.reporting.catalog.categories.filter((c) => c.compliment).map((c) => c.code);
    const inYear = `received_at >= $1::timestamptz AND received_at < $2::timestamptz AND counted AND category <> ALL($3::text[])`;
    const findings = await sql.query<{ complaint_id: string; received_text: string; category: string; subject_kind: SubjectKind; subject_id: string }>(
      `SELECT c.complaint_id, c.received_text, c.category, f.subject_kind, f.subject_id
       FROM ${s}.repeat_substantiated f JOIN ${s}.repeat_cases c USING (complaint_id) WHERE c.${inYear}`,
      [from, to, compliments],
    );
    const keyed = await sql.query<{ key: string; cases: CaseRef[] | string }>(
      `SELECT key, json_agg(json_build_object('complaintId', complaint_id, 'receivedAt', received_text, 'category', category)) AS cases
       FROM ${s}.repeat_cases, unnest(complainant_keys) AS key WHERE ${inYear} GROUP BY key HAVING count(*) >= 2`,
      [from, to, compliments],
    );
    const categories = await sql.query<{ category: string; count: number | string }>(
      `SELECT category, count(*) AS count FROM ${s}.repeat_cases WHERE ${inYear} GROUP BY category ORDER BY count(*) DESC, category`,
      [from, to, compliments],
    );
    const options = { year, timeZone };
    return {
      year,
      threshold,
      offenders: repeatOffenders(
        findings.map((r) => ({ complaintId: r.complaint_id, receivedAt: r.received_text, category: r.category, subject: { id: r.subject_id, kind: r.subject_kind } })),
        { ...options, threshold },
      ),
      repeatComplainants: repeatComplainants(
        keyed.map((r) => ({ key: r.key, cases: fromJson<CaseRef[]>(r.cases) })),
        options,
      ),
      topCategories: categories.map((r) => ({ category: r.category, count: Number(r.count) })),
    };
  }
}
