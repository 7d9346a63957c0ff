import { BarController, BarElement, CategoryScale, Chart, Legend, LinearScale, Tooltip } from 'chart.js';
import { useEffect, useRef } from 'preact/hooks';

Chart.register(BarController, BarElement, CategoryScale, LinearScale, Legend, Tooltip);

export interface Series {
  label: string;
  values: (number | null)[];
}

/** Previous quarter in grey, this quarter in the console's blue: the same two colours on every chart. */
const COLOURS = ['#9aa5b1', '#1f5fa8'];

/**
 * A bar chart. The canvas is one picture to a screen reader, so it carries a label and the figures
 * are in a table beside it (the caller's), which is also what a keyboard user reads.
 */
export function BarChart({ labels, series, label, percent = false, horizontal = false }: { labels: string[]; series: Series[]; label: string; percent?: boolean; horizontal?: boolean }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const chart = useRef<Chart | undefined>(undefined);
  useEffect(() => {
    if (!canvas.current) return;
    chart.current = new Chart(canvas.current, {
      type: 'bar',
      data: { labels: [], datasets: [] },
      options: {
        animation: false,
        responsive: true,
        maintainAspectRatio: false,
        // Long names (departments, categories) read better along the side.
        indexAxis: horizontal ? 'y' : 'x',
        plugins: { legend: { position: 'bottom' } },
        scales: {
          [horizontal ? 'x' : 'y']: { beginAtZero: true, ticks: percent ? { format: { style: 'percent' } } : { precision: 0 }, ...(percent ? { max: 1 } : {}) },
        },
      },
    });
    return () => chart.current?.destroy();
  }, [percent, horizontal]);
  useEffect(() => {
    const c = chart.current;
    if (!c) return;
    c.data.labels = labels;
    c.data.datasets = series.map((s, i) => ({ label: s.label, data: s.values, backgroundColor: COLOURS[i % COLOURS.length] }));
    c.update();
  }, [JSON.stringify(labels), JSON.stringify(series)]);
  return (
    <div class={horizontal ? `chart tall-${Math.min(labels.length, 12)}` : 'chart'}>
      <canvas ref={canvas} role="img" aria-label={label} />
    </div>
  );
}
