/**
 * The little the event store needs from a PostgreSQL driver, so that its SQL is written once and
 * runs on a server (`pg`) and embedded (PGlite) alike.
 */
export type Row = Record<string, unknown>;

export interface SqlExecutor {
  /** One statement, `$1`-style parameters. Values come back as the driver parses them. */
  query<R extends Row = Row>(sql: string, params?: readonly unknown[]): Promise<R[]>;
}

export interface TransactionOptions {
  /**
   * For statements that may legitimately run for minutes (schema changes, a rebuild's batches): no
   * limit on how long a statement runs or the transaction waits between statements. Otherwise a
   * statement of the service on a server gets `SERVICE_STATEMENT_LIMIT_MS` (pg-client.ts).
   */
  unbounded?: boolean;
}

export interface SqlClient extends SqlExecutor {
  readonly kind: 'postgres' | 'pglite';
  /** Runs `fn` in a READ COMMITTED transaction: committed when it resolves, rolled back when it throws. */
  transaction<T>(fn: (tx: SqlExecutor) => Promise<T>, options?: TransactionOptions): Promise<T>;
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
 * Connection exceptions (class 08, but a protocol violation), the server shutting down or starting (57P01–57P03), too many
 * connections (53300), a session ended for waiting too long inside a transaction (25P03: the process stalled, or the network to it).
 */
const UNAVAILABLE_STATE = /^(080\d\d|57P0[123]|53300|25P03)$/;
/** The system's words for a network that does not reach the server. */
const UNREACHABLE = new Set(['ECONNREFUSED', 'ECONNRESET', 'ECONNABORTED', 'ETIMEDOUT', 'EHOSTUNREACH', 'EHOSTDOWN', 'ENETUNREACH', 'ENETDOWN', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN']);
/** What `pg` says, without a code, when it cannot connect, the connection broke, or a statement got no answer (pg-client.ts). */
const BROKEN_CONNECTION =
  /^(Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|Client was closed and is not queryable|Cannot use a pool after calling end|Query read timeout|the database did not answer within)/;

/**
 * Whether `error` (or what caused it) says the database cannot be reached right now: the server is
 * down, restarting or refusing connections, the network does not reach it, or the connection broke.
 * A passing condition of the infrastructure, not a defect: worth trying again shortly.
 */
export function databaseUnreachable(error: unknown): boolean {
  // Duck-typed, not `instanceof`: the driver's and Node's errors may come from another realm (a test's VM).
  for (let cause = error, depth = 0; typeof cause === 'object' && cause !== null && depth < 5; cause = (cause as { cause?: unknown }).cause, depth++) {
    const code = sqlState(cause);
    if (code !== undefined && (UNAVAILABLE_STATE.test(code) || UNREACHABLE.has(code))) return true;
    const { message, errors } = cause as { message?: unknown; errors?: unknown };
    if (typeof message === 'string' && BROKEN_CONNECTION.test(message)) return true;
    // Node tries each address of a host name: an AggregateError of one failure per address.
    if (Array.isArray(errors) && errors.length > 0 && errors.every((each) => databaseUnreachable(each))) return true;
  }
  return false;
}

/**
 * Runs `fn`'s schema changes in one transaction, under one advisory lock per schema (`s`, quoted).
 * `CREATE ... IF NOT EXISTS` is not safe when two sessions run it at once: both find nothing and
 * one fails on the catalog's unique index. That happens when parts of one service (projections,
 * notice sender) or several nodes start together.
 */
export function changeSchema<T>(sql: SqlClient, s: string, fn: (tx: SqlExecutor) => Promise<T>): Promise<T> {
  // Unbounded: a migration may rewrite a large table, and a node waits here for another's to finish.
  return sql.transaction(
    async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`schema changes ${s}`]);
      return fn(tx);
    },
    { unbounded: true },
  );
}
