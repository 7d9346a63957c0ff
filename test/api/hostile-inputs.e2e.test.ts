import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { getMetadataStorage } from 'class-validator';
import { SignJWT } from 'jose';
import { loadAuthConfig, signSharedSecretToken } from '../../src/auth/index.js';
import * as complaintBodies from '../../src/complaints/command-routes.js';
import * as evaluationBodies from '../../src/evaluations/command-routes.js';
import { BadRequest, INSTANT_RULE } from '../../src/http/index.js';
import { parseBody } from '../../src/http/nest.js';
import { complaintBody, staff, startTestApi, TEST_AUTH, type TestApi } from '../support/api.js';

/** The inputs of issue 15 that answered 500: each is a 400 naming the field or parameter and the rule. */

let api: TestApi;
let caseId: string;
/** A case assigned to a department, which a reassignment needs (a state that refuses the command answers 409 before the body is read). */
let assignedId: string;
const cursor = (key: unknown[]) => Buffer.from(JSON.stringify(key)).toString('base64url');

beforeAll(async () => {
  api = await startTestApi();
  caseId = (await api.call('POST', '/complaints', { as: staff.intake, body: complaintBody() })).body.id;
  await api.call('POST', `/complaints/${caseId}/acknowledge`, { as: staff.intake, body: {} });
  assignedId = (await api.call('POST', '/complaints', { as: staff.intake, body: complaintBody() })).body.id;
  await api.call('POST', `/complaints/${assignedId}/assess`, { as: staff.intake, body: { severity: 'low', safetyIssue: false } });
  await api.call('POST', `/complaints/${assignedId}/assign`, { as: staff.intake, body: {} });
});
const pathOf = (path: string) => (path.startsWith('CASE') ? `/complaints/${caseId}${path.slice(4)}` : path.startsWith('ASSIGNED') ? `/complaints/${assignedId}${path.slice(8)}` : path);
afterAll(async () => {
  await api.close();
});

describe('text with NUL, other control characters or lone surrogates is refused at any depth of a body', () => {
  const cases: [string, string, unknown, string][] = [
    ['a NUL deep in a list', '/complaints', complaintBody({ subjects: [{ id: 'a\u0000b', kind: 'employee' }] }), 'subjects[0].id'],
    ['a lone low surrogate', '/complaints', complaintBody({ description: 'a\udc00b' }), 'description'],
    ['a lone high surrogate in a nested object', '/complaints', complaintBody({ complainant: { name: 'Kim \ud800' } }), 'complainant.name'],
    ['a NUL in a note', 'CASE/assess', { exclusion: 'anonymous', note: 'x\u0000y' }, 'note'],
    ['an escape character', 'CASE/pause-clock', { reason: 'inspection', note: 'x\u001b[31my' }, 'note'],
    ['a right-to-left override in a name', '/complaints', complaintBody({ complainant: { name: 'Kim \u202Egnol' } }), 'complainant.name'],
    ['a description of zero-width spaces alone (it passed as not blank)', '/complaints', complaintBody({ description: '\u200b\u200b' }), 'description'],
    ['a description of a joiner and spaces alone', '/complaints', complaintBody({ description: ' \u200d ' }), 'description'],
    ['a zero-width space ending a subject id', '/complaints', complaintBody({ subjects: [{ id: 'emp-7\u200b', kind: 'employee' }] }), 'subjects[0].id'],
    ['a byte order mark opening a note', 'CASE/pause-clock', { reason: 'inspection', note: '\ufeffnote' }, 'note'],
    ['a Braille blank (shows as a space) inside a subject id', '/complaints', complaintBody({ subjects: [{ id: 'emp\u28009', kind: 'employee' }] }), 'subjects[0].id'],
    ['a description of a Braille blank alone', '/complaints', complaintBody({ description: '\u2800' }), 'description'],
  ];
  it.each(cases)('%s', async (_name, path, body, field) => {
    const before = await api.eventsStoredByRequests();
    const response = await api.call('POST', pathOf(path), { as: staff.office, body });
    expect(response.status).toBe(400);
    expect(response.body.errors).toContainEqual({ field, rule: expect.stringMatching(/control characters|surrogates/) });
    expect(await api.eventsStoredByRequests()).toBe(before);
  });

  it('line breaks and tabs stay allowed in free text, and so do joiners within it (emoji sequences, Korean)', async () => {
    const response = await api.call('POST', '/complaints', { as: staff.intake, body: complaintBody({ description: 'line one\nline two\r\n\tindented 👨\u200d👩\u200d👧 가스 누출', subjects: [{ id: 'Sample Bank, N.A.', kind: 'supplier' }] }) });
    expect(response.status).toBe(201);
  });

  it.each([' emp-7', 'emp-7 ', 'emp  7', 'emp\u00a07', '가스공사'.normalize('NFD')])('a subject id %j is refused: one way to write each subject, so the repeat-offender rule counts it once', async (id) => {
    const before = await api.eventsStoredByRequests();
    const response = await api.call('POST', '/complaints', { as: staff.intake, body: complaintBody({ subjects: [{ id, kind: 'employee' }] }) });
    expect(response.status).toBe(400);
    expect(response.body.errors).toContainEqual({ field: 'subjects[0].id', rule: expect.stringMatching(/single spaces between words/) });
    expect(await api.eventsStoredByRequests()).toBe(before);
  });
});

describe('null in an optional field is refused naming it (its validators let null through as if left out)', () => {
  const cases: [string, string, unknown, string][] = [
    ['the complainant’s name', '/complaints', complaintBody({ complainant: { name: null, phone: '010-1234-5678' } }), 'complainant.name'],
    ['the complainant’s phone', '/complaints', complaintBody({ complainant: { name: 'Kim', phone: null } }), 'complainant.phone'],
    ['the cooperating departments of a reassignment', 'ASSIGNED/reassign', { department: 'testing', cooperatingDepartments: null }, 'cooperatingDepartments'],
    ['the subject of an improvement request', '/improvement-requests', { department: 'inspection', category: 'defective-facility', subject: null, change: 'x', reason: 'y' }, 'subject'],
  ];
  it.each(cases)('%s', async (_name, path, body, field) => {
    const before = await api.eventsStoredByRequests();
    const response = await api.call('POST', pathOf(path), { as: staff.office, body });
    expect(response.status).toBe(400);
    expect(response.body.errors).toContainEqual({ field, rule: expect.stringMatching(/must not be null/) });
    expect(await api.eventsStoredByRequests()).toBe(before);
  });
});

describe('a body with a null or a control character beside other faults', () => {
  it('is refused naming every field once, each with its rule, not the null alone', async () => {
    const before = await api.eventsStoredByRequests();
    const response = await api.call('POST', '/complaints', { as: staff.office, body: { ...complaintBody({ complainant: { name: null, phone: '010-1234-5678' }, description: 'a\u0000b' }), channel: 'pigeon' } });
    expect(response.status).toBe(400);
    expect(response.body.errors).toEqual(expect.arrayContaining([
      { field: 'complainant.name', rule: expect.stringMatching(/must not be null/) },
      { field: 'description', rule: expect.stringMatching(/control characters/) },
      { field: 'channel', rule: expect.stringMatching(/must be one of/) },
    ]));
    expect(response.body.errors).toHaveLength(3);
    expect(await api.eventsStoredByRequests()).toBe(before);
  });

  it('on the portal too, with an unknown category named with the rest; a body that is no object is only that', async () => {
    const filing = { category: 'nope', description: 5, name: null, consent: { personalData: true, email: false, sms: false }, language: 'ko' };
    const response = await api.call('POST', '/portal/complaints', { body: filing });
    expect(response.status).toBe(400);
    expect(response.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['category', 'description', 'email', 'name', 'phone']);
    expect(response.body.errors).toContainEqual({ field: 'category', rule: expect.stringMatching(/^unknown category nope; known: /) });
    expect((await api.call('POST', '/portal/complaints', { body: [] })).body.errors).toEqual([{ field: 'body', rule: 'must be a JSON object' }]);
  });
});

describe('hostile query parameters are refused naming the parameter', () => {
  const cases: [string, string, RegExp][] = [
    ['/complaints?department=a%00b', 'department', /control characters/],
    ['/complaints?assignee=%00', 'assignee', /control characters/],
    ['/complaints?category=%C2%9B31m', 'category', /control characters/],
    [`/complaints?cursor=${cursor(['2020-02-30', 'x'])}`, 'cursor', /nextCursor/],
    [`/complaints?cursor=${cursor(['0', 'x'])}`, 'cursor', /nextCursor/],
    [`/reports/sla?cursor=${cursor(['2020-02-30', 'x', 1])}`, 'cursor', /nextCursor/],
    ['/audit/conformity?quarter=0000-Q1', 'quarter', /1970 to 9998/],
    ['/audit/conformity?quarter=9999-Q4', 'quarter', /1970 to 9998/],
    ['/reports/quarterly?quarter=9999-Q4', 'quarter', /1970 to 9998/],
    ['/reports/compensation?quarter=9999-Q4', 'quarter', /1970 to 9998/],
    ['/audit/access-log?from=0000-01-01T00:00:00Z', 'from', /1970 to 9998/],
    ['/audit/access-log?to=9999-12-31T23:00:00-09:00', 'to', /1970 to 9998/],
    ['/audit/access-log?cursor=9999999999999999999', 'cursor', /nextCursor/],
    ['/audit/access-log?actor=%00', 'actor', /control characters/],
    ['/reports/repeat-offenders?year=9999', 'year', /1970 to 9998/],
    // The yearly figures stand beside the year before, so the first year they take is 1971, and the rule says so.
    ['/reports/yearly/1970/satisfaction', 'year', /^must be in the years 1971 to 9998$/],
    ['/nominations?year=1970', 'year', /^must be in the years 1971 to 9998$/],
    [`/complaints/CASE/at?time=0000-01-01T00:00:00Z`, 'time', /1970 to 9998/],
    ['/audit/access-log?from=2026-12-05T13:00:00Z&to=2026-12-05T12:00:00Z', 'to', /^must not be before from$/],
    // Routes that take no parameter refuse one rather than ignore it: a replay "to revision 3" would have been the whole history.
    ['/complaints/CASE/replay?revision=3', 'revision', /^is not a parameter/],
    ['/complaints/CASE?x=1', 'x', /^is not a parameter/],
    ['/complaints/CASE/events?revision=1', 'revision', /^is not a parameter/],
    ['/audit/complaints/CASE/trail?asOf=2026-01-01', 'asOf', /^is not a parameter/],
    ['/evaluations/2026-Q5', 'quarter', /^must be a quarter such as 2026-Q3$/],
  ];
  it.each(cases)('GET %s', async (path, field, rule) => {
    const response = await api.call('GET', path.replace('CASE', caseId), { as: staff.auditor });
    expect(response.status).toBe(400);
    expect(response.body.errors).toContainEqual({ field, rule: expect.stringMatching(rule) });
  });
});

describe('out-of-range numbers and instants in bodies are refused naming the field', () => {
  it.each([9999, 1969])('a repeat-offence judgement for the year %s (9999 was a 500: its bounds are past PostgreSQL\'s)', async (year) => {
    const body = { subject: { id: 'x', kind: 'employee' }, reason: 'r', year, verdict: 'fit', explanation: 'e' };
    const response = await api.call('POST', '/reports/repeat-offenders/judgements', { as: staff.office, body });
    expect(response.status).toBe(400);
    expect(response.body.errors).toContainEqual({ field: 'year', rule: expect.stringMatching(/must not be (greater|less) than (9998|1970)/) });
  });

  it('a retention of 300000 years', async () => {
    const response = await api.call('POST', '/personal-data/retention', { as: staff.office, body: { years: 300000 } });
    expect(response.status).toBe(400);
    expect(response.body.errors).toContainEqual({ field: 'years', rule: expect.stringMatching(/must not be greater than/) });
  });

  it.each(['0000-01-01T00:00:00Z', '+275760-09-13T00:00:00Z', '2020-02-30T00:00:00Z'])('a receipt time of %s', async (receivedAt) => {
    const response = await api.call('POST', '/complaints', { as: staff.intake, body: complaintBody({ receivedAt }) });
    expect(response.status).toBe(400);
    expect(response.body.errors).toContainEqual({ field: 'receivedAt', rule: expect.any(String) });
  });

  it('a materials due date in the year 10000 in UTC (9999-12-31T23:00:00-10:00 was stored and shown as +010000-01-01)', async () => {
    const before = await api.eventsStoredByRequests();
    const response = await api.call('POST', `/complaints/${assignedId}/request-information`, { as: staff.office, body: { department: 'testing', request: 'x', dueAt: '9999-12-31T23:00:00-10:00' } });
    expect(response.status).toBe(400);
    expect(response.body.errors).toContainEqual({ field: 'dueAt', rule: INSTANT_RULE });
    expect(await api.eventsStoredByRequests()).toBe(before);
  });

  // Every ISO 8601 field of every request body (dueAt, providedAt and completedAt once lacked it) takes the instants' rule.
  const instantFields = [...Object.values(complaintBodies), ...Object.values(evaluationBodies)]
    .filter((body): body is new () => object => typeof body === 'function')
    .flatMap((body) => getMetadataStorage().getTargetValidationMetadatas(body, '', true, false).filter((m) => m.name === 'isIso8601').map((m) => [`${body.name}.${m.propertyName}`, body, m.propertyName] as const));
  it.each(instantFields)('%s out of the years', (_name, body, field) => {
    for (const instant of ['9999-12-31T23:00:00-10:00', '1969-12-31T23:00:00Z']) {
      const refusal = (() => { try { parseBody(body, { [field]: instant }); } catch (error) { return error; } })();
      expect(refusal).toBeInstanceOf(BadRequest);
      expect((refusal as BadRequest).errors).toContainEqual({ field, rule: INSTANT_RULE });
    }
  });
});

describe('a validly signed token whose identity holds control characters is refused with 401', () => {
  it.each([
    ['sub', { ...staff.office, sub: 'u-\u0000office' }],
    ['name', { ...staff.office, name: 'Office\nJung' }],
    ['department', { ...staff.handler, department: 'inspection\u0007' }],
  ])('in %s', async (claim, claims) => {
    const response = await api.call('GET', '/complaints', { headers: { authorization: `Bearer ${await api.token(claims)}` } });
    expect(response.status).toBe(401);
    expect(response.body.message).toMatch(new RegExp(`${claim}.*control characters`));
  });
});

describe('token lifetime', () => {
  const secret = new TextEncoder().encode(TEST_AUTH.secret);
  const now = () => Math.floor(Date.now() / 1000);
  const signed = (iat: number, exp: number) => new SignJWT({ roles: ['auditor'], name: 'Auditor Yoon' }).setProtectedHeader({ alg: 'HS256' }).setSubject('u-auditor').setIssuedAt(iat).setExpirationTime(exp).sign(secret);
  const answer = async (token: string) => api.call('GET', '/complaints', { headers: { authorization: `Bearer ${token}` } });

  it('a token living longer than the maximum (12 h by default) is refused with 401 saying so', async () => {
    const response = await answer(await signed(now(), now() + 13 * 3600));
    expect(response.status).toBe(401);
    expect(response.body.message).toMatch(/lifetime \(exp - iat\) is longer than the 43200 seconds/);
  });

  it('a token issued in the future (beyond the clock skew) is refused with 401 saying so', async () => {
    const response = await answer(await signed(now() + 300, now() + 3600));
    expect(response.status).toBe(401);
    expect(response.body.message).toMatch(/issued in the future/);
  });

  it('a token of 12 h issued a few seconds ahead (clock skew) is accepted', async () => {
    expect((await answer(await signed(now() + 10, now() + 10 + 12 * 3600))).status).toBe(200);
  });

  it('the maximum is configurable (AUTH_TOKEN_MAX_LIFETIME) and signing a longer token is refused', async () => {
    const config = (await loadAuthConfig({ AUTH_JWT_SECRET: TEST_AUTH.secret, AUTH_TOKEN_MAX_LIFETIME: '1h' })) as typeof TEST_AUTH;
    expect(config.maxTokenLifetimeSeconds).toBe(3600);
    await expect(signSharedSecretToken(config, staff.auditor, { expiresIn: '2h' })).rejects.toThrow(/at most the maximum token lifetime, 3600 seconds/);
    await expect(signSharedSecretToken(TEST_AUTH, staff.auditor)).resolves.toEqual(expect.any(String));
    await expect(loadAuthConfig({ AUTH_JWT_SECRET: TEST_AUTH.secret, AUTH_TOKEN_MAX_LIFETIME: 'forever' })).rejects.toThrow(/AUTH_TOKEN_MAX_LIFETIME/);
  });
});

describe('a body that is no JSON object, and a path that is no percent-encoded UTF-8, are refused in the API\'s shape', () => {
  it.each([
    ['null', 'the body is not a JSON object'], ['42', 'the body is not a JSON object'], ['"x"', 'the body is not a JSON object'],
    // What does not parse is said so (the auditor tester read "not a JSON object" for a syntax error).
    ['{', 'the body is not JSON: it does not parse'], ['[1', 'the body is not JSON: it does not parse'],
  ])('the body %s', async (body, message) => {
    const response = await api.call('POST', '/complaints', { as: staff.intake, body });
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ message, errors: [{ field: 'body', rule: 'must be a JSON object' }] });
  });

  it('a path with %ZZ', async () => {
    const response = await api.call('POST', '/complaints/%ZZ/assess', { as: staff.handler, body: { severity: 'minor', safetyIssue: false } });
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ errors: [{ field: 'path', rule: 'must be percent-encoded UTF-8' }] });
  });
});
