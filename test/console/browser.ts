import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll } from '@jest/globals';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import type { TokenClaims } from '../../src/auth/sign-token.js';
import { startTestApi, type TestApi, type TestApiOptions } from '../support/api.js';

/**
 * Debian's Chromium built for headless use: the tests never let a tool download a browser of its own. The
 * same engine as the desktop build (`/usr/bin/chromium`, which CHROMIUM_PATH may name) without its
 * browser shell: the console's suites took 29 % less CPU with it, on a machine the suites share.
 */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium-headless-shell';
const ROOT = resolve(fileURLToPath(new URL('.', import.meta.url)), '../..');
const CONSOLE_SOURCE = join(ROOT, 'console');
const CONSOLE_BUILD = join(ROOT, 'dist', 'console', 'index.html');

/**
 * Where the page screenshots go when asked (`SCREENSHOTS_DIR=docs/screenshots` refreshes the docs'; any
 * folder for a look at every page); unset, none is taken: they assert nothing, and the 80-odd full-page
 * PNGs of a run took about a fifth of the browser suites' CPU on a machine the suites share.
 */
const SCREENSHOTS_DIR = process.env.SCREENSHOTS_DIR ? resolve(ROOT, process.env.SCREENSHOTS_DIR) : undefined;

export const WIDTHS = { wide: 1280, narrow: 390 } as const;

/** Fails (never skips) when Chromium is missing: CI installs it, a developer is told how. */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`Chromium is not installed at ${CHROMIUM}: the console's browser tests need it. Install it with \`apt-get install -y chromium-headless-shell\` (npm test does), or set CHROMIUM_PATH.`);
  }
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestSource(path) : statSync(path).mtimeMs);
  }
  return newest;
}

/** The app serves the built console: build it when the sources are newer than the build (CI runs no build). */
export function ensureConsoleBuilt(): void {
  if (existsSync(CONSOLE_BUILD) && statSync(CONSOLE_BUILD).mtimeMs >= newestSource(CONSOLE_SOURCE)) return;
  const result = spawnSync(process.execPath, [join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--config', join(CONSOLE_SOURCE, 'vite.config.ts')], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 120_000,
  });
  if (result.status !== 0) throw new Error(`building the console failed:\n${result.stdout}\n${result.stderr}`);
}

/** Where the screenshot `name` goes (its folder made), or undefined when none is asked (`SCREENSHOTS_DIR` unset). */
export function screenshotPath(name: string): string | undefined {
  if (SCREENSHOTS_DIR === undefined) return undefined;
  mkdirSync(SCREENSHOTS_DIR, { recursive: true });
  return join(SCREENSHOTS_DIR, name);
}

/** A screenshot of the whole page at both widths, named `<name>-1280.png` and `<name>-390.png`. */
export async function screenshotBothWidths(page: Page, name: string): Promise<void> {
  if (SCREENSHOTS_DIR === undefined) return;
  const before = page.viewportSize() ?? { width: WIDTHS.wide, height: 900 };
  for (const width of [WIDTHS.wide, WIDTHS.narrow]) {
    await page.setViewportSize({ width, height: 900 });
    // From the top: the header is sticky, and a whole-page shot of a scrolled page draws it where the window was.
    // Charts redraw on resize; give them a frame.
    await page.evaluate('window.scrollTo(0, 0); new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)))');
    await page.screenshot({ path: screenshotPath(`${name}-${width}.png`)!, fullPage: true });
  }
  await page.setViewportSize(before);
}

/** Signs in to the console as `claims` (signing out whoever was signed in). */
export async function signIn(page: Page, api: TestApi, claims: TokenClaims): Promise<void> {
  await page.goto(`${api.url}/#/`);
  const signOut = page.getByRole('button', { name: 'Sign out' });
  if (await signOut.isVisible()) await signOut.click();
  await page.getByLabel('Bearer token').fill(await api.token(claims));
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await page.getByText(`Signed in as ${claims.name}`).waitFor();
}

/** Waits for a read model (or anything else eventually consistent) to show what a test goes on from. */
export async function until(condition: () => Promise<boolean>, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('the condition did not hold in time');
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * A console suite's set-up: the service, Chromium, and one wide page whose script errors are collected;
 * opened before the suite's tests and closed after them (read the fields inside tests, not at load);
 * `options`: the service's (its clock, for one).
 */
export function consoleSuite(options: TestApiOptions = {}): { readonly api: TestApi; readonly browser: Browser; readonly page: Page; readonly pageErrors: string[] } {
  const suite = { pageErrors: [] as string[] } as { api: TestApi; browser: Browser; context: BrowserContext; page: Page; pageErrors: string[] };
  beforeAll(async () => {
    ensureConsoleBuilt();
    suite.browser = await launchChromium();
    suite.api = await startTestApi(options);
    suite.context = await suite.browser.newContext({ viewport: { width: WIDTHS.wide, height: 900 }, locale: 'en-GB', timezoneId: 'Asia/Seoul' });
    suite.page = await suite.context.newPage();
    suite.page.on('pageerror', (error) => suite.pageErrors.push(error.message));
  }, 180_000);
  afterAll(async () => {
    await suite.context?.close();
    await suite.browser?.close();
    await suite.api?.close();
  });
  return suite;
}
