import type { StoredEvent } from '../event-store/event-store.js';
import type { SqlExecutor } from '../event-store/postgres/sql-client.js';

/** A read model kept in PostgreSQL tables, fed the global event order in batches. */
export interface Projection {
  readonly name: string;
  /** Creates the projection's tables if missing (idempotent). `s` is the quoted schema name. */
  migrate(sql: SqlExecutor, s: string): Promise<void>;
  /** Applies a batch inside the runner's transaction, which also moves the checkpoint. */
  apply(tx: SqlExecutor, s: string, events: StoredEvent[]): Promise<void>;
}
