/**
 * A copy of the embedded store (PGlite: events, read models, keys of personal data) as one archive:
 *   npm run -s backup -- --to <file.tar.gz>
 * PGlite opens in one process at a time, so the copy is consistent; while the service runs, it holds
 * the data folder and the backup refuses, naming the service's process: stop it, back up, start it.
 * On a PostgreSQL server, use pg_dump or continuous archiving instead (docs/running-at-scale.md).
 * The archive does not hold MASTER_KEY: keep that apart; without it sealed personal data stays unreadable.
 * Exit codes: 0 written, 2 bad arguments, not an embedded store, or the store is in use.
 */
import { writeFile } from 'node:fs/promises';
import { pathToFileURL } from 'node:url';
import { processIo, readOptions, usageError, type ScriptIo } from './command-line.js';
import { loadConfig } from '../src/config/index.js';
import { PgliteClient } from '../src/sql/index.js';

const USAGE = 'usage: npm run -s backup -- --to <file.tar.gz>\n';

export async function main(argv: readonly string[], env: NodeJS.ProcessEnv, io: ScriptIo = processIo): Promise<number> {
  const values = readOptions('backup', USAGE, argv, { to: { type: 'string' } }, io);
  if (typeof values === 'number') return values;
  if (!values.to) return usageError('backup', '--to is required', USAGE, io);
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
    client = await PgliteClient.open(folder);
  } catch (error) {
    io.stderr(`backup: refused: ${(error as Error).message}\n`);
    return 2;
  }
  try {
    const archive = await client.dump();
    await writeFile(values.to, archive);
    io.stdout(`backup: ${folder} written to ${values.to} (${archive.length} bytes); MASTER_KEY is not in it: keep it apart\n`);
    return 0;
  } finally {
    await client.close();
  }
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = await main(process.argv.slice(2), process.env);
}
