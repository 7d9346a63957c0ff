import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { seesPseudonymousKeys, type Actor } from '../../domain/access.js';
import type { Catalog, SubjectKind } from '../../domain/catalog.js';
import { offenceMeasures, redactOffenceMeasures, showsRepeatOffenceMeasures, type OffenceMeasures, type TrainingMeasure, type Verdict } from '../../domain/repeat-offender/judgement.js';
import { FILTER_DIMENSIONS, UNASSIGNED, type Filters } from '../../projections/quarterly.js';
import { repeatComplainants, repeatOffenders, yearBounds, type CaseRef, type Offender, type RepeatComplainant, type SubstantiatedFinding } from '../../projections/repeat-offenders.js';
import { BadRequest, isYearInRange, queryParameters, YEAR_RULE, type FieldError } from '../http/index.js';
import { fromJson, type ReadModelDatabase } from '../read-models/index.js';
import { Reporting } from './reporting.js';

/**
 * A case as the report lists it: its id, and beside it its human reference (`2026-000123`; null for a
 * case the store gave none, imported or on EventStoreDB) and the department handling it (null while none
 * does). Facts every role reads of a case, no personal data. The subjects carry no department of their own:
 * their cases' handling departments are what the data has.
 */
export type ReportedCase = CaseRef & { reference: string | null; department: string | null };

export interface RepeatOffenderReport {
  year: number;
  threshold: number;
  /** Each flagged one with what was done and what is pending (`measures`), shown as `GetRepeatOffenders.reader` may see it. */
  offenders: (Omit<Offender, 'cases'> & { cases: ReportedCase[]; measures?: OffenceMeasures })[];
  /** `key`: the complainant key for the complaints office, auditors and admins; `complainant-1`, `complainant-2`… for the others. */
  repeatComplainants: (Omit<RepeatComplainant, 'cases'> & { cases: ReportedCase[] })[];
  /** Complaints received in the year per category, most frequent first: the reduction plan's starting point. */
  topCategories: { category: string; count: number }[];
}

export class GetRepeatOffenders {
  constructor(
    readonly year: number,
    /** Who reads the measures for flagged subjects (an employee's personal data), and the reason of an auditor's break-glass read. */
    readonly reader?: { actor: Actor; reason?: string },
  ) {}

  /** `?year=2026`, required; anything else is a 400 naming the field. */
  static from(query: Record<string, unknown>, reader?: { actor: Actor; reason?: string }): GetRepeatOffenders {
    const errors: FieldError[] = [];
    const text = queryParameters(query, ['year'], errors).year;
    const year = text !== undefined && /^\d{4}$/.test(text) ? Number(text) : undefined;
    if (year === undefined && !errors.some((e) => e.field === 'year')) {
      errors.push({ field: 'year', rule: text === undefined ? 'is required, e.g. 2026' : 'must be a calendar year such as 2026' });
    } else if (year !== undefined && !isYearInRange(year)) {
      errors.push({ field: 'year', rule: YEAR_RULE });
    }
    if (errors.length > 0 || year === undefined) throw new BadRequest(errors);
    return new GetRepeatOffenders(year, reader);
  }
}

/** Substantiated complaints per subject and reason in a calendar year (by receipt, in the calendar's time zone). */
@QueryHandler(GetRepeatOffenders)
export class GetRepeatOffendersHandler implements IQueryHandler<GetRepeatOffenders, RepeatOffenderReport> {
  constructor(private readonly reporting: Reporting) {}

  async execute({ year, reader }: GetRepeatOffenders): Promise<RepeatOffenderReport> {
    const { sql, s } = this.reporting.db;
    const timeZone = this.reporting.calendar.timeZone;
    const threshold = this.reporting.thresholds.repeatOffenderThreshold;
    const { from, to } = yearBounds(year, timeZone);
    const findings = await substantiatedFindings(this.reporting.db, this.reporting.catalog, from, to);
    // Complaints only, as in the findings.
    const compliments = complimentsOf(this.reporting.catalog);
    const inYear = `received_at >= $1::timestamptz AND received_at < $2::timestamptz AND counted AND category <> ALL($3::text[])`;
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
    const judgements = await sql.query<{ subject_kind: string; subject_id: string; reason: string; verdict: Verdict; explanation: string; personnel_measure: string | null; judged_at: string; judged_by: string }>(
      `SELECT * FROM ${s}.repeat_offence_judgements WHERE year = $1`,
      [year],
    );
    const judged = new Map(judgements.map((j) => [JSON.stringify([j.subject_kind, j.subject_id, j.reason]), j]));
    // The training referrals on the year's cases.
    const trainings = await sql.query<{ complaint_id: string; subject_id: string; programme: string; referred_at: string; referred_by: string; completed_at: string | null }>(
      `SELECT t.* FROM ${s}.repeat_offence_trainings t JOIN ${s}.repeat_cases c USING (complaint_id)
       WHERE c.received_at >= $1::timestamptz AND c.received_at < $2::timestamptz ORDER BY t.referred_at, t.complaint_id, t.revision`,
      [from, to],
    );
    const shown = reader !== undefined && showsRepeatOffenceMeasures(reader.actor, reader.reason);
    const keysShown = reader === undefined || seesPseudonymousKeys(reader.actor);
    const withMeasures = (o: Offender): Offender & { measures?: OffenceMeasures } => {
      if (!o.flagged) return o;
      const j = judged.get(JSON.stringify([o.subject.kind, o.subject.id, o.reason]));
      const cases = new Set(o.cases.map((c) => c.complaintId));
      const training = o.subject.kind !== 'employee' ? [] : trainings
        .filter((t) => t.subject_id === o.subject.id && cases.has(t.complaint_id))
        .map((t): TrainingMeasure => ({ complaintId: t.complaint_id, programme: t.programme, referredAt: t.referred_at, referredBy: t.referred_by, completedAt: t.completed_at }));
      const measures = offenceMeasures(
        j ? { verdict: j.verdict, explanation: j.explanation, ...(j.personnel_measure === null ? {} : { personnelMeasure: j.personnel_measure }), judgedAt: j.judged_at, judgedBy: j.judged_by } : null,
        training,
      );
      return { ...o, measures: shown ? measures : redactOffenceMeasures(measures) };
    };
    const offenders = repeatOffenders(findings, { ...options, threshold }).map(withMeasures);
    const complainants = repeatComplainants(
      keyed.map((r) => ({ key: r.key, cases: fromJson<CaseRef[]>(r.cases) })),
      options,
    );
    const reported = await this.reportedCases([...offenders, ...complainants].flatMap((o) => o.cases.map((c) => c.complaintId)));
    const withRefs = (cases: CaseRef[]): ReportedCase[] => cases.map((c) => ({ ...c, ...(reported.get(c.complaintId) ?? { reference: null, department: null }) }));
    return {
      year,
      threshold,
      offenders: offenders.map((o) => ({ ...o, cases: withRefs(o.cases) })),
      // A complainant key links a person's cases across the service: only those who may see such keys
      // read it (`seesPseudonymousKeys`), the others a label for this report alone.
      repeatComplainants: complainants.map((p, i) => ({ ...p, key: keysShown ? p.key : `complainant-${i + 1}`, cases: withRefs(p.cases) })),
      topCategories: categories.map((r) => ({ category: r.category, count: Number(r.count) })),
    };
  }

  /** The reference (the case list's) and the handling department (the repeat read model's) of each case. */
  private async reportedCases(ids: string[]): Promise<Map<string, { reference: string | null; department: string | null }>> {
    if (ids.length === 0) return new Map();
    const { sql, s } = this.reporting.db;
    const rows = await sql.query<{ complaint_id: string; reference: string | null; department: string | null }>(
      `SELECT c.complaint_id, l.reference, c.department FROM ${s}.repeat_cases c LEFT JOIN ${s}.complaint_list l ON l.id = c.complaint_id
       WHERE c.complaint_id = ANY($1::text[])`,
      [[...new Set(ids)]],
    );
    return new Map(rows.map((r) => [r.complaint_id, { reference: r.reference, department: r.department }]));
  }
}

/** The categories of compliments: received like complaints, never counted as ones ("고객불만으로 보지 아니함"), like excluded, withdrawn and unreachable cases (`counted`). */
const complimentsOf = (catalog: Catalog): string[] => catalog.categories.filter((c) => c.compliment).map((c) => c.code);

/**
 * The subjects substantiated, with their reasons, in the cases received in [from, to) that match the
 * filters (the quarterly report's; `department=unassigned`: the cases never assigned).
 */
export async function substantiatedFindings({ sql, s }: ReadModelDatabase, catalog: Catalog, from: string, to: string, filters: Filters = {}): Promise<SubstantiatedFinding[]> {
  const params: unknown[] = [from, to, complimentsOf(catalog)];
  const where = ['c.received_at >= $1::timestamptz', 'c.received_at < $2::timestamptz', 'c.counted', 'c.category <> ALL($3::text[])'];
  for (const dimension of FILTER_DIMENSIONS) {
    const value = filters[dimension];
    if (value === undefined) continue;
    if (dimension === 'department' && value === UNASSIGNED) {
      where.push('c.department IS NULL');
      continue;
    }
    params.push(value);
    where.push(`c.${dimension} = $${params.length}`);
  }
  const rows = await sql.query<{ complaint_id: string; received_text: string; category: string; subject_kind: SubjectKind; subject_id: string; reason: string }>(
    `SELECT c.complaint_id, c.received_text, c.category, f.subject_kind, f.subject_id, f.reason
     FROM ${s}.repeat_substantiated f JOIN ${s}.repeat_cases c USING (complaint_id) WHERE ${where.join(' AND ')}`,
    params,
  );
  return rows.map((r) => ({ complaintId: r.complaint_id, receivedAt: r.received_text, category: r.category, subject: { id: r.subject_id, kind: r.subject_kind }, reason: r.reason }));
}
