import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import type pg from 'pg';
import type { EventStore, StoredEvent } from '../../src/event-store/event-store.js';
import { GENESIS_HASH, SealDigest, type IntegrityFinding, type IntegrityReport } from '../../src/event-store/integrity.js';
import { nameReport } from '../../src/audit/name-findings.js';
import { connectAdmin, createTestStore, type TestStore } from '../support/postgres.js';
import { newEvent } from '../event-store/contract.js';
import { sealEverything } from '../support/audit-cases.js';

/*
 * Every stored field of a seal is covered: its heads, its time, its count, its digest and the previous
 * seal's. An edit of the seal is reported as the seal altered (its events are as sealed); an edit of
 * the events as the events changed, naming the cases when the seal covers few events. Seals made before
 * format 3 are checked as they were made, and still verify.
 */

/** A complaint's stream as the store sees it: its receipt carries the case's reference. */
async function appendReferencedCase(store: EventStore, reference: string, count: number): Promise<StoredEvent[]> {
  const streamId = `complaint-${randomUUID()}`;
  for (let i = 0; i < count; i++) {
    const event = i === 0 ? newEvent(randomUUID(), 'ComplaintReceived', { reference }) : newEvent(randomUUID(), 'NoteAdded', { n: i });
    await store.append(streamId, [event], { expectedRevision: i === 0 ? 'no-stream' : i - 1 });
  }
  return store.readStream(streamId);
}

describe('seals: every stored field covered, tampering reported in words that say what changed (PostgreSQL server)', () => {
  let admin: pg.Client;
  let fixture: TestStore;
  let store: EventStore;
  let first: StoredEvent[];
  let second: StoredEvent[];
  const sql = (text: string, params: unknown[] = []) => admin.query(text.replaceAll('S.', `"${fixture.schema}".`), params);
  const verify = async (): Promise<IntegrityReport> => nameReport(store, await store.verifyIntegrity!());
  const problems = (report: { findings: IntegrityFinding[] }) => report.findings.map((f) => f.problem);

  beforeAll(async () => {
    admin = await connectAdmin();
  });
  afterAll(() => admin.end());
  beforeEach(async () => {
    fixture = await createTestStore();
    store = fixture.store;
    // Sealed as it goes: the first case, the second, then one more event of the first (another suite's
    // transaction on the server may split a step into more seals: the tests find the seals by their events).
    first = await appendReferencedCase(store, '2026-000001', 4);
    await sealEverything(store);
    second = await appendReferencedCase(store, '2026-000002', 3);
    await sealEverything(store);
    await store.append(first[0]!.streamId, [newEvent(randomUUID(), 'NoteAdded', { n: 4 })], { expectedRevision: 3 });
    first = await store.readStream(first[0]!.streamId);
    await sealEverything(store);
    expect(await verify()).toMatchObject({ ok: true, findings: [] });
  }, 90_000);

  /** The seal covering an event: the first ending at or after it. */
  const sealOf = async (event: StoredEvent): Promise<number> => {
    const { rows } = await sql(`SELECT seal_number FROM S.seals WHERE (last_commit, last_prepare) >= ($1::xid8, $2::bigint) ORDER BY seal_number LIMIT 1`, [
      event.position.commit.toString(),
      event.position.prepare.toString(),
    ]);
    return Number((rows[0] as { seal_number: string }).seal_number);
  };
  afterEach(() => fixture.cleanup());

  it('new seals are of format 3: an untouched store and each of its streams verify', async () => {
    const { rows } = await sql(`SELECT DISTINCT format FROM S.seals`);
    expect(rows).toEqual([{ format: 3 }]);
    expect(await store.verifyStream!(first[0]!.streamId)).toMatchObject({ ok: true, chainIntact: true, sealsIntact: true, recordedTimesInOrder: true, sealedThrough: 4 });
  });

  it('a seal’s heads altered: the seal itself was altered, its events are as sealed, and the case is not called rewritten', async () => {
    const seal = await sealOf(second[2]!);
    await sql(`UPDATE S.seals SET heads = jsonb_set(heads, '{0,hash}', '"deadbeef"') WHERE seal_number = $1`, [seal]);
    const report = await verify();
    expect(report.ok).toBe(false);
    expect(report.findings).toEqual([expect.objectContaining({ problem: 'seal-altered', seal })]);
    expect(report.findings[0]!.message).toMatch(
      new RegExp(`^seal ${seal} itself was altered: it names stream complaint-\\S+ at revision \\d \\(event \\S+, hash deadbeef.*the seal's heads were altered; the events it covers .* are as it sealed them$`),
    );
    expect(report.findings[0]!.events!.map((e) => e.caseReference)).toContain('2026-000002');
    const stream = await store.verifyStream!(second[0]!.streamId);
    expect(stream).toMatchObject({ ok: false, chainIntact: true, sealsIntact: false });
    expect(problems(stream)).toEqual(['seal-altered']);
  });

  it('a seal’s time moved back a year: the seal itself was altered', async () => {
    const seal = await sealOf(second[0]!);
    await sql(`UPDATE S.seals SET sealed_at = sealed_at - interval '1 year' WHERE seal_number = $1`, [seal]);
    const report = await verify();
    expect(report.findings).toEqual([expect.objectContaining({ problem: 'seal-altered', seal })]);
    expect(report.findings[0]!.message).toContain(`seal ${seal} itself was altered`);
  });

  it('every seal’s time moved back a year at once is caught too', async () => {
    await sql(`UPDATE S.seals SET sealed_at = sealed_at - interval '1 year'`);
    const { rows } = await sql(`SELECT count(*)::int AS n FROM S.seals`);
    expect(problems(await verify())).toEqual(Array.from({ length: (rows[0] as { n: number }).n }, () => 'seal-altered'));
  });

  it('a seal’s count raised by one: the seal’s count was altered, not events deleted', async () => {
    const seal = await sealOf(second[0]!);
    const { rows } = await sql(`UPDATE S.seals SET event_count = event_count + 1 WHERE seal_number = $1 RETURNING event_count`, [seal]);
    const count = (rows[0] as { event_count: number }).event_count;
    const report = await verify();
    expect(report.findings).toEqual([expect.objectContaining({ problem: 'seal-altered', seal })]);
    expect(report.findings[0]!.message).toContain(`its count reads ${count} events, where it covers ${count - 1}: the seal's count was altered`);
    expect(report.findings[0]!.message).not.toContain('deleted');
  });

  it('a seal’s digest replaced: the seal itself was altered, and the next seal is not called a replacement', async () => {
    const seal = await sealOf(second[0]!);
    await sql(`UPDATE S.seals SET digest = 'deadbeef' WHERE seal_number = $1`, [seal]);
    const report = await verify();
    expect(report.findings).toEqual([expect.objectContaining({ problem: 'seal-altered', seal })]);
    expect(report.findings[0]!.message).not.toContain('events were deleted');
  });

  it('the digest a seal records of the previous one replaced: the chain of seals is broken at that seal', async () => {
    const seal = await sealOf(first[4]!);
    await sql(`UPDATE S.seals SET previous_digest = $1 WHERE seal_number = $2`, ['0'.repeat(64), seal]);
    const report = await verify();
    expect(report.findings[0]).toMatchObject({ problem: 'seal-chain-broken', seal });
    expect(report.findings[0]!.message).toContain("it records the previous seal's digest as 000");
  });

  it('a sealed event’s recorded time moved back a day: the seal names the case and revision, and the stream’s times go backwards', async () => {
    await sql(`UPDATE S.events SET recorded_at = recorded_at - interval '1 day' WHERE event_id = $1`, [first[3]!.eventId]);
    const report = await verify();
    expect(problems(report).sort()).toEqual(['recorded-time-backwards', 'seal-mismatch']);
    const moved = report.findings.find((f) => f.problem === 'recorded-time-backwards')!;
    expect(moved).toMatchObject({ caseReference: '2026-000001', streamId: first[0]!.streamId, revision: 3, eventId: first[3]!.eventId, type: 'NoteAdded' });
    expect(moved.recordedAt).toMatch(/^\d{4}-\d\d-\d\dT/);
    const seal = report.findings.find((f) => f.problem === 'seal-mismatch')!;
    expect(seal.message).toMatch(/the same range still holds \d+ events, whose digest is now \S+: an event was replaced or moved, or a recorded time changed/);
    expect(seal.events!.map((e) => `${e.caseReference} ${e.revision} ${e.type}`)).toContain('2026-000001 3 NoteAdded');

    const stream = await store.verifyStream!(first[0]!.streamId);
    expect(stream).toMatchObject({ ok: false, chainIntact: true, sealsIntact: false, recordedTimesInOrder: false });
    expect(problems(stream).sort()).toEqual(['recorded-time-backwards', 'seal-mismatch']);
    // The other case's events and seal are untouched.
    expect(await store.verifyStream!(second[0]!.streamId)).toMatchObject({ ok: true });
    const both = await store.verifyStreams!([first[0]!.streamId, second[0]!.streamId]);
    expect([both.get(first[0]!.streamId)!.ok, both.get(second[0]!.streamId)!.ok]).toEqual([false, true]);
  });

  describe('seals made before format 3 are checked as they were made', () => {
    /** Rewrites the seals as formats 1 and 2 made them: the digest of their events' ids and hashes (and recorded times, 2) alone, chained; no events digest. */
    async function asOldFormats(formatOf: (seal: number) => 1 | 2): Promise<void> {
      const { rows: seals } = await sql(`SELECT seal_number, after_commit::text, after_prepare, last_commit::text, last_prepare FROM S.seals ORDER BY seal_number`);
      let previous = GENESIS_HASH;
      for (const seal of seals as { seal_number: string; after_commit: string; after_prepare: string; last_commit: string; last_prepare: string }[]) {
        // Not through sql(): its S. would change the format's SS.US.
        const { rows: events } = await admin.query(
          `SELECT event_id, stream_id, revision, hash, to_char(recorded_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS recorded_at FROM "${fixture.schema}".events
           WHERE (transaction_id, sequence) > ($1::xid8, $2::bigint) AND (transaction_id, sequence) <= ($3::xid8, $4::bigint) ORDER BY transaction_id, sequence`,
          [seal.after_commit, seal.after_prepare, seal.last_commit, seal.last_prepare],
        );
        const format = formatOf(Number(seal.seal_number));
        const digest = new SealDigest(previous, format);
        for (const e of events as { event_id: string; stream_id: string; revision: string; hash: string; recorded_at: string }[]) {
          digest.add({ eventId: e.event_id, streamId: e.stream_id, revision: Number(e.revision), hash: e.hash, recordedAt: e.recorded_at, position: { commit: 0n, prepare: 0n } });
        }
        const made = digest.finish().digest;
        await sql(`UPDATE S.seals SET format = $4, digest = $2, events_digest = NULL, previous_digest = $3 WHERE seal_number = $1`, [seal.seal_number, made, previous, format]);
        previous = made;
      }
    }

    beforeEach(() => asOldFormats(() => 2));

    it('an untouched store of format 2 seals verifies, and so do its streams', async () => {
      expect(await verify()).toMatchObject({ ok: true, findings: [] });
      expect(await store.verifyStream!(first[0]!.streamId)).toMatchObject({ ok: true, sealsIntact: true });
    });

    it('a format 1 seal (ids and hashes) still verifies as it was made', async () => {
      await asOldFormats((seal) => (seal === 1 ? 1 : 2));
      expect(await verify()).toMatchObject({ ok: true, findings: [] });
      // Format 1 did not digest recorded times: a time moved forward in its range passes; a deletion does not.
      await sql(`UPDATE S.events SET recorded_at = recorded_at + interval '1 millisecond' WHERE event_id = $1`, [first[3]!.eventId]);
      expect(await verify()).toMatchObject({ ok: true });
      await sql(`DELETE FROM S.events WHERE event_id = $1`, [first[3]!.eventId]);
      expect(problems(await verify())).toContain('sealed-event-missing');
    });

    it('their heads, count and time are checked against their events', async () => {
      const seals = [await sealOf(first[0]!), await sealOf(second[2]!), await sealOf(first[4]!)];
      await sql(`UPDATE S.seals SET heads = jsonb_set(heads, '{0,hash}', '"deadbeef"') WHERE seal_number = $1`, [seals[0]]);
      await sql(`UPDATE S.seals SET event_count = event_count + 1 WHERE seal_number = $1`, [seals[1]]);
      await sql(`UPDATE S.seals SET sealed_at = sealed_at - interval '1 year' WHERE seal_number = $1`, [seals[2]]);
      const report = await verify();
      expect(report.findings.map((f) => [f.problem, f.seal])).toEqual(seals.map((seal) => ['seal-altered', seal]));
      expect(report.findings[0]!.message).toContain("the seal's heads were altered");
      expect(report.findings[1]!.message).toContain("the seal's count was altered");
      expect(report.findings[2]!.message).toContain("before the newest of its events was recorded");
    });

    it('a digest the next seal still records, changed on the seal: the seal’s digest was altered', async () => {
      const seal = await sealOf(second[0]!);
      await sql(`UPDATE S.seals SET digest = 'deadbeef' WHERE seal_number = $1`, [seal]);
      const report = await verify();
      expect(report.findings).toEqual([expect.objectContaining({ problem: 'seal-altered', seal })]);
      expect(report.findings[0]!.message).toContain(`the digest seal ${seal + 1} records for it: the seal's digest was altered`);
    });

    it('a sealed event deleted is still the events changed', async () => {
      await sql(`DELETE FROM S.events WHERE event_id = $1`, [second[1]!.eventId]);
      const report = await verify();
      expect(problems(report)).toContain('seal-mismatch');
      expect(report.findings.find((f) => f.problem === 'seal-mismatch')!.message).toContain('events were deleted, added or moved');
    });
  });
});
