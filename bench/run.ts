/**
 * `npm run bench [-- --quick] [-- --only=1,3] [-- --render=artifacts/bench-full.json]`: every measurement of issue 9 in one run, each beside
 * its baseline from the same run, then docs/benchmarks.md. On the PostgreSQL server at
 * TEST_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/test) in fresh schemas, and on PGlite
 * in temp dirs; all dropped at the end.
 */
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { loadavg, tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';
import { openStorage, type Storage } from '../src/event-store/create-event-store.js';
import { measureAppendLatency, type AppendLatencyResult } from './items/append-latency.js';
import { commandBreakdown, measureCommands, measureCommandsAtSize, type CommandBreakdown, type CommandsResult, type StoreSizeResult, type WritersRun } from './items/commands.js';
import { measureHttp, type HttpResult } from './items/http.js';
import { measureImport, type ImportResult } from './items/import.js';
import { measureQuarterly, type QuarterlyResult } from './items/quarterly.js';
import { measureRebuild, type RebuildResult } from './items/rebuild.js';
import { measureTimeTravel, type TimeTravelResult } from './items/time-travel.js';
import { BENCH_MASTER_KEY, EVENTS_PER_CASE, workloadOf } from './support/config.js';
import { cleanupAll, freshEmmettDatabase, freshSchema, onCleanup, openPglite, openPostgres } from './support/databases.js';
import { loadWorkload, replicateEvents } from './support/load.js';
import { describeMachine, type Machine } from './support/machine.js';
import { renderFigures } from './support/figures.js';
import { renderReport } from './support/report.js';
import { sizesOf, TARGET_WRITERS, type Sizes } from './support/sizes.js';
import { log, timed } from './support/stats.js';
import { openCodec } from '../src/personal-data/index.js';

export interface Results {
  sizes: Sizes;
  machine: Machine;
  startedAt: string;
  minutes: number;
  loadAverageAfter: number[];
  commandsPostgres?: CommandsResult[];
  breakdownPostgres?: CommandBreakdown;
  commandsPglite?: CommandsResult[];
  breakdownPglite?: CommandBreakdown;
  /** Item 2 at one connection: the latency without queueing, for comparison. */
  httpSingle?: HttpResult;
  http?: HttpResult;
  /** Item 2's peer (bench/peer/emmett-app.ts) with the same client and connections, right after the engine. */
  httpPeer?: HttpResult;
  rebuildPostgres?: RebuildResult;
  timeTravel?: TimeTravelResult;
  quarterly?: QuarterlyResult;
  /** Item 6 at the item-3 size, before growing. */
  appendMid?: AppendLatencyResult;
  append?: AppendLatencyResult;
  /** Commands against raw inserts at each store size: a store of their own below item 3's size, then the item-3 store as loaded and as grown for item 6. */
  commandsBySize?: StoreSizeResult[];
  rebuildPglite?: RebuildResult;
  /** Item 8, on each store. */
  imports?: ImportResult[];
  errors: Record<string, string>;
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  // Writes the report again from a run's saved results (after editing the analysis), without measuring.
  const render = argv.find((a) => a.startsWith('--render='))?.slice(9);
  if (render) {
    const saved = JSON.parse(await readFile(render, 'utf8')) as Results;
    await writeReport(fileURLToPath(new URL('../../docs/benchmarks.md', import.meta.url)), saved);
    return;
  }
  const sizes = sizesOf(argv, process.env);
  const only = argv.find((a) => a.startsWith('--only='))?.slice(7).split(',');
  const wanted = (item: string) => !only || only.includes(item);
  const started = Date.now();
  const results: Results = { sizes, machine: await describeMachine(), startedAt: new Date().toISOString(), minutes: 0, loadAverageAfter: [], errors: {} };
  log(`${sizes.mode} run: ${JSON.stringify(sizes)}`);

  // The results so far go to disk after every item, so a run cut short still leaves its figures.
  const artifacts = fileURLToPath(new URL('../../artifacts/', import.meta.url));
  await mkdir(artifacts, { recursive: true });
  const save = async (final: boolean) => {
    results.minutes = (Date.now() - started) / 60_000;
    results.loadAverageAfter = loadavg();
    await writeFile(`${artifacts}bench-${sizes.mode}.json`, JSON.stringify(results, null, 1));
    const out = only || !final ? `${artifacts}benchmarks.partial.md` : fileURLToPath(new URL('../../docs/benchmarks.md', import.meta.url));
    await writeReport(out, results);
    return out;
  };
  // Keeps the event loop alive while an item waits on the embedded database (a promise PGlite never
  // settles would otherwise let Node exit silently, without cleaning up), and shows the run is alive.
  const heartbeat = setInterval(() => log(`… ${((Date.now() - started) / 60_000).toFixed(0)} min`), 120_000);
  const attempt = async (item: string, fn: () => Promise<void>, limitMinutes = 20) => {
    if (!wanted(item)) return;
    let timer: NodeJS.Timeout | undefined;
    try {
      const limit = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`item ${item} did not finish within ${limitMinutes} minutes`)), limitMinutes * 60_000);
      });
      await Promise.race([fn(), limit]);
    } catch (error) {
      results.errors[item] = error instanceof Error ? (error.stack ?? error.message) : String(error);
      log(`item ${item} failed: ${results.errors[item]}`);
    } finally {
      clearTimeout(timer);
      await save(false);
    }
  };
  const closing = (storage: Storage) => onCleanup(() => storage.store.close());

  // Pools as large as the most writers, so none waits for a connection (10 is the service's default).
  const poolSize = Math.max(10, ...sizes.commandWriters);
  const runsOf = (writers: readonly number[]): WritersRun[] =>
    writers.map((w) => ({ writers: w, seconds: TARGET_WRITERS.includes(w) ? sizes.commandSeconds : sizes.curveSeconds }));
  await attempt('1', async () => {
    const storage = await openPostgres(freshSchema('commands'), poolSize);
    const close = closing(storage);
    results.commandsPostgres = await measureCommands(storage, runsOf(sizes.commandWriters), 'postgres', poolSize);
    results.breakdownPostgres = await commandBreakdown(storage, sizes.commandSeconds / 2);
    await close();
  });
  await attempt('7', async () => {
    const { storage } = await openPglite('commands');
    const close = closing(storage);
    results.commandsPglite = await measureCommands(storage, runsOf(TARGET_WRITERS), 'pglite');
    results.breakdownPglite = await commandBreakdown(storage, sizes.commandSeconds / 2);
    await close();
  });
  await attempt('2', async () => {
    const schema = freshSchema('http');
    await (await openPostgres(schema)).store.close();
    results.httpSingle = await measureHttp({ schema }, 1, Math.min(3, sizes.httpWarmupSeconds), sizes.httpSeconds / 3);
    results.http = await measureHttp({ schema }, sizes.httpConnections, sizes.httpWarmupSeconds, sizes.httpSeconds);
    results.httpPeer = await measureHttp({ emmett: await freshEmmettDatabase() }, sizes.httpConnections, sizes.httpWarmupSeconds, sizes.httpSeconds);
  });

  // Items 3, 4 and 6 share the big store: loaded once, rebuilt, travelled in, then grown for item 6,
  // with commands measured in it at each size.
  let big: Storage | undefined;
  await attempt('3', async () => {
    big = await openPostgres(freshSchema('store'), 10);
    closing(big);
    results.rebuildPostgres = await measureRebuild(big, sizes.rebuildEvents, 'postgres rebuild');
  }, 35);
  await attempt('4', async () => {
    if (!big || !results.rebuildPostgres) throw new Error('needs the store of item 3');
    results.timeTravel = await measureTimeTravel(big, results.rebuildPostgres.events, sizes.timeTravelRequests);
  });
  // Commands at 1 and 8 writers as the stores of item 6 pass each size.
  const commandsAtSize = async (storage: Storage) => {
    results.commandsBySize = [...(results.commandsBySize ?? []), await measureCommandsAtSize(storage, TARGET_WRITERS.map((writers) => ({ writers, seconds: sizes.curveSeconds })))];
  };
  await attempt('6', async () => {
    if (!big || !results.rebuildPostgres) throw new Error('needs the store of item 3');
    const sizesBelow = sizes.curveSmallEvents.filter((events) => events < results.rebuildPostgres!.events);
    if (sizesBelow.length > 0) {
      const curve = await openPostgres(freshSchema('curve'), 10);
      const close = closing(curve);
      const { codec } = await openCodec(curve, BENCH_MASTER_KEY);
      await loadWorkload(curve, codec, workloadOf(7, Math.round(sizesBelow[0]! / EVENTS_PER_CASE), 'g'));
      for (const [i, events] of sizesBelow.entries()) {
        if (i > 0) await replicateEvents(curve, events);
        await commandsAtSize(curve);
      }
      await close();
    }
    const small = await openPostgres(freshSchema('small'), 4);
    closing(small);
    const { codec } = await openCodec(small, BENCH_MASTER_KEY);
    const smallLoad = await loadWorkload(small, codec, workloadOf(6, Math.round(sizes.appendSmallEvents / EVENTS_PER_CASE), 's'));
    // First at the item-3 size, then grown to the large size.
    results.appendMid = await measureAppendLatency(small, smallLoad.events, big, results.rebuildPostgres.events, sizes.appends);
    await commandsAtSize(big);
    if (sizes.appendLargeEvents > results.rebuildPostgres.events) {
      log(`append: growing the store to ${sizes.appendLargeEvents} events`);
      let logged = Math.floor(results.rebuildPostgres.events / 1_000_000);
      const { seconds, result: largeEvents } = await timed(() =>
        replicateEvents(big!, sizes.appendLargeEvents, (n) => {
          if (Math.floor(n / 1_000_000) > logged) log(`append: store at ${(logged = Math.floor(n / 1_000_000))} million events`);
        }),
      );
      log(`append: store now ${largeEvents} events (${seconds.toFixed(0)} s to grow)`);
      results.append = await measureAppendLatency(small, smallLoad.events, big, largeEvents, sizes.appends);
      await commandsAtSize(big);
    }
  }, 30);
  await attempt('5', async () => {
    const storage = await openPostgres(freshSchema('quarterly'), 4);
    const close = closing(storage);
    results.quarterly = await measureQuarterly(storage, sizes.quarterlyGenerated, sizes.quarterlyReplicas, sizes.quarterlyRequests);
    await close();
  });
  await attempt('7', async () => {
    const { storage } = await openPglite('rebuild');
    const close = closing(storage);
    results.rebuildPglite = await measureRebuild(storage, sizes.pgliteRebuildEvents, 'pglite rebuild');
    await close();
  }, 15);
  await attempt('8', async () => {
    results.imports = [];
    // The import runs as its own process (as users run it); the bench opens the store after it exits.
    const schema = freshSchema('import');
    results.imports.push(await measureImport({ kind: 'postgres', schema }, () => openPostgres(schema, 10).then((storage) => (closing(storage), storage)), sizes.importRows));
    const dir = await mkdtemp(join(tmpdir(), 'bench-import-'));
    onCleanup(() => rm(dir, { recursive: true, force: true }));
    results.imports.push(
      await measureImport({ kind: 'pglite', dir }, () => openStorage({ kind: 'pglite', dataDir: join(dir, 'pglite') }).then((storage) => (closing(storage), storage)), sizes.pgliteImportRows),
    );
  }, 40);

  clearInterval(heartbeat);
  const out = await save(true);
  log(`done in ${results.minutes.toFixed(1)} min: ${out}`);
}

/** The report, and beside it (in benchmarks/) the figures it shows. */
async function writeReport(path: string, results: Results): Promise<void> {
  await writeFile(path, renderReport(results));
  for (const figure of renderFigures(results)) {
    const file = join(dirname(path), figure.path);
    await mkdir(dirname(file), { recursive: true });
    await writeFile(file, figure.svg);
  }
}

// Interrupted (Ctrl-C, kill): stop the servers and drop the schemas, databases and folders made so far, as at the end.
for (const [signal, code] of [['SIGINT', 130], ['SIGTERM', 143]] as const) {
  process.once(signal, () => {
    log(`${signal}: cleaning up`);
    void cleanupAll().then(() => process.exit(code));
  });
}

main()
  .catch((error: unknown) => {
    process.stderr.write(`bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 1;
  })
  .finally(() => cleanupAll().then(() => process.exit()));
