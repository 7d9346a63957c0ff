import { mkdir, readdir } from 'node:fs/promises';
import { PGlite } from '@electric-sql/pglite';
import { lockDataFolder } from './folder-lock.js';
import type { Row, SqlClient, SqlExecutor } from './sql-client.js';

/**
 * `SqlClient` over embedded PostgreSQL (PGlite): one connection, on which PGlite serialises
 * queries and transactions (a query waits for a running transaction instead of joining it).
 */
export class PgliteClient implements SqlClient {
  readonly kind = 'pglite';

  private constructor(
    private readonly db: PGlite,
    private readonly unlock: () => void,
  ) {}

  /**
   * Data under `dataDir` (created if missing), or in memory without one. A data folder is locked
   * for this process until `close`: another process opening it gets a `DataFolderInUseError`.
   */
  static async open(dataDir?: string): Promise<PgliteClient> {
    if (dataDir === undefined) return new PgliteClient(await PGlite.create({}), () => undefined);
    await mkdir(dataDir, { recursive: true });
    const unlock = lockDataFolder(dataDir);
    try {
      return new PgliteClient(await PGlite.create({ dataDir }), unlock);
    } catch (error) {
      unlock();
      throw error;
    }
  }

  /**
   * A new data folder `dataDir` from an archive of {@link dump}, opened and locked like {@link open}.
   * Refuses a folder that holds anything: a restore never mixes with or overwrites a store.
   */
  static async restore(dataDir: string, archive: Uint8Array): Promise<PgliteClient> {
    if ((await readdir(dataDir).catch(() => [])).length > 0) throw new Error(`${dataDir} is not empty: restore into a fresh folder`);
    await mkdir(dataDir, { recursive: true });
    const unlock = lockDataFolder(dataDir);
    try {
      return new PgliteClient(await PGlite.create({ dataDir, loadDataDir: new Blob([archive]) }), unlock);
    } catch (error) {
      unlock();
      throw error;
    }
  }

  /** The whole data folder as a gzipped tar archive, consistent: nothing else writes while this process holds the folder. */
  async dump(): Promise<Uint8Array> {
    return new Uint8Array(await (await this.db.dumpDataDir('gzip')).arrayBuffer());
  }

  async query<R extends Row = Row>(sql: string, params: readonly unknown[] = []): Promise<R[]> {
    return (await this.db.query<R>(sql, [...params])).rows;
  }

  transaction<T>(fn: (tx: SqlExecutor) => Promise<T>): Promise<T> {
    return this.db.transaction((tx) =>
      fn({ query: async <R extends Row>(sql: string, params: readonly unknown[] = []) => (await tx.query<R>(sql, [...params])).rows }),
    );
  }

  async listen(channel: string, onNotify: (payload?: string) => void): Promise<() => Promise<void>> {
    const unlisten = await this.db.listen(channel, onNotify);
    return async () => {
      if (!this.db.closed) await unlisten();
    };
  }

  /** One process opens the embedded database at a time (its folder is locked), so it always holds its locks. */
  async tryLock(_name: string): Promise<() => Promise<void>> {
    return async () => undefined;
  }

  async close(): Promise<void> {
    if (!this.db.closed) await this.db.close();
    this.unlock();
  }
}
