/** Latency samples in milliseconds, and the figures the report quotes. */
export interface Latencies {
  count: number;
  mean: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
}

export function latencies(samples: readonly number[]): Latencies {
  if (samples.length === 0) return { count: 0, mean: NaN, p50: NaN, p90: NaN, p99: NaN, max: NaN };
  const sorted = Float64Array.from(samples).sort();
  // Nearest rank: the smallest sample with at least p of the samples at or below it.
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))]!;
  return { count: sorted.length, mean: samples.reduce((a, b) => a + b, 0) / samples.length, p50: at(0.5), p90: at(0.9), p99: at(0.99), max: sorted[sorted.length - 1]! };
}

export const now = (): number => performance.now();

/** Runs `fn` and returns its result with the elapsed seconds. */
export async function timed<T>(fn: () => Promise<T>): Promise<{ result: T; seconds: number }> {
  const start = now();
  const result = await fn();
  return { result, seconds: (now() - start) / 1000 };
}

export const ms = (value: number): string => (Number.isNaN(value) ? 'n/a' : value < 10 ? value.toFixed(2) : value.toFixed(1));
export const rate = (value: number): string => (value >= 100 ? Math.round(value).toLocaleString('en') : value.toFixed(1));
export const ratio = (value: number): string => value.toFixed(2);

/** A line on stderr, so progress shows while the report goes to the file. */
export function log(message: string): void {
  process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${message}\n`);
}
