import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startTestApi, type TestApi } from '../support/api.js';
import { ensureConsoleBuilt } from './browser.js';
import { decodeJwt } from 'jose';
import { DEV_AUTH, startDevApp } from './dev-app.js';

const post = (url: string, body: unknown) => fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

let configured: TestApi;
let development: Awaited<ReturnType<typeof startDevApp>>;
let production: Awaited<ReturnType<typeof startDevApp>>;
beforeAll(async () => {
  ensureConsoleBuilt();
  [configured, development, production] = await Promise.all([startTestApi(), startDevApp(false), startDevApp(true)]);
}, 180_000);
afterAll(async () => {
  await Promise.all([configured?.close(), development?.close(), production?.close()]);
});

describe('the console is served by the app at /, without a token', () => {
  it('serves the page with a policy that runs only its own scripts', async () => {
    const response = await fetch(`${configured.url}/`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/text\/html/);
    expect(response.headers.get('content-security-policy')).toContain("script-src 'self'");
    const html = await response.text();
    const script = /<script type="module" crossorigin src="(\/assets\/[^"]+\.js)"/.exec(html)?.[1];
    expect(script).toBeDefined();
    const asset = await fetch(`${configured.url}${script}`);
    expect(asset.status).toBe(200);
    expect(asset.headers.get('content-type')).toMatch(/javascript/);
    expect(asset.headers.get('cache-control')).toContain('immutable');
  });

  it("gives the page the working calendar's zone, in which it shows and reads every time (GET /catalog/calendar, no token)", async () => {
    const response = await fetch(`${configured.url}/catalog/calendar`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ timeZone: 'Asia/Seoul' });
  });

  it('an asset name that is not one gets a 404, never a file from elsewhere', async () => {
    for (const path of ['/assets/..%2f..%2fpackage.json', '/assets/.env', '/assets/nope.js']) {
      expect({ path, status: (await fetch(`${configured.url}${path}`)).status }).toEqual({ path, status: 404 });
    }
  });

  it('the API keeps its guard: the console being public opens nothing else', async () => {
    expect((await fetch(`${configured.url}/complaints`)).status).toBe(401);
  });
});

describe('demo tokens for the sign-in picker', () => {
  it('in development with the generated secret, the picker lists demo users and a minted token is accepted by the API', async () => {
    const users = await fetch(`${development.url}/dev/demo-users`);
    expect(users.status).toBe(200);
    expect(((await users.json()) as { users: unknown[] }).users).toContainEqual({ role: 'handler', department: 'inspection', departmentName: { ko: '검사지도처', en: 'Inspection office' }, name: 'Demo handler (inspection)' });
    const minted = await post(`${development.url}/dev/tokens`, { role: 'handler', department: 'inspection' });
    expect(minted.status).toBe(201);
    const { token } = (await minted.json()) as { token: string };
    const list = await fetch(`${development.url}/complaints?department=inspection`, { headers: { authorization: `Bearer ${token}` } });
    expect(list.status).toBe(200);
  });

  it('a bad request names the field and the rule', async () => {
    const response = await post(`${development.url}/dev/tokens`, { role: 'handler' });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { errors: unknown }).errors).toEqual([{ field: 'department', rule: 'is required for the role handler' }]);
  });

  it('with a secret from the environment, the routes do not exist', async () => {
    expect((await fetch(`${configured.url}/dev/demo-users`)).status).toBe(404);
    expect((await post(`${configured.url}/dev/tokens`, { role: 'admin' })).status).toBe(404);
  });

  it('in production, the routes do not exist', async () => {
    expect((await fetch(`${production.url}/dev/demo-users`)).status).toBe(404);
    expect((await post(`${production.url}/dev/tokens`, { role: 'admin' })).status).toBe(404);
  });
});

describe('the API document and the security headers', () => {
  const devPaths = async (url: string) => Object.keys(((await (await fetch(`${url}/openapi.json`)).json()) as { paths: object }).paths).filter((p) => p.startsWith('/dev/'));

  it('lists the /dev routes only where demo tokens are minted', async () => {
    expect(await devPaths(development.url)).toEqual(['/dev/demo-users', '/dev/tokens']);
    expect(await devPaths(configured.url)).toEqual([]);
    expect(await devPaths(production.url)).toEqual([]);
  });

  it.each(['/health', '/complaints', '/openapi.json', '/docs', '/', '/no-such-route'])('%s: no X-Powered-By, the usual security headers', async (path) => {
    const headers = (await fetch(`${production.url}${path}`)).headers;
    expect(headers.get('x-powered-by')).toBeNull();
    expect(headers.get('x-content-type-options')).toBe('nosniff');
    expect(headers.get('x-frame-options')).toBe('DENY');
    expect(headers.get('referrer-policy')).toBe('no-referrer');
    expect(headers.get('strict-transport-security')).toMatch(/max-age=\d+/);
    expect(headers.get('cross-origin-opener-policy')).toBe('same-origin');
    expect(headers.get('content-security-policy')).toMatch(/default-src 'self'.*script-src 'self'.*frame-ancestors 'none'/);
  });

  it('the console page keeps its own stricter policy (no inline styles)', async () => {
    expect((await fetch(`${production.url}/`)).headers.get('content-security-policy')).toContain("style-src 'self';");
  });
});

describe('demo tokens stay within the longest token lifetime the service accepts', () => {
  it('with AUTH_TOKEN_MAX_LIFETIME of 1 h, a demo token lives 1 h and is accepted', async () => {
    const shortLived = await startDevApp(false, { ...DEV_AUTH, maxTokenLifetimeSeconds: 3600 });
    try {
      const minted = (await (await post(`${shortLived.url}/dev/tokens`, { role: 'auditor' })).json()) as { token: string; expiresIn: string };
      const { iat, exp } = decodeJwt(minted.token);
      expect({ lifetime: exp! - iat!, expiresIn: minted.expiresIn }).toEqual({ lifetime: 3600, expiresIn: '3600s' });
      expect((await fetch(`${shortLived.url}/complaints`, { headers: { authorization: `Bearer ${minted.token}` } })).status).toBe(200);
    } finally {
      await shortLived.close();
    }
  });
});
