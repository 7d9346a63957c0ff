/** What every command-line tool shares: where it writes, and how it reads its options. */
import { parseArgs, type ParseArgsConfig } from 'node:util';

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
