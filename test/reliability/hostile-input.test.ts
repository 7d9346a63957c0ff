import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { complaintBody, staff, startTestApi, type ApiResponse, type TestApi } from '../support/api.js';
import type { TokenClaims } from '../../src/auth/sign-token.js';
import { CLASS_NAMES, fieldOf, HOSTILE_CLASSES, queryValue, replaced, routesOf, settle, targetsOf, type HostileClass, type OpenApi, type Target } from './hostile-schema.js';

/** `npm run test:reliability` tries many more. */
const RUNS = Number(process.env.RELIABILITY_RUNS ?? 100);
/** Schema-driven requests beyond the sweep (every target with every class once). */
const SCHEMA_RUNS = Number(process.env.RELIABILITY_RUNS ?? 100);
/** `npm run test:reliability` sends every example of every class to every body node too. */
const LONG_RUN = process.env.RELIABILITY_RUNS !== undefined;

let api: TestApi;
let caseId: string;
/** A real follow-up link's token, for the portal's routes. */
let portalToken: string;
let routes: { method: string; path: string }[] = [];
let doc: OpenApi;
const eventsStoredByRequests = () => api.eventsStoredByRequests();

beforeAll(async () => {
  // The portal's rate limits out of the way: every hostile request must reach the validation.
  api = await startTestApi({ config: { portal: { linkLifetimeDays: 1, rateLimits: { perAddressPerMinute: 1e9, perCasePerMinute: 1e9 }, filingLimit: { filings: 1e9, windowMs: 60_000 } } } });
  caseId = (await api.call('POST', '/complaints', { as: staff.intake, body: complaintBody() })).body.id;
  const filed = await api.call('POST', '/portal/complaints', {
    body: { category: 'defective-facility', description: 'Gas smell', name: 'Kim', phone: '010-1234-5678', consent: { personalData: true, email: false, sms: false }, language: 'en' },
  });
  portalToken = (filed.body.followUpUrl as string).split('/').pop()!;
  doc = (await api.call('GET', '/openapi.json')).body as OpenApi;
  routes = Object.entries(doc.paths as Record<string, Record<string, unknown>>).flatMap(([path, item]) =>
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
          const before = await eventsStoredByRequests();
          const response = await api.call(route.method, path, {
            as: headers.auth === undefined ? actor : undefined,
            body: route.method === 'GET' ? undefined : typeof requestBody === 'string' ? requestBody : JSON.stringify(requestBody),
            headers: { ...extra, ...(route.method === 'GET' ? {} : { 'content-type': 'application/json' }) },
          });
          expect({ route: `${route.method} ${route.path}`, status: response.status < 500 ? 'not 5xx' : response.status }).toEqual({
            route: `${route.method} ${route.path}`,
            status: 'not 5xx',
          });
          if (response.status >= 400) expect(await eventsStoredByRequests()).toBe(before);
          if (typeof response.body === 'object' && response.body !== null) expect(JSON.stringify(response.body)).not.toMatch(/\bat .*\.(js|ts):\d+/);
        },
      ),
      { numRuns: RUNS },
    );
  }, 300_000);
});

/** One actor with every role that may read or write, so that a refusal is about the input, never the role. */
const everyone: TokenClaims = { sub: 'u-hostile', name: 'Hostile Tester', roles: ['complaints-office', 'auditor', 'admin'] };
const UNKNOWN = { id: 'no-such-case', key: 'k'.repeat(20), quarter: '2020-Q1' };
/**
 * Routes whose body names something that must exist first (a subject the repeat-offender rule flagged):
 * a body valid by its schema is refused naming that field, so a hostile value that passes the schema is too.
 */
const NAMES_EXISTING: Record<string, string> = { 'POST /reports/repeat-offenders/judgements': 'subject' };

describe('hostile values generated from each route\'s own schema (the served OpenAPI document)', () => {
  let targets: Target[];
  const sent = { requests: 0, classes: new Set<string>() };

  beforeAll(async () => {
    const schemaRoutes = routesOf(doc);
    // The base bodies must be valid, or a hostile node's 400 would be about something else.
    for (const route of schemaRoutes) {
      await settle(doc, route, async (body) => {
        const response = await send(route, undefined, body);
        const errors = response.status === 400 ? (response.body.errors as { field: string; rule: string }[]) : [];
        const existing = NAMES_EXISTING[`${route.method} ${route.path}`];
        return errors.length === 0 || errors.every((e) => e.field === existing) ? undefined : errors.map((e) => `${e.field} ${e.rule}`);
      });
    }
    targets = targetsOf(doc, schemaRoutes);
  });
  afterAll(() => {
    // docs/reliability.md quotes these numbers.
    process.stdout.write(`schema-driven hostile requests: ${sent.requests} over ${targets.length} targets, ${sent.classes.size} classes\n`);
  });

  function pathOf(route: { path: string }, realCase: boolean): string {
    return route.path.replace('{id}', realCase ? caseId : UNKNOWN.id).replace('{key}', UNKNOWN.key).replace('{year}', '2026').replace('{token}', realCase ? portalToken : 'x'.repeat(43))
      // A quarter no evaluation has (404), as a case no one received: a malformed one is a 400 naming quarter, which a body's node is not.
      .replace('{quarter}', UNKNOWN.quarter);
  }

  async function send(route: { method: string; path: string }, query: string | undefined, body: unknown, realCase = false): Promise<ApiResponse> {
    sent.requests += 1;
    return api.call(route.method, pathOf(route, realCase) + (query ? `?${query}` : ''), { as: everyone, body: route.method === 'GET' ? undefined : JSON.stringify(body ?? {}) });
  }

  /** What is wrong with the answer to one hostile request: a 5xx, a 400 not naming the field or parameter made hostile, a refused write that stored something. */
  async function problemsOf(target: Target, cls: HostileClass, value: unknown, realCase: boolean): Promise<string[]> {
    sent.classes.add(cls);
    const before = target.method === 'GET' ? 0 : await eventsStoredByRequests();
    let response: ApiResponse;
    let named: string;
    if (target.kind === 'body') {
      named = fieldOf(target.at);
      response = await send(target, undefined, replaced(target.base, target.at, value), realCase);
    } else {
      named = target.parameter;
      const required = Object.entries(target.required).filter(([name]) => name !== target.parameter).map(([name, v]) => `${name}=${encodeURIComponent(v)}`);
      response = await send(target, [...required, `${target.parameter}=${queryValue(value)}`].join('&'), undefined, realCase);
    }
    const what = `${target.method} ${target.path} ${named} = ${JSON.stringify(typeof value === 'string' ? value.slice(0, 40) : value)} (${cls}): `;
    const problems: string[] = [];
    if (response.status >= 500) problems.push(`${what}${response.status}`);
    if (response.status === 400) {
      const errors = (response.body?.errors ?? []) as { field: string; rule: string }[];
      const fields = errors.map((e) => e.field);
      if (errors.length === 0 || !errors.every((e) => typeof e.field === 'string' && typeof e.rule === 'string' && e.rule !== '')) problems.push(`${what}400 without field and rule`);
      // On the real case a value the schema accepts may still break a rule of the case's state (about another field).
      const related = fields.some((field) => field === named || field.startsWith(`${named}.`) || field.startsWith(`${named}[`) || named.startsWith(`${field}.`) || named.startsWith(`${field}[`));
      const existing = fields.every((field) => field === NAMES_EXISTING[`${target.method} ${target.path}`]);
      if (!related && !existing && !(realCase && (target.path.includes('{id}') || target.path.includes('{token}')))) problems.push(`${what}400 naming ${fields.join(', ')}`);
    }
    if (response.status >= 400 && target.method !== 'GET' && (await eventsStoredByRequests()) !== before) problems.push(`${what}refused (${response.status}) but stored events`);
    return problems;
  }

  it('every body node and every query parameter with every class of hostile value (every example in the long run) never gets a 5xx', async () => {
    const problems: string[] = [];
    let n = 0;
    for (const target of targets) {
      for (const cls of CLASS_NAMES) {
        const { examples, arbitrary } = HOSTILE_CLASSES[cls];
        const values = LONG_RUN ? examples : fc.sample(arbitrary, target.kind === 'query' ? 3 : 1);
        for (const value of values) problems.push(...(await problemsOf(target, cls, value, n++ % 2 === 0)));
      }
    }
    expect(problems).toEqual([]);
  }, 600_000);

  it('random targets and values: never a 5xx, and a 400 names the field', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.nat(),
        fc.constantFrom(...CLASS_NAMES).chain((cls) => fc.tuple(fc.constant(cls), HOSTILE_CLASSES[cls].arbitrary)),
        fc.boolean(),
        async (pick, [cls, value], realCase) => expect(await problemsOf(targets[pick % targets.length]!, cls, value, realCase)).toEqual([]),
      ),
      { numRuns: SCHEMA_RUNS },
    );
  }, 300_000);
});
