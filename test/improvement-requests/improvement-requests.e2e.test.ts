import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { reportDueOn } from '../../domain/improvement/due-date.js';
import { DEFAULT_KOREAN_CALENDAR } from '../../domain/working-time/index.js';
import type { TokenClaims } from '../../src/auth/sign-token.js';
import { EVENT_STORE, type EventStore } from '../../src/event-store/index.js';
import { PROJECTIONS, type ProjectionRunner } from '../../src/projections/index.js';
import { complaintBody, staff, startTestApi, type TestApi } from '../support/api.js';
import { recordSteps } from '../support/history.js';

/**
 * Improvement requests over HTTP (issue 17 §1), on a service whose clock the test moves: filed by the
 * complaints office from complaints, acted on by the department's head, verified; declined or overdue
 * ones decided by the CS operating committee.
 */
let api: TestApi;
let now = new Date('2026-11-30T01:00:00Z'); // Monday 30 November 2026, 10:00 in Seoul
beforeAll(async () => {
  api = await startTestApi({ clock: () => now });
});
afterAll(async () => {
  await api.close();
});

const otherHead: TokenClaims = { sub: 'u-head-audit', name: 'Head Bae', roles: ['department-head'], department: 'audit' };
const committee = 'CS운영위원회 2027-1차 (위원장 박지현)';
const receive = async (): Promise<string> => {
  const response = await api.call('POST', '/complaints', { as: staff.intake, body: complaintBody() });
  expect(response.status).toBe(201);
  return response.body.id as string;
};
const file = (body: Record<string, unknown>) => api.call('POST', '/improvement-requests', { as: staff.office, body });
const post = (id: string, command: string, as: TokenClaims, body: unknown) => api.call('POST', `/improvement-requests/${id}/${command}`, { as, body });
const caughtUp = () => api.app.get<ProjectionRunner>(PROJECTIONS).caughtUp();
/** Events of improvement requests in the store (complaints get notice outcomes appended in the background). */
const storedRequestEvents = async () => {
  // The global order shows a commit once no older transaction is running: what the projections have caught up with is all there.
  await caughtUp();
  return (await api.app.get<EventStore>(EVENT_STORE).readAll({ limit: 100_000 })).filter((e) => e.streamId.startsWith('improvement-request-')).length;
};
const request = (complaints: string[]) => ({ department: 'inspection', complaints, change: 'Inspect gas meters of public buildings yearly', reason: 'Two leaks reported this year' });

describe('an improvement request from complaints to verification', () => {
  it('the office files it from two complaints; the head plans, implements and reports; the office verifies; each complaint lists it and it lists them', async () => {
    now = new Date('2026-11-30T01:00:00Z');
    const [c1, c2] = [await receive(), await receive()];
    const filed = await file(request([c1, c2]));
    expect(filed.status).toBe(201);
    const id = filed.body.id as string;
    expect(filed.headers.get('location')).toBe(`/improvement-requests/${id}`);
    expect(filed.headers.get('etag')).toBe('"0"');
    // 30 November + 3 months = 28 February 2027, a Sunday; 1 March is 삼일절.
    expect(filed.body).toMatchObject({ state: 'requested', department: 'inspection', complaints: [c1, c2], dueOn: '2027-03-02', overdue: false, yourCommands: [] });
    expect(filed.body.dueOn).toBe(reportDueOn(now.toISOString(), DEFAULT_KOREAN_CALENDAR));

    const asHead = await api.call('GET', `/improvement-requests/${id}`, { as: staff.head });
    expect(asHead.body.yourCommands).toEqual(['plan', 'decline', 'request-extension']);

    now = new Date('2026-12-07T01:00:00Z');
    expect((await post(id, 'plan', staff.head, { plan: 'A yearly round from January', expectedOn: '2027-01-31' })).body.state).toBe('planned');
    now = new Date('2027-01-11T01:00:00Z');
    expect((await post(id, 'implement', staff.head, { summary: 'Round staffed and scheduled' })).body.state).toBe('implemented');
    now = new Date('2027-02-15T01:00:00Z');
    expect((await post(id, 'report-result', staff.head, { result: 'All 212 meters inspected; no leak since' })).body.state).toBe('result-reported');
    const verified = await post(id, 'verify', staff.office, { note: 'Sample of 10 checked on site' });
    expect(verified.body).toMatchObject({ state: 'verified', allowedCommands: [], revision: 4 });

    const events = await api.call('GET', `/improvement-requests/${id}/events`, { as: staff.auditor });
    expect(events.body.events.map((e: { type: string }) => e.type)).toEqual([
      'ImprovementRequested', 'ImprovementPlanned', 'ImprovementImplemented', 'ImprovementResultReported', 'ImprovementVerified',
    ]);
    // Chained by the store like a complaint's stream.
    for (let i = 1; i < events.body.events.length; i++) expect(events.body.events[i].previousHash).toBe(events.body.events[i - 1].hash);
    expect(events.body.events[0]).toMatchObject({ actorId: 'u-office', actorRole: 'complaints-office' });

    await caughtUp();
    for (const complaint of [c1, c2]) {
      const led = await api.call('GET', `/improvement-requests?complaint=${complaint}`, { as: staff.manager });
      expect(led.body.items).toEqual([expect.objectContaining({ id, state: 'verified', complaints: [c1, c2], overdue: false })]);
    }
    // By the case's reference too, as the case routes take it; a reference no case has is a 404.
    const { reference } = (await api.call('GET', `/complaints/${c1}`, { as: staff.office })).body as { reference: string };
    expect((await api.call('GET', `/improvement-requests?complaint=${reference}`, { as: staff.manager })).body.items).toEqual([expect.objectContaining({ id })]);
    expect(await api.call('GET', '/improvement-requests?complaint=1999-999999', { as: staff.manager })).toMatchObject({ status: 404, body: { message: 'complaint 1999-999999 not found' } });
  });

  it('a request may follow from a repeat-offender subject or a category instead of complaints', async () => {
    // emp-7 substantiated three times for the same reason this year: the rule flags it.
    for (const [n, at] of ['2026-02-02', '2026-05-04', '2026-10-05'].entries()) {
      await recordSteps(api.app, `ir-ro-${n}`, [
        [staff.intake, 'receive', {}, `${at}T10:00:00+09:00`],
        [staff.intake, 'assign', {}, `${at}T11:00:00+09:00`],
        [staff.handler, 'record-findings', { summary: 'Looked into it', subjects: [{ id: 'emp-7', kind: 'employee', substantiated: true, reason: 'procedure-error' }] }, `${at}T14:00:00+09:00`],
      ]);
    }
    await caughtUp();
    const before = await storedRequestEvents();
    // "A repeat-offender subject": a reason of the catalog's findingReasons, and a subject the rule flags for it.
    const subject = (s: object) => file({ department: 'inspection', subject: { id: 'emp-7', kind: 'employee', ...s }, change: 'CS training', reason: 'Flagged' });
    expect((await subject({ reason: 'bad-luck' })).body.errors).toEqual([{ field: 'subject.reason', rule: expect.stringContaining('unknown finding reason bad-luck') }]);
    expect((await subject({ reason: 'discourtesy' })).body.errors).toEqual([{ field: 'subject', rule: expect.stringContaining('not flagged') }]);
    expect((await subject({ id: 'emp-8' })).body.errors).toEqual([{ field: 'subject', rule: expect.stringContaining('not flagged') }]);
    expect(await storedRequestEvents()).toBe(before);
    const bySubject = await file({ department: 'inspection', subject: { id: 'emp-7', kind: 'employee', reason: 'procedure-error' }, change: 'CS training', reason: 'Flagged three times this year' });
    expect(bySubject.status).toBe(201);
    expect(bySubject.body).toMatchObject({ complaints: [], subject: { id: 'emp-7', kind: 'employee', reason: 'procedure-error' } });
    const byCategory = await file({ department: 'inspection', category: 'defective-facility', change: 'Check facilities monthly', reason: 'Most frequent category' });
    expect(byCategory.body).toMatchObject({ complaints: [], category: 'defective-facility' });
    // A complaint by its reference, as case routes take it: stored as its id.
    const received = (await api.call('POST', '/complaints', { as: staff.intake, body: complaintBody() })).body;
    const byReference = await file(request([received.reference]));
    expect([byReference.status, byReference.body.complaints]).toEqual([201, [received.id]]);
  });
});

describe('refused requests name the field and the rule, and store nothing', () => {
  it('unknown complaints, an unknown department, a missing change, a request from nothing: 400', async () => {
    const before = await storedRequestEvents();
    expect(await file(request(['no-such-complaint']))).toMatchObject({ status: 400, body: { errors: [{ field: 'complaints[0]', rule: 'no complaint no-such-complaint' }] } });
    expect(await file(request(['2026-999999']))).toMatchObject({ status: 400, body: { errors: [{ field: 'complaints[0]', rule: 'no complaint 2026-999999' }] } });
    expect((await file({ ...request([]), department: 'nowhere', category: 'defective-facility' })).body.errors[0].field).toBe('department');
    expect(await file({ department: 'inspection', complaints: [], reason: 'x' })).toMatchObject({ status: 400, body: { errors: [{ field: 'change', rule: 'is required' }] } });
    expect((await file({ department: 'inspection', change: 'x', reason: 'y' })).body.errors[0]).toMatchObject({ field: 'complaints' });
    expect(await storedRequestEvents()).toBe(before);
  });

  it('only the office files; only the head of the request\'s department acts for it; a wrong date is a 400; a step out of order a 409', async () => {
    const c = await receive();
    const id = (await file(request([c]))).body.id as string;
    const before = await storedRequestEvents();
    expect((await api.call('POST', '/improvement-requests', { as: staff.head, body: request([c]) })).status).toBe(403);
    expect((await post(id, 'plan', staff.handler, { plan: 'x' })).status).toBe(403);
    expect((await post(id, 'plan', otherHead, { plan: 'x' })).status).toBe(403);
    expect(await post(id, 'request-extension', staff.head, { reason: 'Parts', dueOn: '2027-02-31' })).toMatchObject({ status: 400, body: { errors: [{ field: 'dueOn' }] } });
    expect(await post(id, 'plan', staff.head, { plan: 'Parts', expectedOn: '9999-01-01' })).toMatchObject({
      status: 400, body: { errors: [{ field: 'expectedOn', rule: 'must be a date YYYY-MM-DD, such as 2026-03-09, in the years 1970 to 9998' }] },
    });
    const early = await post(id, 'report-result', staff.head, { result: 'x' });
    expect(early).toMatchObject({ status: 409, body: { state: 'requested', allowedCommands: ['plan', 'decline', 'request-extension'] } });
    // A role without the command is told which roles give that command (the manager tester read "department-head, complaints-office", and the head was then refused).
    for (const as of [staff.manager, staff.head]) {
      expect(await post(id, 'record-committee-decision', as, { decision: 'uphold', decidedBy: committee, dueOn: '2027-06-30' })).toMatchObject({ status: 403, body: { message: 'record-committee-decision requires one of the roles: complaints-office' } });
    }
    const notYet = await post(id, 'record-committee-decision', staff.office, { decision: 'uphold', decidedBy: committee, dueOn: '2027-06-30' });
    expect(notYet.status).toBe(409);
    expect(notYet.body.reason).toMatch(/neither declined nor overdue/);
    // The state refuses before the body or the department is judged, as for complaints.
    expect((await post(id, 'report-result', staff.head, { result: 42 })).status).toBe(409);
    expect((await post(id, 'report-result', otherHead, { result: 'x' })).status).toBe(409);
    expect(await storedRequestEvents()).toBe(before);
  });

  it('If-Match: a stale revision is a 412', async () => {
    const id = (await file(request([await receive()]))).body.id as string;
    const stale = await api.call('POST', `/improvement-requests/${id}/plan`, { as: staff.head, body: { plan: 'x' }, headers: { 'if-match': '"3"' } });
    expect(stale).toMatchObject({ status: 412, body: { currentRevision: 0 } });
    const malformed = await api.call('POST', `/improvement-requests/${id}/plan`, { as: staff.head, body: { plan: 'x' }, headers: { 'if-match': 'latest' } });
    expect(malformed).toMatchObject({ status: 400, body: { errors: [{ field: 'If-Match', rule: 'must be the ETag of the improvement request, a revision such as "3"' }] } });
  });
});

describe('declined or overdue: the CS operating committee decides, and who decided is recorded', () => {
  it('a decline with its written reason goes to the committee, which accepts it', async () => {
    now = new Date('2026-12-01T01:00:00Z');
    const id = (await file(request([await receive()]))).body.id as string;
    expect((await post(id, 'decline', staff.head, { reason: '' })).body.errors[0]).toMatchObject({ field: 'reason' });
    expect((await post(id, 'decline', staff.head, { reason: 'The meters belong to the gas company' })).body).toMatchObject({ state: 'declined', decline: { text: 'The meters belong to the gas company' } });
    await caughtUp();
    const report = await api.call('GET', '/improvement-requests/report', { as: staff.manager });
    expect(report.body.byDepartment.find((d: { department: string }) => d.department === 'inspection').awaitingCommittee).toBe(1);
    const accepted = await post(id, 'record-committee-decision', staff.office, { decision: 'accept-decline', decidedBy: committee });
    expect(accepted.body).toMatchObject({ state: 'declined', allowedCommands: [], committeeDecisions: [{ decision: 'accept-decline', decidedBy: committee }] });
    // The same meeting recorded again (two clerks at once): refused saying the committee accepted the decline, and when.
    const again = await post(id, 'record-committee-decision', staff.office, { decision: 'uphold', decidedBy: committee, dueOn: '2027-03-31' });
    expect(again).toMatchObject({ status: 409, body: { state: 'declined', allowedCommands: [], reason: `the committee (${committee}) already accepted the decline on 2026-12-01: the request stays declined and goes to the committee no more` } });
    await caughtUp();
    const after = await api.call('GET', '/improvement-requests/report', { as: staff.manager });
    expect(after.body.byDepartment.find((d: { department: string }) => d.department === 'inspection').awaitingCommittee).toBe(0);
  });

  it('a request past its due date is overdue in the list and the report; the committee upholds it with a new due date', async () => {
    now = new Date('2026-12-02T01:00:00Z'); // due Tuesday 2 March 2027
    const id = (await file(request([await receive()]))).body.id as string;
    await post(id, 'plan', staff.head, { plan: 'Yearly round' });
    now = new Date('2027-03-02T14:00:00Z'); // 23:00 on the due day in Seoul: not yet overdue
    await caughtUp();
    expect((await api.call('GET', `/improvement-requests/${id}`, { as: staff.office })).body.overdue).toBe(false);
    expect((await api.call('GET', '/improvement-requests?overdue=true&department=inspection', { as: staff.office })).body.items.map((i: { id: string }) => i.id)).not.toContain(id);

    now = new Date('2027-03-02T15:00:00Z'); // 00:00 on 3 March in Seoul
    expect((await api.call('GET', `/improvement-requests/${id}`, { as: staff.office })).body.overdue).toBe(true);
    // Too late for the department's reason for a delay: the dates refuse it before the department is asked (409, not 403).
    const late = await post(id, 'request-extension', otherHead, { reason: 'Parts on order', dueOn: '2027-04-30' });
    expect(late).toMatchObject({ status: 409, body: { state: 'planned', reason: expect.stringMatching(/^the period ended on 2027-03-02: /) } });
    const overdue = await api.call('GET', '/improvement-requests?overdue=true&department=inspection', { as: staff.office });
    expect(overdue.body.items).toContainEqual(expect.objectContaining({ id, state: 'planned', dueOn: '2027-03-02', overdue: true }));
    const report = await api.call('GET', '/improvement-requests/report', { as: staff.manager });
    expect(report.body.byDepartment.find((d: { department: string }) => d.department === 'inspection').overdue).toBeGreaterThanOrEqual(1);

    const upheld = await post(id, 'record-committee-decision', staff.office, { decision: 'uphold', decidedBy: committee, dueOn: '2027-04-30', note: 'Report by April' });
    expect(upheld.body).toMatchObject({ state: 'planned', dueOn: '2027-04-30', overdue: false, committeeDecisions: [{ decision: 'uphold', decidedBy: committee, dueOn: '2027-04-30' }] });
    const events = await api.call('GET', `/improvement-requests/${id}/events`, { as: staff.auditor });
    expect(events.body.events.at(-1)).toMatchObject({ type: 'CommitteeUpheldRequest', actorId: 'u-office', data: { decidedBy: committee } });
  });

  it('the list filters by state and refuses unknown parameters and values naming them', async () => {
    await caughtUp();
    const verified = await api.call('GET', '/improvement-requests?state=verified', { as: staff.auditor });
    expect(verified.body.items.length).toBeGreaterThan(0);
    expect(verified.body.items.every((i: { state: string }) => i.state === 'verified')).toBe(true);
    expect((await api.call('GET', '/improvement-requests?state=done', { as: staff.auditor })).body.errors[0]).toMatchObject({ field: 'state', rule: expect.not.stringMatching(/\bnew\b/) });
    expect((await api.call('GET', '/improvement-requests?overdue=yes', { as: staff.auditor })).body.errors[0]).toMatchObject({ field: 'overdue' });
    expect((await api.call('GET', '/improvement-requests?colour=red', { as: staff.auditor })).body.errors[0]).toMatchObject({ field: 'colour' });
    // An unknown department is a 400 naming it, as GET /reports/quarterly answers; the report takes no parameter.
    expect(await api.call('GET', '/improvement-requests?department=nope', { as: staff.auditor })).toMatchObject({ status: 400, body: { errors: [{ field: 'department', rule: expect.stringMatching(/^must be one of .*inspection/) }] } });
    expect(await api.call('GET', '/improvement-requests/report?department=nope', { as: staff.auditor })).toMatchObject({ status: 400, body: { errors: [{ field: 'department', rule: 'is not a parameter; this route takes none' }] } });
  });

  it('the report gives the average time to implement and the requests per quarter with where they stand', async () => {
    await caughtUp();
    const report = await api.call('GET', '/improvement-requests/report', { as: staff.manager });
    // The first request: filed 30 November, implemented 11 January: 42 days.
    expect(report.body.averageDaysToImplement).toBe(42);
    const q4 = report.body.quarters.find((q: { quarter: string }) => q.quarter === '2026-Q4');
    expect(q4.outcomes).toMatchObject({ verified: 1, declined: 1, planned: 1 });
    expect(q4.requested).toBe(Object.values(q4.outcomes as Record<string, number>).reduce((a, b) => a + b, 0));
  });
});

describe('Idempotency-Key, as for complaints', () => {
  it('the same request again gets the first answer and stores nothing; the key with another request is a 422', async () => {
    const body = request([await receive()]);
    const headers = { 'idempotency-key': 'file-meters-1' };
    const first = await api.call('POST', '/improvement-requests', { as: staff.office, body, headers });
    const before = await storedRequestEvents();
    const again = await api.call('POST', '/improvement-requests', { as: staff.office, body, headers });
    expect(again.status).toBe(201);
    expect(again.body.id).toBe(first.body.id);
    expect(again.headers.get('etag')).toBe('"0"');
    expect((await api.call('POST', '/improvement-requests', { as: staff.office, body: { ...body, change: 'Something else' }, headers })).status).toBe(422);

    const id = first.body.id as string;
    const plan = { plan: 'Yearly round' };
    const planned = await api.call('POST', `/improvement-requests/${id}/plan`, { as: staff.head, body: plan, headers: { 'idempotency-key': 'plan-1' } });
    const replanned = await api.call('POST', `/improvement-requests/${id}/plan`, { as: staff.head, body: plan, headers: { 'idempotency-key': 'plan-1' } });
    expect(replanned).toMatchObject({ status: 200, body: { state: 'planned', revision: 1 } });
    expect(replanned.headers.get('etag')).toBe(planned.headers.get('etag'));
    expect(await storedRequestEvents()).toBe(before + 1);
  });
});

describe('time travel', () => {
  it('the request as it was at a revision or at an instant, overdue judged then; before it was filed a 404, a bad moment a 400', async () => {
    now = new Date('2026-12-04T01:00:00Z');
    const id = (await file(request([await receive()]))).body.id as string; // due Thursday 4 March 2027
    now = new Date('2027-01-04T01:00:00Z');
    await post(id, 'plan', staff.head, { plan: 'Yearly round' });
    now = new Date('2027-06-01T01:00:00Z');
    // Overdue, the department's own reason comes too late: the committee sets the new date.
    expect((await post(id, 'request-extension', staff.head, { reason: 'Parts on order', dueOn: '2027-09-30' })).status).toBe(409);
    expect((await post(id, 'record-committee-decision', staff.office, { decision: 'uphold', decidedBy: committee, dueOn: '2027-09-30' })).status).toBe(200);

    const first = await api.call('GET', `/improvement-requests/${id}/at?revision=0`, { as: staff.auditor });
    expect(first.body).toMatchObject({ state: 'requested', revision: 0, overdue: false, asOf: { requested: { revision: 0 }, currentRevision: 2 } });
    const late = await api.call('GET', `/improvement-requests/${id}/at?time=${encodeURIComponent('2027-03-05T09:00:00+09:00')}`, { as: staff.auditor });
    expect(late.body).toMatchObject({ state: 'planned', revision: 1, dueOn: '2027-03-04', overdue: true });
    const current = await api.call('GET', `/improvement-requests/${id}`, { as: staff.auditor });
    expect(current.body).toMatchObject({ dueOn: '2027-09-30', overdue: false });

    const before = await api.call('GET', `/improvement-requests/${id}/at?time=${encodeURIComponent('2026-12-01T09:00:00+09:00')}`, { as: staff.auditor });
    expect(before).toMatchObject({ status: 404, body: { message: expect.stringMatching(new RegExp(`^improvement request ${id} did not exist yet at 2026-12-01T09:00:00.000\\+09:00: it was filed at 2026-12-04T01:00:00.000Z$`)) } });
    expect((await api.call('GET', `/improvement-requests/${id}/at?revision=x`, { as: staff.auditor })).body.errors[0]).toMatchObject({ field: 'revision' });
    // Past the stream's end, as a case's time travel answers.
    expect(await api.call('GET', `/improvement-requests/${id}/at?revision=999`, { as: staff.auditor })).toMatchObject({ status: 400, body: { errors: [{ field: 'revision', rule: "must be at most 2, the request's current revision" }] } });
    expect((await api.call('GET', `/improvement-requests/${id}/at?time=2099-01-01T00:00:00Z`, { as: staff.auditor })).body.errors[0]).toMatchObject({ field: 'time', rule: 'must not be in the future' });
  });
});

describe('the API description', () => {
  it('documents each improvement-request command with its body schema, as the console builds its forms from it', async () => {
    const { body: document } = await api.call('GET', '/openapi.json');
    expect(document.paths['/improvement-requests/{id}/{command}']).toBeUndefined();
    expect(document.paths['/improvement-requests'].post.requestBody.content['application/json'].schema).toEqual({ $ref: '#/components/schemas/ImprovementFileBody' });
    expect(document.paths['/improvement-requests/{id}/record-committee-decision'].post.requestBody.content['application/json'].schema).toEqual({ $ref: '#/components/schemas/ImprovementCommitteeDecisionBody' });
    expect(document.components.schemas.ImprovementCommitteeDecisionBody.required).toEqual(expect.arrayContaining(['decision', 'decidedBy']));
  });
});
