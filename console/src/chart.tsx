import { BarController, BarElement, CategoryScale, Chart, Legend, LinearScale, Tooltip } from 'chart.js';
import { useEffect, useRef, useState } from 'preact/hooks';

Chart.register(BarController, BarElement, CategoryScale, LinearScale, Legend, Tooltip);

export interface Series {
  label: string;
  values: (number | null)[];
}

/** Previous quarter in grey, this quarter in the console's blue: the same two colours on every chart. */
const COLOURS = ['#9aa5b1', '#1f5fa8'];
/** The narrowest a bar's column may be for its name to stand under it, in lines of 11 characters. */
const MIN_COLUMN_WIDTH = 64;

/**
 * A long label in lines of about `width` characters, broken between words: an axis shows each line
 * whole rather than cutting a long name (a figure, a department, a category) off at its edge.
 */
export function wrapLabel(text: string, width: number): string[] {
  const lines: string[] = [];
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const last = lines[lines.length - 1];
    if (last !== undefined && last.length + 1 + word.length <= width) lines[lines.length - 1] = `${last} ${word}`;
    else lines.push(word);
  }
  return lines.length > 0 ? lines : [text];
}

/**
 * A bar chart. The canvas is one picture to a screen reader, so it carries a label and the figures
 * are in a table beside it (the caller's), which is also what a keyboard user reads.
 */
export function BarChart({ labels, series, label, percent = false, horizontal = false }: { labels: string[]; series: Series[]; label: string; percent?: boolean; horizontal?: boolean }) {
  const box = useRef<HTMLDivElement>(null);
  const canvas = useRef<HTMLCanvasElement>(null);
  const chart = useRef<Chart | undefined>(undefined);
  // Bars along the side where the names have no room under them (seven figures on a phone).
  const [sideways, setSideways] = useState(horizontal);
  useEffect(() => {
    if (horizontal || !box.current) return;
    const observer = new ResizeObserver(([entry]) => setSideways(entry !== undefined && entry.contentRect.width / Math.max(labels.length, 1) < MIN_COLUMN_WIDTH));
    observer.observe(box.current);
    return () => observer.disconnect();
  }, [horizontal, labels.length]);
  const data = () => ({
    labels: labels.map((l) => wrapLabel(l, sideways ? 22 : 11)),
    datasets: series.map((s, i) => ({ label: s.label, data: s.values, backgroundColor: COLOURS[i % COLOURS.length] })),
  });
  useEffect(() => {
    if (!canvas.current) return;
    chart.current = new Chart(canvas.current, {
      type: 'bar',
      data: data(),
      options: {
        animation: false,
        responsive: true,
        maintainAspectRatio: false,
        // Long names (departments, categories) read better along the side.
        indexAxis: sideways ? 'y' : 'x',
        plugins: { legend: { position: 'bottom' } },
        scales: {
          // Every name shown (none skipped), level, in lines that fit beside or under its bars.
          [sideways ? 'y' : 'x']: { ticks: { autoSkip: false, maxRotation: 0 } },
          [sideways ? 'x' : 'y']: { beginAtZero: true, ticks: percent ? { format: { style: 'percent' } } : { precision: 0 }, ...(percent ? { max: 1 } : {}) },
        },
      },
    });
    return () => chart.current?.destroy();
  }, [percent, sideways]);
  useEffect(() => {
    const c = chart.current;
    if (!c) return;
    c.data = data();
    c.update();
  }, [JSON.stringify(labels), JSON.stringify(series)]);
  return (
    <div ref={box} class={sideways ? `chart tall-${Math.min(labels.length, 12)}` : 'chart'}>
      <canvas ref={canvas} role="img" aria-label={label} />
    </div>
  );
}
