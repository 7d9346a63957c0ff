import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { comparePositions, START, WrongExpectedRevisionError, type StoredEvent } from '../../src/event-store/event-store.js';
import { PostgresEventStore } from '../../src/event-store/postgres/postgres-event-store.js';
import { MIGRATIONS } from '../../src/event-store/postgres/schema.js';
import type { SqlClient } from '../../src/sql/index.js';
import { connectAdmin, createTestStore, dropSchema, openTestStore, uniqueSchemaName, type TestStore } from '../support/postgres.js';
import { endOfAll, newEvents, newStreamId, waitFor } from './contract.js';
import type pg from 'pg';

const delay = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** The statement that appends (see `append_events` in schema.ts). */
const APPEND = /\.append_events\(/;

const bound = (client: SqlClient): SqlClient => ({
  kind: client.kind,
  query: client.query.bind(client),
  transaction: client.transaction.bind(client),
  listen: client.listen.bind(client),
  tryLock: client.tryLock.bind(client),
  close: client.close.bind(client),
});

describe('PostgreSQL server: global order under concurrent writers', () => {
  it('a reader following readAll sees every committed event exactly once, in order, while transactions commit out of sequence order', async () => {
    const { store: fast, schema, cleanup } = await createTestStore({ poolSize: 12 });
    const naive = await connectAdmin();
    let naiveCursor = -1n;
    let heldPastNaiveReader = 0;
    // Appends through this client commit only once a reader ordering by sequence alone has moved
    // past their sequence numbers (or after 3 s): the late commit that reader would never see.
    const holding = (client: SqlClient): SqlClient => ({
      ...bound(client),
      query: (sql, params) =>
        !APPEND.test(sql)
          ? client.query(sql, params)
          : client.transaction(async (tx) => {
              const result = await tx.query(sql, params);
              const [own] = await tx.query<{ last: string | null }>(
                `SELECT max(sequence)::text AS last FROM "${schema}".events WHERE transaction_id = pg_current_xact_id()`,
              );
              if (own?.last != null) {
                const last = BigInt(own.last);
                await waitFor(() => naiveCursor > last, 3000).then(() => heldPastNaiveReader++, () => undefined);
              }
              return result as never;
            }),
    });
    const slow = await openTestStore(schema, { wrap: holding });

    const seen: StoredEvent[] = [];
    const naiveSeen = new Set<string>();
    let writing = true;
    let slowWriting = true;
    const streams = Array.from({ length: 10 }, () => newStreamId('shared'));
    try {
      const readAllFollower = (async () => {
        let after = START;
        for (;;) {
          const finished = !writing;
          const batch = await fast.readAll({ after, limit: 7 });
          if (batch.length === 0) {
            if (finished) return;
            await delay(1);
            continue;
          }
          seen.push(...batch);
          after = batch[batch.length - 1]!.position;
        }
      })();
      const sequenceFollower = (async () => {
        for (;;) {
          const finished = !writing;
          const { rows } = await naive.query<{ seq: string; event_id: string }>(
            `SELECT sequence::text AS seq, event_id FROM "${schema}".events WHERE sequence > $1 ORDER BY sequence LIMIT 7`,
            [naiveCursor.toString()],
          );
          if (rows.length === 0) {
            if (finished) return;
            await delay(1);
            continue;
          }
          for (const row of rows) naiveSeen.add(row.event_id);
          naiveCursor = BigInt(rows[rows.length - 1]!.seq);
        }
      })();
      const slowWriters = Array.from({ length: 3 }, async (_, w) => {
        for (let i = 0; i < 4; i++) await slow.append(newStreamId(`slow${w}`), newEvents(2), { expectedRevision: 'no-stream' });
      });
      const fastWriters = Array.from({ length: 8 }, async (_, w) => {
        for (let i = 0; slowWriting || i < 20; i++) {
          await fast.append(streams[(w + i) % streams.length]!, newEvents(1 + (i % 3)), { expectedRevision: 'any' });
        }
      });
      try {
        await Promise.all(slowWriters).finally(() => (slowWriting = false));
        await Promise.all(fastWriters);
      } finally {
        writing = false;
      }
      await Promise.all([readAllFollower, sequenceFollower]);

      const { rows: stored } = await naive.query<{ event_id: string }>(`SELECT event_id FROM "${schema}".events`);
      const ids = seen.map((e) => e.eventId);
      expect(ids.length).toBe(stored.length);
      expect(new Set(ids).size).toBe(ids.length);
      expect(new Set(ids)).toEqual(new Set(stored.map((r) => r.event_id)));
      for (let i = 1; i < seen.length; i++) expect(comparePositions(seen[i - 1]!.position, seen[i]!.position)).toBe(-1);
      // Within a stream, global order is revision order.
      const revisions = new Map<string, number[]>();
      for (const e of seen) revisions.set(e.streamId, [...(revisions.get(e.streamId) ?? []), e.revision]);
      for (const list of revisions.values()) expect(list).toEqual([...list.keys()]);

      // The same run defeats a reader that follows `ORDER BY sequence`: it passed held events before they committed.
      expect(heldPastNaiveReader).toBeGreaterThan(0);
      expect(naiveSeen.size).toBeLessThan(stored.length);
    } finally {
      await slow.close();
      await naive.end();
      await cleanup();
    }
  });

  it('within a stream, global order is revision order, even when the transaction that writes the later revision began first', async () => {
    const { store: prompt, schema, cleanup } = await createTestStore();
    // Appends through this client take the stream lock, then pause before the append proper, long after their transaction began.
    const dawdling = (client: SqlClient): SqlClient => ({
      ...bound(client),
      query: (sql, params) =>
        !APPEND.test(sql)
          ? client.query(sql, params)
          : client.transaction(async (tx) => {
              await tx.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [params![0]]);
              await delay(300);
              return tx.query(sql, params) as never;
            }),
    });
    const dawdler = await openTestStore(schema, { wrap: dawdling });
    try {
      const streamId = newStreamId();
      await prompt.append(streamId, newEvents(1), { expectedRevision: 'no-stream' });
      const start = await endOfAll(prompt);
      const early = dawdler.append(streamId, newEvents(1, 'Early'), { expectedRevision: 'any' });
      await delay(100);
      const late = prompt.append(streamId, newEvents(1, 'Late'), { expectedRevision: 'any' });
      await Promise.all([early, late]);

      const feed = await prompt.readAll({ after: start });
      expect(feed.map((e) => e.revision)).toEqual([1, 2]);
    } finally {
      await dawdler.close();
      await cleanup();
    }
  });

  it('an event held back by an unrelated open transaction reaches a subscriber by the fallback poll once that transaction ends', async () => {
    const { store, cleanup } = await createTestStore({ pollIntervalMs: 250 });
    const blocker = await connectAdmin();
    try {
      const start = await endOfAll(store);
      await blocker.query('BEGIN');
      await blocker.query('SELECT pg_current_xact_id()'); // an xid below the append's, without any NOTIFY to come
      const delivered: StoredEvent[] = [];
      const subscription = store.subscribeToAll({ after: start, onEvents: async (events) => void delivered.push(...events) });
      await store.append(newStreamId(), newEvents(1), { expectedRevision: 'no-stream' });
      await delay(500);
      expect(delivered).toEqual([]);
      expect(await store.readAll({ after: start })).toEqual([]);

      await blocker.query('COMMIT');
      const committedAt = Date.now();
      await waitFor(() => delivered.length === 1, 1000);
      expect(Date.now() - committedAt).toBeLessThan(1000);
      await subscription.stop();
    } finally {
      await blocker.query('ROLLBACK').catch(() => undefined);
      await blocker.end();
      await cleanup();
    }
  });
});

describe('PostgreSQL server: adapter specifics', () => {
  let fixture: TestStore;
  let admin: pg.Client;
  beforeAll(async () => {
    fixture = await createTestStore();
    admin = await connectAdmin();
  });
  afterAll(async () => {
    await admin?.end();
    await fixture?.cleanup();
  });

  const listenerPids = async (schema: string): Promise<number[]> =>
    (await admin.query<{ pid: number }>(`SELECT pid FROM pg_stat_activity WHERE query = $1`, [`LISTEN event_store_${schema}`])).rows.map(
      (r) => r.pid,
    );
  const eventually = async <T>(probe: () => Promise<T | undefined>): Promise<T> => {
    for (const deadline = Date.now() + 3000; Date.now() < deadline; await delay(20)) {
      const value = await probe();
      if (value !== undefined) return value;
    }
    throw new Error('timed out');
  };

  it('a (stream, revision) unique violation surfaces as WrongExpectedRevisionError, never as a driver error', async () => {
    const { store, schema } = fixture;
    const streamId = newStreamId();
    await store.append(streamId, newEvents(1), { expectedRevision: 'no-stream' });
    // A row the streams table does not account for, so only the unique key can stop the append.
    await admin.query(
      `INSERT INTO "${schema}".events (stream_id, revision, type, schema_version, data, metadata, command_id, previous_hash, hash)
       VALUES ($1, 1, 'Forged', 1, '{}', '{}', 'forged', '', '')`,
      [streamId],
    );
    const error = await store.append(streamId, newEvents(1), { expectedRevision: 0 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WrongExpectedRevisionError);
    expect(error).toMatchObject({ expected: 0, actual: 0 });
  });

  it('a subscriber is woken by NOTIFY from another store instance, not only by its poll', async () => {
    const { store, schema } = fixture;
    const listener = await openTestStore(schema, { pollIntervalMs: 60_000 });
    try {
      const start = await endOfAll(store);
      const delivered: StoredEvent[] = [];
      const subscription = listener.subscribeToAll({ after: start, onEvents: async (events) => void delivered.push(...events) });
      await subscription.caughtUp();
      await eventually(async () => ((await listenerPids(schema)).length === 1 ? true : undefined));
      const appendedAt = Date.now();
      await store.append(newStreamId(), newEvents(1), { expectedRevision: 'no-stream' });
      await waitFor(() => delivered.length === 1, 1000);
      expect(Date.now() - appendedAt).toBeLessThan(1000);
    } finally {
      await listener.close();
    }
  });

  it('a burst of appends is announced by at most one notification per 10 ms, the last append included', async () => {
    const { schema } = fixture;
    const writer = await openTestStore(schema, { poolSize: 8 });
    const listening = await connectAdmin();
    try {
      const notified: number[] = [];
      listening.on('notification', () => notified.push(Date.now()));
      await listening.query(`LISTEN "event_store_${schema}"`);
      const started = Date.now();
      await Promise.all(Array.from({ length: 8 }, async () => {
        for (let i = 0; i < 25; i++) await writer.append(newStreamId(), newEvents(1), { expectedRevision: 'no-stream' });
      }));
      const appended = Date.now();
      await waitFor(() => notified.some((at) => at >= appended), 2000);
      const elapsed = Date.now() - started;
      // 200 appends: one notification each before; now one per interval at most, and at least the first and the last.
      // The sender keeps its 10 ms on Date.now()'s whole milliseconds, so two sends may lie a fraction of one under 10 ms apart.
      expect(notified.length).toBeGreaterThanOrEqual(2);
      expect(notified.length).toBeLessThanOrEqual(Math.ceil(elapsed / 9) + 1);
      expect(notified.length).toBeLessThan(200);
    } finally {
      await listening.end();
      await writer.close();
    }
  });

  it('the LISTEN connection is re-established after it is lost', async () => {
    const { store, schema } = fixture;
    const listener = await openTestStore(schema, { pollIntervalMs: 60_000 });
    try {
      const start = await endOfAll(store);
      const delivered: StoredEvent[] = [];
      const subscription = listener.subscribeToAll({ after: start, onEvents: async (events) => void delivered.push(...events) });
      await subscription.caughtUp();
      const [lost] = await eventually(async () => {
        const pids = await listenerPids(schema);
        return pids.length === 1 ? pids : undefined;
      });
      await admin.query('SELECT pg_terminate_backend($1)', [lost]);
      await eventually(async () => ((await listenerPids(schema)).some((pid) => pid !== lost) ? true : undefined));

      const appendedAt = Date.now();
      await store.append(newStreamId(), newEvents(1), { expectedRevision: 'no-stream' });
      await waitFor(() => delivered.length === 1, 1000);
      expect(Date.now() - appendedAt).toBeLessThan(1000);
    } finally {
      await listener.close();
    }
  });

  it('migrations are versioned and idempotent: stores opening one schema at once apply each migration once', async () => {
    const schema = uniqueSchemaName();
    try {
      const stores = await Promise.all(Array.from({ length: 4 }, () => openTestStore(schema)));
      await Promise.all(stores.map((s) => s.close()));
      const reopened = await openTestStore(schema);
      await reopened.close();
      const { rows } = await admin.query<{ version: number }>(`SELECT version FROM "${schema}".schema_migrations ORDER BY version`);
      expect(rows.map((r) => r.version)).toEqual(MIGRATIONS.map((m) => m.version));
      const { rows: tables } = await admin.query<{ table_name: string }>(
        `SELECT table_name FROM information_schema.tables WHERE table_schema = $1 ORDER BY table_name`,
        [schema],
      );
      expect(tables.map((t) => t.table_name)).toEqual(['commands', 'counters', 'events', 'numbered_streams', 'schema_migrations', 'seals', 'streams']);
      await admin.query(`INSERT INTO "${schema}".schema_migrations (version, name) VALUES (9999, 'from the future')`);
      await expect(openTestStore(schema)).rejects.toThrow(/migrations this code does not know: 9999/);
    } finally {
      await dropSchema(schema);
    }
  });

  it('health is up while open and down once closed', async () => {
    const store = await openTestStore(fixture.schema);
    expect(await store.health()).toMatchObject({ kind: 'postgres', status: 'up' });
    await store.close();
    expect(await store.health()).toMatchObject({ kind: 'postgres', status: 'down' });
  });

  it('a schema name that is not a plain lower-case identifier is refused', async () => {
    await expect(PostgresEventStore.open({} as SqlClient, { schema: 'x"; DROP TABLE y; --' })).rejects.toThrow(RangeError);
  });
});
