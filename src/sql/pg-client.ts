import pg from 'pg';
import type { Row, SqlClient, SqlExecutor } from './sql-client.js';

export interface PgClientOptions {
  /** Pool size; one more connection is opened for LISTEN once something subscribes. */
  max?: number;
  connectionTimeoutMillis?: number;
}

/** How often a held lock's connection is checked. */
const LOCK_CHECK_MS = 2_000;

/** `SqlClient` over a `pg` pool, for a PostgreSQL server. */
export class PgClient implements SqlClient {
  readonly kind = 'postgres';
  private readonly pool: pg.Pool;
  /** Connections held open (LISTEN, locks), closed with the client. */
  private readonly held = new Set<() => Promise<void>>();

  constructor(
    private readonly connectionString: string,
    private readonly options: PgClientOptions = {},
  ) {
    this.pool = new pg.Pool({
      connectionString,
      max: options.max ?? 10,
      connectionTimeoutMillis: options.connectionTimeoutMillis ?? 5000,
    });
    // An idle connection that dies (server restart) must not crash the process; the next query reports it.
    this.pool.on('error', () => undefined);
  }

  async query<R extends Row = Row>(sql: string, params: readonly unknown[] = []): Promise<R[]> {
    return (await this.pool.query<R>(sql, params as unknown[])).rows;
  }

  async transaction<T>(fn: (tx: SqlExecutor) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      const result = await fn({
        query: async <R extends Row>(sql: string, params: readonly unknown[] = []) =>
          (await client.query<R>(sql, params as unknown[])).rows,
      });
      await client.query('COMMIT');
      client.release();
      return result;
    } catch (error) {
      await client.query('ROLLBACK').then(
        () => client.release(),
        () => client.release(true), // the connection is broken: drop it rather than pool it
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
      const client = new pg.Client({
        connectionString: this.connectionString,
        connectionTimeoutMillis: this.options.connectionTimeoutMillis ?? 5000,
      });
      client.on('notification', (message) => {
        if (message.channel === channel) onNotify(message.payload);
      });
      client.on('error', () => lost(client));
      client.on('end', () => lost(client));
      try {
        await client.connect();
        await client.query(`LISTEN ${channel}`);
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
   * The lock's connection is checked every `LOCK_CHECK_MS` besides its own error and end events: a
   * network that drops packets silently leaves a connection that never reports its loss.
   */
  async tryLock(name: string, onLost?: (error: Error) => void): Promise<(() => Promise<void>) | undefined> {
    const client = await this.pool.connect();
    try {
      const { rows } = await client.query<{ locked: boolean }>('SELECT pg_try_advisory_lock(hashtextextended($1, 0)) AS locked', [name]);
      if (!rows[0]?.locked) {
        client.release();
        return undefined;
      }
    } catch (error) {
      client.release(true);
      throw error;
    }
    let released = false;
    let lost: Error | undefined;
    // The lock died with its connection (PostgreSQL restarted or unreachable, the session terminated):
    // the holder is told, and the process must not crash on the connection's error.
    const lose = (error: Error): void => {
      if (released || lost) return;
      lost = error;
      clearInterval(check);
      onLost?.(error);
    };
    const ended = (): void => lose(new Error('the connection holding the lock ended'));
    client.on('error', lose);
    client.on('end', ended);
    const check = setInterval(() => {
      const timeout = this.options.connectionTimeoutMillis ?? 5000;
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
      clearInterval(check);
      this.held.delete(release);
      const back = (broken: boolean): void => {
        client.off('end', ended);
        client.release(broken);
        client.off('error', lose); // after: the pool listens for errors once it holds the client again
      };
      if (lost) return back(true);
      await client.query('SELECT pg_advisory_unlock(hashtextextended($1, 0))', [name]).then(
        () => back(false),
        () => back(true),
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
