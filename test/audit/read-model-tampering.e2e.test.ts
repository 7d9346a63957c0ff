import { randomUUID } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import { main as verifyMain } from '../../scripts/audit-verify.js';
import { complaintStreamId } from '../../src/complaint-stream/index.js';
import type { EventStore } from '../../src/event-store/event-store.js';
import { EVENT_STORE } from '../../src/event-store/index.js';
import { PROJECTIONS } from '../../src/projections/index.js';
import type { ProjectionRunner } from '../../src/projections/projection-runner.js';
import { complaintBody, serviceForSuite, staff } from '../support/api.js';
import { received } from '../support/complaint-fixtures.js';
import { TEST_DATABASE_URL } from '../support/postgres.js';
import { appendCase, rewriteDecision, sealEverything, type Step } from '../support/audit-cases.js';

/**
 * The read models are what the auditor's tools show (the trail, the conformity, the case list). A row
 * changed by hand must not pass as evidence: the trail compares its case's rows with the fold of the
 * case's events, and `npm run audit:verify` (and `GET /audit/verify?readModels=true`) rebuilds every
 * read model from the events and names each row that differs. A read model that merely lags is no
 * tampering.
 */
const suite = serviceForSuite();
const store = () => suite.api.app.get<EventStore>(EVENT_STORE);
const runner = () => suite.api.app.get<ProjectionRunner>(PROJECTIONS);
const sql = (text: string, params: unknown[] = []) => suite.admin.query(text.replaceAll('S.', `"${suite.api.schema}".`), params);

async function runVerify(args: string[] = []): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const env = { EVENT_STORE: 'postgres', DATABASE_URL: TEST_DATABASE_URL, DATABASE_SCHEMA: suite.api.schema };
  const code = await verifyMain(args, env, { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t) });
  return { code, stdout, stderr };
}

/**
 * A case closed with gaps in 7.4 (never acknowledged), 7.5 (never assessed) and 7.6 (decided while an
 * information request had no answer), as an import writes it.
 */
async function caseWithGaps(): Promise<string> {
  const id = `rm-${randomUUID()}`;
  const at = (hour: number) => `2025-02-03T${String(hour).padStart(2, '0')}:30:00+09:00`;
  const steps: Step[] = [
    ['u-intake', 'ComplaintReceived', { ...received[0]!.data, complaintId: id, receivedAt: at(9) }],
    ['u-intake', 'ComplaintAssigned', { department: 'inspection' }],
    ['u-handler', 'InformationRequested', { requestId: 'req-1', department: 'billing', request: 'Meter readings for January' }],
    ['u-handler', 'FindingsRecorded', { summary: 'Meter misread', subjects: [] }],
    ['u-head', 'DecisionMade', { outcome: 'upheld', basis: 'Tariff rule 4' }],
    ['u-head', 'DecisionCommunicated', { channel: 'email', basis: 'Tariff rule 4', appeal: 'Within 90 days to the ministry' }],
    ['u-head', 'ComplaintClosed', { reason: 'resolved' }],
  ];
  await appendCase(store(), id, steps, (i) => at(10 + i));
  await runner().caughtUp();
  return id;
}

/** A case received and assigned through the API. */
async function assignedCase(): Promise<{ id: string; reference: string }> {
  const { body } = await suite.api.call('POST', '/complaints', { as: staff.intake, body: complaintBody() });
  await suite.api.call('POST', `/complaints/${body.id}/assign`, { as: staff.intake, body: {} });
  await runner().caughtUp();
  return { id: body.id, reference: body.reference };
}

interface Trail {
  events: { revision: number; actorId: string }[];
  checklist: { clause: string; status: string; evidence?: { basis?: string } }[];
  integrity: { ok: boolean; chainIntact?: boolean; readModel: { ok: boolean | null; checkedThrough: number; evidenceFrom: string; differs: { table: string; column?: string; revision?: number; message: string }[] } };
}

async function trail(id: string): Promise<Trail> {
  const response = await suite.api.call('GET', `/audit/complaints/${id}/trail`, { as: staff.auditor });
  expect(response.status).toBe(200);
  return response.body as Trail;
}

const status = (t: Trail, clause: string) => t.checklist.find((i) => i.clause === clause)?.status;

describe('the read models checked against the events', () => {
  it('an untouched store: the trail vouches for its rows, and verify finds no read-model difference', async () => {
    const id = await caseWithGaps();
    await assignedCase();
    const t = await trail(id);
    expect(t.integrity).toMatchObject({ ok: true, readModel: { ok: true, checkedThrough: 6, differs: [], evidenceFrom: 'read model' } });
    expect(['7.4', '7.5', '7.6'].map((c) => status(t, c))).toEqual(['gap', 'gap', 'gap']);

    const cli = await runVerify();
    expect(cli.stdout).toContain('OK: every read-model row matches the events');
    expect(cli.code).toBe(0);
    const api = (await suite.api.call('GET', '/audit/verify?readModels=true', { as: staff.auditor })).body;
    expect(api.readModels).toMatchObject({ ok: true, differences: [] });
    expect(api.readModels.readModels.every((r: { compared: boolean }) => r.compared)).toBe(true);
    expect((await suite.api.call('GET', '/audit/verify', { as: staff.auditor })).body.readModels).toBeNull();
    expect((await suite.api.call('GET', '/audit/verify?readModels=yes', { as: staff.auditor })).body.errors).toEqual([{ field: 'readModels', rule: 'must be true or false' }]);
  }, 120_000);

  it('a read model that lags behind the events is compared as far as it got: no false alarm', async () => {
    const { id } = await assignedCase();
    await runner().stop();
    try {
      // Stored, not projected: the list and the trail still show the case as assigned at revision 1.
      const reassigned = await suite.api.call('POST', `/complaints/${id}/reassign`, { as: staff.office, body: { department: 'audit', reason: 'Wrong department' } });
      expect(reassigned.status).toBe(200);
      const [row] = (await sql(`SELECT revision FROM S.complaint_list WHERE id = $1`, [id])).rows;
      expect(Number(row.revision)).toBe(1);

      const t = await trail(id);
      expect(t.integrity.readModel).toMatchObject({ ok: true, checkedThrough: 1, differs: [] });
      const cli = await runVerify();
      expect(cli.stdout).toContain('OK: every read-model row matches the events');
      expect(cli.code).toBe(0);
    } finally {
      await runner().start(100);
    }
    await runner().caughtUp();
    expect((await trail(id)).integrity.readModel).toMatchObject({ ok: true, checkedThrough: 2 });
  }, 120_000);

  it('audit facts forged into audit_cases: the trail says the row differs and judges the case on its events; verify names table, case and column', async () => {
    const id = await caseWithGaps();
    const [{ reference }] = (await sql(`SELECT reference FROM S.complaint_list WHERE id = $1`, [id])).rows;
    const forged = { revision: 1, type: 'ComplaintAcknowledged', actorId: 'u-forger', actorRole: 'complaints-office', occurredAt: '2025-02-03T10:45:00+09:00' };
    await sql(
      `UPDATE S.audit_cases SET audit = jsonb_set(audit || jsonb_build_object('acknowledgement', $2::jsonb, 'assessment', $3::jsonb), '{decision,unansweredRequests}', '[]') WHERE complaint_id = $1`,
      [id, JSON.stringify({ ...forged, withheld: false, basis: 'by e-mail' }), JSON.stringify({ ...forged, type: 'ComplaintAssessed', basis: 'severity low' })],
    );

    const t = await trail(id);
    expect(t.integrity.ok).toBe(false);
    expect(t.integrity.readModel).toMatchObject({ ok: false, evidenceFrom: 'events' });
    expect(t.integrity.readModel.differs.map((d) => `${d.table}.${d.column}`)).toEqual(
      expect.arrayContaining(['audit_cases.audit.acknowledgement', 'audit_cases.audit.assessment', 'audit_cases.audit.decision.unansweredRequests']),
    );
    expect(t.integrity.readModel.differs.find((d) => d.column === 'audit.decision.unansweredRequests')!.message).toBe(
      'audit_cases.audit.decision.unansweredRequests holds [] where the events give ["req-1"]',
    );
    // The gaps are the events' own, not the forged rows'.
    expect(['7.4', '7.5', '7.6'].map((c) => status(t, c))).toEqual(['gap', 'gap', 'gap']);

    const cli = await runVerify();
    expect(cli.code).toBe(1);
    expect(cli.stdout).toContain('READ MODELS ALTERED');
    // Written as an import writes it, without a reference: the case is named by its id.
    expect(reference).toBeNull();
    expect(cli.stdout).toContain(`table audit_cases (read model audit-trail), case ${id}: column audit.acknowledgement holds {`);
    expect(cli.stdout).toContain('column audit.decision.unansweredRequests holds [] where the events give ["req-1"]');
    const api = (await suite.api.call('GET', '/audit/verify?readModels=true', { as: staff.auditor })).body;
    expect(api.ok).toBe(false);
    expect(api.readModels.differences).toContainEqual(expect.objectContaining({ table: 'audit_cases', kind: 'changed', complaintId: id, columns: ['audit'] }));
  }, 120_000);

  it('an actor forged into audit_trail: the trail names the revision and column and shows who really acted; verify names them too', async () => {
    const id = await caseWithGaps();
    await sql(`UPDATE S.audit_trail SET actor_id = 'u-forger', actor_role = 'complaints-office' WHERE complaint_id = $1 AND revision = 3`, [id]);

    const t = await trail(id);
    expect(t.integrity).toMatchObject({ ok: false, readModel: { ok: false, evidenceFrom: 'events' } });
    expect(t.integrity.readModel.differs).toEqual([
      { table: 'audit_trail', revision: 3, column: 'actor_id', message: 'audit_trail, revision 3: actor_id holds "u-forger" where the event gives "u-handler"' },
      { table: 'audit_trail', revision: 3, column: 'actor_role', message: 'audit_trail, revision 3: actor_role holds "complaints-office" where the event gives "handler"' },
    ]);
    expect(t.events.find((e) => e.revision === 3)!.actorId).toBe('u-handler');

    const cli = await runVerify();
    expect(cli.code).toBe(1);
    expect(cli.stdout).toMatch(new RegExp(`table audit_trail \\(read model audit-trail\\), case ${id}, revision 3: column actor_id holds "u-forger" where the events give "u-handler"; column actor_role holds "complaints-office" where the events give "handler"`));
  }, 120_000);

  it("a case's state forged in complaint_list: verify names the table, the case's reference and the column", async () => {
    const { id, reference } = await assignedCase();
    await sql(`UPDATE S.complaint_list SET state = 'received' WHERE id = $1`, [id]);
    const cli = await runVerify();
    expect(cli.code).toBe(1);
    expect(cli.stdout).toContain(`table complaint_list (read model complaint-list), case ${reference} (${id}): column state holds "received" where the events give "assigned"`);
    const api = (await suite.api.call('GET', '/audit/verify?readModels=true', { as: staff.auditor })).body;
    expect(api.readModels.differences).toContainEqual(expect.objectContaining({ readModel: 'complaint-list', table: 'complaint_list', kind: 'changed', complaintId: id, reference, columns: ['state'] }));
  }, 120_000);

  it("an event's payload edited: the trail shows what the store holds now, as the export does, and says it does not verify", async () => {
    const id = await caseWithGaps();
    const decided = (await store().readStream(complaintStreamId(id))).find((e) => e.type === 'DecisionMade')!;
    await sql(`UPDATE S.events SET data = jsonb_set(data, '{basis}', '"Forged rule 9"') WHERE event_id = $1`, [decided.eventId]);

    const t = await trail(id);
    expect(t.integrity).toMatchObject({ ok: false, chainIntact: false, readModel: { ok: false, evidenceFrom: 'events' } });
    expect(t.integrity.readModel.differs.map((d) => d.message)).toContain('audit_cases.audit.decision.basis holds "upheld: Tariff rule 4" where the events give "upheld: Forged rule 9"');
    // No longer the rows' older value as if checked, while the export shows the edited one.
    expect(t.checklist.find((i) => i.clause === '7.7')!.evidence?.basis).toContain('Forged rule 9');
    const exported = (await suite.api.call('GET', `/audit/evidence?complaint=${id}`, { as: staff.auditor })).body;
    expect(exported.timeline.find((e: { revision: number }) => e.revision === 4).details).toContain('Forged rule 9');
  }, 120_000);
});

describe('the printable evidence report of a case', () => {
  const page = async (id: string) =>
    (await fetch(`${suite.api.url}/audit/evidence?complaint=${id}&format=html`, { headers: { authorization: `Bearer ${await suite.api.token(staff.auditor)}` } })).text();

  it('that does not verify says so first, before the case, the decision and the checklist; one that verifies says so at the end', async () => {
    const id = await caseWithGaps();
    const intact = await page(id);
    expect(intact).toContain('The history of the case is intact');
    expect(intact.indexOf('id="integrity"')).toBeGreaterThan(intact.indexOf('id="timeline"'));

    await sealEverything(store());
    await rewriteDecision(store(), sql, id, { basis: 'Forged rule 9' });
    const rewritten = await page(id);
    expect(rewritten).toContain('The history of the case does not verify (failed: seals)');
    const integrity = rewritten.indexOf('id="integrity"');
    expect(integrity).toBeGreaterThan(rewritten.indexOf('</header>'));
    for (const section of ['case', 'decision', 'checklist', 'timeline']) expect({ section, before: integrity < rewritten.indexOf(`id="${section}"`) }).toEqual({ section, before: true });
    expect(rewritten.match(/id="integrity"/g)).toHaveLength(1);
  }, 120_000);
});
