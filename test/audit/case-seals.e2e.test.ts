import { randomUUID } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import { complaintStreamId } from '../../src/complaint-stream/index.js';
import type { EventStore } from '../../src/event-store/event-store.js';
import { EVENT_STORE } from '../../src/event-store/index.js';
import { PROJECTIONS } from '../../src/projections/index.js';
import type { ProjectionRunner } from '../../src/projections/projection-runner.js';
import { serviceForSuite, staff } from '../support/api.js';
import { closedCase, sealEverything } from '../support/audit-cases.js';

/**
 * One case's integrity checks the seals covering its events, and its recorded times: a sealed event's
 * recorded time moved back a day fails the case's trail, its evidence export and the quarter's
 * conformity (7.3 a gap), as it fails the store-wide verification, whose findings name the case by
 * its reference, the event's type and its recorded time.
 */
const suite = serviceForSuite();
const store = () => suite.api.app.get<EventStore>(EVENT_STORE);
const sql = (text: string, params: unknown[] = []) => suite.admin.query(text.replaceAll('S.', `"${suite.api.schema}".`), params);

/** A decided and closed case received and closed in 2025-Q1, its receipt carrying `reference`. */
async function closedCaseWith(reference: string): Promise<string> {
  const id = `cs-${randomUUID()}`;
  await closedCase(store(), id, { reference });
  return id;
}

const tracking = (checklist: { clause: string }[]) => checklist.find((i) => i.clause === '7.3');
const gaps73 = async () => {
  const response = await suite.api.call('GET', '/audit/conformity?quarter=2025-Q1', { as: staff.auditor });
  expect(response.status).toBe(200);
  return response.body.clauses.find((c: { clause: string }) => c.clause === '7.3').gaps as number;
};

describe('a case’s integrity covers the seals over its events and its recorded times', () => {
  it('a sealed event’s recorded time moved back a day: verify names the case; its trail, its export and the quarter’s conformity say its history does not verify', async () => {
    const moved = await closedCaseWith('2025-000101');
    await sealEverything(store());
    // Sealed apart: a seal that no longer matches fails every case it covers, since its digest cannot say which event moved.
    const untouched = await closedCaseWith('2025-000102');
    await sealEverything(store());
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
