import { describe, expect, it } from '@jest/globals';
import { complaintStreamId } from '../../src/complaint-stream/index.js';
import type { EventStore } from '../../src/event-store/event-store.js';
import { EVENT_STORE } from '../../src/event-store/index.js';
import { complaintBody, staff, serviceForSuite } from '../support/api.js';
import { main as verifyMain } from '../../scripts/audit-verify.js';
import { TEST_DATABASE_URL } from '../support/postgres.js';

async function runVerify(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const env = { EVENT_STORE: 'postgres', DATABASE_URL: TEST_DATABASE_URL, DATABASE_SCHEMA: suite.api.schema };
  const code = await verifyMain(args, env, { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t) });
  return { code, stdout, stderr };
}

const suite = serviceForSuite();

describe('GET /audit/verify', () => {
  it('is for auditors, the complaints office and admins', async () => {
    for (const [claims, status] of [
      [staff.auditor, 200],
      [staff.office, 200],
      [staff.admin, 200],
      [staff.handler, 403],
      [staff.manager, 403],
    ] as const) {
      expect({ who: claims.sub, status: (await suite.api.call('GET', '/audit/verify', { as: claims })).status }).toEqual({ who: claims.sub, status });
    }
    const bad = await suite.api.call('GET', '/audit/verify?limit=0', { as: staff.auditor });
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].field).toBe('limit');
  });

  it('reports a store as written intact, with the service sealing it as it goes', async () => {
    const { body } = await suite.api.call('POST', '/complaints', { as: staff.intake, body: complaintBody() });
    await suite.api.call('POST', `/complaints/${body.id}/assign`, { as: staff.intake, body: {} });
    let report = (await suite.api.call('GET', '/audit/verify', { as: staff.auditor })).body;
    for (let tries = 0; report.unsealedEvents > 0 && tries < 150; tries++) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      report = (await suite.api.call('GET', '/audit/verify', { as: staff.auditor })).body;
    }
    expect(report).toMatchObject({ ok: true, findings: [], unsealedEvents: 0 });
    expect(report.events).toBeGreaterThanOrEqual(2);
    expect(report.seals.latest.digest).toMatch(/^[0-9a-f]{64}$/);
  }, 60_000);

  it('npm run audit:verify seals on request, prints the latest seal digest and exits 0 on an intact store', async () => {
    await suite.api.call('POST', '/complaints', { as: staff.intake, body: complaintBody() });
    let run = await runVerify(['--seal']);
    // Sealing follows the global order up to the read horizon, which another session's long transaction can hold back.
    for (let tries = 0; run.stdout.includes('no seal yet') && tries < 100; tries++) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      run = await runVerify(['--seal']);
    }
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/latest seal \d+: digest [0-9a-f]{64}/);
    expect(run.stdout).toMatch(/OK: every event matches its hash chain/);
    const json = await runVerify(['--json', '--limit', '5']);
    expect(JSON.parse(json.stdout)).toMatchObject({ ok: true });
    expect((await runVerify(['--limit', 'x'])).code).toBe(2);
    expect((await runVerify(['--bogus'])).code).toBe(2);
  }, 60_000);

  it('names the first event that no longer matches after a row was changed with plain SQL', async () => {
    const { body } = await suite.api.call('POST', '/complaints', { as: staff.intake, body: complaintBody() });
    await suite.api.call('POST', `/complaints/${body.id}/assign`, { as: staff.intake, body: {} });
    const [, assigned] = await suite.api.app.get<EventStore>(EVENT_STORE).readStream(complaintStreamId(body.id));
    await suite.admin.query(`UPDATE "${suite.api.schema}".events SET data = jsonb_set(data, '{department}', '"audit"') WHERE event_id = $1`, [assigned!.eventId]);

    const response = await suite.api.call('GET', '/audit/verify', { as: staff.auditor });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      ok: false,
      firstMismatch: {
        problem: 'content-altered',
        streamId: complaintStreamId(body.id),
        revision: 1,
        eventId: assigned!.eventId,
        position: { commit: assigned!.position.commit.toString(), prepare: assigned!.position.prepare.toString() },
        // Named as a person looks for it: the case's reference, what happened, when it was recorded.
        caseReference: body.reference,
        type: 'ComplaintAssigned',
        recordedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d+Z$/),
      },
    });
    expect(response.body.firstMismatch.message).toMatch(/no longer matches its hash/);

    const cli = await runVerify([]);
    expect(cli.code).toBe(1);
    expect(cli.stdout).toContain(
      `TAMPERED: the first event that does not match:\n  [content-altered] case ${body.reference}, stream ${complaintStreamId(body.id)}, revision 1, ComplaintAssigned, recorded ${response.body.firstMismatch.recordedAt.slice(0, 23)}`,
    );
    expect(cli.stdout).toContain(`Z, event ${assigned!.eventId}`);
  });
});
