import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { parse } from 'csv-parse/sync';
import { main as exportMain } from '../../scripts/audit-export.js';
import { complaintBody, serviceForSuite, staff, TEST_MASTER_KEY } from '../support/api.js';
import { TEST_DATABASE_URL } from '../support/postgres.js';

/** The auditor's routes take a case's reference (2026-000123) wherever they take its id, as the complaints routes do. */
const suite = serviceForSuite();

async function receivedCase(): Promise<{ id: string; reference: string }> {
  const { status, body } = await suite.api.call('POST', '/complaints', { as: staff.intake, body: complaintBody({ receivedAt: '2021-04-01T10:00:00+09:00' }) });
  expect(status).toBe(201);
  expect(body.reference).toMatch(/^2021-\d{6}$/);
  return { id: body.id, reference: body.reference };
}

const download = async (query: string) => {
  const response = await fetch(`${suite.api.url}/audit/evidence?${query}`, { headers: { authorization: `Bearer ${await suite.api.token(staff.auditor)}` } });
  return { status: response.status, text: await response.text() };
};

describe('case references in the audit routes', () => {
  it('GET /audit/evidence?complaint=<reference> exports the case, in every format; a reference no case has is a 404', async () => {
    const { id, reference } = await receivedCase();
    const json = await download(`complaint=${reference}`);
    expect(json.status).toBe(200);
    expect(JSON.parse(json.text)).toMatchObject({ complaintId: id, reference });
    const csv = await download(`complaint=${reference}&format=csv`);
    expect(csv.status).toBe(200);
    expect((parse(csv.text, { columns: true }) as { complaintId: string }[])[0]?.complaintId).toBe(id);
    const page = await download(`complaint=${reference}&format=html`);
    expect(page.status).toBe(200);
    expect(page.text).toContain(`Complaint ${id}`);
    const none = await download('complaint=2021-999999');
    expect(none.status).toBe(404);
    expect(JSON.parse(none.text).message).toBe('complaint 2021-999999 not found');
  });

  it('GET /audit/access-log?complaintId=<reference> lists the entries of the case; a reference no case has is a 404', async () => {
    const { id, reference } = await receivedCase();
    expect((await download(`complaint=${id}`)).status).toBe(200);
    const byId = await suite.api.call('GET', `/audit/access-log?complaintId=${id}`, { as: staff.auditor });
    expect(byId.body.items.length).toBeGreaterThan(0);
    const byReference = await suite.api.call('GET', `/audit/access-log?complaintId=${reference}`, { as: staff.auditor });
    expect(byReference.status).toBe(200);
    expect(byReference.body.items).toEqual(byId.body.items);
    expect((await suite.api.call('GET', '/audit/access-log?complaintId=2021-999999', { as: staff.auditor })).status).toBe(404);
    // A mistyped id is no case either: a 404, not an empty page that reads as "nobody read this case".
    const mistyped = await suite.api.call('GET', `/audit/access-log?complaintId=${id.slice(0, -1)}x`, { as: staff.auditor });
    expect(mistyped).toMatchObject({ status: 404, body: { message: `complaint ${id.slice(0, -1)}x not found` } });
    // A case nobody read in that way is an empty page.
    const none = await suite.api.call('GET', `/audit/access-log?complaintId=${id}&action=erasure`, { as: staff.auditor });
    expect(none).toMatchObject({ status: 200, body: { items: [] } });
  });

  it('npm run audit:export -- --case <reference> writes the case under its id', async () => {
    const { id, reference } = await receivedCase();
    const out = await mkdtemp(join(tmpdir(), 'audit-export-reference-'));
    try {
      let stdout = '';
      let stderr = '';
      const env = { EVENT_STORE: 'postgres', DATABASE_URL: TEST_DATABASE_URL, DATABASE_SCHEMA: suite.api.schema, LOG_LEVEL: 'silent', MASTER_KEY: TEST_MASTER_KEY.toString('hex') };
      const code = await exportMain(['--case', reference, '--out', out], env, { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t) });
      expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
      expect(stdout).toMatch(/wrote 1 case/);
      expect((await readdir(join(out, 'cases'))).sort()).toEqual([`${id}.csv`, `${id}.html`, `${id}.json`]);
      const missing = await exportMain(['--case', '2021-999999', '--out', join(out, 'none')], env, { stdout: () => undefined, stderr: (t) => void (stderr += t) });
      expect(missing).toBe(1);
      expect(stderr).toContain('complaint 2021-999999 not found');
    } finally {
      await rm(out, { recursive: true, force: true });
    }
  });
});
