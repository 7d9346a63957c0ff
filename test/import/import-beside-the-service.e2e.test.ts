import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { parse } from 'csv-parse/sync';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { main } from '../../scripts/import.js';
import { readCatalog } from '../../src/config/index.js';
import { staff, startTestApi, TEST_MASTER_KEY, type TestApi } from '../support/api.js';
import { TEST_DATABASE_URL } from '../support/postgres.js';

const SAMPLE = resolve('test/import/sample/cfpb-sample-62.csv');
const CATALOG = resolve('mappings/cfpb-catalog.json');

let api: TestApi;
let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'beside-'));
  api = await startTestApi({ config: { catalog: readCatalog(CATALOG) } });
});
afterAll(async () => {
  await api?.close();
  await rm(dir, { recursive: true, force: true });
});

describe('importing into PostgreSQL beside the running service', () => {
  it('the service’s read models see the imported cases: the quarterly report counts them, judged by the source’s due dates', async () => {
    // From the CSV alone: the rows imported (a real date, the first of their Complaint ID), those received in
    // 2023-Q2, and those closed then (the CFPB's day 15 after sending when timely, else day 16), of which timely.
    const seen = new Set<string>();
    const imported = (parse(readFileSync(SAMPLE), { columns: true }) as Record<string, string>[]).filter((r) => {
      const first = !seen.has(r['Complaint ID']!);
      seen.add(r['Complaint ID']!);
      return first && new Date(`${r['Date received']}T00:00:00Z`).toISOString().startsWith(r['Date received']!);
    });
    const inQ2 = (date: string) => date >= '2023-04-01' && date < '2023-07-01';
    const closingDay = (r: Record<string, string>) => new Date(Date.parse(`${r['Date sent to company']}T00:00:00Z`) + (r['Timely response?'] === 'Yes' ? 15 : 16) * 86_400_000).toISOString().slice(0, 10);
    const received = imported.filter((r) => inQ2(r['Date received']!)).length;
    const closed = imported.filter((r) => r['Company response to consumer'] !== 'In progress' && inQ2(closingDay(r)));
    const timely = closed.filter((r) => r['Timely response?'] === 'Yes').length;
    expect(received).toBeGreaterThan(5);
    expect(closed.length - timely).toBeGreaterThan(0);

    let stdout = '';
    const code = await main(
      ['--file', SAMPLE, '--mapping', resolve('mappings/cfpb.json'), '--reject-file', join(dir, 'rejects.csv')],
      { EVENT_STORE: 'postgres', DATABASE_URL: TEST_DATABASE_URL, DATABASE_SCHEMA: api.schema, CATALOG_FILE: CATALOG, MASTER_KEY: TEST_MASTER_KEY.toString('hex'), DATA_DIR: dir },
      { stdout: (t) => (stdout += t), stderr: (t) => (stdout += t), progress: undefined },
    );
    expect({ code, stdout }).toMatchObject({ code: 0, stdout: expect.stringContaining('rejected') });

    // The service follows the store: no restart, no rebuild.
    type Figures = { received: { value: number }; closed: { value: number }; slaCompliance: { value: number | null } };
    let figures: Figures | undefined;
    for (let i = 0; i < 300 && (figures?.received.value !== received || figures.closed.value !== closed.length); i++) {
      const response = await api.call('GET', '/reports/quarterly?quarter=2023-Q2', { as: staff.manager });
      expect(response.status).toBe(200);
      figures = response.body.figures as Figures;
      await new Promise((done) => setTimeout(done, 100));
    }
    expect(figures).toMatchObject({ received: { value: received }, closed: { value: closed.length }, slaCompliance: { value: Math.round((timely / closed.length) * 10_000) / 10_000 } });
  }, 120_000);
});
