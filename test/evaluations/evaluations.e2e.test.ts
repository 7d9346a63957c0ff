import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { INDICATOR_CODES } from '../../domain/evaluation/indicators.js';
import { staff, startTestApi, type TestApi } from '../support/api.js';
import { recordSteps } from '../support/history.js';
import type { ProjectionRunner } from '../../src/projections/projection-runner.js';
import { PROJECTIONS } from '../../src/projections/index.js';

let api: TestApi;
let now = new Date('2026-10-05T01:00:00Z');

beforeAll(async () => {
  api = await startTestApi({ clock: () => now });
  // Two cases received in 2026-Q3 for the inspections to sample.
  for (const id of ['ev-1', 'ev-2', 'ev-3']) {
    await recordSteps(api.app, id, [[staff.intake, 'receive', {}, '2026-08-03T10:00:00+09:00'], [staff.intake, 'assign', {}, '2026-08-03T11:00:00+09:00']]);
  }
  // Received in Q2 and closed in 2026-Q3 by the book: a complaint and a compliment (칭찬, counted apart from complaints).
  for (const [id, category] of [['ev-closed', 'defective-facility'], ['ev-compliment', 'compliment']] as const) {
    await recordSteps(api.app, id, [
      [staff.intake, 'receive', { category }, '2026-06-30T10:00:00+09:00'],
      [staff.intake, 'acknowledge', {}, '2026-06-30T10:30:00+09:00'],
      [staff.intake, 'assess', { severity: 'low', safetyIssue: false }, '2026-06-30T11:00:00+09:00'],
      [staff.intake, 'assign', {}, '2026-06-30T11:10:00+09:00'],
      [staff.handler, 'record-findings', { summary: 'Looked into it', rootCause: 'A worn seal', subjects: [] }, '2026-06-30T14:00:00+09:00'],
      [staff.head, 'decide', { outcome: 'upheld', basis: 'Gas Safety Act art. 17' }, '2026-06-30T15:00:00+09:00'],
      [staff.head, 'communicate-decision', { channel: 'email', basis: 'Gas Safety Act art. 17', appeal: 'Appeal to the ministry within 90 days' }, '2026-06-30T15:30:00+09:00'],
      [staff.head, 'close', {}, '2026-07-01T10:00:00+09:00'],
    ]);
  }
  await api.app.get<ProjectionRunner>(PROJECTIONS).caughtUp();
});
afterAll(async () => {
  await api.close();
});

const post = (path: string, as: (typeof staff)[keyof typeof staff], body: unknown = {}) => api.call('POST', path, { as, body });

describe('the quarterly evaluation over HTTP', () => {
  it('is drafted by the complaints office for the previous quarter by default, once per quarter', async () => {
    expect((await post('/evaluations', staff.handler)).status).toBe(403);
    expect((await post('/evaluations', staff.manager)).status).toBe(403);
    const drafted = await post('/evaluations', staff.office);
    expect(drafted.status).toBe(201);
    expect(drafted.headers.get('location')).toBe('/evaluations/2026-Q3');
    expect(drafted.body).toMatchObject({ quarter: '2026-Q3', status: 'draft', revision: 0, unjudged: [...INDICATOR_CODES], carriedOver: [] });
    expect(drafted.body.evidence.quarterly.quarter).toBe('2026-Q3');
    // 사 and 차 count complaints, as the quarter's figures do: the compliment closed in the quarter is in neither.
    expect(drafted.body.evidence.quarterly.figures.closed.value).toBe(1);
    expect(drafted.body.evidence.causes).toEqual({ closed: 1, withFindings: 1, withRootCause: 1, completeness: 1 });
    expect(drafted.body.evidence.policy.conformity.cases).toBe(1);
    expect(drafted.body.yourCommands).toEqual(['refresh-evidence', 'record-judgement', 'add-action', 'update-action', 'complete-action']);
    const refreshed = await post('/evaluations/2026-Q3/refresh-evidence', staff.office, { note: 'Late surveys recorded' });
    expect(refreshed.status).toBe(200);
    expect(refreshed.body).toMatchObject({ revision: 1, evidenceRefreshedAt: now.toISOString(), evidence: { quarter: '2026-Q3', gatheredAt: now.toISOString() } });
    const again = await post('/evaluations', staff.office, { quarter: '2026-Q3' });
    expect(again.status).toBe(409);
    // "분기마다 전분기의 … 운영성과를 평가": not the present quarter, 2026-Q4, nor one to come.
    for (const quarter of ['2026-Q4', '2027-Q1', '9997-Q2']) {
      const future = await post('/evaluations', staff.office, { quarter });
      expect(future.status).toBe(400);
      expect(future.body.errors).toEqual([{ field: 'quarter', rule: 'must be a quarter that has ended: before the present quarter (2026-Q4)' }]);
      expect((await api.call('GET', `/evaluations/${quarter}`, { as: staff.office })).status).toBe(404);
    }
    expect(again.body).toMatchObject({ state: 'draft', allowedCommands: expect.arrayContaining(['record-judgement', 'sign']) });
  });

  it('"이전의 운영성과 평가에 따른 후속조치": the chain of follow-ups goes forward, so a quarter before the latest evaluated is refused naming quarter', async () => {
    await api.app.get<ProjectionRunner>(PROJECTIONS).caughtUp();
    for (const quarter of ['2026-Q2', '1970-Q1']) {
      const earlier = await post('/evaluations', staff.office, { quarter });
      expect({ quarter, status: earlier.status, errors: earlier.body.errors }).toEqual({
        quarter, status: 400, errors: [{ field: 'quarter', rule: 'must not be before 2026-Q3, the latest quarter evaluated: each evaluation follows up the actions of those before it' }],
      });
      expect((await api.call('GET', `/evaluations/${quarter}`, { as: staff.office })).status).toBe(404);
    }
  });

  it('refuses bad input with 400 naming the field and rule (a malformed quarter too), a quarter not evaluated with 404', async () => {
    for (const [path, body, field] of [
      ['/evaluations', { quarter: '2026-Q5' }, 'quarter'],
      ['/evaluations', { quarter: '0000-Q1' }, 'quarter'],
      ['/evaluations/2026-Q3/record-judgement', { indicator: '하', rating: 'met', notes: 'x' }, 'indicator'],
      ['/evaluations/2026-Q3/record-judgement', { indicator: '가', rating: 'great', notes: 'x' }, 'rating'],
      ['/evaluations/2026-Q3/record-judgement', { indicator: '가', rating: 'met' }, 'notes'],
      ['/evaluations/2026-Q3/add-action', { kind: 'resource-need', text: 'One more handler', dueOn: '2026-12-31' }, 'owner'],
      ['/evaluations/2026-Q3/add-action', { kind: 'resource-need', text: 'One more handler', owner: 'HR', dueOn: '31/12/2026' }, 'dueOn'],
      ['/evaluations/2026-Q3/add-action', { kind: 'resource-need', text: 'One more handler', owner: 'HR', dueOn: '2020-01-01' }, 'dueOn'],
      ['/evaluations/2026-Q3/add-action', { kind: 'resource-need', text: 'One more handler', owner: 'HR', dueOn: '9999-12-31' }, 'dueOn'],
      ['/evaluations/2026-Q3/complete-action', { actionId: 'no-such-action', note: 'Done' }, 'actionId'],
    ] as const) {
      const response = await post(path, staff.office, body);
      expect({ path, status: response.status, fields: response.body.errors?.map((e: { field: string }) => e.field) }).toEqual({ path, status: 400, fields: [field] });
      expect(response.body.errors[0].rule).toEqual(expect.any(String));
    }
    expect((await post('/evaluations/2026-Q2/record-judgement', staff.office, { indicator: '가', rating: 'met', notes: 'x' })).status).toBe(404);
    // A path that names no quarter at all is malformed, as the query parameter would be.
    expect((await post('/evaluations/not-a-quarter/record-judgement', staff.office, { indicator: '가', rating: 'met', notes: 'x' })).body.errors).toEqual([{ field: 'quarter', rule: 'must be a quarter such as 2026-Q3' }]);
    expect((await api.call('GET', '/evaluations/2026-Q5', { as: staff.manager })).body.errors).toEqual([{ field: 'quarter', rule: 'must be a quarter such as 2026-Q3' }]);
    expect((await api.call('GET', '/evaluations/2026-Q2', { as: staff.manager })).status).toBe(404);
    expect((await post('/evaluations/2026-Q3/approve', staff.office)).status).toBe(404);
    const malformed = await api.call('POST', '/evaluations/2026-Q3/add-addendum', { as: staff.office, body: { text: 'x' }, headers: { 'if-match': 'latest' } });
    expect(malformed).toMatchObject({ status: 400, body: { errors: [{ field: 'If-Match', rule: 'must be the ETag of the evaluation, a revision such as "3"' }] } });
    // Lists that take no parameter refuse one, as GET /complaints refuses one it does not know.
    for (const path of ['/evaluations?status=bogus', '/inspections?x=1']) {
      const response = await api.call('GET', path, { as: staff.office });
      expect({ path, status: response.status, errors: response.body.errors }).toEqual({ path, status: 400, errors: [{ field: path.split('?')[1]!.split('=')[0], rule: 'is not a parameter; this route takes none' }] });
    }
  });

  it('is judged by the complaints office, signed by a manager only once all twelve indicators are judged, and then sealed', async () => {
    expect((await post('/evaluations/2026-Q3/record-judgement', staff.manager, { indicator: '가', rating: 'met', notes: 'x' })).status).toBe(403);
    for (const indicator of INDICATOR_CODES.slice(0, 11)) {
      expect((await post('/evaluations/2026-Q3/record-judgement', staff.office, { indicator, rating: 'met', notes: `Interviews and documents on ${indicator}`, attachments: ['CCMS-2026-Q3-minutes'] })).status).toBe(200);
    }
    const action = await post('/evaluations/2026-Q3/add-action', staff.office, { kind: 'process-improvement', text: 'Send interim notices by template', owner: 'Customer support office', dueOn: '2026-12-31' });
    expect(action.status).toBe(200);
    const actionId = action.body.actions[0].actionId;

    expect((await post('/evaluations/2026-Q3/sign', staff.office)).status).toBe(403);
    const early = await post('/evaluations/2026-Q3/sign', staff.manager);
    expect(early.status).toBe(409);
    expect(early.body.reason).toMatch(/not judged: 타/);
    expect(early.body.allowedCommands).toContain('sign');

    expect((await post('/evaluations/2026-Q3/record-judgement', staff.office, { indicator: '타', rating: 'partly-met', notes: 'Two of five referrals completed <script>alert(1)</script>' })).status).toBe(200);
    now = new Date('2026-10-08T01:00:00Z');
    const signed = await post('/evaluations/2026-Q3/sign', staff.manager);
    expect(signed.status).toBe(200);
    expect(signed.body).toMatchObject({ status: 'signed', signature: { signedBy: staff.manager.sub, name: staff.manager.name, role: 'manager', signedAt: '2026-10-08T01:00:00.000Z' } });

    const late = await post('/evaluations/2026-Q3/record-judgement', staff.office, { indicator: '가', rating: 'not-met', notes: 'Changed' });
    expect(late.status).toBe(409);
    expect(late.body).toMatchObject({ state: 'signed', allowedCommands: ['update-action', 'complete-action', 'add-addendum'] });
    expect((await post('/evaluations/2026-Q3/add-action', staff.office, { kind: 'resource-need', text: 'x', owner: 'y', dueOn: '2026-12-31' })).status).toBe(409);
    // Sealed is sealed, whatever the body: the state answers before the body's rules.
    expect((await post('/evaluations/2026-Q3/record-judgement', staff.office, { indicator: 'x', rating: 'excellent' })).status).toBe(409);

    expect((await post('/evaluations/2026-Q3/add-addendum', staff.office, { text: 'CS committee minutes of 12 October', attachments: ['CS-2026-10'] })).status).toBe(200);
    const completed = await post('/evaluations/2026-Q3/complete-action', staff.manager, { actionId, note: 'Template in use since November' });
    expect(completed.status).toBe(200);
    expect(completed.body.actions[0]).toMatchObject({ status: 'completed', completion: { note: 'Template in use since November' } });
    // Completed twice (the office and the manager recording the same): refused saying when it was.
    const twice = await post('/evaluations/2026-Q3/complete-action', staff.office, { actionId, note: 'Template in use' });
    expect(twice).toMatchObject({ status: 409, body: { state: 'signed', allowedCommands: ['update-action', 'complete-action', 'add-addendum'], reason: `action ${actionId} is completed (on 2026-10-08): a completed action is followed up no more` } });
    expect(completed.body.judgements['가'].rating).toBe('met');
  });

  it('is listed with its actions, read as JSON, its events hash-chained, and printed as a report without scripts', async () => {
    await api.app.get<ProjectionRunner>(PROJECTIONS).caughtUp();
    const list = await api.call('GET', '/evaluations', { as: staff.auditor });
    expect(list.status).toBe(200);
    expect(list.body.items).toEqual([expect.objectContaining({ quarter: '2026-Q3', status: 'signed', judged: 12, openActions: 0, signedBy: staff.manager.sub })]);
    expect((await api.call('GET', '/evaluations', { as: staff.handler })).status).toBe(403);
    expect((await api.call('GET', '/evaluations', { as: staff.head })).status).toBe(403);
    const events = await api.call('GET', '/evaluations/2026-Q3/events', { as: staff.auditor });
    expect(events.body.events.map((e: { type: string }) => e.type)).toEqual([
      'EvaluationDrafted', 'EvidenceRefreshed', ...Array(11).fill('IndicatorJudged'), 'ActionAdded', 'IndicatorJudged', 'EvaluationSigned', 'AddendumAdded', 'ActionCompleted',
    ]);
    const report = await fetch(`${api.url}/evaluations/2026-Q3/report.html`, { headers: { authorization: `Bearer ${await api.token(staff.manager)}` } });
    expect(report.status).toBe(200);
    expect(report.headers.get('content-type')).toMatch(/text\/html/);
    expect(report.headers.get('content-security-policy')).toBe("default-src 'none'; style-src 'unsafe-inline'");
    const text = await report.text();
    expect(text).toContain('운영성과 평가');
    expect(text).toContain('Operating-performance evaluation');
    expect(text).toContain('<svg');
    expect(text).not.toMatch(/<script/i);
    expect(text).toContain('Two of five referrals completed &lt;script&gt;alert(1)&lt;/script&gt;');
  });
});

describe('a repeated request with an Idempotency-Key', () => {
  it('gets the first answer and stores nothing more; the key with another body is refused (422)', async () => {
    const send = (text: string) => api.call('POST', '/evaluations/2026-Q3/add-addendum', { as: staff.manager, body: { text }, headers: { 'idempotency-key': 'addendum-1' } });
    const first = await send('Minutes of the CS committee, 20 October');
    expect(first.status).toBe(200);
    const stored = await api.eventsStoredByRequests();
    const again = await send('Minutes of the CS committee, 20 October');
    expect(again.status).toBe(200);
    expect(again.headers.get('etag')).toBe(first.headers.get('etag'));
    expect(await api.eventsStoredByRequests()).toBe(stored);
    expect((await send('Something else')).status).toBe(422);
  });
});

describe('ad-hoc inspections (수시 평가)', () => {
  const findings = [
    { item: '가', rating: 'met', finding: 'Procedure followed in the sample' },
    { item: '라', rating: 'partly-met', finding: 'One complainant not told of the delay' },
  ];

  it('a sample the engine picks with a seed: the same seed and period pick the same cases, each linked to its ISO 10002 checklist', async () => {
    const period = { from: '2026-07-01T00:00:00+09:00', to: '2026-10-01T00:00:00+09:00' };
    const first = await post('/inspections', staff.office, { ...period, findings, sample: { size: 2, seed: 7 } });
    expect(first.status).toBe(201);
    expect(first.body.sample).toMatchObject({ seed: 7, size: 2, population: 3 });
    expect(first.body.sample.complaintIds).toHaveLength(2);
    const second = await post('/inspections', staff.manager, { ...period, findings, sample: { size: 2, seed: 7 } });
    expect(second.body.sample.complaintIds).toEqual(first.body.sample.complaintIds);
    expect(first.body.cases.map((c: { complaintId: string }) => c.complaintId)).toEqual(first.body.sample.complaintIds);
    for (const c of first.body.cases) {
      expect(c.trail).toBe(`/audit/complaints/${c.complaintId}/trail`);
      const trail = await api.call('GET', c.trail, { as: staff.auditor });
      expect(c.checklist).toEqual(trail.body.checklist);
    }
    const read = await api.call('GET', `/inspections/${first.body.inspectionId}`, { as: staff.auditor });
    expect(read.body.sample).toEqual(first.body.sample);
    // Complaint handling is inspected: the compliment received in the period is not in the population.
    const all = await post('/inspections', staff.office, { from: '2026-06-01T00:00:00+09:00', to: period.to, findings, sample: { size: 500, seed: 1 } });
    expect([...all.body.sample.complaintIds].sort()).toEqual(['ev-1', 'ev-2', 'ev-3', 'ev-closed']);
  });

  it('refuses an item twice, an unknown item, an empty period, a period starting after now, a sample not an object; only the complaints office and managers record', async () => {
    const stored = await api.eventsStoredByRequests();
    const from = '2026-07-01T00:00:00+09:00';
    expect((await post('/inspections', staff.handler, { from, findings })).status).toBe(403);
    for (const [body, field] of [
      [{ from, findings: [...findings, findings[0]] }, 'findings[2].item'],
      [{ from, findings: [{ item: '마', rating: 'met', finding: 'x' }] }, 'findings[0].item'],
      [{ from, to: from, findings }, 'to'],
      // `to` left out ends the period now: a `from` after now is the field at fault (manager tester: it blamed `to`, not sent).
      [{ from: '2027-07-01T00:00:00+09:00', findings }, 'from'],
      [{ from, findings: [] }, 'findings'],
      [{ from, findings, sample: [] }, 'sample'],
    ] as const) {
      const response = await post('/inspections', staff.office, body);
      expect({ field, status: response.status }).toEqual({ field, status: 400 });
      expect(response.body.errors.map((e: { field: string }) => e.field)).toEqual([field]);
    }
    expect(await api.eventsStoredByRequests()).toBe(stored);
  });
});
