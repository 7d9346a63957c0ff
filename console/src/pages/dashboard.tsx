import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { cached, getIfAvailable, getOptional, query } from '../api';
import { BarChart } from '../chart';
import { DownloadButtons, ErrorMessage, Loading, NotAvailable, usePageTitle } from '../components';
import { useUi } from '../context';
import { downloadCsv } from '../download';
import { useLoad } from '../load';
import { PeriodFilter } from '../period-field';
import { quarterOf, recentQuarters } from '../quarter';
import { href } from '../router';
import { DataTable, type Column } from '../table';
import type { Catalog } from '../types';

interface Beside<T> {
  value: T;
  previous: T;
}

/** A quarter's bounds, [start, end), and where it stands when the answer was made (projections/quarterly.ts `QuarterPeriod`). */
export interface QuarterPeriod {
  start: string;
  end: string;
  status: 'not-started' | 'in-progress' | 'complete';
}

/** GET /reports/quarterly (src/reports/quarterly.queries.ts `QuarterlyAnswer`). */
export interface QuarterlyReport {
  quarter: string;
  previousQuarter: string;
  timeZone: string;
  period: QuarterPeriod;
  previousPeriod: QuarterPeriod;
  /** When the service made the answer: the figures of a quarter in progress are as of then. */
  asOf: string;
  figures: {
    received: Beside<number>;
    complaints: Beside<number>;
    compliments: Beside<number>;
    excluded: { privateLaw: Beside<number>; courtOrInvestigation: Beside<number>; unidentified: Beside<number>; fraudulent: Beside<number> };
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

const VOLUMES = ['received', 'complaints', 'compliments', 'closed', 'withdrawn', 'rejectedAtAssessment', 'openAtQuarterEnd'] as const;
const EXCLUDED = ['privateLaw', 'courtOrInvestigation', 'unidentified', 'fraudulent'] as const;
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
    ...EXCLUDED.map((k) => row(`excluded.${k}`, 'count', f.excluded[k])),
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

/** GET /reports/compensation (projections/compensation.ts `CompensationTotal`). */
interface CompensationTotal {
  department: string | null;
  trigger: string;
  currency: string;
  granted: { count: number; amount: number; exceptions: number };
  provided: { count: number; amount: number };
  owed: { count: number; amount: number };
  outstanding: { count: number; amount: number };
}

/** A case behind `owed` or `outstanding` (projections/compensation.ts `CompensationFollowUp`). */
interface CompensationFollowUp {
  complaintId: string;
  reference: string | null;
  department: string | null;
  kind: 'owed' | 'outstanding';
  trigger: string;
  amount: number;
  currency: string;
  decidedAt: string;
}

interface CompensationReport {
  totals: CompensationTotal[];
  followUp: CompensationFollowUp[];
}

interface Breakdown {
  code: string;
  name: string;
  report: QuarterlyReport;
}

/** The `department` value of GET /reports/quarterly for the cases no department handled (projections/quarterly.ts `UNASSIGNED`). */
export const UNASSIGNED = 'unassigned';

/** The figures a breakdown's chart and first table may show (its second table is always SLA compliance). */
export const BREAKDOWN_FIGURES = [
  'received', 'complaints', 'closed', 'openAtQuarterEnd', 'medianWorkingHoursToClose', 'p90WorkingHoursToClose', 'interimNoticeCompliance', 'reopenRate', 'satisfactionIndex', 'repeatOffendersFlagged',
] as const;
export type BreakdownFigure = (typeof BREAKDOWN_FIGURES)[number] | 'slaCompliance';

const KIND_OF: Record<BreakdownFigure, Kind> = {
  received: 'count', complaints: 'count', closed: 'count', openAtQuarterEnd: 'count', medianWorkingHoursToClose: 'hours', p90WorkingHoursToClose: 'hours',
  slaCompliance: 'share', interimNoticeCompliance: 'share', reopenRate: 'share', satisfactionIndex: 'score', repeatOffendersFlagged: 'count',
};

/** One row per department, category or channel (and the cases no department handled) of one figure, both quarters. */
export function breakdownRows(list: readonly Breakdown[], figure: BreakdownFigure): FigureRow[] {
  return list.map((b) => ({ key: b.code, label: b.name, kind: KIND_OF[figure], previous: b.report.figures[figure].previous, current: b.report.figures[figure].value }));
}

/** The manager's quarterly dashboard: charts and tables of GET /reports/quarterly, the previous quarter beside. */
export function DashboardPage() {
  const ui = useUi();
  const { t, tl, name } = ui;
  const [quarter, setQuarter] = useState(() => quarterOf(new Date()));
  const [loaded, reload] = useLoad(async () => {
    const catalog = await cached<Catalog>('/catalog');
    const answer = await getOptional<QuarterlyReport>(query('/reports/quarterly', { quarter }));
    if (answer.kind !== 'ready') return answer.kind;
    const report = answer.value;
    // One request per department, category and channel, each answered from the same summaries as the whole.
    const by = (key: 'department' | 'category' | 'channel', list: { code: string; name: string }[]) =>
      Promise.all(list.map(async (item): Promise<Breakdown> => ({ ...item, report: (await getIfAvailable<QuarterlyReport>(query('/reports/quarterly', { quarter, [key]: item.code })))! })));
    const [departments, categories, channels, compensation] = await Promise.all([
      // The cases no department handled have a row of their own, so that the rows add up to the whole.
      by('department', [...catalog.departments.map((d) => ({ code: d.code, name: name(d.name, d.code) })), { code: UNASSIGNED, name: t('dash.unassigned') }]),
      by('category', catalog.categories.map((c) => ({ code: c.code, name: name(c.name, c.code) }))),
      by('channel', catalog.channels.map((c) => ({ code: c, name: tl('value', c) }))),
      getIfAvailable<CompensationReport>(query('/reports/compensation', { quarter })),
    ]);
    return { report, departments, categories, channels, compensation, catalog };
  }, [quarter, ui.language]);
  usePageTitle(t('dash.title'));

  return (
    <>
      <h1>{t('dash.title')}</h1>
      <PeriodFilter id="quarter" kind="quarter" label={t('dash.quarter')} value={quarter} onChange={setQuarter} recent={recentQuarters(new Date(), 8)} />
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
    if (plain.startsWith('excluded.')) return `${tl('dash.figure', 'excluded')}: ${tl('value', plain.slice('excluded.'.length).replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`))}`;
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
  /** A change between quarters: a share's in percentage points (71.2 % → 63.2 % is −8.0 pp, not −8.0 %). */
  const change = (kind: Kind, delta: number) =>
    signed(kind === 'share' ? t('dash.points', { points: number(delta * 100, { maximumFractionDigits: 1 }) }) : show(kind, delta), delta);
  return { figureLabel, show, change };
}

/** Where the quarter stands, as the service's clock says: over, in progress (figures so far, as of when) or not begun. */
function PeriodNotice({ report }: { report: QuarterlyReport }) {
  const { t, date, language } = useUi();
  const day = new Intl.DateTimeFormat(language === 'ko' ? 'ko-KR' : 'en-GB', { dateStyle: 'medium', timeZone: report.timeZone });
  const { period, previousPeriod } = report;
  const values = {
    quarter: report.quarter,
    start: day.format(new Date(period.start)),
    // The last day: the end is the next quarter's first instant.
    last: day.format(new Date(Date.parse(period.end) - 1)),
    asOf: date(report.asOf),
  };
  return (
    <div id="quarter-period" data-status={period.status} class={period.status === 'complete' ? 'help' : 'message'}>
      <p>{t(`dash.period.${period.status}`, values)}</p>
      {previousPeriod.status === 'in-progress' && <p>{t('dash.period.previousInProgress', { quarter: report.previousQuarter, asOf: values.asOf })}</p>}
    </div>
  );
}

function Dashboard({ report, departments, categories, channels, compensation, catalog }: { report: QuarterlyReport; departments: Breakdown[]; categories: Breakdown[]; channels: Breakdown[]; compensation?: CompensationReport; catalog: Catalog }) {
  const { t, name, number, date } = useUi();
  const { figureLabel } = useFigureFormat();
  const [figure, setFigure] = useState<BreakdownFigure>('received');
  // A quarter not yet ended (as the service's clock says) has no end: its open cases are those open now (the previous quarter's column still counts at its end).
  const ongoing = report.period.status !== 'complete';
  const rows = figureRows(report, (key) => (key === 'openAtQuarterEnd' && ongoing ? t('dash.openAtEndOrNow') : figureLabel(key)));
  const previous = t('dash.previous', { quarter: report.previousQuarter });
  const current = t('dash.current', { quarter: report.quarter });
  const pick = (keys: readonly string[]) => keys.map((k) => rows.find((r) => r.key === k)!).filter(Boolean);
  const chartOf = (title: string, list: FigureRow[], percent = false, horizontal = false) => (
    <BarChart label={t('dash.chartOf', { title })} labels={list.map((r) => r.label)} percent={percent} horizontal={horizontal} series={[{ label: previous, values: list.map((r) => r.previous) }, { label: current, values: list.map((r) => r.current) }]} />
  );
  const breakdowns = [[t('dash.byDepartment'), departments], [t('dash.byCategory'), categories], [t('dash.byChannel'), channels]] as const;
  const breakdownLabel = (f: BreakdownFigure) => (f === 'openAtQuarterEnd' && ongoing ? t('dash.openAtEndOrNow') : figureLabel(f));

  const departmentOf = (c: { department: string | null }) => name(catalog.departments.find((d) => d.code === c.department)?.name, c.department ?? '');
  const triggerOf = (c: { trigger: string }) => name(catalog.compensationPolicy?.triggers.find((g) => g.code === c.trigger)?.name, c.trigger);

  function csv() {
    const out: unknown[][] = [['section', 'figure', 'key', report.previousQuarter, report.quarter]];
    for (const r of rows) out.push([t('dash.figures'), r.label, r.key, r.previous, r.current]);
    // Every figure the breakdowns offer, whichever one is chosen on the page, the rows in the order shown.
    for (const [section, list] of breakdowns) {
      for (const f of [...BREAKDOWN_FIGURES, 'slaCompliance'] as const) {
        for (const r of breakdownRows(list, f)) out.push([section, `${r.label}: ${breakdownLabel(f)}`, `${r.key}.${f}`, r.previous, r.current]);
      }
    }
    // The compensation table as shown: the quarter's only (no previous quarter beside it).
    for (const c of compensation?.totals ?? []) {
      const named = `${departmentOf(c)} · ${triggerOf(c)}`;
      const key = `compensation.${c.department ?? ''}.${c.trigger}.${c.currency}`;
      for (const [label, suffix, value] of [
        [t('dash.compensation.granted'), 'granted.count', c.granted.count],
        [`${t('dash.compensation.granted')} (${c.currency})`, 'granted.amount', c.granted.amount],
        [t('dash.compensation.exceptions'), 'granted.exceptions', c.granted.exceptions],
        [t('dash.compensation.provided'), 'provided.count', c.provided.count],
        [`${t('dash.compensation.provided')} (${c.currency})`, 'provided.amount', c.provided.amount],
        [t('dash.compensation.owed'), 'owed.count', c.owed.count],
        [`${t('dash.compensation.owed')} (${c.currency})`, 'owed.amount', c.owed.amount],
        [t('dash.compensation.outstanding'), 'outstanding.count', c.outstanding.count],
        [`${t('dash.compensation.outstanding')} (${c.currency})`, 'outstanding.amount', c.outstanding.amount],
      ] as const) out.push([t('dash.compensation'), `${named}: ${label}`, `${key}.${suffix}`, '', value]);
    }
    downloadCsv(`quarterly-${report.quarter}.csv`, out);
  }

  const table = (list: FigureRow[], caption: string, options: { visibleCaption?: boolean; id?: string } = {}) => (
    <FigureTable rows={list} previous={report.previousQuarter} current={report.quarter} caption={caption} {...options} />
  );
  /** A chart of the figures and their table under a heading; the chart and the table are named by `caption` (the title unless given). */
  const panel = (id: string, title: string, list: FigureRow[], options: { caption?: string; percent?: boolean; horizontal?: boolean; more?: ComponentChildren } = {}) => {
    const caption = options.caption ?? title;
    return (
      <section class="panel chart-panel" aria-labelledby={id}>
        <h2 id={id}>{title}</h2>
        {chartOf(caption, list, options.percent, options.horizontal)}
        {table(list, caption)}
        {options.more}
      </section>
    );
  };
  /** The chosen figure by department, category or channel, charted, and their SLA compliance as a second table. */
  const breakdownPanel = (id: string, title: string, list: Breakdown[], note?: string) =>
    panel(id, title, breakdownRows(list, figure), {
      caption: `${title}: ${breakdownLabel(figure)}`,
      percent: KIND_OF[figure] === 'share',
      horizontal: true,
      more: (
        <>
          {table(breakdownRows(list, 'slaCompliance'), `${title}: ${figureLabel('slaCompliance')}`, { visibleCaption: true })}
          {note && <p class="help">{note}</p>}
        </>
      ),
    });
  const casesAndValue = (sum: { count: number; amount: number }, currency: string) => `${number(sum.count)} · ${number(sum.amount)} ${currency}`;
  /** Compensation granted, handed over, owed and outstanding in the quarter, per department and trigger (004 seed, ch. 3 ⑤ 나). */
  const compensationColumns: Column<CompensationTotal>[] = [
    { label: t('inbox.col.department'), cell: departmentOf },
    { label: t('dash.compensation.trigger'), cell: triggerOf },
    { label: t('dash.compensation.granted'), cell: (c) => `${number(c.granted.count)} · ${number(c.granted.amount)} ${c.currency}`, cellProps: (c) => ({ 'data-value': c.granted.amount }) },
    { label: t('dash.compensation.exceptions'), cell: (c) => number(c.granted.exceptions) },
    { label: t('dash.compensation.provided'), cell: (c) => `${number(c.provided.count)} · ${number(c.provided.amount)} ${c.currency}`, cellProps: (c) => ({ 'data-value': c.provided.amount }) },
    { label: t('dash.compensation.owed'), cell: (c) => casesAndValue(c.owed, c.currency), cellProps: (c) => ({ 'data-value': c.owed.amount }) },
    { label: t('dash.compensation.outstanding'), cell: (c) => casesAndValue(c.outstanding, c.currency), cellProps: (c) => ({ 'data-value': c.outstanding.amount }) },
  ];
  /** The cases to follow up: owed and not granted, or granted and not handed over. */
  const followUpColumns: Column<CompensationFollowUp>[] = [
    { label: t('inbox.col.case'), cell: (f) => <a href={href.case(f.complaintId)} title={f.complaintId}>{f.reference ?? f.complaintId}</a> },
    { label: t('inbox.col.department'), cell: departmentOf },
    { label: t('dash.compensation.trigger'), cell: triggerOf },
    { label: t('dash.compensation.followUp.kind'), cell: (f) => t(f.kind === 'owed' ? 'dash.compensation.followUp.owed' : 'dash.compensation.followUp.outstanding') },
    { label: t('dash.compensation.followUp.value'), cell: (f) => `${number(f.amount)} ${f.currency}`, cellProps: (f) => ({ 'data-value': f.amount }) },
    { label: t('dash.compensation.followUp.decidedAt'), cell: (f) => date(f.decidedAt) },
  ];
  return (
    <>
      <PeriodNotice report={report} />
      <DownloadButtons csv={csv} />
      <div class="grid">
        {panel('dash-volumes', t('dash.volumes'), pick(VOLUMES))}
        {panel('dash-hours', t('dash.hours'), pick(HOURS))}
        {panel('dash-sla', t('dash.sla'), pick(SHARES), { percent: true })}
        {panel('dash-outcomes', t('dash.outcomes'), pick(OUTCOMES.map((k) => `outcomes.${k}`)))}
      </div>
      <section class="breakdowns" aria-labelledby="dash-breakdowns">
        <h2 id="dash-breakdowns">{t('dash.breakdowns')}</h2>
        <form class="filters panel" onSubmit={(e) => e.preventDefault()}>
          <div class="field">
            <label for="breakdown-figure">{t('dash.breakdownFigure')}</label>
            <select id="breakdown-figure" value={figure} onChange={(e) => setFigure(e.currentTarget.value as BreakdownFigure)} aria-describedby="breakdown-help">
              {BREAKDOWN_FIGURES.map((f) => (
                <option key={f} value={f}>
                  {breakdownLabel(f)}
                </option>
              ))}
            </select>
          </div>
          <p class="help" id="breakdown-help">{t('dash.breakdownHelp')}</p>
        </form>
        <div class="grid">
          {breakdownPanel('dash-department', t('dash.byDepartment'), departments, t('dash.unassignedHelp'))}
          {breakdownPanel('dash-category', t('dash.byCategory'), categories)}
          {breakdownPanel('dash-channel', t('dash.byChannel'), channels)}
        </div>
      </section>
      {compensation && (
        <section class="panel" aria-labelledby="dash-compensation">
          <h2 id="dash-compensation">{t('dash.compensation')}</h2>
          <DataTable id="compensation-table" columns={compensationColumns} rows={compensation.totals} rowKey={(c) => `${c.department}:${c.trigger}:${c.currency}`} />
          {compensation.followUp.length > 0 && (
            <>
              <h3 id="dash-compensation-follow-up">{t('dash.compensation.followUp')}</h3>
              <DataTable id="compensation-follow-up" columns={followUpColumns} rows={compensation.followUp} rowKey={(f) => `${f.complaintId}:${f.kind}`} />
            </>
          )}
        </section>
      )}
      <section class="panel" aria-labelledby="dash-all">
        <h2 id="dash-all">{t('dash.figures')}</h2>
        {table(rows, t('dash.figures'), { id: 'all-figures' })}
      </section>
    </>
  );
}

function FigureTable({ rows, previous, current, caption, visibleCaption = false, id }: { rows: FigureRow[]; previous: string; current: string; caption: string; visibleCaption?: boolean; id?: string }) {
  const { t } = useUi();
  const { show, change } = useFigureFormat();
  /** A quarter's column: its header says which quarter it is to a screen reader too; `data-value` holds the unformatted figure. */
  const quarter = (which: 'dash.previous' | 'dash.current', name: string, value: (r: FigureRow) => number | null): Column<FigureRow> => ({
    label: name,
    header: (
      <>
        <span class="visually-hidden">{t(which, { quarter: '' })}</span>
        {name}
      </>
    ),
    cell: (r) => show(r.kind, value(r)),
    cellProps: (r) => ({ 'data-value': value(r) ?? '' }),
  });
  const columns: Column<FigureRow>[] = [
    { label: t('dash.figure'), cell: (r) => r.label },
    quarter('dash.previous', previous, (r) => r.previous),
    quarter('dash.current', current, (r) => r.current),
    { label: t('dash.change'), cell: (r) => (r.previous === null || r.current === null ? t('common.none') : change(r.kind, r.current - r.previous)) },
  ];
  return <DataTable class="figures" id={id} caption={caption} captionVisible={visibleCaption} columns={columns} rows={rows} rowKey={(r) => r.key} rowProps={(r) => ({ 'data-figure': r.key })} />;
}

const signed = (text: string, delta: number) => (delta > 0 ? `+${text}` : text);
