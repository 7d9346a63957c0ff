import { useState } from 'preact/hooks';
import { cached, getIfAvailable, getOptional, query } from '../api';
import { BarChart } from '../chart';
import { ErrorMessage, Loading, NotAvailable, usePageTitle } from '../components';
import { useUi } from '../context';
import { download, toCsv } from '../download';
import type { MessageKey } from '../i18n';
import { useLoad } from '../load';
import { recentQuarters } from '../quarter';
import type { Catalog } from '../types';

interface Beside<T> {
  value: T;
  previous: T;
}

/** GET /reports/quarterly (projections/quarterly.ts `QuarterlyReport`). */
export interface QuarterlyReport {
  quarter: string;
  previousQuarter: string;
  figures: {
    received: Beside<number>;
    closed: Beside<number>;
    withdrawn: Beside<number>;
    rejectedAtAssessment: Beside<number>;
    openAtQuarterEnd: Beside<number>;
    medianWorkingHoursToClose: Beside<number | null>;
    p90WorkingHoursToClose: Beside<number | null>;
    slaCompliance: Beside<number | null>;
    interimNoticeCompliance: Beside<number | null>;
    outcomes: { upheld: Beside<number>; partlyUpheld: Beside<number>; notUpheld: Beside<number> };
    reopenRate: Beside<number | null>;
    compensationTotal: Beside<Record<string, number>>;
    satisfactionResponses: Beside<number>;
    satisfaction: Record<string, Beside<number | null>>;
    satisfactionIndex: Beside<number | null>;
    repeatOffendersFlagged: Beside<number | null>;
  };
}

type Kind = 'count' | 'hours' | 'share' | 'score' | 'money';

/** One row of the figures table: a name, how to show it, and the two values. */
export interface FigureRow {
  key: string;
  label: string;
  kind: Kind;
  previous: number | null;
  current: number | null;
}

const VOLUMES = ['received', 'closed', 'withdrawn', 'rejectedAtAssessment', 'openAtQuarterEnd'] as const;
const HOURS = ['medianWorkingHoursToClose', 'p90WorkingHoursToClose'] as const;
const SHARES = ['slaCompliance', 'interimNoticeCompliance', 'reopenRate'] as const;
const OUTCOMES = ['upheld', 'partlyUpheld', 'notUpheld'] as const;

/** Every figure of the report as rows, in the order the dashboard shows them. */
export function figureRows(report: QuarterlyReport, label: (key: string) => string): FigureRow[] {
  const f = report.figures;
  const row = (key: string, kind: Kind, b: Beside<number | null>): FigureRow => ({ key, label: label(key), kind, previous: b.previous, current: b.value });
  const currencies = [...new Set([...Object.keys(f.compensationTotal.value), ...Object.keys(f.compensationTotal.previous)])];
  return [
    ...VOLUMES.map((k) => row(k, 'count', f[k])),
    ...HOURS.map((k) => row(k, 'hours', f[k])),
    ...SHARES.map((k) => row(k, 'share', f[k])),
    ...OUTCOMES.map((k) => row(`outcomes.${k}`, 'count', f.outcomes[k])),
    ...currencies.map((c) => ({ key: `compensationTotal.${c}`, label: `${label('compensationTotal')} (${c})`, kind: 'money' as const, previous: f.compensationTotal.previous[c] ?? 0, current: f.compensationTotal.value[c] ?? 0 })),
    row('satisfactionResponses', 'count', f.satisfactionResponses),
    ...Object.entries(f.satisfaction).map(([k, b]) => row(`satisfaction.${k}`, 'score', b)),
    row('satisfactionIndex', 'score', f.satisfactionIndex),
    row('repeatOffendersFlagged', 'count', f.repeatOffendersFlagged),
  ];
}

interface Breakdown {
  code: string;
  name: string;
  report: QuarterlyReport;
}

/** The manager's quarterly dashboard: charts and tables of GET /reports/quarterly, the previous quarter beside. */
export function DashboardPage() {
  const ui = useUi();
  const { t, name } = ui;
  const quarters = recentQuarters(new Date(), 8);
  const [quarter, setQuarter] = useState(quarters[0]!);
  const [loaded, reload] = useLoad(async () => {
    const catalog = await cached<Catalog>('/catalog');
    const answer = await getOptional<QuarterlyReport>(query('/reports/quarterly', { quarter }));
    if (answer.kind !== 'ready') return answer.kind;
    const report = answer.value;
    const by = (key: 'department' | 'category', list: { code: string; name: { ko: string; en: string } }[]) =>
      Promise.all(
        list.map(async (item): Promise<Breakdown> => ({ code: item.code, name: name(item.name, item.code), report: (await getIfAvailable<QuarterlyReport>(query('/reports/quarterly', { quarter, [key]: item.code })))! })),
      );
    const [departments, categories] = await Promise.all([by('department', catalog.departments), by('category', catalog.categories)]);
    return { report, departments, categories };
  }, [quarter, ui.language]);
  usePageTitle(t('dash.title'));

  return (
    <>
      <h1>{t('dash.title')}</h1>
      <form class="filters panel" onSubmit={(e) => e.preventDefault()}>
        <div class="field">
          <label for="quarter">{t('dash.quarter')}</label>
          <select id="quarter" value={quarter} onChange={(e) => setQuarter(e.currentTarget.value)}>
            {quarters.map((q) => (
              <option key={q}>{q}</option>
            ))}
          </select>
        </div>
      </form>
      {loaded.status === 'loading' && <Loading />}
      {loaded.status === 'failed' && <ErrorMessage error={loaded.error} onRetry={reload} />}
      {loaded.status === 'ready' && typeof loaded.value === 'string' && <NotAvailable route="GET /reports/quarterly" forbidden={loaded.value === 'forbidden'} />}
      {loaded.status === 'ready' && typeof loaded.value !== 'string' && (
        <Dashboard {...loaded.value} />
      )}
    </>
  );
}

/** Labels and number formats of the figures, in the chosen language. */
function useFigureFormat() {
  const { t, tl, number } = useUi();
  const figureLabel = (key: string) => {
    const plain = key.replace(/^outcomes\./, '').replace('partlyUpheld', 'partly-upheld').replace('notUpheld', 'not-upheld');
    if (plain.startsWith('satisfaction.')) return tl('field', plain.slice('satisfaction.'.length));
    return tl('dash.figure', plain);
  };
  const show = (kind: Kind, value: number | null) => {
    if (value === null) return t('common.none');
    switch (kind) {
      case 'share':
        return number(value, { style: 'percent', maximumFractionDigits: 1 });
      case 'hours':
      case 'score':
        return number(value, { maximumFractionDigits: 2 });
      default:
        return number(value);
    }
  };
  return { figureLabel, show };
}

function Dashboard({ report, departments, categories }: { report: QuarterlyReport; departments: Breakdown[]; categories: Breakdown[] }) {
    const { t } = useUi();
    const { figureLabel } = useFigureFormat();
    const rows = figureRows(report, figureLabel);
    const previous = t('dash.previous', { quarter: report.previousQuarter });
    const current = t('dash.current', { quarter: report.quarter });
    const pick = (keys: readonly string[]) => keys.map((k) => rows.find((r) => r.key === k)!).filter(Boolean);
    const chartOf = (title: string, list: FigureRow[], percent = false, horizontal = false) => (
      <BarChart label={t('dash.chartOf', { title })} labels={list.map((r) => r.label)} percent={percent} horizontal={horizontal} series={[{ label: previous, values: list.map((r) => r.previous) }, { label: current, values: list.map((r) => r.current) }]} />
    );
    const breakdownRows = (list: Breakdown[]): FigureRow[] =>
      list.map((b) => ({ key: b.code, label: b.name, kind: 'count', previous: b.report.figures.received.previous, current: b.report.figures.received.value }));
    const slaRows = (list: Breakdown[]): FigureRow[] =>
      list.map((b) => ({ key: b.code, label: b.name, kind: 'share', previous: b.report.figures.slaCompliance.previous, current: b.report.figures.slaCompliance.value }));

    function csv() {
      const out: unknown[][] = [['section', 'figure', 'key', report.previousQuarter, report.quarter]];
      for (const r of rows) out.push([t('dash.figures'), r.label, r.key, r.previous, r.current]);
      for (const [section, list] of [[t('dash.byDepartment'), departments], [t('dash.byCategory'), categories]] as const) {
        for (const r of breakdownRows(list)) out.push([section, `${r.label}: ${figureLabel('received')}`, `${r.key}.received`, r.previous, r.current]);
        for (const r of slaRows(list)) out.push([section, `${r.label}: ${figureLabel('slaCompliance')}`, `${r.key}.slaCompliance`, r.previous, r.current]);
      }
      download(`quarterly-${report.quarter}.csv`, toCsv(out), 'text/csv');
    }

    const panel = (id: string, titleKey: MessageKey, list: FigureRow[], percent = false) => (
      <section class="panel chart-panel" aria-labelledby={id}>
        <h2 id={id}>{t(titleKey)}</h2>
        {chartOf(t(titleKey), list, percent)}
        <FigureTable rows={list} previous={report.previousQuarter} current={report.quarter} caption={t(titleKey)} />
      </section>
    );
    const departmentRows = breakdownRows(departments);
    const categoryRows = breakdownRows(categories);
    return (
      <>
        <div class="actions">
          <button type="button" onClick={csv}>
            {t('common.downloadCsv')}
          </button>
        </div>
        <div class="grid">
          {panel('dash-volumes', 'dash.volumes', pick(VOLUMES))}
          {panel('dash-hours', 'dash.hours', pick(HOURS))}
          {panel('dash-sla', 'dash.sla', pick(SHARES), true)}
          {panel('dash-outcomes', 'dash.outcomes', pick(OUTCOMES.map((k) => `outcomes.${k}`)))}
          <section class="panel chart-panel" aria-labelledby="dash-department">
            <h2 id="dash-department">{t('dash.byDepartment')}</h2>
            {chartOf(`${t('dash.byDepartment')}: ${figureLabel('received')}`, departmentRows, false, true)}
            <FigureTable rows={departmentRows} previous={report.previousQuarter} current={report.quarter} caption={`${t('dash.byDepartment')}: ${figureLabel('received')}`} />
            <FigureTable rows={slaRows(departments)} previous={report.previousQuarter} current={report.quarter} caption={`${t('dash.byDepartment')}: ${figureLabel('slaCompliance')}`} visibleCaption />
          </section>
          <section class="panel chart-panel" aria-labelledby="dash-category">
            <h2 id="dash-category">{t('dash.byCategory')}</h2>
            {chartOf(`${t('dash.byCategory')}: ${figureLabel('received')}`, categoryRows, false, true)}
            <FigureTable rows={categoryRows} previous={report.previousQuarter} current={report.quarter} caption={`${t('dash.byCategory')}: ${figureLabel('received')}`} />
            <FigureTable rows={slaRows(categories)} previous={report.previousQuarter} current={report.quarter} caption={`${t('dash.byCategory')}: ${figureLabel('slaCompliance')}`} visibleCaption />
          </section>
        </div>
        <section class="panel" aria-labelledby="dash-all">
          <h2 id="dash-all">{t('dash.figures')}</h2>
          <FigureTable rows={rows} previous={report.previousQuarter} current={report.quarter} caption={t('dash.figures')} id="all-figures" />
        </section>
      </>
    );
}

function FigureTable({ rows, previous, current, caption, visibleCaption = false, id }: { rows: FigureRow[]; previous: string; current: string; caption: string; visibleCaption?: boolean; id?: string }) {
    const { t } = useUi();
    const { show } = useFigureFormat();
    return (
      <div class="table-wrap">
        <table class="figures" id={id}>
          <caption class={visibleCaption ? '' : 'visually-hidden'}>{caption}</caption>
          <thead>
            <tr>
              <th scope="col">{t('dash.figure')}</th>
              <th scope="col">
                <span class="visually-hidden">{t('dash.previous', { quarter: '' })}</span>
                {previous}
              </th>
              <th scope="col">
                <span class="visually-hidden">{t('dash.current', { quarter: '' })}</span>
                {current}
              </th>
              <th scope="col">{t('dash.change')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.key} data-figure={r.key}>
                <th scope="row">{r.label}</th>
                <td data-value={r.previous ?? ''}>{show(r.kind, r.previous)}</td>
                <td data-value={r.current ?? ''}>{show(r.kind, r.current)}</td>
                <td>{r.previous === null || r.current === null ? t('common.none') : signed(show(r.kind, r.current - r.previous), r.current - r.previous)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    );
}

const signed = (text: string, delta: number) => (delta > 0 ? `+${text}` : text);
