import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Catalog } from '../../domain/catalog.js';
import { ImportFailed } from '../../src/import/import-cases.js';
import { importFile, openSource, readMapping } from '../../src/import/import-file.js';
import type { MappingError } from '../../src/import/mapping.js';

const catalog = JSON.parse(await readFile('mappings/cfpb-catalog.json', 'utf8')) as Catalog;
const mapping = readMapping(await readFile('mappings/cfpb.json', 'utf8'), catalog, 'cfpb.json');
const sample = (await readFile('test/import/sample/cfpb-sample-62.csv', 'utf8')).split('\n');

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'import-file-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('a file that fails part-way (a quote never closed)', () => {
  it('imports the rows read before it, and says where it failed with the name the reader knows the file by', async () => {
    // An upload is stored under a temporary name; its job's error must name the file as sent.
    const path = join(dir, 'upload-7f3a.tmp');
    await writeFile(path, [sample[0], sample[1], sample[2], '2023-02-01,"Mortgage,Trouble,X,CA,90001,Web,2023-02-02,Closed with explanation,Yes,N/A,6500001', ''].join('\n'));
    const source = await openSource(path, mapping, 'complaints.csv');
    const failed = await importFile({ source, rejectFile: join(dir, 'rejects.csv'), catalog, mapping, sourceName: 'complaints.csv', now: '2026-01-01T00:00:00Z', correlationId: 'test' }).then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(failed).toBeInstanceOf(ImportFailed);
    const { report, message } = failed as ImportFailed;
    // A dry run (no store): the two rows before the quote would be imported, not left in the unsent batch.
    expect(report).toMatchObject({ rows: 2, imported: 2, rejected: 0 });
    expect(message).toContain('complaints.csv: line 4');
    expect(message).not.toContain(path);
  });
});

describe('a mapping file with a syntax error', () => {
  it('names the line and the column an editor shows, not only the character position', () => {
    const text = '{\n  "channel": "web",\n  "columns": { "receivedAt": "Date received" "externalId": "Complaint ID" }\n}\n';
    const problems = (() => {
      try {
        readMapping(text, catalog, 'utility.json');
        return [];
      } catch (error) {
        return (error as MappingError).problems;
      }
    })();
    expect(problems).toEqual([expect.stringMatching(/^utility\.json: \$: is not JSON \(.*\(line 3 column 46\)\)$/)]);
  });
});
