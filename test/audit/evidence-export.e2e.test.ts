import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { parse } from 'csv-parse/sync';
import { DateTime } from 'luxon';
import type { Browser } from 'playwright-core';
import { complaintStreamId, currentVersion } from '../../src/complaint-stream/index.js';
import { main as exportMain } from '../../scripts/audit-export.js';
import { csvCell } from '../../src/audit/export/csv.js';
import type { EventStore } from '../../src/event-store/event-store.js';
import { EVENT_STORE } from '../../src/event-store/index.js';
import { launchChromium } from '../console/browser.js';
import { staff, startTestApi, TEST_MASTER_KEY, type TestApi } from '../support/api.js';
import { received } from '../support/complaint-fixtures.js';
import { TEST_DATABASE_URL } from '../support/postgres.js';

let api: TestApi;
let store: EventStore;
let out: string;
beforeAll(async () => {
  api = await startTestApi();
  store = api.app.get<EventStore>(EVENT_STORE);
  out = await mkdtemp(join(tmpdir(), 'audit-export-'));
});
afterAll(async () => {
  await api.close();
  await rm(out, { recursive: true, force: true });
});

const HOSTILE = `<script>window.__pwned = 1</script><img src=x onerror="window.__pwned = 2"> "quoted", commas,
a second line & =HYPERLINK("http://evil.example")`;

type Step = [string, string, string, Record<string, unknown>];

/** A case as an import would write it: business times, actor per event. */
async function importCase(receivedAt: string, steps: Step[], overrides: Record<string, unknown> = {}): Promise<string> {
  const id = `q-${randomUUID()}`;
  const all: Step[] = [[receivedAt, 'u-intake', 'ComplaintReceived', { ...received[0]!.data, complaintId: id, receivedAt, ...overrides }], ...steps];
  for (const [i, [occurredAt, actorId, type, data]] of all.entries()) {
    await store.append(
      complaintStreamId(id),
      [{ type, schemaVersion: currentVersion(type), data, metadata: { actorId, actorRole: actorId.slice(2), occurredAt, commandId: randomUUID(), correlationId: randomUUID(), causationId: randomUUID() } }],
      { expectedRevision: i === 0 ? 'no-stream' : i - 1 },
    );
  }
  return id;
}

const env = () => ({ EVENT_STORE: 'postgres', DATABASE_URL: TEST_DATABASE_URL, DATABASE_SCHEMA: api.schema, LOG_LEVEL: 'silent', MASTER_KEY: TEST_MASTER_KEY.toString('hex') });

async function runExport(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await exportMain(args, env(), { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t) });
  return { code, stdout, stderr };
}

const readJson = async (path: string) => JSON.parse(await readFile(path, 'utf8'));
/** A CSV of the export: it starts with the UTF-8 byte-order mark (Excel reads Korean right with it), which the parser is told of. */
const csvRows = async (path: string) => {
  const text = await readFile(path, 'utf8');
  expect({ path, bom: text.startsWith('\uFEFF') }).toEqual({ path, bom: true });
  return parse(text, { columns: true, skip_empty_lines: true, bom: true }) as Record<string, string>[];
};
const asCsv = (rows: Record<string, unknown>[]) => rows.map((row) => Object.fromEntries(Object.entries(row).map(([k, v]) => [k, csvCell(v)])));

let closedCase: string;
let openCase: string;
let withdrawnCase: string;

describe('the evidence export of a quarter', () => {
  beforeAll(async () => {
    const day = (month: number, date: number, time: string) => `2026-${String(month).padStart(2, '0')}-${String(date).padStart(2, '0')}T${time}:00+09:00`;
    closedCase = await importCase(
      day(7, 6, '10:00'),
      [
        [day(7, 6, '10:20'), 'u-intake', 'ComplaintAcknowledged', { channel: 'email' }],
        [day(7, 6, '11:00'), 'u-intake', 'ComplaintAssessed', { severity: 'high', safetyIssue: true, priority: 'urgent' }],
        [day(7, 6, '11:30'), 'u-intake', 'ComplaintAssigned', { department: 'inspection' }],
        [day(7, 7, '15:00'), 'u-handler', 'FindingsRecorded', { summary: `Seal worn ${HOSTILE}`, subjects: [{ id: 'emp-7', kind: 'employee', substantiated: true }] }],
        [day(7, 8, '10:00'), 'u-head', 'DecisionMade', { outcome: 'upheld', basis: 'Gas Safety Act art. 17', compensation: { amount: 10000, currency: 'KRW' } }],
        [day(7, 8, '11:00'), 'u-head', 'DecisionCommunicated', { channel: 'email', basis: 'Gas Safety Act art. 17', appeal: 'Within 90 days to the ministry' }],
        [day(7, 8, '14:00'), 'u-head', 'ComplaintClosed', { reason: 'resolved' }],
      ],
      { description: HOSTILE, remedySought: '=1+1', complainant: { name: '<b>김민수</b>', phone: '010-1234-5678', email: 'minsu@example.kr' } },
    );
    openCase = await importCase(day(8, 20, '16:00'), [[day(8, 21, '09:30'), 'u-intake', 'ComplaintAssigned', { department: 'inspection' }]]);
    withdrawnCase = await importCase(day(9, 30, '23:59'), [[day(10, 1, '09:00'), 'u-office', 'ComplaintWithdrawn', { reason: 'Settled, "thanks"' }]], { confidential: true });
    // Outside the quarter, by receipt in Seoul time.
    await importCase(day(6, 30, '23:59'), []);
    await importCase(day(10, 1, '00:00'), []);
  });

  it('writes JSON, CSV and HTML per case and a summary, the complainant redacted for an auditor', async () => {
    const dir = join(out, 'q3');
    const run = await runExport(['--quarter', '2026-Q3', '--out', dir, '--actor', 'aud-1', '--name', 'Auditor Yoon']);
    expect(run).toMatchObject({ code: 0, stderr: '' });
    expect(run.stdout).toMatch(/wrote 3 cases .* open index\.html/);
    expect(run.stdout).toMatch(/store integrity: OK/);

    const files = (await readdir(join(dir, 'cases'))).sort();
    expect(files).toEqual([closedCase, openCase, withdrawnCase].flatMap((id) => [`${id}.csv`, `${id}.html`, `${id}.json`]).sort());
    const summary = await readJson(join(dir, 'summary.json'));
    expect(summary.cases.map((c: { complaintId: string }) => c.complaintId)).toEqual([closedCase, openCase, withdrawnCase]);
    expect(summary).toMatchObject({ scope: { quarter: '2026-Q3', timeZone: 'Asia/Seoul' }, exportedBy: { id: 'aud-1', roles: ['auditor'] }, personalDataShown: false, store: { ok: true } });
    expect(summary.conformity.cases).toBe(3);
    // The population it counts, said in the export: the cases received in the quarter (GET /audit/conformity counts those closed in it).
    expect(summary.scope.population).toMatch(/^cases received in the quarter/);
    expect(summary.conformity).toMatchObject({ population: summary.scope.population, conforming: { count: 1 }, open: { count: 0 }, withGaps: { count: 2 } });
    // Instants in UTC, and beside them the same in the calendar's zone: received 30 September 23:59 in Seoul is 14:59 UTC.
    const withdrawnRow = summary.cases.find((c: { complaintId: string }) => c.complaintId === withdrawnCase);
    expect(withdrawnRow).toMatchObject({
      receivedAt: '2026-09-30T14:59:00.000Z', receivedLocal: '2026-09-30 23:59:00', closedAs: 'withdrawn', closedAt: '2026-10-01T00:00:00.000Z',
      closedLocal: '2026-10-01 09:00:00', timeZone: 'Asia/Seoul', slaStatus: 'not-applicable',
    });
    expect(summary.cases.find((c: { complaintId: string }) => c.complaintId === closedCase)).toMatchObject({ receivedAt: '2026-07-06T01:00:00.000Z', slaStatus: 'met' });

    const closed = await readJson(join(dir, 'cases', `${closedCase}.json`));
    expect(closed).toMatchObject({ case: { state: 'closed', complainant: { name: '[redacted]' }, description: '[redacted]', remedySought: '[redacted]' }, decision: { outcome: 'upheld', communicated: { channel: 'email' } } });
    expect(closed.checklist.map((i: { clause: string; status: string }) => `${i.clause} ${i.status}`)).toEqual([
      '7.2 evidenced', '7.3 evidenced', '7.4 evidenced', '7.5 evidenced', '7.6 evidenced', '7.7 evidenced', '7.8 evidenced', '7.9 evidenced',
    ]);
    expect(closed.sla[0]).toMatchObject({ status: 'met', stoppedBy: 'decision-communicated' });
    expect(closed.integrity).toMatchObject({ chainIntact: true, lastRevision: 7 });
    expect(closed.case.receivedAt).toBe('2026-07-06T01:00:00.000Z');
    expect(closed.checklist[0].evidence.basis).toContain('received 2026-07-06T01:00:00.000Z');
    expect(JSON.parse(closed.timeline[0].details).receivedAt).toBe('2026-07-06T01:00:00.000Z');
    const open = await readJson(join(dir, 'cases', `${openCase}.json`));
    expect(open.checklist.find((i: { clause: string }) => i.clause === '7.4')).toMatchObject({ status: 'gap', gap: 'not acknowledged and no reason recorded' });

    // A confidential case says so at the top of its page, before anything else of it; another does not.
    const confidentialPage = await readFile(join(dir, 'cases', `${withdrawnCase}.html`), 'utf8');
    expect(confidentialPage.indexOf('id="confidential"')).toBeGreaterThan(-1);
    expect(confidentialPage.indexOf('id="confidential"')).toBeLessThan(confidentialPage.indexOf('<section id="case">'));
    expect(await readFile(join(dir, 'cases', `${closedCase}.html`), 'utf8')).not.toContain('id="confidential"');
    const index = await readFile(join(dir, 'index.html'), 'utf8');
    expect(index).toContain('This export holds the cases <strong>received</strong>');
    expect(index).toContain('ISO 10002 conformity per clause, of cases received in the quarter');

    for (const file of await readdir(dir, { recursive: true })) {
      if (!/\.(json|csv|html)$/.test(file)) continue;
      const text = await readFile(join(dir, file), 'utf8');
      expect({ file, personal: /김민수|010-1234-5678|minsu@example/.test(text) }).toEqual({ file, personal: false });
    }
    // The export waits (up to a minute) for events another session's long transaction keeps unreadable in order.
  }, 90_000);

  it('its CSV files parse back (with a CSV library) to the same rows as the JSON', async () => {
    const dir = join(out, 'q3');
    const summary = await readJson(join(dir, 'summary.json'));
    expect(await csvRows(join(dir, 'summary.csv'))).toEqual(asCsv(summary.cases));
    for (const id of [closedCase, openCase, withdrawnCase]) {
      const evidence = await readJson(join(dir, 'cases', `${id}.json`));
      const rows = await csvRows(join(dir, 'cases', `${id}.csv`));
      expect(rows).toEqual(asCsv(evidence.timeline));
      expect(rows.length).toBe(evidence.timeline.length);
    }
    // A formula a complainant wrote is not run by a spreadsheet: it stays text.
    const timeline = await csvRows(join(dir, 'cases', `${closedCase}.csv`));
    expect(JSON.parse(timeline[0]!.details!)).toMatchObject({ description: '[redacted]', remedySought: '[redacted]' });
    expect(csvCell('=1+1')).toBe("'=1+1");
  });

  it('opens in a browser: the index links each case, hostile text shows as text, and it prints', async () => {
    const dir = join(out, 'q3');
    let browser: Browser | undefined;
    try {
      browser = await launchChromium();
      const page = await browser.newPage();
      await page.goto(pathToFileURL(join(dir, 'index.html')).href);
      expect(await page.title()).toBe('Evidence export 2026-Q3');
      expect(await page.locator('table.cases tbody tr').count()).toBe(3);
      expect(await page.locator('#conformity tbody tr[data-clause]').count()).toBe(8);
      expect(await page.locator('#store').textContent()).toMatch(/Every event and seal of the store verified/);

      await page.locator(`tr[data-complaint-id="${closedCase}"] a`).click();
      await page.waitForURL(/\.html$/);
      expect(page.url()).toBe(pathToFileURL(join(dir, 'cases', `${closedCase}.html`)).href);
      expect(await page.title()).toBe(`Complaint ${closedCase}: evidence report`);
      expect(await page.locator('.description').textContent()).toBe('[redacted]');
      expect(await page.locator('#timeline').textContent()).toContain('<script>window.__pwned = 1</script>');
      expect(await page.locator('script').count()).toBe(0);
      expect(await page.locator('img').count()).toBe(0);
      expect(await page.evaluate('typeof window.__pwned')).toBe('undefined');
      expect(await page.locator('#checklist tbody tr[data-status="evidenced"]').count()).toBe(8);
      expect(await page.locator('#timeline tbody tr').count()).toBe(8);
      expect(await page.locator('#case').textContent()).toMatch(/Complainant\[redacted\]/);

      const pdf = await page.pdf({ format: 'A4' });
      expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    } finally {
      await browser?.close();
    }
  });

  it('shows the complainant to a role that may see personal data, escaped in HTML', async () => {
    const dir = join(out, 'office');
    const run = await runExport(['--case', closedCase, '--out', dir, '--role', 'complaints-office', '--actor', 'office-1']);
    expect(run.code).toBe(0);
    const evidence = await readJson(join(dir, 'cases', `${closedCase}.json`));
    expect(evidence).toMatchObject({ personalDataShown: true, case: { complainant: { name: '<b>김민수</b>', phone: '010-1234-5678' } } });
    const page = await readFile(join(dir, 'cases', `${closedCase}.html`), 'utf8');
    expect(page).toContain('&lt;b&gt;김민수&lt;/b&gt;');
    expect(page).not.toContain('<b>김민수');
    expect(page).toContain('&lt;script&gt;window.__pwned = 1&lt;/script&gt;');
    // One clock on the page: the checklist's basis says the receipt in Seoul's time, as its header line does (the JSON keeps UTC).
    expect(page).toContain('received 2026-07-06 10:00:00 +09:00');
    expect(page).not.toMatch(/Basis: [^<]*\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z/);
    const summary = await readJson(join(dir, 'summary.json'));
    expect(summary).toMatchObject({ scope: { complaintId: closedCase }, cases: [{ complaintId: closedCase }] });
  });

  it('writes each exported case to the access log under the exporter', async () => {
    const log = await api.call('GET', '/audit/access-log?action=export&actor=aud-1', { as: staff.auditor });
    expect(log.body.items.map((e: { complaintId: string }) => e.complaintId).sort()).toEqual([closedCase, openCase, withdrawnCase].sort());
    expect(log.body.items.every((e: { personalData: boolean }) => !e.personalData)).toBe(true);
    const office = await api.call('GET', `/audit/access-log?action=export&actor=office-1`, { as: staff.auditor });
    expect(office.body.items).toMatchObject([{ complaintId: closedCase, personalData: true }]);
  });

  it('an auditor who gives a reason exports the case’s personal data (break-glass), and the access log keeps the reason', async () => {
    const dir = join(out, 'break-glass');
    const reason = 'ISO 10002 audit 2026-Q3: sample case 4';
    const run = await runExport(['--case', closedCase, '--out', dir, '--actor', 'aud-2', '--reason', reason]);
    expect(run).toMatchObject({ code: 0, stderr: '' });
    expect(run.stdout).toMatch(/personal data: shown by a break-glass read/);
    const evidence = await readJson(join(dir, 'cases', `${closedCase}.json`));
    expect(evidence).toMatchObject({ personalDataShown: true, breakGlassReason: reason, case: { complainant: { name: '<b>김민수</b>' }, description: HOSTILE, remedySought: '=1+1' } });
    expect(await readJson(join(dir, 'summary.json'))).toMatchObject({ personalDataShown: true, breakGlassReason: reason });
    expect(await readFile(join(dir, 'cases', `${closedCase}.html`), 'utf8')).toContain(`shown by a break-glass read, for: ${reason}`);
    const log = await api.call('GET', '/audit/access-log?actor=aud-2', { as: staff.auditor });
    expect(log.body.items).toMatchObject([{ action: 'break-glass-read', complaintId: closedCase, personalData: true, detail: { reason, scope: 'case' } }]);

    // The reason is for auditors, and must say something.
    for (const args of [['--role', 'manager', '--reason', reason], ['--reason', 'x'], ['--reason', 'tab\there']]) {
      const refused = await runExport(['--case', closedCase, '--out', join(out, 'refused'), ...args]);
      expect({ args, code: refused.code }).toEqual({ args, code: 2 });
    }
    expect(existsSync(join(out, 'refused'))).toBe(false);
  });

  it('refuses bad arguments (exit 2) and an unknown case (exit 1)', async () => {
    for (const args of [[], ['--case', 'a', '--quarter', '2026-Q3'], ['--quarter', '2026-Q5'], ['--quarter', 'Q3'], ['--case', 'a b'], ['--case', 'x', '--role', 'boss'], ['--bogus']]) {
      const run = await runExport(args);
      expect({ args, code: run.code }).toEqual({ args, code: 2 });
      expect(run.stderr).toMatch(/usage:/);
    }
    const missing = await runExport(['--case', 'no-such-case', '--out', join(out, 'missing')]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/complaint no-such-case not found/);
    expect(existsSync(join(out, 'missing'))).toBe(false);
  });
});

describe('the evidence export of an improvement request, like a case', () => {
  let requestId: string;
  // Filed over the API now: it falls in the current quarter, in Seoul time.
  const thisQuarter = () => {
    const seoul = DateTime.now().setZone('Asia/Seoul');
    return `${seoul.year}-Q${seoul.quarter}`;
  };
  beforeAll(async () => {
    const filed = await api.call('POST', '/improvement-requests', {
      as: staff.office,
      body: { department: 'inspection', complaints: [closedCase], change: 'Replace worn seals on a schedule', reason: `Seal failure ${HOSTILE}` },
    });
    expect(filed.status).toBe(201);
    requestId = filed.body.id as string;
    const planned = await api.call('POST', `/improvement-requests/${requestId}/plan`, { as: staff.head, body: { plan: 'Quarterly seal checks' } });
    expect(planned.body.state).toBe('planned');
  });

  it('--request exports the request alone: its state, due date, complaints behind it, and its events with their hashes; the CSV parses back', async () => {
    const dir = join(out, 'request');
    const run = await runExport(['--request', requestId, '--out', dir, '--actor', 'aud-3']);
    expect(run).toMatchObject({ code: 0, stderr: '' });
    expect(run.stdout).toMatch(/wrote 0 cases and 1 improvement request \(/);
    expect((await readdir(join(dir, 'requests'))).sort()).toEqual([`${requestId}.csv`, `${requestId}.html`, `${requestId}.json`]);
    expect(existsSync(join(dir, 'cases'))).toBe(false);

    const evidence = await readJson(join(dir, 'requests', `${requestId}.json`));
    const stored = await store.readStream(`improvement-request-${requestId}`);
    expect(evidence).toMatchObject({
      requestId,
      exportedBy: { id: 'aud-3', roles: ['auditor'] },
      request: { state: 'planned', department: 'inspection', complaints: [closedCase], dueOn: expect.stringMatching(/^\d{4}-\d\d-\d\d$/), overdue: false, revision: 1 },
      integrity: { chainIntact: true, lastRevision: 1, lastHash: stored[1]!.hash },
    });
    expect(evidence.timeline.map((t: { type: string; hash: string; previousHash: string }) => [t.type, t.hash, t.previousHash])).toEqual(
      stored.map((e) => [e.type, e.hash, e.previousHash]),
    );
    const rows = await csvRows(join(dir, 'requests', `${requestId}.csv`));
    expect(rows).toEqual(asCsv(evidence.timeline));
    const summary = await readJson(join(dir, 'summary.json'));
    expect(summary).toMatchObject({ scope: { requestId }, cases: [], requests: [{ requestId, state: 'planned', complaints: closedCase, chainIntact: true }] });
    expect(await csvRows(join(dir, 'requests.csv'))).toEqual(asCsv(summary.requests));
    const page = await readFile(join(dir, 'requests', `${requestId}.html`), 'utf8');
    expect(page).toContain('&lt;script&gt;window.__pwned = 1&lt;/script&gt;');
    expect(page).not.toContain('<script>');

    const missing = await runExport(['--request', 'no-such-request', '--out', join(out, 'missing-request')]);
    expect(missing).toMatchObject({ code: 1, stderr: expect.stringMatching(/improvement request no-such-request not found/) });
    expect((await runExport(['--request', requestId, '--case', closedCase])).code).toBe(2);
  });

  it('a quarter’s export holds the requests filed in it, each in the summary and linked from the index; a quarter before holds none', async () => {
    const dir = join(out, 'this-quarter');
    const run = await runExport(['--quarter', thisQuarter(), '--out', dir, '--actor', 'aud-3']);
    expect(run.code).toBe(0);
    const summary = await readJson(join(dir, 'summary.json'));
    expect(summary.requests).toEqual([expect.objectContaining({ requestId, department: 'inspection', state: 'planned', complaints: closedCase, events: 2 })]);
    expect(await csvRows(join(dir, 'requests.csv'))).toEqual(asCsv(summary.requests));
    expect(await readJson(join(dir, 'requests', `${requestId}.json`))).toMatchObject({ request: { complaints: [closedCase] } });
    expect(await readFile(join(dir, 'index.html'), 'utf8')).toContain(`<a href="requests/${requestId}.html">`);
    expect((await readJson(join(out, 'q3', 'summary.json'))).requests).toEqual([]);
  });

  it('writes each exported request to the access log under the exporter', async () => {
    const log = await api.call('GET', '/audit/access-log?action=export&actor=aud-3', { as: staff.auditor });
    const requests = log.body.items.filter((e: { detail: { requestId?: string } }) => e.detail.requestId === requestId);
    expect(requests).toHaveLength(2);
    expect(requests.map((e: { detail: { scope: string } }) => e.detail.scope).sort()).toEqual(['request', thisQuarter()].sort());
    expect(requests.every((e: { complaintId: string | null; personalData: boolean; detail: { complaints: string[] } }) => e.complaintId === null && !e.personalData && e.detail.complaints[0] === closedCase)).toBe(true);
  });
});
