/**
 * An evidence export: per case `cases/<id>.json`, `.csv` (the timeline) and `.html` (printable), the
 * same per improvement request under `requests/`, and for the period `summary.json`, `summary.csv`,
 * `requests.csv` and `index.html`, written to a directory (the command line) or kept in memory (an
 * HTTP download). Reads the event store itself, not the read models, so an export holds the records as
 * they are, whatever a projection's lag. Each exported case and request is written to the access log.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { seesPseudonymousKeys, type Actor } from '../../../domain/access.js';
import { complaintIdFor, complaintStreamId, damageIn, foldHistory, toDomainEvent, UnfoldableHistory, type ComplaintCodec, type Damage } from '../../complaint-stream/index.js';
import { quarterBounds, type Quarter } from '../../../projections/iso10002.js';
import { calendarOf, reportsOf, type AppConfig } from '../../config/index.js';
import { START, type EventStore, type GlobalPosition, type StoredEvent, type StreamIntegrityReport } from '../../event-store/index.js';
import { improvementRequestIdOf, improvementStreamId } from '../../improvement-requests/index.js';
import { erasuresOfCase } from '../erasure-record.js';
import { readRecord, type AccessLog, type AccessRecord } from '../access-log.js';
import { historyRulesOf } from '../case-history.js';
import { nameFindings, nameReport } from '../name-findings.js';
import { utcInstants } from '../../http/index.js';
import { toCsv } from './csv.js';
import { damagedCaseAccess, damagedCaseEvidence, damagedCaseReportHtml, damagedSummaryRow, isDamaged, type DamagedCaseEvidence } from './damaged-case.js';
import { caseEvidence, periodSummary, RECEIVED_IN_QUARTER, type CaseEvidence, type ExportContext, type PeriodSummary, type SummaryRow, type TimelineRow } from './evidence.js';
import { caseReportHtml, damagedRequestReportHtml, requestReportHtml, summaryReportHtml } from './report-html.js';
import { damagedRequestEvidence, isDamagedRequest, requestEvidence, requestSummaryRow, type DamagedRequestEvidence, type RequestEvidence, type RequestSummaryRow, type RequestTimelineRow } from './request-evidence.js';

/** `complaintId`: the case's id or its reference (`2026-000123`), as every case route takes it. */
export type ExportScope = { complaintId: string } | { requestId: string } | { quarter: Quarter };

export interface ExportRequest {
  scope: ExportScope;
  actor: Actor;
  /** An auditor's reason for a break-glass export: one reason per export, logged with each case. */
  reason?: string;
}

/** Where an export's files go. */
export interface EvidenceFiles {
  /** Where, as the access log records it. */
  readonly destination: string;
  /** `as-written`: each file is the reader's once written (a directory); `at-end`: nothing is delivered unless the whole export is (an HTTP answer). */
  readonly delivers: 'as-written' | 'at-end';
  write(name: string, content: string): Promise<void>;
}

/** Into a directory, created if missing; nothing is created before the first file is written. */
export function directoryFiles(out: string): EvidenceFiles {
  const dir = resolve(out);
  return {
    destination: dir,
    delivers: 'as-written',
    async write(name, content) {
      await mkdir(dirname(join(dir, name)), { recursive: true });
      await writeFile(join(dir, name), content, 'utf8');
    },
  };
}

/** Kept in memory, by name, for an answer over HTTP. */
export function memoryFiles(destination: string): EvidenceFiles & { files: Map<string, string> } {
  const files = new Map<string, string>();
  return {
    destination,
    delivers: 'at-end',
    files,
    async write(name, content) {
      files.set(name, content);
    },
  };
}

export interface ExportManifest {
  destination: string;
  cases: string[];
  requests: string[];
  files: string[];
  summary: ExportSummary;
}

/** The period's summary, and the cases whose stored history is damaged: exported as stored, and not counted in its conformity. */
export type ExportSummary = PeriodSummary & { historyDamaged: { complaintId: string; revision: number | null; found: string }[] };

export const TIMELINE_COLUMNS: readonly (keyof TimelineRow)[] = [
  'complaintId', 'revision', 'eventId', 'occurredAt', 'recordedAt', 'type', 'clause', 'clauseTitle', 'actorId', 'actorRole', 'details', 'hash', 'previousHash',
];

export const SUMMARY_COLUMNS: readonly (keyof SummaryRow)[] = [
  'complaintId', 'reference', 'category', 'channel', 'department', 'state', 'receivedAt', 'receivedLocal', 'closedAs', 'closedAt', 'closedLocal', 'timeZone', 'outcome', 'slaStatus', 'breachedAt',
  'interimNoticeMissing', 'gaps', 'events', 'intact', 'failed', 'chainIntact', 'sealsIntact', 'lastHash',
];

export const REQUEST_TIMELINE_COLUMNS: readonly (keyof RequestTimelineRow)[] = [
  'requestId', 'revision', 'eventId', 'occurredAt', 'recordedAt', 'type', 'actorId', 'actorRole', 'details', 'hash', 'previousHash',
];

export const REQUEST_SUMMARY_COLUMNS: readonly (keyof RequestSummaryRow)[] = [
  'requestId', 'department', 'state', 'requestedAt', 'dueOn', 'overdue', 'complaints', 'events', 'intact', 'failed', 'chainIntact', 'sealsIntact', 'lastHash',
];

export class CaseNotFound extends Error {
  override readonly name = 'CaseNotFound';
}

/** A complaint id as a file name: ids from the API are letters, digits and dashes; imported ones may hold more. */
export const caseFileName = (complaintId: string): string => complaintId.replace(/[^A-Za-z0-9._-]/g, '_');

const quarterText = ({ year, quarter }: Quarter) => `${year}-Q${quarter}`;

/** A JSON file of the export, its instants in UTC as every answer of the API writes them (a receipt keeps the offset it was given in the store). */
const jsonFile = (value: unknown): string => `${JSON.stringify(value, utcInstants, 2)}\n`;

export async function writeEvidenceExport(
  store: EventStore,
  codec: ComplaintCodec,
  accessLog: Pick<AccessLog, 'recordAll'>,
  config: AppConfig,
  { scope, actor, reason }: ExportRequest,
  to: EvidenceFiles,
  now: Date,
): Promise<ExportManifest> {
  const calendar = calendarOf(config);
  const context: ExportContext = { actor, reason, rules: historyRulesOf(config), calendar, policy: reportsOf(config).audit, now: now.toISOString() };

  let ids: string[] = [];
  let requestIds: string[] = [];
  let summaryScope: PeriodSummary['scope'];
  if ('complaintId' in scope) {
    const id = await complaintIdFor(store, scope.complaintId);
    if (id === undefined) throw new CaseNotFound(`complaint ${scope.complaintId} not found`);
    ids = [id];
    summaryScope = { complaintId: id };
  } else if ('requestId' in scope) {
    requestIds = [scope.requestId];
    summaryScope = { requestId: scope.requestId };
  } else {
    const bounds = quarterBounds(scope.quarter, calendar.timeZone);
    ({ cases: ids, requests: requestIds } = await filedBetween(store, Date.parse(bounds.from), Date.parse(bounds.to)));
    summaryScope = { quarter: quarterText(scope.quarter), from: bounds.from, to: bounds.to, timeZone: calendar.timeZone, population: RECEIVED_IN_QUARTER };
  }

  const integrity = store.verifyIntegrity ? await nameReport(store, await store.verifyIntegrity()) : null;
  // A quarter's cases verified together: the seals they share are recomputed once, not once per case.
  const verifiedCases = ids.length > 1 && store.verifyStreams ? await store.verifyStreams(ids.map(complaintStreamId)) : undefined;
  const dir = to.destination;
  const files: string[] = [];
  // Nothing is written before the first case was read: a wrong case id leaves no directory behind.
  const write = async (name: string, content: string) => {
    await to.write(name, content);
    files.push(name);
  };

  const scopeText = 'complaintId' in scope ? 'case' : 'requestId' in scope ? 'request' : quarterText(scope.quarter);
  // Written to the access log once the export is delivered: at the end over HTTP (a failed export showed
  // nothing), and for a directory each case as its files are written (they are on disk from then on).
  const delivered: AccessRecord[] = [];
  const deliver = async (records: AccessRecord[]) => {
    if (to.delivers === 'as-written') await accessLog.recordAll(records);
    else delivered.push(...records);
  };
  const exported: (CaseEvidence | DamagedCaseEvidence)[] = [];
  for (const id of ids) {
    const e = await exportedCase(store, codec, context, id, verifiedCases);
    const base = `cases/${caseFileName(id)}`;
    await write(`${base}.json`, jsonFile(e));
    await write(`${base}.csv`, toCsv(e.timeline, TIMELINE_COLUMNS));
    await write(`${base}.html`, isDamaged(e) ? damagedCaseReportHtml(e) : caseReportHtml(e));
    await deliver([
      {
        actor,
        ...readRecord('export', e.breakGlassReason !== undefined ? 'break-glass' : e.personalDataShown ? 'handling' : 'none', reason),
        complaintId: id,
        detail: { out: dir, scope: scopeText, revision: e.integrity.lastRevision, ...(isDamaged(e) ? { historyDamaged: e.historyDamaged.found } : {}) },
      },
    ]);
    exported.push(e);
  }
  const evidence = exported.filter((e): e is CaseEvidence => !isDamaged(e));

  const requests: RequestSummaryRow[] = [];
  for (const id of requestIds) {
    const e = await exportedRequest(store, context, id);
    const base = `requests/${caseFileName(id)}`;
    await write(`${base}.json`, jsonFile(e));
    await write(`${base}.csv`, toCsv(e.timeline, REQUEST_TIMELINE_COLUMNS));
    await write(`${base}.html`, isDamagedRequest(e) ? damagedRequestReportHtml(e) : requestReportHtml(e));
    // A request holds no complainant's personal data: the complaints behind it are named by id only.
    await deliver([
      {
        actor,
        action: 'export',
        complaintId: null,
        personalData: false,
        detail: {
          out: dir, scope: scopeText, requestId: id, revision: e.integrity.lastRevision,
          ...(isDamagedRequest(e) ? { historyDamaged: e.historyDamaged.found } : { complaints: e.request.complaints }),
        },
      },
    ]);
    requests.push(requestSummaryRow(e));
  }

  // The damaged cases keep their place among the cases, and are left out of the conformity, which they cannot be judged for.
  const period = periodSummary(summaryScope, evidence, context, integrity, requests);
  const rows = new Map(period.cases.map((row) => [row.complaintId, row]));
  const summary: ExportSummary = {
    ...period,
    personalDataShown: exported.some((e) => e.personalDataShown),
    cases: exported.map((e) => (isDamaged(e) ? damagedSummaryRow(e, SUMMARY_COLUMNS) : rows.get(e.complaintId)!)),
    historyDamaged: exported.filter(isDamaged).map((e) => ({ complaintId: e.complaintId, ...e.historyDamaged })),
  };
  await write('summary.json', jsonFile(summary));
  await write('summary.csv', toCsv(summary.cases, SUMMARY_COLUMNS));
  await write('requests.csv', toCsv(summary.requests, REQUEST_SUMMARY_COLUMNS));
  await write('index.html', summaryReportHtml(summary, (id) => `cases/${encodeURIComponent(caseFileName(id))}.html`, (id) => `requests/${encodeURIComponent(caseFileName(id))}.html`));
  await accessLog.recordAll(delivered);
  return { destination: dir, cases: ids, requests: requestIds, files, summary };
}

/** One request's evidence: as usual when its stored history reads and folds; else its events as stored with what was found. */
async function exportedRequest(store: EventStore, context: ExportContext, id: string): Promise<RequestEvidence | DamagedRequestEvidence> {
  const streamId = improvementStreamId(id);
  const events = await store.readStream(streamId);
  if (events.length === 0) throw new CaseNotFound(`improvement request ${id} not found`);
  const verified = await verifiedStream(store, streamId);
  const damage = damageIn(events);
  if (damage) return damagedRequestEvidence(id, events, context, damage, verified);
  try {
    return requestEvidence(id, events, context, verified);
  } catch (error) {
    if (error instanceof UnfoldableHistory) return damagedRequestEvidence(id, events, context, error.damage, verified);
    throw error;
  }
}

/**
 * One case's evidence: as usual when its stored history reads and folds; else its events as stored with
 * what was found (`damagedCaseEvidence`), so one damaged case never fails an export.
 */
async function exportedCase(
  store: EventStore,
  codec: ComplaintCodec,
  context: ExportContext,
  id: string,
  verifiedCases?: Map<string, StreamIntegrityReport>,
): Promise<CaseEvidence | DamagedCaseEvidence> {
  const streamId = complaintStreamId(id);
  const stored = await store.readStream(streamId);
  // Checked by the store against the seals too: a stream rewritten with its chain recomputed still has a sound chain.
  const verified = await verifiedStream(store, streamId, verifiedCases);
  if (stored.length === 0 && (verified === undefined || verified.ok)) throw new CaseNotFound(`complaint ${id} not found`);
  // A history that still folds is exported as usual, its integrity failure stated (and ISO 7.3 a gap).
  let damage: Damage | undefined = stored.length === 0 ? { revision: 0, found: 'the store records the case but holds none of its events' } : undefined;
  let opened: StoredEvent[] | undefined;
  if (damage === undefined) {
    opened = await codec.open(stored);
    try {
      foldHistory(opened);
    } catch (error) {
      if (!(error instanceof UnfoldableHistory)) throw error;
      damage = { revision: error.revision, found: [damageIn(stored)?.found, error.message].filter((f) => f !== undefined).join('; ') };
    }
  }
  if (damage === undefined) return caseEvidence(stored, context, opened!, verified, await erasuresOfCase(store, stored[0], seesPseudonymousKeys(context.actor)));
  const access = damagedCaseAccess(context.actor, context.reason);
  // Sealed fields that do not open (an altered event) are shown as unreadable by the codec; none is opened for one who may not see them.
  const shown = access === 'none' ? stored : await codec.open(stored).catch(() => stored);
  return damagedCaseEvidence(id, stored, context, damage, shown, shown === stored ? 'none' : access, verified);
}

/** The store's verification of a stream (`verified` when done with others), its findings naming the case. */
async function verifiedStream(store: EventStore, streamId: string, verified?: Map<string, StreamIntegrityReport>): Promise<StreamIntegrityReport | undefined> {
  const report = verified?.get(streamId) ?? (await store.verifyStream?.(streamId));
  return report && { ...report, findings: await nameFindings(store, report.findings) };
}

/** How long an export waits for events committed behind a long-running transaction to become readable. */
const HORIZON_WAIT_MS = 60_000;

/**
 * The complaints whose receipt (`receivedAt`, business time) falls in [from, to), in order of receipt,
 * and the improvement requests filed (business time) in it, in order of filing.
 * The global order is read up to the store's read horizon; an export that stopped there while later
 * events were already stored would leave cases out, so it waits for them, and fails rather than omit.
 */
async function filedBetween(store: EventStore, from: number, to: number): Promise<{ cases: string[]; requests: string[] }> {
  const found: { id: string; at: number }[] = [];
  const filed: { id: string; at: number }[] = [];
  let after: GlobalPosition = START;
  const deadline = Date.now() + HORIZON_WAIT_MS;
  for (;;) {
    const batch = await store.readAll({ after, limit: 1000 });
    if (batch.length === 0) {
      const unread = (await store.countEventsAfter?.(after, 1_000)) ?? 0;
      if (unread === 0) break;
      if (Date.now() > deadline) {
        throw new Error(
          `${unread} stored events cannot be read in order yet: a long-running database transaction holds the store's read horizon back; export again once it has ended`,
        );
      }
      await new Promise((resolve) => setTimeout(resolve, 250));
      continue;
    }
    for (const stored of batch) {
      if (stored.type === 'ImprovementRequested') {
        const at = Date.parse(stored.metadata.occurredAt);
        const id = improvementRequestIdOf(stored.streamId);
        if (id !== undefined && at >= from && at < to) filed.push({ id, at });
        continue;
      }
      const event = toDomainEvent(stored);
      if (event.type !== 'ComplaintReceived') continue;
      const { data } = event;
      const at = Date.parse(data.receivedAt);
      if (at >= from && at < to) found.push({ id: data.complaintId, at });
    }
    after = batch[batch.length - 1]!.position;
  }
  const inOrder = (list: { id: string; at: number }[]) => list.sort((a, b) => a.at - b.at || a.id.localeCompare(b.id)).map((c) => c.id);
  return { cases: inOrder(found), requests: inOrder(filed) };
}
