import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import type pg from 'pg';
import { embeddedTestStore } from '../support/pglite.js';
import type { EventStore, StoredEvent } from '../../src/event-store/event-store.js';
import { eventHash, GENESIS_HASH, SealDigest, type IntegrityReport } from '../../src/event-store/integrity.js';
import { connectAdmin, createTestStore, openTestStore, type TestStore } from '../support/postgres.js';
import { newEvent, newStreamId } from '../event-store/contract.js';
import { sealEverything } from '../support/audit-cases.js';

/** Appends `count` events to a new stream, one command each, and reads them back. */
async function appendStream(store: EventStore, count: number): Promise<StoredEvent[]> {
  const streamId = newStreamId();
  for (let i = 0; i < count; i++) {
    await store.append(streamId, [newEvent(randomUUID(), 'NoteAdded', { n: i, note: `note ${i}` })], { expectedRevision: i === 0 ? 'no-stream' : i - 1 });
  }
  return store.readStream(streamId);
}

describe.each([
  ['PGlite', embeddedTestStore],
  ['PostgreSQL server', async () => {
    const fixture = await createTestStore();
    return { store: fixture.store as EventStore, cleanup: fixture.cleanup };
  }],
] as const)('the hash chain on %s', (_name, open) => {
  let store: EventStore;
  let cleanup: () => Promise<void>;
  beforeAll(async () => {
    ({ store, cleanup } = await open());
  });
  afterAll(() => cleanup());

  it('every stored event carries the hash of its content chained to the previous revision of its stream', async () => {
    const streamId = newStreamId();
    const commandId = randomUUID();
    await store.append(streamId, [newEvent(commandId, 'A', { x: 1, nested: { b: [1, 'two', null], a: '한글 <b>' } }), newEvent(commandId, 'B', { y: undefined, z: -0 })], {
      expectedRevision: 'no-stream',
    });
    await store.append(streamId, [newEvent(randomUUID(), 'C', { 'key with "quotes"': 1e21 })], { expectedRevision: 1 });
    const events = await store.readStream(streamId);
    expect(events.map((e) => e.previousHash)).toEqual([GENESIS_HASH, events[0]!.hash, events[1]!.hash]);
    for (const event of events) {
      expect(event.hash).toMatch(/^[0-9a-f]{64}$/);
      expect(eventHash(event.previousHash, event)).toBe(event.hash);
    }
    const [all] = await store.readAll({ limit: 1 });
    expect(all?.hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('a store as written verifies clean, and sealing covers every event', async () => {
    await appendStream(store, 3);
    await sealEverything(store);
    const report = await store.verifyIntegrity!();
    expect(report).toMatchObject({ ok: true, findings: [], unsealedEvents: 0 });
    expect(report.seals.latest?.digest).toMatch(/^[0-9a-f]{64}$/);
    expect(await store.seal!()).toEqual([]);
  }, 90_000);
});

describe('tampering with stored rows is caught and the event named (PostgreSQL server)', () => {
  let admin: pg.Client;
  let fixture: TestStore;
  let store: EventStore;
  let events: StoredEvent[];
  let other: StoredEvent[];
  const sql = (text: string, params: unknown[] = []) => admin.query(text.replaceAll('S.', `"${fixture.schema}".`), params);
  const verify = async (): Promise<IntegrityReport> => store.verifyIntegrity!();

  beforeAll(async () => {
    admin = await connectAdmin();
  });
  afterAll(() => admin.end());
  beforeEach(async () => {
    fixture = await createTestStore();
    store = fixture.store;
    events = await appendStream(store, 5);
    other = await appendStream(store, 3);
    await sealEverything(store);
    expect((await verify()).ok).toBe(true);
  }, 90_000);
  afterEach(() => fixture.cleanup());

  /** Rewrites revision 1 of the stream and recomputes the chain from there on, as a forger would; the new head hash. */
  async function forgeRevisionOne(streamId: string): Promise<string> {
    let previousHash = GENESIS_HASH;
    for (const event of await store.readStream(streamId)) {
      const data = event.revision === 1 ? { ...event.data, note: 'forged' } : event.data;
      const hash = eventHash(previousHash, { ...event, data });
      await sql(`UPDATE S.events SET data = $2::jsonb, previous_hash = $3, hash = $4 WHERE event_id = $1`, [event.eventId, JSON.stringify(data), previousHash, hash]);
      previousHash = hash;
    }
    return previousHash;
  }

  const named = (event: StoredEvent) => ({
    streamId: event.streamId,
    revision: event.revision,
    eventId: event.eventId,
    position: { commit: event.position.commit.toString(), prepare: event.position.prepare.toString() },
  });

  it('an update of an event’s data', async () => {
    const target = events[2]!;
    await sql(`UPDATE S.events SET data = jsonb_set(data, '{note}', '"changed"') WHERE event_id = $1`, [target.eventId]);
    const report = await verify();
    expect(report.ok).toBe(false);
    expect(report.firstMismatch).toMatchObject({ problem: 'content-altered', ...named(target) });
    expect(report.findings).toHaveLength(1);
  });

  it('an update of an event’s metadata', async () => {
    const target = events[1]!;
    await sql(`UPDATE S.events SET metadata = jsonb_set(metadata, '{actorId}', '"someone-else"') WHERE event_id = $1`, [target.eventId]);
    expect((await verify()).firstMismatch).toMatchObject({ problem: 'content-altered', ...named(target) });
  });

  it('an update of an event’s type', async () => {
    const target = other[0]!;
    await sql(`UPDATE S.events SET type = 'SomethingElse' WHERE event_id = $1`, [target.eventId]);
    expect((await verify()).firstMismatch).toMatchObject({ problem: 'content-altered', ...named(target) });
  });

  it('a deleted event in the middle of a stream', async () => {
    const target = events[2]!;
    await sql(`DELETE FROM S.events WHERE event_id = $1`, [target.eventId]);
    const report = await verify();
    // Named by its stream and revision; the event after the gap gives the place in the global order.
    expect(report.firstMismatch).toMatchObject({ problem: 'revision-missing', streamId: target.streamId, revision: 2, position: named(events[3]!).position });
    expect(report.firstMismatch?.message).toContain(target.hash);
    expect(report.findings.map((f) => f.problem)).toContain('seal-mismatch');
  });

  it('a deleted newest event, with the stream’s head lowered to hide it, is caught by its seal', async () => {
    const target = events[4]!;
    await sql(`DELETE FROM S.events WHERE event_id = $1`, [target.eventId]);
    await sql(`UPDATE S.streams SET revision = 3 WHERE stream_id = $1`, [target.streamId]);
    const report = await verify();
    expect(report.firstMismatch).toMatchObject({ problem: 'sealed-event-missing', ...named(target), seal: 1 });
  });

  it('a deleted newest event, head left as it was', async () => {
    const target = events[4]!;
    await sql(`DELETE FROM S.events WHERE event_id = $1`, [target.eventId]);
    const findings = (await verify()).findings;
    expect(findings).toContainEqual(expect.objectContaining({ problem: 'stream-head-mismatch', streamId: target.streamId, revision: 4 }));
    expect(findings).toContainEqual(expect.objectContaining({ problem: 'sealed-event-missing', eventId: target.eventId }));
  });

  it('a whole stream deleted', async () => {
    await sql(`DELETE FROM S.events WHERE stream_id = $1`, [other[0]!.streamId]);
    await sql(`DELETE FROM S.streams WHERE stream_id = $1`, [other[0]!.streamId]);
    expect((await verify()).firstMismatch).toMatchObject({ problem: 'sealed-event-missing', ...named(other[2]!) });
  });

  it('two events reordered by swapping their revisions', async () => {
    const [a, b] = [events[1]!, events[2]!];
    await sql(`UPDATE S.events SET revision = -1 WHERE event_id = $1`, [a.eventId]);
    await sql(`UPDATE S.events SET revision = 1 WHERE event_id = $1`, [b.eventId]);
    await sql(`UPDATE S.events SET revision = 2 WHERE event_id = $1`, [a.eventId]);
    const report = await verify();
    // Both rows now stand at a revision their hash was not computed for; the first in the global order is named first.
    expect(report.firstMismatch).toMatchObject({ problem: 'content-altered', eventId: a.eventId, revision: 2 });
    expect(report.findings).toContainEqual(expect.objectContaining({ problem: 'content-altered', eventId: b.eventId, revision: 1 }));
  });

  it('two events reordered by swapping their data', async () => {
    const [a, b] = [events[3]!, events[4]!];
    await sql(`UPDATE S.events SET data = CASE WHEN event_id = $1 THEN $3::jsonb ELSE $4::jsonb END WHERE event_id IN ($1, $2)`, [
      a.eventId,
      b.eventId,
      JSON.stringify(b.data),
      JSON.stringify(a.data),
    ]);
    const report = await verify();
    expect(report.firstMismatch).toMatchObject({ problem: 'content-altered', ...named(a) });
    expect(report.findings).toContainEqual(expect.objectContaining({ problem: 'content-altered', ...named(b) }));
  });

  it('an event rewritten with its stream’s chain recomputed is caught by the seal', async () => {
    await forgeRevisionOne(events[0]!.streamId);
    const report = await verify();
    expect(report.firstMismatch).toMatchObject({ problem: 'sealed-event-rewritten', ...named(events[4]!), seal: 1 });
  });

  it('a sealed event’s recorded time moved (outside its hash) is caught by the seal', async () => {
    await sql(`UPDATE S.events SET recorded_at = recorded_at - interval '3 days' WHERE event_id = $1`, [events[2]!.eventId]);
    const report = await verify();
    expect(report.ok).toBe(false);
    // Moved back, it also stands before the revision it follows.
    expect(report.findings).toEqual([
      expect.objectContaining({ problem: 'recorded-time-backwards', ...named(events[2]!) }),
      expect.objectContaining({ problem: 'seal-mismatch', seal: 1 }),
    ]);
    expect(report.findings[1]!.message).toContain('or a recorded time changed');
  });

  it('a seal made before seals digested recorded times (format 1) still verifies as it was made, and its range still breaks on a deletion', async () => {
    // Made as format 1 was: the digest of the ids and hashes only.
    const sealed = [...events, ...other].sort((a, b) => (a.position.commit === b.position.commit ? Number(a.position.prepare - b.position.prepare) : Number(a.position.commit - b.position.commit)));
    const digest = new SealDigest(GENESIS_HASH, 1);
    for (const e of sealed) digest.add({ ...e, hash: e.hash!, recordedAt: 'not digested' });
    await sql(`UPDATE S.seals SET format = 1, digest = $1 WHERE seal_number = 1`, [digest.finish().digest]);
    // Forward, on the stream's newest event, and within a minute of the seal's time: moved back, it would stand before
    // the revision it follows, and moved past the seal's time, after its seal was made, each a finding of its own.
    await sql(`UPDATE S.events SET recorded_at = recorded_at + interval '1 second' WHERE event_id = $1`, [events[4]!.eventId]);
    expect((await verify()).findings).toEqual([]);
    await sql(`DELETE FROM S.events WHERE event_id = $1`, [other[2]!.eventId]);
    expect((await verify()).findings.map((f) => f.problem)).toContain('sealed-event-missing');
  });

  describe('one stream verified by itself (verifyStream), as the evidence export checks a case', () => {
    it('an untouched stream verifies, chain and seals, up to its sealed head', async () => {
      expect(await store.verifyStream!(events[0]!.streamId)).toMatchObject({ ok: true, chainIntact: true, sealsIntact: true, sealedThrough: 4, events: 5, findings: [] });
    });

    it('a rewrite with the chain and the head hash recomputed: the chain holds, the seals do not', async () => {
      const head = await forgeRevisionOne(events[0]!.streamId);
      await sql(`UPDATE S.streams SET hash = $2 WHERE stream_id = $1`, [events[0]!.streamId, head]);
      expect(await store.verifyStream!(events[0]!.streamId)).toMatchObject({
        ok: false,
        chainIntact: true,
        sealsIntact: false,
        findings: [{ problem: 'sealed-event-rewritten', ...named(events[4]!), seal: 1 }],
      });
      expect(await store.verifyStream!(other[0]!.streamId)).toMatchObject({ ok: true });
    });

    it('a deleted newest event with the head lowered to hide it is caught by its seal', async () => {
      const target = events[4]!;
      await sql(`DELETE FROM S.events WHERE event_id = $1`, [target.eventId]);
      await sql(`UPDATE S.streams SET revision = 3 WHERE stream_id = $1`, [target.streamId]);
      expect(await store.verifyStream!(target.streamId)).toMatchObject({ ok: false, chainIntact: true, sealsIntact: false, findings: [{ problem: 'sealed-event-missing', ...named(target) }] });
    });

    it('a deleted event in the middle and every event deleted are chain findings, and the seal covering them no longer matches', async () => {
      await sql(`DELETE FROM S.events WHERE event_id = $1`, [events[2]!.eventId]);
      expect((await store.verifyStream!(events[0]!.streamId)).findings.map((f) => f.problem)).toEqual(['revision-missing', 'seal-mismatch']);
      await sql(`DELETE FROM S.events WHERE stream_id = $1`, [other[0]!.streamId]);
      const emptied = await store.verifyStream!(other[0]!.streamId);
      expect(emptied).toMatchObject({ ok: false, chainIntact: false, sealsIntact: false, events: 0 });
      expect(emptied.findings.map((f) => f.problem)).toEqual(['stream-head-mismatch', 'sealed-event-missing']);
    });
  });

  it('a removed seal breaks the chain of seals', async () => {
    await appendStream(store, 2);
    await sealEverything(store);
    await appendStream(store, 2);
    await sealEverything(store);
    await sql(`DELETE FROM S.seals WHERE seal_number = 2`);
    const report = await verify();
    expect(report.firstMismatch).toMatchObject({ problem: 'seal-chain-broken', seal: 3 });
  });
});

describe('events stored before the hash chain existed', () => {
  it('are hashed once by the migration that adds the chain, and verify clean', async () => {
    const fixture = await createTestStore();
    const admin = await connectAdmin();
    try {
      const events = await appendStream(fixture.store, 3);
      await fixture.store.close();
      // Back to the schema as migration 1 left it.
      const s = `"${fixture.schema}"`;
      await admin.query(`DROP TABLE ${s}.seals`);
      await admin.query(`ALTER TABLE ${s}.events DROP COLUMN hash, DROP COLUMN previous_hash`);
      // With the seals table go the migrations that changed it since (its indexes, its format, its events digest).
      await admin.query(`DELETE FROM ${s}.schema_migrations WHERE version IN (2, 6, 7, 8)`);

      const reopened = await openTestStore(fixture.schema);
      try {
        expect((await reopened.readStream(events[0]!.streamId)).map((e) => e.hash)).toEqual(events.map((e) => e.hash));
        expect(await reopened.verifyIntegrity()).toMatchObject({ ok: true, unsealedEvents: 3 });
      } finally {
        await reopened.close();
      }
    } finally {
      await admin.end();
      await fixture.cleanup();
    }
  });
});

describe('streams stored before their row kept the head hash', () => {
  let fixture: TestStore;
  let admin: pg.Client;
  /** The store as another process opens it after the schema was changed under it: it has read nothing. */
  let reopened: EventStore | undefined;
  beforeEach(async () => {
    fixture = await createTestStore();
    admin = await connectAdmin();
  });
  afterEach(async () => {
    await reopened?.close();
    reopened = undefined;
    await admin.end();
    await fixture.cleanup();
  });

  it('get it from their newest event in the migration, and appends chain onto it', async () => {
    const events = await appendStream(fixture.store, 3);
    const streamId = events[0]!.streamId;
    await fixture.store.close();
    // Back to the schema as migration 2 left it.
    const s = `"${fixture.schema}"`;
    await admin.query(`DROP FUNCTION ${s}.append_events`);
    await admin.query(`ALTER TABLE ${s}.streams DROP COLUMN hash`);
    await admin.query(`DELETE FROM ${s}.schema_migrations WHERE version = 3`);

    reopened = await openTestStore(fixture.schema);
    const { rows } = await admin.query<{ hash: string }>(`SELECT hash FROM ${s}.streams WHERE stream_id = $1`, [streamId]);
    expect(rows).toEqual([{ hash: events[2]!.hash }]);
    // It takes the hash to chain onto from the streams row.
    await reopened.append(streamId, [newEvent(randomUUID(), 'NoteAdded', { n: 3 })], { expectedRevision: 2 });
    const [fourth] = await reopened.readStream(streamId, { fromRevision: 3 });
    expect(fourth!.previousHash).toBe(events[2]!.hash);
    expect(await reopened.verifyIntegrity!()).toMatchObject({ ok: true });
  });

  it('a stream whose head hash is gone refuses appends with a message that says so', async () => {
    const [first] = await appendStream(fixture.store, 2);
    await admin.query(`UPDATE "${fixture.schema}".streams SET hash = NULL WHERE stream_id = $1`, [first!.streamId]);
    reopened = await openTestStore(fixture.schema);
    await expect(reopened.append(first!.streamId, [newEvent(randomUUID(), 'NoteAdded', { n: 2 })], { expectedRevision: 1 })).rejects.toThrow(
      /keeps no hash for its revision 1: its stored history was altered/,
    );
    expect(await reopened.readStream(first!.streamId)).toHaveLength(2);
  });
});
