/**
 * A copy of the embedded store (PGlite: events, read models, keys of personal data) as one archive:
 *   npm run -s backup -- --to <file.tar.gz> [--force]
 * PGlite opens in one process at a time, so the copy is consistent; while the service runs, it holds
 * the data folder and the backup refuses, naming the service's process: stop it, back up, start it.
 * The archive is written to a temporary file beside `--to` and renamed when complete, so `--to` never
 * holds a partial archive; an existing `--to` is kept unless `--force`.
 * On a PostgreSQL server, use pg_dump or continuous archiving instead (docs/running-at-scale.md).
 * The archive does not hold the master key (MASTER_KEY, or DATA_DIR/master-key in development): keep
 * that apart; without it sealed personal data stays unreadable.
 * A DATA_DIR that holds no store (a mistyped one) is refused: the backup never creates a store.
 * The archive and its temporary file are the user's alone (0600).
 * Exit codes: 0 written; 1 writing failed (nothing left under --to); 2 bad arguments, --to not
 * writable or already there, not an embedded store, no store in DATA_DIR, or the store is in use.
 */
import { randomBytes } from 'node:crypto';
import { link, rename, stat, unlink, writeFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { storeRefusal, OWNER_ONLY_UMASK, processIo, readOptions, usageError, type ScriptIo } from './command-line.js';
import { loadConfig } from '../src/config/index.js';
import { assertEmbeddedStore } from '../src/event-store/index.js';
import { PgliteClient } from '../src/sql/index.js';

const USAGE =
  'usage: npm run -s backup -- --to <file.tar.gz> [--force]\n' +
  '  --force  replace <file.tar.gz> if it exists (without it, an existing file is kept and the backup refused)\n';

export async function main(argv: readonly string[], env: NodeJS.ProcessEnv, io: ScriptIo = processIo): Promise<number> {
  const values = readOptions('backup', USAGE, argv, { to: { type: 'string' }, force: { type: 'boolean' } }, io);
  if (typeof values === 'number') return values;
  if (!values.to) return usageError('backup', '--to is required', USAGE, io);
  const to = resolve(values.to);
  const refusal = await destinationRefusal(to, values.force === true);
  if (refusal) {
    io.stderr(`backup: refused: ${refusal}\n`);
    return 2;
  }
  const { store } = loadConfig(env);
  if (store.kind !== 'pglite') {
    io.stderr(`backup: the store is ${store.kind}: back up its server (PostgreSQL: pg_dump or continuous archiving, see docs/running-at-scale.md)\n`);
    return 2;
  }
  const folder = store.dataDir;
  if (folder === undefined) {
    io.stderr('backup: the embedded store is in memory: nothing to backup\n');
    return 2;
  }
  let client: PgliteClient;
  try {
    assertEmbeddedStore(folder);
    client = await PgliteClient.open(folder);
  } catch (error) {
    io.stderr(storeRefusal('backup', error, store) ?? `backup: refused: ${(error as Error).message}\n`);
    return 2;
  }
  const temporary = join(dirname(to), `.${basename(to)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    const archive = await client.dump();
    await writeFile(temporary, archive, { flag: 'wx', mode: 0o600 });
    if (values.force) await rename(temporary, to);
    else await link(temporary, to); // fails, keeping the file, if one appeared meanwhile
    io.stdout(`backup: ${folder} written to ${to} (${archive.length} bytes); the master key (MASTER_KEY, or DATA_DIR/master-key in development) is not in it: keep it apart\n`);
    return 0;
  } catch (error) {
    const { code, message } = error as NodeJS.ErrnoException;
    io.stderr(code === 'EEXIST' ? `backup: refused: ${to} exists: give --force to replace it\n` : `backup: failed writing ${to}: ${message}; nothing was written there\n`);
    return code === 'EEXIST' ? 2 : 1;
  } finally {
    await unlink(temporary).catch(() => undefined);
    await client.close();
  }
}

/** Why the archive cannot go to `to`, checked before the store is opened: its folder is missing, or it exists without `--force`. */
async function destinationRefusal(to: string, force: boolean): Promise<string | undefined> {
  const folder = await stat(dirname(to)).catch(() => undefined);
  if (!folder?.isDirectory()) return `the folder of --to, ${dirname(to)}, does not exist: create it first, or write the archive elsewhere`;
  const existing = await stat(to).catch(() => undefined);
  if (existing?.isDirectory()) return `${to} is a folder: give the archive's file name`;
  if (existing && !force) return `${to} exists: give --force to replace it`;
  return undefined;
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.umask(OWNER_ONLY_UMASK);
  process.exitCode = await main(process.argv.slice(2), process.env);
}
