import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { maySeePersonalData, type Actor } from '../../domain/access.js';
import { complaintOf, replay } from '../../domain/complaint/decider.js';
import type { ComplaintEvent } from '../../domain/complaint/events.js';
import { complaintStreamId, currentVersion, toDomainEvent, COMPLAINT_CODEC, type ComplaintCodec } from '../../src/complaint-stream/index.js';
import { viewComplaint } from '../../src/complaints/complaint-view.js';
import type { EventStore, StoredEvent } from '../../src/event-store/event-store.js';
import { EVENT_STORE } from '../../src/event-store/index.js';
import type { TokenClaims } from '../../src/auth/sign-token.js';
import { utcInstants } from '../../src/http/utc-instants.js';
import { complaintBody, staff, startTestApi, type TestApi, utc } from '../support/api.js';
import { received } from '../support/complaint-fixtures.js';

let api: TestApi;
let store: EventStore;
let codec: ComplaintCodec;
beforeAll(async () => {
  api = await startTestApi();
  store = api.app.get<EventStore>(EVENT_STORE);
  codec = api.app.get<ComplaintCodec>(COMPLAINT_CODEC);
});
afterAll(async () => {
  await api.close();
});

const actorOf = (claims: TokenClaims): Actor => ({ id: claims.sub, name: claims.name ?? '', roles: claims.roles as Actor['roles'], ...(claims.department ? { department: claims.department } : {}) });

/** The case after the first `count` stored events, as `claims` would see it (personal data by the case now): what time travel must answer. */
const expectedAfter = (events: StoredEvent[], count: number, claims: TokenClaims) => {
  const personal = maySeePersonalData(actorOf(claims), complaintOf(replay(events.map(toDomainEvent)))!);
  return JSON.parse(JSON.stringify(viewComplaint({ state: replay(events.slice(0, count).map(toDomainEvent)), revision: count - 1 }, actorOf(claims), personal), utcInstants));
};

const withoutMoment = ({ asOf: _asOf, sla: _sla, ...view }: Record<string, unknown>) => view;

/** Walks a case through two rounds (a reopen in between) over HTTP; returns its id and the office's view after each command. */
async function longCase(): Promise<{ id: string; views: Map<number, unknown> }> {
  const views = new Map<number, unknown>();
  const receivedCase = await api.call('POST', '/complaints', { as: staff.intake, body: complaintBody() });
  const id = receivedCase.body.id as string;
  const look = async () => {
    const view = await api.call('GET', `/complaints/${id}`, { as: staff.office });
    views.set(view.body.revision, view.body);
    return view.body;
  };
  await look();
  const steps: [TokenClaims, string, (view: { informationRequests: { requestId: string }[] }) => unknown][] = [
    [staff.intake, 'acknowledge', () => ({})],
    [staff.intake, 'assess', () => ({ severity: 'high', safetyIssue: true })],
    [staff.intake, 'assign', () => ({})],
    [staff.handler, 'request-information', () => ({ department: 'planning', request: 'Maintenance log of the meter' })],
    [staff.handler, 'pause-clock', () => ({ reason: 'outside-inquiry' })],
    [staff.handler, 'receive-information', (v) => ({ requestId: v.informationRequests[0]!.requestId, summary: 'Log received' })],
    [staff.handler, 'resume-clock', () => ({})],
    [staff.handler, 'send-interim-notice', () => ({ channel: 'sms', progress: 'Site visit done', delayReason: 'Lab test pending' })],
    [staff.handler, 'record-findings', () => ({ summary: 'Seal worn', subjects: [{ id: 'emp-7', kind: 'employee', substantiated: true, reason: 'procedure-error' }] })],
    [staff.head, 'decide', () => ({ outcome: 'partly-upheld', basis: 'Gas Safety Act art. 17' })],
    [staff.head, 'communicate-decision', () => ({ channel: 'email', basis: 'Gas Safety Act art. 17', appeal: 'Within 90 days to the ministry' })],
    [staff.head, 'close', () => ({})],
    [staff.office, 'reopen', () => ({ kind: 'appeal', reason: 'Complainant appealed' })],
    [staff.handler, 'pause-clock', () => ({ reason: 'inspection' })],
    [staff.handler, 'record-findings', () => ({ summary: 'Second inspection', subjects: [{ id: 'emp-7', kind: 'employee', substantiated: true, reason: 'procedure-error' }] })],
    // Deciding while paused writes two events: ClockResumed, then DecisionMade.
    [staff.head, 'decide', () => ({ outcome: 'upheld', basis: 'Gas Safety Act art. 17', compensation: { amount: 10000, currency: 'KRW' } })],
    [staff.head, 'communicate-decision', () => ({ channel: 'email', basis: 'Gas Safety Act art. 17', appeal: 'Within 90 days to the ministry' })],
    [staff.head, 'close', () => ({})],
    [staff.intake, 'record-satisfaction', () => ({ scores: { easeOfFiling: 5, interimNotice: 4, proactiveness: 4, courtesy: 5, processingTime: 3, overall: 4 } })],
  ];
  let view = (await api.call('GET', `/complaints/${id}`, { as: staff.office })).body;
  for (const [actor, command, body] of steps) {
    const response = await api.call('POST', `/complaints/${id}/${command}`, { as: actor, body: body(view) });
    expect({ command, status: response.status }).toEqual({ command, status: 200 });
    view = await look();
  }
  return { id, views };
}

describe('time travel by revision', () => {
  it('at each revision of a long case, the case equals the state after that many events, for each role', async () => {
    const { id, views } = await longCase();
    const events = await codec.open(await store.readStream(complaintStreamId(id)));
    expect(events.length).toBe(21);
    for (const revision of events.map((e) => e.revision)) {
      for (const claims of [staff.office, staff.auditor]) {
        const response = await api.call('GET', `/complaints/${id}/at?revision=${revision}`, { as: claims });
        expect(response.status).toBe(200);
        expect(withoutMoment(response.body)).toEqual(expectedAfter(events, revision + 1, claims));
        expect(response.body.asOf).toMatchObject({ requested: { revision }, eventId: events[revision]!.eventId, currentRevision: 20 });
      }
    }
    // And what the API showed at the time, after each command, is what time travel shows now.
    for (const [revision, shown] of views) {
      const travelled = await api.call('GET', `/complaints/${id}/at?revision=${revision}`, { as: staff.office });
      expect(withoutMoment(travelled.body)).toEqual(shown);
    }
  });

  it('shows the commands allowed then, not now', async () => {
    const { id } = await longCase();
    const atReceipt = await api.call('GET', `/complaints/${id}/at?revision=0`, { as: staff.intake });
    expect(atReceipt.body).toMatchObject({ state: 'received', revision: 0 });
    expect(atReceipt.body.allowedCommands).toEqual(expect.arrayContaining(['acknowledge', 'assess', 'assign', 'withdraw']));
    expect(atReceipt.body.yourCommands).toEqual(expect.arrayContaining(['acknowledge', 'assess', 'assign']));
    const now = await api.call('GET', `/complaints/${id}`, { as: staff.intake });
    // The compensation decided has not been handed over yet; the employee the findings substantiate may be referred to CS training.
    expect(now.body).toMatchObject({ state: 'closed', allowedCommands: ['reopen', 'mark-confidential', 'provide-compensation', 'refer-to-training'] });
  });
});

// A case imported with its business times: received Monday 9 March 2026 10:00 in Seoul, deadline 3 days
// (24 working hours, 09:00–18:00 with a lunch hour), paused for an outside inquiry from Monday 16:00 to Tuesday 11:00.
const KST = (day: number, time: string) => `2026-03-${String(day).padStart(2, '0')}T${time}:00+09:00`;
const history: [string, TokenClaims, Omit<ComplaintEvent, 'data' | 'occurredAt'> & { data: unknown }][] = [
  [KST(9, '10:00'), staff.intake, { type: 'ComplaintReceived', data: received[0]!.data }],
  [KST(9, '10:30'), staff.intake, { type: 'ComplaintAcknowledged', data: { channel: 'email' } }],
  [KST(9, '11:00'), staff.intake, { type: 'ComplaintAssessed', data: { severity: 'medium', safetyIssue: false, priority: 'normal' } }],
  [KST(9, '14:00'), staff.intake, { type: 'ComplaintAssigned', data: { department: 'inspection' } }],
  [KST(9, '16:00'), staff.handler, { type: 'ClockPaused', data: { reason: 'outside-inquiry' } }],
  [KST(10, '11:00'), staff.handler, { type: 'ClockResumed', data: {} }],
  [KST(10, '15:00'), staff.handler, { type: 'InterimNoticeSent', data: { progress: 'Waiting for the lab', delayReason: 'Lab test' } }],
  [KST(12, '16:00'), staff.handler, { type: 'FindingsRecorded', data: { summary: 'Seal worn', subjects: [] } }],
  [KST(13, '10:00'), staff.head, { type: 'DecisionMade', data: { outcome: 'upheld', basis: 'Gas Safety Act art. 17' } }],
  [KST(13, '11:00'), staff.head, { type: 'DecisionCommunicated', data: { channel: 'email', basis: 'Gas Safety Act art. 17', appeal: 'Within 90 days' } }],
  [KST(13, '14:00'), staff.head, { type: 'ComplaintClosed', data: { reason: 'resolved' } }],
];

async function importedCase(): Promise<{ id: string; events: StoredEvent[] }> {
  const id = `imported-${randomUUID()}`;
  for (const [i, [occurredAt, actor, event]] of history.entries()) {
    const data = event.type === 'ComplaintReceived' ? { ...(event.data as object), complaintId: id, receivedAt: occurredAt } : event.data;
    await store.append(
      complaintStreamId(id),
      [
        {
          type: event.type,
          schemaVersion: currentVersion(event.type),
          data: data as Record<string, unknown>,
          metadata: { actorId: actor.sub, actorRole: actor.roles[0]!, occurredAt, commandId: randomUUID(), correlationId: randomUUID(), causationId: randomUUID() },
        },
      ],
      { expectedRevision: i === 0 ? 'no-stream' : i - 1 },
    );
  }
  return { id, events: await store.readStream(complaintStreamId(id)) };
}

const at = (id: string, time: string, as: TokenClaims = staff.office) => api.call('GET', `/complaints/${id}/at?time=${encodeURIComponent(time)}`, { as });

describe('time travel by business time', () => {
  it('at instants between events, the case is as it was after the last event that had occurred', async () => {
    const { id, events } = await importedCase();
    for (let i = 0; i < events.length; i++) {
      const occurred = Date.parse(events[i]!.metadata.occurredAt);
      const next = events[i + 1] ? Date.parse(events[i + 1]!.metadata.occurredAt) : occurred + 86_400_000;
      for (const instant of [occurred, Math.floor((occurred + next) / 2), next - 1]) {
        const response = await at(id, new Date(instant).toISOString());
        expect({ i, instant, status: response.status }).toEqual({ i, instant, status: 200 });
        expect(withoutMoment(response.body)).toEqual(expectedAfter(events, i + 1, staff.office));
        expect(response.body.asOf).toMatchObject({ instant: new Date(instant).toISOString(), eventId: events[i]!.eventId, occurredAt: utc(events[i]!.metadata.occurredAt) });
      }
    }
  });

  it('gives the SLA position at that moment: used and paused working time, at risk, breached', async () => {
    const { id } = await importedCase();
    const sla = async (time: string) => (await at(id, time)).body.sla;

    expect(await sla(KST(9, '10:45'))).toMatchObject({ period: 1, clock: 'running', status: 'on-track', workingHoursUsed: 0.75, workingHoursPaused: 0 });
    // Paused at 16:00: five working hours used (the lunch hour is not working time), one paused by 17:00.
    expect(await sla(KST(9, '17:00'))).toMatchObject({ clock: 'paused', status: 'on-track', workingHoursUsed: 5, workingHoursPaused: 1, dueAt: null });
    // Resumed Tuesday 11:00 after 4 paused working hours: the 24 hours run out on Thursday at 15:00, not 10:00.
    const wednesday = await sla(KST(11, '12:30'));
    expect(wednesday).toMatchObject({ clock: 'running', status: 'on-track', workingHoursUsed: 14, workingHoursPaused: 4 });
    expect(Date.parse(wednesday.interimNoticeSentAt)).toBe(Date.parse(KST(10, '15:00')));
    expect(Date.parse(wednesday.dueAt)).toBe(Date.parse(KST(12, '15:00')));
    // The interim notice came after its day: missing once the deadline is breached, not while it may still be met.
    expect(await sla(KST(12, '13:00'))).toMatchObject({ status: 'at-risk', workingHoursUsed: 22, interimNoticeMissing: false });
    const friday = await sla(KST(13, '10:30'));
    expect(friday).toMatchObject({ status: 'breached', clock: 'running', interimNoticeMissing: true });
    expect(Date.parse(friday.breachedAt)).toBe(Date.parse(KST(12, '15:00')));
    // Once communicated, the clock stops and the result is final.
    expect(await sla(KST(20, '10:00'))).toMatchObject({ status: 'breached', clock: 'stopped', stoppedBy: 'decision-communicated' });
  });

  it('before the case was recorded there is no case: 404 naming when its first event occurred', async () => {
    const { id } = await importedCase();
    const response = await at(id, KST(9, '09:59'));
    expect(response.status).toBe(404);
    expect(response.body).toMatchObject({ firstEventOccurredAt: utc(KST(9, '10:00')) });
  });
});

describe('time travel refuses what it cannot answer', () => {
  it('400 naming the field for a bad time or revision; 404 for an unknown case', async () => {
    const { id } = await importedCase();
    const cases: [string, string][] = [
      ['time=yesterday', 'time'],
      ['time=2026-03-09T10:00:00', 'time'], // no offset: not an instant
      ['time=2026-02-30T10:00:00Z', 'time'],
      [`time=${encodeURIComponent('2999-01-01T00:00:00+09:00')}`, 'time'],
      ['revision=-1', 'revision'],
      ['revision=1.5', 'revision'],
      ['revision=abc', 'revision'],
      ['revision=11', 'revision'],
      ['time=2026-03-10T10:00:00Z&revision=2', 'time'],
      ['', 'time'],
      ['when=now', 'when'],
      ['revision=1&revision=2', 'revision'],
    ];
    for (const [query, field] of cases) {
      const response = await api.call('GET', `/complaints/${id}/at?${query}`, { as: staff.auditor });
      expect({ query, status: response.status, fields: response.body.errors?.map((e: { field: string }) => e.field) }).toEqual({ query, status: 400, fields: [field] });
    }
    // The README's own example pasted with its "+" unencoded: the "+" arrives as a space, and the rule says how to write it.
    const pasted = await api.call('GET', `/complaints/${id}/at?time=2026-03-10T10:00:00+09:00`, { as: staff.auditor });
    expect(pasted.body.errors).toEqual([{ field: 'time', rule: expect.stringContaining('the "+" of its offset arrived as a space, as an unencoded "+" in a URL does: write it %2B') }]);
    const unencoded = await api.call('GET', '/audit/access-log?from=2026-03-10T10:00:00+09:00', { as: staff.auditor });
    expect(unencoded.body.errors).toEqual([{ field: 'from', rule: expect.stringContaining('write it %2B') }]);
    expect((await api.call('GET', `/complaints/no-such-case/at?revision=0`, { as: staff.auditor })).status).toBe(404);
    expect((await api.call('GET', `/complaints/bad%20id/at?revision=0`, { as: staff.auditor })).status).toBe(400);
    expect((await api.call('GET', `/complaints/${id}/at?revision=0`)).status).toBe(401);
  });

  it('redacts the complainant for roles that may not see personal data', async () => {
    const { id } = await importedCase();
    expect((await at(id, KST(9, '12:00'), staff.auditor)).body.complainant).toEqual({ name: '[redacted]' });
    expect((await at(id, KST(9, '12:00'), staff.office)).body.complainant).toMatchObject({ name: '김민수' });
  });
});

describe('replay', () => {
  it('steps through every event with the case before and after, actor, role, time, ISO 10002 clause and hashes', async () => {
    const { id, events } = await importedCase();
    const response = await api.call('GET', `/complaints/${id}/replay`, { as: staff.auditor });
    expect(response.status).toBe(200);
    const { steps } = response.body;
    expect(steps).toHaveLength(events.length);
    expect(steps.map((s: { clause: string }) => s.clause)).toEqual(['7.2', '7.4', '7.5', '7.6', '7.3', '7.3', '7.3', '7.6', '7.7', '7.8', '7.9']);
    expect(steps[0]).toMatchObject({ revision: 0, type: 'ComplaintReceived', clauseTitle: 'Receipt of complaint', actorId: 'u-intake', actorRole: 'intake', before: null });
    expect(steps[0].data.complainant).toEqual({ name: '[redacted]' });
    expect(steps[0].after.complaint.complainant).toEqual({ name: '[redacted]' });
    for (const [i, step] of steps.entries()) {
      const event = events[i]!;
      expect(step).toMatchObject({ eventId: event.eventId, occurredAt: utc(event.metadata.occurredAt), hash: event.hash, previousHash: event.previousHash });
      expect(step.after).toEqual({ state: expectedAfter(events, i + 1, staff.auditor).state, allowedCommands: expectedAfter(events, i + 1, staff.auditor).allowedCommands, complaint: expect.any(Object) });
      if (i > 0) expect(step.before).toEqual(steps[i - 1].after);
    }
    expect(steps[3]).toMatchObject({ before: { state: 'received' }, after: { state: 'assigned', complaint: { department: 'inspection' } } });
    expect(steps[3].changed).toEqual(expect.arrayContaining(['state', 'department']));
    expect(steps[4].changed).toEqual(['pauses', 'pause']);
  });

  it('shows the complainant to those who handle the case, and 404 for an unknown one', async () => {
    const { id } = await importedCase();
    const office = await api.call('GET', `/complaints/${id}/replay`, { as: staff.office });
    expect(office.body.steps[0].data.complainant).toMatchObject({ name: '김민수' });
    expect((await api.call('GET', '/complaints/nobody/replay', { as: staff.office })).status).toBe(404);
  });
});
