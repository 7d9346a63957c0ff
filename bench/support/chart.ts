/** Line charts as SVG text for the benchmark report: panels side by side sharing a logarithmic x axis, one legend. */

export interface Point {
  x: number;
  y: number;
}

export interface Line {
  colour: string;
  dashed?: boolean;
  points: readonly Point[];
}

export interface Panel {
  title: string;
  yLabel: string;
  /** Logarithmic y (for latencies whose p99 is many times their p50); else linear from 0. */
  yLog?: boolean;
  lines: readonly Line[];
}

export interface LegendEntry {
  label: string;
  colour: string;
  dashed?: boolean;
}

export interface Chart {
  title: string;
  xLabel: string;
  /** The x ticks and their labels; the x axis is logarithmic and spans them. */
  xTicks: readonly { value: number; label: string }[];
  panels: readonly Panel[];
  legend: readonly LegendEntry[];
}

const PANEL = { width: 440, height: 300, left: 64, right: 20, top: 28, bottom: 52 };
const TITLE_HEIGHT = 30;
const LEGEND_ROW = 20;
const LEGEND_PER_ROW = 3;
const DASH = '6 4';

const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const at = (value: number) => value.toFixed(1);

/** 0.5, 2, 25, 1,000: no trailing zeros. */
export function tickLabel(value: number): string {
  if (value >= 1000) return Math.round(value).toLocaleString('en');
  return String(Number(value.toPrecision(3)));
}

/** 0 to a round number at or above `max`, in about five steps of 1, 2 or 5 times a power of ten. */
export function linearTicks(max: number): number[] {
  const top = max > 0 ? max : 1;
  const rough = top / 5;
  const magnitude = 10 ** Math.floor(Math.log10(rough));
  const step = [1, 2, 5, 10].map((m) => m * magnitude).find((s) => s >= rough)!;
  const count = Math.ceil(top / step - 1e-9);
  return Array.from({ length: count + 1 }, (_, i) => Number((i * step).toPrecision(12)));
}

/** The values 1, 2 and 5 times a power of ten from the last at or below `min` to the first at or above `max`. */
export function logTicks(min: number, max: number): number[] {
  const ticks: number[] = [];
  for (let decade = 10 ** Math.floor(Math.log10(min)); ; decade *= 10) {
    for (const m of [1, 2, 5]) {
      const value = Number((m * decade).toPrecision(12));
      if (value <= min) ticks.length = 0;
      ticks.push(value);
      if (value >= max) return ticks;
    }
  }
}

function panel(p: Panel, chart: Chart, offsetX: number, offsetY: number): string[] {
  const x0 = offsetX + PANEL.left;
  const x1 = offsetX + PANEL.width - PANEL.right;
  const y0 = offsetY + PANEL.top;
  const y1 = offsetY + PANEL.height - PANEL.bottom;
  const points = p.lines.flatMap((l) => l.points).filter((q) => Number.isFinite(q.y) && (!p.yLog || q.y > 0));
  const ys = points.map((q) => q.y);
  const yTicks = p.yLog ? logTicks(ys.length > 0 ? Math.min(...ys) : 1, ys.length > 0 ? Math.max(...ys) : 10) : linearTicks(ys.length > 0 ? Math.max(...ys) : 1);
  const yLow = yTicks[0]!;
  const yHigh = yTicks[yTicks.length - 1]!;
  const yScale = p.yLog ? (y: number) => (Math.log(y) - Math.log(yLow)) / (Math.log(yHigh) - Math.log(yLow)) : (y: number) => (y - yLow) / (yHigh - yLow);
  const xs = [...chart.xTicks.map((t) => t.value), ...points.map((q) => q.x)];
  const xLow = Math.log(Math.min(...xs));
  const xHigh = Math.log(Math.max(...xs));
  // A margin of 5 % on each side, so the first and last points stand clear of the axes.
  const xSpan = xHigh - xLow || 1;
  const px = (x: number) => x0 + (x1 - x0) * (0.05 + (0.9 * (Math.log(x) - xLow)) / xSpan);
  const py = (y: number) => y1 - (y1 - y0) * yScale(y);
  const out: string[] = [
    `<text x="${at((x0 + x1) / 2)}" y="${at(offsetY + 16)}" text-anchor="middle" font-weight="bold">${escape(p.title)}</text>`,
    `<rect x="${at(x0)}" y="${at(y0)}" width="${at(x1 - x0)}" height="${at(y1 - y0)}" fill="none" stroke="#444"/>`,
  ];
  for (const t of yTicks) {
    const y = py(t);
    out.push(
      `<line x1="${at(x0)}" y1="${at(y)}" x2="${at(x1)}" y2="${at(y)}" stroke="#ddd"/>`,
      `<line x1="${at(x0 - 4)}" y1="${at(y)}" x2="${at(x0)}" y2="${at(y)}" stroke="#444"/>`,
      `<text x="${at(x0 - 7)}" y="${at(y + 4)}" text-anchor="end">${tickLabel(t)}</text>`,
    );
  }
  for (const t of chart.xTicks) {
    const x = px(t.value);
    out.push(
      `<line x1="${at(x)}" y1="${at(y0)}" x2="${at(x)}" y2="${at(y1)}" stroke="#eee"/>`,
      `<line x1="${at(x)}" y1="${at(y1)}" x2="${at(x)}" y2="${at(y1 + 4)}" stroke="#444"/>`,
      `<text x="${at(x)}" y="${at(y1 + 17)}" text-anchor="middle">${escape(t.label)}</text>`,
    );
  }
  out.push(
    `<text x="${at((x0 + x1) / 2)}" y="${at(y1 + 38)}" text-anchor="middle">${escape(chart.xLabel)}</text>`,
    `<text transform="translate(${at(offsetX + 16)} ${at((y0 + y1) / 2)}) rotate(-90)" text-anchor="middle">${escape(p.yLabel)}</text>`,
  );
  for (const line of p.lines) {
    const shown = line.points.filter((q) => Number.isFinite(q.y) && (!p.yLog || q.y > 0)).toSorted((a, b) => a.x - b.x);
    if (shown.length === 0) continue;
    const dash = line.dashed ? ` stroke-dasharray="${DASH}"` : '';
    out.push(`<polyline points="${shown.map((q) => `${at(px(q.x))},${at(py(q.y))}`).join(' ')}" fill="none" stroke="${line.colour}" stroke-width="2"${dash}/>`);
    out.push(...shown.map((q) => `<circle cx="${at(px(q.x))}" cy="${at(py(q.y))}" r="3" fill="${line.colour}"/>`));
  }
  return out;
}

export function lineChart(chart: Chart): string {
  const width = PANEL.width * chart.panels.length;
  const legendRows = Math.ceil(chart.legend.length / LEGEND_PER_ROW);
  const legendTop = TITLE_HEIGHT + PANEL.height + 8;
  const height = legendTop + legendRows * LEGEND_ROW + 8;
  const column = width / LEGEND_PER_ROW;
  const legend = chart.legend.flatMap((entry, i) => {
    const x = 24 + (i % LEGEND_PER_ROW) * column;
    const y = legendTop + Math.floor(i / LEGEND_PER_ROW) * LEGEND_ROW + 10;
    return [
      `<line x1="${at(x)}" y1="${at(y)}" x2="${at(x + 28)}" y2="${at(y)}" stroke="${entry.colour}" stroke-width="2"${entry.dashed ? ` stroke-dasharray="${DASH}"` : ''}/>`,
      `<text x="${at(x + 36)}" y="${at(y + 4)}">${escape(entry.label)}</text>`,
    ];
  });
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="12">`,
    `<rect width="${width}" height="${height}" fill="white"/>`,
    `<text x="${width / 2}" y="20" text-anchor="middle" font-size="14" font-weight="bold">${escape(chart.title)}</text>`,
    ...chart.panels.flatMap((p, i) => panel(p, chart, i * PANEL.width, TITLE_HEIGHT)),
    ...legend,
    '</svg>',
    '',
  ].join('\n');
}
