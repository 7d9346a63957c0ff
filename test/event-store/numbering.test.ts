import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { embeddedTestStore } from '../support/pglite.js';
import { WrongExpectedRevisionError, type EventStore, type NewEvent } from '../../src/event-store/index.js';
import { createTestStore } from '../support/postgres.js';

const event = (commandId: string, number?: number): NewEvent => ({
  type: 'Numbered',
  schemaVersion: 1,
  data: number === undefined ? {} : { number },
  metadata: { actorId: 'a', actorRole: 'intake', occurredAt: '2026-03-09T09:00:00+09:00', commandId, correlationId: commandId, causationId: commandId },
});

/** Appends a new stream numbered from `counter`; the stored event carries its number. */
function appendNumbered(store: EventStore, streamId: string, counter: string, commandId: string = randomUUID()) {
  return store.append(streamId, [event(commandId)], { expectedRevision: 'no-stream', numbering: { counter, apply: (taken) => [event(commandId, taken)] } });
}

function numberingSuite(name: string, open: () => Promise<{ store: EventStore; cleanup(): Promise<void> }>, concurrency: number) {
  describe(`${name}: gap-free numbers taken in the append`, () => {
    let store: EventStore;
    let cleanup: () => Promise<void>;
    beforeAll(async () => ({ store, cleanup } = await open()));
    afterAll(() => cleanup());

    it(`${concurrency} concurrent first appends take the numbers 1 to ${concurrency}, each once, each stored in its stream's event`, async () => {
      const streams = Array.from({ length: concurrency }, (_, i) => `case-${i}`);
      const results = await Promise.all(streams.map((stream) => appendNumbered(store, stream, 'c:2026')));
      expect(results.map((r) => r.number).sort((a, b) => a! - b!)).toEqual(streams.map((_, i) => i + 1));
      for (const [i, stream] of streams.entries()) {
        const [stored] = await store.readStream(stream);
        expect(stored!.data).toEqual({ number: results[i]!.number });
        expect(await store.findNumbered!('c:2026', results[i]!.number!)).toBe(stream);
      }
    });

    it('a refused append and a repeated command give their number back: the next one follows without a gap', async () => {
      const first = await appendNumbered(store, 'gap-a', 'c:2027', 'command-a');
      await expect(appendNumbered(store, 'gap-a', 'c:2027')).rejects.toBeInstanceOf(WrongExpectedRevisionError);
      const repeated = await appendNumbered(store, 'gap-a', 'c:2027', 'command-a');
      expect(repeated).toMatchObject({ duplicate: true, firstRevision: 0 });
      const next = await appendNumbered(store, 'gap-b', 'c:2027');
      expect([first.number, next.number]).toEqual([1, 2]);
      expect(await store.findNumbered!('c:2027', 3)).toBeUndefined();
    });

    it('each counter counts on its own', async () => {
      expect((await appendNumbered(store, 'other-year', 'c:2028')).number).toBe(1);
    });
  });
}

numberingSuite('PostgreSQL server', createTestStore, 40);
numberingSuite('PGlite', embeddedTestStore, 10);
