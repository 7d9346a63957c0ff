/**
 * Writes an evidence export (JSON, CSV and printable HTML per case, and a summary for the period):
 *   npm run -s audit:export -- --case <id or reference, 2026-000123> [--out <dir>]
 *   npm run -s audit:export -- --request <id> [--out <dir>]
 *   npm run -s audit:export -- --quarter 2026-Q3 [--out <dir>]
 * Options: --role <role> (default auditor; repeatable), --actor <id> (default cli:<user>), --name <name>,
 * --department <d>, --reason <text>. The complaint's personal data is in the export only when that
 * role may see it (as in the API: those who handle the case now), or for an auditor who gives a
 * --reason (a break-glass export: the reason is logged with each case); each case exported is written
 * to the access log under the actor. A quarter holds the cases received in it (business time, in the
 * calendar's time zone), and the improvement requests filed in it, each exported like a case (a request holds
 * no complainant's personal data). The default directory is ./audit-export/<case id, request id or quarter>.
 * The store is opened as it is: a DATA_DIR or DATABASE_SCHEMA holding no store is refused, nothing
 * created. What it writes is the user's alone (folders 0700, files 0600): it may hold personal data.
 * A case whose stored history is damaged (a revision missing, events out of order or altered) is exported
 * with its events as stored and what was found, named on stderr; the export goes on with the others.
 * Exit codes: 0 written, 1 failed (no such case or request, store unreachable), 2 bad arguments or no store there.
 */
import { userInfo } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseQuarter } from '../projections/iso10002.js';
import { AccessLog } from '../src/audit/access-log.js';
import { caseFileName, directoryFiles, writeEvidenceExport, type ExportScope } from '../src/audit/export/write-export.js';
import { isId } from '../src/http/index.js';
import { isRole, ROLES, type Actor, type Role } from '../src/auth/actor.js';
import { ACCESS_REASON_RULE, isAccessReason, mayBreakGlass } from '../domain/access.js';
import { loadConfig } from '../src/config/config.js';
import { openStorage } from '../src/event-store/create-event-store.js';
import { openCodec } from '../src/personal-data/index.js';
import { loadMasterKey } from '../src/personal-data/master-key.js';
import { storeRefusal, OWNER_ONLY_UMASK, processIo, readOptions, usageError, type ScriptIo } from './command-line.js';

const USAGE =
  'usage: npm run -s audit:export -- (--case <id> | --request <id> | --quarter <yyyy-Qn>) [--out <dir>] [--role <role>] [--actor <id>] [--name <name>] [--department <d>] [--reason <text>]\n' +
  `roles: ${ROLES.join(', ')}\n`;


function currentUser(): string {
  try {
    return userInfo().username;
  } catch {
    return 'unknown';
  }
}

export async function main(argv: readonly string[], env: NodeJS.ProcessEnv, io: ScriptIo = processIo): Promise<number> {
  const values = readOptions('audit:export', USAGE, argv, {
    case: { type: 'string' },
    request: { type: 'string' },
    quarter: { type: 'string' },
    out: { type: 'string' },
    role: { type: 'string', multiple: true },
    actor: { type: 'string' },
    name: { type: 'string' },
    department: { type: 'string' },
    reason: { type: 'string' },
  }, io);
  if (typeof values === 'number') return values;
  const fail = (message: string) => usageError('audit:export', message, USAGE, io);
  if ([values.case, values.request, values.quarter].filter((v) => v !== undefined).length !== 1) {
    return fail('give --case <id>, --request <id> or --quarter <yyyy-Qn>, one of them');
  }
  let scope: ExportScope;
  let name: string;
  if (values.case !== undefined) {
    if (!isId(values.case)) return fail('--case must be a complaint id (1 to 64 letters, digits or dashes) or its reference (2026-000123)');
    scope = { complaintId: values.case };
    name = caseFileName(values.case);
  } else if (values.request !== undefined) {
    if (!isId(values.request)) return fail('--request must be an improvement request id: 1 to 64 letters, digits or dashes');
    scope = { requestId: values.request };
    name = caseFileName(values.request);
  } else {
    const quarter = parseQuarter(values.quarter!);
    if (!quarter) return fail(`--quarter must be a quarter such as 2026-Q3, not "${values.quarter}"`);
    scope = { quarter };
    name = values.quarter!;
  }
  const roles = values.role ?? ['auditor'];
  const unknown = roles.filter((role) => !isRole(role));
  if (unknown.length > 0) return fail(`unknown role ${unknown.join(', ')}`);
  const actorId = values.actor?.trim() || `cli:${currentUser()}`;
  const actor: Actor = {
    id: actorId,
    name: values.name ?? actorId,
    roles: [...new Set(roles)] as Role[],
    ...(values.department === undefined ? {} : { department: values.department }),
  };

  const reason = values.reason?.trim();
  if (reason !== undefined) {
    if (!mayBreakGlass(actor)) return fail('--reason asks for a break-glass export, which is for auditors (--role auditor)');
    if (!isAccessReason(reason)) return fail(`--reason ${ACCESS_REASON_RULE}`);
  }

  let config;
  let storage;
  try {
    config = loadConfig(env);
    storage = await openStorage(config.store, { create: false });
  } catch (error) {
    const refusal = config && storeRefusal('audit:export', error, config.store);
    io.stderr(refusal ?? `audit:export: cannot open the event store: ${(error as Error).message}\n`);
    return refusal ? 2 : 1;
  }
  try {
    const accessLog = await AccessLog.open(storage.sql, `"${storage.schema}"`);
    const { codec } = await openCodec(storage, await loadMasterKey(env, config));
    const manifest = await writeEvidenceExport(storage.store, codec, accessLog, config, { scope, actor, reason }, directoryFiles(values.out ?? join('audit-export', name)), new Date());
    const store = manifest.summary.store;
    io.stdout(
      `wrote ${manifest.cases.length} case${manifest.cases.length === 1 ? '' : 's'} and ${manifest.requests.length} improvement request${manifest.requests.length === 1 ? '' : 's'} (${manifest.files.length} files) to ${manifest.destination}; open index.html\n` +
        `personal data: ${manifest.summary.breakGlassReason !== undefined ? 'shown by a break-glass read' : manifest.summary.personalDataShown ? 'shown' : 'redacted'} (roles ${actor.roles.join(', ')})\n` +
        (store ? `store integrity: ${store.ok ? 'OK' : `TAMPERED: ${store.firstMismatch?.message ?? ''}`}${store.seals.latest ? `; latest seal ${store.seals.latest.number} digest ${store.seals.latest.digest}` : ''}\n` : ''),
    );
    // Exported as stored, not replayed; every other case as usual.
    for (const damaged of manifest.summary.historyDamaged) {
      io.stderr(`audit:export: complaint ${damaged.complaintId}: history damaged, its events exported as stored: ${damaged.found}\n`);
    }
    return 0;
  } catch (error) {
    io.stderr(`audit:export: ${(error as Error).message}\n`);
    return 1;
  } finally {
    await storage.store.close();
  }
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.umask(OWNER_ONLY_UMASK);
  process.exitCode = await main(process.argv.slice(2), process.env);
}
