import { Injectable } from '@nestjs/common';
import { departmentEvaluationOf, satisfactionElementsOf, staffSurveyQuestionsOf, type SubjectKind } from '../../domain/catalog.js';
import { localDateOf } from '../../domain/working-time/index.js';
import { OWING_STATES } from '../../domain/improvement/lifecycle.js';
import { emptySummary, type QuarterSummary } from '../../projections/quarterly.js';
import { flaggedWithCasesIn, repeatOffenders, yearBounds } from '../../projections/repeat-offenders.js';
import { itemsOf, itemWeights } from '../../projections/satisfaction-index.js';
import { evaluateDepartment, quartersOf, satisfactionFigures, staffSurveyFigures, sumOf, type DepartmentEvaluation, type DepartmentFigures, type SatisfactionFigures, type StaffSurveyFigures } from '../../projections/yearly.js';
import { BadRequest, isYearInRange, YEARS } from '../http/index.js';
import { fromJson } from '../read-models/index.js';
import { HANDLING_PERIODS_TABLE, QUARTERLY_TABLE } from './handling-periods.read-model.js';
import { substantiatedFindings } from './repeat-offenders.queries.js';
import { Reporting } from './reporting.js';

/** `/reports/yearly/{year}`: a calendar year, else a 400 naming `year`. */
export function yearOf(text: string): number {
  const year = /^\d{4}$/.test(text) ? Number(text) : undefined;
  if (year === undefined) throw new BadRequest([{ field: 'year', rule: 'must be a calendar year such as 2026' }]);
  // The year's reports set it beside the year before, which must be in range too.
  if (!isYearInRange(year) || !isYearInRange(year - 1)) throw new BadRequest([{ field: 'year', rule: `must be in the years ${YEARS.first + 1} to ${YEARS.last}` }]);
  return year;
}

export interface Beside<T> {
  value: T;
  previous: T;
}

/** Every closed complaint of the year surveyed? ("고객불만건 전수조사"): complaints closed in the year, each once, and, of those, surveyed. */
export interface Coverage {
  closed: number;
  surveyed: number;
  share: number | null;
}

export interface YearlySatisfaction {
  year: number;
  previousYear: number;
  /** The catalog's elements, in order, with their names; `overall` is the direct overall rating. */
  elements: { code: string; name: { ko: string; en: string } }[];
  coverage: Beside<Coverage>;
  /** Surveys recorded in the year: per element the answers and the mean on 0–100, and the index. */
  overall: Beside<SatisfactionFigures>;
  departments: ({ department: string } & Beside<SatisfactionFigures>)[];
  categories: ({ category: string } & Beside<SatisfactionFigures>)[];
}

export interface ReductionPlan {
  year: number;
  previousYear: number;
  /** Complaints received (not withdrawn, not excluded, no compliment) per category and department, most frequent first, with the four quarters and last year. */
  categories: FrequentType[];
  departments: FrequentType[];
  /** Subjects found at fault in the year's complaints, per kind and reason, most frequent first. */
  subjects: { kind: SubjectKind; reason: string; findings: number; previous: number }[];
  /**
   * The measures: improvement requests filed in the year per category, by state, with the overdue ones. A request
   * names its category, or counts under each category of the cases it follows from (a request from cases of two
   * categories is a measure for both), or under none (`category: null`).
   */
  measures: { category: string | null; requests: number; byState: Record<string, number>; overdue: number; requestIds: string[] }[];
}

export interface FrequentType {
  code: string;
  complaints: number;
  previous: number;
  /** The change over the previous year as a share of it; null when last year had none. */
  trend: number | null;
  quarters: number[];
  /** Among the `FREQUENT` most frequent ("주요 빈발 고객불만"): every type with complaints tied with the third is too. */
  frequent: boolean;
}

const FREQUENT = 3;
const share = (part: number, whole: number) => (whole === 0 ? null : Math.round((part / whole) * 10_000) / 10_000);

@Injectable()
export class YearlyReports {
  constructor(private readonly reporting: Reporting) {}

  private get elements() {
    return satisfactionElementsOf(this.reporting.catalog);
  }

  /** Today in the working calendar's zone, as the improvement requests' due days are. */
  private today(): string {
    return localDateOf(this.reporting.now(), this.reporting.calendar);
  }

  private get weights() {
    return itemWeights(itemsOf(this.elements.map((e) => e.code)), this.reporting.performance.satisfactionImportance);
  }

  /** The year's summaries (sum of its quarters) per filter value, for filter_by '' (all), 'department' or 'category'. */
  private async summaries(year: number, filterBy: '' | 'department' | 'category'): Promise<Map<string, QuarterSummary>> {
    const { sql, s } = this.reporting.db;
    const rows = await sql.query<{ filter_values: string; summary: unknown }>(
      `SELECT filter_values, summary FROM ${s}.${QUARTERLY_TABLE} WHERE filter_by = $1 AND quarter = ANY($2::text[])`,
      [filterBy, quartersOf(year)],
    );
    const byValue = new Map<string, QuarterSummary[]>();
    for (const row of rows) {
      const value = filterBy === '' ? '' : (JSON.parse(row.filter_values) as string[])[0]!;
      byValue.set(value, [...(byValue.get(value) ?? []), fromJson<QuarterSummary>(row.summary)]);
    }
    return new Map([...byValue].map(([value, list]) => [value, sumOf(list)]));
  }

  /**
   * Complaints closed in the year and, of those, surveyed after a closing of the year: "표본구성: 고객불만건 전수조사"
   * counts complaints, so a case closed, reopened and closed again in the year is one (the quarterly report's
   * `closed` counts its closings, two).
   */
  private async coverage(year: number): Promise<Coverage> {
    const { sql, s } = this.reporting.db;
    const [row] = await sql.query<{ closed: string; surveyed: string }>(
      `SELECT count(DISTINCT complaint_id) AS closed, count(DISTINCT complaint_id) FILTER (WHERE surveyed_at IS NOT NULL) AS surveyed FROM ${s}.${HANDLING_PERIODS_TABLE}
       WHERE ended_as = 'closed' AND ended_quarter = ANY($1::text[]) AND NOT compliment AND close_reason IS DISTINCT FROM 'complainant-unreachable'`,
      [quartersOf(year)],
    );
    const closed = Number(row?.closed ?? 0);
    const surveyed = Number(row?.surveyed ?? 0);
    return { closed, surveyed, share: share(surveyed, closed) };
  }

  async satisfaction(year: number): Promise<YearlySatisfaction> {
    const codes = this.elements.map((e) => e.code);
    const figures = (summary: QuarterSummary | undefined) => satisfactionFigures(summary ?? emptySummary(), codes, this.weights);
    const [all, allBefore, departments, departmentsBefore, categories, categoriesBefore, coverage, coverageBefore] = await Promise.all([
      this.summaries(year, ''), this.summaries(year - 1, ''), this.summaries(year, 'department'), this.summaries(year - 1, 'department'),
      this.summaries(year, 'category'), this.summaries(year - 1, 'category'), this.coverage(year), this.coverage(year - 1),
    ]);
    return {
      year,
      previousYear: year - 1,
      elements: this.elements,
      coverage: { value: coverage, previous: coverageBefore },
      overall: { value: figures(all.get('')), previous: figures(allBefore.get('')) },
      departments: this.reporting.catalog.departments.map(({ code }) => ({ department: code, value: figures(departments.get(code)), previous: figures(departmentsBefore.get(code)) })),
      categories: this.reporting.catalog.categories.filter((c) => !c.compliment).map(({ code }) => ({ category: code, value: figures(categories.get(code)), previous: figures(categoriesBefore.get(code)) })),
    };
  }

  /** Each department's figures of the year: closings and deadlines, the index, repeat offenders flagged, improvement requests due and done on time. */
  private async departmentFigures(year: number): Promise<Map<string, DepartmentFigures>> {
    const { db, catalog, calendar, thresholds } = this.reporting;
    const codes = this.elements.map((e) => e.code);
    const summaries = await this.summaries(year, 'department');
    const { from, to } = yearBounds(year, calendar.timeZone);
    // Requests due in the year by today (a request not yet due is not late), and of those implemented by their due day.
    const today = this.today();
    const requests = await db.sql.query<{ department: string; due: string; on_time: string }>(
      `SELECT department, count(*) AS due, count(*) FILTER (WHERE implemented_at IS NOT NULL AND (implemented_at AT TIME ZONE $4)::date <= due_on) AS on_time
       FROM ${db.s}.improvement_requests WHERE due_on >= $1::date AND due_on < $2::date AND due_on < $3::date AND NOT decline_accepted GROUP BY department`,
      [`${year}-01-01`, `${year + 1}-01-01`, today, calendar.timeZone],
    );
    const findings = await substantiatedFindings(db, catalog, from, to);
    const departmentOf = new Map((await db.sql.query<{ complaint_id: string; department: string | null }>(
      `SELECT complaint_id, department FROM ${db.s}.repeat_cases WHERE complaint_id = ANY($1::text[])`, [findings.map((f) => f.complaintId)],
    )).map((r) => [r.complaint_id, r.department]));
    // The rule flags a subject on its findings across the organisation; a department answers for each flagged one with a counted case of its own.
    const offenders = repeatOffenders(findings, { year, timeZone: calendar.timeZone, threshold: thresholds.repeatOffenderThreshold });
    const result = new Map<string, DepartmentFigures>();
    for (const { code } of catalog.departments) {
      const summary = summaries.get(code) ?? emptySummary();
      const counters = summary.counters as Record<string, number>;
      const flagged = flaggedWithCasesIn(offenders, (id) => departmentOf.get(id) === code);
      const r = requests.find((row) => row.department === code);
      result.set(code, {
        closed: counters.closed ?? 0,
        closedWithinDeadline: counters.closedWithinDeadline ?? 0,
        satisfactionIndex: satisfactionFigures(summary, codes, this.weights).index,
        repeatOffendersFlagged: flagged,
        improvementsDue: Number(r?.due ?? 0),
        improvementsOnTime: Number(r?.on_time ?? 0),
      });
    }
    return result;
  }

  async departments(year: number): Promise<{ year: number; previousYear: number; policy: ReturnType<typeof departmentEvaluationOf>; departments: DepartmentEvaluation[] }> {
    const policy = departmentEvaluationOf(this.reporting.catalog);
    const [current, previous] = await Promise.all([this.departmentFigures(year), this.departmentFigures(year - 1)]);
    const departments = [...current].map(([code, figures]) => evaluateDepartment(code, figures, previous.get(code)!, policy));
    departments.sort((a, b) => (b.score ?? -1) - (a.score ?? -1) || a.department.localeCompare(b.department));
    return { year, previousYear: year - 1, policy, departments };
  }

  /**
   * The staff's answers per question and overall; per department only where it has at least `minimum` answers
   * (fewer could name a person). No group under `minimum` can be recovered by subtraction either: a year's
   * overall counts the departments with at least `minimum` answers that year, and the others' answers (fewer
   * each, or without a department) only when together they reach `minimum`; else they are withheld from the
   * overall too (`answersWithheld`). Each year's figures depend on that year's answers only, so a year reads
   * the same beside the next as on its own.
   */
  async staffSatisfaction(year: number, minimum: number): Promise<{
    year: number; previousYear: number; minimumAnswersPerDepartment: number; questions: { code: string; name: { ko: string; en: string } }[];
    overall: Beside<StaffSurveyFigures>; answersWithheld: Beside<number>; departments: ({ department: string } & Beside<StaffSurveyFigures>)[]; departmentsWithheld: number;
  }> {
    const questions = staffSurveyQuestionsOf(this.reporting.catalog);
    const codes = questions.map((q) => q.code);
    const known = new Set(this.reporting.catalog.departments.map((d) => d.code));
    const { sql, s } = this.reporting.db;
    const rows = await sql.query<{ year: number; department: string | null; question: string; total: string; count: string; answers: string }>(
      `SELECT a.year, a.department, q.key AS question, sum(q.value::int) AS total, count(*) AS count,
         (SELECT count(*) FROM ${s}.staff_survey_answers b WHERE b.year = a.year AND b.department IS NOT DISTINCT FROM a.department) AS answers
       FROM ${s}.staff_survey_answers a, jsonb_each_text(a.scores) q WHERE a.year = ANY($1::int[]) GROUP BY a.year, a.department, q.key`,
      [[year, year - 1]],
    );
    const answersOf = (y: number) => new Map(rows.filter((r) => r.year === y).map((r) => [r.department, Number(r.answers)]));
    const figuresOf = (y: number, departments: ReadonlySet<string | null>) => {
      const sums: Record<string, { total: number; count: number }> = {};
      for (const r of rows.filter((r) => r.year === y && departments.has(r.department))) {
        const sum = (sums[r.question] ??= { total: 0, count: 0 });
        sum.total += Number(r.total);
        sum.count += Number(r.count);
      }
      const answers = [...answersOf(y)].filter(([d]) => departments.has(d)).reduce((a, [, n]) => a + n, 0);
      return staffSurveyFigures(answers, sums, codes);
    };
    // A year's overall: the departments with enough answers, and the rest only when together they are enough.
    const overallOf = (y: number) => {
      const answers = answersOf(y);
      const enough = [...answers].filter(([d, n]) => d !== null && known.has(d) && n >= minimum).map(([d]) => d);
      const rest = [...answers].filter(([d]) => !enough.includes(d)).reduce((a, [, n]) => a + n, 0);
      const counted = new Set(rest >= minimum ? answers.keys() : enough);
      return { figures: figuresOf(y, counted), withheld: rest >= minimum ? 0 : rest };
    };
    const departments: ({ department: string } & Beside<StaffSurveyFigures>)[] = [];
    let withheld = 0;
    for (const { code } of this.reporting.catalog.departments) {
      const value = figuresOf(year, new Set([code]));
      const previous = figuresOf(year - 1, new Set([code]));
      if (value.answers === 0 && previous.answers === 0) continue;
      if (value.answers < minimum || (previous.answers > 0 && previous.answers < minimum)) {
        withheld++;
        continue;
      }
      departments.push({ department: code, value, previous });
    }
    const [now, before] = [overallOf(year), overallOf(year - 1)];
    return {
      year, previousYear: year - 1, minimumAnswersPerDepartment: minimum, questions,
      overall: { value: now.figures, previous: before.figures }, answersWithheld: { value: now.withheld, previous: before.withheld },
      departments, departmentsWithheld: withheld,
    };
  }

  async reductionPlan(year: number): Promise<ReductionPlan> {
    const { db, catalog, calendar } = this.reporting;
    const complaintsOf = (summary: QuarterSummary | undefined) => {
      const c = (summary?.counters ?? {}) as Record<string, number>;
      return (c.received ?? 0) - (c.withdrawn ?? 0) - (c.rejectedAtAssessment ?? 0);
    };
    const perQuarter = async (filterBy: 'department' | 'category', y: number) => {
      const rows = await db.sql.query<{ quarter: string; filter_values: string; summary: unknown }>(
        `SELECT quarter, filter_values, summary FROM ${db.s}.${QUARTERLY_TABLE} WHERE filter_by = $1 AND quarter = ANY($2::text[])`,
        [filterBy, quartersOf(y)],
      );
      const counts = new Map<string, number[]>();
      for (const r of rows) {
        const code = (JSON.parse(r.filter_values) as string[])[0]!;
        const quarters = counts.get(code) ?? [0, 0, 0, 0];
        quarters[Number(r.quarter.slice(-1)) - 1] = complaintsOf(fromJson<QuarterSummary>(r.summary));
        counts.set(code, quarters);
      }
      return counts;
    };
    const frequent = async (filterBy: 'department' | 'category', codes: string[]): Promise<FrequentType[]> => {
      const [now, before] = await Promise.all([perQuarter(filterBy, year), perQuarter(filterBy, year - 1)]);
      const types = codes.map((code) => {
        const quarters = now.get(code) ?? [0, 0, 0, 0];
        const complaints = quarters.reduce((a, b) => a + b, 0);
        const previous = (before.get(code) ?? []).reduce((a, b) => a + b, 0);
        return { code, complaints, previous, trend: previous === 0 ? null : Math.round(((complaints - previous) / previous) * 10_000) / 10_000, quarters, frequent: false };
      }).sort((a, b) => b.complaints - a.complaints || a.code.localeCompare(b.code));
      // Ties with the last of the top `FREQUENT` are as frequent as it: each is marked, not the first by code.
      const least = types[FREQUENT - 1]?.complaints ?? 0;
      types.forEach((t) => (t.frequent = t.complaints > 0 && t.complaints >= least));
      return types;
    };
    const subjectsOf = async (y: number) => {
      const { from, to } = yearBounds(y, calendar.timeZone);
      const counts = new Map<string, number>();
      for (const f of await substantiatedFindings(db, catalog, from, to)) counts.set(JSON.stringify([f.subject.kind, f.reason]), (counts.get(JSON.stringify([f.subject.kind, f.reason])) ?? 0) + 1);
      return counts;
    };
    const [subjects, subjectsBefore] = await Promise.all([subjectsOf(year), subjectsOf(year - 1)]);
    const { from, to } = yearBounds(year, calendar.timeZone);
    const requests = await db.sql.query<{ id: string; state: string; category: string | null; overdue: boolean }>(
      `SELECT r.id, r.state, coalesce(r.category, cases.category) AS category, (r.state = ANY($4::text[]) AND r.due_on < $3::date) AS overdue
       FROM ${db.s}.improvement_requests r
       LEFT JOIN LATERAL (SELECT DISTINCT h.category FROM ${db.s}.${HANDLING_PERIODS_TABLE} h WHERE r.category IS NULL AND h.complaint_id = ANY(r.complaint_ids)) cases ON true
       WHERE r.requested_at >= $1::timestamptz AND r.requested_at < $2::timestamptz ORDER BY r.requested_at, r.id, category`,
      [from, to, this.today(), OWING_STATES],
    );
    const measures = new Map<string | null, ReductionPlan['measures'][number]>();
    for (const r of requests) {
      let m = measures.get(r.category);
      if (!m) measures.set(r.category, (m = { category: r.category, requests: 0, byState: {}, overdue: 0, requestIds: [] }));
      m.requests++;
      m.byState[r.state] = (m.byState[r.state] ?? 0) + 1;
      if (r.overdue) m.overdue++;
      m.requestIds.push(r.id);
    }
    return {
      year,
      previousYear: year - 1,
      categories: await frequent('category', catalog.categories.filter((c) => !c.compliment).map((c) => c.code)),
      departments: await frequent('department', catalog.departments.map((d) => d.code)),
      subjects: [...new Set([...subjects.keys(), ...subjectsBefore.keys()])]
        .map((key) => {
          const [kind, reason] = JSON.parse(key) as [SubjectKind, string];
          return { kind, reason, findings: subjects.get(key) ?? 0, previous: subjectsBefore.get(key) ?? 0 };
        })
        .sort((a, b) => b.findings - a.findings || a.kind.localeCompare(b.kind) || a.reason.localeCompare(b.reason)),
      measures: [...measures.values()].sort((a, b) => b.requests - a.requests),
    };
  }
}
