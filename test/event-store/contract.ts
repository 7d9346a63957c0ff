import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  CommandIdReusedError,
  comparePositions,
  START,
  WrongExpectedRevisionError,
  type EventStore,
  type GlobalPosition,
  type NewEvent,
  type StoredEvent,
} from '../../src/event-store/event-store.js';
import { eventHash } from '../../src/event-store/integrity.js';

export interface StoreFixture {
  store: EventStore;
  cleanup(): Promise<void>;
}

export const newStreamId = (prefix = 'complaint'): string => `${prefix}-${randomUUID()}`;

export function newEvent(commandId: string, type = 'ComplaintReceived', data: Record<string, unknown> = {}): NewEvent {
  return {
    type,
    schemaVersion: 1,
    data,
    metadata: {
      actorId: 'user-1',
      actorRole: 'caseworker',
      occurredAt: '2024-03-01T09:30:00.000+01:00',
      commandId,
      correlationId: `corr-${commandId}`,
      causationId: `cause-${commandId}`,
    },
  };
}

/** `count` events sharing one fresh command id. */
export const newEvents = (count: number, type = 'NoteAdded'): NewEvent[] => {
  const commandId = randomUUID();
  return Array.from({ length: count }, (_, i) => newEvent(commandId, type, { n: i }));
};

/** The position of the last event the store has now (START when empty). */
export async function endOfAll(store: EventStore): Promise<GlobalPosition> {
  let position = START;
  for (;;) {
    const batch = await store.readAll({ after: position, limit: 1000 });
    if (batch.length === 0) return position;
    position = batch[batch.length - 1]!.position;
  }
}

export async function waitFor(condition: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

const delay = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

async function refusal(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error('expected the append to be refused');
    },
    (error: unknown) => error,
  );
}

/** The behaviour every EventStore adapter must have. Tests share one store and use fresh streams. */
export function eventStoreContract(name: string, open: () => Promise<StoreFixture>): void {
  describe(`${name}: event store contract`, () => {
    let fixture: StoreFixture;
    let store: EventStore;

    // Opening may mean starting embedded PostgreSQL, which is slow on a busy machine.
    beforeAll(async () => {
      fixture = await open();
      store = fixture.store;
    }, 60_000);
    afterAll(() => fixture?.cleanup());

    describe('append and read', () => {
      it('an appended event reads back with its data, metadata, revision, position and recording time', async () => {
        const streamId = newStreamId();
        const event = newEvent(randomUUID(), 'ComplaintReceived', { subject: 'late bin collection', nested: { n: 1, list: ['a'] } });
        const before = Date.now();

        const result = await store.append(streamId, [event], { expectedRevision: 'no-stream' });

        expect(result).toEqual({ firstRevision: 0, nextExpectedRevision: 0, duplicate: false });
        const [stored, ...rest] = await store.readStream(streamId);
        expect(rest).toEqual([]);
        expect(stored).toMatchObject({ ...event, streamId, revision: 0 });
        expect(stored!.metadata).toEqual(event.metadata);
        expect(stored!.eventId).toMatch(/^[0-9a-f-]{36}$/);
        expect(typeof stored!.position.commit).toBe('bigint');
        expect(typeof stored!.position.prepare).toBe('bigint');
        expect(new Date(stored!.recordedAt).toISOString()).toBe(stored!.recordedAt);
        expect(Date.parse(stored!.recordedAt)).toBeGreaterThanOrEqual(before - 5000);
      });

      it('an event with what JSON drops or rewrites (undefined fields, a Date) is hashed as it reads back, by append and appendMany', async () => {
        const commandId = randomUUID();
        const jsonShaped = (n: number): NewEvent => {
          const event = newEvent(commandId, 'NoteAdded', { n, absent: undefined, at: new Date('2024-03-01T08:30:00Z'), nested: { gone: undefined, kept: [1, 'two'] } });
          return { ...event, metadata: { ...event.metadata, sessionId: undefined } as NewEvent['metadata'] };
        };
        const [one, other] = [newStreamId(), newStreamId()];
        await store.append(one, [jsonShaped(0), jsonShaped(1)], { expectedRevision: 'no-stream' });
        await store.appendMany?.([{ streamId: other, events: [{ ...jsonShaped(0), metadata: { ...jsonShaped(0).metadata, commandId: randomUUID() } }], expectedRevision: 'no-stream' }]);
        const events = [...(await store.readStream(one)), ...(store.appendMany ? await store.readStream(other) : [])];
        expect(events.length).toBe(store.appendMany ? 3 : 2);
        for (const event of events) {
          expect(event.data).toEqual({ n: event.data.n, at: '2024-03-01T08:30:00.000Z', nested: { kept: [1, 'two'] } });
          expect(eventHash(event.previousHash, event)).toBe(event.hash);
        }
      });

      it('events of one append get consecutive revisions, and the next append continues after them', async () => {
        const streamId = newStreamId();
        expect(await store.append(streamId, newEvents(3), { expectedRevision: 'no-stream' })).toEqual({
          firstRevision: 0,
          nextExpectedRevision: 2,
          duplicate: false,
        });
        expect(await store.append(streamId, newEvents(2), { expectedRevision: 2 })).toEqual({
          firstRevision: 3,
          nextExpectedRevision: 4,
          duplicate: false,
        });
        const events = await store.readStream(streamId);
        expect(events.map((e) => e.revision)).toEqual([0, 1, 2, 3, 4]);
        expect(events.map((e) => e.data.n)).toEqual([0, 1, 2, 0, 1]);
        for (let i = 1; i < events.length; i++) expect(comparePositions(events[i - 1]!.position, events[i]!.position)).toBe(-1);
      });
    });

    describe('expected revision', () => {
      it('no-stream creates the stream, and is refused with the actual revision once it exists', async () => {
        const streamId = newStreamId();
        await store.append(streamId, newEvents(2), { expectedRevision: 'no-stream' });

        const error = await refusal(store.append(streamId, newEvents(1), { expectedRevision: 'no-stream' }));

        expect(error).toBeInstanceOf(WrongExpectedRevisionError);
        expect(error).toMatchObject({ streamId, expected: 'no-stream', actual: 1 });
      });

      it('a number must equal the last revision: a stale one is refused with the actual revision', async () => {
        const streamId = newStreamId();
        await store.append(streamId, newEvents(3), { expectedRevision: 'no-stream' });

        for (const stale of [0, 1, 3]) {
          const error = await refusal(store.append(streamId, newEvents(1), { expectedRevision: stale }));
          expect(error).toBeInstanceOf(WrongExpectedRevisionError);
          expect(error).toMatchObject({ streamId, expected: stale, actual: 2 });
        }
        expect((await store.append(streamId, newEvents(1), { expectedRevision: 2 })).nextExpectedRevision).toBe(3);
      });

      it('a number on a stream that does not exist is refused with actual no-stream', async () => {
        const streamId = newStreamId();
        const error = await refusal(store.append(streamId, newEvents(1), { expectedRevision: 0 }));
        expect(error).toBeInstanceOf(WrongExpectedRevisionError);
        expect(error).toMatchObject({ actual: 'no-stream' });
        expect(await store.readStream(streamId)).toEqual([]);
      });

      it('any appends to a new stream and to an existing one without a check', async () => {
        const streamId = newStreamId();
        expect(await store.append(streamId, newEvents(2), { expectedRevision: 'any' })).toMatchObject({
          firstRevision: 0,
          nextExpectedRevision: 1,
        });
        expect(await store.append(streamId, newEvents(1), { expectedRevision: 'any' })).toMatchObject({
          firstRevision: 2,
          nextExpectedRevision: 2,
        });
      });

      it('of concurrent appends with the same expected revision exactly one wins; the others get the typed error', async () => {
        const streamId = newStreamId();
        await store.append(streamId, newEvents(1), { expectedRevision: 'no-stream' });

        const outcomes = await Promise.allSettled(
          Array.from({ length: 8 }, () => store.append(streamId, newEvents(2), { expectedRevision: 0 })),
        );

        const won = outcomes.filter((o) => o.status === 'fulfilled');
        const lost = outcomes.flatMap((o) => (o.status === 'rejected' ? [o.reason as unknown] : []));
        expect(won).toHaveLength(1);
        expect(lost).toHaveLength(7);
        for (const error of lost) {
          expect(error).toBeInstanceOf(WrongExpectedRevisionError);
          expect(error).toMatchObject({ expected: 0, actual: 2 });
        }
        expect((await store.readStream(streamId)).map((e) => e.revision)).toEqual([0, 1, 2]);
      });

      it('of concurrent no-stream appends to one new stream exactly one wins', async () => {
        const streamId = newStreamId();
        const outcomes = await Promise.allSettled(
          Array.from({ length: 8 }, () => store.append(streamId, newEvents(1), { expectedRevision: 'no-stream' })),
        );
        expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
        for (const o of outcomes) if (o.status === 'rejected') expect(o.reason).toBeInstanceOf(WrongExpectedRevisionError);
        expect(await store.readStream(streamId)).toHaveLength(1);
      });

      it('concurrent any appends to one stream all land, with distinct consecutive revisions', async () => {
        const streamId = newStreamId();
        const results = await Promise.all(Array.from({ length: 6 }, () => store.append(streamId, newEvents(2), { expectedRevision: 'any' })));
        expect(results.map((r) => r.firstRevision).sort((a, b) => a - b)).toEqual([0, 2, 4, 6, 8, 10]);
        expect((await store.readStream(streamId)).map((e) => e.revision)).toEqual([...Array(12).keys()]);
      });

      it('a refused multi-event append writes nothing and does not spend its command id', async () => {
        const streamId = newStreamId();
        await store.append(streamId, newEvents(1), { expectedRevision: 'no-stream' });
        const end = await endOfAll(store);
        const events = newEvents(3);

        await expect(store.append(streamId, events, { expectedRevision: 5 })).rejects.toBeInstanceOf(WrongExpectedRevisionError);

        expect(await store.readStream(streamId)).toHaveLength(1);
        expect(await store.readAll({ after: end })).toEqual([]);
        expect(await store.append(streamId, events, { expectedRevision: 0 })).toEqual({
          firstRevision: 1,
          nextExpectedRevision: 3,
          duplicate: false,
        });
      });
    });

    describe('command id idempotency', () => {
      it('appending a command id again writes nothing and returns the first result as a duplicate', async () => {
        const streamId = newStreamId();
        const events = newEvents(2);
        const first = await store.append(streamId, events, { expectedRevision: 'no-stream' });
        await store.append(streamId, newEvents(1), { expectedRevision: 1 });

        // Even with an expected revision that is stale by now: the command already happened.
        const again = await store.append(streamId, events, { expectedRevision: 'no-stream' });

        expect(again).toEqual({ ...first, duplicate: true });
        expect(await store.readStream(streamId)).toHaveLength(3);
      });

      it('concurrent appends of one command id write once; the others return the first result', async () => {
        const streamId = newStreamId();
        await store.append(streamId, newEvents(1), { expectedRevision: 'no-stream' });
        const events = newEvents(2);

        const results = await Promise.all(Array.from({ length: 6 }, () => store.append(streamId, events, { expectedRevision: 0 })));

        expect(results.filter((r) => !r.duplicate)).toHaveLength(1);
        for (const r of results) expect(r).toMatchObject({ firstRevision: 1, nextExpectedRevision: 2 });
        expect(await store.readStream(streamId)).toHaveLength(3);
      });

      it('a command id reused on another stream is refused, not silently dropped', async () => {
        const events = newEvents(1);
        const streamId = newStreamId();
        const otherStreamId = newStreamId();
        await store.append(streamId, events, { expectedRevision: 'any' });

        const error = await refusal(store.append(otherStreamId, events, { expectedRevision: 'any' }));

        expect(error).toBeInstanceOf(CommandIdReusedError);
        expect(error).toMatchObject({ commandId: events[0]!.metadata.commandId, streamId: otherStreamId, firstStreamId: streamId });
        expect(await store.readStream(otherStreamId)).toEqual([]);
      });

      it('an append needs events, all sharing one command id', async () => {
        const streamId = newStreamId();
        await expect(store.append(streamId, [], { expectedRevision: 'any' })).rejects.toThrow(TypeError);
        await expect(store.append(streamId, [newEvent('a'), newEvent('b')], { expectedRevision: 'any' })).rejects.toThrow(
          /share one metadata.commandId/,
        );
        expect(await store.readStream(streamId)).toEqual([]);
      });
    });

    describe('readStream', () => {
      it('reads an inclusive revision range, and [] for a stream that does not exist', async () => {
        const streamId = newStreamId();
        await store.append(streamId, newEvents(5), { expectedRevision: 'no-stream' });
        const revisions = async (options: { fromRevision?: number; toRevision?: number }) =>
          (await store.readStream(streamId, options)).map((e) => e.revision);

        expect(await revisions({})).toEqual([0, 1, 2, 3, 4]);
        expect(await revisions({ fromRevision: 2 })).toEqual([2, 3, 4]);
        expect(await revisions({ toRevision: 1 })).toEqual([0, 1]);
        expect(await revisions({ fromRevision: 1, toRevision: 3 })).toEqual([1, 2, 3]);
        expect(await revisions({ fromRevision: 3, toRevision: 3 })).toEqual([3]);
        expect(await revisions({ fromRevision: 5 })).toEqual([]);
        expect(await store.readStream(newStreamId())).toEqual([]);
      });
    });

    describe('readAll', () => {
      it('returns every event once, in position order, in batches of limit, strictly after `after`', async () => {
        const start = await endOfAll(store);
        const a = newStreamId('a');
        const b = newStreamId('b');
        await store.append(a, newEvents(3), { expectedRevision: 'no-stream' });
        await store.append(b, newEvents(2), { expectedRevision: 'no-stream' });
        await store.append(a, newEvents(2), { expectedRevision: 2 });

        const seen: StoredEvent[] = [];
        let after = start;
        for (;;) {
          const batch = await store.readAll({ after, limit: 2 });
          if (batch.length === 0) break;
          expect(batch.length).toBeLessThanOrEqual(2);
          seen.push(...batch);
          after = batch[batch.length - 1]!.position;
        }

        expect(seen.map((e) => `${e.streamId === a ? 'a' : 'b'}${e.revision}`)).toEqual(['a0', 'a1', 'a2', 'b0', 'b1', 'a3', 'a4']);
        for (let i = 1; i < seen.length; i++) expect(comparePositions(seen[i - 1]!.position, seen[i]!.position)).toBe(-1);
        expect((await store.readAll({ after: seen[4]!.position })).map((e) => e.eventId)).toEqual(seen.slice(5).map((e) => e.eventId));
        const fromStart = await store.readAll({ after: START, limit: 100_000 });
        expect(fromStart.slice(-7).map((e) => e.eventId)).toEqual(seen.map((e) => e.eventId));
      });
    });

    describe('subscribeToAll', () => {
      it('catches up in batches, then delivers live appends within a second', async () => {
        const start = await endOfAll(store);
        const streamId = newStreamId();
        await store.append(streamId, newEvents(5), { expectedRevision: 'no-stream' });
        const batches: StoredEvent[][] = [];
        const subscription = store.subscribeToAll({ after: start, limit: 2, onEvents: async (events) => void batches.push(events) });
        try {
          await subscription.caughtUp();
          expect(batches.map((b) => b.length)).toEqual([2, 2, 1]);

          const appendedAt = Date.now();
          await store.append(streamId, newEvents(1, 'ComplaintClosed'), { expectedRevision: 4 });
          await waitFor(() => batches.flat().length === 6, 1000);
          expect(Date.now() - appendedAt).toBeLessThan(1000);
          expect(batches.flat().map((e) => e.revision)).toEqual([0, 1, 2, 3, 4, 5]);
        } finally {
          await subscription.stop();
        }
      });

      it('caughtUp resolves once everything stored when it was called has been delivered', async () => {
        const start = await endOfAll(store);
        const streamId = newStreamId();
        await store.append(streamId, newEvents(3), { expectedRevision: 'no-stream' });
        let delivered = 0;
        const subscription = store.subscribeToAll({
          after: start,
          limit: 1,
          onEvents: async (events) => {
            await delay(20);
            delivered += events.length;
          },
        });
        try {
          await subscription.caughtUp();
          expect(delivered).toBe(3);
          await subscription.caughtUp(); // already there: resolves at once
        } finally {
          await subscription.stop();
        }
      });

      it('stop resolves when no handler runs, and nothing is delivered after it', async () => {
        const start = await endOfAll(store);
        const streamId = newStreamId();
        await store.append(streamId, newEvents(1), { expectedRevision: 'no-stream' });
        let running = false;
        let calls = 0;
        const subscription = store.subscribeToAll({
          after: start,
          onEvents: async () => {
            running = true;
            calls++;
            await delay(200);
            running = false;
          },
        });
        await waitFor(() => running);

        await subscription.stop();

        expect(running).toBe(false);
        await store.append(streamId, newEvents(1), { expectedRevision: 0 });
        await delay(600);
        expect(calls).toBe(1);
        await subscription.stop(); // idempotent
      });

      it('a failing handler gets the same batch again after a backoff and the error is reported; no event is skipped', async () => {
        const start = await endOfAll(store);
        const streamId = newStreamId();
        await store.append(streamId, newEvents(3), { expectedRevision: 'no-stream' });
        const attempts: number[][] = [];
        const errors: unknown[] = [];
        const accepted: StoredEvent[] = [];
        const subscription = store.subscribeToAll({
          after: start,
          limit: 2,
          onEvents: async (events) => {
            attempts.push(events.map((e) => e.revision));
            if (attempts.length <= 2) throw new Error(`projection failed (${attempts.length})`);
            accepted.push(...events);
          },
          onError: (error) => errors.push(error),
        });
        try {
          await subscription.caughtUp();
        } finally {
          await subscription.stop();
        }
        expect(attempts).toEqual([[0, 1], [0, 1], [0, 1], [2]]);
        expect(errors.map((e) => (e as Error).message)).toEqual(['projection failed (1)', 'projection failed (2)']);
        expect(accepted.map((e) => e.revision)).toEqual([0, 1, 2]);
      });
    });

    describe('appendMany (imports: many streams in one transaction)', () => {
      const many = (): EventStore['appendMany'] & object => {
        if (!store.appendMany) throw new Error(`${name} has no appendMany: imports append stream by stream there`);
        return store.appendMany.bind(store);
      };
      const maybe = (title: string, test: () => Promise<void>): void =>
        it(title, async () => {
          // EventStoreDB has no multi-stream transactions; the import appends one stream at a time there.
          if (!store.appendMany) return console.log(`${name}: no appendMany, "${title}" does not apply`);
          await test();
        });

      maybe('writes every stream, each at its revisions, chained and readable, in one global run', async () => {
        const [a, b, c] = [newStreamId(), newStreamId(), newStreamId()];
        await store.append(c, newEvents(2), { expectedRevision: 'no-stream' });
        const results = await many()([
          { streamId: a, events: newEvents(3), expectedRevision: 'no-stream' },
          { streamId: b, events: newEvents(1), expectedRevision: 'no-stream' },
          { streamId: c, events: newEvents(2), expectedRevision: 1 },
        ]);
        expect(results).toEqual([
          { firstRevision: 0, nextExpectedRevision: 2, duplicate: false },
          { firstRevision: 0, nextExpectedRevision: 0, duplicate: false },
          { firstRevision: 2, nextExpectedRevision: 3, duplicate: false },
        ]);
        expect((await store.readStream(a)).map((e) => e.revision)).toEqual([0, 1, 2]);
        const chain = await store.readStream(c);
        expect(chain.map((e) => e.revision)).toEqual([0, 1, 2, 3]);
        expect(chain[2]!.previousHash).toBe(chain[1]!.hash);
        // The next single append chains onto what the batch wrote.
        expect(await store.append(c, newEvents(1), { expectedRevision: 3 })).toMatchObject({ firstRevision: 4 });
      });

      maybe('one stream off its expected revision refuses the whole batch, naming it, and writes nothing', async () => {
        const [fresh, existing] = [newStreamId(), newStreamId()];
        await store.append(existing, newEvents(1), { expectedRevision: 'no-stream' });
        const error = await refusal(
          many()([
            { streamId: fresh, events: newEvents(1), expectedRevision: 'no-stream' },
            { streamId: existing, events: newEvents(1), expectedRevision: 'no-stream' },
          ]),
        );
        expect(error).toBeInstanceOf(WrongExpectedRevisionError);
        expect(error).toMatchObject({ streamId: existing, actual: 0 });
        expect(await store.readStream(fresh)).toEqual([]);
        expect(await store.readStream(existing)).toHaveLength(1);
      });

      maybe('a command appended before is a duplicate in the batch, as in append', async () => {
        const streamId = newStreamId();
        const events = newEvents(2);
        await store.append(streamId, events, { expectedRevision: 'no-stream' });
        const other = newStreamId();
        expect(await many()([{ streamId, events, expectedRevision: 'no-stream' }, { streamId: other, events: newEvents(1), expectedRevision: 'no-stream' }])).toEqual([
          { firstRevision: 0, nextExpectedRevision: 1, duplicate: true },
          { firstRevision: 0, nextExpectedRevision: 0, duplicate: false },
        ]);
        expect(await store.readStream(streamId)).toHaveLength(2);
      });
    });

    describe('health', () => {
      it('reports up, with its kind', async () => {
        expect(await store.health()).toMatchObject({ kind: store.kind, status: 'up' });
      });
    });
  });
}
