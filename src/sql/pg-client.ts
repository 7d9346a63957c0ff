import pg from 'pg';
import type { Row, SqlClient, SqlExecutor, TransactionOptions } from './sql-client.js';

export interface PgClientOptions {
  /** Pool size; one more connection is opened for LISTEN once something subscribes. */
  max?: number;
  connectionTimeoutMillis?: number;
  /** Limits on each statement and each idle moment of a transaction, and the answer's wait ({@link SERVICE_STATEMENT_LIMIT_MS}); none unset. */
  statementLimitMs?: number;
}

/** How often a held lock's connection is checked. */
const LOCK_CHECK_MS = 2_000;

/**
 * The service's limits (`PgClientOptions.statementLimitMs`): how long one statement may run, and a
 * session sit idle inside a transaction, on the server (`statement_timeout`,
 * `idle_in_transaction_session_timeout`), unless its transaction is unbounded. Every statement of the
 * service takes milliseconds (docs/benchmarks.md: p99 under 10 ms), so this is far above any of them
 * on a loaded machine; the long ones (schema changes, a rebuild's batches) run in unbounded
 * transactions. The idle limit ends a transaction whose client is gone (a network cut leaves its
 * session waiting, holding its locks: a stream's, the reference counter's row, which every receipt
 * needs). The tools and the bench set none: their statements (a bulk copy, a whole store verified)
 * may run for minutes.
 */
export const SERVICE_STATEMENT_LIMIT_MS = 10_000;
/**
 * How long the client waits for a statement's answer: the server's own limit and then some. No answer
 * by then means the network to the server is cut (a connection that neither answers nor breaks): the
 * statement fails, the connection is dropped, the request gets its 503.
 */
const answerTimeoutMs = (statementLimitMs: number): number => statementLimitMs + 2_000;
/** TCP keepalive from a connection's first idle 10 s: the system then notices a peer gone for good, also on a connection that waits for nothing. */
const KEEPALIVE_DELAY_MS = 10_000;

/** `pg`'s word for a statement not answered within `query_timeout`. */
const QUERY_READ_TIMEOUT = 'Query read timeout';

/** `SqlClient` over a `pg` pool, for a PostgreSQL server. */
export class PgClient implements SqlClient {
  readonly kind = 'postgres';
  private readonly pool: pg.Pool;
  /** Connections held open (LISTEN, locks), closed with the client. */
  private readonly held = new Set<() => Promise<void>>();
  private readonly connection: pg.ClientConfig;
  /** How long a statement's answer is waited for; unset, as long as it takes. */
  private readonly answerTimeoutMs: number | undefined;

  constructor(connectionString: string, options: PgClientOptions = {}) {
    this.connection = {
      connectionString,
      connectionTimeoutMillis: options.connectionTimeoutMillis ?? 5000,
      keepAlive: true,
      keepAliveInitialDelayMillis: KEEPALIVE_DELAY_MS,
      ...(options.statementLimitMs === undefined ? {} : { statement_timeout: options.statementLimitMs, idle_in_transaction_session_timeout: options.statementLimitMs }),
    };
    this.answerTimeoutMs = options.statementLimitMs === undefined ? undefined : answerTimeoutMs(options.statementLimitMs);
    this.pool = new pg.Pool({ ...this.connection, max: options.max ?? 10 });
    // An idle connection that dies (server restart) must not crash the process; the next query reports it.
    this.pool.on('error', () => undefined);
  }

  /** A statement the client waits its answer timeout for (`pg` reads `query_timeout` from it; its types do not say so). */
  private bounded(text: string, params: readonly unknown[] = []): pg.QueryConfig {
    const statement: pg.QueryConfig & { query_timeout?: number } = { text, values: params as unknown[] };
    if (this.answerTimeoutMs !== undefined) statement.query_timeout = this.answerTimeoutMs;
    return statement;
  }

  /** The error of a statement that got no answer, saying so; others as they are. */
  private explained(error: unknown): unknown {
    if (error instanceof Error && error.message === QUERY_READ_TIMEOUT) {
      return new Error(`the database did not answer within ${this.answerTimeoutMs} ms (the network to it may be cut)`, { cause: error });
    }
    return error;
  }

  async query<R extends Row = Row>(sql: string, params: readonly unknown[] = []): Promise<R[]> {
    // The pool listens for the connection's errors while it runs, and drops a connection that failed.
    return (await this.pool.query<R>(this.bounded(sql, params)).catch((error: unknown) => Promise.reject(this.explained(error)))).rows;
  }

  /**
   * The connection is listened to for errors the whole time it is out of the pool: a connection that
   * breaks emits one, and an error nobody listens to ends the process. A broken connection, or one
   * whose statement got no answer, goes back as broken (the pool drops it) without a ROLLBACK, which
   * could not reach the server: the server rolls back when the session ends.
   */
  async transaction<T>(fn: (tx: SqlExecutor) => Promise<T>, { unbounded = false }: TransactionOptions = {}): Promise<T> {
    const client = await this.pool.connect();
    let broken: Error | undefined;
    let unanswered: unknown;
    const onError = (error: Error): void => void (broken ??= error);
    client.on('error', onError);
    const release = (error?: Error): void => {
      client.release(error);
      client.off('error', onError); // after: the pool listens for errors once it holds the client again
    };
    const run = async <R extends Row>(sql: string, params?: readonly unknown[]): Promise<R[]> => {
      try {
        return (await client.query<R>(unbounded ? { text: sql, values: params as unknown[] } : this.bounded(sql, params))).rows;
      } catch (error) {
        if (error instanceof Error && error.message === QUERY_READ_TIMEOUT) unanswered ??= error;
        throw this.explained(error);
      }
    };
    try {
      await run('BEGIN');
      if (unbounded && this.answerTimeoutMs !== undefined) await run('SET LOCAL statement_timeout = 0; SET LOCAL idle_in_transaction_session_timeout = 0');
      const result = await fn({ query: run });
      await run('COMMIT');
      release();
      return result;
    } catch (error) {
      if (broken || unanswered) release(broken ?? (unanswered as Error));
      else
        await run('ROLLBACK').then(
          () => release(),
          (failed: unknown) => release(failed instanceof Error ? failed : new Error(String(failed))), // the connection is broken: drop it rather than pool it
        );
      throw error;
    }
  }

  /**
   * A dedicated connection, reconnected a second after a loss. Resolves even when the first attempt
   * fails: callers poll as well, so a missing listener only delays them.
   */
  async listen(channel: string, onNotify: (payload?: string) => void): Promise<() => Promise<void>> {
    let active: pg.Client | undefined;
    let retry: NodeJS.Timeout | undefined;
    let stopped = false;
    const lost = (client: pg.Client): void => {
      void client.end().catch(() => undefined);
      if (stopped || (active !== undefined && active !== client)) return;
      active = undefined;
      retry ??= setTimeout(() => {
        retry = undefined;
        void connect();
      }, 1000);
    };
    const connect = async (): Promise<void> => {
      const client = new pg.Client(this.connection);
      client.on('notification', (message) => {
        if (message.channel === channel) onNotify(message.payload);
      });
      client.on('error', () => lost(client));
      client.on('end', () => lost(client));
      try {
        await client.connect();
        await client.query(this.bounded(`LISTEN ${channel}`));
      } catch {
        return lost(client);
      }
      if (stopped) return void (await client.end());
      active = client;
      onNotify(); // whatever was written while nobody listened
    };
    const unlisten = async (): Promise<void> => {
      stopped = true;
      clearTimeout(retry);
      this.held.delete(unlisten);
      await active?.end().catch(() => undefined);
    };
    this.held.add(unlisten);
    await connect();
    return unlisten;
  }

  /**
   * The lock's connection is listened to from the moment it leaves the pool, and checked every
   * `LOCK_CHECK_MS` besides its own error and end events: a network that drops packets silently
   * leaves a connection that never reports its loss.
   */
  async tryLock(name: string, onLost?: (error: Error) => void): Promise<(() => Promise<void>) | undefined> {
    const client = await this.pool.connect();
    let held = false;
    let released = false;
    let lost: Error | undefined;
    let check: NodeJS.Timeout | undefined = undefined; // from when the lock is held
    // The lock died with its connection (PostgreSQL restarted or unreachable, the session terminated):
    // the holder is told, and the process must not crash on the connection's error.
    const lose = (error: Error): void => {
      if (released || lost) return;
      lost = error;
      clearInterval(check);
      if (held) onLost?.(error);
    };
    const ended = (): void => lose(new Error('the connection holding the lock ended'));
    client.on('error', lose);
    client.on('end', ended);
    const back = (broken: Error | undefined): void => {
      released = true;
      clearInterval(check);
      client.off('end', ended);
      client.release(broken);
      client.off('error', lose); // after: the pool listens for errors once it holds the client again
    };
    try {
      const { rows } = await client.query<{ locked: boolean }>(this.bounded('SELECT pg_try_advisory_lock(hashtextextended($1, 0)) AS locked', [name]));
      if (lost) throw lost; // the answer came, then the connection broke: the lock went with it
      if (!rows[0]?.locked) {
        back(undefined);
        return undefined;
      }
    } catch (error) {
      back(error instanceof Error ? error : new Error(String(error)));
      throw this.explained(error);
    }
    held = true;
    check = setInterval(() => {
      const timeout = this.connection.connectionTimeoutMillis!;
      let timer: NodeJS.Timeout | undefined;
      const silent = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`the connection holding the lock did not answer within ${timeout} ms`)), timeout);
      });
      Promise.race([client.query('SELECT 1'), silent]).then(
        () => clearTimeout(timer),
        (error: unknown) => {
          clearTimeout(timer);
          lose(error instanceof Error ? error : new Error(String(error)));
        },
      );
    }, LOCK_CHECK_MS).unref();
    const release = async () => {
      if (released) return;
      released = true;
      this.held.delete(release);
      if (lost) return back(lost);
      await client.query(this.bounded('SELECT pg_advisory_unlock(hashtextextended($1, 0))', [name])).then(
        () => back(undefined),
        (error: unknown) => back(error instanceof Error ? error : new Error(String(error))),
      );
    };
    this.held.add(release);
    return release;
  }

  async close(): Promise<void> {
    await Promise.all([...this.held].map((unlisten) => unlisten()));
    await this.pool.end();
  }
}
