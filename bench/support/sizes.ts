/** How big each measurement is: `--quick` (or BENCH_QUICK=1) for a smoke run, else the full run; BENCH_* overrides one size. */
export interface Sizes {
  mode: 'full' | 'quick';
  /** Item 1 and 7a: seconds per side and concurrency, each side in two halves (raw, Emmett on item 1, commands, commands, Emmett, raw), after a short warm-up. */
  commandSeconds: number;
  /** Item 1's writer counts: commandSeconds at 1 and 8 (where its targets are judged), curveSeconds at the others. */
  commandWriters: number[];
  /** Seconds per side at item 1's other writer counts, and for the commands at each store size (1 and 8 writers, against raw inserts). */
  curveSeconds: number;
  /** Store sizes below item 3's at which commands are measured, in a store of their own grown from the first to the next. */
  curveSmallEvents: number[];
  /** Item 2. */
  httpConnections: number;
  httpWarmupSeconds: number;
  httpSeconds: number;
  /** Item 3 (and 4, whose store it is). */
  rebuildEvents: number;
  /** Item 7b. */
  pgliteRebuildEvents: number;
  /** Item 4. */
  timeTravelRequests: number;
  /** Item 5: generated complaints, times replicas. */
  quarterlyGenerated: number;
  quarterlyReplicas: number;
  quarterlyRequests: number;
  /** Item 6. */
  appendSmallEvents: number;
  appendLargeEvents: number;
  appends: number;
  /** Item 8: CSV rows imported, on each store. */
  importRows: number;
  pgliteImportRows: number;
}

/** Item 1's targets are judged at these writer counts (and item 7a measures only these). */
export const TARGET_WRITERS: readonly number[] = [1, 8];

const FULL: Sizes = {
  mode: 'full',
  commandSeconds: 10,
  commandWriters: [1, 2, 4, 8, 16],
  curveSeconds: 5,
  curveSmallEvents: [10_000, 100_000],
  httpConnections: 32,
  httpWarmupSeconds: 10,
  httpSeconds: 30,
  rebuildEvents: 1_000_000,
  pgliteRebuildEvents: 200_000,
  timeTravelRequests: 2_000,
  quarterlyGenerated: 50_000,
  quarterlyReplicas: 20,
  quarterlyRequests: 2_000,
  appendSmallEvents: 10_000,
  appendLargeEvents: 10_000_000,
  appends: 2_000,
  importRows: 100_000,
  pgliteImportRows: 20_000,
};

const QUICK: Sizes = {
  mode: 'quick',
  commandSeconds: 4,
  commandWriters: [1, 4, 8],
  curveSeconds: 2,
  curveSmallEvents: [10_000, 30_000],
  httpConnections: 32,
  httpWarmupSeconds: 3,
  httpSeconds: 8,
  rebuildEvents: 50_000,
  pgliteRebuildEvents: 20_000,
  timeTravelRequests: 300,
  quarterlyGenerated: 2_000,
  quarterlyReplicas: 50,
  quarterlyRequests: 300,
  appendSmallEvents: 10_000,
  appendLargeEvents: 200_000,
  appends: 400,
  importRows: 2_000,
  pgliteImportRows: 1_000,
};

const ENV: Partial<Record<keyof Sizes, string>> = {
  rebuildEvents: 'BENCH_EVENTS',
  pgliteRebuildEvents: 'BENCH_PGLITE_EVENTS',
  appendLargeEvents: 'BENCH_APPEND_EVENTS',
  commandSeconds: 'BENCH_COMMAND_SECONDS',
  curveSeconds: 'BENCH_CURVE_SECONDS',
  httpSeconds: 'BENCH_HTTP_SECONDS',
  importRows: 'BENCH_IMPORT_ROWS',
  pgliteImportRows: 'BENCH_PGLITE_IMPORT_ROWS',
};

export function sizesOf(argv: readonly string[], env: NodeJS.ProcessEnv): Sizes {
  const quick = argv.includes('--quick') || env.BENCH_QUICK === '1';
  const sizes = { ...(quick ? QUICK : FULL) };
  for (const [key, variable] of Object.entries(ENV) as [keyof Sizes, string][]) {
    const value = env[variable];
    if (value === undefined) continue;
    const n = Number(value);
    if (!Number.isFinite(n) || n <= 0) throw new RangeError(`${variable} must be a positive number, got ${value}`);
    (sizes as Record<string, unknown>)[key] = n;
  }
  sizes.appendLargeEvents = Math.max(sizes.appendLargeEvents, sizes.rebuildEvents);
  return sizes;
}
