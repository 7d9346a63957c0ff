/**
 * Recomputes every event's hash chain and every seal of the global order, and names the first event
 * that does not match:
 *   npm run -s audit:verify [-- --seal] [--json] [--limit <n>]
 * `--seal` first seals what the service has not sealed yet (it seals every AUDIT_SEAL_INTERVAL_MS
 * while it runs). Keep the printed digest of the latest seal outside the system: a later run that
 * shows another digest for that seal means the database was rewritten. The store comes from the
 * service's configuration (EVENT_STORE, DATABASE_URL...); PGlite opens in one process at a time, so
 * stop the service first there, or ask the running service (GET /audit/verify).
 * It opens the store as it is: a folder or schema holding no store (a mistyped DATA_DIR or
 * DATABASE_SCHEMA), or one this version would first migrate, is refused, nothing created or changed.
 * Exit codes: 0 intact, 1 tampering found, 2 bad arguments, no store, or the store cannot be verified.
 */
import { pathToFileURL } from 'node:url';
import { noStoreRefusal, OWNER_ONLY_UMASK, processIo, readOptions, usageError, type ScriptIo } from './command-line.js';
import { loadConfig } from '../src/config/config.js';
import { openStorage } from '../src/event-store/create-event-store.js';
import type { IntegrityFinding, IntegrityReport } from '../src/event-store/integrity.js';


const USAGE = 'usage: npm run -s audit:verify [-- --seal] [--json] [--limit <n>]\n';

export function describeFinding(f: IntegrityFinding): string {
  const where = [
    f.streamId && `stream ${f.streamId}`,
    f.revision !== undefined && `revision ${f.revision}`,
    f.eventId && `event ${f.eventId}`,
    f.position && `position ${f.position.commit}/${f.position.prepare}`,
    f.seal !== undefined && `seal ${f.seal}`,
  ].filter(Boolean);
  return `[${f.problem}] ${where.join(', ')}: ${f.message}`;
}

export function describeReport(report: IntegrityReport): string {
  const latest = report.seals.latest;
  const lines = [
    `checked ${report.events} events in ${report.streams} streams and ${report.seals.count} seals at ${report.checkedAt}`,
    latest ? `latest seal ${latest.number}: digest ${latest.digest}, sealed ${latest.sealedAt}` : 'no seal yet',
    `${report.unsealedEvents} events not yet sealed`,
  ];
  if (report.ok) return `${[...lines, 'OK: every event matches its hash chain and every seal matches its events'].join('\n')}\n`;
  lines.push(`TAMPERED: the first event that does not match:`, `  ${describeFinding(report.firstMismatch!)}`, `all findings${report.truncated ? ' (first ones)' : ''}:`);
  for (const finding of report.findings) lines.push(`  - ${describeFinding(finding)}`);
  return `${lines.join('\n')}\n`;
}

export async function main(argv: readonly string[], env: NodeJS.ProcessEnv, io: ScriptIo = processIo): Promise<number> {
  const values = readOptions('audit:verify', USAGE, argv, { seal: { type: 'boolean' }, json: { type: 'boolean' }, limit: { type: 'string' } }, io);
  if (typeof values === 'number') return values;
  const limit = values.limit === undefined ? 100 : Number(values.limit);
  if (!Number.isInteger(limit) || limit < 1) return usageError('audit:verify', '--limit must be a whole number from 1', USAGE, io);
  let storage;
  let config;
  try {
    config = loadConfig(env).store;
    // As it is: a mistyped DATA_DIR or DATABASE_SCHEMA must not pass as an intact, empty store.
    storage = await openStorage(config, { create: false });
  } catch (error) {
    io.stderr((config && noStoreRefusal('audit:verify', error, config)) ?? `audit:verify: cannot open the event store: ${(error as Error).message}\n`);
    return 2;
  }
  try {
    const { store } = storage;
    if (!store.verifyIntegrity) {
      io.stderr(`audit:verify: the ${store.kind} event store cannot verify its integrity\n`);
      return 2;
    }
    if (values.seal && store.seal) {
      const seals = await store.seal();
      io.stderr(`sealed ${seals.reduce((n, s) => n + s.eventCount, 0)} events in ${seals.length} new seals\n`);
    }
    const report = await store.verifyIntegrity({ limit });
    io.stdout(values.json ? `${JSON.stringify(report, null, 2)}\n` : describeReport(report));
    return report.ok ? 0 : 1;
  } finally {
    await storage.store.close();
  }
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.umask(OWNER_ONLY_UMASK);
  process.exitCode = await main(process.argv.slice(2), process.env);
}
