import { existsSync } from 'node:fs';
import { readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { PGlite } from '@electric-sql/pglite';
import { lockDataFolder } from './folder-lock.js';
import { keepToOwner, makeOwnerOnlyFolder, warnIfParentOpen } from './owner-only.js';
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

  /** Whether `dataDir` holds an embedded database (its PG_VERSION), so that opening it creates none. */
  static holdsStore(dataDir: string): boolean {
    return existsSync(join(dataDir, 'PG_VERSION'));
  }

  /**
   * Data under `dataDir` (created if missing: see {@link holdsStore}), or in memory without one. A
   * data folder is locked for this process until `close`: another process opening it gets a
   * `DataFolderInUseError`. The folder and every file in it are the owner's alone (PGlite writes its
   * files as 0666): made so, and tightened again when an earlier version left them open. A folder
   * holding it (DATA_DIR) that is open to others is named in a process warning, not changed.
   */
  static async open(dataDir?: string): Promise<PgliteClient> {
    if (dataDir === undefined) return new PgliteClient(await PGlite.create({}), () => undefined);
    await makeOwnerOnlyFolder(dataDir);
    const unlock = lockDataFolder(dataDir);
    try {
      const db = await PGlite.create({ dataDir });
      await Promise.all([keepToOwner(dataDir), warnIfParentOpen(dataDir)]).catch(async (error: unknown) => {
        await db.close();
        throw error;
      });
      return new PgliteClient(db, unlock);
    } catch (error) {
      unlock();
      throw error;
    }
  }

  /**
   * A new data folder `dataDir` from an archive of {@link dump}, opened and locked like {@link open}.
   * Refuses a folder that holds anything: a restore never mixes with or overwrites a store. Refuses
   * (`BackupArchiveError`) an archive that is not one of {@link dump} or is damaged before writing
   * anything; whatever a failed restore wrote (the folder too, when it made it) is removed again.
   * The folder (and its missing parents) and every file restored are the owner's alone.
   */
  static async restore(dataDir: string, archive: Uint8Array): Promise<PgliteClient> {
    if ((await readdir(dataDir).catch(() => [])).length > 0) throw new Error(`${dataDir} is not empty: restore into a fresh folder`);
    const tar = dataFolderTar(archive);
    const made = await makeOwnerOnlyFolder(dataDir);
    const unlock = lockDataFolder(dataDir);
    try {
      // The archive unpacked already: PGlite's own gunzip would fail outside the promise it returns.
      const db = await PGlite.create({ dataDir, loadDataDir: new Blob([tar]) });
      await Promise.all([keepToOwner(dataDir), warnIfParentOpen(dataDir)]).catch(async (error: unknown) => {
        await db.close();
        throw error;
      });
      return new PgliteClient(db, unlock);
    } catch (error) {
      unlock();
      if (made !== undefined) await rm(made, { recursive: true, force: true });
      else for (const entry of await readdir(dataDir)) await rm(join(dataDir, entry), { recursive: true, force: true });
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

/** An archive that is no backup of an embedded store ({@link PgliteClient.dump}), or a damaged one. */
export class BackupArchiveError extends Error {
  override readonly name = 'BackupArchiveError';
}

/**
 * The tar inside an archive of {@link PgliteClient.dump}: a gzipped tar of a PostgreSQL data folder
 * (its `PG_VERSION` among the files). Throws `BackupArchiveError` saying which it is not.
 */
function dataFolderTar(archive: Uint8Array): Uint8Array {
  if (archive[0] !== 0x1f || archive[1] !== 0x8b) throw new BackupArchiveError('it is not a backup archive (not gzip-compressed, as `npm run backup` writes them)');
  let tar: Buffer;
  try {
    tar = gunzipSync(archive);
  } catch (error) {
    throw new BackupArchiveError(`the archive is damaged (truncated or corrupt: ${(error as Error).message})`);
  }
  for (let at = 0; at + 512 <= tar.length; ) {
    const header = tar.subarray(at, at + 512);
    if (header.every((byte) => byte === 0)) break;
    if (header.toString('latin1', 257, 262) !== 'ustar') break;
    const name = header.toString('utf8', 0, 100).replace(/\0.*$/s, '');
    if (name.replace(/^\//, '') === 'PG_VERSION') return tar;
    const size = parseInt(header.toString('latin1', 124, 136).replace(/\0.*$/s, '').trim() || '0', 8);
    at += 512 + Math.ceil(size / 512) * 512;
  }
  throw new BackupArchiveError('it is not a backup archive of the embedded store (no PostgreSQL data folder in it)');
}
