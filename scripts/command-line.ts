/** What every command-line tool shares: where it writes, how it reads its options, what it creates. */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import type { EventStoreConfig } from '../src/event-store/index.js';
import { NoStoreError } from '../src/event-store/no-store.js';
import { DataFolderInUseError } from '../src/sql/index.js';

/** Set where each tool starts, as the service sets it: src/sql/owner-only.ts. */
export { OWNER_ONLY_UMASK } from '../src/sql/owner-only.js';

type ParseArgsOptionsConfig = NonNullable<ParseArgsConfig['options']>;

export interface ScriptIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

export const processIo: ScriptIo = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
};

type Parsed<O extends ParseArgsOptionsConfig> = ReturnType<typeof parseArgs<{ args: string[]; options: O; strict: true; allowPositionals: false }>>['values'];

/**
 * The tool's options (`--help`/`-h` added), or its exit code: 0 after printing the usage for
 * `--help`, 2 after saying what is wrong with the arguments and printing the usage.
 */
export function readOptions<O extends ParseArgsOptionsConfig>(tool: string, usage: string, argv: readonly string[], options: O, io: ScriptIo): Parsed<O> | number {
  let values: Parsed<O> & { help?: boolean };
  try {
    ({ values } = parseArgs({ args: [...argv], strict: true, allowPositionals: false, options: { ...options, help: { type: 'boolean', short: 'h' } } }) as { values: Parsed<O> & { help?: boolean } });
  } catch (error) {
    return usageError(tool, (error as Error).message, usage, io);
  }
  if (values.help) {
    io.stdout(usage);
    return 0;
  }
  return values;
}

/** Says what is wrong with the arguments, prints the usage, and gives exit code 2. */
export function usageError(tool: string, message: string, usage: string, io: ScriptIo): number {
  io.stderr(`${tool}: ${message}\n${usage}`);
  return 2;
}

/**
 * The refusal of a tool that reads or copies a store when the configuration points at none (a
 * mistyped DATA_DIR or DATABASE_SCHEMA), naming the setting to check, or at an embedded store another
 * process holds (the service), naming it; undefined for other errors. Every tool exits 2 with it.
 */
export function storeRefusal(tool: string, error: unknown, store: EventStoreConfig): string | undefined {
  if (error instanceof DataFolderInUseError) return `${tool}: refused: ${error.message}\n`;
  if (!(error instanceof NoStoreError)) return undefined;
  const check =
    store.kind === 'pglite' ? 'check DATA_DIR (the embedded store is the folder DATA_DIR/pglite)'
    : store.kind === 'postgres' ? 'check DATABASE_SCHEMA and DATABASE_URL'
    : store.readModels.kind === 'pglite' ? 'check DATA_DIR (the read models are in DATA_DIR/read-models)'
    : 'check DATABASE_SCHEMA and DATABASE_URL (the read models of the EventStoreDB store)';
  return `${tool}: refused: ${error.message}: ${check}. This tool never creates a store\n`;
}
