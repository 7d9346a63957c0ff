import { afterAll, beforeAll, expect, it } from '@jest/globals';
import type { Browser } from 'playwright-core';
import { startTestApi, type TestApi } from '../support/api.js';
import { launchChromium } from './browser.js';

let api: TestApi;
let browser: Browser;
beforeAll(async () => {
  [api, browser] = await Promise.all([startTestApi(), launchChromium()]);
}, 60_000);
afterAll(async () => {
  await browser?.close();
  await api?.close();
});

it('the API docs page (Swagger UI) works under the Content-Security-Policy: it lists the routes and nothing is blocked', async () => {
  const page = await browser.newPage();
  const blocked: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy|Refused to/i.test(message.text())) blocked.push(message.text());
  });
  await page.goto(`${api.url}/docs`);
  await page.locator('.opblock').first().waitFor({ timeout: 20_000 });
  expect(await page.locator('.opblock').count()).toBeGreaterThan(20);
  expect(blocked).toEqual([]);
}, 60_000);
