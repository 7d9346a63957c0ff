/** The report's figures, drawn from a run's results: item 1's commands against writers, and commands against the store's size. */
import type { Results } from '../run.js';
import type { Throughput } from '../items/commands.js';
import { lineChart, type Chart, type LegendEntry, type Panel } from './chart.js';

/** Paths beside the report (docs/ for a full run, artifacts/ for a partial one), as the report links them. */
export const FIGURES = {
  byWriters: 'benchmarks/commands-by-writers.svg',
  byStoreSize: 'benchmarks/commands-by-store-size.svg',
} as const;

/** One line of a figure: its operations measured at each x. */
interface Side {
  label: string;
  colour: string;
  points: { x: number; throughput: Throughput }[];
}

/** Latency (p50 solid, p99 dashed, log scale) beside throughput, each side in its colour. */
function panels(sides: readonly Side[]): Panel[] {
  return [
    {
      title: 'Latency per operation',
      yLabel: 'milliseconds (log scale)',
      yLog: true,
      lines: sides.flatMap((s) => [
        { colour: s.colour, points: s.points.map((p) => ({ x: p.x, y: p.throughput.latency.p50 })) },
        { colour: s.colour, dashed: true, points: s.points.map((p) => ({ x: p.x, y: p.throughput.latency.p99 })) },
      ]),
    },
    { title: 'Throughput', yLabel: 'operations per second', lines: sides.map((s) => ({ colour: s.colour, points: s.points.map((p) => ({ x: p.x, y: p.throughput.perSecond })) })) },
  ];
}

const legend = (sides: readonly Side[]): LegendEntry[] => [
  ...sides.map((s) => ({ label: s.label, colour: s.colour })),
  { label: 'latency p50', colour: '#222' },
  { label: 'latency p99', colour: '#222', dashed: true },
];

/** 10 k, 1 M. */
const eventsLabel = (events: number): string => (events >= 1_000_000 ? `${events / 1_000_000} M` : events >= 1_000 ? `${events / 1_000} k` : String(events));

function byWriters(r: Results): Chart | undefined {
  const rows = r.commandsPostgres;
  if (!rows || rows.length === 0) return undefined;
  const sides: Side[] = [
    { label: 'engine commands', colour: '#1f77b4', points: rows.map((x) => ({ x: x.writers, throughput: x.commands })) },
    { label: "Emmett's read + append", colour: '#ff7f0e', points: rows.flatMap((x) => (x.emmett ? [{ x: x.writers, throughput: x.emmett }] : [])) },
    { label: 'raw one-row inserts', colour: '#7f7f7f', points: rows.map((x) => ({ x: x.writers, throughput: x.raw })) },
  ].filter((s) => s.points.length > 0);
  return {
    title: 'Item 1 on PostgreSQL: commands against concurrent writers',
    xLabel: 'writers (log scale)',
    xTicks: rows.map((x) => ({ value: x.writers, label: String(x.writers) })),
    panels: panels(sides),
    legend: legend(sides),
  };
}

function byStoreSize(r: Results): Chart | undefined {
  const sizes = r.commandsBySize;
  if (!sizes || sizes.length === 0) return undefined;
  const writers = [...new Set(sizes.flatMap((s) => s.rows.map((x) => x.writers)))].sort((a, b) => a - b);
  const colours = { engine: ['#1f77b4', '#9467bd', '#2ca02c'], raw: ['#b0b0b0', '#505050', '#808080'] };
  const sideOf = (w: number, i: number, raw: boolean): Side => ({
    label: `${raw ? 'raw inserts' : 'engine commands'}, ${w} writer${w === 1 ? '' : 's'}`,
    colour: (raw ? colours.raw : colours.engine)[i % 3]!,
    points: sizes.flatMap((s) => s.rows.filter((x) => x.writers === w).map((x) => ({ x: s.storedEvents, throughput: raw ? x.raw : x.commands }))),
  });
  const sides = [...writers.map((w, i) => sideOf(w, i, false)), ...writers.map((w, i) => sideOf(w, i, true))];
  // Ticks at the powers of ten nearest the sizes measured (the 10 k point is a store of about 10 000).
  const decade = (events: number) => Math.round(Math.log10(events));
  const stored = sizes.map((s) => s.storedEvents);
  const first = decade(Math.min(...stored));
  const decades = Array.from({ length: decade(Math.max(...stored)) - first + 1 }, (_, i) => 10 ** (first + i));
  return {
    title: 'Commands against the number of events stored (PostgreSQL)',
    xLabel: 'events stored (log scale)',
    xTicks: decades.map((value) => ({ value, label: eventsLabel(value) })),
    panels: panels(sides),
    legend: legend(sides),
  };
}

/** The figures a run's results can draw (none for what was not measured), each with its path beside the report. */
export function renderFigures(r: Results): { path: string; svg: string }[] {
  const charts: [string, Chart | undefined][] = [
    [FIGURES.byWriters, byWriters(r)],
    [FIGURES.byStoreSize, byStoreSize(r)],
  ];
  return charts.flatMap(([path, chart]) => (chart ? [{ path, svg: lineChart(chart) }] : []));
}
