/**
 * The embedded store (PGlite) from an archive of `npm run backup`, into the configured data folder,
 * which must not exist yet or be empty; then checks what it restored:
 *   npm run -s restore -- --from <file.tar.gz>
 * It prints the events found and verifies every hash chain and seal. Personal data in the events is
 * sealed with keys that MASTER_KEY opens: start the service with the MASTER_KEY of the backed-up one.
 * Exit codes: 0 restored and intact, 1 restored but the integrity check found a mismatch, 2 refused.
 */
import { readFile } from 'node:fs/promises';
import { pathToFileURL } from 'node:url';
import { processIo, readOptions, usageError, type ScriptIo } from './command-line.js';
import { describeReport } from './audit-verify.js';
import { loadConfig } from '../src/config/index.js';
import { openStorage } from '../src/event-store/index.js';
import { PgliteClient } from '../src/sql/index.js';

const USAGE = 'usage: npm run -s restore -- --from <file.tar.gz>\n';

export async function main(argv: readonly string[], env: NodeJS.ProcessEnv, io: ScriptIo = processIo): Promise<number> {
  const values = readOptions('restore', USAGE, argv, { from: { type: 'string' } }, io);
  if (typeof values === 'number') return values;
  const from = values.from;
  if (!from) return usageError('restore', '--from is required', USAGE, io);
  const { store: target } = loadConfig(env);
  if (target.kind !== 'pglite') {
    io.stderr(`restore: the store is ${target.kind}: restore its server (PostgreSQL: pg_restore or point-in-time recovery, see docs/running-at-scale.md)\n`);
    return 2;
  }
  const folder = target.dataDir;
  if (folder === undefined) {
    io.stderr('restore: the embedded store is in memory: nothing to restore\n');
    return 2;
  }
  try {
    await (await PgliteClient.restore(folder, await readFile(from))).close();
  } catch (error) {
    io.stderr(`restore: refused: ${(error as Error).message}\n`);
    return 2;
  }
  const { store } = await openStorage(target);
  try {
    const report = await store.verifyIntegrity!();
    io.stdout(`restore: ${from} restored into ${folder}\n${describeReport(report)}`);
    return report.ok ? 0 : 1;
  } finally {
    await store.close();
  }
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = await main(process.argv.slice(2), process.env);
}
