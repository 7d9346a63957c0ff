import type { SqlClient } from '../sql/index.js';

/**
 * The SQL database that holds the read models and the service's other tables (checkpoints,
 * personal-data keys, the access log, the notice leases, the Idempotency-Key bindings): the event
 * store's own database on PostgreSQL and PGlite, a database of its own beside EventStoreDB. Nothing
 * here depends on where the events are kept.
 */
export interface ReadModelDatabase {
  sql: SqlClient;
  schema: string;
  /** The schema quoted, for statements: `${s}.complaint_list`. */
  s: string;
}

export function readModelDatabase(sql: SqlClient, schema: string): ReadModelDatabase {
  return { sql, schema, s: `"${schema}"` };
}

/** Injection token of the {@link ReadModelDatabase}. */
export const READ_MODELS = Symbol('ReadModelDatabase');
