/**
 * Item 3 (and 7b): rebuilding every read model from the first event, against a raw sequential read
 * of the events table on the same store.
 */
import { openCodec } from '../../src/personal-data/index.js';
import type { Storage } from '../../src/event-store/create-event-store.js';
import { START, type GlobalPosition } from '../../src/event-store/event-store.js';
import { ProjectionRunner } from '../../src/projections/projection-runner.js';
import { readModelsFor } from '../../src/projections/index.js';
import { benchConfig, BENCH_MASTER_KEY, EVENTS_PER_CASE, workloadOf } from '../support/config.js';
import { loadWorkload, type LoadResult } from '../support/load.js';
import { log, timed } from '../support/stats.js';

export interface RebuildResult {
  load: LoadResult;
  events: number;
  /** Raw: every row of the events table, in pages of 2 000 by sequence, through the driver. */
  rawSeconds: number;
  /** The store's readAll over everything (global order, rows turned into events): what a rebuild reads through. */
  readAllSeconds: number;
  /** Each read model rebuilt alone: where the time of rebuilding them all goes. */
  perProjection: { name: string; seconds: number; events: number }[];
  /** Every read model rebuilt in one pass over the store (`npm run projections:rebuild`). */
  rebuildSeconds: number;
}

const PAGE = 2_000;

/** Reads every row of the events table, as plainly as the driver allows. */
export async function rawRead(storage: Storage): Promise<number> {
  const s = `"${storage.schema}"`;
  let after = '0';
  let count = 0;
  for (;;) {
    const rows = await storage.sql.query<{ sequence: string }>(`SELECT * FROM ${s}.events WHERE sequence > $1 ORDER BY sequence LIMIT ${PAGE}`, [after]);
    if (rows.length === 0) return count;
    count += rows.length;
    after = String(rows[rows.length - 1]!.sequence);
  }
}

async function readAllEvents(storage: Storage): Promise<number> {
  let after: GlobalPosition = START;
  let count = 0;
  for (;;) {
    const batch = await storage.store.readAll({ after, limit: PAGE });
    if (batch.length === 0) return count;
    count += batch.length;
    after = batch[batch.length - 1]!.position;
  }
}

/** Fills the store with about `events` generated events (personal data sealed), then measures. */
export async function measureRebuild(storage: Storage, events: number, label: string): Promise<RebuildResult> {
  const { codec } = await openCodec(storage, BENCH_MASTER_KEY);
  const complaints = Math.round(events / EVENTS_PER_CASE);
  log(`${label}: loading ~${events} events (${complaints} complaints)`);
  const load = await loadWorkload(storage, codec, workloadOf(3, complaints, 'r3'), (n) => {
    if (n % 100_000 < 5_000) log(`${label}: loaded ${n}`);
  });
  log(`${label}: loaded ${load.events} events in ${load.seconds.toFixed(0)} s`);

  // Twice each, alternating, so a neighbour's load on the machine falls on both sides; the faster run counts.
  const raw: number[] = [];
  const readAll: number[] = [];
  for (let round = 0; round < 2; round++) {
    const r = await timed(() => rawRead(storage));
    if (r.result !== load.events) throw new Error(`raw read saw ${r.result} events, loaded ${load.events}`);
    raw.push(r.seconds);
    readAll.push((await timed(() => readAllEvents(storage))).seconds);
  }
  log(`${label}: raw read ${Math.min(...raw).toFixed(1)} s, readAll ${Math.min(...readAll).toFixed(1)} s`);

  const config = benchConfig({ kind: 'postgres', url: 'unused', schema: storage.schema });
  const runner = new ProjectionRunner(storage.store, storage.sql, readModelsFor(config), storage.schema);
  const all = await timed(() => runner.rebuild());
  if (all.result.events !== load.events) throw new Error(`the rebuild saw ${all.result.events} events, loaded ${load.events}`);
  log(`${label}: rebuilt all ${runner.names().length} read models in ${all.seconds.toFixed(1)} s (${Math.round(load.events / all.seconds)} events/s)`);
  const perProjection: RebuildResult['perProjection'] = [];
  for (const name of runner.names()) {
    const { result, seconds } = await timed(() => runner.rebuild([name]));
    perProjection.push({ name, seconds, events: result.events });
    log(`${label}: rebuilt ${name} alone in ${seconds.toFixed(1)} s (${Math.round(result.events / seconds)} events/s)`);
  }
  return {
    load,
    events: load.events,
    rawSeconds: Math.min(...raw),
    readAllSeconds: Math.min(...readAll),
    perProjection,
    rebuildSeconds: all.seconds,
  };
}
