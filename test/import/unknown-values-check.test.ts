import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { runImport } from '../support/import-cli.js';

/**
 * `npm run import -- --check` lists the unknown values of every value map of the mapping, each with
 * its count of rows: channels, statuses and outcomes as well as categories and departments. The real
 * import on files made from the shipped samples; no store is opened.
 */
let dir: string;
let env: NodeJS.ProcessEnv;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'import-unknown-'));
  env = { EVENT_STORE: 'postgres', DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none', DATA_DIR: dir };
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** The sample's first row (which imports) copied under new case ids, with the changes given for each copy. */
async function fileOf(sample: string, idColumn: string, changes: Record<string, string>[]): Promise<string> {
  const [header, first] = parse(await readFile(resolve(sample), 'utf8'), { bom: true, to: 2 }) as string[][];
  const rows = changes.map((change, i) => header!.map((column, c) => (column === idColumn ? `${first![c]}${i + 1}` : (change[column] ?? first![c]!))));
  const file = join(dir, `${idColumn.replace(/\W/g, '')}.csv`);
  await writeFile(file, stringify([header!, ...rows]));
  return file;
}
const check = (file: string, mapping: string, catalog: string) =>
  runImport(['--file', file, '--mapping', resolve(mapping), '--reject-file', join(dir, 'rejects.csv'), '--check'], { ...env, CATALOG_FILE: resolve(catalog) });

describe('--check lists the unknown values of every value map, with their counts', () => {
  it('statuses (NYC 311)', async () => {
    const status = (Status: string) => ({ Status });
    const file = await fileOf('test/import/sample/nyc311-sample-999.csv', 'Unique Key', [{}, status('Lost'), status('Lost'), status('Lost'), status('Mislaid')]);
    const result = await check(file, 'mappings/nyc311.json', 'mappings/nyc311-catalog.json');
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(result.stdout).toContain(`check (nothing stored): 5 rows from ${file}: 1 would be imported, 4 rejected`);
    expect(result.stdout).toContain('  unknown values:\n');
    expect(result.stdout).toContain('    Status "Lost" (values.statuses): 3 rows\n');
    expect(result.stdout).toContain('    Status "Mislaid" (values.statuses): 1 row\n');
  });

  it('channels and outcomes (CFPB)', async () => {
    const file = await fileOf('test/import/sample/cfpb-sample-62.csv', 'Complaint ID', [
      {}, { 'Submitted via': 'Pigeon' }, { 'Submitted via': 'Pigeon' }, { 'Company response to consumer': 'Lost in the post' }, { 'Company response to consumer': 'Lost in the post' },
    ]);
    const result = await check(file, 'mappings/cfpb.json', 'mappings/cfpb-catalog.json');
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(result.stdout).toContain(`check (nothing stored): 5 rows from ${file}: 1 would be imported, 4 rejected`);
    expect(result.stdout).toContain('    Submitted via "Pigeon" (values.channels): 2 rows\n');
    expect(result.stdout).toContain('    Company response to consumer "Lost in the post" (values.outcomes): 2 rows\n');
  });
});
