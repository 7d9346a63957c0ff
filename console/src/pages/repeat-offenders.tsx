import { useState } from 'preact/hooks';
import { cached, get, getOptional, query, request } from '../api';
import { DownloadButtons, ErrorMessage, Loading, NotAvailable, useErrorText, usePageTitle } from '../components';
import { useUi } from '../context';
import { downloadCsv } from '../download';
import { useLoad } from '../load';
import { PeriodFilter } from '../period-field';
import { recentYears, yearOf } from '../quarter';
import { href } from '../router';
import { storedSession } from '../session';
import { DataTable, type Column } from '../table';
import type { Catalog } from '../types';

/** A case as the report lists it: its id, its reference (null where the store gave none) and the department handling it. */
interface CaseRef {
  complaintId: string;
  reference: string | null;
  department: string | null;
  receivedAt: string;
  category: string;
}

/** The departments handling a subject's cases, each once, in the order of the cases. */
const departmentsOf = (cases: CaseRef[]): string[] => [...new Set(cases.map((c) => c.department).filter((d): d is string => d !== null))];

/** What was done for a flagged subject and what is pending; the judgement reads "[redacted]" for those who may not see it. */
interface Measures {
  judgement: { verdict: string; explanation: string; personnelMeasure?: string; judgedAt: string; judgedBy: string } | null;
  /** CS training referrals in the subject's cases; the programme reads "[redacted]" like the judgement. */
  training: { complaintId: string; programme: string; referredAt: string; completedAt: string | null }[];
  pending: string[];
}

interface Offender {
  subject: { id: string; kind: string };
  reason: string;
  count: number;
  flagged: boolean;
  cases: CaseRef[];
  measures?: Measures;
}

const REDACTED = '[redacted]';

async function judged(offender: Offender, year: number): Promise<boolean> {
  const report = await get<RepeatOffenderReport>(query('/reports/repeat-offenders', { year }));
  const same = report.offenders.find((o) => o.subject.kind === offender.subject.kind && o.subject.id === offender.subject.id && o.reason === offender.reason);
  return !!same?.measures?.judgement;
}

/** The complaints office's judgement of a flagged subject: fit or unfit with a reason, and if unfit the personnel measure asked. */
function JudgeForm({ offender, year, onDone }: { offender: Offender; year: number; onDone: () => void }) {
  const { t, tl } = useUi();
  const errorText = useErrorText();
  const [verdict, setVerdict] = useState('fit');
  const [explanation, setExplanation] = useState('');
  const [personnelMeasure, setPersonnelMeasure] = useState('');
  const [error, setError] = useState<unknown>();
  const key = `judge-${offender.subject.kind}-${offender.subject.id}-${offender.reason}`;
  async function submit(event: Event) {
    event.preventDefault();
    try {
      await request('POST', '/reports/repeat-offenders/judgements', {
        body: { subject: offender.subject, reason: offender.reason, year, verdict, explanation, ...(verdict === 'unfit' ? { personnelMeasure } : {}) },
      });
      // The report reads a read model: wait (briefly) until it has the judgement, so the page does not show it pending again.
      for (let i = 0; i < 40 && !(await judged(offender, year)); i++) await new Promise((resolve) => setTimeout(resolve, 250));
      onDone();
    } catch (failure) {
      setError(failure);
    }
  }
  return (
    <form class="judge" onSubmit={submit} aria-label={t('repeat.judge')}>
      <label for={`${key}-verdict`}>{t('repeat.verdict')}</label>
      <select id={`${key}-verdict`} value={verdict} onChange={(e) => setVerdict(e.currentTarget.value)}>
        <option value="fit">{tl('value', 'fit')}</option>
        <option value="unfit">{tl('value', 'unfit')}</option>
      </select>
      <label for={`${key}-explanation`}>{t('repeat.explanation')}</label>
      <input id={`${key}-explanation`} value={explanation} onInput={(e) => setExplanation(e.currentTarget.value)} />
      {verdict === 'unfit' && (
        <>
          <label for={`${key}-measure`}>{t('repeat.personnelMeasure')}</label>
          <input id={`${key}-measure`} value={personnelMeasure} onInput={(e) => setPersonnelMeasure(e.currentTarget.value)} />
        </>
      )}
      <button type="submit">{t('repeat.judge')}</button>
      {error !== undefined && <p class="message error" role="alert">{errorText(error)}</p>}
    </form>
  );
}

/** GET /reports/repeat-offenders?year= (src/reports/repeat-offenders.queries.ts). */
export interface RepeatOffenderReport {
  year: number;
  threshold: number;
  offenders: Offender[];
  repeatComplainants: { key: string; count: number; cases: CaseRef[] }[];
  topCategories: { category: string; count: number }[];
}

/** The repeat-offender table of a year, with the most frequent categories, and CSV of what is shown. */
export function RepeatOffendersPage() {
  const { t, tl, name, language, date } = useUi();
  const [year, setYear] = useState(() => yearOf(new Date()));
  const [loaded, reload] = useLoad(
    () => Promise.all([getOptional<RepeatOffenderReport>(query('/reports/repeat-offenders', { year })), cached<Catalog>('/catalog')]),
    [year],
  );
  usePageTitle(t('repeat.title'));

  const categoryName = (catalog: Catalog, code: string) => name(catalog.categories.find((c) => c.code === code)?.name, code);
  /** A finding reason; findings recorded before reasons were kept count by the complaint's category. */
  const reasonName = (catalog: Catalog, code: string) => name((catalog.findingReasons ?? []).find((r) => r.code === code)?.name, categoryName(catalog, code));
  const departmentName = (catalog: Catalog, code: string) => name(catalog.departments.find((d) => d.code === code)?.name, code);

  function csv(report: RepeatOffenderReport, catalog: Catalog) {
    const rows: unknown[][] = [[t('repeat.col.subject'), t('repeat.col.kind'), t('repeat.col.reason'), t('repeat.col.count'), t('repeat.col.flagged'), t('repeat.col.departments'), t('repeat.col.cases'), 'id']];
    // The cases by reference, as shown (the id where there is none), and by id for the API.
    for (const o of report.offenders) {
      rows.push([
        o.subject.id, tl('value', o.subject.kind), reasonName(catalog, o.reason), o.count, o.flagged ? t('common.yes') : t('common.no'),
        departmentsOf(o.cases).map((d) => departmentName(catalog, d)).join(', '), o.cases.map((c) => c.reference ?? c.complaintId).join(' '), o.cases.map((c) => c.complaintId).join(' '),
      ]);
    }
    downloadCsv(`repeat-offenders-${report.year}-${language}.csv`, rows);
  }

  const offenderColumns = (catalog: Catalog): Column<Offender>[] => [
    { label: t('repeat.col.subject'), cell: (o) => o.subject.id },
    { label: t('repeat.col.kind'), cell: (o) => tl('value', o.subject.kind) },
    { label: t('repeat.col.reason'), cell: (o) => reasonName(catalog, o.reason) },
    { label: t('repeat.col.count'), cell: (o) => o.count },
    { label: t('repeat.col.flagged'), cell: (o) => (o.flagged ? <span class="badge sla-breached">{t('repeat.flagged')}</span> : t('common.no')) },
    { label: t('repeat.col.measures'), cell: (o) => measuresCell(o) },
    { label: t('repeat.col.departments'), cell: (o) => departmentsOf(o.cases).map((d) => departmentName(catalog, d)).join(', ') },
    {
      label: t('repeat.col.cases'),
      // Each case by its reference (2026-000123), its id where it has none (imported ones), linked to the case.
      cell: (o) => (
        <ul class="inline">
          {o.cases.map((c) => (
            <li key={c.complaintId}>
              <a class={c.reference ? 'case-ref' : 'case-id'} href={href.case(c.complaintId)} title={c.reference ? c.complaintId : undefined}>
                {c.reference ?? c.complaintId}
              </a>
            </li>
          ))}
        </ul>
      ),
    },
  ];
  const measuresCell = (o: Offender) => {
    const m = o.measures;
    if (!m) return '';
    return (
      <>
        {judgementOf(o, m)}
        {m.training.map((r) => (
          <div key={r.complaintId}>
            {t('repeat.training', { programme: r.programme === REDACTED ? t('repeat.hidden') : r.programme, date: date(r.referredAt) })}{' '}
            {r.completedAt ? t('repeat.trainingDone', { date: date(r.completedAt) }) : <span class="badge sla-at-risk">{t('repeat.trainingPending')}</span>}
          </div>
        ))}
      </>
    );
  };
  const judgementOf = (o: Offender, m: Measures) => {
    const j = m.judgement;
    if (!j) {
      const mayJudge = storedSession()?.roles.includes('complaints-office') ?? false;
      return (
        <>
          <span class="badge sla-at-risk">{t('repeat.pendingJudgement')}</span>
          {mayJudge && <JudgeForm offender={o} year={loaded.status === 'ready' && loaded.value[0].kind === 'ready' ? loaded.value[0].value.year : year} onDone={reload} />}
        </>
      );
    }
    if (j.verdict === REDACTED) return t('repeat.judgedHidden', { date: date(j.judgedAt) });
    return [tl('value', j.verdict), j.explanation, j.personnelMeasure && `${t('repeat.personnelMeasure')}: ${j.personnelMeasure}`, date(j.judgedAt)].filter(Boolean).join(' · ');
  };
  const categoryColumns = (catalog: Catalog): Column<RepeatOffenderReport['topCategories'][number]>[] => [
    { label: t('inbox.col.category'), cell: (c) => categoryName(catalog, c.category) },
    { label: t('repeat.col.received'), cell: (c) => c.count },
  ];

  return (
    <>
      <h1>{t('repeat.title')}</h1>
      <p class="help">{t('repeat.help')}</p>
      <PeriodFilter id="repeat-year" kind="year" label={t('repeat.year')} value={String(year)} onChange={(v) => setYear(Number(v))} recent={recentYears(new Date(), 5).map(String)} />
      {loaded.status === 'loading' && <Loading />}
      {loaded.status === 'failed' && <ErrorMessage error={loaded.error} onRetry={reload} />}
      {loaded.status === 'ready' && loaded.value[0].kind !== 'ready' && <NotAvailable route="GET /reports/repeat-offenders" forbidden={loaded.value[0].kind === 'forbidden'} />}
      {loaded.status === 'ready' && loaded.value[0].kind === 'ready' && (() => {
        const report = loaded.value[0].value;
        const catalog = loaded.value[1];
        return (
          <>
            <section class="panel" aria-labelledby="offenders">
              <h2 id="offenders">
                {t('repeat.title')} · {report.year}
              </h2>
              <p class="help">{t('repeat.threshold', { threshold: report.threshold })}</p>
              <DownloadButtons csv={() => csv(report, catalog)} />
              {report.offenders.length === 0 ? (
                <p>{t('repeat.empty')}</p>
              ) : (
                <DataTable responsive id="offenders-table" columns={offenderColumns(catalog)} rows={report.offenders} rowKey={(o) => `${o.subject.kind}:${o.subject.id}:${o.reason}`} />
              )}
            </section>
            <section class="panel" aria-labelledby="top-categories">
              <h2 id="top-categories">{t('repeat.topCategories')}</h2>
              <DataTable columns={categoryColumns(catalog)} rows={report.topCategories} rowKey={(c) => c.category} />
            </section>
          </>
        );
      })()}
    </>
  );
}
