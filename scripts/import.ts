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
 * arguments, configuration or mapping, or the embedded store held by the service (nothing imported).
 * The running service offers the same import over HTTP (`POST /imports`, src/import/imports.controller.ts):
 * on the embedded store, which the service holds while it runs, that is the way to import without stopping it.
 */
import { randomUUID } from 'node:crypto';
import { constants } from 'node:fs';
import { access, readFile, realpath, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, extname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Catalog } from '../domain/catalog.js';
import { ConfigError, loadConfig, type AppConfig } from '../src/config/config.js';
import { parseJsonText } from '../src/config/json-schema.js';
import { openStorage, type Storage } from '../src/event-store/create-event-store.js';
import { openCodec } from '../src/personal-data/index.js';
import { loadMasterKey } from '../src/personal-data/master-key.js';
import { DataFolderInUseError } from '../src/sql/index.js';
import type { CsvSource } from '../src/import/csv-files.js';
import { ImportFailed, type ImportReport } from '../src/import/import-cases.js';
import { importFile, importSummary, openSource, readMapping } from '../src/import/import-file.js';
import { MappingError, type ImportMapping } from '../src/import/mapping.js';
import { proposeCatalog, withMappingCodes } from '../src/import/propose-catalog.js';
import { importProgress } from '../src/import/progress.js';
import { OWNER_ONLY_UMASK, processIo, readOptions, usageError, type ScriptIo } from './command-line.js';

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
  /** The service's catalog; for `--check --propose-catalog`, with the mapping's codes it lacks. */
  let catalog: Catalog;
  let source: CsvSource;
  try {
    const parsed = parseArguments(argv, io);
    if (typeof parsed === 'number') return parsed;
    args = parsed;
    await checkOutputs(args);
    config = loadConfig(env);
    let added: string[];
    ({ mapping, catalog, added } = await mappingOf(args, config, env));
    if (added.length > 0) io.stdout(`the catalog lacks the mapping's codes ${added.join(', ')}: checked as if it had them, and proposed below\n`);
    source = await openSource(args.file, mapping, args.file, args.mapping);
  } catch (error) {
    io.stderr(`import: ${(error as Error).message}\n`);
    return 2;
  }

  let storage: Storage | undefined;
  const size = (await stat(args.file)).size;
  const progress = importProgress(size, args.quiet ? undefined : io.progress);
  // Ctrl-C (or a stop signal) ends the import between rows, saying how far it got: it was silent, exit 130.
  const interrupted = new AbortController();
  const interrupt = () => interrupted.abort(new Error('interrupted: the rows imported are kept; run the same command again to import the rest (those already imported are skipped)'));
  process.once('SIGINT', interrupt);
  process.once('SIGTERM', interrupt);
  try {
    let into: { store: Storage['store']; codec: Awaited<ReturnType<typeof openCodec>>['codec'] } | undefined;
    if (!args.check) {
      // The key first: a configuration that lacks it refuses before the store is opened.
      const masterKey = await loadMasterKey(env, config);
      storage = await openStorage(config.store);
      into = { store: storage.store, codec: (await openCodec(storage, masterKey)).codec };
    }
    const report = await importFile({
      source,
      rejectFile: args.rejectFile,
      into,
      catalog,
      mapping,
      sourceName: basename(args.file),
      now: new Date().toISOString(),
      correlationId: randomUUID(),
      batchSize: args.batchSize,
      concurrency: args.concurrency,
      onProgress: progress.update,
      signal: interrupted.signal,
    });
    progress.update(report, size);
    progress.stop();
    io.stdout(summary(report, args));
    if (args.proposeCatalog) {
      const proposal = proposeCatalog(catalog, report.unknown);
      await writeFile(args.proposeCatalog, `${JSON.stringify(proposal.catalog, null, 2)}\n`);
      io.stdout(proposalSummary(proposal, args.proposeCatalog));
    }
    return 0;
  } catch (error) {
    progress.stop();
    if (error instanceof ImportFailed) io.stdout(summary(error.report, args));
    io.stderr(`import: ${(error as Error).message}\n`);
    if (error instanceof DataFolderInUseError) {
      io.stderr(`import: while the service runs, import through it instead: POST /imports with the file and the mapping (mappings/README.md, "Importing over HTTP")\n`);
      // Refused as the store opened, before the first row: nothing was attempted, as with a bad mapping.
      return 2;
    }
    // A setting that cannot be used (MASTER_KEY missing with a shared store, say): refused before the first row, as other configuration errors.
    if (error instanceof ConfigError) return 2;
    return interrupted.signal.aborted ? 130 : 1;
  } finally {
    process.off('SIGINT', interrupt);
    process.off('SIGTERM', interrupt);
    source.close();
    await storage?.store.close();
  }
}

interface Args {
  check: boolean;
  proposeCatalog: string | undefined;
  file: string;
  mapping: string;
  rejectFile: string;
  /** False when the reject file is the default one, which messages then say. */
  rejectFileGiven: boolean;
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
    rejectFileGiven: values['reject-file'] !== undefined,
    quiet: values.quiet,
    batchSize,
    concurrency,
  };
}

/**
 * The files the run writes, checked before anything is read: each goes into a folder that exists and
 * takes files, and none is the source, the mapping or the other output (a reject file named like the
 * CSV would overwrite the export, even in a dry run). Links count: the files are compared, not the names.
 */
async function checkOutputs(args: Args): Promise<void> {
  const named = [
    { name: `--file ${args.file}`, path: args.file },
    { name: `--mapping ${args.mapping}`, path: args.mapping },
  ];
  const outputs = [
    { name: args.rejectFileGiven ? `--reject-file ${args.rejectFile}` : `the reject file ${args.rejectFile} (the default of --reject-file)`, path: args.rejectFile },
    ...(args.proposeCatalog !== undefined ? [{ name: `--propose-catalog ${args.proposeCatalog}`, path: args.proposeCatalog }] : []),
  ];
  for (const output of outputs) {
    await checkWritable(output.name, output.path);
    const file = await fileIdentity(output.path);
    for (const other of named) {
      if (file === (await fileIdentity(other.path))) throw new UsageError(`${output.name}: is the same file as ${other.name}, which it would overwrite: write it elsewhere`);
    }
    named.push(output);
  }
}

/** Refuses an output path whose folder is missing or read-only, or that is a folder or a read-only file. */
async function checkWritable(name: string, path: string): Promise<void> {
  const existing = await stat(path).catch(() => undefined);
  if (existing?.isDirectory()) throw new UsageError(`${name}: is a folder; name a file`);
  const target = existing ? path : dirname(resolve(path));
  if (!existing) {
    const [folder, failure] = await stat(target).then((found) => [found, undefined] as const, (error: NodeJS.ErrnoException) => [undefined, error.code] as const);
    if (failure === 'ENOENT') throw new UsageError(`${name}: the folder ${target} does not exist`);
    if (failure !== undefined && failure !== 'ENOTDIR') throw new UsageError(`${name}: the folder ${target} cannot be used (${failure})`);
    if (!folder?.isDirectory()) throw new UsageError(`${name}: ${target} is not a folder`);
  }
  try {
    await access(target, constants.W_OK);
  } catch (error) {
    throw new UsageError(`${name}: ${existing ? 'the file' : 'the folder'} ${target} is not writable (${(error as NodeJS.ErrnoException).code})`);
  }
}

/** The same text for two paths of one file (through links, hard ones too); a path of no file is its resolved real path. */
async function fileIdentity(path: string): Promise<string> {
  const existing = await stat(path).catch(() => undefined);
  if (existing) return `file ${existing.dev}:${existing.ino}`;
  const folder = await realpath(dirname(resolve(path))).catch(() => dirname(resolve(path)));
  return `path ${join(folder, basename(path))}`;
}

/**
 * The mapping, checked against the service's catalog. With `--check --propose-catalog`, codes of its
 * value maps the catalog lacks are no refusal: they are added to the catalog the check runs with
 * (`added`), and so to the proposal.
 */
async function mappingOf(args: Args, config: AppConfig, env: NodeJS.ProcessEnv): Promise<{ mapping: ImportMapping; catalog: Catalog; added: string[] }> {
  const path = args.mapping;
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new UsageError(`cannot read the mapping ${path}: ${(error as Error).message}`);
  }
  const { catalog, added } = args.check && args.proposeCatalog !== undefined ? withMappingCodes(config.catalog, jsonOrUndefined(text)) : { catalog: config.catalog, added: [] };
  try {
    return { mapping: readMapping(text, catalog, path), catalog, added };
  } catch (error) {
    if (!(error instanceof MappingError)) throw error;
    const hint = error.problems.some((p) => p.includes("catalog's")) ? `\n  (${await catalogHint(path, env)})` : '';
    throw new UsageError(`${error.message}${hint}`);
  }
}

/** The mapping's JSON where it is JSON; `readMapping` says what is wrong with it otherwise. */
function jsonOrUndefined(text: string): unknown {
  try {
    return parseJsonText(text);
  } catch {
    return undefined;
  }
}

/**
 * What to do when the mapping's codes are not in the catalog: run with the catalog they come from.
 * The examples keep theirs beside the mapping (nyc311.json, nyc311-catalog.json): named when there.
 */
async function catalogHint(mappingPath: string, env: NodeJS.ProcessEnv): Promise<string> {
  const hint = 'codes are checked against the catalog the service runs with: set CATALOG_FILE to the catalog these codes come from, or map the values to codes of yours';
  const beside = join(dirname(mappingPath), `${basename(mappingPath, extname(mappingPath))}-catalog.json`);
  const present = await stat(beside).then((s) => s.isFile(), () => false);
  const inUse = env.CATALOG_FILE !== undefined && (await fileIdentity(env.CATALOG_FILE)) === (await fileIdentity(beside));
  return present && !inUse ? `${hint}; beside the mapping: CATALOG_FILE=${beside}` : hint;
}

function summary(report: ImportReport, args: Args): string {
  return importSummary(report, { check: args.check, file: args.file, rejectFile: args.rejectFile });
}

function proposalSummary({ values }: ReturnType<typeof proposeCatalog>, path: string): string {
  const lines = Object.entries(values).filter(([, map]) => Object.keys(map).length > 0).map(([name, map]) => `  values.${name}: ${JSON.stringify(map)}`);
  return [`proposed catalog written to ${path}: review the names, departments and deadlines, then run with CATALOG_FILE=${path}`, ...(lines.length > 0 ? ['  add to the mapping (unless it keeps source values with "*": "(source value)"):', ...lines] : []), ''].join('\n');
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.umask(OWNER_ONLY_UMASK);
  process.exitCode = await main(process.argv.slice(2), process.env);
}
