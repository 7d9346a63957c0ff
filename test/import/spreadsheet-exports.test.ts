import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Catalog } from '../../domain/catalog.js';
import { readCatalog } from '../../src/config/index.js';
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

describe('a row saved as Windows-1252', () => {
  /** The text in Windows-1252 (Node has no encoder for it): Latin-1 but for the characters it puts at 0x80–0x9F. */
  const windows1252 = (text: string): Buffer =>
    Buffer.from([...text].map((c) => ({ '€': 0x80, '‘': 0x91, '’': 0x92, '“': 0x93, '”': 0x94, '–': 0x96 })[c] ?? c.charCodeAt(0)));

  it('is rejected, written to the reject file as the text it was (€ and curly quotes too), and that row, fixed there, imports', async () => {
    const path = join(dir, 'windows-1252.csv');
    const issue = 'Billing ‘café’ € 5 – “fee”';
    await writeFile(path, Buffer.concat([Buffer.from(`${header}\n${rows[1]}\n`), windows1252(rows[0]!.replace('Written notification about debt', issue)), Buffer.from('\n')]));
    const { report, rejects } = await dryRun(path);
    expect(report).toMatchObject({ rows: 2, imported: 1, rejected: 1 });
    const [rejectHeader, rejected] = parse(rejects) as string[][];
    expect(rejected!.slice(0, 3)).toEqual(['2', '3', 'malformed-row']);
    expect(rejected![rejectHeader!.indexOf('Issue')]).toBe(issue);

    // Fixed: the reject file's own four columns dropped, nothing else needed.
    const fixed = join(dir, 'fixed.csv');
    await writeFile(fixed, stringify([rejectHeader!.slice(4), rejected!.slice(4)]));
    const again = await dryRun(fixed);
    expect(again.report).toMatchObject({ rows: 1, imported: 1, rejected: 0 });
  });
});

describe('a mapping or catalog saved as "UTF-8 with BOM" (Windows Notepad)', () => {
  const BOM = Buffer.from([0xef, 0xbb, 0xbf]);

  it('a mapping: the byte order mark is skipped, the mapping read as without it', async () => {
    const path = join(dir, 'bom-mapping.json');
    await writeFile(path, Buffer.concat([BOM, await readFile('mappings/cfpb.json')]));
    expect(readMapping(await readFile(path, 'utf8'), catalog, 'bom-mapping.json')).toEqual(mapping);
  });

  it('a catalog (CATALOG_FILE): the byte order mark is skipped, the catalog read as without it', async () => {
    const path = join(dir, 'bom-catalog.json');
    await writeFile(path, Buffer.concat([BOM, await readFile('mappings/cfpb-catalog.json')]));
    expect(readCatalog(path)).toEqual(readCatalog('mappings/cfpb-catalog.json'));
  });
});
