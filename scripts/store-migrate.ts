/**
 * Copies every event from one store to another, in global order, keeping each event's id, revision,
 * recording time, metadata and hash chain, then verifies the copy stream by stream (event count and a
 * digest of the canonical events). Then copies the personal-data vault (every complainant's data key,
 * still wrapped under the same master key, and the links between a person's keys) into the target's
 * read-model database, and verifies it row by row: without it the copied personal data reads
 * "[erased]"; and the access log (the auditors' record of who read personal data), entry by entry.
 * With EventStoreDB the vault lives beside it, in its read-model database (--to-read-models-url
 * and --to-read-models-schema, or --to-read-models-dir; by default the service's: DATABASE_URL and
 * DATABASE_SCHEMA, else DATA_DIR/read-models), which may not be the schema of a PostgreSQL event store.
 *   npm run store:migrate -- --from postgres --to eventstoredb
 *   npm run store:migrate -- --from eventstoredb --to postgres --to-schema events_copy
 *   npm run store:migrate -- --from pglite --to postgres
 * Endpoints default to the app's variables: postgres DATABASE_URL and DATABASE_SCHEMA (or --from-url,
 * --from-schema), pglite DATA_DIR/pglite (or --from-dir), eventstoredb EVENTSTORE_URL (or --from-url);
 * the same with --to-. Stop the writers first; a re-run copies only what is missing, so run it again
 * to take events written meanwhile. Projection checkpoints are positions of the old store: rebuild the
 * read models against the new one (npm run projections:rebuild).
 * The master key is not needed and not copied: start the service on the target with the same one.
 * The target must be empty, or an earlier copy of the same source (a re-run): a target holding another
 * store is refused before anything is written (exit 2). There is no option to merge two stores.
 * Exit codes: 0 copied and verified, 1 failed or the copy differs, 2 bad arguments or a target that holds another store.
 */
import canonicalize from 'canonicalize';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { OWNER_ONLY_UMASK, processIo, type ScriptIo } from './command-line.js';
import { openStorage, type Storage } from '../src/event-store/create-event-store.js';
import { START, type EventStore, type GlobalPosition, type StoredEvent } from '../src/event-store/event-store.js';
import { EventStoreDbEventStore } from '../src/event-store/eventstoredb/eventstoredb-event-store.js';
import type { ReadModelDatabaseConfig } from '../src/event-store/eventstoredb/storage.js';
import { isEventStoreDbConnectionString, redactConnectionString } from '../src/event-store/eventstoredb/connection-string.js';
import { copyAccessLog } from '../src/audit/access-log-copy.js';
import { verifyAccessLog } from '../src/audit/access-log.js';
import { copyVault, type VaultCopyReport, type VaultDatabase } from '../src/personal-data/vault-copy.js';
import { PgClient, PgliteClient, type SqlClient } from '../src/sql/index.js';
import { assertSchemaName, createSchemaIfMissing, SCHEMA_NAME_RULE } from '../src/event-store/postgres/schema.js';
import { parseReference } from '../domain/complaint/reference.js';

export const STORE_KINDS = ['postgres', 'pglite', 'eventstoredb'] as const;

export type Endpoint =
  | { kind: 'postgres'; url: string; schema: string }
  | { kind: 'pglite'; dataDir: string }
  /** `readModels`: the database beside it holding the read models and the personal-data vault. */
  | { kind: 'eventstoredb'; url: string; readModels: ReadModelDatabaseConfig };

/** Where the copy goes: writes keep ids and times, which the port's `append` cannot. */
export interface MigrationTarget {
  /** For verifying: the target read through the port. */
  readonly store: EventStore;
  /** Writes events given in global order; what the target already holds is left as it is. */
  write(events: readonly StoredEvent[]): Promise<void>;
}

export interface StreamDigest {
  events: number;
  digest: string;
}

export interface StreamMismatch {
  streamId: string;
  source: StreamDigest;
  target: StreamDigest;
}

export interface MigrationProgress {
  copied: number;
  streams: number;
  position: GlobalPosition;
}

export interface MigrationReport {
  copied: number;
  streams: number;
  /** Copied events holding sealed personal data, which need the vault's data keys (absent: none). */
  sealed?: number;
  mismatches: StreamMismatch[];
}

/** The vault's copy in one line: each table's rows in the source and found equal in the target. */
export function describeVaultCopy(report: VaultCopyReport): string {
  if (!report.found) return 'no personal-data vault in the source: no data keys to copy';
  return `personal-data vault copied: ${report.tables.map((t) => `${t.table} ${t.target} of ${t.source} rows match`).join(', ')}`;
}

export const vaultMatches = (report: VaultCopyReport): boolean => report.mismatches.length === 0 && report.tables.every((t) => t.source === t.target);

/**
 * An event as both stores must hold it: everything but the store-specific global position, in RFC 8785
 * canonical JSON (equal values give equal text whatever the store's key order).
 */
export function copiedEvent(event: StoredEvent): string {
  const { eventId, streamId, revision, type, schemaVersion, data, metadata, recordedAt, hash, previousHash } = event;
  const text = canonicalize({ eventId, streamId, revision, type, schemaVersion, data, metadata, recordedAt, hash, previousHash });
  if (text === undefined) throw new TypeError(`event ${eventId} is not JSON`);
  return text;
}

/** A stream's digest folds its canonical events in revision order. */
export function nextDigest(previous: StreamDigest, event: StoredEvent): StreamDigest {
  return {
    events: previous.events + 1,
    digest: createHash('sha256').update(previous.digest).update('\n').update(copiedEvent(event)).digest('hex'),
  };
}

export const EMPTY_DIGEST: StreamDigest = { events: 0, digest: '' };

export function digestOf(events: readonly StoredEvent[]): StreamDigest {
  return events.reduce(nextDigest, EMPTY_DIGEST);
}

/**
 * Reads the source in global order and writes each batch to the target, then compares every copied
 * stream's event count and digest with the target's. Idempotent: a re-run writes only what is missing.
 */
export async function migrateEvents(
  source: EventStore,
  target: MigrationTarget,
  {
    batchSize = 500,
    onProgress,
    maxWaitMs = 60_000,
  }: { batchSize?: number; onProgress?: (progress: MigrationProgress) => void; maxWaitMs?: number } = {},
): Promise<MigrationReport> {
  const streams = new Map<string, StreamDigest>();
  let position = START;
  let copied = 0;
  let sealed = 0;
  let waitingSince: number | undefined;
  for (;;) {
    const batch = await source.readAll({ after: position, limit: batchSize });
    if (batch.length === 0) {
      // PostgreSQL holds back events behind a transaction still open anywhere on the server: wait for them.
      if (!source.countEventsAfter || (await source.countEventsAfter(position, 1)) === 0) break;
      waitingSince ??= Date.now();
      if (Date.now() - waitingSince > maxWaitMs) {
        throw new Error(`events after ${position.commit}/${position.prepare} stay unreadable: a transaction open on the source server holds them back`);
      }
      await new Promise((done) => setTimeout(done, 100));
      continue;
    }
    waitingSince = undefined;
    for (const event of batch) streams.set(event.streamId, nextDigest(streams.get(event.streamId) ?? EMPTY_DIGEST, event));
    sealed += batch.filter((event) => event.data.personal !== undefined).length;
    await target.write(batch);
    copied += batch.length;
    position = batch[batch.length - 1]!.position;
    onProgress?.({ copied, streams: streams.size, position });
  }
  const mismatches: StreamMismatch[] = [];
  for (const [streamId, expected] of streams) {
    const actual = digestOf(await target.store.readStream(streamId));
    if (actual.events !== expected.events || actual.digest !== expected.digest) mismatches.push({ streamId, source: expected, target: actual });
  }
  return { copied, streams: streams.size, ...(sealed > 0 ? { sealed } : {}), mismatches };
}

/**
 * Writes straight into a PostgreSQL event store's tables (the store's `append` would give new ids and
 * times). One transaction per batch: its events keep the batch's order in the target's global order.
 */
export function postgresTarget(storage: Storage): MigrationTarget {
  const s = `"${storage.schema}"`;
  return {
    store: storage.store,
    async write(events) {
      const rows = events.map((e) => ({
        eventId: e.eventId,
        streamId: e.streamId,
        revision: e.revision,
        type: e.type,
        schemaVersion: e.schemaVersion,
        data: e.data,
        metadata: e.metadata,
        commandId: commandIdOf(e),
        recordedAt: e.recordedAt,
        hash: e.hash,
        previousHash: e.previousHash,
      }));
      const commands = new Map<string, { commandId: string; streamId: string; first: number; last: number; recordedAt: string }>();
      for (const row of rows) {
        const key = `${row.commandId}\u0000${row.streamId}`;
        const known = commands.get(key);
        if (known) known.last = Math.max(known.last, row.revision);
        else commands.set(key, { commandId: row.commandId, streamId: row.streamId, first: row.revision, last: row.revision, recordedAt: row.recordedAt });
      }
      // Receipts keep their references: the target knows which stream each number went to, and counts on after the highest.
      const numbered = events.flatMap((e) => {
        const reference = e.type === 'ComplaintReceived' && e.revision === 0 && typeof e.data.reference === 'string' ? parseReference(e.data.reference) : undefined;
        return reference ? [{ ...reference, streamId: e.streamId }] : [];
      });
      await storage.sql.transaction(async (tx) => {
        await tx.query(
          `INSERT INTO ${s}.streams AS st (stream_id, revision, hash)
           SELECT DISTINCT ON (e.value->>'streamId') e.value->>'streamId', (e.value->>'revision')::bigint, e.value->>'hash'
           FROM jsonb_array_elements($1::jsonb) AS e ORDER BY e.value->>'streamId', (e.value->>'revision')::bigint DESC
           ON CONFLICT (stream_id) DO UPDATE SET revision = EXCLUDED.revision, hash = EXCLUDED.hash WHERE EXCLUDED.revision > st.revision`,
          [JSON.stringify(rows)],
        );
        // An event already there (same id) stays; another event at its revision fails the batch.
        await tx.query(
          `INSERT INTO ${s}.events (event_id, stream_id, revision, type, schema_version, data, metadata, command_id, recorded_at, hash, previous_hash)
           SELECT (e.value->>'eventId')::uuid, e.value->>'streamId', (e.value->>'revision')::bigint, e.value->>'type',
                  (e.value->>'schemaVersion')::integer, e.value->'data', e.value->'metadata', e.value->>'commandId',
                  (e.value->>'recordedAt')::timestamptz, e.value->>'hash', e.value->>'previousHash'
           FROM jsonb_array_elements($1::jsonb) WITH ORDINALITY AS e
           ORDER BY e.ordinality
           ON CONFLICT (event_id) DO NOTHING`,
          [JSON.stringify(rows)],
        );
        await tx.query(
          `INSERT INTO ${s}.commands AS c (command_id, stream_id, first_revision, last_revision, recorded_at)
           SELECT e.value->>'commandId', e.value->>'streamId', (e.value->>'first')::bigint, (e.value->>'last')::bigint,
                  (e.value->>'recordedAt')::timestamptz
           FROM jsonb_array_elements($1::jsonb) AS e
           ON CONFLICT (command_id) DO UPDATE SET first_revision = LEAST(c.first_revision, EXCLUDED.first_revision),
             last_revision = GREATEST(c.last_revision, EXCLUDED.last_revision)
           WHERE c.stream_id = EXCLUDED.stream_id`,
          [JSON.stringify([...commands.values()])],
        );
        if (numbered.length === 0) return;
        await tx.query(
          `INSERT INTO ${s}.numbered_streams (counter, number, stream_id)
           SELECT e.value->>'counter', (e.value->>'number')::bigint, e.value->>'streamId' FROM jsonb_array_elements($1::jsonb) AS e
           ON CONFLICT DO NOTHING`,
          [JSON.stringify(numbered)],
        );
        await tx.query(
          `INSERT INTO ${s}.counters AS c (counter, last)
           SELECT e.value->>'counter', max((e.value->>'number')::bigint) FROM jsonb_array_elements($1::jsonb) AS e GROUP BY 1
           ON CONFLICT (counter) DO UPDATE SET last = GREATEST(c.last, EXCLUDED.last)`,
          [JSON.stringify(numbered)],
        );
      });
    },
  };
}

function commandIdOf(event: StoredEvent): string {
  const commandId = event.metadata.commandId;
  if (typeof commandId !== 'string' || commandId === '') throw new Error(`event ${event.eventId} (${event.streamId}@${event.revision}) has no metadata.commandId`);
  return commandId;
}

/** Appends each stream's run of events with their own ids; EventStoreDB drops what it already holds. */
export function eventStoreDbTarget(store: EventStoreDbEventStore): MigrationTarget {
  return {
    store,
    async write(events) {
      let run: StoredEvent[] = [];
      for (const event of events) {
        if (run.length > 0 && run[0]!.streamId !== event.streamId) {
          await store.importEvents(run[0]!.streamId, run);
          run = [];
        }
        run.push(event);
      }
      if (run.length > 0) await store.importEvents(run[0]!.streamId, run);
    },
  };
}

export const describeEndpoint = (endpoint: Endpoint): string =>
  endpoint.kind === 'postgres'
    ? `PostgreSQL ${redactPostgresUrl(endpoint.url)} schema ${endpoint.schema}`
    : endpoint.kind === 'pglite'
      ? `PGlite in ${endpoint.dataDir}`
      : `EventStoreDB ${redactConnectionString(endpoint.url)} (read models and data keys in ${describeEndpoint(endpoint.readModels.kind === 'postgres' ? { kind: 'postgres', url: endpoint.readModels.url, schema: endpoint.readModels.schema ?? 'public' } : { kind: 'pglite', dataDir: endpoint.readModels.dataDir ?? 'memory' })})`;

const redactPostgresUrl = (url: string): string => url.replace(/^(postgres(?:ql)?:\/\/[^:@/]*):[^@/]*@/, '$1:***@');

function sameEndpoint(a: Endpoint, b: Endpoint): boolean {
  if (a.kind === 'postgres' && b.kind === 'postgres') return a.url === b.url && a.schema === b.schema;
  if (a.kind === 'pglite' && b.kind === 'pglite') return a.dataDir === b.dataDir;
  if (a.kind === 'eventstoredb' && b.kind === 'eventstoredb') return a.url === b.url;
  return false;
}

interface Opened {
  store: EventStore;
  target: () => MigrationTarget;
  /** Where the store's personal-data vault is: its read-model database. */
  vault: VaultDatabase;
  /** The events the store holds: how many (undefined: some, not counted) and the first and last written. */
  contents(): Promise<StoreContents>;
  close(): Promise<void>;
}

export interface StoreContents {
  events: number | undefined;
  streams?: number;
  samples: Pick<StoredEvent, 'eventId' | 'streamId' | 'revision'>[];
}

/** A PostgreSQL event store's contents, from its tables (not `readAll`, which holds back events behind a transaction open on the server). */
async function sqlContents(sql: SqlClient, schema: string): Promise<StoreContents> {
  const s = `"${schema}"`;
  const [counted] = await sql.query<{ events: number; streams: number }>(
    `SELECT (SELECT count(*) FROM ${s}.events)::integer AS events, (SELECT count(*) FROM ${s}.streams)::integer AS streams`,
  );
  const samples = await sql.query<{ event_id: string; stream_id: string; revision: number }>(
    `(SELECT event_id::text, stream_id, revision::integer FROM ${s}.events ORDER BY sequence LIMIT 1)
     UNION (SELECT event_id::text, stream_id, revision::integer FROM ${s}.events ORDER BY sequence DESC LIMIT 1)`,
  );
  return { events: counted!.events, streams: counted!.streams, samples: samples.map((row) => ({ eventId: row.event_id, streamId: row.stream_id, revision: Number(row.revision) })) };
}

/** The master key's check value a store recorded at its first start (`personal_data_master_key`), if any. */
async function checkValueOf({ sql, schema }: VaultDatabase): Promise<string | undefined> {
  if ((await countRows(sql, schema, 'personal_data_master_key')) === 0) return undefined;
  return (await sql.query<{ check_value: string }>(`SELECT check_value FROM "${schema}".personal_data_master_key`))[0]?.check_value;
}

async function countRows(sql: SqlClient, schema: string, table: string): Promise<number> {
  const [present] = await sql.query<{ name: string | null }>(`SELECT to_regclass($1)::text AS name`, [`"${schema}".${table}`]);
  if (!present?.name) return 0;
  return (await sql.query<{ n: number }>(`SELECT count(*)::integer AS n FROM "${schema}".${table}`))[0]!.n;
}

/**
 * Why the copy must not write into `target`, or undefined when it may: the target is empty (no events,
 * data keys or access-log entries), or holds an earlier copy of this same source, which a re-run
 * completes. Judged on the target's first and last events written and its first and last data keys
 * (by id), each of which the source must hold the same. Anything else is another store: copying into
 * it would merge two installations (two cases under one reference, data keys of another master key),
 * and events cannot be taken out of an append-only, hash-chained store again.
 */
export async function targetRefusal(source: Opened, target: Opened): Promise<string | undefined> {
  const [sourceCheck, targetCheck] = [await checkValueOf(source.vault), await checkValueOf(target.vault)];
  if (sourceCheck !== undefined && targetCheck !== undefined && sourceCheck !== targetCheck) {
    return (
      "the target was started with another master key than the source's (the stores' master-key check values differ): it is another installation, and the source's data keys would not open there. " +
      'Nothing was written. Copy into an empty schema (--to-schema) or folder (--to-dir)'
    );
  }
  const held = await target.contents();
  const keys = await countRows(target.vault.sql, target.vault.schema, 'personal_data_keys');
  const entries = await countRows(target.vault.sql, target.vault.schema, 'access_log');
  if (held.events === 0 && keys === 0 && entries === 0) return undefined;
  const holding = [
    held.events !== 0 && (held.events === undefined ? 'events' : `${held.events} events${held.streams === undefined ? '' : ` of ${held.streams} streams`}`),
    keys > 0 && `${keys} data keys`,
    entries > 0 && `${entries} access-log entries`,
  ].filter((part) => part !== false).join(', ');
  const refuse = (why: string) =>
    `the target already holds ${holding}, ${why}: it is another store, not an earlier copy of this source. Nothing was written. ` +
    'Copy into an empty schema (--to-schema) or folder (--to-dir); a re-run into an earlier copy of the same source adds what is missing';
  if (held.events === 0) return refuse('but no events');
  for (const sample of held.samples) {
    const [there] = await source.store.readStream(sample.streamId, { fromRevision: sample.revision, toRevision: sample.revision });
    if (there?.eventId !== sample.eventId) return refuse(`and its event ${sample.streamId}@${sample.revision} is not the source's`);
  }
  if (keys === 0) return undefined;
  const targetKeys = await target.vault.sql.query<{ key_id: string; wrapped_key: string | null }>(
    `(SELECT key_id, wrapped_key::text FROM "${target.vault.schema}".personal_data_keys ORDER BY key_id LIMIT 1)
     UNION (SELECT key_id, wrapped_key::text FROM "${target.vault.schema}".personal_data_keys ORDER BY key_id DESC LIMIT 1)`,
  );
  const sourceKeys = (await countRows(source.vault.sql, source.vault.schema, 'personal_data_keys')) === 0 ? [] : await source.vault.sql.query<{ key_id: string; wrapped_key: string | null }>(
    `SELECT key_id, wrapped_key::text FROM "${source.vault.schema}".personal_data_keys WHERE key_id = ANY($1::text[])`,
    [targetKeys.map((row) => row.key_id)],
  );
  for (const key of targetKeys) {
    const there = sourceKeys.find((row) => row.key_id === key.key_id);
    // Erased in either store is the same key: the copy keeps it erased.
    if (!there || (there.wrapped_key !== key.wrapped_key && there.wrapped_key !== null && key.wrapped_key !== null)) return refuse(`and its data key ${key.key_id} is not the source's`);
  }
  return undefined;
}

async function openEndpoint(endpoint: Endpoint, role: 'source' | 'target'): Promise<Opened> {
  if (endpoint.kind === 'eventstoredb') {
    const store = EventStoreDbEventStore.connect(endpoint.url);
    const health = await store.health();
    if (health.status !== 'up') {
      await store.close();
      throw new Error(`cannot reach the ${role}: ${health.detail ?? describeEndpoint(endpoint)}`);
    }
    try {
      const vault = await openReadModelDatabase(endpoint.readModels, role);
      const contents = async (): Promise<StoreContents> => {
        const first = await store.readAll({ limit: 1 });
        return { events: first.length === 0 ? 0 : undefined, samples: first };
      };
      return { store, target: () => eventStoreDbTarget(store), vault, contents, close: async () => void (await Promise.allSettled([store.close(), vault.sql.close()])) };
    } catch (error) {
      await store.close();
      throw error;
    }
  }
  // Opening a PostgreSQL store creates its tables: make sure a mistyped source is not taken for an empty one.
  if (role === 'source' && endpoint.kind === 'pglite' && !existsSync(endpoint.dataDir)) {
    throw new Error(`no PGlite store in ${endpoint.dataDir}`);
  }
  if (role === 'source' && endpoint.kind === 'postgres') {
    const probe = new PgClient(endpoint.url, { max: 1 });
    try {
      const [row] = await probe.query<{ table: string | null }>(`SELECT to_regclass($1)::text AS table`, [`"${endpoint.schema}".events`]);
      if (!row?.table) throw new Error(`no event store in schema ${endpoint.schema} of ${redactPostgresUrl(endpoint.url)}`);
    } finally {
      await probe.close();
    }
  }
  const storage = await openStorage(endpoint.kind === 'postgres' ? { kind: 'postgres', url: endpoint.url, schema: endpoint.schema } : endpoint);
  return { store: storage.store, target: () => postgresTarget(storage), vault: storage, contents: () => sqlContents(storage.sql, storage.schema), close: () => storage.store.close() };
}

/**
 * The database beside EventStoreDB that holds its read models and the personal-data vault. As the
 * target, not a schema holding a PostgreSQL event store: the service refuses EventStoreDB read models
 * there, so data keys copied there would be left behind.
 */
async function openReadModelDatabase(config: ReadModelDatabaseConfig, role: 'source' | 'target'): Promise<VaultDatabase> {
  const sql: SqlClient = config.kind === 'pglite' ? await PgliteClient.open(config.dataDir) : new PgClient(config.url, { max: 2 });
  const schema = (config.kind === 'postgres' ? config.schema : undefined) ?? 'public';
  try {
    if (role === 'target') {
      await createSchemaIfMissing(sql, schema);
      const [row] = await sql.query<{ events: string | null }>(`SELECT to_regclass($1)::text AS events`, [`"${schema}".events`]);
      if (row?.events) {
        throw new Error(
          `schema ${schema}, where the target's read models and data keys would go, holds a PostgreSQL event store: the service refuses EventStoreDB read models there, ` +
            'so name another with --to-read-models-schema (the DATABASE_SCHEMA the service will run with)',
        );
      }
    }
    return { sql, schema };
  } catch (error) {
    await sql.close();
    throw error;
  }
}

export interface MigrateScriptIo extends ScriptIo {
  /** Milliseconds between progress lines (default 2000). */
  progressEveryMs?: number;
}


const USAGE =
  'usage: npm run store:migrate -- --from <postgres|pglite|eventstoredb> --to <postgres|pglite|eventstoredb>\n' +
  '         [--from-url <url>] [--from-schema <schema>] [--from-dir <dir>]\n' +
  '         [--to-url <url>] [--to-schema <schema>] [--to-dir <dir>] [--batch-size <n>]\n' +
  '         with eventstoredb, where its read models and data keys are (default DATABASE_URL and DATABASE_SCHEMA, else DATA_DIR/read-models):\n' +
  '         [--from-read-models-url <url>] [--from-read-models-schema <schema>] [--from-read-models-dir <dir>] (and --to-read-models-...)\n';

const OPTIONS = ['url', 'schema', 'dir', 'read-models-url', 'read-models-schema', 'read-models-dir'].flatMap((name) => [`from-${name}`, `to-${name}`]);

class UsageError extends Error {}

function schemaNamed(option: string, schema: string): string {
  try {
    assertSchemaName(schema);
  } catch {
    throw new UsageError(`--${option} must be a lower-case identifier (${SCHEMA_NAME_RULE}), not ${schema}`);
  }
  return schema;
}

export function endpointFrom(side: 'from' | 'to', values: Record<string, string | undefined>, env: NodeJS.ProcessEnv): Endpoint {
  const kind = values[side];
  if (kind === undefined) throw new UsageError(`--${side} is required`);
  if (!(STORE_KINDS as readonly string[]).includes(kind)) throw new UsageError(`--${side} must be one of ${STORE_KINDS.join(', ')}, not ${kind}`);
  const url = values[`${side}-url`];
  if (kind !== 'eventstoredb') {
    const readModelsOption = ['url', 'schema', 'dir'].map((name) => `${side}-read-models-${name}`).find((option) => values[option] !== undefined);
    if (readModelsOption) throw new UsageError(`--${readModelsOption} is for eventstoredb: with ${kind}, read models and data keys are in the store's own database`);
  }
  if (kind === 'postgres') {
    const resolved = url ?? env.DATABASE_URL;
    if (!resolved) throw new UsageError(`--${side}-url (or DATABASE_URL) is required for postgres`);
    return { kind, url: resolved, schema: schemaNamed(`${side}-schema`, values[`${side}-schema`] ?? env.DATABASE_SCHEMA ?? 'public') };
  }
  if (kind === 'pglite') return { kind, dataDir: resolve(values[`${side}-dir`] ?? resolve(env.DATA_DIR ?? './data', 'pglite')) };
  const resolved = url ?? env.EVENTSTORE_URL;
  if (!resolved) throw new UsageError(`--${side}-url (or EVENTSTORE_URL) is required for eventstoredb`);
  if (!isEventStoreDbConnectionString(resolved)) throw new UsageError(`--${side}-url must be an esdb:// or esdb+discover:// connection string`);
  // As the service finds them beside EventStoreDB (src/config/config.ts).
  const readModelsUrl = values[`${side}-read-models-url`] ?? (values[`${side}-read-models-dir`] === undefined ? env.DATABASE_URL : undefined);
  const readModels: ReadModelDatabaseConfig = readModelsUrl
    ? { kind: 'postgres', url: readModelsUrl, schema: schemaNamed(`${side}-read-models-schema`, values[`${side}-read-models-schema`] ?? env.DATABASE_SCHEMA ?? 'public') }
    : { kind: 'pglite', dataDir: resolve(values[`${side}-read-models-dir`] ?? resolve(env.DATA_DIR ?? './data', 'read-models')) };
  return { kind: 'eventstoredb', url: resolved, readModels };
}

/** Runs the script with the arguments after `--`; resolves to the exit code. */
export async function main(argv: readonly string[], env: NodeJS.ProcessEnv, io: MigrateScriptIo = processIo): Promise<number> {
  let from: Endpoint;
  let to: Endpoint;
  let batchSize: number;
  try {
    const { values } = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: false,
      options: Object.fromEntries(
        ['from', 'to', ...OPTIONS, 'batch-size', 'help'].map((name) => [
          name,
          { type: name === 'help' ? ('boolean' as const) : ('string' as const) },
        ]),
      ),
    });
    if (values.help === true) {
      io.stdout(USAGE);
      return 0;
    }
    const strings = values as Record<string, string | undefined>;
    from = endpointFrom('from', strings, env);
    to = endpointFrom('to', strings, env);
    if (sameEndpoint(from, to)) throw new UsageError('--from and --to name the same store');
    batchSize = Number(strings['batch-size'] ?? 500);
    if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > 10_000) throw new UsageError('--batch-size must be a whole number from 1 to 10000');
  } catch (error) {
    io.stderr(`store:migrate: ${(error as Error).message}\n${USAGE}`);
    return 2;
  }

  const opened: Opened[] = [];
  try {
    // A store that does not open (not there, out of reach, held by the service) is refused, naming which side: nothing was copied.
    for (const [endpoint, role, option] of [[from, 'source', '--from'], [to, 'target', '--to']] as const) {
      try {
        opened.push(await openEndpoint(endpoint, role));
      } catch (error) {
        io.stderr(`store:migrate: refused: the ${role} (${option}: ${describeEndpoint(endpoint)}) does not open: ${error instanceof Error ? error.message : String(error)}\n`);
        return 2;
      }
    }
    const [source, target] = opened as [Opened, Opened];
    // Before anything is written: a target holding another store is refused, not merged.
    const refusal = await targetRefusal(source, target);
    if (refusal !== undefined) {
      io.stderr(`store:migrate: ${describeEndpoint(to)}: ${refusal}\n`);
      return 2;
    }
    io.stderr(`store:migrate: copying ${describeEndpoint(from)} -> ${describeEndpoint(to)}\n`);
    const started = Date.now();
    let lastLine = 0;
    const line = ({ copied, streams }: { copied: number; streams: number }): string => {
      const seconds = Math.max((Date.now() - started) / 1000, 0.001);
      return `store:migrate: ${copied} events copied (${streams} streams), ${Math.round(copied / seconds)} events/s`;
    };
    const report = await migrateEvents(source.store, target.target(), {
      batchSize,
      onProgress: (progress) => {
        if (Date.now() - lastLine < (io.progressEveryMs ?? 2000)) return;
        lastLine = Date.now();
        io.stderr(`${line(progress)}\n`);
      },
    });
    io.stderr(`${line(report)}; ${report.streams} streams compared with the target\n`);
    if (report.mismatches.length > 0) {
      io.stderr(`store:migrate: ${report.mismatches.length} of ${report.streams} streams differ in the target:\n`);
      for (const m of report.mismatches.slice(0, 20)) {
        io.stderr(`  ${m.streamId}: source ${m.source.events} events ${m.source.digest.slice(0, 12)}, target ${m.target.events} events ${m.target.digest.slice(0, 12)}\n`);
      }
      return 1;
    }
    // After the events: every key an event copied was sealed with was stored before that event.
    const vault = await copyVault(source.vault, target.vault, { batchSize });
    const vaultLine = describeVaultCopy(vault);
    io.stderr(`store:migrate: ${vaultLine}\n`);
    if (!vaultMatches(vault)) {
      io.stderr(`store:migrate: the personal-data vault differs in the target:\n${vault.mismatches.map((m) => `  ${m}\n`).join('')}`);
      return 1;
    }
    if (!vault.found && report.sealed !== undefined) {
      io.stderr(`store:migrate: ${report.sealed} copied events hold sealed personal data, but the source has no personal-data vault (schema ${source.vault.schema}): their data keys were not found, so it would read "[erased]"\n`);
      return 1;
    }
    // The access log is the auditors' record of who read personal data: it moves with the data.
    const accessLog = await copyAccessLog(source.vault, target.vault, { batchSize });
    let accessLine = accessLog.found ? `access log copied: ${accessLog.target} of ${accessLog.source} entries match` : 'no access log in the source';
    io.stderr(`store:migrate: ${accessLine}\n`);
    if (accessLog.mismatches.length > 0 || accessLog.target !== accessLog.source) {
      io.stderr(`store:migrate: the access log differs in the target:\n${accessLog.mismatches.map((m) => `  ${m}\n`).join('')}`);
      return 1;
    }
    if (accessLog.found) {
      // Its hash chain came with it: the copy verifies as the source does (a source tampered with does not).
      const chain = await verifyAccessLog(target.vault.sql, `"${target.vault.schema}"`, 20);
      if (!chain.ok) {
        io.stderr(`store:migrate: the access log's hash chain does not verify in the target:\n${chain.findings.map((f) => `  [${f.problem}] ${f.message}\n`).join('')}`);
        return 1;
      }
      accessLine += `, its hash chain verifies (head: entry ${chain.head?.entry ?? 'none'}, hash ${chain.head?.hash})`;
    }
    io.stdout(
      `copied ${report.copied} events of ${report.streams} streams; every stream's event count and digest match.\n` +
        `${vaultLine}; start the service on the target with the same master key (MASTER_KEY, or DATA_DIR/master-key in development).\n` +
        `${accessLine}.\n` +
        'Projection checkpoints are positions of the old store: rebuild the read models against the new one (npm run projections:rebuild).\n',
    );
    return 0;
  } catch (error) {
    io.stderr(`store:migrate: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  } finally {
    for (const endpoint of opened.reverse()) await endpoint.close().catch(() => undefined);
  }
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.umask(OWNER_ONLY_UMASK);
  process.exitCode = await main(process.argv.slice(2), process.env);
}
