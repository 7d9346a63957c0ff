import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { complaintBody, staff, startTestApi, type TestApi } from '../support/api.js';
import { ensureConsoleBuilt, launchChromium, screenshotBothWidths, signIn, WIDTHS } from './browser.js';

/** A day of an intake clerk, the complaints office and a handler in the console (issue 20), in Chromium against the real service. */
jest.setTimeout(120_000);

let api: TestApi;
let browser: Browser;
let context: BrowserContext;
let page: Page;
const pageErrors: string[] = [];

beforeAll(async () => {
  ensureConsoleBuilt();
  browser = await launchChromium();
  api = await startTestApi();
  context = await browser.newContext({ viewport: { width: WIDTHS.wide, height: 900 }, locale: 'en-GB', timezoneId: 'Asia/Seoul' });
  page = await context.newPage();
  page.on('pageerror', (error) => pageErrors.push(error.message));
}, 180_000);

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await api?.close();
});

const file = async (description: string): Promise<{ id: string; reference: string }> => {
  const answer = await api.call('POST', '/complaints', { as: staff.intake, body: complaintBody({ description }) });
  expect(answer.status).toBe(201);
  return { id: answer.body.id as string, reference: answer.body.reference as string };
};

describe('a day in the console', () => {
  let filed: { id: string; reference: string };
  let other: { id: string; reference: string };

  it('an intake clerk files a case and finds it by its reference', async () => {
    filed = await file('The street light in front of building 3 has been out for two weeks.');
    other = await file('The meter reader left the gate open and the dog ran away.');
    await signIn(page, api, staff.intake);
    await page.getByLabel('Case reference or id').fill(filed.reference);
    await page.getByRole('button', { name: 'Open the case' }).click();
    await page.getByRole('heading', { name: `Complaint ${filed.reference}` }).waitFor();
  });

  it('the case page shows its SLA position as the API reports it', async () => {
    const [position] = (await api.call('GET', `/reports/sla?complaint=${filed.id}`, { as: staff.intake })).body.items;
    const panel = page.getByRole('region', { name: 'SLA position' });
    await panel.waitFor();
    expect(await panel.locator('[data-sla="status"]').textContent()).toBe({ 'on-track': 'On track', 'at-risk': 'At risk', breached: 'Breached', met: 'Met' }[position.status as string]);
    expect(await panel.locator('[data-sla="used"]').textContent()).toBe(`${position.workingHoursUsed.toFixed(1)} h`);
    expect(await panel.locator('[data-sla="paused"]').textContent()).toBe(`${position.workingHoursPaused.toFixed(1)} h`);
    expect(await panel.locator('[data-sla="due"]').textContent()).not.toBe('');
    expect(await panel.locator('[data-sla="interim"]').textContent()).toMatch(/^due /);
    expect(pageErrors).toEqual([]);
  });
});
