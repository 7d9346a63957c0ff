/**
 * The event store port. Every adapter (PostgreSQL over `pg`, PostgreSQL embedded as PGlite,
 * EventStoreDB) implements this contract, and one contract test suite runs against each.
 */

import type { IntegrityReport, Seal, SealedStreamHead, StreamIntegrityReport } from './integrity.js';

/** Who did it, when, and why: stored with every event. */
export interface EventMetadata {
  actorId: string;
  actorRole: string;
  /** Business time of the fact, ISO-8601 with offset (may be in the past for imports). */
  occurredAt: string;
  commandId: string;
  correlationId: string;
  causationId: string;
}

/** An event as the application hands it to the store. */
export interface NewEvent {
  type: string;
  schemaVersion: number;
  data: Record<string, unknown>;
  metadata: EventMetadata;
}

/**
 * A place in the store-wide order. Ordered by `commit`, then `prepare` (as EventStoreDB's
 * positions are). For PostgreSQL, `commit` is the writing transaction's id and `prepare` the
 * event's sequence number: see the adapter for why that order never lets a late commit slip
 * behind a position a reader has passed.
 */
export interface GlobalPosition {
  commit: bigint;
  prepare: bigint;
}

export const START: GlobalPosition = { commit: 0n, prepare: 0n };

export function comparePositions(a: GlobalPosition, b: GlobalPosition): number {
  if (a.commit !== b.commit) return a.commit < b.commit ? -1 : 1;
  if (a.prepare !== b.prepare) return a.prepare < b.prepare ? -1 : 1;
  return 0;
}

export interface StoredEvent extends NewEvent {
  eventId: string;
  streamId: string;
  /** 0-based position of the event inside its stream. */
  revision: number;
  position: GlobalPosition;
  /** Wall-clock time the store wrote it (not business time). */
  recordedAt: string;
  /**
   * Tamper evidence (see `integrity.ts`): `eventHash(previousHash, event)`, hex sha256 over the
   * previous revision's hash and the canonical event. Computed by the store when it appends.
   */
  hash: string;
  /** The hash of the stream's previous revision; `GENESIS_HASH` (64 zeros) for revision 0. */
  previousHash: string;
}

/** `'no-stream'`: the stream must not exist; `'any'`: no check; a number: the stream's last revision. */
export type ExpectedRevision = number | 'no-stream' | 'any';

/**
 * A number taken from a gap-free counter in the append's own transaction (a case's reference): the
 * first append to a stream takes the counter's next number, and gives it back if the append does
 * not store (a refused revision, a repeated command).
 */
export interface Numbering {
  /** e.g. `complaint-reference:2026`: each counter counts from 1. */
  counter: string;
  /** The events to store once the number is taken (called again on a retry). */
  apply(taken: number): NewEvent[];
}

export interface AppendOptions {
  expectedRevision: ExpectedRevision;
  /** Only with a store that numbers (`numbers`); the others store the events as given. */
  numbering?: Numbering;
}

export interface StreamAppend {
  streamId: string;
  events: NewEvent[];
  expectedRevision: number | 'no-stream';
}

export interface AppendResult {
  /** The stream's last revision after the append; pass it as the next expected revision. */
  nextExpectedRevision: number;
  /** Revisions of the events this append wrote (or, for a repeated command, had written). */
  firstRevision: number;
  /** True when the command id had been appended before and nothing new was written. */
  duplicate: boolean;
  /** The number the append took (`AppendOptions.numbering`), when it stored. */
  number?: number;
}

export interface ReadStreamOptions {
  fromRevision?: number;
  /** Inclusive. */
  toRevision?: number;
}

export interface ReadAllOptions {
  /** Exclusive: events strictly after this position. */
  after?: GlobalPosition;
  limit?: number;
}

export interface SubscribeOptions extends ReadAllOptions {
  /** Called for each batch in global order; the next batch waits until the promise resolves. */
  onEvents: (events: StoredEvent[]) => Promise<void>;
  onError?: (error: unknown) => void;
}

export interface Subscription {
  /** Resolves once the subscription has stopped and no handler is running. */
  stop(): Promise<void>;
  /** Resolves once the subscription has delivered everything stored when it was called. */
  caughtUp(): Promise<void>;
}

export interface StoreHealth {
  kind: 'pglite' | 'postgres' | 'eventstoredb';
  status: 'up' | 'down';
  detail?: string;
}

export interface EventStore {
  readonly kind: StoreHealth['kind'];
  /**
   * Appends atomically. All events of one call must share one metadata.commandId: appending
   * again with that command id writes nothing and returns the first result (`duplicate: true`).
   * Throws `WrongExpectedRevisionError` when the stream's revision is not the expected one, and
   * `CommandIdReusedError` when the command id was already appended to another stream.
   */
  append(streamId: string, events: NewEvent[], options: AppendOptions): Promise<AppendResult>;
  /**
   * Appends to many streams in one transaction, all or nothing, each as `append` would (its own
   * command id, checked for its expected revision, 'any' excepted): for imports, where one commit per
   * stream costs more than the writing. Throws as `append` does for the first stream that fails, and
   * then writes nothing. Optional: a store without multi-stream transactions leaves it out.
   */
  appendMany?(appends: readonly StreamAppend[]): Promise<AppendResult[]>;
  /** Returns [] for a stream that does not exist. */
  readStream(streamId: string, options?: ReadStreamOptions): Promise<StoredEvent[]>;
  /** Events in global order; never returns an event behind one a previous call returned. */
  readAll(options?: ReadAllOptions): Promise<StoredEvent[]>;
  /** Catches up from `after`, then follows live appends. */
  subscribeToAll(options: SubscribeOptions): Subscription;
  /** The position of the last event stored now (undefined in an empty store): what a read model must reach to show it. */
  head(): Promise<GlobalPosition | undefined>;
  /**
   * How many events stand after `after` in the global order, counting up to `cap` (a lag or a
   * progress total). Optional: a store that cannot count cheaply leaves it out.
   */
  countEventsAfter?(after: GlobalPosition, cap?: number): Promise<number>;
  /**
   * Seals the events appended since the last seal (see `integrity.ts`); resolves to the new seals.
   * Optional: a store without seals protects each stream by its hash chain only.
   */
  seal?(): Promise<Seal[]>;
  /** Recomputes every hash and seal and names what does not match. Optional, like `seal`. */
  verifyIntegrity?(options?: { limit?: number }): Promise<IntegrityReport>;
  /** Verifies one stream: its hash chain and head, and its events against the seals (`checkStream`). Optional, like `seal`. */
  verifyStream?(streamId: string): Promise<StreamIntegrityReport>;
  /** `verifyStream` for many streams at once, each seal they share recomputed once (a quarter's cases). Optional, like `seal`. */
  verifyStreams?(streamIds: readonly string[]): Promise<Map<string, StreamIntegrityReport>>;
  /**
   * The stream's newest revision a seal recorded, as it recorded it (undefined: none sealed yet): what a
   * read checks the stream's events against, cheaply, where `verifyStream` recomputes the seals. It may
   * lag the newest seal by up to a minute. Optional, like `seal`.
   */
  sealedHead?(streamId: string): Promise<SealedStreamHead | undefined>;
  /**
   * Whether `append` takes numbers (`AppendOptions.numbering`) and `findNumbered` finds them: the
   * PostgreSQL stores do, in the append's transaction; EventStoreDB has no transaction spanning a
   * counter and a stream, so it stores the events unnumbered.
   */
  readonly numbers: boolean;
  /** The stream a counter's number went to. */
  findNumbered?(counter: string, number: number): Promise<string | undefined>;
  health(): Promise<StoreHealth>;
  close(): Promise<void>;
}

export class WrongExpectedRevisionError extends Error {
  override readonly name = 'WrongExpectedRevisionError';
  constructor(
    readonly streamId: string,
    readonly expected: ExpectedRevision,
    readonly actual: number | 'no-stream',
  ) {
    super(`stream ${streamId}: expected revision ${String(expected)}, actual ${String(actual)}`);
  }
}

/** A command id is spent on the stream it was first appended to; reusing it elsewhere is a bug. */
export class CommandIdReusedError extends Error {
  override readonly name = 'CommandIdReusedError';
  constructor(
    readonly commandId: string,
    readonly streamId: string,
    readonly firstStreamId: string,
  ) {
    super(`command ${commandId} was already appended to stream ${firstStreamId}, not ${streamId}`);
  }
}
