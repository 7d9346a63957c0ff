import type { Storage } from '../create-event-store.js';
import { PgClient, PgliteClient, type SqlClient } from '../../sql/index.js';
import { assertEmbeddedStore, NoStoreError } from '../no-store.js';
import { assertSchemaName, createSchemaIfMissing } from '../postgres/schema.js';
import { EventStoreDbEventStore, type EventStoreDbOptions } from './eventstoredb-event-store.js';

/** Where the read models and the projections' checkpoints live when the events are in EventStoreDB. */
export type ReadModelDatabaseConfig =
  | { kind: 'postgres'; url: string; schema?: string; poolSize?: number }
  /** Embedded; in memory without a `dataDir`. */
  | { kind: 'pglite'; dataDir?: string };

export interface EventStoreDbStorageConfig extends Pick<EventStoreDbOptions, 'pollIntervalMs' | 'batchSize'> {
  /** `esdb://` or `esdb+discover://` connection string. */
  url: string;
  readModels: ReadModelDatabaseConfig;
}

/**
 * Events in EventStoreDB, read models in PostgreSQL: a projection's writes and its checkpoint commit
 * in one read-model transaction, exactly once as with the PostgreSQL store. Fails, releasing both
 * connections, when EventStoreDB does not answer. `create: false`: the read-model database must be
 * there (`NoStoreError` else), nothing created.
 */
export async function openEventStoreDbStorage(config: EventStoreDbStorageConfig, { create = true }: { create?: boolean } = {}): Promise<Storage> {
  const { readModels } = config;
  const schema = (readModels.kind === 'postgres' ? readModels.schema : undefined) ?? 'public';
  assertSchemaName(schema);
  if (!create && readModels.kind === 'pglite' && readModels.dataDir !== undefined) assertEmbeddedStore(readModels.dataDir);
  const sql: SqlClient = readModels.kind === 'pglite' ? await PgliteClient.open(readModels.dataDir) : new PgClient(readModels.url, { max: readModels.poolSize });
  let store: EventStoreDbEventStore | undefined;
  try {
    if (create) await createSchemaIfMissing(sql, schema);
    else {
      const [found] = await sql.query<{ name: string | null }>(`SELECT to_regnamespace($1)::text AS name`, [`"${schema}"`]);
      if (!found?.name) throw new NoStoreError(`schema ${schema}, where the read models of the EventStoreDB store are, does not exist; nothing was created there`);
    }
    const [pgStore] = await sql.query<{ events: string | null }>(`SELECT to_regclass($1)::text AS events`, [`"${schema}".events`]);
    if (pgStore?.events) {
      throw new Error(
        `schema ${schema} holds a PostgreSQL event store, whose projection checkpoints are positions in that store, not in EventStoreDB: ` +
          'keep the EventStoreDB read models in another schema (DATABASE_SCHEMA) and rebuild them there',
      );
    }
    store = EventStoreDbEventStore.connect(config.url, { pollIntervalMs: config.pollIntervalMs, batchSize: config.batchSize, alsoClose: [sql] });
    const health = await store.health();
    if (health.status !== 'up') throw new Error(`cannot open the event store: ${health.detail ?? 'EventStoreDB does not answer'}`);
    return { store, sql, schema };
  } catch (error) {
    await (store ?? sql).close().catch(() => undefined);
    throw error;
  }
}
