/**
 * Imports historical cases from a CSV export into the configured event store:
 *   npm run import -- --file <csv> --mapping <mapping.json> [--reject-file <path>] [--quiet] [--batch-size 100] [--concurrency 4]
 *                     [--check [--propose-catalog <catalog.json>]]
 * --check reads the whole file and reports what would be imported, rejected and why, and the values the
 * mapping or the catalog does not know, without opening the store; --propose-catalog writes the
 * service's catalog with entries for the unknown categories and departments, to review and adopt.
 * Same environment as the service (EVENT_STORE, DATABASE_URL, DATABASE_SCHEMA, DATA_DIR, CATALOG_FILE): the
 * mapping's codes must be in the catalog the service runs with. See mappings/README.md.
 * Prints the counts on stdout; a progress bar on stderr when it is a terminal and --quiet is not given.
 * Exit codes: 0 done (rejected rows are in the reject file), 1 the import failed (store, file), 2 bad
 * arguments, configuration or mapping (nothing imported).
 */
import { randomUUID } from 'node:crypto';
import { readFile, stat, writeFile } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import { pathToFileURL } from 'node:url';
import { loadConfig, type AppConfig } from '../src/config/config.js';
import { openStorage, type Storage } from '../src/event-store/create-event-store.js';
import { openCodec } from '../src/personal-data/index.js';
import { loadMasterKey } from '../src/personal-data/master-key.js';
import { openCsv, RejectFile, type CsvSource } from '../src/import/csv-files.js';
import { ImportFailed, importCases, type ImportReport } from '../src/import/import-cases.js';
import { columnsRead, MappingError, parseMapping, type ImportMapping } from '../src/import/mapping.js';
import { proposeCatalog } from '../src/import/propose-catalog.js';
import { importProgress } from '../src/import/progress.js';
import { processIo, readOptions, usageError, type ScriptIo } from './command-line.js';

export interface ImportScriptIo extends ScriptIo {
  /** Where the progress bar goes; none when undefined. */
  progress: NodeJS.WritableStream | undefined;
}

const USAGE =
  'usage: npm run import -- --file <csv> --mapping <mapping.json> [--reject-file <path>] [--quiet] [--batch-size <cases>] [--concurrency <batches>]\n' +
  '                         [--check [--propose-catalog <catalog.json>]]\n' +
  'environment: as the service (EVENT_STORE, DATABASE_URL, DATABASE_SCHEMA, DATA_DIR, CATALOG_FILE)\n';

const importIo: ImportScriptIo = { ...processIo, progress: process.stderr.isTTY ? process.stderr : undefined };

/** The arguments name something that cannot be used (a mapping that does not fit, a missing column). */
class UsageError extends Error {}

/** Runs the script with the arguments after `--`; resolves to the exit code. */
export async function main(argv: readonly string[], env: NodeJS.ProcessEnv, io: ImportScriptIo = importIo): Promise<number> {
  let args: Args;
  let config: AppConfig;
  let mapping: ImportMapping;
  let source: CsvSource;
  try {
    const parsed = parseArguments(argv, io);
    if (typeof parsed === 'number') return parsed;
    args = parsed;
    config = loadConfig(env);
    mapping = await readMapping(args.mapping, config);
    source = await openCsv(args.file);
    const missing = columnsRead(mapping).filter((column) => !source.header.includes(column));
    if (missing.length > 0) {
      source.close();
      throw new UsageError(`${args.file} has no column ${missing.map((c) => `"${c}"`).join(', ')}, which the mapping reads`);
    }
  } catch (error) {
    io.stderr(`import: ${(error as Error).message}\n`);
    return 2;
  }

  let storage: Storage | undefined;
  let rejects: RejectFile | undefined;
  const size = (await stat(args.file)).size;
  const progress = importProgress(size, args.quiet ? undefined : io.progress);
  try {
    let into: { store: Storage['store']; codec: Awaited<ReturnType<typeof openCodec>>['codec'] } | undefined;
    if (!args.check) {
      storage = await openStorage(config.store);
      into = { store: storage.store, codec: (await openCodec(storage, await loadMasterKey(env, config.dataDir))).codec };
    }
    rejects = await RejectFile.create(args.rejectFile, source.header);
    const report = await importCases(source.records, {
      into,
      catalog: config.catalog,
      mapping,
      sourceName: basename(args.file),
      now: new Date().toISOString(),
      correlationId: randomUUID(),
      rejects,
      batchSize: args.batchSize,
      concurrency: args.concurrency,
      onProgress: progress.update,
    });
    progress.update(report, size);
    progress.stop();
    io.stdout(summary(report, args));
    if (args.proposeCatalog) {
      const proposal = proposeCatalog(config.catalog, report.unknown);
      await writeFile(args.proposeCatalog, `${JSON.stringify(proposal.catalog, null, 2)}\n`);
      io.stdout(proposalSummary(proposal, args.proposeCatalog));
    }
    return 0;
  } catch (error) {
    progress.stop();
    if (error instanceof ImportFailed) io.stdout(summary(error.report, args));
    io.stderr(`import: ${(error as Error).message}\n`);
    return 1;
  } finally {
    source.close();
    await rejects?.close();
    await storage?.store.close();
  }
}

interface Args {
  check: boolean;
  proposeCatalog: string | undefined;
  file: string;
  mapping: string;
  rejectFile: string;
  quiet: boolean;
  batchSize: number;
  concurrency: number;
}

/** The arguments, or the exit code when they are wrong or only the usage was asked for. */
function parseArguments(argv: readonly string[], io: ScriptIo): Args | number {
  const values = readOptions('import', USAGE, argv, {
    file: { type: 'string' },
    mapping: { type: 'string' },
    'reject-file': { type: 'string' },
    quiet: { type: 'boolean', short: 'q', default: false },
    'batch-size': { type: 'string', default: '100' },
    concurrency: { type: 'string', default: '4' },
    check: { type: 'boolean', default: false },
    'propose-catalog': { type: 'string' },
  }, io);
  if (typeof values === 'number') return values;
  if (!values.file) return usageError('import', '--file <csv> is required', USAGE, io);
  if (!values.mapping) return usageError('import', '--mapping <mapping.json> is required', USAGE, io);
  const concurrency = Number(values.concurrency);
  if (!Number.isInteger(concurrency) || concurrency < 1) return usageError('import', `--concurrency must be a whole number above 0, not ${values.concurrency}`, USAGE, io);
  const batchSize = Number(values['batch-size']);
  if (!Number.isInteger(batchSize) || batchSize < 1) return usageError('import', `--batch-size must be a whole number above 0, not ${values['batch-size']}`, USAGE, io);
  if (values['propose-catalog'] !== undefined && !values.check) return usageError('import', '--propose-catalog goes with --check', USAGE, io);
  return {
    check: values.check,
    proposeCatalog: values['propose-catalog'],
    file: values.file,
    mapping: values.mapping,
    rejectFile: values['reject-file'] ?? `${basename(values.file, extname(values.file))}.rejects.csv`,
    quiet: values.quiet,
    batchSize,
    concurrency,
  };
}

async function readMapping(path: string, config: AppConfig): Promise<ImportMapping> {
  let json: unknown;
  try {
    json = JSON.parse(await readFile(path, 'utf8'));
  } catch (error) {
    throw new UsageError(`cannot read the mapping ${path}: ${(error as Error).message}`);
  }
  try {
    return parseMapping(json, config.catalog, path);
  } catch (error) {
    if (!(error instanceof MappingError)) throw error;
    const hint = error.problems.some((p) => p.includes("catalog's"))
      ? '\n  (codes are checked against the catalog the service runs with: set CATALOG_FILE to it; for the NYC 311 mapping, mappings/nyc311-catalog.json)'
      : '';
    throw new UsageError(`${error.message}${hint}`);
  }
}

function summary(report: ImportReport, args: Args): string {
  const reasons = Object.entries(report.rejectedBy).map(([reason, count]) => `${reason} ${count}`);
  const counts = args.check
    ? `check (nothing stored): ${report.rows} rows from ${args.file}: ${report.imported} would be imported, ${report.rejected} rejected`
    : `import: ${report.rows} rows from ${args.file}: ${report.imported} imported, ${report.alreadyPresent} already present, ${report.rejected} rejected`;
  return [
    counts,
    ...(report.rejected > 0 ? [`  rejected: ${reasons.join(', ')} (rows in ${args.rejectFile})`] : []),
    ...(report.unknown.length > 0
      ? ['  unknown values:', ...report.unknown.map((u) => `    ${u.column} ${JSON.stringify(u.value)} (values.${u.map}${u.code ? `, kept as ${u.code}` : ''}): ${u.rows} rows`)]
      : []),
    `  cases: ${report.closed} closed, ${report.open} open`,
    `  closed by the source's due date: ${report.closedOnTime} of ${report.closedWithDueDate} closed cases that have one`,
    '',
  ].join('\n');
}

function proposalSummary({ values }: ReturnType<typeof proposeCatalog>, path: string): string {
  const lines = Object.entries(values).filter(([, map]) => Object.keys(map).length > 0).map(([name, map]) => `  values.${name}: ${JSON.stringify(map)}`);
  return [`proposed catalog written to ${path}: review the names, departments and deadlines, then run with CATALOG_FILE=${path}`, ...(lines.length > 0 ? ['  add to the mapping (unless it keeps source values with "*": "(source value)"):', ...lines] : []), ''].join('\n');
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = await main(process.argv.slice(2), process.env);
}
