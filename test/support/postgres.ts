import { randomBytes } from 'node:crypto';
import { PgClient, sqlState, type SqlClient } from '../../src/sql/index.js';
import { PostgresEventStore, type PostgresEventStoreOptions } from '../../src/event-store/postgres/postgres-event-store.js';
import pg from 'pg';

export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

export interface TestStoreOptions extends Omit<PostgresEventStoreOptions, 'schema'> {
  poolSize?: number;
  /** Interposes on the SQL client, e.g. to hold transactions open. */
  wrap?: (client: SqlClient) => SqlClient;
}

export interface TestStore {
  store: PostgresEventStore;
  schema: string;
  /** Closes the store and drops its schema. */
  cleanup(): Promise<void>;
}

export const uniqueSchemaName = (): string => `test_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;

/** A store in a fresh, uniquely named schema on the test server. Throws (never skips) when the server is unreachable. */
export async function createTestStore(options: TestStoreOptions = {}): Promise<TestStore> {
  const schema = uniqueSchemaName();
  const store = await openTestStore(schema, options);
  return {
    store,
    schema,
    async cleanup() {
      await store.close();
      await dropSchema(schema);
    },
  };
}

/** Another store (as another process would open one) on an existing or new schema. */
export async function openTestStore(schema: string, options: TestStoreOptions = {}): Promise<PostgresEventStore> {
  const client = new PgClient(TEST_DATABASE_URL, { max: options.poolSize, connectionTimeoutMillis: 3000 });
  try {
    return await PostgresEventStore.open(options.wrap ? options.wrap(client) : client, { ...options, schema });
  } catch (error) {
    await client.close();
    throw new Error(`cannot open a test event store at ${TEST_DATABASE_URL} (set TEST_DATABASE_URL): ${String(error)}`, { cause: error });
  }
}

/** A plain connection to the test server, for inspecting or interfering. Caller ends it. */
export async function connectAdmin(): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: TEST_DATABASE_URL, connectionTimeoutMillis: 3000 });
  await client.connect();
  return client;
}

/** SQLSTATE of a deadlock the server broke by cancelling one side. */
const DEADLOCK_DETECTED = '40P01';

/**
 * Drops a suite's schema and all in it. Suites end side by side, and two such drops can lock the same
 * catalog rows in opposite orders: the one the server cancels (`deadlock detected`, seen once in CI) tries again.
 */
export async function dropSchema(schema: string): Promise<void> {
  const admin = await connectAdmin();
  try {
    for (let attempt = 1; ; attempt++) {
      try {
        await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
        return;
      } catch (error) {
        if (sqlState(error) !== DEADLOCK_DETECTED || attempt >= 5) throw error;
        await new Promise((resolve) => setTimeout(resolve, 100 * attempt));
      }
    }
  } finally {
    await admin.end();
  }
}
