import type { StoredEvent } from '../event-store/event-store.js';
import type { SqlExecutor } from '../event-store/postgres/sql-client.js';

/**
 * A read model kept in PostgreSQL tables, fed the global event order in batches. Every statement
 * names its tables through `s` (the quoted schema): a rebuild runs the same code in a fresh schema
 * and swaps the finished tables in.
 */
export interface Projection {
  readonly name: string;
  /** The tables `migrate` creates (unquoted names); a rebuild moves exactly these. */
  readonly tables: readonly string[];
  /** Creates the projection's tables and indexes if missing (idempotent). */
  migrate(sql: SqlExecutor, s: string): Promise<void>;
  /** Applies a batch inside the runner's transaction, which also moves the checkpoint. */
  apply(tx: SqlExecutor, s: string, events: StoredEvent[]): Promise<void>;
}
