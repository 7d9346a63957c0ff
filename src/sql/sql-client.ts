/**
 * The little the event store needs from a PostgreSQL driver, so that its SQL is written once and
 * runs on a server (`pg`) and embedded (PGlite) alike.
 */
export type Row = Record<string, unknown>;

export interface SqlExecutor {
  /** One statement, `$1`-style parameters. Values come back as the driver parses them. */
  query<R extends Row = Row>(sql: string, params?: readonly unknown[]): Promise<R[]>;
}

export interface SqlClient extends SqlExecutor {
  readonly kind: 'postgres' | 'pglite';
  /** Runs `fn` in a READ COMMITTED transaction: committed when it resolves, rolled back when it throws. */
  transaction<T>(fn: (tx: SqlExecutor) => Promise<T>): Promise<T>;
  /**
   * Calls `onNotify` with the payload of each NOTIFY to `channel` (a lower-case identifier), and
   * without one whenever notifications may have been missed (a reconnect). Resolves to an unlisten.
   */
  listen(channel: string, onNotify: (payload?: string) => void): Promise<() => Promise<void>>;
  /**
   * Takes a session-level advisory lock named `name` on a connection held for it, if no other
   * session holds it. Resolves to its release, or undefined when taken elsewhere. The lock goes with
   * the connection: a process that dies releases it, and so does a connection that breaks (the
   * server restarted or unreachable, the session terminated), after which another session may take
   * it. `onLost` is called once when that happens: the holder no longer holds the lock (its release
   * then only drops the connection).
   */
  tryLock(name: string, onLost?: (error: Error) => void): Promise<(() => Promise<void>) | undefined>;
  close(): Promise<void>;
}

/** The SQLSTATE of a driver error (both drivers expose it as `code`). */
export function sqlState(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

export const UNIQUE_VIOLATION = '23505';

/**
 * Runs `fn`'s schema changes in one transaction, under one advisory lock per schema (`s`, quoted).
 * `CREATE ... IF NOT EXISTS` is not safe when two sessions run it at once: both find nothing and
 * one fails on the catalog's unique index. That happens when parts of one service (projections,
 * notice sender) or several nodes start together.
 */
export function changeSchema<T>(sql: SqlClient, s: string, fn: (tx: SqlExecutor) => Promise<T>): Promise<T> {
  return sql.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`schema changes ${s}`]);
    return fn(tx);
  });
}
