import { afterAll, describe, expect, it } from '@jest/globals';
import { StreamNotFoundError, UnavailableError, WrongExpectedVersionError, type JSONEventData, type RecordedEvent } from '@eventstore/db-client';
import { ConfigError, loadConfig } from '../../src/config/config.js';
import { openStorage } from '../../src/event-store/create-event-store.js';
import { START, WrongExpectedRevisionError, type NewEvent, type StoredEvent } from '../../src/event-store/event-store.js';
import { EventStoreDbEventStore } from '../../src/event-store/eventstoredb/eventstoredb-event-store.js';
import {
  APPLICATION_EVENT_TYPE_REGEX,
  appendIdOf,
  chainAfter,
  commandIdOf,
  copiedReservationIdFor,
  eventIdFor,
  EventMappingError,
  fromCurrentRevision,
  fromPosition,
  fromRecordedEvent,
  isApplicationEvent,
  isStreamNotFound,
  NEW_STREAM,
  reservationFor,
  reservationStreamFor,
  reservedStreamOf,
  revisionToNumber,
  toEventData,
  toExpectedRevision,
  toImportedEventData,
  toReadPosition,
  toWrongExpectedRevision,
  validateAppend,
} from '../../src/event-store/eventstoredb/mapping.js';
import { isEventStoreDbConnectionString, redactConnectionString } from '../../src/event-store/eventstoredb/connection-string.js';
import { eventHash, GENESIS_HASH } from '../../src/event-store/integrity.js';
import { createTestStore, dropSchema, TEST_DATABASE_URL, uniqueSchemaName } from '../support/postgres.js';
import { eventStoreContract, newEvent } from './contract.js';

// The contract suite needs an EventStoreDB server; this machine has none, so it runs only when told where one is.
const EVENTSTORE_URL = process.env.EVENTSTORE_URL;
if (EVENTSTORE_URL) {
  eventStoreContract(`EventStoreDB at ${redactConnectionString(EVENTSTORE_URL)}`, async () => {
    const store = EventStoreDbEventStore.connect(EVENTSTORE_URL);
    const health = await store.health();
    if (health.status !== 'up') {
      await store.close();
      throw new Error(`EVENTSTORE_URL is set but ${health.detail ?? 'EventStoreDB does not answer'}`);
    }
    return { store, cleanup: () => store.close() };
  });
} else {
  console.log(
    'EventStoreDB contract suite SKIPPED: EVENTSTORE_URL is not set (no EventStoreDB server here; e.g. EVENTSTORE_URL=esdb://admin:changeit@localhost:2113?tls=false). ' +
      'The server-free mapping tests in this file still run.',
  );
}

const UNREACHABLE = 'esdb://admin:s3cret-pw@127.0.0.1:1?tls=false';

const appended: NewEvent = {
  ...newEvent('cmd-7', 'ComplaintReceived', { subject: '쓰레기 수거 지연', nested: { list: [1, 'a', null] } }),
  schemaVersion: 2,
};

/** What the client hands back for a written event, after the trip through the server as JSON. */
function recordedFrom(written: JSONEventData, overrides: Partial<Record<keyof RecordedEvent, unknown>> = {}): RecordedEvent {
  return {
    streamId: 'complaint-1',
    id: written.id,
    isJson: true,
    revision: 3n,
    type: written.type,
    created: new Date('2026-01-05T01:02:03.456Z'),
    data: JSON.parse(JSON.stringify(written.data)),
    metadata: JSON.parse(JSON.stringify(written.metadata)),
    position: { commit: 1200n, prepare: 1100n },
    ...overrides,
  } as RecordedEvent;
}

const link = { hash: 'b'.repeat(64), previousHash: 'a'.repeat(64) };

describe('EventStoreDB adapter without a server', () => {
  describe('events both ways', () => {
    it('an appended event reads back as the event the application gave, with its id, revision, position, time and hashes', () => {
      const written = toEventData(appended, eventIdFor('cmd-7', 0), 'append-1', link);

      const stored = fromRecordedEvent(recordedFrom(written));

      const expected: StoredEvent = {
        ...appended,
        eventId: eventIdFor('cmd-7', 0),
        streamId: 'complaint-1',
        revision: 3,
        position: { commit: 1200n, prepare: 1100n },
        recordedAt: '2026-01-05T01:02:03.456Z',
        ...link,
      };
      expect(stored).toEqual(expected);
    });

    it('the stored metadata carries the schema version, the hashes and the correlation ids under EventStoreDB names', () => {
      const { metadata, contentType } = toEventData(appended, eventIdFor('cmd-7', 0), 'append-1', link);
      expect(contentType).toBe('application/json');
      expect(metadata).toEqual({
        ...appended.metadata,
        schemaVersion: 2,
        $correlationId: appended.metadata.correlationId,
        $causationId: appended.metadata.causationId,
        $hash: link.hash,
        $previousHash: link.previousHash,
        $appendId: 'append-1',
      });
    });

    it('event ids are UUID v5 of the command id and the index: a retried command gets the same ids, another command others', () => {
      expect(eventIdFor('cmd-7', 0)).toBe(eventIdFor('cmd-7', 0));
      expect(eventIdFor('cmd-7', 0)).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      expect(new Set([eventIdFor('cmd-7', 0), eventIdFor('cmd-7', 1), eventIdFor('cmd-8', 0)]).size).toBe(3);
      // Pinned (checked with Python's uuid.uuid5): another namespace would give a retry after an upgrade new ids, written twice.
      expect(eventIdFor('cmd-7', 0)).toBe('14039168-0fa5-57be-a00f-0a852a6bd5e6');
    });

    it('a copied event keeps its id, the time the old store recorded it, and its hashes', () => {
      const original: StoredEvent = {
        ...appended,
        eventId: '0b6f3a52-3f57-4c36-9d4b-2ab1e9d0c111',
        streamId: 'complaint-1',
        revision: 3,
        position: { commit: 9n, prepare: 4n },
        recordedAt: '2019-07-01T00:00:00.000Z',
        ...link,
      };

      const copied = fromRecordedEvent(recordedFrom(toImportedEventData(original)));

      expect(copied).toEqual({ ...original, position: { commit: 1200n, prepare: 1100n } });
      expect(appendIdOf(recordedFrom(toImportedEventData(original)))).toBeUndefined();
    });

    it('the append id and the command id read from the raw event, also from one that does not map', () => {
      const raw = recordedFrom(toEventData(appended, eventIdFor('cmd-7', 0), 'append-1', link));
      expect(appendIdOf(raw)).toBe('append-1');
      expect(commandIdOf(raw)).toBe('cmd-7');
      expect(commandIdOf(recordedFrom(raw as unknown as JSONEventData, { metadata: 'text' }))).toBeUndefined();
    });

    it('an event this store did not write is refused with the reason, naming stream and revision', () => {
      const written = toEventData(appended, eventIdFor('cmd-7', 0), 'append-1', link);
      const { schemaVersion: _, ...noVersion } = written.metadata as Record<string, unknown>;
      const { $hash: __, ...noHash } = written.metadata as Record<string, unknown>;
      const cases: [Partial<Record<keyof RecordedEvent, unknown>>, RegExp][] = [
        [{ isJson: false, data: new Uint8Array([1]) }, /not application\/json/],
        [{ data: [1, 2] }, /data is not a JSON object/],
        [{ metadata: undefined }, /metadata is not a JSON object/],
        [{ metadata: noVersion }, /no schemaVersion/],
        [{ metadata: { ...noVersion, schemaVersion: 0 } }, /no schemaVersion/],
        [{ metadata: noHash }, /no \$hash/],
      ];
      for (const [overrides, reason] of cases) {
        const attempt = () => fromRecordedEvent(recordedFrom(written, overrides));
        expect(attempt).toThrow(EventMappingError);
        expect(attempt).toThrow(reason);
        expect(attempt).toThrow(/complaint-1@3/);
      }
    });

    it("EventStoreDB's own events and the adapter's reservations are not application events", () => {
      expect(isApplicationEvent({ type: 'ComplaintReceived', streamId: 'complaint-1' })).toBe(true);
      expect(isApplicationEvent({ type: '$metadata', streamId: '$$complaint-1' })).toBe(false);
      expect(isApplicationEvent({ type: '$>', streamId: 'complaint-copies' })).toBe(false);
      expect(isApplicationEvent({ type: '$statsCollected', streamId: '$stats-127.0.0.1:2113' })).toBe(false);
      expect(isApplicationEvent({ type: 'Whatever', streamId: '$settings' })).toBe(false);
      expect(isApplicationEvent({ type: 'CommandReserved', streamId: reservationStreamFor('cmd-7') })).toBe(false);
      // The live subscription's server-side filter: .NET and JavaScript read this regex alike.
      expect(new RegExp(APPLICATION_EVENT_TYPE_REGEX).test('ComplaintReceived')).toBe(true);
      expect(new RegExp(APPLICATION_EVENT_TYPE_REGEX).test('$statsCollected')).toBe(false);
    });

    it('an append is refused before any I/O when it would use what the store reserves', () => {
      const withKey = (key: string): NewEvent => ({ ...appended, metadata: { ...appended.metadata, [key]: 1 } as NewEvent['metadata'] });
      expect(() => validateAppend('complaint-1', [withKey('$hash')], 'any')).toThrow(/metadata key \$hash is reserved/);
      expect(() => validateAppend('complaint-1', [withKey('schemaVersion')], 'any')).toThrow(/schemaVersion is reserved/);
      expect(() => validateAppend('$complaint-1', [appended], 'any')).toThrow(RangeError);
      expect(() => validateAppend(reservationStreamFor('cmd-7'), [appended], 'any')).toThrow(RangeError);
      expect(() => validateAppend('complaint-1', [appended], -1)).toThrow(RangeError);
      expect(() => validateAppend('complaint-1', [], 'any')).toThrow(TypeError);
      expect(validateAppend('complaint-1', [appended, appended], 2)).toBe('cmd-7');
    });
  });

  describe('hash chain', () => {
    it("each appended event's previous hash is the hash before it, starting from the base event's; the hash covers the revision", () => {
      const second = newEvent('cmd-7', 'NoteAdded', { n: 1 });
      const base = { revision: 4, hash: 'c'.repeat(64) };

      const links = chainAfter('complaint-1', base, [appended, second]);

      const first = eventHash(base.hash, { streamId: 'complaint-1', revision: 5, ...appended });
      expect(links).toEqual([
        { previousHash: base.hash, hash: first },
        { previousHash: first, hash: eventHash(first, { streamId: 'complaint-1', revision: 6, ...second }) },
      ]);
    });

    it('a new stream chains from the genesis hash at revision 0', () => {
      expect(NEW_STREAM).toEqual({ revision: -1, hash: GENESIS_HASH });
      expect(chainAfter('complaint-1', NEW_STREAM, [appended])).toEqual([
        { previousHash: GENESIS_HASH, hash: eventHash(GENESIS_HASH, { streamId: 'complaint-1', revision: 0, ...appended }) },
      ]);
    });

    it('an event read back hashes to its stored hash: the chain survives the JSON round trip', () => {
      const [written] = chainAfter('complaint-1', { revision: 2, hash: 'd'.repeat(64) }, [appended]);
      const stored = fromRecordedEvent(recordedFrom(toEventData(appended, eventIdFor('cmd-7', 0), 'append-1', written!)));
      expect(eventHash(stored.previousHash, stored)).toBe(stored.hash);
    });
  });

  describe('revisions and positions', () => {
    it("expected revisions map to the client's: no-stream, any, and a number as a bigint", () => {
      expect(toExpectedRevision('no-stream')).toBe('no_stream');
      expect(toExpectedRevision('any')).toBe('any');
      expect(toExpectedRevision(0)).toBe(0n);
      expect(toExpectedRevision(41)).toBe(41n);
      for (const bad of [-1, 1.5, Number.NaN, 2 ** 53]) expect(() => toExpectedRevision(bad)).toThrow(RangeError);
    });

    it('revisions become numbers up to 2^53 - 1 and are refused above, never rounded', () => {
      expect(revisionToNumber(0n)).toBe(0);
      expect(revisionToNumber(2n ** 53n - 1n)).toBe(Number.MAX_SAFE_INTEGER);
      expect(() => revisionToNumber(2n ** 53n)).toThrow(/outside 0..2\^53-1/);
      expect(() => revisionToNumber(-1n)).toThrow(RangeError);
    });

    it("a conflict's current revision reads as a number, or no-stream", () => {
      expect(fromCurrentRevision('no_stream')).toBe('no-stream');
      expect(fromCurrentRevision(-1n)).toBe('no-stream');
      expect(fromCurrentRevision(7n)).toBe(7);
    });

    it('global positions keep commit and prepare as exact bigints, beyond what a number holds', () => {
      const big = { commit: 2n ** 62n + 3n, prepare: 2n ** 62n + 1n };
      expect(fromPosition(big, 'x')).toEqual(big);
      expect(fromPosition({ commit: 0n, prepare: 0n }, 'x')).toEqual(START);
    });

    it('a missing position (stream reads before EventStoreDB 22.10) is refused, naming the event and the version', () => {
      expect(() => fromPosition(undefined, 'complaint-1@3')).toThrow(/complaint-1@3.*22\.10/);
      expect(() => fromPosition({ commit: 2n ** 64n - 1n, prepare: 5n }, 'complaint-1@3')).toThrow(/22\.10/);
    });

    it('reading $all after START starts at the start; after a position, at that position', () => {
      expect(toReadPosition(START)).toBe('start');
      expect(toReadPosition({ commit: 10n, prepare: 9n })).toEqual({ commit: 10n, prepare: 9n });
    });
  });

  describe('errors', () => {
    it('a wrong expected version becomes WrongExpectedRevisionError with the actual revision', () => {
      const exists = new WrongExpectedVersionError(undefined, { streamName: 'complaint-1', expected: 0n, current: 4n });
      const missing = new WrongExpectedVersionError(undefined, { streamName: 'complaint-1', expected: 0n, current: 'no_stream' });

      const translated = toWrongExpectedRevision(exists, 'complaint-1', 0);

      expect(translated).toBeInstanceOf(WrongExpectedRevisionError);
      expect(translated).toMatchObject({ streamId: 'complaint-1', expected: 0, actual: 4 });
      expect(toWrongExpectedRevision(missing, 'complaint-1', 'no-stream')).toMatchObject({ expected: 'no-stream', actual: 'no-stream' });
    });

    it('other errors are not conflicts; a stream that does not exist is recognised', () => {
      const notFound = new StreamNotFoundError(undefined, 'complaint-1');
      expect(toWrongExpectedRevision(notFound, 'complaint-1', 0)).toBeUndefined();
      expect(toWrongExpectedRevision(new Error('boom'), 'complaint-1', 0)).toBeUndefined();
      expect(isStreamNotFound(notFound)).toBe(true);
      expect(isStreamNotFound(new UnavailableError())).toBe(false);
      expect(isStreamNotFound(undefined)).toBe(false);
    });
  });

  describe('command reservations', () => {
    it('a reservation names the stream that spent the command; other events name none', () => {
      const reservation = reservationFor('cmd-7', 'complaint-1', 'e4e5d1f0-5b7a-4c8e-9d3f-0a1b2c3d4e5f');
      expect(reservationStreamFor('cmd-7')).toBe('command-reservation-cmd-7');
      expect(reservedStreamOf(recordedFrom(reservation))).toBe('complaint-1');
      expect(reservedStreamOf(recordedFrom(toEventData(appended, eventIdFor('cmd-7', 0), 'a', link)))).toBeUndefined();
      expect(reservedStreamOf(undefined)).toBeUndefined();
    });

    it('a copied reservation has an id derived from command and stream, so a re-run of the copy writes it once', () => {
      expect(copiedReservationIdFor('cmd-7', 'complaint-1')).toBe(copiedReservationIdFor('cmd-7', 'complaint-1'));
      expect(copiedReservationIdFor('cmd-7', 'complaint-1')).not.toBe(copiedReservationIdFor('cmd-7', 'complaint-2'));
    });
  });

  describe('configuration', () => {
    const env = { EVENT_STORE: 'eventstoredb', DATA_DIR: '/srv/complaints' };

    it('EVENT_STORE=eventstoredb needs EVENTSTORE_URL, an esdb:// or esdb+discover:// connection string', () => {
      expect(() => loadConfig(env)).toThrow(new ConfigError('EVENTSTORE_URL', 'is required when EVENT_STORE=eventstoredb'));
      expect(() => loadConfig({ ...env, EVENTSTORE_URL: 'http://localhost:2113' })).toThrow(/EVENTSTORE_URL: must be an esdb/);
      expect(isEventStoreDbConnectionString('esdb://admin:changeit@localhost:2113?tls=false')).toBe(true);
      expect(isEventStoreDbConnectionString('esdb+discover://cluster.internal:2113')).toBe(true);
      expect(isEventStoreDbConnectionString('kurrentdb://localhost:2113')).toBe(false);
    });

    it('the read models go to the PostgreSQL server at DATABASE_URL when set', () => {
      const config = loadConfig({ ...env, EVENTSTORE_URL: 'esdb://node1:2113', DATABASE_URL: 'postgres://rm@db/complaints', DATABASE_SCHEMA: 'read_models' });
      expect(config.store).toEqual({
        kind: 'eventstoredb',
        url: 'esdb://node1:2113',
        readModels: { kind: 'postgres', url: 'postgres://rm@db/complaints', schema: 'read_models' },
      });
    });

    it('without DATABASE_URL the read models go to PGlite under DATA_DIR, apart from the embedded store', () => {
      const config = loadConfig({ ...env, EVENTSTORE_URL: 'esdb://node1:2113' });
      expect(config.store).toEqual({ kind: 'eventstoredb', url: 'esdb://node1:2113', readModels: { kind: 'pglite', dataDir: '/srv/complaints/read-models' } });
    });

    it('an unknown EVENT_STORE names the three it knows', () => {
      expect(() => loadConfig({ EVENT_STORE: 'mongodb' })).toThrow(/must be pglite, postgres or eventstoredb/);
    });

    it('connection strings are shown without their password', () => {
      expect(redactConnectionString('esdb://admin:changeit@node1:2113,node2:2113?tls=true')).toBe('esdb://***@node1:2113,node2:2113?tls=true');
      expect(redactConnectionString('esdb://node1:2113')).toBe('esdb://node1:2113');
    });
  });

  describe('when EventStoreDB does not answer', () => {
    const schemas: string[] = [];
    afterAll(async () => {
      for (const schema of schemas) await dropSchema(schema);
    });

    it('health is down, naming the server without its password', async () => {
      const store = EventStoreDbEventStore.connect(UNREACHABLE);
      try {
        const health = await store.health();
        expect(health).toMatchObject({ kind: 'eventstoredb', status: 'down' });
        expect(health.detail).toContain('127.0.0.1:1');
        expect(health.detail).not.toContain('s3cret-pw');
      } finally {
        await store.close();
      }
    });

    it('opening the storage fails with the reason and releases the read-model database', async () => {
      const schema = uniqueSchemaName();
      schemas.push(schema);
      await expect(
        openStorage({ kind: 'eventstoredb', url: UNREACHABLE, readModels: { kind: 'postgres', url: TEST_DATABASE_URL, schema } }),
      ).rejects.toThrow(/cannot open the event store: EventStoreDB at esdb:\/\/\*\*\*@127\.0\.0\.1:1/);
      // Released: jest would not exit with the pool open.
    });

    it('read models are refused a schema that holds a PostgreSQL event store, whose checkpoints mean nothing in EventStoreDB', async () => {
      const pgStore = await createTestStore();
      try {
        await expect(
          openStorage({ kind: 'eventstoredb', url: UNREACHABLE, readModels: { kind: 'postgres', url: TEST_DATABASE_URL, schema: pgStore.schema } }),
        ).rejects.toThrow(`schema ${pgStore.schema} holds a PostgreSQL event store`);
      } finally {
        await pgStore.cleanup();
      }
    });
  });
});
