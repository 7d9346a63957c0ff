import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Catalog } from '../../domain/catalog.js';
import { importFile, openSource, readMapping } from '../../src/import/import-file.js';

/** Files as spreadsheet programs and Windows editors save them, through the real import (a dry run: no store). */

const catalog = JSON.parse(await readFile('mappings/cfpb-catalog.json', 'utf8')) as Catalog;
const mapping = readMapping(await readFile('mappings/cfpb.json', 'utf8'), catalog, 'cfpb.json');
const [header, ...rows] = (await readFile('test/import/sample/cfpb-sample-62.csv', 'utf8')).split('\n').filter((line) => line !== '');

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'spreadsheet-exports-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Imports the file at `path` as a dry run; the report and the reject file's text. */
async function dryRun(path: string): Promise<{ report: Awaited<ReturnType<typeof importFile>>; rejects: string }> {
  const rejectFile = `${path}.rejects.csv`;
  const source = await openSource(path, mapping, 'export.csv');
  const report = await importFile({ source, rejectFile, catalog, mapping, sourceName: 'export.csv', now: '2026-01-01T00:00:00Z', correlationId: 'test' });
  return { report, rejects: await readFile(rejectFile, 'utf8') };
}

describe('a header with empty trailing cells (a spreadsheet saves its unused columns)', () => {
  it('imports with two or more of them, as with one: columns without a name are read by nobody', async () => {
    const path = join(dir, 'trailing.csv');
    await writeFile(path, [`${header},,,`, ...rows.slice(0, 3).map((row) => `${row},,,`), ''].join('\r\n'));
    const { report } = await dryRun(path);
    expect(report).toMatchObject({ rows: 3, imported: 3, rejected: 0 });
  });

  it('a name the mapping reads, twice, is refused, the name quoted', async () => {
    const path = join(dir, 'twice.csv');
    await writeFile(path, [`${header},Product,,`, `${rows[0]},Other,,`, ''].join('\n'));
    await expect(openSource(path, mapping, 'export.csv')).rejects.toThrow('export.csv: the header names "Product" more than once, which the mapping reads');
  });
});
