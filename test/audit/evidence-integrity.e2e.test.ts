import { randomUUID } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import { parse } from 'csv-parse/sync';
import { complaintStreamId } from '../../src/complaint-stream/index.js';
import type { EventStore } from '../../src/event-store/event-store.js';
import { EVENT_STORE } from '../../src/event-store/index.js';
import { PROJECTIONS } from '../../src/projections/index.js';
import type { ProjectionRunner } from '../../src/projections/projection-runner.js';
import { serviceForSuite, staff } from '../support/api.js';
import { closedCase, rewriteDecision, sealEverything } from '../support/audit-cases.js';

/**
 * A case's integrity in the evidence export is the store's verification of its stream: its hash
 * chain, and its events against the seals. A sealed history rewritten with its chain (and the
 * stream's head hash) recomputed has a sound chain, but does not verify.
 */
const suite = serviceForSuite();
const store = () => suite.api.app.get<EventStore>(EVENT_STORE);
const sql = (text: string, params: unknown[] = []) => suite.admin.query(text.replaceAll('S.', `"${suite.api.schema}".`), params);

/** A decided and closed case received in 2025-Q1, as an import writes it. */
async function decidedCase(): Promise<string> {
  const id = `ev-${randomUUID()}`;
  await closedCase(store(), id);
  return id;
}

const evidence = async (query: string) => {
  const response = await suite.api.call('GET', `/audit/evidence?${query}`, { as: staff.auditor });
  expect(response.status).toBe(200);
  return response;
};
const text = async (query: string) => {
  const response = await fetch(`${suite.api.url}/audit/evidence?${query}`, { headers: { authorization: `Bearer ${await suite.api.token(staff.auditor)}` } });
  expect(response.status).toBe(200);
  return response.text();
};

describe('the evidence export checks a case against the seals, not its chain alone', () => {
  it('a sealed decision rewritten with the chain recomputed: every export says the history does not verify, and which check failed', async () => {
    const tampered = await decidedCase();
    const untouched = await decidedCase();
    await sealEverything(store());
    const before = (await evidence(`complaint=${tampered}`)).body;
    expect(before.integrity).toMatchObject({ intact: true, failed: [], chainIntact: true, sealsIntact: true, sealedThrough: 7 });
    expect(before.checklist.find((i: { clause: string }) => i.clause === '7.3')).toMatchObject({ status: 'evidenced' });

    await rewriteDecision(store(), sql, tampered, { outcome: 'rejected' });
    const verify = (await suite.api.call('GET', '/audit/verify', { as: staff.auditor })).body;
    expect(verify.findings).toContainEqual(expect.objectContaining({ problem: 'sealed-event-rewritten', streamId: complaintStreamId(tampered) }));

    const json = (await evidence(`complaint=${tampered}`)).body;
    expect(json.decision.outcome).toBe('rejected');
    expect(json.integrity).toMatchObject({ intact: false, failed: ['seals'], chainIntact: true, sealsIntact: false });
    // The service seals as it goes: the case's events may lie in more than one seal, each naming its newest event of the case.
    expect(json.integrity.findings).toContainEqual(expect.objectContaining({ problem: 'sealed-event-rewritten', streamId: complaintStreamId(tampered), revision: 7 }));
    expect(json.integrity.findings.map((f: { problem: string }) => f.problem)).toEqual(json.integrity.findings.map(() => 'sealed-event-rewritten'));
    const tracking = json.checklist.find((i: { clause: string }) => i.clause === '7.3');
    expect(tracking).toMatchObject({ status: 'gap', gap: expect.stringContaining('stored history does not verify: seals: stream') });
    // A rewrite recomputes the chain after it: no event of the case evidences a clause, the decision least of all.
    expect(json.checklist.filter((i: { status: string }) => i.status === 'evidenced')).toEqual([]);
    expect(json.checklist.find((i: { clause: string }) => i.clause === '7.7')).toMatchObject({ status: 'gap', gap: expect.stringMatching(/^its evidence \(revision \d+\) is stored after revision 0, the first that does not verify/) });

    const page = await text(`complaint=${tampered}&format=html`);
    expect(page).not.toContain('is intact');
    expect(page).toContain('The history of the case does not verify (failed: seals)');
    expect(page).toContain('Seals: broken');
    expect(page).not.toContain('unbroken history from receipt');
    expect(page).not.toContain('vouches for the whole history');

    const summary = (await evidence('quarter=2025-Q1')).body;
    expect(summary.store.ok).toBe(false);
    const row = (id: string) => summary.cases.find((c: { complaintId: string }) => c.complaintId === id);
    expect(row(tampered)).toMatchObject({ intact: false, failed: 'seals', chainIntact: true, sealsIntact: false });
    expect(row(tampered).gaps).toContain('7.3');
    expect(row(untouched)).toMatchObject({ intact: true, failed: '', chainIntact: true, sealsIntact: true });

    const csv = parse(await text('quarter=2025-Q1&format=csv'), { columns: true }) as Record<string, string>[];
    expect(csv.find((r) => r.complaintId === tampered)).toMatchObject({ intact: 'false', failed: 'seals', sealsIntact: 'false' });
    expect(csv.find((r) => r.complaintId === untouched)).toMatchObject({ intact: 'true', failed: '' });

    const index = await text('quarter=2025-Q1&format=html');
    expect(index).toContain('Tampering found');
    const rowOf = (id: string) => index.slice(index.indexOf(`data-complaint-id="${id}"`)).split('</tr>')[0]!;
    expect(rowOf(tampered)).toContain('broken (seals)');
    expect(rowOf(untouched)).toContain('>intact<');
  }, 120_000);

  it('a case whose chain is broken says so, naming the hash chain', async () => {
    const id = await decidedCase();
    const [, acknowledged] = await store().readStream(complaintStreamId(id));
    await sql(`UPDATE S.events SET data = jsonb_set(data, '{channel}', '"phone"') WHERE event_id = $1`, [acknowledged!.eventId]);
    const json = (await evidence(`complaint=${id}`)).body;
    expect(json.integrity).toMatchObject({ intact: false, failed: ['hash chain'], chainIntact: false });
    expect(json.checklist.find((i: { clause: string }) => i.clause === '7.3')).toMatchObject({ status: 'gap', gap: expect.stringContaining('hash chain: stream') });
    // The receipt before the altered acknowledgement still evidences 7.2; the acknowledgement and what follows evidence nothing.
    const clause = (c: string) => json.checklist.find((i: { clause: string }) => i.clause === c);
    expect(clause('7.2')).toMatchObject({ status: 'evidenced', evidence: { revision: 0 } });
    expect(clause('7.4')).toMatchObject({ status: 'gap', gap: `its evidence (revision ${acknowledged!.revision}) is stored in revision ${acknowledged!.revision}, the first that does not verify: not evidence until the stored history is restored` });
    expect(clause('7.7')).toMatchObject({ status: 'gap', gap: expect.stringContaining('the first that does not verify') });
  });
});

describe('GET /audit/complaints/{id}/trail, a read model, flags a case whose stored history does not verify', () => {
  it('the trail of a sealed case rewritten afterwards says integrity ok: false and 7.3 is a gap', async () => {
    const id = await decidedCase();
    await sealEverything(store());
    await suite.api.app.get<ProjectionRunner>(PROJECTIONS).caughtUp();
    const trail = async () => {
      const response = await suite.api.call('GET', `/audit/complaints/${id}/trail`, { as: staff.manager });
      expect(response.status).toBe(200);
      return response.body;
    };
    const before = await trail();
    expect(before.integrity).toMatchObject({ ok: true, chainIntact: true, sealsIntact: true, findings: [] });
    expect(before.checklist.find((i: { clause: string }) => i.clause === '7.3').status).toBe('evidenced');

    await rewriteDecision(store(), sql, id, { outcome: 'rejected' });
    const after = await trail();
    expect(after.events).toHaveLength(8);
    expect(after.integrity).toMatchObject({ ok: false, chainIntact: true, sealsIntact: false });
    expect(after.integrity.findings).toContainEqual(expect.objectContaining({ problem: 'sealed-event-rewritten', revision: 7 }));
    expect(after.checklist.find((i: { clause: string }) => i.clause === '7.3')).toMatchObject({ status: 'gap', gap: expect.stringContaining('stored history does not verify') });
    expect(after.checklist.find((i: { clause: string }) => i.clause === '7.7')).toMatchObject({ status: 'gap', gap: expect.stringContaining('the first that does not verify') });
  }, 120_000);
});
