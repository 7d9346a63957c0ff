/**
 * The embedded store (PGlite) from an archive of `npm run backup`, into the configured data folder,
 * which must not exist yet or be empty; then checks what it restored:
 *   npm run -s restore -- --from <file.tar.gz>
 * It prints the events found and verifies every hash chain and seal. An archive that is not a backup,
 * or a damaged one (truncated, corrupt), is refused before anything is written. The archive holds no
 * master key: personal data in the events is sealed with keys that only the backed-up installation's
 * master key opens, so restore that key beside the data (MASTER_KEY, or the file DATA_DIR/master-key
 * in development); the service refuses to start without it. The restored folder (and DATA_DIR, when
 * it makes it) and every file in it are the user's alone; a DATA_DIR already open to others is named
 * in a warning (on stderr), not changed.
 * Exit codes: 0 restored and intact, 1 restored but the integrity check found a mismatch (or the
 * restored store does not open), 2 refused (nothing restored).
 */
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { OWNER_ONLY_UMASK, processIo, readOptions, usageError, type ScriptIo } from './command-line.js';
import { describeReport } from './audit-verify.js';
import { loadConfig } from '../src/config/index.js';
import { openStorage } from '../src/event-store/index.js';
import { BackupArchiveError, PgliteClient } from '../src/sql/pglite-client.js';

const USAGE = 'usage: npm run -s restore -- --from <file.tar.gz>\n';

export async function main(argv: readonly string[], env: NodeJS.ProcessEnv, io: ScriptIo = processIo): Promise<number> {
  const values = readOptions('restore', USAGE, argv, { from: { type: 'string' } }, io);
  if (typeof values === 'number') return values;
  const from = values.from;
  if (!from) return usageError('restore', '--from is required', USAGE, io);
  const { store: target, dataDir } = loadConfig(env);
  if (target.kind !== 'pglite') {
    io.stderr(`restore: the store is ${target.kind}: restore its server (PostgreSQL: pg_restore or point-in-time recovery, see docs/running-at-scale.md)\n`);
    return 2;
  }
  const folder = target.dataDir;
  if (folder === undefined) {
    io.stderr('restore: the embedded store is in memory: nothing to restore\n');
    return 2;
  }
  let archive: Buffer;
  try {
    archive = await readFile(from);
  } catch (error) {
    io.stderr(`restore: refused: cannot read ${from}: ${(error as Error).message}\n`);
    return 2;
  }
  try {
    await (await PgliteClient.restore(folder, archive)).close();
  } catch (error) {
    const what = error instanceof BackupArchiveError ? `${from}: ${error.message}` : (error as Error).message;
    io.stderr(`restore: refused: ${what}; nothing was restored\n`);
    return 2;
  }
  const masterKey = await masterKeyNote(env, dataDir);
  let storage;
  try {
    storage = await openStorage(target);
  } catch (error) {
    io.stderr(`restore: ${from} restored into ${folder}, but it does not open: ${(error as Error).message}\n`);
    return 1;
  }
  try {
    const report = await storage.store.verifyIntegrity!();
    io.stdout(`restore: ${from} restored into ${folder}\n${describeReport(report)}${masterKey}`);
    return report.ok ? 0 : 1;
  } finally {
    await storage.store.close();
  }
}

/** What the operator must restore beside the data: the master key, which no backup holds. */
async function masterKeyNote(env: NodeJS.ProcessEnv, dataDir: string): Promise<string> {
  const file = join(dataDir, 'master-key');
  const note =
    "The archive holds no master key: complainants' personal data opens only with the master key of the installation backed up. " +
    `Restore it beside the data: MASTER_KEY, or in development the file ${file} (copy the old DATA_DIR/master-key there). `;
  if (env.MASTER_KEY?.trim()) return `${note}MASTER_KEY is set: the service checks at start that it opens the restored data keys.\n`;
  if (await stat(file).catch(() => undefined)) return `${note}${file} is there: the service checks at start that it opens the restored data keys.\n`;
  return `${note}Neither is there now: until one is, the service refuses to start on a store holding data keys, rather than generate a new key.\n`;
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.umask(OWNER_ONLY_UMASK);
  process.exitCode = await main(process.argv.slice(2), process.env);
}
