import { getPostgreSQLEventStore, type PostgresEventStore } from '@event-driven-io/emmett-postgresql';
import pg from 'pg';

/** Emmett's PostgreSQL store on `connectionString`, on a pool of its own; migrating is left to the caller. */
export function emmettStore(connectionString: string, poolSize: number): { store: PostgresEventStore; close(): Promise<void> } {
  const pool = new pg.Pool({ connectionString, max: poolSize });
  // An idle connection the server ends (its database dropped when an interrupted run cleans up) is no error of the run's.
  pool.on('error', () => undefined);
  const store = getPostgreSQLEventStore(connectionString, { schema: { autoMigration: 'None' }, connectionOptions: { pool } });
  return {
    store,
    async close() {
      await store.close();
      await pool.end();
    },
  };
}
