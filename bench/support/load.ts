/**
 * Fills a store fast: the generated workload's events, encoded as the command path encodes them
 * (personal data sealed by the real codec), hash-chained with the store's own `eventHash`, written
 * with multi-row INSERTs into the store's tables (streams, events, commands) instead of one append
 * per command. Events go in in business-time order across cases (a case's events interleave with
 * the others', as they would have been written), so read models see the order a live store has.
 */
import { randomUUID } from 'node:crypto';
import { complaintStreamId, currentVersion, type ComplaintCodec } from '../../src/complaint-stream/index.js';
import { generateWorkload, type GeneratedCase, type WorkloadOptions } from '../../test/support/workload/generator.js';
import type { Storage } from '../../src/event-store/create-event-store.js';
import type { NewEvent, StoredEvent } from '../../src/event-store/event-store.js';
import { eventHash, GENESIS_HASH } from '../../src/event-store/integrity.js';
import type { SqlExecutor } from '../../src/sql/index.js';

export interface EventRow {
  stream_id: string;
  revision: number;
  type: string;
  schema_version: number;
  data: Record<string, unknown>;
  metadata: NewEvent['metadata'];
  command_id: string;
  previous_hash: string;
  hash: string;
}

interface PreparedCase {
  index: number;
  streamId: string;
  events: EventRow[];
  commands: { command_id: string; stream_id: string; first_revision: number; last_revision: number }[];
}

/** The events of one case as the command path would have stored them. */
async function prepareCase(generated: GeneratedCase, codec: ComplaintCodec | undefined): Promise<PreparedCase> {
  const streamId = complaintStreamId(generated.complaintId);
  const events: EventRow[] = [];
  const commands: PreparedCase['commands'] = [];
  let complainantKey: string | undefined;
  let previousHash = GENESIS_HASH;
  for (const step of generated.steps) {
    const commandId = randomUUID();
    const metadata = { actorId: step.actor.id, actorRole: step.actor.roles.join(' '), commandId, correlationId: randomUUID(), causationId: commandId };
    const stored: NewEvent[] = codec
      ? (await codec.encode(step.events, metadata, complainantKey)).stored
      : step.events.map((e) => ({ type: e.type, schemaVersion: currentVersion(e.type), data: e.data as unknown as Record<string, unknown>, metadata: { ...metadata, occurredAt: e.occurredAt } }));
    if (step.command.type === 'receive') complainantKey = stored[0]?.data.complainantKey as string | undefined;
    const first = events.length;
    for (const event of stored) {
      // As the store hashes: the event as it reads back from jsonb.
      const { type, schemaVersion, data, metadata: meta } = JSON.parse(JSON.stringify(event)) as NewEvent;
      const revision = events.length;
      const hash = eventHash(previousHash, { streamId, revision, type, schemaVersion, data, metadata: meta });
      events.push({ stream_id: streamId, revision, type, schema_version: schemaVersion, data, metadata: meta, command_id: commandId, previous_hash: previousHash, hash });
      previousHash = hash;
    }
    commands.push({ command_id: commandId, stream_id: streamId, first_revision: first, last_revision: events.length - 1 });
  }
  return { index: generated.index, streamId, events, commands };
}

/** A min-heap of pending events by (business time, case, revision). */
class EventQueue {
  private readonly items: { t: number; c: number; row: EventRow }[] = [];
  get size(): number {
    return this.items.length;
  }
  private less(a: number, b: number): boolean {
    const x = this.items[a]!;
    const y = this.items[b]!;
    return x.t !== y.t ? x.t < y.t : x.c !== y.c ? x.c < y.c : x.row.revision < y.row.revision;
  }
  push(t: number, c: number, row: EventRow): void {
    const items = this.items;
    items.push({ t, c, row });
    let i = items.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.less(i, parent)) break;
      [items[i], items[parent]] = [items[parent]!, items[i]!];
      i = parent;
    }
  }
  peekTime(): number {
    return this.items[0]?.t ?? Infinity;
  }
  pop(): EventRow {
    const items = this.items;
    const top = items[0]!;
    const last = items.pop()!;
    if (items.length > 0) {
      items[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < items.length && this.less(l, m)) m = l;
        if (r < items.length && this.less(r, m)) m = r;
        if (m === i) break;
        [items[i], items[m]] = [items[m]!, items[i]!];
        i = m;
      }
    }
    return top.row;
  }
}

export interface Batch {
  events: EventRow[];
  /** Streams and commands first seen in this batch (written before its events). */
  streams: { stream_id: string; revision: number; hash: string }[];
  commands: PreparedCase['commands'];
}

/**
 * The workload's events in business-time order, in batches of about `batchSize`. Cases are prepared
 * `concurrency` at a time; an event is released once no case still to come can have an earlier one
 * (cases arrive in receipt order, and each case's events follow its receipt).
 */
export async function* interleaved(workload: WorkloadOptions, codec: ComplaintCodec | undefined, batchSize: number, concurrency = 64): AsyncGenerator<Batch> {
  const queue = new EventQueue();
  let streams: Batch['streams'] = [];
  let commands: Batch['commands'] = [];
  let events: EventRow[] = [];
  const take = function* (until: number): Generator<Batch> {
    while (queue.size > 0 && queue.peekTime() <= until) {
      events.push(queue.pop());
      if (events.length >= batchSize) {
        yield { events, streams, commands };
        events = [];
        streams = [];
        commands = [];
      }
    }
  };
  let chunk: GeneratedCase[] = [];
  const flushChunk = async (): Promise<number> => {
    const prepared = await Promise.all(chunk.map((c) => prepareCase(c, codec)));
    let lastReceipt = -Infinity;
    for (const p of prepared) {
      streams.push({ stream_id: p.streamId, revision: p.events.length - 1, hash: p.events[p.events.length - 1]!.hash });
      commands.push(...p.commands);
      for (const row of p.events) queue.push(Date.parse(row.metadata.occurredAt), p.index, row);
      lastReceipt = Math.max(lastReceipt, Date.parse(p.events[0]!.metadata.occurredAt));
    }
    chunk = [];
    return lastReceipt;
  };
  for (const generated of generateWorkload(workload)) {
    if (generated.steps.length === 0) continue;
    chunk.push(generated);
    if (chunk.length >= concurrency) yield* take(await flushChunk());
  }
  if (chunk.length > 0) await flushChunk();
  yield* take(Infinity);
  if (events.length > 0 || streams.length > 0) yield { events, streams, commands };
}

/** Writes one batch into the store's tables, in one transaction, as appends would have left them. */
export async function writeBatch(tx: SqlExecutor, s: string, batch: Batch): Promise<void> {
  if (batch.streams.length > 0) {
    await tx.query(`INSERT INTO ${s}.streams (stream_id, revision, hash) SELECT stream_id, revision, hash FROM jsonb_to_recordset($1::jsonb) AS r(stream_id text, revision bigint, hash text)`, [
      JSON.stringify(batch.streams),
    ]);
  }
  if (batch.events.length > 0) {
    await tx.query(
      `INSERT INTO ${s}.events (stream_id, revision, type, schema_version, data, metadata, command_id, previous_hash, hash)
       SELECT e.value->>'stream_id', (e.value->>'revision')::bigint, e.value->>'type', (e.value->>'schema_version')::integer,
              e.value->'data', e.value->'metadata', e.value->>'command_id', e.value->>'previous_hash', e.value->>'hash'
       FROM jsonb_array_elements($1::jsonb) WITH ORDINALITY AS e
       ORDER BY e.ordinality`,
      [JSON.stringify(batch.events)],
    );
  }
  if (batch.commands.length > 0) {
    await tx.query(
      `INSERT INTO ${s}.commands (command_id, stream_id, first_revision, last_revision)
       SELECT command_id, stream_id, first_revision, last_revision FROM jsonb_to_recordset($1::jsonb) AS r(command_id text, stream_id text, first_revision bigint, last_revision bigint)`,
      [JSON.stringify(batch.commands)],
    );
  }
}

export interface LoadResult {
  events: number;
  cases: number;
  seconds: number;
}

/**
 * Loads the workload into the store's tables. `codec`: seal personal data as the command path does
 * (undefined: leave it in the clear, for filler whose content nobody reads).
 */
export async function loadWorkload(
  storage: Storage,
  codec: ComplaintCodec | undefined,
  workload: WorkloadOptions,
  onProgress?: (events: number) => void,
  batchSize = 5_000,
): Promise<LoadResult> {
  const s = `"${storage.schema}"`;
  const started = performance.now();
  let events = 0;
  let cases = 0;
  let writing: Promise<void> = Promise.resolve();
  for await (const batch of interleaved(workload, codec, batchSize)) {
    await writing; // one batch writing while the next is prepared
    writing = storage.sql.transaction((tx) => writeBatch(tx, s, batch));
    events += batch.events.length;
    cases += batch.streams.length;
    onProgress?.(events);
  }
  await writing;
  await storage.sql.query(`ANALYZE ${s}.events`);
  await storage.sql.query(`ANALYZE ${s}.streams`);
  await storage.sql.query(`ANALYZE ${s}.commands`);
  return { events, cases, seconds: (performance.now() - started) / 1000 };
}

/** Events of a generated case as a projection receives them from the store (positions made up, no store involved). */
export function asStoredEvents(rows: readonly EventRow[], firstSequence: number): StoredEvent[] {
  return rows.map((row, i) => ({
    eventId: randomUUID(),
    streamId: row.stream_id,
    revision: row.revision,
    type: row.type,
    schemaVersion: row.schema_version,
    data: row.data,
    metadata: row.metadata,
    position: { commit: 1n, prepare: BigInt(firstSequence + i) },
    recordedAt: new Date().toISOString(),
    hash: row.hash,
    previousHash: row.previous_hash,
  }));
}

/**
 * Grows a loaded store to about `target` events by copying its events (and their streams and
 * commands) under new stream and command ids, inside the database: rows as large as the real ones
 * and keys spread like them, at the speed of INSERT … SELECT. The copies keep their originals'
 * hashes (not re-chained for the new stream ids): nothing reads them, and the columns are as wide.
 */
export async function replicateEvents(storage: Storage, target: number, onProgress?: (events: number) => void): Promise<number> {
  const s = `"${storage.schema}"`;
  const [{ n, last } = { n: 0, last: 0 }] = await storage.sql.query<{ n: string; last: string }>(`SELECT count(*) AS n, max(sequence) AS last FROM ${s}.events`);
  const original = Number(n);
  const lastSequence = Number(last);
  let total = original;
  const STEP = 250_000;
  for (let copy = 1; total < target; copy++) {
    const suffix = `~${copy}`;
    await storage.sql.transaction(async (tx) => {
      await tx.query(`INSERT INTO ${s}.streams (stream_id, revision, hash) SELECT stream_id || $1, revision, hash FROM ${s}.streams WHERE stream_id NOT LIKE '%~%'`, [suffix]);
      await tx.query(
        `INSERT INTO ${s}.commands (command_id, stream_id, first_revision, last_revision)
         SELECT command_id || $1, stream_id || $1, first_revision, last_revision FROM ${s}.commands WHERE stream_id NOT LIKE '%~%'`,
        [suffix],
      );
    });
    // Two ranges at a time: two server backends, one per core.
    const ranges: number[] = [];
    for (let from = 0; from < lastSequence; from += STEP) ranges.push(from);
    const copyRange = async (from: number) => {
      const rows = await storage.sql.query<{ n: string }>(
        `WITH copied AS (
           INSERT INTO ${s}.events (stream_id, revision, type, schema_version, data, metadata, command_id, previous_hash, hash)
           SELECT stream_id || $1, revision, type, schema_version, data, metadata, command_id || $1, previous_hash, hash
           FROM ${s}.events WHERE sequence > $2 AND sequence <= $3 AND stream_id NOT LIKE '%~%' ORDER BY sequence
           RETURNING 1)
         SELECT count(*) AS n FROM copied`,
        [suffix, from, Math.min(from + STEP, lastSequence)],
      );
      total += Number(rows[0]?.n ?? 0);
      onProgress?.(total);
    };
    const workers = storage.sql.kind === 'postgres' ? 2 : 1;
    await Promise.all(
      Array.from({ length: workers }, async () => {
        for (let from = ranges.shift(); from !== undefined && total < target; from = ranges.shift()) await copyRange(from);
      }),
    );
  }
  await storage.sql.query(`ANALYZE ${s}.events`);
  await storage.sql.query(`ANALYZE ${s}.streams`);
  await storage.sql.query(`ANALYZE ${s}.commands`);
  return total;
}
