import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { EventStore } from '../../src/event-store/event-store.js';
import type { ProjectionRunner } from '../../src/projections/projection-runner.js';
import { EVENT_STORE } from '../../src/event-store/index.js';
import { PROJECTIONS } from '../../src/projections/index.js';
import { READ_MODELS } from '../../src/read-models/index.js';
import type { ReadModelDatabase } from '../../src/read-models/index.js';
import { auditTrailReadModel } from '../../src/reports/index.js';
import { recordSteps, type StaffStep } from '../support/history.js';
import { connectAdmin } from '../support/postgres.js';
import { complaintBody, staff, startTestApi, type TestApi, utc } from '../support/api.js';

type Step = StaffStep;

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(async () => {
  await api.close();
});

const history = (complaintId: string, steps: Step[]) => recordSteps(api.app, complaintId, steps);

const caughtUp = () => api.app.get<ProjectionRunner>(PROJECTIONS).caughtUp();

/** A case handled by the book on the day `date` (a working day), received at 10:00. */
const byTheBook = (date: string, close = `${date}T16:00:00+09:00`): Step[] => [
  [staff.intake, 'receive', {}, `${date}T10:00:00+09:00`],
  [staff.intake, 'acknowledge', {}, `${date}T10:30:00+09:00`],
  [staff.intake, 'assess', { severity: 'high', safetyIssue: true }, `${date}T11:00:00+09:00`],
  [staff.intake, 'assign', {}, `${date}T11:10:00+09:00`],
  [staff.handler, 'record-findings', { summary: 'Seal worn', subjects: [{ id: 'emp-7', kind: 'employee', substantiated: true, reason: 'procedure-error' }] }, `${date}T14:00:00+09:00`],
  [staff.head, 'decide', { outcome: 'upheld', basis: 'Gas Safety Act art. 17' }, `${date}T15:00:00+09:00`],
  [staff.head, 'communicate-decision', { channel: 'email', basis: 'Gas Safety Act art. 17', appeal: 'Appeal to the ministry within 90 days' }, `${date}T15:30:00+09:00`],
  [staff.head, 'close', {}, close],
];

const PERSONAL = /김민수|010-1234-5678|minsu@example\.kr/;

describe('GET /audit/complaints/{id}/trail', () => {
  beforeAll(async () => {
    await history('trail-good', byTheBook('2026-03-09'));
    await history('trail-gaps', [
      [staff.intake, 'receive', {}, '2026-03-09T10:00:00+09:00'],
      [staff.intake, 'acknowledge', {}, '2026-03-12T10:00:00+09:00'],
      [staff.intake, 'assess', { severity: 'low', safetyIssue: false }, '2026-03-12T10:30:00+09:00'],
      [staff.intake, 'assign', {}, '2026-03-12T11:00:00+09:00'],
      [staff.handler, 'record-findings', { summary: 'No fault found', subjects: [] }, '2026-03-13T10:00:00+09:00'],
      [staff.handler, 'request-supplement', { channel: 'in-person', request: 'The meter number', note: 'Asked at the counter to call back' }, '2026-03-13T10:30:00+09:00'],
      [staff.head, 'decide', { outcome: 'not-upheld', basis: 'Meter within tolerance' }, '2026-03-13T11:00:00+09:00'],
      [staff.head, 'close', { reason: 'complainant-unreachable', note: 'Never called back; left no other contact' }, '2026-03-20T11:00:00+09:00'],
    ]);
    await history('trail-open', byTheBook('2026-03-10').slice(0, 6));
    await caughtUp();
  });

  it('lists every event with the clause it evidences, the actor, the role and the business time', async () => {
    const { status, body } = await api.call('GET', '/audit/complaints/trail-good/trail', { as: staff.auditor });
    expect(status).toBe(200);
    expect(body.complaintId).toBe('trail-good');
    expect(body.events).toEqual([
      { revision: 0, type: 'ComplaintReceived', clause: '7.2', actorId: 'u-intake', actorRole: 'intake', occurredAt: utc('2026-03-09T10:00:00+09:00') },
      { revision: 1, type: 'ComplaintAcknowledged', clause: '7.4', actorId: 'u-intake', actorRole: 'intake', occurredAt: utc('2026-03-09T10:30:00+09:00') },
      { revision: 2, type: 'ComplaintAssessed', clause: '7.5', actorId: 'u-intake', actorRole: 'intake', occurredAt: utc('2026-03-09T11:00:00+09:00') },
      { revision: 3, type: 'ComplaintAssigned', clause: '7.6', actorId: 'u-intake', actorRole: 'intake', occurredAt: utc('2026-03-09T11:10:00+09:00') },
      { revision: 4, type: 'FindingsRecorded', clause: '7.6', actorId: 'u-handler', actorRole: 'handler', occurredAt: utc('2026-03-09T14:00:00+09:00') },
      { revision: 5, type: 'DecisionMade', clause: '7.7', actorId: 'u-head', actorRole: 'department-head', occurredAt: utc('2026-03-09T15:00:00+09:00') },
      { revision: 6, type: 'DecisionCommunicated', clause: '7.8', actorId: 'u-head', actorRole: 'department-head', occurredAt: utc('2026-03-09T15:30:00+09:00') },
      { revision: 7, type: 'ComplaintClosed', clause: '7.9', actorId: 'u-head', actorRole: 'department-head', occurredAt: utc('2026-03-09T16:00:00+09:00') },
    ]);
    expect(body.checklist.map((i: { clause: string; status: string }) => `${i.clause} ${i.status}`)).toEqual([
      '7.2 evidenced', '7.3 evidenced', '7.4 evidenced', '7.5 evidenced', '7.6 evidenced', '7.7 evidenced', '7.8 evidenced', '7.9 evidenced',
    ]);
    expect(body.checklist[5]).toEqual({
      clause: '7.7', title: 'Response to complaint', status: 'evidenced',
      evidence: { revision: 5, type: 'DecisionMade', actorId: 'u-head', actorRole: 'department-head', occurredAt: utc('2026-03-09T15:00:00+09:00'), basis: 'upheld: Gas Safety Act art. 17' },
    });
  });

  it('names the gaps in words', async () => {
    const { body } = await api.call('GET', '/audit/complaints/trail-gaps/trail', { as: staff.auditor });
    const gaps = Object.fromEntries(body.checklist.filter((i: { status: string }) => i.status === 'gap').map((i: { clause: string; gap: string }) => [i.clause, i.gap]));
    expect(gaps).toEqual({
      '7.4': 'acknowledged after 3 working days (limit: 3 working hours)',
      '7.8': 'decision not communicated (closed as complainant unreachable)',
    });
    // Closing as unreachable now needs its basis: here the note saying why the request did not reach them.
    expect(body.checklist.find((i: { clause: string }) => i.clause === '7.9')).toMatchObject({ status: 'evidenced', evidence: { type: 'ComplaintClosed' } });
  });

  it('an open case owes its notice and closing: "not yet"', async () => {
    const { body } = await api.call('GET', '/audit/complaints/trail-open/trail', { as: staff.manager });
    expect(body.checklist.slice(5).map((i: { clause: string; status: string }) => `${i.clause} ${i.status}`)).toEqual(['7.7 evidenced', '7.8 not-yet', '7.9 not-yet']);
  });

  it('shows no personal data of the complainant', async () => {
    const { body } = await api.call('GET', '/audit/complaints/trail-good/trail', { as: staff.admin });
    expect(JSON.stringify(body)).not.toMatch(PERSONAL);
  });

  it('follows a complaint made over the API, the actor taken from the token', async () => {
    const made = await api.call('POST', '/complaints', { as: staff.intake, body: complaintBody() });
    await api.call('POST', `/complaints/${made.body.id}/acknowledge`, { as: staff.office, body: {} });
    await caughtUp();
    const { body } = await api.call('GET', `/audit/complaints/${made.body.id}/trail`, { as: staff.office });
    expect(body.events.map((e: { type: string; clause: string; actorId: string }) => [e.type, e.clause, e.actorId])).toEqual([
      ['ComplaintReceived', '7.2', 'u-intake'],
      ['ComplaintAcknowledged', '7.4', 'u-office'],
    ]);
    expect(body.checklist[2]).toMatchObject({ clause: '7.4', status: 'evidenced' });
  });

  it('answers 404 for a complaint it does not know and 400 for a malformed id', async () => {
    expect((await api.call('GET', '/audit/complaints/no-such-case/trail', { as: staff.auditor })).status).toBe(404);
    const bad = await api.call('GET', `/audit/complaints/${'x'.repeat(65)}/trail`, { as: staff.auditor });
    expect(bad.status).toBe(400);
    expect(bad.body.errors).toEqual([{ field: 'id', rule: 'must be 1 to 64 letters, digits or dashes' }]);
  });
});

describe('GET /audit/conformity?quarter=', () => {
  beforeAll(async () => {
    // Closed in 2026-Q3 (Seoul time): a case by the book, a late acknowledgement, a withdrawal (its closing is audited too),
    // and one closed at 08:00 on 1 July (still 30 June in UTC). Reopened in Q3 and closed again in Q4: counts in Q4 only.
    // A compliment closed in Q3 is no complaint: not counted.
    await history('q3-good', byTheBook('2026-07-06'));
    await history('q3-compliment', byTheBook('2026-07-07').map(([who, type, data, at]): Step => [who, type, type === 'receive' ? { category: 'compliment' } : data, at]));
    await history('q3-late-ack', byTheBook('2026-07-06').map(([who, type, data, at]): Step => (type === 'acknowledge' ? [who, type, data, '2026-07-09T10:00:00+09:00'] : type === 'receive' ? [who, type, data, at] : [who, type, data, at.replace('07-06', '07-10')])));
    await history('q3-withdrawn', [...byTheBook('2026-08-03').slice(0, 2), [staff.office, 'withdraw', { reason: 'Settled by phone' }, '2026-08-03T11:00:00+09:00']]);
    await history('q3-first-of-july', byTheBook('2026-06-30', '2026-07-01T08:00:00+09:00'));
    await history('q4-reopened', [
      ...byTheBook('2026-09-01'),
      [staff.office, 'reopen', { kind: 'appeal', reason: 'The complainant appealed' }, '2026-09-02T10:00:00+09:00'],
      [staff.handler, 'record-findings', { summary: 'Second look', subjects: [] }, '2026-10-06T10:00:00+09:00'],
      [staff.head, 'decide', { outcome: 'partly-upheld', basis: 'Gas Safety Act art. 23' }, '2026-10-06T11:00:00+09:00'],
      [staff.head, 'communicate-decision', { channel: 'sms', basis: 'Gas Safety Act art. 23', appeal: 'Appeal to the ministry within 90 days' }, '2026-10-06T11:30:00+09:00'],
      [staff.head, 'close', {}, '2026-10-06T12:00:00+09:00'],
    ]);
    await caughtUp();
  });

  it('gives the share of the quarter’s closed complaints conforming per clause, with the counts; withdrawn ones in, compliments apart', async () => {
    const { status, body } = await api.call('GET', '/audit/conformity?quarter=2026-Q3', { as: staff.auditor });
    expect(status).toBe(200);
    expect(body).toMatchObject({ quarter: '2026-Q3', from: utc('2026-07-01T00:00:00.000+09:00'), to: utc('2026-10-01T00:00:00.000+09:00'), cases: 4, conforming: { count: 3, share: 0.75 } });
    const clause = (c: string) => body.clauses.find((x: { clause: string }) => x.clause === c);
    expect(clause('7.4')).toEqual({ clause: '7.4', title: 'Acknowledgement of complaint', applicable: 4, evidenced: 3, gaps: 1, notApplicable: 0, notYet: 0, share: 0.75 });
    expect(clause('7.7')).toMatchObject({ applicable: 3, evidenced: 3, notApplicable: 1, share: 1 });
  });

  it('counts a reopened case in the quarter of its latest closing', async () => {
    const { body } = await api.call('GET', '/audit/conformity?quarter=2026-Q4', { as: staff.manager });
    expect(body).toMatchObject({ cases: 1, conforming: { count: 1, share: 1 } });
    const empty = await api.call('GET', '/audit/conformity?quarter=2025-Q4', { as: staff.office });
    expect(empty.body).toMatchObject({ cases: 0, conforming: { count: 0, share: null } });
  });

  it('a case reopened and not closed again stays in the quarter of the closing its reopening undid, judged as it stands (open), so the quarter does not lose it meanwhile', async () => {
    await history('q1-reopened-open', [...byTheBook('2025-02-03'), [staff.office, 'reopen', { kind: 'appeal', reason: 'The complainant appealed' }, '2025-04-07T10:00:00+09:00']]);
    await caughtUp();
    const { body } = await api.call('GET', '/audit/conformity?quarter=2025-Q1', { as: staff.auditor });
    expect(body).toMatchObject({ cases: 1, conforming: { count: 0 }, open: { count: 1 }, withGaps: { count: 0 } });
  });

  it('a case closed as complainant unreachable (unidentified, never decided) is judged whole: no "not yet" among the closed cases', async () => {
    await history('q2-unreachable', [
      [staff.intake, 'receive', { complainant: {}, consent: { sms: false, email: false, phone: false } }, '2026-05-04T10:00:00+09:00'],
      [staff.intake, 'assess', { severity: 'low', safetyIssue: false }, '2026-05-04T10:30:00+09:00'],
      [staff.intake, 'assign', {}, '2026-05-04T11:00:00+09:00'],
      [staff.head, 'close', { reason: 'complainant-unreachable', note: 'No name or contact given; nothing to ask them' }, '2026-05-11T10:00:00+09:00'],
    ]);
    await caughtUp();
    const { body } = await api.call('GET', '/audit/conformity?quarter=2026-Q2', { as: staff.auditor });
    expect(body).toMatchObject({ population: expect.stringMatching(/^cases closed in the quarter/), cases: 1, conforming: { count: 1 }, open: { count: 0 }, withGaps: { count: 0 } });
    expect(body.clauses.map((c: { notYet: number }) => c.notYet)).toEqual([0, 0, 0, 0, 0, 0, 0, 0]);
    const trail = await api.call('GET', '/audit/complaints/q2-unreachable/trail', { as: staff.auditor });
    expect(trail.body.checklist.find((i: { clause: string }) => i.clause === '7.8')).toMatchObject({
      status: 'not-applicable', reason: 'closed as complainant unreachable (deemed withdrawn) without a decision: no decision to communicate',
    });
  });

  it('refuses a missing or malformed quarter, naming the field', async () => {
    const missing = await api.call('GET', '/audit/conformity', { as: staff.auditor });
    expect(missing.status).toBe(400);
    expect(missing.body.errors).toEqual([{ field: 'quarter', rule: 'is required, e.g. 2026-Q3' }]);
    const malformed = await api.call('GET', '/audit/conformity?quarter=2026-Q5', { as: staff.auditor });
    expect(malformed.body.errors).toEqual([{ field: 'quarter', rule: 'must be a quarter such as 2026-Q3' }]);
    const unknown = await api.call('GET', '/audit/conformity?quarter=2026-Q3&department=audit', { as: staff.auditor });
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors).toEqual([{ field: 'department', rule: 'is not a parameter; parameters: quarter' }]);
  });
});

describe('who may read the audit', () => {
  it.each([
    ['auditor', 200, staff.auditor],
    ['complaints-office', 200, staff.office],
    ['manager', 200, staff.manager],
    ['admin', 200, staff.admin],
    ['intake', 403, staff.intake],
    ['handler', 403, staff.handler],
    ['department-head', 403, staff.head],
  ] as const)('%s gets %i', async (role, expected, actor) => {
    await history(`roles-${role}`, byTheBook('2026-03-11').slice(0, 1));
    await caughtUp();
    expect((await api.call('GET', `/audit/complaints/roles-${role}/trail`, { as: actor })).status).toBe(expected);
    expect((await api.call('GET', '/audit/conformity?quarter=2026-Q1', { as: actor })).status).toBe(expected);
  });

  it('asks for a token', async () => {
    expect((await api.call('GET', '/audit/conformity?quarter=2026-Q1')).status).toBe(401);
  });
});

describe('the read model', () => {
  it('a rebuild gives the same rows (nothing depends on the wall clock), and a batch delivered again changes nothing', async () => {
    const admin = await connectAdmin();
    const rows = async () => [
      (await admin.query(`SELECT * FROM "${api.schema}".audit_trail ORDER BY complaint_id, revision`)).rows,
      (await admin.query(`SELECT * FROM "${api.schema}".audit_cases ORDER BY complaint_id`)).rows,
    ];
    try {
      await caughtUp();
      const live = await rows();
      expect(live[1]!.length).toBeGreaterThan(10);
      await api.app.get<ProjectionRunner>(PROJECTIONS).rebuild(['audit-trail']);
      expect(await rows()).toEqual(live);
      // Every event delivered once more: nothing changes.
      const { sql, s } = api.app.get<ReadModelDatabase>(READ_MODELS);
      const events = await api.app.get<EventStore>(EVENT_STORE).readAll();
      await sql.transaction((tx) => auditTrailReadModel.apply(tx, s, events));
      expect(await rows()).toEqual(live);
    } finally {
      await admin.end();
    }
  });
});
