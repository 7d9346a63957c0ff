import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from '@jest/globals';
import { unzipSync } from 'fflate';
import { main as exportMain } from '../../scripts/audit-export.js';
import type { Actor } from '../../domain/access.js';
import { parseQuarter } from '../../projections/iso10002.js';
import { AccessLog } from '../../src/audit/access-log.js';
import { writeEvidenceExport, type EvidenceFiles } from '../../src/audit/export/write-export.js';
import { complaintStreamId, COMPLAINT_CODEC, currentVersion, type ComplaintCodec } from '../../src/complaint-stream/index.js';
import { APP_CONFIG, type AppConfig } from '../../src/config/index.js';
import type { EventStore } from '../../src/event-store/event-store.js';
import { EVENT_STORE } from '../../src/event-store/index.js';
import { complaintBody, serviceForSuite, staff, TEST_MASTER_KEY } from '../support/api.js';
import { rewriteDecision, sealEverything } from '../support/audit-cases.js';
import { received } from '../support/complaint-fixtures.js';
import { TEST_DATABASE_URL } from '../support/postgres.js';

/**
 * Cases whose stored history an administrator damaged in the database (events swapped, one deleted,
 * all deleted with the stream's record left), on the real PostgreSQL store: every read of the case
 * answers `history-damaged` naming it, the evidence exports give it as stored and every other case as
 * usual, and the access log holds what was delivered.
 */
const suite = serviceForSuite();
const store = () => suite.api.app.get<EventStore>(EVENT_STORE);
const QUARTER = '2026-Q4';
const RECEIVED_AT = '2026-10-05T10:00:00+09:00';
const REASON = '2026-Q4 audit sample';
let out: string | undefined;
afterAll(async () => {
  if (out) await rm(out, { recursive: true, force: true });
});

/** A case decided and communicated, written as an import writes it: revision 4 FindingsRecorded, 5 DecisionMade. */
async function decidedCase(receivedAt = RECEIVED_AT, firstOccurredAt = receivedAt): Promise<string> {
  const id = `dh-${randomUUID()}`;
  const steps: [string, Record<string, unknown>][] = [
    ['ComplaintReceived', { ...received[0]!.data, complaintId: id, receivedAt }],
    ['ComplaintAcknowledged', { channel: 'email' }],
    ['ComplaintAssessed', { severity: 'low', safetyIssue: false, priority: 'normal' }],
    ['ComplaintAssigned', { department: 'inspection' }],
    ['FindingsRecorded', { summary: 'Valve seal worn', rootCause: 'Missed maintenance', subjects: [{ id: 'emp-7', kind: 'employee', substantiated: true, reason: 'procedure-error' }] }],
    ['DecisionMade', { outcome: 'upheld', basis: 'Gas Safety Act art. 17' }],
    ['DecisionCommunicated', { channel: 'email', basis: 'Gas Safety Act art. 17', appeal: 'Appeal within 90 days to the ministry' }],
  ];
  const start = Date.parse(firstOccurredAt);
  for (const [i, [type, data]] of steps.entries()) {
    const occurredAt = new Date(start + i * 3_600_000).toISOString();
    const metadata = { actorId: 'u-intake', actorRole: 'intake', occurredAt, commandId: randomUUID(), correlationId: randomUUID(), causationId: randomUUID() };
    await store().append(complaintStreamId(id), [{ type, schemaVersion: currentVersion(type), data, metadata }], { expectedRevision: i === 0 ? 'no-stream' : i - 1 });
  }
  return id;
}

/** The store's events table, as the administrator's SQL names it. */
const events = () => `"${suite.api.schema}".events`;

/** What the auditor did: revisions 4 and 5 (FindingsRecorded, DecisionMade) swapped in the table. */
async function swapFindingsAndDecision(id: string): Promise<void> {
  const stream = complaintStreamId(id);
  await suite.admin.query(`UPDATE ${events()} SET revision = 1000 WHERE stream_id = $1 AND revision = 4`, [stream]);
  await suite.admin.query(`UPDATE ${events()} SET revision = 4 WHERE stream_id = $1 AND revision = 5`, [stream]);
  await suite.admin.query(`UPDATE ${events()} SET revision = 5 WHERE stream_id = $1 AND revision = 1000`, [stream]);
}

async function deleteRevision(id: string, revision: number): Promise<void> {
  await suite.admin.query(`DELETE FROM ${events()} WHERE stream_id = $1 AND revision = $2`, [complaintStreamId(id), revision]);
}

const reads = (id: string) => [`/complaints/${id}`, `/complaints/${id}/events`, `/complaints/${id}/replay`, `/complaints/${id}/at?time=2026-10-05T13:30:00Z`, `/complaints/${id}/at?revision=1`];

async function exportEntries(id: string): Promise<{ action: string; personalData: boolean; detail: Record<string, unknown> }[]> {
  const log = await suite.api.call('GET', `/audit/access-log?complaintId=${id}&limit=200`, { as: staff.auditor });
  return (log.body.items as { action: string; personalData: boolean; detail: Record<string, unknown> }[]).filter((e) => ['export', 'break-glass-read'].includes(e.action) && e.detail.out !== undefined);
}

describe('a case whose stored events were reordered', () => {
  it('every read of the case answers history-damaged (500) naming the case, the revision and what verification finds, never a generic error', async () => {
    const id = await decidedCase();
    await swapFindingsAndDecision(id);
    for (const path of reads(id)) {
      const answer = await suite.api.call('GET', path, { as: staff.auditor });
      expect({ path, status: answer.status }).toEqual({ path, status: 500 });
      expect(answer.body).toMatchObject({ code: 'history-damaged', retry: false, complaintId: id, streamId: complaintStreamId(id), revision: 4 });
      expect(answer.body.message).toContain(`complaint ${id} cannot be read: its stored history (stream ${complaintStreamId(id)}) is damaged`);
      expect(answer.body.message).not.toMatch(/internal error/);
      const problems = (answer.body.findings as { problem: string; revision: number }[]).map((f) => [f.problem, f.revision]);
      expect(problems).toEqual(expect.arrayContaining([['content-altered', 4], ['content-altered', 5], ['chain-broken', 6]]));
    }
    const command = await suite.api.call('POST', `/complaints/${id}/close`, { as: staff.head, body: {} });
    expect(command.body).toMatchObject({ statusCode: 500, code: 'history-damaged', revision: 4 });
  });

  it('verification says the events were moved and the order changed, not that an event was replaced', async () => {
    const id = await decidedCase();
    await swapFindingsAndDecision(id);
    const verify = await suite.api.call('GET', '/audit/verify?limit=1000', { as: staff.auditor });
    const ours = (verify.body.findings as { problem: string; revision: number; message: string }[]).filter((f) => f.message.includes(complaintStreamId(id)));
    const message = (problem: string, revision: number) => ours.find((f) => f.problem === problem && f.revision === revision)?.message;
    expect(message('content-altered', 4)).toMatch(/matches its hash only at revision 5, where it was written: it was moved from revision 5 to 4/);
    expect(message('content-altered', 5)).toMatch(/it was moved from revision 4 to 5/);
    expect(message('chain-broken', 6)).toMatch(/names the event now at revision 4 .*no longer stand in the order they were written/);
    expect(ours.map((f) => f.message).join('\n')).not.toMatch(/was replaced/);
  });

  it('its evidence export gives its events as stored, unfolded, with the damage stated; the export of the quarter gives it so and every other case as usual, in each format', async () => {
    const damaged = await decidedCase();
    const intact = await decidedCase();
    await swapFindingsAndDecision(damaged);

    const one = await suite.api.call('GET', `/audit/evidence?complaint=${damaged}&format=json`, { as: staff.auditor });
    expect(one.status).toBe(200);
    expect(one.body).toMatchObject({ complaintId: damaged, historyDamaged: { revision: 4 }, integrity: { intact: false, chainIntact: false } });
    expect((one.body.timeline as { revision: number; type: string }[]).map((t) => [t.revision, t.type])).toEqual([
      [0, 'ComplaintReceived'], [1, 'ComplaintAcknowledged'], [2, 'ComplaintAssessed'], [3, 'ComplaintAssigned'], [4, 'DecisionMade'], [5, 'FindingsRecorded'], [6, 'DecisionCommunicated'],
    ]);
    expect(one.body.case).toBeUndefined();
    const page = await suite.api.call('GET', `/audit/evidence?complaint=${damaged}&format=html`, { as: staff.auditor });
    expect(page.status).toBe(200);
    expect(page.body).toContain('data-history-damaged="true"');

    const summary = await suite.api.call('GET', `/audit/evidence?quarter=${QUARTER}&format=json`, { as: staff.auditor });
    expect(summary.status).toBe(200);
    const rows = summary.body.cases as { complaintId: string; state: string; intact: boolean }[];
    expect(rows.find((r) => r.complaintId === damaged)).toMatchObject({ state: 'history-damaged', intact: false });
    expect(rows.find((r) => r.complaintId === intact)).toMatchObject({ state: 'decided', intact: true });
    expect(summary.body.historyDamaged).toEqual(expect.arrayContaining([expect.objectContaining({ complaintId: damaged, revision: 4 })]));
    for (const format of ['csv', 'html', 'zip']) {
      const answer = await suite.api.call('GET', `/audit/evidence?quarter=${QUARTER}&format=${format}`, { as: staff.auditor });
      expect({ format, status: answer.status }).toEqual({ format, status: 200 });
    }
    const zip = await fetch(`${suite.api.url}/audit/evidence?quarter=${QUARTER}&format=zip`, { headers: { authorization: `Bearer ${await suite.api.token(staff.auditor)}` } });
    const files = Object.keys(unzipSync(new Uint8Array(await zip.arrayBuffer())));
    expect(files).toEqual(expect.arrayContaining([`${QUARTER}/index.html`, `${QUARTER}/summary.json`, `${QUARTER}/cases/${damaged}.html`, `${QUARTER}/cases/${intact}.json`]));

    // Each export delivered is in the access log, the damaged case's with what was found.
    const logged = await exportEntries(damaged);
    expect(logged.length).toBeGreaterThanOrEqual(2);
    expect(logged[0]!.detail.historyDamaged).toMatch(/revision/);
  });

  it('the command-line export of the quarter writes every case, its index and summary, exits 0 and names the damaged case', async () => {
    const damaged = await decidedCase();
    const intact = await decidedCase();
    await swapFindingsAndDecision(damaged);
    out = await mkdtemp(join(tmpdir(), 'damaged-history-'));
    let stdout = '';
    let stderr = '';
    const env = { EVENT_STORE: 'postgres', DATABASE_URL: TEST_DATABASE_URL, DATABASE_SCHEMA: suite.api.schema, LOG_LEVEL: 'silent', MASTER_KEY: TEST_MASTER_KEY.toString('hex') };
    const code = await exportMain(['--quarter', QUARTER, '--out', out], env, { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t) });
    expect({ code, stdout }).toMatchObject({ code: 0, stdout: expect.stringMatching(/wrote \d+ cases/) });
    expect(stderr).toContain(`complaint ${damaged}: history damaged, its events exported as stored`);
    expect(existsSync(join(out, 'index.html'))).toBe(true);
    expect(existsSync(join(out, 'summary.csv'))).toBe(true);
    const cases = await readdir(join(out, 'cases'));
    expect(cases).toEqual(expect.arrayContaining([`${damaged}.json`, `${damaged}.csv`, `${damaged}.html`, `${intact}.json`]));
    const written = JSON.parse(await readFile(join(out, 'cases', `${damaged}.json`), 'utf8'));
    expect(written.historyDamaged.revision).toBe(4);
    expect(await readFile(join(out, 'summary.csv'), 'utf8')).toContain('history-damaged');
  });
});

describe('a case with a revision deleted', () => {
  it('its reads, time travel to the missing revision, replay and commands answer history-damaged naming the missing revision', async () => {
    const id = await decidedCase();
    await deleteRevision(id, 2);
    for (const path of [`/complaints/${id}`, `/complaints/${id}/events`, `/complaints/${id}/replay`, `/complaints/${id}/at?revision=2`, `/complaints/${id}/at?revision=1`]) {
      const answer = await suite.api.call('GET', path, { as: staff.auditor });
      expect({ path, status: answer.status }).toEqual({ path, status: 500 });
      expect(answer.body).toMatchObject({ code: 'history-damaged', complaintId: id, revision: 2 });
      expect(answer.body.message).toContain('revision 2 is missing: revision 3 stands where revision 2 should');
    }
    const reopen = await suite.api.call('POST', `/complaints/${id}/reopen`, { as: staff.office, body: { reason: 'appeal', kind: 'appeal' } });
    expect(reopen.body).toMatchObject({ statusCode: 500, code: 'history-damaged', revision: 2, retry: false });
  });
});

describe('a sealed case rewritten with its hash chain recomputed, or cut at its newest sealed event', () => {
  const sql = (text: string, params: unknown[]) => suite.admin.query(text.replaceAll('S.', `"${suite.api.schema}".`), params);

  it('its reads and commands answer history-damaged naming the seal, where only the seals can tell (auditor tester: both were served and written on)', async () => {
    const [rewritten, cut] = [await decidedCase(), await decidedCase()];
    await sealEverything(store());
    await rewriteDecision(store(), sql, rewritten, { outcome: 'not-upheld' });
    const stream = complaintStreamId(cut);
    await sql('DELETE FROM S.events WHERE stream_id = $1 AND revision = 6', [stream]);
    await sql('UPDATE S.streams SET revision = 5, hash = (SELECT hash FROM S.events WHERE stream_id = $1 AND revision = 5) WHERE stream_id = $1', [stream]);

    for (const [id, found] of [[rewritten, /is not the one seal \d+ recorded .*: the history up to it was rewritten and its hash chain recomputed/], [cut, /seal \d+ recorded it up to revision 6 .* but its events end at revision 5: sealed events were deleted/]] as const) {
      for (const path of reads(id).filter((p) => !p.includes('revision=1'))) {
        const answer = await suite.api.call('GET', path, { as: staff.auditor });
        expect({ path, status: answer.status, code: answer.body.code, revision: answer.body.revision }).toEqual({ path, status: 500, code: 'history-damaged', revision: 6 });
        expect(answer.body.found).toMatch(found);
      }
      const before = (await store().readStream(complaintStreamId(id))).length;
      const reopen = await suite.api.call('POST', `/complaints/${id}/reopen`, { as: staff.office, body: { reason: 'appeal', kind: 'appeal' } });
      expect(reopen.body).toMatchObject({ statusCode: 500, code: 'history-damaged', revision: 6 });
      expect((await store().readStream(complaintStreamId(id))).length).toBe(before);
    }
  });
});

describe('a case with one recorded time moved later', () => {
  it('its reads name that revision and say a recorded time moved, once, not a hash mismatch at every event after it (auditor tester)', async () => {
    const id = await decidedCase();
    await suite.admin.query(`UPDATE ${events()} SET recorded_at = recorded_at + interval '1 hour' WHERE stream_id = $1 AND revision = 1`, [complaintStreamId(id)]);
    const answer = await suite.api.call('GET', `/complaints/${id}`, { as: staff.auditor });
    expect(answer.body).toMatchObject({ code: 'history-damaged', revision: 1 });
    expect(answer.body.found).toMatch(/^stream \S+: revisions 2 to 6 \(5 events\) are recorded before revision 1 \(event \S+\) recorded at \S+: its recorded time was moved later, or theirs earlier$/);
    expect(answer.body.findings).toEqual([expect.objectContaining({ problem: 'recorded-time-backwards', revision: 1 })]);
  });
});

describe('a case whose events were all deleted, its stream record left', () => {
  it('is not "not found": its reads answer history-damaged, and its export states it with no events', async () => {
    const id = await decidedCase();
    await suite.admin.query(`DELETE FROM ${events()} WHERE stream_id = $1`, [complaintStreamId(id)]);
    const view = await suite.api.call('GET', `/complaints/${id}`, { as: staff.auditor });
    expect(view).toMatchObject({ status: 500, body: { code: 'history-damaged', complaintId: id } });
    expect(view.body.message).toContain('the store records the case but holds none of its events');
    const exported = await suite.api.call('GET', `/audit/evidence?complaint=${id}&format=json`, { as: staff.auditor });
    expect(exported.status).toBe(200);
    expect(exported.body).toMatchObject({ complaintId: id, timeline: [], integrity: { intact: false }, historyDamaged: { found: expect.stringContaining('none of its events') } });
    // An id no case ever had is still not found.
    expect((await suite.api.call('GET', `/complaints/dh-${randomUUID()}`, { as: staff.auditor })).status).toBe(404);
  });
});

describe('time travel before a backdated case’s first recorded event', () => {
  it('says both when the case was received by its own account and when its recorded history begins', async () => {
    const id = await decidedCase('2026-10-01T09:00:00+09:00', '2026-10-05T10:00:00+09:00');
    const answer = await suite.api.call('GET', `/complaints/${id}/at?time=2026-10-02T00:00:00Z`, { as: staff.auditor });
    expect(answer.status).toBe(404);
    expect(answer.body).toMatchObject({ firstEventOccurredAt: '2026-10-05T01:00:00.000Z', receivedAt: '2026-10-01T00:00:00.000Z' });
    expect(answer.body.message).toContain('it was received at 2026-10-01T00:00:00.000Z by its own account (its receipt says so), but nothing of it was recorded before 2026-10-05T01:00:00.000Z');
    expect(answer.body.message).toContain('its first event occurred at 2026-10-05T01:00:00.000Z');
  });
});

describe('the access log holds what was delivered', () => {
  it('a break-glass read of an erased case is logged as break-glass-read with its reason on every route that honours the header', async () => {
    const { body } = await suite.api.call('POST', '/complaints', { as: staff.office, body: complaintBody() });
    const erased = await suite.api.call('POST', `/complainants/${body.complainantKey as string}/erasure`, { as: staff.office, body: { reason: 'Asked to be forgotten' } });
    expect(erased.status).toBe(200);
    const headers = { 'x-access-reason': encodeURIComponent(REASON) };
    for (const path of [`/complaints/${body.id}`, `/complaints/${body.id}/events`, `/complaints/${body.id}/replay`, `/complaints/${body.id}/at?revision=0`, `/audit/evidence?complaint=${body.id}`]) {
      expect((await suite.api.call('GET', path, { as: staff.auditor, headers })).status).toBe(200);
    }
    const log = await suite.api.call('GET', `/audit/access-log?complaintId=${body.id}&actor=u-auditor`, { as: staff.auditor });
    const entries = log.body.items as { action: string; personalData: boolean; detail: { reason?: string } }[];
    expect(entries).toHaveLength(5);
    for (const entry of entries) expect(entry).toMatchObject({ action: 'break-glass-read', personalData: false, detail: { reason: REASON } });
  });

  it("a quarter's improvement request whose history no longer folds is exported as stored, and every case as usual", async () => {
    const id = await decidedCase();
    const filed = await suite.api.call('POST', '/improvement-requests', { as: staff.office, body: { department: 'inspection', complaints: [id], change: 'Check seals', reason: 'Leak' } });
    const requestId = filed.body.id as string;
    await suite.api.call('POST', `/improvement-requests/${requestId}/plan`, { as: staff.head, body: { plan: 'Quarterly checks' } });
    const stream = `improvement-request-${requestId}`;
    // Its two events swapped in the table: the plan now stands before the request it plans.
    const swap = async () => {
      await suite.admin.query(`UPDATE ${events()} SET revision = 1000 WHERE stream_id = $1 AND revision = 0`, [stream]);
      await suite.admin.query(`UPDATE ${events()} SET revision = 0 WHERE stream_id = $1 AND revision = 1`, [stream]);
      await suite.admin.query(`UPDATE ${events()} SET revision = 1 WHERE stream_id = $1 AND revision = 1000`, [stream]);
    };
    await swap();
    try {
      const answer = await suite.api.call('GET', `/audit/evidence?quarter=${QUARTER}&format=json`, { as: staff.auditor });
      expect(answer.status).toBe(200);
      const row = (answer.body.requests as { requestId: string; state: string; intact: boolean; events: number }[]).find((r) => r.requestId === requestId);
      expect(row).toMatchObject({ state: 'history-damaged', intact: false, events: 2 });
      expect((answer.body.cases as { complaintId: string; state: string }[]).find((c) => c.complaintId === id)).toMatchObject({ state: 'decided', intact: true });
      expect(await exportEntries(id)).toHaveLength(1);
      const page = await suite.api.call('GET', `/audit/evidence?request=${requestId}&format=html`, { as: staff.auditor });
      expect(page.status).toBe(200);
      expect(page.body).toContain('The stored history of this request is damaged');
    } finally {
      await swap();
    }
  });

  it('an export that failed delivered nothing and logs nothing', async () => {
    const id = await decidedCase();
    const app = suite.api.app;
    // A delivery that fails after the cases were read (a full disk, a dropped connection): the answer never goes out.
    const failing: EvidenceFiles = {
      destination: 'test: a delivery that fails',
      delivers: 'at-end',
      async write(name) {
        if (name === 'index.html') throw new Error('the disk is full');
      },
    };
    const actor = { id: 'u-auditor', name: 'Auditor Han', roles: ['auditor'] } as Actor;
    await expect(
      writeEvidenceExport(store(), app.get<ComplaintCodec>(COMPLAINT_CODEC), app.get(AccessLog), app.get<AppConfig>(APP_CONFIG), { scope: { quarter: parseQuarter(QUARTER)! }, actor }, failing, new Date()),
    ).rejects.toThrow('the disk is full');
    expect(await exportEntries(id)).toEqual([]);
  });
});
