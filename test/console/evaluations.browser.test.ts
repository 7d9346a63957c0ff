import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { INDICATOR_CODES } from '../../domain/evaluation/indicators.js';
import type { TokenClaims } from '../../src/auth/sign-token.js';
import { PROJECTIONS, type ProjectionRunner } from '../../src/projections/index.js';
import { staff, startTestApi, type TestApi } from '../support/api.js';
import { ensureConsoleBuilt, launchChromium, screenshotBothWidths, WIDTHS, signIn as signInAs } from './browser.js';

/** A quarterly evaluation through the console (issue 18 §1): drafted, judged, an action added, signed, its report opened. */
jest.setTimeout(120_000);

let api: TestApi;
let browser: Browser;
let context: BrowserContext;
let page: Page;
const pageErrors: string[] = [];

beforeAll(async () => {
  ensureConsoleBuilt();
  browser = await launchChromium();
  api = await startTestApi({ clock: () => new Date('2026-10-05T01:00:00Z') });
  context = await browser.newContext({ viewport: { width: WIDTHS.wide, height: 900 }, locale: 'en-GB', timezoneId: 'Asia/Seoul' });
  page = await context.newPage();
  page.on('pageerror', (error) => pageErrors.push(error.message));
}, 180_000);

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await api?.close();
});

const signIn = (claims: TokenClaims): Promise<void> => signInAs(page, api, claims);

async function give(label: string, fill: () => Promise<void>): Promise<void> {
  await page.getByRole('button', { name: label, exact: true }).click();
  await fill();
  await page.getByRole('button', { name: `Submit: ${label}` }).click();
  await page.getByRole('status').filter({ hasText: `${label}: done.` }).waitFor();
}

describe('a quarterly evaluation through the console', () => {
  it('the complaints office drafts it, judges an indicator and adds an action; the buttons are the commands the API gives', async () => {
    await signIn(staff.office);
    await page.getByRole('link', { name: 'Evaluations' }).click();
    await page.getByRole('heading', { name: 'Quarterly operating-performance evaluations' }).waitFor();
    // The quarter is asked for, labelled and with its format: left empty, nothing is drafted (the API would take the previous quarter).
    expect(await page.locator('label[for="form-draft-evaluation-quarter"]').textContent()).toBe('Quarter (required)');
    expect(await page.locator('#form-draft-evaluation-quarter-hint').textContent()).toContain('2026-Q2');
    await page.locator('#form-draft-evaluation-quarter').fill('');
    await page.getByRole('button', { name: 'Draft an evaluation', exact: true }).click();
    await page.locator('#form-draft-evaluation-quarter-error', { hasText: 'give the quarter to evaluate' }).waitFor();
    expect((await api.call('GET', '/evaluations', { as: staff.office })).body.items).toEqual([]);
    await page.locator('#form-draft-evaluation-quarter').fill('2026-Q3');
    await page.getByRole('button', { name: 'Draft an evaluation', exact: true }).click();
    await page.getByRole('heading', { name: /^Evaluation 2026-Q3 Draft$/ }).waitFor();
    // Drafting it again: the evaluation exists, said as such (not as a case's state).
    await page.getByRole('link', { name: 'Evaluations' }).click();
    await page.locator('#form-draft-evaluation-quarter').fill('2026-Q3');
    await page.getByRole('button', { name: 'Draft an evaluation', exact: true }).click();
    await page.getByRole('alert').filter({ hasText: 'The evaluation of 2026-Q3 already exists' }).waitFor();
    await page.getByRole('link', { name: 'Open the evaluation of 2026-Q3' }).click();
    await page.getByRole('heading', { name: /^Evaluation 2026-Q3 Draft$/ }).waitFor();
    const view = await api.call('GET', '/evaluations/2026-Q3', { as: staff.office });
    expect(await page.locator('.commands button').evaluateAll((all) => all.map((b) => b.getAttribute('data-command')))).toEqual(view.body.yourCommands);

    await give('Judge an indicator', async () => {
      await page.locator('#form-record-judgement-indicator').selectOption('가');
      await page.locator('#form-record-judgement-rating').selectOption('partly-met');
      await page.locator('#form-record-judgement-notes').fill('The policy is published; two of five staff interviewed knew it');
    });
    await page.locator('tr[data-indicator="가"]', { hasText: 'Partly met' }).waitFor();
    await give('Add an action', async () => {
      await page.locator('#form-add-action-kind').selectOption('process-improvement');
      await page.locator('#form-add-action-text').fill('Brief every handler on the policy');
      await page.locator('#form-add-action-owner').fill('Customer support office');
      await page.locator('#form-add-action-dueOn').fill('2026-12-31');
    });
    await page.locator('tr[data-action-id]', { hasText: 'Brief every handler on the policy' }).waitFor();
  });

  it('a manager signs once every indicator is judged, and opens the printable report', async () => {
    for (const indicator of INDICATOR_CODES.slice(1)) {
      await api.call('POST', '/evaluations/2026-Q3/record-judgement', { as: staff.office, body: { indicator, rating: 'met', notes: `Documents on ${indicator}` } });
    }
    await signIn(staff.manager);
    await page.goto(`${api.url}/#/evaluations/2026-Q3`);
    await page.getByRole('heading', { name: 'What you can do now' }).waitFor();
    await give('Sign', () => page.locator('#form-sign-note').fill('Approved at the CS operating committee'));
    await page.getByRole('heading', { name: /^Evaluation 2026-Q3 Signed$/ }).waitFor();
    await api.app.get<ProjectionRunner>(PROJECTIONS).caughtUp();
    await screenshotBothWidths(page, 'evaluation');
    const [report] = await Promise.all([context.waitForEvent('page'), page.getByRole('button', { name: 'Printable report (A4)' }).click()]);
    await report.waitForLoadState();
    expect(await report.title()).toBe('2026-Q3 CCMS 운영성과 평가 / Operating-performance evaluation');
    expect(await report.locator('#judgements tr[data-indicator]').count()).toBe(12);
    await report.close();
    await page.getByRole('link', { name: 'Evaluations' }).click();
    await page.locator('tr[data-evaluation="2026-Q3"]', { hasText: 'Signed' }).waitFor();
    await screenshotBothWidths(page, 'evaluations');
    expect(pageErrors).toEqual([]);
  });
});
