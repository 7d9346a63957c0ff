import { setImmediate } from 'node:timers/promises';
import type { Catalog } from '../../domain/catalog.js';
import { parseJsonText } from '../config/index.js';
import { openCsv, RejectFile, type CsvSource } from './csv-files.js';
import { importCases, type ImportReport, type ImportRun } from './import-cases.js';
import { columnsRead, MappingError, parseMapping, type ImportMapping } from './mapping.js';

/**
 * One import of one file, shared by `npm run import` and `POST /imports`: the mapping read and
 * checked, the file opened and its header checked against the mapping, then the rows imported with
 * the reject file written beside. Each step refuses before anything is stored.
 */

/** The source file cannot be read as the mapping needs: no such file, no header, a column the mapping reads is missing. */
export class UnusableSource extends Error {
  override readonly name = 'UnusableSource';
}

/** A mapping file's text (a leading byte order mark skipped), checked against the JSON Schema and the catalog; `MappingError` lists every problem as `<file>: <path>: <rule>`. */
export function readMapping(text: string, catalog: Catalog, file: string): ImportMapping {
  let json: unknown;
  try {
    json = parseJsonText(text);
  } catch (error) {
    throw new MappingError([`${file}: $: is not JSON (${(error as Error).message})`]);
  }
  return parseMapping(json, catalog, file);
}

/**
 * Opens the source CSV (`name` is how messages call it) and checks that it has every column the mapping
 * (`mappingName`) reads: a column missing is named with where the mapping names it.
 */
export async function openSource(path: string, mapping: ImportMapping, name: string, mappingName = 'the mapping'): Promise<CsvSource> {
  let source: CsvSource;
  try {
    source = await openCsv(path);
  } catch (error) {
    throw new UnusableSource((error as Error).message.replaceAll(path, name), { cause: error });
  }
  const read = columnsRead(mapping);
  const missing = read.filter(({ column }) => !source.header.includes(column));
  if (missing.length > 0) {
    source.close();
    const named = missing.map(({ column, path }) => `"${column}" (${mappingName}: $.${path})`).join(', ');
    // One header cell holding semicolons: a European spreadsheet's "CSV", which separates cells with them.
    const semicolons = source.header.length === 1 && source.header[0]!.includes(';') ? '; its header is one cell holding semicolons: save the file separated by commas' : '';
    throw new UnusableSource(`${name} has no column ${named}, which the mapping reads${semicolons}`);
  }
  // A repeated name the mapping does not read (or an empty one: a spreadsheet's trailing columns) harms nothing.
  const ambiguous = source.repeated.filter((column) => read.some((r) => r.column === column));
  if (ambiguous.length > 0) {
    source.close();
    throw new UnusableSource(`${name}: the header names ${ambiguous.map((c) => JSON.stringify(c)).join(', ')} more than once, which the mapping reads: rename or remove the other columns of that name`);
  }
  return { ...source, records: named(source.records, path, name) };
}

/** The records, with a failure part-way (an unclosed quote) naming the file as the reader knows it, not an upload's temporary path. */
async function* named<T>(records: AsyncGenerator<T>, path: string, name: string): AsyncGenerator<T> {
  try {
    yield* records;
  } catch (error) {
    throw error instanceof Error ? new Error(error.message.replaceAll(path, name), { cause: error }) : error;
  }
}

export interface FileImport extends Omit<ImportRun, 'rejects'> {
  source: CsvSource;
  /** Where the rejected rows go (rewritten). */
  rejectFile: string;
  /** Stops the import between rows: it then fails (`ImportFailed`) with the counts so far. */
  signal?: AbortSignal;
}

/** Imports the opened source (see `importCases`), writing the reject file; the source is closed after. */
export async function importFile({ source, rejectFile, signal, ...run }: FileImport): Promise<ImportReport> {
  let rejects: RejectFile | undefined;
  try {
    rejects = await RejectFile.create(rejectFile, source.header);
    return await importCases(paced(source.records, signal), { ...run, rejects });
  } finally {
    source.close();
    await rejects?.close();
  }
}

/** Milliseconds of import work between turns of the event loop. */
const TURN_MS = 20;

/**
 * The records, with a turn of the event loop every few milliseconds: on the embedded store every
 * await of the import resolves without I/O, so the service beside it would answer nothing until
 * the import ended. Stops at the signal.
 */
async function* paced<T>(records: AsyncIterable<T>, signal: AbortSignal | undefined): AsyncGenerator<T> {
  let turned = performance.now();
  for await (const record of records) {
    signal?.throwIfAborted();
    if (performance.now() - turned > TURN_MS) {
      await setImmediate();
      turned = performance.now();
    }
    yield record;
  }
}

/** What an import says when it ends (the CLI prints it; `GET /imports/{id}` gives it): `file` and `rejectFile` as the reader knows them. */
export function importSummary(report: ImportReport, { check, file, rejectFile }: { check: boolean; file: string; rejectFile: string }): string {
  const rows = (count: number): string => `${count} ${count === 1 ? 'row' : 'rows'}`;
  const reasons = Object.entries(report.rejectedBy).map(([reason, count]) => `${reason} ${count}`);
  const counts = check
    ? `check (nothing stored): ${rows(report.rows)} from ${file}: ${report.imported} would be imported, ${report.rejected} rejected`
    : `import: ${rows(report.rows)} from ${file}: ${report.imported} imported, ${report.alreadyPresent} already present, ${report.rejected} rejected`;
  return [
    counts,
    ...(report.rejected > 0 ? [`  rejected: ${reasons.join(', ')} (rows in ${rejectFile})`] : []),
    ...(report.unknown.length > 0
      ? ['  unknown values:', ...report.unknown.map((u) => `    ${u.column} ${JSON.stringify(u.value)} (values.${u.map}${u.code ? `, kept as ${u.code}` : ''}): ${rows(u.rows)}`)]
      : []),
    `  cases: ${report.closed} closed, ${report.open} open`,
    `  closed by the source's due date: ${report.closedOnTime} of ${report.closedWithDueDate} ${report.closedWithDueDate === 1 ? 'closed case that has one' : 'closed cases that have one'}`,
    '',
  ].join('\n');
}
