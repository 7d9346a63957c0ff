/**
 * Pure translation between the store port and EventStoreDB's client types: events both ways,
 * revisions, positions, expected revisions and errors. No I/O, so every rule here is unit-tested
 * without a server.
 */
import {
  ANY,
  NO_STREAM,
  type AppendExpectedRevision,
  type CurrentRevision,
  type JSONEventData,
  type Position,
  type ReadPosition,
  type RecordedEvent,
} from '@eventstore/db-client';
import { v5 as uuidV5 } from 'uuid';
import { eventHash, GENESIS_HASH } from '../integrity.js';
import {
  comparePositions,
  START,
  WrongExpectedRevisionError,
  type ExpectedRevision,
  type GlobalPosition,
  type NewEvent,
  type StoredEvent,
} from '../event-store.js';

/** Namespace of the event ids derived from command ids (fixed forever: changing it breaks idempotency). */
export const EVENT_ID_NAMESPACE = '7beaf16d-df7f-427f-888f-068103b4dfea';

/**
 * The id of the `index`-th event of a command. EventStoreDB drops a write whose event ids are
 * already at the expected place in the stream, so a retried append writes nothing twice.
 */
export function eventIdFor(commandId: string, index: number): string {
  return uuidV5(`${commandId}#${index}`, EVENT_ID_NAMESPACE);
}

/**
 * Metadata keys the adapter adds next to the port's metadata. The `$` keys are the adapter's own and
 * never reach the application; `$correlationId`/`$causationId` follow EventStoreDB's convention so
 * its `$by_correlation_id` projection works.
 */
export const META = {
  schemaVersion: 'schemaVersion',
  appendId: '$appendId',
  recordedAt: '$recordedAt',
  correlationId: '$correlationId',
  causationId: '$causationId',
  hash: '$hash',
  previousHash: '$previousHash',
} as const;

/** An event's place in its stream's hash chain (see `integrity.ts`). */
export interface ChainLink {
  hash: string;
  previousHash: string;
}

/** The stream's event an append goes after: revision -1 and the genesis hash for a new stream. */
export interface ChainBase {
  revision: number;
  hash: string;
}

export const NEW_STREAM: ChainBase = { revision: -1, hash: GENESIS_HASH };

/** The hash chain links of events appended after `base`, in order. */
export function chainAfter(streamId: string, base: ChainBase, events: readonly NewEvent[]): ChainLink[] {
  let previousHash = base.hash;
  return events.map((event, i) => {
    const hash = eventHash(previousHash, {
      streamId,
      revision: base.revision + 1 + i,
      type: event.type,
      schemaVersion: event.schemaVersion,
      data: event.data,
      metadata: event.metadata,
    });
    const link = { hash, previousHash };
    previousHash = hash;
    return link;
  });
}

type StoreMetadata = Record<string, unknown>;

/** An event of an append: `appendId` tells this append's writes apart from an earlier identical one. */
export function toEventData(event: NewEvent, eventId: string, appendId: string, link: ChainLink): JSONEventData {
  return {
    id: eventId,
    contentType: 'application/json',
    type: event.type,
    data: event.data,
    metadata: { ...storeMetadata(event, link), [META.appendId]: appendId },
  };
}

/** An event copied from another store: keeps its id and the time that store recorded it. */
export function toImportedEventData(event: StoredEvent): JSONEventData {
  return {
    id: event.eventId,
    contentType: 'application/json',
    type: event.type,
    data: event.data,
    metadata: { ...storeMetadata(event, event), [META.recordedAt]: event.recordedAt },
  };
}

function storeMetadata(event: NewEvent, { hash, previousHash }: ChainLink): StoreMetadata {
  return {
    ...event.metadata,
    [META.schemaVersion]: event.schemaVersion,
    [META.correlationId]: event.metadata.correlationId,
    [META.causationId]: event.metadata.causationId,
    [META.hash]: hash,
    [META.previousHash]: previousHash,
  };
}

export class EventMappingError extends Error {
  override readonly name = 'EventMappingError';
  constructor(
    readonly streamId: string,
    readonly revision: bigint,
    reason: string,
  ) {
    super(`EventStoreDB event ${streamId}@${revision} cannot be read as a stored event: ${reason}`);
  }
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Uint8Array);

/** Back to the port's shape; throws `EventMappingError` for an event this adapter did not write. */
export function fromRecordedEvent(recorded: RecordedEvent): StoredEvent {
  const fail = (reason: string): never => {
    throw new EventMappingError(recorded.streamId, recorded.revision, reason);
  };
  if (!recorded.isJson) fail('its content type is not application/json');
  const { data, metadata } = recorded as { data: unknown; metadata: unknown };
  if (!isObject(data)) fail('its data is not a JSON object');
  if (!isObject(metadata)) fail('its metadata is not a JSON object');
  const meta = metadata as StoreMetadata;
  const schemaVersion = meta[META.schemaVersion];
  if (typeof schemaVersion !== 'number' || !Number.isInteger(schemaVersion) || schemaVersion < 1) {
    fail('its metadata has no schemaVersion (a positive integer)');
  }
  const applicationMetadata = Object.fromEntries(
    Object.entries(meta).filter(([key]) => key !== META.schemaVersion && !key.startsWith('$')),
  ) as unknown as StoredEvent['metadata'];
  const hash = meta[META.hash];
  const previousHash = meta[META.previousHash];
  if (typeof hash !== 'string' || typeof previousHash !== 'string') fail('its metadata has no $hash and $previousHash');
  const copiedAt = meta[META.recordedAt];
  const recordedAt =
    typeof copiedAt === 'string' && !Number.isNaN(Date.parse(copiedAt)) ? new Date(copiedAt) : recorded.created;
  return {
    eventId: recorded.id,
    streamId: recorded.streamId,
    revision: revisionToNumber(recorded.revision),
    type: recorded.type,
    schemaVersion: schemaVersion as number,
    data: data as Record<string, unknown>,
    metadata: applicationMetadata,
    position: fromPosition(recorded.position, `${recorded.streamId}@${recorded.revision}`),
    recordedAt: recordedAt.toISOString(),
    hash: hash as string,
    previousHash: previousHash as string,
  };
}

/** The hash an event carries, for chaining the next one; undefined when it has none. */
export function hashOf(recorded: RecordedEvent): string | undefined {
  const hash = isObject(recorded.metadata) ? recorded.metadata[META.hash] : undefined;
  return typeof hash === 'string' ? hash : undefined;
}

/** The append id this adapter wrote with the event, if any (none for copied events). */
export function appendIdOf(recorded: RecordedEvent): string | undefined {
  const id = isObject(recorded.metadata) ? recorded.metadata[META.appendId] : undefined;
  return typeof id === 'string' ? id : undefined;
}

/** The command that wrote the event, read without mapping the rest (tolerates foreign events). */
export function commandIdOf(recorded: RecordedEvent): string | undefined {
  const id = isObject(recorded.metadata) ? recorded.metadata.commandId : undefined;
  return typeof id === 'string' ? id : undefined;
}

const MAX_REVISION = BigInt(Number.MAX_SAFE_INTEGER);

/**
 * Stream revisions are `number`s in the port. EventStoreDB counts them in 64 bits; above 2^53 - 1 a
 * number would silently lose precision, so this refuses instead (a complaint never gets near it).
 */
export function revisionToNumber(revision: bigint): number {
  if (revision < 0n || revision > MAX_REVISION) {
    throw new RangeError(`stream revision ${revision} is outside 0..2^53-1, the revisions this store can handle as numbers`);
  }
  return Number(revision);
}

export function toExpectedRevision(expected: ExpectedRevision): AppendExpectedRevision {
  if (expected === 'no-stream') return NO_STREAM;
  if (expected === 'any') return ANY;
  if (!Number.isSafeInteger(expected) || expected < 0) {
    throw new RangeError(`expected revision must be a non-negative integer, 'no-stream' or 'any', got ${String(expected)}`);
  }
  return BigInt(expected);
}

/** The stream's revision as EventStoreDB reports it in a conflict. */
export function fromCurrentRevision(current: CurrentRevision): number | 'no-stream' {
  if (current === NO_STREAM || current < 0n) return 'no-stream';
  return revisionToNumber(current);
}

/** EventStoreDB uses 2^64 - 1 for "no position" (older servers on stream reads). */
const NO_POSITION = 2n ** 64n - 1n;

export function fromPosition(position: Position | undefined, where: string): GlobalPosition {
  if (!position || position.commit >= NO_POSITION || position.prepare >= NO_POSITION || position.commit < 0n || position.prepare < 0n) {
    throw new RangeError(
      `EventStoreDB returned no global position for ${where}; stream reads carry positions from EventStoreDB 22.10 on, use that or later`,
    );
  }
  return { commit: position.commit, prepare: position.prepare };
}

/** Where a forward read of `$all` starts; the read includes the event at that position, if any. */
export function toReadPosition(after: GlobalPosition): ReadPosition {
  return comparePositions(after, START) === 0 ? 'start' : { commit: after.commit, prepare: after.prepare };
}

/** Streams holding the adapter's command reservations (see `reservationFor`). */
export const RESERVATION_STREAM_PREFIX = 'command-reservation-';
export const RESERVATION_EVENT_TYPE = 'CommandReserved';

export const reservationStreamFor = (commandId: string): string => `${RESERVATION_STREAM_PREFIX}${commandId}`;

/**
 * The reservation that spends a command id on one stream: the first event of the command's own
 * stream, written with expected revision no-stream, so only one stream can ever hold it. `eventId`
 * is random for live appends (a second reservation must conflict, telling "seen before") and
 * derived for copies (a re-run of the copy must be idempotent).
 */
export function reservationFor(commandId: string, streamId: string, eventId: string): JSONEventData {
  return { id: eventId, contentType: 'application/json', type: RESERVATION_EVENT_TYPE, data: { commandId, streamId }, metadata: {} };
}

export const copiedReservationIdFor = (commandId: string, streamId: string): string =>
  uuidV5(`reservation#${commandId}#${streamId}`, EVENT_ID_NAMESPACE);

/** The stream a reservation event names, undefined for anything else. */
export function reservedStreamOf(recorded: RecordedEvent | undefined): string | undefined {
  if (!recorded || recorded.type !== RESERVATION_EVENT_TYPE || !isObject(recorded.data)) return undefined;
  const streamId = recorded.data.streamId;
  return typeof streamId === 'string' ? streamId : undefined;
}

/**
 * The events the port shows: not EventStoreDB's own (`$` types such as `$metadata`, `$>` links,
 * `$statsCollected`; `$` streams) and not the adapter's reservations.
 */
export function isApplicationEvent(recorded: Pick<RecordedEvent, 'type' | 'streamId'>): boolean {
  return !recorded.type.startsWith('$') && !recorded.streamId.startsWith('$') && !recorded.streamId.startsWith(RESERVATION_STREAM_PREFIX);
}

/** Server-side filter for `$all` subscriptions: EventStoreDB's "exclude system events" regex. */
export const APPLICATION_EVENT_TYPE_REGEX = '^[^$].*';

const errorType = (error: unknown): unknown => (error as { type?: unknown } | null)?.type;

/** The client's WrongExpectedVersionError as the port's error, undefined for any other error. */
export function toWrongExpectedRevision(error: unknown, streamId: string, expected: ExpectedRevision): WrongExpectedRevisionError | undefined {
  if (errorType(error) !== 'wrong-expected-version') return undefined;
  return new WrongExpectedRevisionError(streamId, expected, fromCurrentRevision((error as { actualVersion: CurrentRevision }).actualVersion));
}

export const isStreamNotFound = (error: unknown): boolean => errorType(error) === 'stream-not-found';

/** Returns the append's command id; same rules as the PostgreSQL adapter. */
export function validateAppend(streamId: string, events: NewEvent[], expected: ExpectedRevision): string {
  if (typeof streamId !== 'string' || streamId.length === 0) throw new TypeError('append needs a stream id');
  if (streamId.startsWith('$') || streamId.startsWith(RESERVATION_STREAM_PREFIX)) {
    throw new RangeError(`stream id ${streamId} is reserved (system streams start with $, reservations with ${RESERVATION_STREAM_PREFIX})`);
  }
  toExpectedRevision(expected);
  const commandId = events[0]?.metadata.commandId;
  if (!commandId) throw new TypeError('append needs at least one event with a metadata.commandId');
  if (events.some((event) => event.metadata.commandId !== commandId)) {
    throw new TypeError('all events of one append must share one metadata.commandId');
  }
  // Those keys are the adapter's: they would not read back, and the hash would not match.
  const clash = events.flatMap((event) => Object.keys(event.metadata)).find((key) => key.startsWith('$') || key === META.schemaVersion);
  if (clash !== undefined) throw new TypeError(`metadata key ${clash} is reserved by the store`);
  return commandId;
}
