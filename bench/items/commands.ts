/**
 * Item 1 (and 7a): commands per second through the real command handler (read the stream, fold,
 * decide, seal personal data, append), against raw single-row insert transactions on the same
 * database at the same concurrency, and, on the PostgreSQL server, beside a peer: Emmett's
 * PostgreSQL event store (a dev dependency of the bench only) doing read-then-append per command.
 */
import { randomUUID } from 'node:crypto';
import { DEFAULT_CATALOG } from '../../domain/catalog.js';
import { DEFAULT_KOREAN_CALENDAR } from '../../domain/working-time/index.js';
import { decide } from '../../domain/complaint/decider.js';
import { complaintStreamId, complainantKeyOf, loadComplaint } from '../../src/complaint-stream/index.js';
import { openCodec } from '../../src/personal-data/index.js';
import { eventsOf, generateWorkload, type GeneratedCase } from '../../test/support/workload/generator.js';
import { ExecuteComplaintCommand, ExecuteComplaintCommandHandler } from '../../src/complaints/execute-complaint-command.js';
import { IdempotencyKeys } from '../../src/commands/index.js';
import type { Storage } from '../../src/event-store/create-event-store.js';
import { BENCH_MASTER_KEY, workloadOf } from '../support/config.js';
import { DATABASE_URL, freshEmmettDatabase } from '../support/databases.js';
import { latencies, log, now, type Latencies } from '../support/stats.js';
import { STREAM_DOES_NOT_EXIST } from '@event-driven-io/emmett';
import { emmettStore } from '../peer/emmett-store.js';
import pg from 'pg';

export interface Throughput {
  operations: number;
  seconds: number;
  perSecond: number;
  latency: Latencies;
}

export interface CommandsResult {
  writers: number;
  commands: Throughput;
  raw: Throughput;
  /** commands / raw. */
  ratio: number;
  /** The peer, on the PostgreSQL server only (absent on PGlite and in results from before it was measured). */
  emmett?: Throughput;
  /** emmett / raw. */
  emmettRatio?: number;
}

/** Where one command's time goes, one writer: mean milliseconds per phase. */
export interface CommandBreakdown {
  commands: number;
  /** readStream, open the sealed personal data, replay through the machine. */
  load: number;
  /** decide, and seal the new events' personal data (a receipt creates the complainant's data key). */
  decideEncode: number;
  /** the store's append transaction. */
  append: number;
}

/** Runs `writers` loops of `op` for `seconds`; each finishes the operation it is in. */
async function closedLoop(writers: number, seconds: number, op: (writer: number) => Promise<void>): Promise<Throughput> {
  const samples: number[] = [];
  const start = now();
  const end = start + seconds * 1000;
  await Promise.all(
    Array.from({ length: writers }, async (_, writer) => {
      while (now() < end) {
        const t = now();
        await op(writer);
        samples.push(now() - t);
      }
    }),
  );
  const elapsed = (now() - start) / 1000;
  return { operations: samples.length, seconds: elapsed, perSecond: samples.length / elapsed, latency: latencies(samples) };
}

const merge = (a: Throughput, b: Throughput): Throughput => {
  const operations = a.operations + b.operations;
  const seconds = a.seconds + b.seconds;
  // The latency figures of the longer half stand for both (the report quotes throughput).
  return { operations, seconds, perSecond: operations / seconds, latency: a.operations >= b.operations ? a.latency : b.latency };
};

/** Commands of generated cases, each writer on cases of its own, step after step as staff would give them. */
function commandSource(prefix: string) {
  const cases = generateWorkload(workloadOf(1, 10_000_000, prefix));
  const current: { generated: GeneratedCase; step: number }[] = [];
  return (writer: number) => {
    let at = current[writer];
    if (!at || at.step >= at.generated.steps.length) {
      at = { generated: cases.next().value as GeneratedCase, step: 0 };
      current[writer] = at;
    }
    const step = at.generated.steps[at.step++]!;
    return { complaintId: at.generated.complaintId, step };
  };
}

/** A raw writer: `BEGIN; INSERT one row; COMMIT` per operation, on a pooled connection of its own. */
interface RawWriter {
  insert(writer: number, payload: string): Promise<void>;
  close(): Promise<void>;
}

async function rawPostgres(schema: string, writers: number): Promise<RawWriter> {
  const pool = new pg.Pool({ connectionString: DATABASE_URL, max: writers });
  const table = `"${schema}".raw_inserts`;
  await pool.query(`CREATE TABLE IF NOT EXISTS ${table} (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, stream_id text NOT NULL, data jsonb NOT NULL)`);
  const clients = await Promise.all(Array.from({ length: writers }, () => pool.connect()));
  return {
    async insert(writer, payload) {
      const client = clients[writer]!;
      await client.query('BEGIN');
      await client.query(`INSERT INTO ${table} (stream_id, data) VALUES ($1, $2)`, [randomUUID(), payload]);
      await client.query('COMMIT');
    },
    async close() {
      for (const client of clients) client.release();
      await pool.end();
    },
  };
}

/** PGlite has one connection: its own transaction API, which queues concurrent transactions. */
async function rawPglite(storage: Storage): Promise<RawWriter> {
  const table = `"${storage.schema}".raw_inserts`;
  await storage.sql.query(`CREATE TABLE IF NOT EXISTS ${table} (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, stream_id text NOT NULL, data jsonb NOT NULL)`);
  return {
    async insert(_writer, payload) {
      await storage.sql.transaction((tx) => tx.query(`INSERT INTO ${table} (stream_id, data) VALUES ($1, $2)`, [randomUUID(), payload]));
    },
    close: async () => undefined,
  };
}

/** The peer: one read-then-append per command, on its own pool as large as the engine's in item 1. */
interface PeerWriter {
  command(writer: number): Promise<void>;
  close(): Promise<void>;
}

/**
 * Emmett's PostgreSQL store in a database of its own (`bench_emmett_*`, on the same server as the
 * engine's and the raw table), migrated before anything is timed. Each
 * command reads the case's stream (`readStream`) and appends the step's events (one, in all but a few
 * hundredths of steps) with the version read as the expected one, so a concurrent writer would fail
 * it as it would fail the engine's append. Events carry the generated event's data and the metadata
 * the engine stores (actor, role, command, correlation and causation ids), unsealed.
 */
async function emmettPostgres(prefix: string, poolSize: number): Promise<PeerWriter> {
  const { store, close } = emmettStore(await freshEmmettDatabase(), poolSize);
  const next = commandSource(prefix);
  return {
    async command(writer) {
      const { complaintId, step } = next(writer);
      const stream = `complaint-${complaintId}`;
      const { currentStreamVersion, streamExists } = await store.readStream(stream);
      const commandId = randomUUID();
      const metadata = { actorId: step.actor.id, actorRole: step.actor.roles.join(' '), commandId, correlationId: commandId, causationId: commandId };
      const events = step.events.map((e) => ({ type: e.type, data: { ...e.data }, metadata: { ...metadata, occurredAt: e.occurredAt } }));
      await store.appendToStream(stream, events, { expectedStreamVersion: streamExists ? currentStreamVersion : STREAM_DOES_NOT_EXIST });
    },
    close,
  };
}

/** One concurrency to measure, for so many seconds per side. */
export interface WritersRun {
  writers: number;
  seconds: number;
}

/**
 * For each concurrency: raw, peer, commands, commands, peer, raw (each for half the time; without a
 * peer, raw, commands, commands, raw), so each side's two halves sit as far from the middle as each
 * other's and linear drift in the machine's load falls on all alike. Payloads of the raw rows are
 * stored events of the workload. The peer (Emmett) runs on the PostgreSQL server only, with `peerPoolSize` connections.
 */
export async function measureCommands(storage: Storage, runs: readonly WritersRun[], label: string, peerPoolSize?: number): Promise<CommandsResult[]> {
  const { codec } = await openCodec(storage, BENCH_MASTER_KEY);
  const handler = new ExecuteComplaintCommandHandler(storage.store, DEFAULT_CATALOG, codec, await IdempotencyKeys.open(storage.sql, `"${storage.schema}"`), DEFAULT_KOREAN_CALENDAR);
  const payloads = [...generateWorkload(workloadOf(2, 200, 'payload'))].flatMap(eventsOf).map((e) => JSON.stringify(e));
  let n = 0;
  const results: CommandsResult[] = [];
  const peer = storage.sql.kind === 'postgres' && peerPoolSize !== undefined ? await emmettPostgres(`e-${randomUUID().slice(0, 8)}`, peerPoolSize) : undefined;
  try {
    for (const { writers, seconds } of runs) {
      const raw = storage.sql.kind === 'pglite' ? await rawPglite(storage) : await rawPostgres(storage.schema, writers);
      const next = commandSource(`c${writers}-${randomUUID().slice(0, 8)}`);
      const command = async (writer: number) => {
        const { complaintId, step } = next(writer);
        await handler.execute(new ExecuteComplaintCommand(complaintId, step.command, step.actor, { correlationId: randomUUID() }));
      };
      const insert = (writer: number) => raw.insert(writer, payloads[n++ % payloads.length]!);
      try {
        // Warm up both paths (JIT, connections, caches) before anything counts.
        await closedLoop(writers, Math.min(2, seconds / 4), insert);
        if (peer) await closedLoop(writers, Math.min(2, seconds / 4), peer.command);
        await closedLoop(writers, Math.min(2, seconds / 4), command);
        const half = seconds / 2;
        const r1 = await closedLoop(writers, half, insert);
        const e1 = peer && (await closedLoop(writers, half, peer.command));
        const c1 = await closedLoop(writers, half, command);
        const c2 = await closedLoop(writers, half, command);
        const e2 = peer && (await closedLoop(writers, half, peer.command));
        const r2 = await closedLoop(writers, half, insert);
        const commands = merge(c1, c2);
        const rawRate = merge(r1, r2);
        const emmett = e1 && e2 && merge(e1, e2);
        const result: CommandsResult = { writers, commands, raw: rawRate, ratio: commands.perSecond / rawRate.perSecond, ...(emmett && { emmett, emmettRatio: emmett.perSecond / rawRate.perSecond }) };
        const beside = emmett ? `, Emmett ${emmett.perSecond.toFixed(0)}/s = ${result.emmettRatio!.toFixed(2)} of raw, engine/Emmett ${(commands.perSecond / emmett.perSecond).toFixed(2)}` : '';
        log(`${label}: ${writers} writer(s): ${commands.perSecond.toFixed(0)} commands/s vs ${rawRate.perSecond.toFixed(0)} raw inserts/s = ${result.ratio.toFixed(2)}${beside}`);
        results.push(result);
      } finally {
        await raw.close();
      }
    }
  } finally {
    await peer?.close();
  }
  return results;
}

/** The handler's steps one by one, timed: what bounds a command. */
export async function commandBreakdown(storage: Storage, seconds: number): Promise<CommandBreakdown> {
  const { codec } = await openCodec(storage, BENCH_MASTER_KEY);
  const next = commandSource(`b-${randomUUID().slice(0, 8)}`);
  const total = { commands: 0, load: 0, decideEncode: 0, append: 0 };
  const end = now() + seconds * 1000;
  while (now() < end) {
    const { complaintId, step } = next(0);
    const t0 = now();
    const current = await loadComplaint(storage.store, codec, complaintId);
    const t1 = now();
    const events = decide(step.command, current.state, DEFAULT_CATALOG);
    const commandId = randomUUID();
    const metadata = { actorId: step.actor.id, actorRole: step.actor.roles.join(' '), commandId, correlationId: commandId, causationId: commandId };
    const { stored } = await codec.encode(events, metadata, complainantKeyOf(current.events));
    const t2 = now();
    await storage.store.append(complaintStreamId(complaintId), stored, { expectedRevision: current.revision < 0 ? 'no-stream' : current.revision });
    const t3 = now();
    total.commands++;
    total.load += t1 - t0;
    total.decideEncode += t2 - t1;
    total.append += t3 - t2;
  }
  return { commands: total.commands, load: total.load / total.commands, decideEncode: total.decideEncode / total.commands, append: total.append / total.commands };
}

/** Commands against raw inserts with so many events stored. */
export interface StoreSizeResult {
  /** Events stored when the measurement began, and when it ended (the measured commands add their own). */
  storedEvents: number;
  storedEventsAfter: number;
  rows: CommandsResult[];
}

const storedEvents = async (storage: Storage): Promise<number> =>
  Number((await storage.sql.query<{ n: string }>(`SELECT count(*) AS n FROM "${storage.schema}".events`))[0]!.n);

/**
 * Commands (new cases, as item 1 feeds them) against raw inserts into a table of the same schema, in
 * a store holding what it holds: how a command's cost moves with the store's size, the raw inserts
 * showing how busy the machine was meanwhile.
 */
export async function measureCommandsAtSize(storage: Storage, runs: readonly WritersRun[]): Promise<StoreSizeResult> {
  const before = await storedEvents(storage);
  const rows = await measureCommands(storage, runs, `commands at ${before.toLocaleString('en')} events`);
  return { storedEvents: before, storedEventsAfter: await storedEvents(storage), rows };
}
