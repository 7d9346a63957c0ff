import { describe, expect, it } from '@jest/globals';
import type { Results } from '../../bench/run.js';
import type { CommandsResult, Throughput } from '../../bench/items/commands.js';
import type { HttpResult } from '../../bench/items/http.js';
import { lineChart, linearTicks, logTicks } from '../../bench/support/chart.js';
import { FIGURES, renderFigures } from '../../bench/support/figures.js';
import { renderReport } from '../../bench/support/report.js';
import { sizesOf } from '../../bench/support/sizes.js';
import { latencies } from '../../bench/support/stats.js';

const throughput = (perSecond: number, p50: number, p99: number): Throughput => ({
  operations: perSecond * 10,
  seconds: 10,
  perSecond,
  latency: { ...latencies([p50]), p50, p99 },
});

const row = (writers: number, engine: number, raw: number): CommandsResult => ({
  writers,
  commands: throughput(engine, 1000 / engine, 5000 / engine),
  raw: throughput(raw, 1000 / raw, 4000 / raw),
  ratio: engine / raw,
  emmett: throughput(engine * 1.3, 800 / engine, 3000 / engine),
  emmettRatio: (engine * 1.3) / raw,
});

/** A run's results as an older bench wrote them: item 1 at 1 and 8 writers, nothing measured by store size. */
function oldResults(): Results {
  const { commandWriters: _w, curveSeconds: _s, curveSmallEvents: _e, ...sizes } = sizesOf([], {});
  return {
    sizes: sizes as Results['sizes'],
    machine: { cpuModel: 'test', cores: 2, memoryGiB: 24, node: 'v20', postgres: '15', postgresSettings: {}, pglite: '0.5', loadAverage: [1, 1, 1] },
    startedAt: '2026-12-03T15:42:41.436Z',
    minutes: 38,
    loadAverageAfter: [2, 2, 2],
    commandsPostgres: [row(1, 215, 610), row(8, 577, 2455)],
    errors: {},
  };
}

function newResults(): Results {
  return {
    ...oldResults(),
    sizes: sizesOf([], {}),
    commandsPostgres: [row(1, 215, 610), row(2, 330, 1100), row(4, 450, 1800), row(8, 577, 2455), row(16, 560, 2600)],
    commandsBySize: [10_000, 100_000, 1_000_000, 10_000_000].map((storedEvents, i) => ({
      storedEvents,
      storedEventsAfter: storedEvents + 4_000,
      rows: [row(1, 215 - 10 * i, 600), row(8, 577 - 40 * i, 2400)],
    })),
  };
}

describe('the benchmark report', () => {
  it('links a figure of item 1 against writers above the table of every writer count, judging the targets at 1 and 8 writers only', () => {
    const report = renderReport(newResults());
    expect(report).toContain(`](${FIGURES.byWriters})`);
    expect(report).toMatch(/\| 16 \| 560 \|/);
    expect(report).toMatch(/\| 2 \| 330 \|.*\| \(judged at 1 and 8\) \| \(judged at 8\) \|/);
    expect(report).toContain('| 1. commands/s against raw inserts, PostgreSQL | 0.35 at 1, 0.24 at 8 writers |');
  });

  it('gives commands by store size as a figure and a table, a row per size and writer count', () => {
    const report = renderReport(newResults());
    expect(report).toContain(`](${FIGURES.byStoreSize})`);
    expect(report).toContain('| 10,000,000 → 10,004,000 | 8 | 457 |');
    expect(report.match(/^\| [\d,]+ → [\d,]+ \| [18] \|/gm)).toHaveLength(8);
  });

  it('gives item 2 beside the Nest + Emmett peer where it was measured: a summary row, a row in each table and the ratio', () => {
    const http = (perSecond: number, p99: number, service: number, postgres: number): HttpResult => ({
      connections: 32,
      seconds: 30,
      requests: perSecond * 30,
      perSecond,
      latency: { ...latencies([p99 / 3]), p99 },
      failures: {},
      cpuPerRequest: { service, postgres, rest: 0.4, machineBusyShare: 0.84 },
    });
    const report = renderReport({ ...newResults(), http: http(484, 170.3, 1.7, 1.27), httpPeer: http(880, 61.2, 0.94, 0.73) });
    expect(report).toContain("| 2. the same beside a minimal Nest + Emmett service (read, decide, append) | 0.55 of the peer's requests/s (peer: 880 requests/s, p99 61.2 ms) | (no target: for comparison) | |");
    expect(report).toMatch(/\| engine \| 32 \| 14,520 \| 484 \|.*\| 170\.3 \|.*\| \*\*missed\*\* \|/);
    expect(report).toMatch(/\| Nest \+ Emmett peer \| 32 \| 26,400 \| 880 \|.*\| 61\.2 \|.*\| \(for comparison\) \|/);
    expect(report).toContain('| Nest + Emmett peer | 32 | 0.94 | 0.73 | 0.40 | 84 % |');
    expect(report).toContain("the engine answered 0.55 of the peer's requests a second, with a p99 of 170.3 ms to its 61.2 ms; a request cost the engine's process 1.70 ms of CPU to the peer's 0.94, and PostgreSQL 1.27 ms to 0.73. The peer, doing a fraction of the work, misses the p99 target on this machine too.");
    expect(renderReport(newResults())).not.toContain('Nest + Emmett peer |');
  });

  it('renders results from before the curves were measured, saying what was not measured', () => {
    const results = oldResults();
    const report = renderReport(results);
    expect(report).toMatch(/## Commands as the store grows\n\n\(not measured\)/);
    expect(report).not.toContain(FIGURES.byStoreSize);
    expect(renderFigures(results).map((f) => f.path)).toEqual([FIGURES.byWriters]);
  });

  it('draws both figures when both were measured, a line per side and figure in each panel', () => {
    const figures = renderFigures(newResults());
    expect(figures.map((f) => f.path)).toEqual([FIGURES.byWriters, FIGURES.byStoreSize]);
    const [byWriters, byStoreSize] = figures.map((f) => f.svg);
    // Latency: p50 and p99 of engine, Emmett and raw; throughput: the three.
    expect(byWriters!.match(/<polyline /g)).toHaveLength(9);
    expect(byWriters).toContain('>16</text>');
    // Engine and raw at 1 and 8 writers: four sides.
    expect(byStoreSize!.match(/<polyline /g)).toHaveLength(12);
    expect(byStoreSize).toContain('>10 M</text>');
    expect(byStoreSize).toContain('engine commands, 8 writers');
  });
});

describe('the line chart', () => {
  it('places points on a logarithmic x axis and a linear y axis from 0', () => {
    const svg = lineChart({
      title: 'a & b',
      xLabel: 'writers',
      xTicks: [1, 10, 100].map((value) => ({ value, label: String(value) })),
      panels: [{ title: 'throughput', yLabel: 'per second', lines: [{ colour: 'red', points: [{ x: 1, y: 0 }, { x: 10, y: 50 }, { x: 100, y: 100 }, { x: 1000, y: NaN }] }] }],
      legend: [{ label: 'red', colour: 'red' }],
    });
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(svg).toContain('>a &amp; b</text>');
    const points = svg.match(/<polyline points="([^"]+)"/)![1]!.split(' ').map((p) => p.split(',').map(Number));
    expect(points).toHaveLength(3);
    const [[x1, y1], [x2, y2], [x3, y3]] = points as [[number, number], [number, number], [number, number]];
    // Equal steps in x for equal ratios; y halfway for half the top.
    expect(x2 - x1).toBeCloseTo(x3 - x2, 0);
    expect(y1 - y2).toBeCloseTo(y2 - y3, 0);
  });

  it('ticks round numbers', () => {
    expect(linearTicks(577)).toEqual([0, 200, 400, 600]);
    expect(linearTicks(2455)).toEqual([0, 500, 1000, 1500, 2000, 2500]);
    expect(linearTicks(0)).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1]);
    expect(logTicks(3.06, 64.9)).toEqual([2, 5, 10, 20, 50, 100]);
    expect(logTicks(0.8, 1)).toEqual([0.5, 1]);
  });
});
