import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { parse } from 'csv-parse/sync';
import { strFromU8, unzipSync } from 'fflate';
import { DateTime } from 'luxon';
import { complaintBody, staff, startTestApi, type TestApi } from '../support/api.js';

/** The UTF-8 byte-order mark. */
const BOM = [0xef, 0xbb, 0xbf];

let api: TestApi;
let caseId: string;
const NAME = 'Complainant Seo';
const quarter = () => {
  const now = DateTime.now().setZone('Asia/Seoul');
  return `${now.year}-Q${now.quarter}`;
};

beforeAll(async () => {
  api = await startTestApi();
  const body = complaintBody();
  caseId = (await api.call('POST', '/complaints', { as: staff.intake, body: { ...body, complainant: { ...(body.complainant as object), name: NAME } } })).body.id;
  await api.call('POST', `/complaints/${caseId}/assess`, { as: staff.intake, body: { severity: 'low', safetyIssue: false } });
});
afterAll(async () => {
  await api.close();
});

async function download(query: string, as: (typeof staff)[keyof typeof staff] = staff.auditor, headers: Record<string, string> = {}) {
  const response = await fetch(`${api.url}/audit/evidence?${query}`, { headers: { authorization: `Bearer ${await api.token(as)}`, ...headers } });
  return { response, bytes: new Uint8Array(await response.arrayBuffer()) };
}

/** The access log's entries for the case, newest first. */
const logged = async () =>
  (await api.call('GET', `/audit/access-log?complaintId=${caseId}`, { as: staff.auditor })).body.items as { actorId: string; action: string; personalData: boolean; detail: Record<string, unknown> }[];

describe('the evidence export over HTTP (as `npm run audit:export` writes it)', () => {
  it('gives a case as JSON, personal data redacted for an auditor, and logs the export', async () => {
    const before = (await logged()).length;
    const { response, bytes } = await download(`complaint=${caseId}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    const evidence = JSON.parse(strFromU8(bytes));
    expect(evidence).toMatchObject({ complaintId: caseId, personalDataShown: false, integrity: { chainIntact: true } });
    expect(JSON.stringify(evidence)).not.toContain(NAME);
    const entries = await logged();
    expect(entries).toHaveLength(before + 1);
    expect(entries[0]).toMatchObject({ actorId: staff.auditor.sub, action: 'export', personalData: false, detail: { scope: 'case', out: expect.stringContaining('/audit/evidence') } });
  });

  it("shows the personal data to an auditor's break-glass export, and logs the reason", async () => {
    const reason = 'Ombudsman inquiry 2026-17 into this case';
    const { response, bytes } = await download(`complaint=${caseId}&format=html`, staff.auditor, { 'x-access-reason': reason });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    const page = strFromU8(bytes);
    expect(page).toContain(caseId);
    expect(page).toContain(NAME);
    expect((await logged())[0]).toMatchObject({ action: 'break-glass-read', personalData: true, detail: expect.objectContaining({ reason }) });
  });

  it('gives the timeline as a CSV attachment, starting with the UTF-8 byte-order mark Excel needs to read Korean', async () => {
    const { response, bytes } = await download(`complaint=${caseId}&format=csv`, staff.office);
    expect(response.headers.get('content-disposition')).toBe(`attachment; filename=evidence-${caseId}.csv`);
    expect([...bytes.subarray(0, 3)]).toEqual(BOM);
    const rows = parse(strFromU8(bytes), { columns: true, bom: true }) as Record<string, string>[];
    expect(rows.map((r) => r.type)).toEqual(['ComplaintReceived', 'ComplaintAssessed']);
  });

  it('gives a quarter as a zip of every file the command line writes', async () => {
    const { response, bytes } = await download(`quarter=${quarter()}&format=zip`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/zip');
    const files = unzipSync(bytes);
    const prefix = `${quarter()}/`;
    expect(Object.keys(files)).toEqual(expect.arrayContaining([`${prefix}summary.json`, `${prefix}index.html`, `${prefix}cases/${caseId}.html`, `${prefix}cases/${caseId}.csv`]));
    expect(JSON.parse(strFromU8(files[`${prefix}summary.json`]!)).cases.map((c: { complaintId: string }) => c.complaintId)).toContain(caseId);
    for (const csv of Object.keys(files).filter((name) => name.endsWith('.csv'))) expect({ csv, start: [...files[csv]!.subarray(0, 3)] }).toEqual({ csv, start: BOM });
  });

  it('dates the zip’s entries in the working calendar’s zone (a DOS time has none): an export at 12:28 in Seoul lists 12:28, not 03:28 UTC', async () => {
    const before = DateTime.now().setZone('Asia/Seoul');
    const { bytes } = await download(`quarter=${quarter()}&format=zip`);
    const after = DateTime.now().setZone('Asia/Seoul');
    // The first local file header: the modification time at offset 10, the date at 12 (little-endian DOS fields).
    const view = new DataView(bytes.buffer, bytes.byteOffset);
    expect(view.getUint32(0, true)).toBe(0x04034b50);
    const [time, date] = [view.getUint16(10, true), view.getUint16(12, true)];
    const listed = DateTime.fromObject(
      { year: (date >> 9) + 1980, month: (date >> 5) & 15, day: date & 31, hour: time >> 11, minute: (time >> 5) & 63, second: (time & 31) * 2 },
      { zone: 'Asia/Seoul' },
    );
    expect(listed.toMillis()).toBeGreaterThanOrEqual(before.startOf('second').toMillis() - 2000);
    expect(listed.toMillis()).toBeLessThanOrEqual(after.toMillis());
  });

  it('the quarter’s CSV gives each instant in UTC and, beside it, in the calendar’s zone, which it names', async () => {
    const { bytes } = await download(`quarter=${quarter()}&format=csv`);
    const rows = parse(strFromU8(bytes), { columns: true, bom: true }) as Record<string, string>[];
    const row = rows.find((r) => r.complaintId === caseId)!;
    expect(row.receivedAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    expect(row).toMatchObject({ timeZone: 'Asia/Seoul', receivedLocal: DateTime.fromISO(row.receivedAt!).setZone('Asia/Seoul').toFormat('yyyy-MM-dd HH:mm:ss'), closedLocal: '' });
  });

  it('refuses what it cannot answer: a 400 naming the parameter, 404, 403', async () => {
    const both = await api.call('GET', `/audit/evidence?complaint=${caseId}&quarter=2026-Q1`, { as: staff.auditor });
    expect(both).toMatchObject({ status: 400, body: { errors: [{ field: 'complaint', rule: 'give one of complaint, request or quarter' }] } });
    expect((await api.call('GET', `/audit/evidence?complaint=${caseId}&format=pdf`, { as: staff.auditor })).body.errors).toEqual([{ field: 'format', rule: 'must be one of: json, csv, html, zip' }]);
    expect((await api.call('GET', '/audit/evidence?quarter=2026-Q5', { as: staff.auditor })).body.errors).toEqual([{ field: 'quarter', rule: 'must be a quarter such as 2026-Q3' }]);
    expect((await api.call('GET', '/audit/evidence?complaint=no-such-case', { as: staff.auditor })).status).toBe(404);
    expect((await api.call('GET', `/audit/evidence?complaint=${caseId}`, { as: staff.handler })).status).toBe(403);
  });
});
