import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main as migrate, type MigrateScriptIo } from '../../scripts/store-migrate.js';
import { ERASED } from '../../src/complaint-stream/index.js';
import { loadConfig } from '../../src/config/index.js';
import { complaintBody, staff, startTestApi, type TestApi } from '../support/api.js';
import { PgliteClient } from '../../src/sql/index.js';
import { emptyPgliteCluster } from '../support/pglite.js';
import { connectAdmin, dropSchema, TEST_DATABASE_URL, uniqueSchemaName } from '../support/postgres.js';

// store:migrate takes the personal-data vault along: the copied cases' personal data reads back on the
// target with the same master key (the test services' own), and what was erased stays erased.

let folder: string;
const schemas: string[] = [];
beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'migrate-vault-'));
});
afterAll(async () => {
  await rm(folder, { recursive: true, force: true });
  for (const schema of schemas) await dropSchema(schema);
});

function captureIo(): MigrateScriptIo & { out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, stdout: (t) => void out.push(t), stderr: (t) => void err.push(t), progressEveryMs: 0 };
}

async function countRows(table: string): Promise<number> {
  const admin = await connectAdmin();
  try {
    return Number((await admin.query<{ n: string }>(`SELECT count(*) AS n FROM ${table}`)).rows[0]!.n);
  } finally {
    await admin.end();
  }
}

/** An embedded store with two cases: one complainant's data readable, the other's erased. */
async function sourceStore(dataDir: string): Promise<{ kept: string; erased: string }> {
  const service = await startTestApi({ config: { dataDir, store: loadConfig({ DATA_DIR: dataDir }).store } });
  try {
    const kept = (await service.call('POST', '/complaints', { as: staff.office, body: complaintBody() })).body;
    const erased = (await service.call('POST', '/complaints', { as: staff.office, body: complaintBody({ complainant: { name: '이영희', email: 'younghee@example.kr' }, consent: { sms: false, email: true, phone: false } }) })).body;
    const erasure = await service.call('POST', `/complainants/${erased.complainantKey as string}/erasure`, { as: staff.office, body: { reason: 'asked to be forgotten' } });
    expect(erasure.status).toBe(200);
    // Reads of personal data, each an access-log entry: more than nine, so numbers 1 and 10 sort before 2 as text.
    for (let i = 0; i < 10; i++) expect((await service.call('GET', `/complaints/${kept.id as string}`, { as: staff.office })).status).toBe(200);
    return { kept: kept.id as string, erased: erased.id as string };
  } finally {
    await service.close();
  }
}

async function expectPersonalDataReadsBack(service: TestApi, { kept, erased }: { kept: string; erased: string }): Promise<void> {
  const view = await service.call('GET', `/complaints/${kept}`, { as: staff.office });
  expect(view.status).toBe(200);
  expect(view.body.complainant).toMatchObject({ name: '김민수' });
  expect(view.body.description).toBe(complaintBody().description);
  expect((await service.call('GET', `/complaints/${erased}`, { as: staff.office })).body.complainant).toEqual({ name: ERASED });
}

describe('store:migrate copies the personal-data vault with the events', () => {
  it('pglite to pglite: the complainant’s data reads back on the target, the erased stays erased, and the keys are verified', async () => {
    const from = join(folder, 'from');
    const to = join(folder, 'to');
    const cases = await sourceStore(from);
    await emptyPgliteCluster(join(to, 'pglite'));
    const io = captureIo();
    expect(await migrate(['--from', 'pglite', '--from-dir', join(from, 'pglite'), '--to', 'pglite', '--to-dir', join(to, 'pglite')], {}, io)).toBe(0);
    expect(io.out.join('')).toContain('personal-data vault copied: personal_data_keys 2 of 2 rows match, personal_data_links');
    // The check value of the master key goes along: the target knows the key its data keys are wrapped under.
    expect(io.out.join('')).toContain('personal_data_master_key 1 of 1 rows match');
    expect(io.out.join('')).toContain('same master key');
    // The access log, the auditors' record of who read personal data, moves with the data.
    const copiedEntries = Number(/access log copied: (\d+) of \1 entries match/.exec(io.out.join(''))?.[1]);
    expect(copiedEntries).toBeGreaterThan(0);
    // Its hash chain moves with it: the copy verifies.
    expect(io.out.join('')).toMatch(/access log copied: (\d+) of \1 entries match, its hash chain verifies \(head: entry \d+, hash [0-9a-f]{64}\)/);

    const target = await startTestApi({ config: { dataDir: to, store: loadConfig({ DATA_DIR: to }).store } });
    try {
      const logged = async () => (await target.call('GET', `/audit/access-log?complaintId=${cases.kept}&limit=100`, { as: staff.auditor })).body.items as { id: string }[];
      const before = await logged();
      expect(before.length).toBeGreaterThan(0);
      await expectPersonalDataReadsBack(target, cases);
      // The target's own entries number on after the copied ones.
      const after = await logged();
      expect(after.length).toBeGreaterThan(before.length);
      expect(after.slice(-before.length)).toEqual(before);
      // The erasure came along, and the copied log, with the target's own entries chained on, verifies.
      expect((await target.call('GET', '/audit/access-log?action=erasure', { as: staff.auditor })).body.items).toEqual([
        expect.objectContaining({ action: 'erasure', complaintId: cases.erased, detail: expect.objectContaining({ reason: 'asked to be forgotten' }) }),
      ]);
      expect((await target.call('GET', '/audit/verify', { as: staff.auditor })).body.accessLog).toMatchObject({ ok: true, findings: [] });
    } finally {
      await target.close();
    }

    // A re-run copies nothing twice and still verifies.
    const again = captureIo();
    expect(await migrate(['--from', 'pglite', '--from-dir', join(from, 'pglite'), '--to', 'pglite', '--to-dir', join(to, 'pglite')], {}, again)).toBe(0);
    expect(again.out.join('')).toContain('personal_data_keys 2 of 2 rows match');
    expect(again.out.join('')).toMatch(/access log copied: (\d+) of \1 entries match, its hash chain verifies/);
  }, 240_000);

  it('pglite to postgres: the same on a PostgreSQL server', async () => {
    const from = join(folder, 'from-pg');
    const schema = uniqueSchemaName();
    schemas.push(schema);
    const cases = await sourceStore(from);
    const io = captureIo();
    // One row a page: every table's paging is exercised.
    expect(await migrate(['--from', 'pglite', '--from-dir', join(from, 'pglite'), '--to', 'postgres', '--to-url', TEST_DATABASE_URL, '--to-schema', schema, '--batch-size', '1'], {}, io)).toBe(0);
    expect(io.out.join('')).toContain('personal_data_keys 2 of 2 rows match');
    // Every entry of the access log arrives, and the count is the source's.
    const source = await PgliteClient.open(join(from, 'pglite'));
    const [entries] = await source.query<{ n: number }>('SELECT count(*)::integer AS n FROM access_log').finally(() => source.close());
    expect(entries!.n).toBeGreaterThan(10);
    expect(io.out.join('')).toContain(`access log copied: ${entries!.n} of ${entries!.n} entries match`);
    expect(await countRows(`"${schema}".access_log`)).toBe(entries!.n);

    const target = await startTestApi({ schema });
    try {
      await expectPersonalDataReadsBack(target, cases);
    } finally {
      await target.close();
    }

    // Another store into this one (a mistyped --to-schema): refused before anything is written, not merged.
    const other = join(folder, 'other');
    await sourceStore(other);
    const held = async () => [await countRows(`"${schema}".events`), await countRows(`"${schema}".personal_data_keys`), await countRows(`"${schema}".access_log`)];
    const before = await held();
    const refused = captureIo();
    expect(await migrate(['--from', 'pglite', '--from-dir', join(other, 'pglite'), '--to', 'postgres', '--to-url', TEST_DATABASE_URL, '--to-schema', schema], {}, refused)).toBe(2);
    expect(refused.err.join('')).toMatch(
      new RegExp(`schema ${schema}: the target already holds ${before[0]} events of 3 streams, 2 data keys, ${before[2]} access-log entries, and its event complaint-\\S+ is not the source's: it is another store, not an earlier copy of this source. Nothing was written`),
    );
    expect(await held()).toEqual(before);
  }, 240_000);

  it('where the data keys go beside EventStoreDB is named for eventstoredb only (exit 2 otherwise)', async () => {
    // No EventStoreDB server here: the copy into one is not run by these tests.
    const io = captureIo();
    expect(await migrate(['--from', 'pglite', '--to', 'postgres', '--to-read-models-dir', 'x'], { DATABASE_URL: TEST_DATABASE_URL }, io)).toBe(2);
    expect(io.err.join('')).toMatch(/--to-read-models-dir is for eventstoredb/);
  });
});
