import type { Catalog } from '../../domain/catalog.js';
import type { ComplaintEvent } from '../../domain/complaint/events.js';
import { ERASED, UNREADABLE } from '../../domain/complaint/redaction.js';
import { complaintStreamId, loadComplaint, toDomainEvent, type ComplaintCodec } from '../complaint-stream/index.js';
import { WrongExpectedRevisionError, type AppendResult, type EventMetadata, type EventStore } from '../event-store/index.js';
import { caseHistoryOf, notIdentifyingOf, RowRejected, type CaseHistory, type RejectReason, type UnknownValue } from './case-history.js';
import type { SourceRecord } from './csv-files.js';
import type { ImportMapping } from './mapping.js';

export interface ImportReport {
  rows: number;
  imported: number;
  /** Imported by an earlier run (of this or another file) as the row has it now: left as they are. */
  alreadyPresent: number;
  rejected: number;
  rejectedBy: Partial<Record<RejectReason, number>>;
  /** Of the rows imported now or before, by the source's status. */
  closed: number;
  open: number;
  /** Closed rows with a due date in the source, and how many of them closed by it. */
  closedWithDueDate: number;
  closedOnTime: number;
  /** Source values the mapping or the catalog does not know, with the number of rows each rejected. */
  unknown: (UnknownValue & { rows: number })[];
}

export interface ImportRun {
  /** The store and the codec that seals the complainant's personal data, as the service does; without them a dry run (`--check`): nothing is stored, rows that would import count as imported. */
  into?: { store: EventStore; codec: ComplaintCodec };
  /** The catalog the service runs with (CATALOG_FILE): the mapping's codes are checked against it. */
  catalog: Catalog;
  mapping: ImportMapping;
  /** The file's name: the events' actor is `import:<sourceName>`. */
  sourceName: string;
  /** The time of the import; no source date may be later. */
  now: string;
  /** Shared by every event this run writes. */
  correlationId: string;
  rejects: { add(record: SourceRecord, reason: RejectReason, detail: string): Promise<void> };
  /** Cases appended in one transaction (default 100), where the store can (`appendMany`). */
  batchSize?: number;
  /** Batches appended at once (default 4; PGlite serialises them anyway). */
  concurrency?: number;
  onProgress?: (report: Readonly<ImportReport>, bytesRead: number) => void;
}

/** The import stopped on an error that is not the row's fault (the store went away); `report` counts what was done. */
export class ImportFailed extends Error {
  override readonly name = 'ImportFailed';
  constructor(
    readonly report: ImportReport,
    cause: unknown,
  ) {
    super(`import stopped after ${report.rows} rows: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
  }
}

export const IMPORT_ROLE = 'import';

interface Pending {
  record: SourceRecord;
  history: CaseHistory;
}

/**
 * Imports each valid row as one complaint stream, appended whole in one command whose id is
 * derived from the case id (`import:<complaint id>`): a case is imported entirely or not at all,
 * and a re-run (or another file with the same case) finds the command already appended and writes
 * nothing. Cases go to the store in batches, one transaction each where the store can
 * (`appendMany`, each stream still checked for its expected revision); a batch the store refuses is
 * appended case by case, so one case that exists already costs only itself. The file is streamed:
 * memory holds the batches in flight, not the file. Invalid rows go to the reject file; the rest import.
 */
export async function importCases(records: AsyncIterable<SourceRecord>, run: ImportRun): Promise<ImportReport> {
  const report: ImportReport = { rows: 0, imported: 0, alreadyPresent: 0, rejected: 0, rejectedBy: {}, closed: 0, open: 0, closedWithDueDate: 0, closedOnTime: 0, unknown: [] };
  const unknown = new Map<string, UnknownValue & { rows: number }>();
  const firstRowOf = new Map<string, number>();
  const inFlight = new Set<Promise<void>>();
  const batchSize = run.batchSize ?? 100;
  const concurrency = run.concurrency ?? 4;
  let batch: Pending[] = [];
  /** The store's failure stops the import; the file's (an unclosed quote) stops the reading only. */
  let failure: { cause: unknown } | undefined;
  let unreadable: { cause: unknown } | undefined;

  const reject = async (record: SourceRecord, reason: RejectReason, detail: string, value?: UnknownValue): Promise<void> => {
    if (value) {
      const key = `${value.map}\u0000${value.value}`;
      const known = unknown.get(key);
      if (known) known.rows++;
      else unknown.set(key, { ...value, rows: 1 });
    }
    report.rejected++;
    report.rejectedBy[reason] = (report.rejectedBy[reason] ?? 0) + 1;
    await run.rejects.add(record, reason, detail);
  };
  const counted = (history: CaseHistory): void => {
    report[history.status]++;
    if (history.closedOnTime !== undefined) {
      report.closedWithDueDate++;
      if (history.closedOnTime) report.closedOnTime++;
    }
  };
  const flush = async (): Promise<void> => {
    const cases = batch;
    batch = [];
    const appending = (async () => {
      try {
        const outcomes = await append(cases, run);
        // A case present already is read back to see whether the row changed since (in parallel: a re-run reads every case).
        const changes = await Promise.all(cases.map(({ history }, i) => {
          const outcome = outcomes[i]!;
          return typeof outcome === 'object' && outcome.storedEvents === history.events.length ? firstChange(history, run) : undefined;
        }));
        for (const [i, { record, history }] of cases.entries()) {
          const outcome = outcomes[i]!;
          const changed = changes[i];
          if (outcome === 'exists') await reject(record, 'already-exists', `a complaint ${history.complaintId} exists that this import did not write`);
          else if (typeof outcome === 'object' && outcome.storedEvents !== history.events.length) {
            await reject(
              record,
              'changed-since-import',
              `the row makes ${history.events.length} events of ${history.complaintId}, an earlier import stored ${outcome.storedEvents}: ${NEVER_CHANGED}`,
            );
          } else if (changed) {
            await reject(record, 'changed-since-import', `the row gives ${changed} of ${history.complaintId} otherwise than an earlier import stored it: ${NEVER_CHANGED}`);
          } else {
            report[outcome === 'imported' ? 'imported' : 'alreadyPresent']++;
            counted(history);
          }
        }
      } catch (cause) {
        failure ??= { cause };
      }
    })();
    const settled: Promise<void> = appending.finally(() => inFlight.delete(settled));
    inFlight.add(settled);
    if (inFlight.size >= concurrency) await Promise.race(inFlight);
  };

  try {
    for await (const record of records) {
      if (failure) break;
      report.rows++;
      const history = await historyOf(record, run, firstRowOf, reject);
      if (history) batch.push({ record, history });
      if (batch.length >= batchSize) await flush();
      run.onProgress?.(report, record.bytesRead);
    }
  } catch (cause) {
    unreadable = { cause };
  }
  // The rows read before the file failed import all the same: a re-run after the fix finds them present.
  if (batch.length > 0 && !failure) await flush();
  await Promise.all(inFlight);
  report.unknown = [...unknown.values()];
  const stopped = failure ?? unreadable;
  if (stopped) throw new ImportFailed(report, stopped.cause);
  return report;
}

async function historyOf(
  record: SourceRecord,
  run: ImportRun,
  firstRowOf: Map<string, number>,
  reject: (record: SourceRecord, reason: RejectReason, detail: string, value?: UnknownValue) => Promise<void>,
): Promise<CaseHistory | undefined> {
  if (record.malformed) {
    await reject(record, 'malformed-row', record.malformed);
    return undefined;
  }
  let history: CaseHistory;
  try {
    history = caseHistoryOf(record.fields, run.mapping, run.catalog, run.now);
  } catch (error) {
    if (!(error instanceof RowRejected)) throw error;
    await reject(record, error.reason, error.detail, error.unknown);
    return undefined;
  }
  const first = firstRowOf.get(history.caseId);
  if (first !== undefined) {
    await reject(record, 'duplicate-case', `${run.mapping.columns.caseId} ${history.caseId} was already on row ${first}`);
    return undefined;
  }
  firstRowOf.set(history.caseId, record.row);
  return history;
}

const NEVER_CHANGED = 'an import never changes a stored case (what happened since is recorded through the service)';

/**
 * The first event the row gives otherwise than the earlier import stored it (a corrected outcome, a
 * closed date moved), as `event 4 (DecisionMade)`; compared with the personal data opened, without what
 * storing added (the complainant's keys, the case's reference). Personal data erased since (or that this
 * master key does not open) is no change.
 */
async function firstChange(history: CaseHistory, run: ImportRun): Promise<string | undefined> {
  const { events } = await loadComplaint(run.into!.store, run.into!.codec, history.complaintId);
  const stored = events.map(toDomainEvent);
  const index = history.events.findIndex((event, i) => !same(comparable(event), comparable(stored[i]!)));
  return index < 0 ? undefined : `event ${index + 1} (${history.events[index]!.type})`;
}

function comparable({ type, occurredAt, data }: ComplaintEvent): unknown {
  const { complainantKey: _key, identityKeys: _identity, reference: _reference, ...rest } = data as Record<string, unknown>;
  return JSON.parse(JSON.stringify({ type, occurredAt, data: rest }));
}

/** Erased data reads `[erased]` in each sealed field, and an erased complainant `{ name: '[erased]' }`: no change. */
function same(row: unknown, stored: unknown): boolean {
  if (isUnreadable(stored)) return true;
  if (typeof stored === 'object' && stored !== null && !Array.isArray(stored) && Object.values(stored).length > 0 && Object.values(stored).every(isUnreadable)) return true;
  if (typeof row !== 'object' || row === null || typeof stored !== 'object' || stored === null) return row === stored;
  if (Array.isArray(row) !== Array.isArray(stored)) return false;
  const keys = new Set([...Object.keys(row), ...Object.keys(stored)]);
  return [...keys].every((key) => same((row as Record<string, unknown>)[key], (stored as Record<string, unknown>)[key]));
}

const isUnreadable = (value: unknown): boolean => value === ERASED || value === UNREADABLE;

/** Already present: how many events the earlier import of the case stored, to tell a row that changed since (an open case now closed). */
type Outcome = 'imported' | { storedEvents: number } | 'exists';

/** Appends a batch: in one transaction where the store can, else (or when the store refuses the batch) case by case. */
async function append(cases: Pending[], run: ImportRun): Promise<Outcome[]> {
  if (!run.into) return cases.map(() => 'imported');
  const { store, codec } = run.into;
  const notIdentifying = notIdentifyingOf(run.mapping);
  const keys = await codec.prepareKeys(cases.map(({ history }) => history.events[0]!), notIdentifying);
  const appends = await Promise.all(
    cases.map(async ({ history }) => {
      const commandId = `import:${history.complaintId}`;
      const metadata: Omit<EventMetadata, 'occurredAt'> = {
        actorId: `import:${run.sourceName}`,
        actorRole: IMPORT_ROLE,
        commandId,
        correlationId: run.correlationId,
        causationId: commandId,
      };
      const { stored } = await codec.encode(history.events, metadata, undefined, { notIdentifying, keys });
      return { streamId: complaintStreamId(history.complaintId), events: stored, expectedRevision: 'no-stream' as const };
    }),
  );
  if (store.appendMany) {
    try {
      return (await store.appendMany(appends)).map(outcomeOf);
    } catch (error) {
      // One case the store holds already refuses the whole batch: find it case by case.
      if (!(error instanceof WrongExpectedRevisionError)) throw error;
    }
  }
  const outcomes: Outcome[] = [];
  for (const { streamId, events, expectedRevision } of appends) {
    try {
      outcomes.push(outcomeOf(await store.append(streamId, events, { expectedRevision })));
    } catch (error) {
      if (!(error instanceof WrongExpectedRevisionError)) throw error;
      outcomes.push('exists');
    }
  }
  return outcomes;
}

/** A repeated command's result gives the revisions the first one wrote. */
function outcomeOf(result: AppendResult): Outcome {
  return result.duplicate ? { storedEvents: result.nextExpectedRevision - result.firstRevision + 1 } : 'imported';
}
