import type { EventStore } from './event-store.js';
import type { EventStoreDbStorageConfig } from './eventstoredb/storage.js';
import { PgClient, PgliteClient, type SqlClient } from '../sql/index.js';
import { PostgresEventStore, type PostgresEventStoreOptions } from './postgres/postgres-event-store.js';
import { assertEmbeddedStore } from './no-store.js';

type Tuning = Pick<PostgresEventStoreOptions, 'pollIntervalMs' | 'batchSize'>;

export type EventStoreConfig =
  /** Embedded PostgreSQL; data under `dataDir` (created if missing), in memory without one. */
  | ({ kind: 'pglite'; dataDir?: string } & Tuning)
  /** A PostgreSQL server; every table inside `schema` (default `public`). */
  | ({ kind: 'postgres'; url: string; schema?: string; poolSize?: number } & Tuning)
  /** EventStoreDB for the events; the read models and projection checkpoints in PostgreSQL or PGlite. */
  | ({ kind: 'eventstoredb' } & EventStoreDbStorageConfig);

/** The store with its SQL connection and schema, for read models kept in the same database. */
export interface Storage {
  store: EventStore;
  /** Owned by the store: `store.close()` closes it. */
  sql: SqlClient;
  schema: string;
}

/**
 * Opens the store and applies pending migrations. Fails (and releases the connection) if it cannot.
 * `create: false`, for tools that read or copy a store: only a store that is there, migrated, is
 * opened as it is; a folder or schema holding none (a mistyped DATA_DIR or DATABASE_SCHEMA) is
 * refused with `NoStoreError`, nothing created. `statementLimitMs`: the service's bound on a statement on a
 * server (`PgClientOptions`); tools set none.
 */
export async function openStorage(config: EventStoreConfig, { create = true, statementLimitMs }: { create?: boolean; statementLimitMs?: number } = {}): Promise<Storage> {
  // Loaded only when chosen: its gRPC client costs every other process a second at start.
  if (config.kind === 'eventstoredb') return (await import('./eventstoredb/storage.js')).openEventStoreDbStorage(config, { create });
  if (!create && config.kind === 'pglite' && config.dataDir !== undefined) assertEmbeddedStore(config.dataDir);
  const sql: SqlClient =
    config.kind === 'pglite' ? await PgliteClient.open(config.dataDir) : new PgClient(config.url, { max: config.poolSize, statementLimitMs });
  const schema = (config.kind === 'postgres' ? config.schema : undefined) ?? 'public';
  try {
    const store = await PostgresEventStore.open(sql, { schema, pollIntervalMs: config.pollIntervalMs, batchSize: config.batchSize, create });
    return { store, sql, schema };
  } catch (error) {
    await sql.close().catch(() => undefined);
    throw error;
  }
}

export async function createEventStore(config: EventStoreConfig): Promise<EventStore> {
  return (await openStorage(config)).store;
}
