import { beforeAll, describe, expect, it, jest } from '@jest/globals';
import type { Download, Locator, Page } from 'playwright-core';
import type { ProjectionRunner } from '../../src/projections/projection-runner.js';
import { PROJECTIONS } from '../../src/projections/index.js';
import { complaintBody, staff, type TestApi } from '../support/api.js';
import { appendHistory, receive, step } from '../reports/sla-histories.js';
import { consoleSuite, screenshotBothWidths, signIn, until, WIDTHS } from './browser.js';

/**
 * What a manager found testing the quarterly reports, in Chromium against the real service: the
 * departments' rows did not add up to the total (the cases no department handled had no row), there was
 * no breakdown by channel and only two figures per department or category, a quarter in progress (or not
 * begun) read like a finished one, and the repeat-offender page named cases by internal id only.
 */
jest.setTimeout(240_000);

/** The service's clock, and the browser's: 20 August 2026, 10:00 in Seoul, in 2026-Q3. */
const NOW = new Date('2026-08-20T10:00:00+09:00');
let now = NOW;
const suite = consoleSuite({ clock: () => now });
const { pageErrors } = suite;
let api: TestApi;
let page: Page;

beforeAll(async () => {
  ({ api, page } = suite);
  await page.clock.setFixedTime(NOW);
  const closed = [step.findings, step.decide('upheld'), step.communicate, step.close];
  const histories: [string, Parameters<typeof appendHistory>[2]][] = [
    // Q3, inspection: a web case closed, a mail case open; customer support: a visit closed.
    ['d-web', [['2026-07-07T10:00', receive('d-web')], ['2026-07-07T10:30', step.assign], ...closed.map((c, i): [string, typeof c] => [`2026-07-08T1${i}:00`, c])]],
    ['d-mail', [['2026-07-15T10:00', receive('d-mail', { channel: 'mail' })], ['2026-07-15T11:00', step.assign]]],
    ['d-visit', [['2026-08-03T10:00', receive('d-visit', { channel: 'visit', category: 'inquiry' })], ['2026-08-03T10:30', step.assign], ...closed.map((c, i): [string, typeof c] => [`2026-08-04T1${i}:00`, c])]],
    // Q3, no department: excluded at assessment, withdrawn before routing, not routed yet.
    ['d-rejected', [['2026-07-20T10:00', receive('d-rejected')], ['2026-07-20T15:00', step.reject]]],
    ['d-withdrawn', [['2026-08-05T10:00', receive('d-withdrawn', { channel: 'call-centre' })], ['2026-08-06T10:00', step.withdraw]]],
    ['d-waiting', [['2026-08-19T16:00', receive('d-waiting', { channel: 'fax' })]]],
    // Q2: one web case closed.
    ['d-q2', [['2026-05-13T10:00', receive('d-q2')], ['2026-05-13T10:30', step.assign], ...closed.map((c, i): [string, typeof c] => [`2026-05-14T1${i}:00`, c])]],
  ];
  for (const [id, steps] of histories) await appendHistory(api.app, id, steps);
  await api.app.get<ProjectionRunner>(PROJECTIONS).caughtUp();
});

const quarterly = async (query: string) => (await api.call('GET', `/reports/quarterly?quarter=2026-Q3${query}`, { as: staff.manager })).body;

/** The breakdown panel's first table (the figure chosen), or its second (SLA compliance). */
const breakdownTable = (panel: 'department' | 'category' | 'channel', which: 0 | 1 = 0): Locator => page.locator(`section[aria-labelledby="dash-${panel}"] table`).nth(which);

/** Each row's key and its figure this quarter (`data-value`, unformatted), in the order shown. */
const rowsOf = async (table: Locator): Promise<[string, number | null][]> =>
  table.locator('tbody tr').evaluateAll((rows) =>
    rows.map((r) => {
      const value = r.querySelectorAll('td')[1]!.getAttribute('data-value');
      return [r.getAttribute('data-figure')!, value === '' || value === null ? null : Number(value)] as [string, number | null];
    }),
  );

const sum = (rows: [string, number | null][]) => rows.reduce((total, [, n]) => total + (n ?? 0), 0);

async function readDownload(download: Download): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of await download.createReadStream()) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

describe('the quarterly dashboard by department, category and channel', () => {
  it('has a row for the cases no department handled, so the departments add up to the total; a breakdown by channel adds up too', async () => {
    await signIn(page, api, staff.manager);
    await page.getByRole('heading', { name: 'Quarterly dashboard' }).waitFor();
    expect(await page.getByLabel('Quarter', { exact: true }).inputValue()).toBe('2026-Q3');
    const catalog = (await api.call('GET', '/catalog', { as: staff.manager })).body as { departments: { code: string }[]; channels: string[] };
    const whole = await quarterly('');
    expect(whole.figures.received.value).toBe(6);

    // The page shows the figures once every breakdown has answered.
    await breakdownTable('channel').waitFor();
    const departments = await rowsOf(breakdownTable('department'));
    expect(departments.map(([key]) => key)).toEqual([...catalog.departments.map((d) => d.code), 'unassigned']);
    expect(sum(departments)).toBe(whole.figures.received.value);
    const unassigned = await quarterly('&department=unassigned');
    expect(unassigned.figures.received.value).toBe(3);
    expect(departments).toContainEqual(['unassigned', 3]);
    expect(await breakdownTable('department').locator('tr[data-figure="unassigned"] th').textContent()).toBe('No department (never assigned)');
    await page.getByText('No department: cases excluded at assessment, withdrawn before routing or not routed yet.').waitFor();

    const channels = await rowsOf(breakdownTable('channel'));
    expect(channels.map(([key]) => key)).toEqual(catalog.channels);
    expect(sum(channels)).toBe(whole.figures.received.value);
    for (const [channel, shown] of channels) expect({ channel, shown }).toEqual({ channel, shown: (await quarterly(`&channel=${channel}`)).figures.received.value });
    expect(sum(await rowsOf(breakdownTable('category')))).toBe(whole.figures.received.value);
    // SLA compliance by channel, as the API gives it: both closings met their deadline; no closing by mail.
    expect(await rowsOf(breakdownTable('channel', 1))).toEqual(expect.arrayContaining([['visit', 1], ['web', 1], ['mail', null]]));
    expect(await page.locator('canvas[role="img"]').count()).toBe(7);
    await screenshotBothWidths(page, 'dashboard-breakdowns');
    expect(pageErrors).toEqual([]);
  });

  it('shows another figure by department, category and channel when one is chosen, as the API gives it', async () => {
    await page.getByLabel('Figure shown by department, category and channel').selectOption('closed');
    await breakdownTable('department').locator('caption', { hasText: /^By department: Clos/ }).waitFor({ state: 'attached' });
    const closed = await rowsOf(breakdownTable('department'));
    for (const [department, shown] of closed) expect({ department, shown }).toEqual({ department, shown: (await quarterly(`&department=${department}`)).figures.closed.value });
    expect(sum(closed)).toBe((await quarterly('')).figures.closed.value);
    await page.getByLabel('Figure shown by department, category and channel').selectOption('medianWorkingHoursToClose');
    await breakdownTable('channel').locator('caption', { hasText: 'Median working hours to close' }).waitFor({ state: 'attached' });
    expect(await rowsOf(breakdownTable('channel'))).toContainEqual(['visit', (await quarterly('&channel=visit')).figures.medianWorkingHoursToClose.value]);
    await page.getByLabel('Figure shown by department, category and channel').selectOption('received');
  });

  it('downloads every breakdown figure as CSV, the rows with no department and by channel included, with the byte-order mark', async () => {
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download CSV' }).click()]);
    const text = await readDownload(download);
    expect(text.startsWith('\ufeff')).toBe(true);
    const lines = text.slice(1).split('\r\n');
    const row = (key: string) => lines.find((l) => l.split(',').at(-3) === key)?.split(',');
    expect(row('unassigned.received')).toEqual(['By department', 'No department (never assigned): Complaints received (compliments apart)', 'unassigned.received', '0', '3']);
    expect(row('visit.received')).toEqual(['By channel', 'Visit: Complaints received (compliments apart)', 'visit.received', '0', '1']);
    expect(row('web.slaCompliance')?.slice(-2)).toEqual(['1', '1']);
    const received = lines.filter((l) => l.startsWith('By department,') && l.split(',').at(-3)!.endsWith('.received'));
    expect(received.reduce((total, l) => total + Number(l.split(',').at(-1)), 0)).toBe(6);
  });

  it('in Korean, the row of no department and the breakdown by channel are named in Korean', async () => {
    await page.getByRole('button', { name: 'Show the console in Korean' }).click();
    await page.getByRole('heading', { name: '분기 현황', level: 1 }).waitFor();
    await page.getByRole('heading', { name: '접수 경로별', level: 2, exact: true }).waitFor();
    await breakdownTable('department').locator('tr[data-figure="unassigned"] th', { hasText: '담당 부서 없음 (미배정)' }).waitFor();
    expect(await breakdownTable('channel').locator('tr[data-figure="visit"] th').textContent()).toBe('방문');
    expect(await page.locator('#quarter-period').textContent()).toContain('2026-Q3(2026. 7. 1. ~ 2026. 9. 30.)는 진행 중입니다');
    await page.getByRole('button', { name: '콘솔을 영어로 보기' }).click();
    await page.getByRole('heading', { name: 'Quarterly dashboard' }).waitFor();
  });

  it('at 390 pixels nothing on the dashboard is wider than the screen', async () => {
    await page.setViewportSize({ width: WIDTHS.narrow, height: 800 });
    try {
      await page.reload();
      await breakdownTable('channel').waitFor();
      // What sticks out, named; not what a box that scrolls sideways holds (the navigation's one line, a wide table).
      const wider = await page.evaluate(`[...document.querySelectorAll('body *')]
        .filter((e) => e.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
        .filter((e) => { for (let up = e.parentElement; up; up = up.parentElement) if (/auto|scroll/.test(getComputedStyle(up).overflowX)) return false; return true; })
        .slice(0, 5)
        .map((e) => e.tagName.toLowerCase() + '.' + e.className + '#' + e.id)`);
      expect(wider).toEqual([]);
    } finally {
      await page.setViewportSize({ width: WIDTHS.wide, height: 900 });
    }
  });
});

describe('the quarterly dashboard says where the quarter stands, as the service’s clock has it', () => {
  const period = () => page.locator('#quarter-period');

  it('a quarter in progress: its dates and the time its figures are as of', async () => {
    await page.goto(`${api.url}/#/`);
    await period().waitFor();
    expect(await period().getAttribute('data-status')).toBe('in-progress');
    expect(await period().textContent()).toBe('2026-Q3 (1 Jul 2026 – 30 Sept 2026) is in progress: figures as of 20 Aug 2026, 10:00.');
    // Its open cases are counted now, and the row says so.
    expect(await page.locator('#all-figures tr[data-figure="openAtQuarterEnd"]').textContent()).toContain('this quarter: open now');
    // A share's change is in percentage points, not in per cent of the share before.
    expect(await page.locator('#all-figures tr[data-figure="slaCompliance"] td').allTextContents()).toEqual(['100%', '100%', '0 pp']);
  });

  it('a quarter over', async () => {
    await page.getByLabel('Quarter', { exact: true }).fill('2026-Q2');
    await page.locator('#quarter-period[data-status="complete"]').waitFor();
    expect(await period().textContent()).toBe('2026-Q2 (1 Apr 2026 – 30 Jun 2026) is over.');
  });

  it('a quarter not begun, where the service’s clock is still in the quarter before the browser’s: no figures yet, and the previous quarter in progress', async () => {
    now = new Date('2026-06-30T23:59:00+09:00');
    try {
      await page.getByLabel('Quarter', { exact: true }).fill('2026-Q3');
      await page.locator('#quarter-period[data-status="not-started"]').waitFor();
      expect(await period().textContent()).toBe(
        '2026-Q3 has not started: it begins on 1 Jul 2026, and has no figures yet.' + 'The previous quarter, 2026-Q2, is still in progress: its figures as of 30 Jun 2026, 23:59.',
      );
    } finally {
      now = NOW;
    }
    expect(pageErrors).toEqual([]);
  });
});

describe('the repeat-offender page names each case by its reference', () => {
  it('links each case of a flagged employee by its reference, shows the departments handling them, and downloads both', async () => {
    const ids: string[] = [];
    for (let n = 0; n < 3; n++) {
      const received = await api.call('POST', '/complaints', { as: staff.intake, body: complaintBody({ consent: { sms: true, email: false, phone: false } }) });
      expect(received.status).toBe(201);
      ids.push(received.body.id as string);
      expect((await api.call('POST', `/complaints/${received.body.id}/assign`, { as: staff.intake, body: {} })).status).toBe(200);
      const findings = { summary: 'Rude at the counter', subjects: [{ id: 'emp-44', kind: 'employee', substantiated: true, reason: 'discourtesy' }] };
      expect((await api.call('POST', `/complaints/${received.body.id}/record-findings`, { as: staff.handler, body: findings })).status).toBe(200);
    }
    const references: string[] = [];
    for (const id of ids) references.push((await api.call('GET', `/complaints/${id}`, { as: staff.office })).body.reference as string);
    expect(references).toEqual(['2026-000001', '2026-000002', '2026-000003']);
    await until(async () => ((await api.call('GET', '/reports/repeat-offenders?year=2026', { as: staff.manager })).body.offenders as { flagged: boolean }[]).some((o) => o.flagged));

    await page.getByRole('link', { name: 'Repeat offenders' }).click();
    await page.getByRole('heading', { name: 'Repeat offenders', level: 1 }).waitFor();
    const row = page.locator('#offenders-table tbody tr').filter({ hasText: 'emp-44' });
    for (const [i, reference] of references.entries()) {
      const link = row.getByRole('link', { name: reference, exact: true });
      expect(await link.getAttribute('href')).toBe(`#/cases/${ids[i]}`);
    }
    expect(await row.getByRole('link', { name: ids[0]!, exact: true }).count()).toBe(0);
    expect(await row.textContent()).toContain('Inspection office');
    await screenshotBothWidths(page, 'repeat-offenders-references');

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download CSV' }).click()]);
    const line = (await readDownload(download)).split('\r\n').find((l) => l.startsWith('emp-44,'));
    expect(line).toBe(`emp-44,Employee,Discourtesy,3,Yes,Inspection office,${references.join(' ')},${ids.join(' ')}`);

    await row.getByRole('link', { name: references[1]!, exact: true }).click();
    await page.waitForURL(new RegExp(ids[1]!));
    expect(pageErrors).toEqual([]);
  });
});
