import { useState } from 'preact/hooks';
import { cached, get, getOptional } from '../api';
import { ErrorMessage, Loading, NotAvailable, usePageTitle } from '../components';
import { useUi } from '../context';
import { download } from '../download';
import { useLoad } from '../load';
import { PeriodFilter } from '../period-field';
import { FIRST_YEAR, recentYears, yearOf } from '../quarter';
import { DataTable } from '../table';
import type { Catalog, LocalisedName } from '../types';

interface Beside<T> {
  value: T;
  previous: T;
}
interface SatisfactionFigures {
  surveys: number;
  elements: Record<string, { answers: number; mean: number | null }>;
  index: number | null;
}
/** GET /reports/yearly/{year}/satisfaction (src/reports/yearly.queries.ts). */
interface YearlySatisfaction {
  year: number;
  elements: { code: string; name: LocalisedName }[];
  coverage: Beside<{ closed: number; surveyed: number; share: number | null }>;
  overall: Beside<SatisfactionFigures>;
  departments: ({ department: string } & Beside<SatisfactionFigures>)[];
}
/** GET /reports/yearly/{year}/departments. */
interface DepartmentEvaluations {
  departments: { department: string; measures: Record<string, number | null>; score: number | null; grade: string | null; previous: { score: number | null }; scoreIncrease: number | null }[];
}
/** GET /reports/yearly/{year}/staff-satisfaction. */
interface StaffSatisfaction {
  questions: { code: string; name: LocalisedName }[];
  overall: Beside<{ answers: number; questions: Record<string, { answers: number; mean: number | null }> }>;
  departmentsWithheld: number;
  minimumAnswersPerDepartment: number;
}
/** GET /reports/yearly/{year}/reduction-plan. */
interface ReductionPlan {
  categories: { code: string; complaints: number; previous: number; trend: number | null; quarters: number[]; frequent: boolean }[];
  measures: { category: string | null; requests: number; overdue: number }[];
}

const score = (n: number | null | undefined) => (n === null || n === undefined ? '—' : String(n));

/** The yearly reports of a year beside the previous year's, and the printable report. */
export function YearlyPage() {
  const { t, name } = useUi();
  const [year, setYear] = useState(() => yearOf(new Date()));
  const [loaded, reload] = useLoad(
    () => Promise.all([
      getOptional<YearlySatisfaction>(`/reports/yearly/${year}/satisfaction`),
      get<DepartmentEvaluations>(`/reports/yearly/${year}/departments`),
      get<StaffSatisfaction>(`/reports/yearly/${year}/staff-satisfaction`),
      get<ReductionPlan>(`/reports/yearly/${year}/reduction-plan`),
      cached<Catalog>('/catalog'),
    ]),
    [year],
  );
  usePageTitle(t('yearly.title'));
  const printable = async () => download(`yearly-report-${year}.html`, await get<string>(`/reports/yearly/${year}/report.html`), 'text/html');

  return (
    <>
      <h1>{t('yearly.title')}</h1>
      <p class="help">{t('yearly.help')}</p>
      <PeriodFilter id="yearly-year" kind="year" label={t('repeat.year')} value={String(year)} onChange={(v) => setYear(Number(v))} recent={recentYears(new Date(), 5).map(String)} firstYear={FIRST_YEAR + 1} />
      {loaded.status === 'loading' && <Loading />}
      {loaded.status === 'failed' && <ErrorMessage error={loaded.error} onRetry={reload} />}
      {loaded.status === 'ready' && loaded.value[0].kind !== 'ready' && <NotAvailable route="GET /reports/yearly/{year}/satisfaction" forbidden={loaded.value[0].kind === 'forbidden'} />}
      {loaded.status === 'ready' && loaded.value[0].kind === 'ready' && (() => {
        const qpsi = loaded.value[0].value;
        const [, evaluation, staffSurvey, plan, catalog] = loaded.value;
        const department = (code: string) => name(catalog.departments.find((d) => d.code === code)?.name, code);
        const category = (code: string | null) => (code === null ? '—' : name(catalog.categories.find((c) => c.code === code)?.name, code));
        return (
          <>
            <p>
              <button type="button" onClick={printable}>{t('yearly.printable')}</button>
            </p>
            <section class="panel" aria-labelledby="yearly-qpsi">
              <h2 id="yearly-qpsi">{t('yearly.qpsi')}</h2>
              <p>{t('yearly.coverage', { closed: qpsi.coverage.value.closed, surveyed: qpsi.coverage.value.surveyed })}</p>
              <DataTable
                id="yearly-elements"
                columns={[
                  { label: t('yearly.col.element'), cell: (e) => name(e.name, e.code) },
                  { label: t('yearly.col.score'), cell: (e) => score(qpsi.overall.value.elements[e.code]?.mean) },
                  { label: t('yearly.col.previous'), cell: (e) => score(qpsi.overall.previous.elements[e.code]?.mean) },
                ]}
                rows={qpsi.elements}
                rowKey={(e) => e.code}
                rowProps={(e) => ({ 'data-element': e.code })}
              />
              <p>{t('yearly.index', { value: score(qpsi.overall.value.index), previous: score(qpsi.overall.previous.index) })}</p>
            </section>
            <section class="panel" aria-labelledby="yearly-departments">
              <h2 id="yearly-departments">{t('yearly.departments')}</h2>
              <DataTable
                responsive
                id="yearly-department-table"
                columns={[
                  { label: t('yearly.col.department'), cell: (d) => department(d.department) },
                  { label: t('yearly.col.score'), cell: (d) => score(d.score) },
                  { label: t('yearly.col.grade'), cell: (d) => d.grade ?? '—' },
                  { label: t('yearly.col.previous'), cell: (d) => score(d.previous.score) },
                  { label: t('yearly.col.change'), cell: (d) => score(d.scoreIncrease) },
                ]}
                rows={evaluation.departments}
                rowKey={(d) => d.department}
                rowProps={(d) => ({ 'data-department': d.department })}
              />
            </section>
            <section class="panel" aria-labelledby="yearly-staff">
              <h2 id="yearly-staff">{t('yearly.staff')}</h2>
              <p class="help">{t('yearly.staffHelp', { answers: staffSurvey.overall.value.answers, minimum: staffSurvey.minimumAnswersPerDepartment })}</p>
              <DataTable
                columns={[
                  { label: t('yearly.col.question'), cell: (q) => name(q.name, q.code) },
                  { label: t('yearly.col.score'), cell: (q) => score(staffSurvey.overall.value.questions[q.code]?.mean) },
                  { label: t('yearly.col.previous'), cell: (q) => score(staffSurvey.overall.previous.questions[q.code]?.mean) },
                ]}
                rows={staffSurvey.questions}
                rowKey={(q) => q.code}
              />
            </section>
            <section class="panel" aria-labelledby="yearly-plan">
              <h2 id="yearly-plan">{t('yearly.plan')}</h2>
              <DataTable
                responsive
                id="yearly-plan-table"
                columns={[
                  { label: t('yearly.col.category'), cell: (c) => (c.frequent ? <strong>{category(c.code)}</strong> : category(c.code)) },
                  { label: t('yearly.col.complaints'), cell: (c) => c.complaints },
                  { label: t('yearly.col.quarters'), cell: (c) => c.quarters.join(' / ') },
                  { label: t('yearly.col.previous'), cell: (c) => c.previous },
                  { label: t('yearly.col.requests'), cell: (c) => plan.measures.find((m) => m.category === c.code)?.requests ?? 0 },
                ]}
                rows={plan.categories}
                rowKey={(c) => c.code}
              />
            </section>
          </>
        );
      })()}
    </>
  );
}
