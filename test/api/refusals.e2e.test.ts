import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { gzipSync } from 'node:zlib';
import { complaintBody, staff, startTestApi, type TestApi } from '../support/api.js';

let api: TestApi;
let caseId: string;
const eventCount = async (id: string) => (await api.call('GET', `/complaints/${id}/events`, { as: staff.office })).body.events.length as number;

beforeAll(async () => {
  api = await startTestApi();
  caseId = (await api.call('POST', '/complaints', { as: staff.intake, body: complaintBody() })).body.id;
});
afterAll(async () => {
  await api.close();
});

describe('bad input gets a 400 naming the field and the rule, and stores nothing', () => {
  const cases: [string, unknown, { field: string; rule: RegExp }][] = [
    ['an unknown field', complaintBody({ priority: 'vip' }), { field: 'priority', rule: /is not a known field/ }],
    ['a wrong type', complaintBody({ vulnerable: 'yes' }), { field: 'vulnerable', rule: /must be a boolean/ }],
    ['a missing field', { ...complaintBody(), category: undefined }, { field: 'category', rule: /is required/ }],
    ['a nested wrong value', complaintBody({ complainant: { name: 'A', email: 'not-an-email' } }), { field: 'complainant.email', rule: /email/ }],
    ['oversize text', complaintBody({ description: 'x'.repeat(10_001) }), { field: 'description', rule: /shorter than or equal to 10000/ }],
    ['a value outside the list', complaintBody({ channel: 'pigeon' }), { field: 'channel', rule: /visit, mail, fax, web, call-centre/ }],
    ['a receipt time in the future', complaintBody({ receivedAt: '2999-01-01T00:00:00Z' }), { field: 'receivedAt', rule: /must not be in the future/ }],
    ['an unknown category', complaintBody({ category: 'parking' }), { field: 'category', rule: /unknown category parking/ }],
    ['a prototype key', JSON.parse('{"__proto__": {"admin": true}, "channel": "web"}'), { field: '__proto__', rule: /not an allowed field name/ }],
    ['an array instead of an object', [1, 2], { field: 'body', rule: /must be a JSON object/ }],
  ];
  it.each(cases)('%s', async (_name, body, expected) => {
    const before = await api.eventsStoredByRequests();
    const response = await api.call('POST', '/complaints', { as: staff.intake, body });
    expect(response.status).toBe(400);
    expect(response.body.errors).toContainEqual({ field: expected.field, rule: expect.stringMatching(expected.rule) });
    expect(await api.eventsStoredByRequests()).toBe(before);
  });

  it('a command body breaking a rule is refused and the case is unchanged', async () => {
    const before = await eventCount(caseId);
    const response = await api.call('POST', `/complaints/${caseId}/assess`, { as: staff.intake, body: { severity: 'apocalyptic', safetyIssue: 'no' } });
    expect(response.status).toBe(400);
    expect(response.body.errors).toEqual([
      { field: 'severity', rule: expect.stringContaining('low, medium, high, critical') },
      { field: 'safetyIssue', rule: 'must be a boolean value' },
    ]);
    expect(await eventCount(caseId)).toBe(before);
  });

  it('invalid JSON is a 400, not a 500', async () => {
    const response = await api.call('POST', '/complaints', { as: staff.intake, body: '{"channel": ' });
    expect(response.status).toBe(400);
  });

  it('a body over 100 KB is refused with 413', async () => {
    const response = await api.call('POST', '/complaints', { as: staff.intake, body: complaintBody({ description: 'x'.repeat(120_000) }) });
    expect(response.status).toBe(413);
  });

  it('a body that is not JSON is refused with 415', async () => {
    const response = await api.call('POST', '/complaints', { as: staff.intake, body: 'channel=web', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(response.status).toBe(415);
  });

  it('a body in another charset than UTF-8 is refused with 415 naming it, not read as garbled JSON (the portal tester sent UTF-16)', async () => {
    const before = await api.eventsStoredByRequests();
    const response = await api.call('POST', '/complaints', { as: staff.intake, body: JSON.stringify(complaintBody()), headers: { 'content-type': 'application/json; charset=utf-16' } });
    expect(response).toMatchObject({ status: 415, body: { message: 'the body must be JSON in UTF-8 (Content-Type: application/json; charset=utf-8, or no charset)' } });
    expect(await api.eventsStoredByRequests()).toBe(before);
  });

  it.each(['gzip', 'deflate', 'br'])('a body that is not %s-compressed as its Content-Encoding says is a 400 naming the body and the rule (the portal tester got zlib\'s "incorrect header check")', async (encoding) => {
    const response = await api.call('POST', '/complaints', { as: staff.intake, body: JSON.stringify(complaintBody()), headers: { 'content-encoding': encoding } });
    expect(response).toMatchObject({ status: 400, body: { errors: [{ field: 'body', rule: 'must be compressed as its Content-Encoding says (gzip, deflate or br), or sent without one' }] } });
  });

  it('a body compressed as its Content-Encoding says is read', async () => {
    const response = await fetch(`${api.url}/complaints`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'content-encoding': 'gzip', authorization: `Bearer ${await api.token(staff.intake)}` },
      body: gzipSync(JSON.stringify(complaintBody())),
    });
    expect(response.status).toBe(201);
  });

  it('a Content-Encoding the service does not decode is a 415 naming it', async () => {
    const response = await api.call('POST', '/complaints', { as: staff.intake, body: JSON.stringify(complaintBody()), headers: { 'content-encoding': 'zstd' } });
    expect(response).toMatchObject({ status: 415, body: { message: 'the body\'s Content-Encoding is not one the service decodes: send it without one, or as gzip, deflate or br' } });
  });

  it('a malformed id is a 400, an unknown one a 404, an unknown command a 404', async () => {
    expect((await api.call('GET', '/complaints/not%20an%20id', { as: staff.office })).status).toBe(400);
    expect((await api.call('GET', '/complaints/00000000-0000-0000-0000-000000000000', { as: staff.office })).status).toBe(404);
    expect((await api.call('POST', '/complaints/00000000-0000-0000-0000-000000000000/assign', { as: staff.intake, body: {} })).status).toBe(404);
    const unknown = await api.call('POST', `/complaints/${caseId}/explode`, { as: staff.office, body: {} });
    expect(unknown.status).toBe(404);
    // Not "complaint …/explode not found": the command is unknown, and the answer lists those there are.
    expect(unknown.body.message).toMatch(/^unknown command "explode": a complaint takes acknowledge, assess, assign, .*record-satisfaction/);
  });

  it('a list query with an unknown filter or a bad limit is a 400 naming it', async () => {
    const response = await api.call('GET', '/complaints?colour=red&limit=1000', { as: staff.office });
    expect(response.status).toBe(400);
    expect(response.body.errors.map((e: { field: string }) => e.field)).toEqual(['colour', 'limit']);
    // A code the catalog does not know, as GET /reports/quarterly and GET /improvement-requests refuse it.
    const codes = await api.call('GET', '/complaints?department=nope&involving=nowhere&category=gossip', { as: staff.office });
    expect(codes.status).toBe(400);
    expect(codes.body.errors).toEqual([
      { field: 'department', rule: expect.stringContaining('must be one of') },
      { field: 'involving', rule: expect.stringContaining('must be one of') },
      { field: 'category', rule: expect.stringContaining('must be one of') },
    ]);
  });
});

describe('state and concurrency', () => {
  it('a command the state does not allow is a 409 with the state and the commands allowed now', async () => {
    const response = await api.call('POST', `/complaints/${caseId}/decide`, { as: staff.office, body: { outcome: 'upheld', basis: 'x' } });
    expect(response.status).toBe(409);
    expect(response.body).toMatchObject({ state: 'received', allowedCommands: expect.arrayContaining(['assign', 'withdraw']) });
  });

  it('the state refuses a command before its body or the case\'s department is judged: 409, not 400 or 403', async () => {
    const invalidBody = await api.call('POST', `/complaints/${caseId}/decide`, { as: staff.office, body: { outcome: 'vindicated' } });
    expect(invalidBody.status).toBe(409);
    expect(invalidBody.body).toMatchObject({ state: 'received', allowedCommands: expect.arrayContaining(['assign']) });
    // The case has no department yet: a handler's findings wait for the assignment, whatever department they are in.
    const noDepartmentYet = await api.call('POST', `/complaints/${caseId}/record-findings`, { as: staff.otherHandler, body: { summary: 'x' } });
    expect(noDepartmentYet.status).toBe(409);
    // A body the state would take still gets its 400; a role without the command still gets its 403.
    expect((await api.call('POST', `/complaints/${caseId}/assess`, { as: staff.intake, body: { severity: 'apocalyptic', safetyIssue: false } })).status).toBe(400);
    expect((await api.call('POST', `/complaints/${caseId}/decide`, { as: staff.intake, body: { outcome: 'vindicated' } })).status).toBe(403);
  });

  it('a stale If-Match is a 412 and stores nothing', async () => {
    const { body } = await api.call('POST', '/complaints', { as: staff.intake, body: complaintBody() });
    await api.call('POST', `/complaints/${body.id}/assess`, { as: staff.intake, body: { severity: 'low', safetyIssue: false }, headers: { 'if-match': '"0"' } });
    const stale = await api.call('POST', `/complaints/${body.id}/assign`, { as: staff.intake, body: {}, headers: { 'if-match': '"0"' } });
    expect(stale.status).toBe(412);
    expect(stale.body).toMatchObject({ currentRevision: 1 });
    expect(await eventCount(body.id)).toBe(2);
    // Two clerks opened the case at revision 1; one assigned it. The other's assign is stale (412, "reload"),
    // not a state refusal (409): the state it would refuse in is the change they have not seen.
    expect((await api.call('POST', `/complaints/${body.id}/assign`, { as: staff.intake, body: {}, headers: { 'if-match': '"1"' } })).status).toBe(200);
    const lost = await api.call('POST', `/complaints/${body.id}/assign`, { as: staff.office, body: {}, headers: { 'if-match': '"1"' } });
    expect(lost).toMatchObject({ status: 412, body: { currentRevision: 2 } });
    const malformed = await api.call('POST', `/complaints/${body.id}/assign`, { as: staff.intake, body: {}, headers: { 'if-match': 'yesterday' } });
    expect(malformed.status).toBe(400);
    // A stale If-Match comes before the body's rules and the state's: the client first needs to see what changed.
    const staleAndBad = await api.call('POST', `/complaints/${body.id}/reassign`, { as: staff.office, body: { department: 42 }, headers: { 'if-match': '"0"' } });
    expect(staleAndBad).toMatchObject({ status: 412, body: { currentRevision: 2 } });
    const staleAndRefused = await api.call('POST', `/complaints/${body.id}/assess`, { as: staff.intake, body: { severity: 'apocalyptic' }, headers: { 'if-match': '"0"' } });
    expect(staleAndRefused).toMatchObject({ status: 412, body: { currentRevision: 2 } });
    expect(await eventCount(body.id)).toBe(3);
  });

  it('without If-Match, concurrent commands on one case are all applied, each once, by re-reading', async () => {
    const { body } = await api.call('POST', '/complaints', { as: staff.intake, body: complaintBody() });
    await api.call('POST', `/complaints/${body.id}/assign`, { as: staff.intake, body: {} });
    const notices = await Promise.all(
      Array.from({ length: 4 }, (_, i) =>
        api.call('POST', `/complaints/${body.id}/send-interim-notice`, { as: staff.handler, body: { channel: 'email', progress: `step ${i}`, delayReason: 'lab' } }),
      ),
    );
    expect(notices.map((r) => r.status)).toEqual([200, 200, 200, 200]);
    expect(new Set(notices.map((r) => r.headers.get('etag'))).size).toBe(4);
    expect(await eventCount(body.id)).toBe(6);
  });

  it('a repeated Idempotency-Key returns the first answer and stores nothing more', async () => {
    const headers = { 'idempotency-key': 'intake-form-42' };
    const first = await api.call('POST', '/complaints', { as: staff.intake, body: complaintBody(), headers });
    const again = await api.call('POST', '/complaints', { as: staff.intake, body: complaintBody(), headers });
    expect(again.status).toBe(201);
    expect(again.body.id).toBe(first.body.id);
    expect(again.headers.get('etag')).toBe('"0"');
    const assign = { 'idempotency-key': 'assign-42' };
    const assigned = await api.call('POST', `/complaints/${first.body.id}/assign`, { as: staff.intake, body: {}, headers: assign });
    await api.call('POST', `/complaints/${first.body.id}/assess`, { as: staff.intake, body: { severity: 'low', safetyIssue: false } });
    const repeated = await api.call('POST', `/complaints/${first.body.id}/assign`, { as: staff.intake, body: {}, headers: assign });
    expect(repeated.status).toBe(200);
    expect(repeated.body).toEqual(assigned.body);
    expect(await eventCount(first.body.id)).toBe(3);
  });
});
