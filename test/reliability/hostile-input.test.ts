import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { complaintBody, staff, startTestApi, type TestApi } from '../support/api.js';

/** `npm run test:reliability` tries many more. */
const RUNS = Number(process.env.RELIABILITY_RUNS ?? 250);

let api: TestApi;
let caseId: string;
let routes: { method: string; path: string }[] = [];

beforeAll(async () => {
  api = await startTestApi();
  caseId = (await api.call('POST', '/complaints', { as: staff.intake, body: complaintBody() })).body.id;
  const doc = await api.call('GET', '/openapi.json');
  routes = Object.entries(doc.body.paths as Record<string, Record<string, unknown>>).flatMap(([path, item]) =>
    Object.keys(item).filter((m) => ['get', 'post', 'put', 'patch', 'delete'].includes(m)).map((method) => ({ method: method.toUpperCase(), path })),
  );
});
afterAll(async () => {
  await api.close();
});

const nasty = fc.constantFrom(
  "'; DROP TABLE events; --",
  '" OR 1=1 --',
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '{{constructor.constructor("return process")()}}',
  '\u0000\u0001\u001f',
  '\uD800',
  '🙂'.repeat(500),
  'Ｆｕｌｌｗｉｄｔｈ',
  '\u202Eevil',
  '../../etc/passwd',
  '%00',
  'x'.repeat(20_000),
);
const text = fc.oneof(fc.string(), fc.string({ unit: 'binary' }), nasty);
const number = fc.oneof(fc.integer(), fc.double(), fc.constantFrom(-1, 0, Number.MAX_SAFE_INTEGER, -1e308, 1e308));
const leaf = fc.oneof(text, number, fc.boolean(), fc.constant(null));
const key = fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom('__proto__', 'constructor', 'prototype', 'channel', 'category', 'complainant', 'scores', 'subjects', 'reason'));
const value = fc.letrec((tie) => ({
  node: fc.oneof({ depthSize: 'small', withCrossShrink: true }, leaf, tie('array'), tie('object')),
  array: fc.array(tie('node'), { maxLength: 5 }),
  object: fc.dictionary(key, tie('node'), { maxKeys: 6 }),
})).node;
const deep = fc.integer({ min: 20, max: 2000 }).map((depth) => JSON.parse('{"a":'.repeat(depth) + '1' + '}'.repeat(depth)) as unknown);
const validish = fc.record({ field: fc.constantFrom('channel', 'category', 'description', 'consent', 'complainant', 'receivedAt', 'subjects'), v: value }).map(({ field, v }) => complaintBody({ [field]: v }));
const body = fc.oneof(value, deep, validish, fc.constant('not json{'), fc.constant(''));

const header = fc.string({ unit: fc.integer({ min: 0x21, max: 0x7e }).map((c) => String.fromCharCode(c)), maxLength: 300 });
const id = fc.oneof(fc.constant('CASE'), fc.string({ maxLength: 80 }), nasty, fc.constantFrom('%E0%A4%A', '%', '%zz', '%2e%2e%2f'));
const query = fc.dictionary(fc.string({ maxLength: 10 }), fc.oneof(fc.string({ maxLength: 50 }), nasty), { maxKeys: 4 });

describe('hostile requests to every route', () => {
  it('never get a 5xx, and a refused request stores nothing', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.nat(),
        id,
        body,
        query,
        fc.record({ ifMatch: fc.option(header, { nil: undefined }), idempotency: fc.option(header, { nil: undefined }), auth: fc.option(header, { nil: undefined }) }),
        fc.constantFrom(staff.intake, staff.office, staff.handler, staff.auditor),
        async (pick, rawId, requestBody, params, headers, actor) => {
          const route = routes[pick % routes.length]!;
          const realId = rawId === 'CASE' ? caseId : rawId;
          const path =
            route.path.replace('{id}', realId.startsWith('%') ? realId : encodeURIComponent(realId.toWellFormed())).replace('{command}', 'assess') +
            (Object.keys(params).length ? `?${new URLSearchParams(params as Record<string, string>)}` : '');
          const extra: Record<string, string> = {};
          if (headers.ifMatch !== undefined) extra['if-match'] = headers.ifMatch;
          if (headers.idempotency !== undefined) extra['idempotency-key'] = headers.idempotency;
          if (headers.auth !== undefined) extra.authorization = `Bearer ${headers.auth}`;
          const before = await api.storedEvents();
          const response = await api.call(route.method, path, {
            as: headers.auth === undefined ? actor : undefined,
            body: route.method === 'GET' ? undefined : typeof requestBody === 'string' ? requestBody : JSON.stringify(requestBody),
            headers: { ...extra, ...(route.method === 'GET' ? {} : { 'content-type': 'application/json' }) },
          });
          expect({ route: `${route.method} ${route.path}`, status: response.status < 500 ? 'not 5xx' : response.status }).toEqual({
            route: `${route.method} ${route.path}`,
            status: 'not 5xx',
          });
          if (response.status >= 400) expect(await api.storedEvents()).toBe(before);
          if (typeof response.body === 'object' && response.body !== null) expect(JSON.stringify(response.body)).not.toMatch(/\bat .*\.(js|ts):\d+/);
        },
      ),
      { numRuns: RUNS },
    );
  }, 300_000);
});
