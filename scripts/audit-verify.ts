/**
 * Recomputes every event's hash chain and every seal of the global order, and names the first event
 * that does not match; then rebuilds every read model from the events into a scratch schema (up to the
 * checkpoint the live tables are at) and names each row that differs from them:
 *   npm run -s audit:verify [-- --seal] [--json] [--limit <n>] [--chains-only]
 * `--chains-only` leaves the read models out: their comparison takes about as long as
 * `npm run projections:rebuild`, where the chains take a read of the store.
 * `--seal` first seals what the service has not sealed yet (it seals every AUDIT_SEAL_INTERVAL_MS
 * while it runs). Keep the printed digest of the latest seal outside the system: a later run that
 * shows another digest for that seal means the database was rewritten. The store comes from the
 * service's configuration (EVENT_STORE, DATABASE_URL...); PGlite opens in one process at a time, so
 * stop the service first there, or ask the running service (GET /audit/verify).
 * It opens the store as it is: a folder or schema holding no store (a mistyped DATA_DIR or
 * DATABASE_SCHEMA), or one this version would first migrate, is refused, nothing created or changed.
 * The access log beside the store is verified too (its hash chain and head; keep the printed head
 * outside the system, as the seal's digest).
 * Exit codes: 0 intact, 1 tampering found (events, seals, read models or the access log), 2 bad arguments, no store, or the store cannot be verified.
 */
import { pathToFileURL } from 'node:url';
import { storeRefusal, OWNER_ONLY_UMASK, processIo, readOptions, usageError, type ScriptIo } from './command-line.js';
import { loadConfig } from '../src/config/config.js';
import { openStorage } from '../src/event-store/create-event-store.js';
import type { IntegrityFinding, IntegrityReport, NamedEvent } from '../src/event-store/integrity.js';
import { nameReport } from '../src/audit/name-findings.js';
import { accessLogState, verifyAccessLog } from '../src/audit/access-log.js';
import type { AccessLogIntegrity } from '../src/audit/access-log-chain.js';
import type { SqlClient } from '../src/sql/index.js';
import { ProjectionRunner, readModelsFor, type ReadModelComparison } from '../src/projections/index.js';

/** The access log beside the store, verified; `state` says when there is none, or none chained yet (nothing is changed here). */
async function verifyAccessLogOf(sql: SqlClient, schema: string, limit: number): Promise<AccessLogIntegrity | { ok: null; state: 'absent' | 'unchained' }> {
  const state = await accessLogState(sql, schema);
  return state === 'chained' ? verifyAccessLog(sql, `"${schema}"`, limit) : { ok: null, state };
}

export function describeAccessLog(report: AccessLogIntegrity | { ok: null; state: 'absent' | 'unchained' }): string {
  if (report.ok === null) {
    return report.state === 'absent'
      ? 'access log: none (no service has answered from this store)\n'
      : 'access log: not chained yet (written by an earlier version): the service of this version chains it when it starts\n';
  }
  const head = report.head ? `head: entry ${report.head.entry ?? 'none'}, hash ${report.head.hash}` : 'its head record is gone';
  const lines = [`access log: checked ${report.entries} entries; ${head}`];
  if (report.ok) return `${[...lines, 'OK: every access-log entry matches its hash chain, up to the head'].join('\n')}\n`;
  lines.push(`ACCESS LOG TAMPERED: entries were deleted, altered or inserted${report.truncated ? ' (the first findings)' : ''}:`);
  for (const f of report.findings) lines.push(`  - [${f.problem}] ${f.message}`);
  return `${lines.join('\n')}\n`;
}

const USAGE = 'usage: npm run -s audit:verify [-- --seal] [--json] [--limit <n>] [--chains-only]\n';

/** An event as a person looks for it: the case's reference, the revision, what happened and when it was recorded. */
function describeEvent(e: NamedEvent): string {
  const what = [e.type, e.recordedAt && `recorded ${e.recordedAt}`].filter(Boolean).join(', ');
  return `${e.caseReference ? `case ${e.caseReference}` : `stream ${e.streamId}`} revision ${e.revision}${what ? ` (${what})` : ''}`;
}

export function describeFinding(f: IntegrityFinding): string {
  const where = [
    f.caseReference && `case ${f.caseReference}`,
    f.streamId && `stream ${f.streamId}`,
    f.revision !== undefined && `revision ${f.revision}`,
    f.type && `${f.type}`,
    f.recordedAt && `recorded ${f.recordedAt}`,
    f.eventId && `event ${f.eventId}`,
    f.position && `position ${f.position.commit}/${f.position.prepare}`,
    f.seal !== undefined && `seal ${f.seal}`,
  ].filter(Boolean);
  const covers = f.events && f.events.length > 0 ? `\n      covering: ${f.events.map(describeEvent).join('; ')}` : '';
  return `[${f.problem}] ${where.join(', ')}: ${f.message}${covers}`;
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

export function describeReadModels(c: ReadModelComparison): string {
  const compared = c.readModels.filter((r) => r.compared);
  const lines = [`read models: ${compared.length} compared with a rebuild from the events up to their checkpoints (${c.events} events read)`];
  for (const r of c.readModels.filter((m) => !m.compared)) lines.push(`  ${r.name}: ${r.note}`);
  if (c.ok) return `${[...lines, 'OK: every read-model row matches the events'].join('\n')}\n`;
  const count = c.readModels.reduce((n, r) => n + r.differences, 0);
  lines.push(`READ MODELS ALTERED: ${count} rows differ from what the events give (${c.readModels.filter((r) => r.differences > 0).map((r) => `${r.name}: ${r.differences}`).join(', ')})${c.truncated ? '; the first ones' : ''}:`);
  for (const d of c.differences) lines.push(`  - ${d.message}`);
  return `${lines.join('\n')}\n`;
}

export async function main(argv: readonly string[], env: NodeJS.ProcessEnv, io: ScriptIo = processIo): Promise<number> {
  const values = readOptions('audit:verify', USAGE, argv, { seal: { type: 'boolean' }, json: { type: 'boolean' }, limit: { type: 'string' }, 'chains-only': { type: 'boolean' } }, io);
  if (typeof values === 'number') return values;
  const limit = values.limit === undefined ? 100 : Number(values.limit);
  if (!Number.isInteger(limit) || limit < 1) return usageError('audit:verify', '--limit must be a whole number from 1', USAGE, io);
  let storage;
  let config;
  let appConfig;
  try {
    appConfig = loadConfig(env);
    config = appConfig.store;
    // As it is: a mistyped DATA_DIR or DATABASE_SCHEMA must not pass as an intact, empty store.
    storage = await openStorage(config, { create: false });
  } catch (error) {
    io.stderr((config && storeRefusal('audit:verify', error, config)) ?? `audit:verify: cannot open the event store: ${(error as Error).message}\n`);
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
    const report = await nameReport(store, await store.verifyIntegrity({ limit }));
    if (!values.json) io.stdout(describeReport(report));
    const accessLog = await verifyAccessLogOf(storage.sql, storage.schema, limit);
    if (!values.json) io.stdout(describeAccessLog(accessLog));
    let readModels: ReadModelComparison | null = null;
    if (!values['chains-only']) {
      try {
        readModels = await new ProjectionRunner(store, storage.sql, readModelsFor(appConfig), storage.schema).compareWithEvents(limit);
      } catch (error) {
        // A role without CREATE on the database, say: the events were verified, the read models could not be.
        io.stderr(`audit:verify: the read models could not be compared with the events: ${(error as Error).message} (--chains-only verifies the events and seals alone)\n`);
        return report.ok && accessLog.ok !== false ? 2 : 1;
      }
      if (!values.json) io.stdout(describeReadModels(readModels));
    } else if (!values.json) {
      io.stdout('read models: not compared (--chains-only)\n');
    }
    if (values.json) io.stdout(`${JSON.stringify({ ...report, readModels, accessLog }, null, 2)}\n`);
    return report.ok && readModels?.ok !== false && accessLog.ok !== false ? 0 : 1;
  } finally {
    await storage.store.close();
  }
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.umask(OWNER_ONLY_UMASK);
  process.exitCode = await main(process.argv.slice(2), process.env);
}
