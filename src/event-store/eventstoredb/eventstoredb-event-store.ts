import { randomUUID } from 'node:crypto';
import {
  BACKWARDS,
  END,
  EventStoreDBClient,
  eventTypeFilter,
  FORWARDS,
  NO_STREAM,
  type AllStreamSubscription,
  type RecordedEvent,
} from '@eventstore/db-client';
import {
  CommandIdReusedError,
  comparePositions,
  START,
  WrongExpectedRevisionError,
  type AppendOptions,
  type AppendResult,
  type EventStore,
  type ExpectedRevision,
  type GlobalPosition,
  type NewEvent,
  type ReadAllOptions,
  type ReadStreamOptions,
  type StoreHealth,
  type StoredEvent,
  type SubscribeOptions,
  type Subscription,
} from '../event-store.js';
import { CatchUpSubscription } from '../postgres/subscription.js';
import {
  APPLICATION_EVENT_TYPE_REGEX,
  appendIdOf,
  chainAfter,
  hashOf,
  NEW_STREAM,
  type ChainBase,
  commandIdOf,
  copiedReservationIdFor,
  eventIdFor,
  fromCurrentRevision,
  fromPosition,
  fromRecordedEvent,
  isApplicationEvent,
  isStreamNotFound,
  reservationFor,
  reservationStreamFor,
  reservedStreamOf,
  revisionToNumber,
  toEventData,
  toImportedEventData,
  toReadPosition,
  toWrongExpectedRevision,
  validateAppend,
} from './mapping.js';
import { redactConnectionString } from './connection-string.js';

export interface EventStoreDbOptions {
  /** Idle subscriptions re-read this often even without a live notification (default 500 ms). */
  pollIntervalMs?: number;
  /** Default batch size for readAll and subscriptions (default 500). */
  batchSize?: number;
  /** Closed after the store: the read-model database `openStorage` hands out with it. */
  alsoClose?: readonly { close(): Promise<void> }[];
}

const STREAM_PAGE = 100;
const ALL_PAGE_MAX = 1000;
const HEALTH_DEADLINE_MS = 3000;
/** 'any' appends retry a conflict this often (it means another writer got between read and write). */
const ANY_ATTEMPTS = 20;

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

const isWrongExpectedVersion = (error: unknown): boolean => (error as { type?: unknown } | null)?.type === 'wrong-expected-version';

/**
 * The event store on EventStoreDB (20.10+, positions on stream reads from 22.10), through
 * `@eventstore/db-client`. One stream per complaint; global order is `$all`'s.
 *
 * Idempotency. Event ids derive from the command id, so EventStoreDB itself drops a retried write
 * at the same expected revision. It has no index by command, though, so the adapter keeps one: before
 * its events, each command's first append writes a reservation (stream
 * `command-reservation-<commandId>`, expected no-stream) naming its stream. A reservation that
 * already exists names the stream that spent the command: another one means `CommandIdReusedError`;
 * this one means a repeat, found by scanning this stream back for the command's events. Whether an
 * accepted write was this call's or an identical earlier one's (EventStoreDB answers both with
 * success) is read back from the `$appendId` each write puts in its events' metadata.
 *
 * Hash chain. Each event's `$hash`/`$previousHash` (metadata) chain it to the stream's previous
 * revision, so an append first reads the event it goes after; 'any' is pinned to that revision and
 * retried when another writer gets in between.
 *
 * Costs per append: two writes (reservation, events) and two one-event reads (the base, the read
 * back); a stream scan only on repeats and conflicts. Reservations are hidden from `readAll` and
 * subscriptions.
 *
 * Subscriptions follow the shared catch-up loop (batches, retry with backoff, `caughtUp`, `stop`)
 * over paged `readAll`, woken by this process's appends and by one live `$all` subscription with a
 * server-side filter that excludes system events; the loop's poll covers a dropped live stream.
 */
export class EventStoreDbEventStore implements EventStore {
  readonly kind = 'eventstoredb' as const;
  /** No transaction spans a counter and a stream here: `numbering` is ignored and the events are stored as given. */
  readonly numbers = false;
  private readonly subscriptions = new Set<CatchUpSubscription>();
  private live: AllStreamSubscription | undefined;
  private liveRetry: NodeJS.Timeout | undefined;
  private liveFailures = 0;
  private closed = false;
  private readonly pollIntervalMs: number;
  private readonly batchSize: number;
  private readonly endpoint: string;

  private constructor(
    private readonly client: EventStoreDBClient,
    connectionString: string,
    private readonly options: EventStoreDbOptions,
  ) {
    this.pollIntervalMs = options.pollIntervalMs ?? 500;
    this.batchSize = options.batchSize ?? 500;
    this.endpoint = redactConnectionString(connectionString);
  }

  /** Connects lazily: the first call reaches the server. `health()` tells whether it can. */
  static connect(connectionString: string, options: EventStoreDbOptions = {}): EventStoreDbEventStore {
    return new EventStoreDbEventStore(EventStoreDBClient.connectionString(connectionString), connectionString, options);
  }

  async append(streamId: string, events: NewEvent[], { expectedRevision }: AppendOptions): Promise<AppendResult> {
    const commandId = validateAppend(streamId, events, expectedRevision);
    if (!(await this.reserve(commandId, streamId, randomUUID()))) {
      // Reserved before for this stream: a repeat, unless that try was refused or failed before writing.
      const earlier = await this.findCommand(streamId, commandId);
      if (earlier) return { ...earlier, duplicate: true };
    }
    const eventIds = events.map((_, i) => eventIdFor(commandId, i));
    const appendId = randomUUID();
    let lastRevision: number | undefined;
    for (let attempt = 1; lastRevision === undefined; attempt++) {
      // The hash chain needs the event the append goes after, so 'any' is pinned to the revision read here.
      const base = await this.baseFor(streamId, expectedRevision);
      try {
        if (base === undefined) throw await this.conflict(streamId, expectedRevision);
        const links = chainAfter(streamId, base, events);
        const result = await this.client.appendToStream(
          streamId,
          events.map((event, i) => toEventData(event, eventIds[i]!, appendId, links[i]!)),
          { expectedRevision: base.revision === -1 ? NO_STREAM : BigInt(base.revision) },
        );
        lastRevision = revisionToNumber(result.nextExpectedRevision);
      } catch (error) {
        const conflict = error instanceof WrongExpectedRevisionError ? error : toWrongExpectedRevision(error, streamId, expectedRevision);
        if (!conflict) throw error;
        // A concurrent append of this same command may be what moved the stream.
        const earlier = await this.findCommand(streamId, commandId);
        if (earlier) return { ...earlier, duplicate: true };
        if (expectedRevision !== 'any' || attempt >= ANY_ATTEMPTS) throw conflict;
        await sleep(Math.random() * 10 * attempt);
      }
    }
    const firstRevision = lastRevision - events.length + 1;
    const [first] = await this.readRecorded(streamId, firstRevision, 1);
    if (first !== undefined && first.id === eventIds[0]) {
      const wrote = appendIdOf(first) === appendId;
      if (wrote) this.wakeAll();
      return { firstRevision, nextExpectedRevision: lastRevision, duplicate: !wrote };
    }
    const earlier = await this.findCommand(streamId, commandId);
    if (earlier) return { ...earlier, duplicate: true };
    throw new Error(`EventStoreDB accepted command ${commandId} on ${streamId}, but its events are not where it said`);
  }

  /** The event an append with this expectation goes after; undefined when the expected one is not there. */
  private async baseFor(streamId: string, expected: ExpectedRevision): Promise<ChainBase | undefined> {
    if (expected === 'no-stream') return NEW_STREAM;
    const [event] =
      expected === 'any'
        ? await this.recorded(this.client.readStream(streamId, { direction: BACKWARDS, fromRevision: END, maxCount: 1 }))
        : await this.readRecorded(streamId, expected, 1);
    if (event === undefined) return expected === 'any' ? NEW_STREAM : undefined;
    if (expected !== 'any' && event.revision !== BigInt(expected)) return undefined;
    const hash = hashOf(event);
    if (hash === undefined) throw new Error(`${streamId}@${event.revision} has no $hash in its metadata: the stream was not written by this store`);
    return { revision: revisionToNumber(event.revision), hash };
  }

  /** The refusal of an expectation the stream does not meet, with its actual revision. */
  private async conflict(streamId: string, expected: ExpectedRevision): Promise<WrongExpectedRevisionError> {
    const [last] = await this.recorded(this.client.readStream(streamId, { direction: BACKWARDS, fromRevision: END, maxCount: 1 }));
    return new WrongExpectedRevisionError(streamId, expected, last === undefined ? 'no-stream' : revisionToNumber(last.revision));
  }

  /** True when this call reserved the command for the stream; false when it already was. */
  private async reserve(commandId: string, streamId: string, eventId: string): Promise<boolean> {
    try {
      await this.client.appendToStream(reservationStreamFor(commandId), reservationFor(commandId, streamId, eventId), {
        expectedRevision: NO_STREAM,
      });
      return true;
    } catch (error) {
      if (!isWrongExpectedVersion(error)) throw error;
      const [reservation] = await this.readRecorded(reservationStreamFor(commandId), 0, 1);
      const holder = reservedStreamOf(reservation);
      if (holder !== undefined && holder !== streamId) throw new CommandIdReusedError(commandId, streamId, holder);
      return false;
    }
  }

  /** The revisions the command's events hold in the stream, scanning back from its end. */
  private async findCommand(streamId: string, commandId: string): Promise<Omit<AppendResult, 'duplicate'> | undefined> {
    let from: bigint | typeof END = END;
    let first: number | undefined;
    let last: number | undefined;
    for (;;) {
      const page: RecordedEvent[] = await this.recorded(
        this.client.readStream(streamId, { direction: BACKWARDS, fromRevision: from, maxCount: STREAM_PAGE }),
      );
      for (const event of page) {
        if (commandIdOf(event) === commandId) {
          first = revisionToNumber(event.revision);
          last ??= first;
        } else if (last !== undefined) {
          break; // a command's events are consecutive: all found
        }
      }
      const lowest: bigint | undefined = page.at(-1)?.revision;
      if (first !== undefined && lowest !== undefined && BigInt(first) > lowest) break;
      if (page.length < STREAM_PAGE || lowest === undefined || lowest === 0n) break;
      from = lowest - 1n;
    }
    return last === undefined ? undefined : { firstRevision: first!, nextExpectedRevision: last };
  }

  private readRecorded(streamId: string, fromRevision: number, maxCount: number): Promise<RecordedEvent[]> {
    return this.recorded(this.client.readStream(streamId, { direction: FORWARDS, fromRevision: BigInt(fromRevision), maxCount }));
  }

  /** The events of a read (links left out); [] for a stream that does not exist. */
  private async recorded<E extends RecordedEvent>(read: AsyncIterable<{ event?: E }>): Promise<E[]> {
    const events: E[] = [];
    try {
      for await (const { event } of read) if (event) events.push(event);
    } catch (error) {
      if (isStreamNotFound(error)) return [];
      throw error;
    }
    return events;
  }

  async readStream(streamId: string, { fromRevision = 0, toRevision }: ReadStreamOptions = {}): Promise<StoredEvent[]> {
    if (!Number.isSafeInteger(fromRevision) || fromRevision < 0) throw new RangeError(`fromRevision must be a non-negative integer, got ${fromRevision}`);
    if (toRevision !== undefined && toRevision < fromRevision) return [];
    const maxCount = toRevision === undefined ? undefined : toRevision - fromRevision + 1;
    const events = await this.recorded(this.client.readStream(streamId, { direction: FORWARDS, fromRevision: BigInt(fromRevision), maxCount }));
    return events.map(fromRecordedEvent);
  }

  /**
   * Pages through `$all` from `after`. The 6.x client cannot filter reads of `$all` on the server (only
   * subscriptions), so system events and reservations are skipped here; they are few.
   */
  async readAll({ after = START, limit = this.batchSize }: ReadAllOptions = {}): Promise<StoredEvent[]> {
    if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`readAll limit must be a positive integer, got ${limit}`);
    const events: StoredEvent[] = [];
    // The read includes the event at its start position: one more than asked for.
    const pageSize = Math.min(limit + 1, ALL_PAGE_MAX);
    let from = after;
    for (;;) {
      const page = await this.recorded(this.client.readAll({ direction: FORWARDS, fromPosition: toReadPosition(from), maxCount: pageSize }));
      for (const event of page) {
        const position = fromPosition(event.position, `${event.streamId}@${event.revision}`);
        if (comparePositions(position, after) <= 0 || !isApplicationEvent(event)) continue;
        events.push(fromRecordedEvent(event));
        if (events.length === limit) return events;
      }
      const last = page.at(-1);
      if (page.length < pageSize || !last) return events;
      from = fromPosition(last.position, `${last.streamId}@${last.revision}`);
    }
  }

  subscribeToAll(options: SubscribeOptions): Subscription {
    if (this.closed) throw new Error('event store is closed');
    const subscription = new CatchUpSubscription(
      { readAll: (o) => this.readAll(o), head: () => this.head() },
      options,
      { pollIntervalMs: this.pollIntervalMs, batchSize: this.batchSize },
      (stopped) => this.subscriptions.delete(stopped),
    );
    this.subscriptions.add(subscription);
    this.followLive();
    return subscription;
  }

  /** Position of the last application event now, reading `$all` back from its end. */
  async head(): Promise<GlobalPosition | undefined> {
    let from: GlobalPosition | typeof END = END;
    for (;;) {
      const page = await this.recorded(this.client.readAll({ direction: BACKWARDS, fromPosition: from, maxCount: STREAM_PAGE }));
      const found = page.find(isApplicationEvent);
      if (found) return fromPosition(found.position, `${found.streamId}@${found.revision}`);
      const last = page.at(-1);
      if (page.length < STREAM_PAGE || !last) return undefined;
      from = fromPosition(last.position, `${last.streamId}@${last.revision}`);
    }
  }

  private wakeAll(): void {
    for (const subscription of this.subscriptions) subscription.wake();
  }

  /** One live, server-filtered `$all` subscription per store: each event wakes the catch-up loops. */
  private followLive(): void {
    if (this.live || this.liveRetry || this.closed) return;
    const live = this.client.subscribeToAll({ fromPosition: END, filter: eventTypeFilter({ regex: APPLICATION_EVENT_TYPE_REGEX }) });
    this.live = live;
    let dropped = false;
    const drop = (): void => {
      if (dropped) return;
      dropped = true;
      this.live = undefined;
      live.unsubscribe().catch(() => undefined);
      if (this.closed || this.subscriptions.size === 0) return;
      // Until it is back, the loops poll; retry with backoff.
      const delay = Math.min(250 * 2 ** this.liveFailures++, 10_000);
      this.liveRetry = setTimeout(() => {
        this.liveRetry = undefined;
        this.followLive();
      }, delay);
      this.liveRetry.unref();
    };
    live.on('data', () => {
      this.liveFailures = 0;
      this.wakeAll();
    });
    live.on('error', drop);
    live.on('end', drop);
    live.on('close', drop);
  }

  /** Copies events from another store, keeping ids and recording times: for `store:migrate`. */
  async importEvents(streamId: string, events: readonly StoredEvent[]): Promise<void> {
    for (const commandId of new Set(events.map((e) => e.metadata.commandId))) {
      await this.reserve(commandId, streamId, copiedReservationIdFor(commandId, streamId));
    }
    let pending = [...events];
    while (pending.length > 0) {
      const first = pending[0]!.revision;
      try {
        // Same ids at the same expected revision: a re-run is dropped by EventStoreDB as a duplicate.
        await this.client.appendToStream(streamId, pending.map(toImportedEventData), {
          expectedRevision: first === 0 ? NO_STREAM : BigInt(first - 1),
        });
        this.wakeAll();
        return;
      } catch (error) {
        if (!isWrongExpectedVersion(error)) throw error;
        const actual = fromCurrentRevision((error as { actualVersion: bigint | 'no_stream' }).actualVersion);
        // Copied before, in part: go on after what the target holds (the verification compares them).
        if (actual === 'no-stream' || actual < first) {
          throw new Error(`cannot copy ${streamId} from revision ${first}: the target stream ends at ${String(actual)}`, { cause: error });
        }
        pending = pending.filter((e) => e.revision > actual);
      }
    }
  }

  async health(): Promise<StoreHealth> {
    try {
      await this.recorded(this.client.readAll({ direction: BACKWARDS, fromPosition: END, maxCount: 1, deadline: HEALTH_DEADLINE_MS }));
      return { kind: this.kind, status: 'up', detail: `EventStoreDB at ${this.endpoint}` };
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      const hint = (error as { type?: unknown }).type === 'access-denied' ? ' (reading $all needs an admin user in the connection string)' : '';
      return { kind: this.kind, status: 'down', detail: `EventStoreDB at ${this.endpoint}: ${reason}${hint}` };
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    clearTimeout(this.liveRetry);
    await Promise.all([...this.subscriptions].map((subscription) => subscription.stop()));
    await this.live?.unsubscribe().catch(() => undefined);
    await this.client.dispose();
    for (const resource of this.options.alsoClose ?? []) await resource.close();
  }
}
