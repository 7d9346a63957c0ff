/**
 * Done when (issue 18): a year of complaints from the workload generator, four quarters, each evaluated:
 * drafted with the engine's evidence, judged, actions added, signed, and followed up in the next
 * quarter's evaluation; the store verifies with `audit:verify`; each report opens and prints in
 * Chromium; each evaluation's quarterly figures are those of `GET /reports/quarterly`.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Browser } from 'playwright-core';
import { main as verifyMain } from '../../scripts/audit-verify.js';
import { INDICATOR_CODES, RATINGS } from '../../domain/evaluation/indicators.js';
import type { ProjectionRunner } from '../../src/projections/projection-runner.js';
import { PROJECTIONS } from '../../src/projections/index.js';
import { staff, startTestApi, type TestApi } from '../support/api.js';
import { recordHistory } from '../support/history.js';
import { connectAdmin, TEST_DATABASE_URL } from '../support/postgres.js';
import { generateWorkload } from '../support/workload/generator.js';
import { launchChromium, screenshotPath } from '../console/browser.js';

const QUARTERS = ['2026-Q1', '2026-Q2', '2026-Q3', '2026-Q4'] as const;
/** Each quarter is evaluated in the first week of the next (Seoul time), and followed up a month later. */
const DRAFTED_ON = { '2026-Q1': '2026-04-06', '2026-Q2': '2026-07-06', '2026-Q3': '2026-10-05', '2026-Q4': '2027-01-04' } as const;
const FOLLOWED_UP_ON = { '2026-Q1': '2026-05-11', '2026-Q2': '2026-08-10', '2026-Q3': '2026-11-09', '2026-Q4': '2027-02-08' } as const;
const MID_QUARTER = { '2026-Q1': '2026-02-10', '2026-Q2': '2026-05-12', '2026-Q3': '2026-08-11', '2026-Q4': '2026-11-10' } as const;

let api: TestApi;
let now = new Date('2026-01-01T00:00:00+09:00');
const at = (day: string, time = '10:00') => {
  now = new Date(`${day}T${time}:00+09:00`);
};
const runner = () => api.app.get<ProjectionRunner>(PROJECTIONS);
const post = (path: string, as: (typeof staff)[keyof typeof staff], body: unknown = {}) => api.call('POST', path, { as, body });
let cases = 0;

beforeAll(async () => {
  api = await startTestApi({ clock: () => now });
  for (const generated of generateWorkload({ seed: 18, complaints: 160, from: '2026-01-01T00:00:00+09:00', to: '2027-01-01T00:00:00+09:00' })) {
    await recordHistory(api.app, generated.complaintId, generated.steps.map(({ actor, command }) => ({ actor: { sub: actor.id, roles: actor.roles }, command })));
    cases++;
  }
  await runner().caughtUp();
  // In each quarter: an improvement request from one of its cases (아) and an ad-hoc inspection of a sample (카).
  for (const quarter of QUARTERS) {
    at(MID_QUARTER[quarter]);
    expect((await post('/improvement-requests', staff.office, { department: 'inspection', category: 'defective-facility', change: `Checklist for site visits (${quarter})`, reason: 'Repeated complaints' })).status).toBe(201);
    const [year, q] = [Number(quarter.slice(0, 4)), Number(quarter.slice(-1))];
    const from = `${year}-${String(3 * q - 2).padStart(2, '0')}-01T00:00:00+09:00`;
    const inspection = await post('/inspections', staff.office, {
      from, to: `${MID_QUARTER[quarter]}T00:00:00+09:00`, sample: { size: 5, seed: q },
      findings: [
        { item: '가', rating: 'met', finding: 'The sampled cases followed the procedure' },
        { item: '나', rating: 'met', finding: 'The inspection procedure ran on schedule' },
        { item: '다', rating: 'partly-met', finding: 'One referral to training still pending' },
        { item: '라', rating: 'partly-met', finding: 'Interim notices missing in two cases' },
      ],
    });
    expect(inspection.status).toBe(201);
    expect(inspection.body.cases).toHaveLength(5);
  }
  await runner().caughtUp();
}, 600_000);
afterAll(async () => {
  await api.close();
});

describe('a year of quarterly evaluations over generated complaints', () => {
  const drafts: Record<string, { evidence: { quarterly: unknown }; carriedOver: { quarter: string; actionId: string; status: string }[] }> = {};
  const actions: Record<string, { done: string; open: string }> = {};

  it.each(QUARTERS)('%s: drafted in the next quarter with the engine’s evidence, judged, actions added, signed and sealed; the previous quarter’s actions followed up', async (quarter) => {
    const index = QUARTERS.indexOf(quarter);
    at(DRAFTED_ON[quarter]);
    await runner().caughtUp();
    const drafted = await post('/evaluations', staff.office);
    expect(drafted.status).toBe(201);
    expect(drafted.body.quarter).toBe(quarter);
    drafts[quarter] = drafted.body;

    // The quarterly figures are exactly those of GET /reports/quarterly.
    const report = await api.call('GET', `/reports/quarterly?quarter=${quarter}`, { as: staff.manager });
    expect(drafted.body.evidence.quarterly).toEqual(report.body);
    const conformity = await api.call('GET', `/audit/conformity?quarter=${quarter}`, { as: staff.auditor });
    expect(drafted.body.evidence.policy.conformity.clauses).toEqual(conformity.body.clauses);
    const evidence = drafted.body.evidence;
    expect(evidence.severity.received).toBeGreaterThan(20);
    expect(evidence.severity.received).toBeLessThanOrEqual(report.body.figures.received.value);
    expect(Object.values(evidence.severity.bySeverity as Record<string, number>).reduce((a, b) => a + b, 0) + evidence.severity.unassessed).toBe(evidence.severity.received);
    expect(evidence.causes.closed).toBeGreaterThan(0);
    expect(evidence.corrective.filed).toBe(1);
    expect(evidence.monitoring.inspections).toBe(1);
    expect(evidence.satisfaction.index).toBe(report.body.figures.satisfactionIndex.value);

    // The previous quarter's actions: the one done during this quarter and the one still open.
    if (index === 0) expect(drafted.body.carriedOver).toEqual([]);
    else {
      const previous = QUARTERS[index - 1]!;
      expect(drafted.body.carriedOver).toEqual(expect.arrayContaining([
        expect.objectContaining({ quarter: previous, actionId: actions[previous]!.done, status: 'completed' }),
        expect.objectContaining({ quarter: previous, actionId: actions[previous]!.open, status: 'open' }),
      ]));
    }

    for (const [i, indicator] of INDICATOR_CODES.entries()) {
      const judged = await post(`/evaluations/${quarter}/record-judgement`, staff.office, { indicator, rating: RATINGS[i % 3], notes: `${quarter} ${indicator}: interviews and the evidence`, attachments: [`CCMS-${quarter}-${i + 1}`] });
      expect(judged.status).toBe(200);
    }
    const done = await post(`/evaluations/${quarter}/add-action`, staff.office, { kind: 'process-improvement', text: `Interim notice template (${quarter})`, owner: 'Customer support office', dueOn: FOLLOWED_UP_ON[quarter] });
    const open = await post(`/evaluations/${quarter}/add-action`, staff.office, { kind: 'resource-need', text: `One more handler for inspections (${quarter})`, owner: 'Planning office', dueOn: '2027-06-30' });
    actions[quarter] = { done: done.body.actions[0].actionId, open: open.body.actions[1].actionId };
    at(DRAFTED_ON[quarter], '16:00');
    const signed = await post(`/evaluations/${quarter}/sign`, staff.manager, { note: 'Approved at the CS operating committee' });
    expect(signed.status).toBe(200);
    expect(signed.body.status).toBe('signed');
    expect((await post(`/evaluations/${quarter}/record-judgement`, staff.office, { indicator: '가', rating: 'met', notes: 'after signing' })).status).toBe(409);

    // Follow-up during the next quarter: this quarter's first action done; the previous quarter's open one done too.
    at(FOLLOWED_UP_ON[quarter]);
    expect((await post(`/evaluations/${quarter}/update-action`, staff.office, { actionId: actions[quarter].done, note: 'Template drafted' })).status).toBe(200);
    expect((await post(`/evaluations/${quarter}/complete-action`, staff.manager, { actionId: actions[quarter].done, note: 'Template in use' })).status).toBe(200);
    if (index > 0) {
      const previous = QUARTERS[index - 1]!;
      expect((await post(`/evaluations/${previous}/complete-action`, staff.office, { actionId: actions[previous]!.open, note: 'Handler hired' })).status).toBe(200);
      await runner().caughtUp();
      // The draft keeps what it carried over then; the evaluation shows the follow-up as it stands now.
      const read = await api.call('GET', `/evaluations/${quarter}`, { as: staff.auditor });
      expect(read.body.carriedOver.find((a: { actionId: string }) => a.actionId === actions[previous]!.open).status).toBe('open');
      expect(read.body.followUp.find((a: { actionId: string }) => a.actionId === actions[previous]!.open).status).toBe('completed');
    }
  }, 120_000);

  it('lists the four evaluations, signed, with their actions and what is still open', async () => {
    await runner().caughtUp();
    const list = await api.call('GET', '/evaluations', { as: staff.manager });
    expect(list.body.items.map((i: { quarter: string; status: string; judged: number }) => [i.quarter, i.status, i.judged])).toEqual([
      ['2026-Q4', 'signed', 12], ['2026-Q3', 'signed', 12], ['2026-Q2', 'signed', 12], ['2026-Q1', 'signed', 12],
    ]);
    // Only the last quarter's open action has no next quarter to complete it in.
    expect(list.body.items.map((i: { openActions: number }) => i.openActions)).toEqual([1, 0, 0, 0]);
  });

  it('the signed evaluations are in the hash chain: audit:verify finds every event intact', async () => {
    const env = { EVENT_STORE: 'postgres', DATABASE_URL: TEST_DATABASE_URL, DATABASE_SCHEMA: api.schema };
    let stdout = '';
    const run = () => verifyMain(['--seal'], env, { stdout: (t) => void (stdout += t), stderr: () => undefined });
    let code = await run();
    for (let tries = 0; stdout.includes('no seal yet') && tries < 100; tries++) {
      stdout = '';
      await new Promise((resolve) => setTimeout(resolve, 200));
      code = await run();
    }
    expect(code).toBe(0);
    expect(stdout).toMatch(/OK: every event matches its hash chain/);
    const verified = await api.call('GET', '/audit/verify', { as: staff.auditor });
    expect(verified.body).toMatchObject({ ok: true, findings: [] });
    for (const quarter of QUARTERS) {
      const events = await api.call('GET', `/evaluations/${quarter}/events`, { as: staff.auditor });
      expect(events.body.events[0].previousHash).toMatch(/^[0-9a-f]{64}$/);
      expect(events.body.events.at(-1).type).toBe('ActionCompleted');
    }
  }, 120_000);

  it('each report opens in Chromium and prints to A4 with no horizontal overflow', async () => {
    let browser: Browser | undefined;
    try {
      browser = await launchChromium();
      const context = await browser.newContext({ extraHTTPHeaders: { authorization: `Bearer ${await api.token(staff.manager)}` } });
      const page = await context.newPage();
      for (const quarter of QUARTERS) {
        const response = await page.goto(`${api.url}/evaluations/${quarter}/report.html`);
        expect(response?.status()).toBe(200);
        expect(await page.title()).toBe(`${quarter} CCMS 운영성과 평가 / Operating-performance evaluation`);
        expect(await page.locator('#judgements tbody tr[data-indicator]').count()).toBe(12);
        expect(await page.locator('svg').count()).toBeGreaterThanOrEqual(4);
        expect(await page.locator('script').count()).toBe(0);
        // A4's printable width at 96 dpi with the report's 12 mm margins: 186 mm.
        await page.emulateMedia({ media: 'print' });
        await page.setViewportSize({ width: Math.floor((186 / 25.4) * 96), height: 1000 });
        expect(await page.evaluate('document.documentElement.scrollWidth <= window.innerWidth')).toBe(true);
        const pdf = await page.pdf({ format: 'A4' });
        const print = quarter === '2026-Q4' ? screenshotPath('evaluation-report-print.png') : undefined;
        if (print) {
          await page.screenshot({ path: print, fullPage: true });
          await page.locator('#charts').screenshot({ path: screenshotPath('evaluation-report-charts.png')! });
        }
        expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
        const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length;
        expect(pages).toBeGreaterThan(0);
        await page.emulateMedia({ media: 'screen' });
      }
    } finally {
      await browser?.close();
    }
  }, 120_000);

  it('covered a real year: the generator’s cases in every quarter', () => {
    expect(cases).toBe(160);
    expect(Object.keys(drafts)).toEqual([...QUARTERS]);
  });

  it('a signed judgement changed afterwards with plain SQL is found: audit:verify names the evaluation\'s event', async () => {
    const admin = await connectAdmin();
    try {
      await admin.query(`UPDATE "${api.schema}".events SET data = jsonb_set(data, '{rating}', '"met"') WHERE stream_id = 'evaluation-2026-Q2' AND revision = 2`);
    } finally {
      await admin.end();
    }
    const verified = await api.call('GET', '/audit/verify', { as: staff.auditor });
    expect(verified.body).toMatchObject({ ok: false, firstMismatch: { problem: 'content-altered', streamId: 'evaluation-2026-Q2', revision: 2 } });
  });
});
