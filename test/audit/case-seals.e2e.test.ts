import { randomUUID } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import { complaintStreamId, currentVersion } from '../../src/complaint-stream/index.js';
import type { EventStore } from '../../src/event-store/event-store.js';
import { EVENT_STORE } from '../../src/event-store/index.js';
import { PROJECTIONS } from '../../src/projections/index.js';
import type { ProjectionRunner } from '../../src/projections/projection-runner.js';
import { received } from '../support/complaint-fixtures.js';
import { serviceForSuite, staff } from '../support/api.js';

/**
 * One case's integrity checks the seals covering its events, and its recorded times: a sealed event's
 * recorded time moved back a day fails the case's trail, its evidence export and the quarter's
 * conformity (7.3 a gap), as it fails the store-wide verification, whose findings name the case by
 * its reference, the event's type and its recorded time.
 */
const suite = serviceForSuite();
const store = () => suite.api.app.get<EventStore>(EVENT_STORE);
const sql = (text: string, params: unknown[] = []) => suite.admin.query(text.replaceAll('S.', `"${suite.api.schema}".`), params);
const at = (date: string, time: string) => `2025-${date}T${time}:00+09:00`;

/** A decided and closed case received and closed in 2025-Q1, its receipt carrying `reference`. */
async function closedCase(reference: string): Promise<string> {
  const id = `cs-${randomUUID()}`;
  const steps: [string, string, Record<string, unknown>][] = [
    ['u-intake', 'ComplaintReceived', { ...received[0]!.data, complaintId: id, receivedAt: at('02-03', '10:00'), reference }],
    ['u-intake', 'ComplaintAcknowledged', { channel: 'email' }],
    ['u-intake', 'ComplaintAssessed', { severity: 'low', safetyIssue: false, priority: 'normal' }],
    ['u-intake', 'ComplaintAssigned', { department: 'inspection' }],
    ['u-handler', 'FindingsRecorded', { summary: 'Meter misread', subjects: [] }],
    ['u-head', 'DecisionMade', { outcome: 'upheld', basis: 'Tariff rule 4' }],
    ['u-head', 'DecisionCommunicated', { channel: 'email', basis: 'Tariff rule 4', appeal: 'Within 90 days to the ministry' }],
    ['u-head', 'ComplaintClosed', { reason: 'resolved' }],
  ];
  for (const [i, [actorId, type, data]] of steps.entries()) {
    await store().append(
      complaintStreamId(id),
      [{ type, schemaVersion: currentVersion(type), data, metadata: { actorId, actorRole: actorId.slice(2), occurredAt: at('02-03', `1${i}:30`), commandId: randomUUID(), correlationId: randomUUID(), causationId: randomUUID() } }],
      { expectedRevision: i === 0 ? 'no-stream' : i - 1 },
    );
  }
  return id;
}

async function sealEverything(): Promise<void> {
  for (let tries = 0; tries < 300; tries++) {
    await store().seal!();
    if ((await store().verifyIntegrity!()).unsealedEvents === 0) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error('events stayed unsealed for a minute');
}

const tracking = (checklist: { clause: string }[]) => checklist.find((i) => i.clause === '7.3');
const gaps73 = async () => {
  const response = await suite.api.call('GET', '/audit/conformity?quarter=2025-Q1', { as: staff.auditor });
  expect(response.status).toBe(200);
  return response.body.clauses.find((c: { clause: string }) => c.clause === '7.3').gaps as number;
};

describe('a case’s integrity covers the seals over its events and its recorded times', () => {
  it('a sealed event’s recorded time moved back a day: verify names the case; its trail, its export and the quarter’s conformity say its history does not verify', async () => {
    const moved = await closedCase('2025-000101');
    await sealEverything();
    // Sealed apart: a seal that no longer matches fails every case it covers, since its digest cannot say which event moved.
    const untouched = await closedCase('2025-000102');
    await sealEverything();
    await suite.api.app.get<ProjectionRunner>(PROJECTIONS).caughtUp();
    expect((await suite.api.call('GET', '/audit/verify', { as: staff.auditor })).body).toMatchObject({ ok: true });
    const before = await gaps73();

    await sql(`UPDATE S.events SET recorded_at = recorded_at - interval '1 day' WHERE stream_id = $1 AND revision = 3`, [complaintStreamId(moved)]);

    const verify = (await suite.api.call('GET', '/audit/verify', { as: staff.auditor })).body;
    expect(verify.ok).toBe(false);
    expect(verify.findings).toContainEqual(
      expect.objectContaining({ problem: 'recorded-time-backwards', caseReference: '2025-000101', revision: 3, type: 'ComplaintAssigned', recordedAt: expect.stringMatching(/^\d{4}-/) }),
    );
    const seal = verify.findings.find((f: { problem: string }) => f.problem === 'seal-mismatch');
    expect(seal.events).toContainEqual(expect.objectContaining({ caseReference: '2025-000101', revision: 3, type: 'ComplaintAssigned' }));

    const trail = (await suite.api.call('GET', `/audit/complaints/${moved}/trail`, { as: staff.manager })).body;
    expect(trail.integrity).toMatchObject({ ok: false, chainIntact: true, sealsIntact: false });
    expect(trail.integrity.findings).toContainEqual(expect.objectContaining({ problem: 'recorded-time-backwards', caseReference: '2025-000101', revision: 3 }));
    expect(tracking(trail.checklist)).toMatchObject({ status: 'gap', gap: expect.stringContaining('stored history does not verify') });
    expect((await suite.api.call('GET', `/audit/complaints/${untouched}/trail`, { as: staff.manager })).body.integrity).toMatchObject({ ok: true, findings: [] });

    const exported = (await suite.api.call('GET', `/audit/evidence?complaint=${moved}`, { as: staff.auditor })).body;
    expect(exported.integrity).toMatchObject({ intact: false, chainIntact: true, sealsIntact: false, recordedTimesInOrder: false });
    expect(exported.integrity.failed).toEqual(['seals', 'recorded times']);
    expect(tracking(exported.checklist)).toMatchObject({ status: 'gap' });

    const summary = (await suite.api.call('GET', '/audit/evidence?quarter=2025-Q1', { as: staff.auditor })).body;
    const row = (id: string) => summary.cases.find((c: { complaintId: string }) => c.complaintId === id);
    expect(row(moved)).toMatchObject({ intact: false });
    expect(row(untouched)).toMatchObject({ intact: true });

    expect(await gaps73()).toBe(before + 1);
  }, 180_000);
});
