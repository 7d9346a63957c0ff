/**
 * The API description (`/openapi.json`) as a client generator and a linter read it: Redocly's
 * recommended rules find nothing, the typed client generated from it (test/support/api-types.ts) is
 * the one the live document gives, and that client walks a case through its answers, errors included.
 * `npm run lint` runs this file; `npm run api:types` rewrites the generated types after a route changes.
 */
import { commandOf } from '../../src/metrics/command-metrics.js';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createConfig, lintFromString } from '@redocly/openapi-core';
import createClient from 'openapi-fetch';
import openapiTS, { astToString } from 'openapi-typescript';
import { readFileSync, writeFileSync } from 'node:fs';
import { complaintBody, staff, startTestApi, type TestApi } from '../support/api.js';
import type { paths } from '../support/api-types.js';

const TYPES_FILE = 'test/support/api-types.ts';
const HEADER = '// Generated from /openapi.json by openapi-typescript (`npm run api:types`); test/api/api-description.e2e.test.ts checks it is current.\n';

let api: TestApi;
let description: Record<string, unknown>;

beforeAll(async () => {
  api = await startTestApi();
  description = (await api.call('GET', '/openapi.json')).body;
});
afterAll(async () => {
  await api.close();
});

describe('the API description', () => {
  it("passes Redocly's recommended rules with no error and no warning", async () => {
    // The project has not chosen a licence to publish under: the description cannot name one.
    const config = await createConfig({ extends: ['recommended'], rules: { 'info-license': 'off' } });
    const found = await lintFromString({ source: JSON.stringify(description), absoluteRef: 'openapi.json', config });
    // A probe (health, live, ready) sends nothing a health check could refuse: it has no 4xx answer to document.
    const problems = found.filter((p) => !(p.ruleId === 'operation-4xx-response' && /^#\/paths\/~1health(~1live|~1ready)?\/get\/responses$/.test(p.location[0]?.pointer ?? '')));
    expect(problems.map((p) => `${p.severity} ${p.ruleId} ${p.location[0]?.pointer ?? ''}: ${p.message}`)).toEqual([]);
  });

  it('documents the error answers of every operation, each with its body', () => {
    const undocumented: string[] = [];
    for (const [path, item] of Object.entries(description.paths as Record<string, Record<string, { responses: Record<string, unknown>; security?: unknown[] }>>)) {
      for (const [method, operation] of Object.entries(item)) {
        const errors = Object.keys(operation.responses).filter((status) => status.startsWith('4'));
        const expected = [...(operation.security?.length === 0 ? [] : ['401']), ...(path.includes('{') ? ['404'] : [])];
        for (const status of expected) if (!errors.includes(status)) undocumented.push(`${method.toUpperCase()} ${path}: no ${status}`);
        for (const status of errors) {
          const answer = operation.responses[status] as { $ref?: string; content?: unknown };
          if (!answer.$ref && !answer.content) undocumented.push(`${method.toUpperCase()} ${path}: ${status} without a body`);
        }
      }
    }
    expect(undocumented).toEqual([]);
  });

  it('names every write a counted command of the metrics (a new write route left out would go unmetered)', () => {
    const unmetered: string[] = [];
    for (const [path, item] of Object.entries(description.paths as Record<string, Record<string, unknown>>)) {
      for (const method of Object.keys(item).filter((m) => m !== 'get' && m !== 'head')) {
        const labels = commandOf(method.toUpperCase(), path.replace(/\{[^}]+\}/g, 'x'));
        if (labels === undefined || labels.command === 'unknown') unmetered.push(`${method.toUpperCase()} ${path}`);
      }
    }
    expect(unmetered).toEqual([]);
  });

  it('gives the typed client in test/support/api-types.ts (after a route changes: npm run api:types)', async () => {
    const generated = HEADER + astToString(await openapiTS(description as never));
    if (process.env.API_TYPES_WRITE === '1') writeFileSync(TYPES_FILE, generated);
    expect(readFileSync(TYPES_FILE, 'utf8') === generated).toBe(true);
  });
});

describe('a client generated from the description', () => {
  const client = (as: (typeof staff)[keyof typeof staff]) =>
    createClient<paths>({ baseUrl: api.url, headers: { authorization: `Bearer ${tokens.get(as)}` } });
  const tokens = new Map<object, string>();
  beforeAll(async () => {
    for (const claims of Object.values(staff)) tokens.set(claims, await api.token(claims));
  });

  it('receives, refuses in the documented shapes, and routes a case', async () => {
    const intake = client(staff.intake);
    const received = await intake.POST('/complaints', { body: complaintBody() as never });
    expect(received.response.status).toBe(201);
    const id = (received.data as unknown as { id: string }).id;

    const invalid = await intake.POST('/complaints/{id}/assess', { params: { path: { id } }, body: { severity: 'apocalyptic' as never, safetyIssue: false } });
    expect(invalid.response.status).toBe(400);
    expect(invalid.error?.errors).toContainEqual({ field: 'severity', rule: expect.stringContaining('low, medium, high, critical') });

    const early = await client(staff.office).POST('/complaints/{id}/decide', { params: { path: { id } }, body: { outcome: 'upheld', basis: 'Gas Safety Act art. 17' } });
    expect(early.response.status).toBe(409);
    expect(early.error && 'allowedCommands' in early.error ? early.error.allowedCommands : []).toContain('assign');

    const assessed = await intake.POST('/complaints/{id}/assess', { params: { path: { id }, header: { 'If-Match': '"0"' } }, body: { severity: 'low', safetyIssue: false } });
    expect(assessed.response.status).toBe(200);
    const stale = await intake.POST('/complaints/{id}/assign', { params: { path: { id }, header: { 'If-Match': '"0"' } }, body: {} });
    expect(stale.response.status).toBe(412);
    expect(stale.error?.message).toEqual(expect.any(String));

    const unknown = await intake.GET('/complaints/{id}', { params: { path: { id: '01900000-0000-7000-8000-000000000000' } } });
    expect(unknown.response.status).toBe(404);
    expect(unknown.error?.statusCode).toBe(404);

    const unauthenticated = await createClient<paths>({ baseUrl: api.url }).GET('/reports/quarterly', { params: { query: { quarter: '2026-Q3' } } });
    expect(unauthenticated.error?.statusCode).toBe(401);
  });
});
