import { randomUUID } from 'node:crypto';
import { newEventId } from '../event-id.js';
import { CommandIdReusedError, WrongExpectedRevisionError, START, type AppendOptions, type AppendResult, type StreamAppend, type EventMetadata, type EventStore, type ExpectedRevision, type GlobalPosition, type NewEvent, type ReadAllOptions, type ReadStreamOptions, type StoreHealth, type StoredEvent, type SubscribeOptions, type Subscription } from '../event-store.js';
import { eventHash, GENESIS_HASH, type IntegrityReport, type Seal, type SealedStreamHead, type StreamIntegrityReport } from '../integrity.js';
import { sealedHeadOf, sealPending, verifyStore, verifyStreamOf, verifyStreamsOf } from './integrity.js';
import { APPEND_ERRORS, assertMigrated, assertSchemaName, migrate } from './schema.js';
import { ExpiringCache } from '../../cache/index.js';
import { sqlState, UNIQUE_VIOLATION, type SqlClient } from '../../sql/index.js';
import { CatchUpSubscription } from './subscription.js';

export interface PostgresEventStoreOptions {
  /** PostgreSQL schema holding every table (default `public`). */
  schema?: string;
  /** Idle subscriptions re-read this often even without a notification (default 250 ms). */
  pollIntervalMs?: number;
  /** Default batch size for readAll and subscriptions (default 500). */
  batchSize?: number;
  /**
   * false: open only a store that is there and migrated, as it is, for tools that read or copy it;
   * else `NoStoreError` (nothing created). Default true: create and migrate the schema.
   */
  create?: boolean;
}

/** The least time between two notifications of this store's appends (the first after a quiet spell goes at once). */
const NOTIFY_INTERVAL_MS = 10;

type EventRow = {
  event_id: string;
  stream_id: string;
  revision: number | string;
  type: string;
  schema_version: number;
  data: Record<string, unknown>;
  metadata: EventMetadata;
  commit_position: string;
  prepare_position: string;
  recorded_at: Date | string;
  hash: string;
  previous_hash: string;
};

/** How long a stream's sealed head is kept, and for how many streams at most (`sealedHead`). */
const SEALED_HEAD_KEPT_MS = 60_000;
const SEALED_HEADS_KEPT = 10_000;

/**
 * The event store on PostgreSQL, server (`pg`) or embedded (PGlite): the same SQL through a
 * `SqlClient`.
 *
 * Global order. Each event's position is (id of the writing transaction, sequence). Sequences are
 * taken when a transaction inserts, not when it commits, so `ORDER BY sequence` lets a reader pass
 * a sequence whose transaction is still open and then never see its events. readAll therefore
 * returns only events of transactions below `pg_snapshot_xmin(pg_current_snapshot())`: every
 * transaction below that horizon has finished (committed or rolled back), and every transaction
 * that writes later gets a larger id (xid8 is 64-bit and never wraps). So the set of events below
 * the horizon is final, and no event can ever appear behind a position a reader has reached.
 * The price: a long-open transaction anywhere in the cluster holds readers back until it ends.
 * Within a stream, global order is also revision order (see the stream lock in `appendIn`).
 */
export class PostgresEventStore implements EventStore {
  readonly kind: StoreHealth['kind'];
  private readonly subscriptions = new Set<CatchUpSubscription>();
  private listening: Promise<() => Promise<void>> | undefined;
  private closed = false;
  private readonly s: string;
  private readonly channel: string;
  private readonly pollIntervalMs: number;
  private readonly batchSize: number;
  /** Hashes of stream heads this process has read or written: an append chains onto them without a read. */
  private readonly knownHashes = new StreamHashes(10_000);
  /** Names this store instance in its notifications, so it can ignore its own. */
  private readonly origin = randomUUID();
  private notifying = false;
  private notifyAgain = false;

  private constructor(
    private readonly client: SqlClient,
    private readonly schema: string,
    options: PostgresEventStoreOptions,
  ) {
    this.kind = client.kind;
    this.s = `"${schema}"`;
    this.channel = `event_store_${schema}`;
    this.pollIntervalMs = options.pollIntervalMs ?? 250;
    this.batchSize = options.batchSize ?? 500;
  }

  /** Migrates the schema (or, `create: false`, checks it is migrated), then serves. Takes ownership of `client` (closed by `close()`). */
  static async open(client: SqlClient, options: PostgresEventStoreOptions = {}): Promise<PostgresEventStore> {
    const schema = options.schema ?? 'public';
    assertSchemaName(schema);
    if (options.create === false) await assertMigrated(client, schema);
    else await migrate(client, schema);
    return new PostgresEventStore(client, schema, options);
  }

  readonly numbers = true;

  async append(streamId: string, events: NewEvent[], { expectedRevision, numbering }: AppendOptions): Promise<AppendResult> {
    const commandId = validateAppend(streamId, events, expectedRevision);
    if (numbering) return this.appendNumbered(streamId, commandId, expectedRevision, numbering);
    const stored = events.map(storedForm);
    // Time-ordered (UUID v7): new ids go to the right-hand end of the event_id index, whose pages stay in memory as the store grows.
    const eventIds = events.map(() => newEventId());
    let head = expectedRevision === 'any' ? await this.headOf(streamId) : undefined;
    for (;;) {
      const expected = head?.revision ?? (expectedRevision === 'no-stream' ? -1 : (expectedRevision as number));
      let previousHash = head?.hash ?? (expected === -1 ? GENESIS_HASH : this.knownHashes.get(streamId, expected));
      // Another revision's hash if the stream moved: the function then says so before it looks at the hash.
      previousHash ??= (await this.headOf(streamId)).hash;
      const rows = stored.map((event, i) => {
        const row = { ...event, eventId: eventIds[i], previousHash, hash: eventHash(previousHash!, { streamId, revision: expected + 1 + i, ...event }) };
        previousHash = row.hash;
        return row;
      });
      try {
        const [result] = await this.client.query<{ duplicate: boolean; first_revision: string | number; last_revision: string | number; first_stream_id: string }>(
          `SELECT * FROM ${this.s}.append_events($1, $2, $3, $4, $5, $6::jsonb)`,
          [`${this.schema}.${streamId}`, streamId, expected, rows[0]!.previousHash, commandId, JSON.stringify(rows)],
        );
        if (result!.first_stream_id !== streamId) throw new CommandIdReusedError(commandId, streamId, result!.first_stream_id);
        const appended = { firstRevision: Number(result!.first_revision), nextExpectedRevision: Number(result!.last_revision), duplicate: result!.duplicate };
        if (!appended.duplicate) {
          this.knownHashes.set(streamId, appended.nextExpectedRevision, previousHash);
          this.announce();
        }
        return appended;
      } catch (error) {
        const state = sqlState(error);
        const detail = (error as { detail?: string }).detail ?? '';
        if (state === APPEND_ERRORS.previousHashMoved) {
          if (!detail) throw new Error(`stream ${streamId} keeps no hash for its revision ${expected}: its stored history was altered (npm run audit:verify says where)`, { cause: error });
          // The hash we chained onto is not the stored one (read before its writer committed, or rewritten): chain onto what is stored.
          head = { revision: expected, hash: detail };
          continue;
        }
        if (state === APPEND_ERRORS.wrongRevision && expectedRevision === 'any') {
          head = await this.headOf(streamId);
          continue;
        }
        // Only the (stream_id, revision) key can collide without the function noticing: a row the streams table does not count.
        if (state !== APPEND_ERRORS.wrongRevision && state !== UNIQUE_VIOLATION) throw error;
        const actual = state === UNIQUE_VIOLATION ? (await this.headOf(streamId)).revision : Number(detail);
        throw new WrongExpectedRevisionError(streamId, expectedRevision, actual < 0 ? 'no-stream' : actual);
      }
    }
  }

  /**
   * The first append to a stream, taking the counter's next number in the same transaction. The
   * stream lock comes first (it gives the transaction no id, see `append_events`), then the counter's
   * row lock, which queues concurrent numbered appends: each number is taken once, and one that is not
   * stored (a refused revision, a repeated command) rolls back with the append, so none is skipped.
   */
  private async appendNumbered(streamId: string, commandId: string, expectedRevision: ExpectedRevision, numbering: NonNullable<AppendOptions['numbering']>): Promise<AppendResult> {
    if (expectedRevision !== 'no-stream') throw new TypeError('a numbered append creates its stream: expected revision no-stream');
    const repeated = Symbol('repeated command');
    let repeat: AppendResult | undefined;
    try {
      return await this.client.transaction(async (tx) => {
        await tx.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [`${this.schema}.${streamId}`]);
        const [counter] = await tx.query<{ last: string | number }>(
          `INSERT INTO ${this.s}.counters (counter, last) VALUES ($1, 1)
           ON CONFLICT (counter) DO UPDATE SET last = ${this.s}.counters.last + 1 RETURNING last`,
          [numbering.counter],
        );
        const taken = Number(counter!.last);
        const events = numbering.apply(taken);
        if (validateAppend(streamId, events, expectedRevision) !== commandId) throw new TypeError('a numbered append keeps its command id');
        let previousHash = GENESIS_HASH;
        const rows = events.map((event, i) => {
          const stored = storedForm(event);
          const row = { ...stored, eventId: newEventId(), previousHash, hash: eventHash(previousHash, { streamId, revision: i, ...stored }) };
          previousHash = row.hash;
          return row;
        });
        const [result] = await tx.query<{ duplicate: boolean; first_revision: string | number; last_revision: string | number; first_stream_id: string }>(
          `SELECT * FROM ${this.s}.append_events($1, $2, $3, $4, $5, $6::jsonb)`,
          [`${this.schema}.${streamId}`, streamId, -1, GENESIS_HASH, commandId, JSON.stringify(rows)],
        );
        if (result!.first_stream_id !== streamId) throw new CommandIdReusedError(commandId, streamId, result!.first_stream_id);
        if (result!.duplicate) {
          repeat = { firstRevision: Number(result!.first_revision), nextExpectedRevision: Number(result!.last_revision), duplicate: true };
          throw repeated;
        }
        await tx.query(`INSERT INTO ${this.s}.numbered_streams (counter, number, stream_id) VALUES ($1, $2, $3)`, [numbering.counter, taken, streamId]);
        this.knownHashes.set(streamId, rows.length - 1, previousHash);
        return { firstRevision: 0, nextExpectedRevision: rows.length - 1, duplicate: false, number: taken };
      }).then((appended) => {
        this.announce();
        return appended;
      });
    } catch (error) {
      if (error === repeated) return repeat!;
      const state = sqlState(error);
      if (state !== APPEND_ERRORS.wrongRevision && state !== UNIQUE_VIOLATION) throw error;
      const actual = (await this.headOf(streamId)).revision;
      throw new WrongExpectedRevisionError(streamId, expectedRevision, actual < 0 ? 'no-stream' : actual);
    }
  }

  async findNumbered(counter: string, number: number): Promise<string | undefined> {
    const [row] = await this.client.query<{ stream_id: string }>(
      `SELECT stream_id FROM ${this.s}.numbered_streams WHERE counter = $1 AND number = $2`,
      [counter, number],
    );
    return row?.stream_id;
  }

  async appendMany(appends: readonly StreamAppend[]): Promise<AppendResult[]> {
    const batch = await Promise.all(
      appends.map(async ({ streamId, events, expectedRevision }) => {
        const commandId = validateAppend(streamId, events, expectedRevision);
        const expected = expectedRevision === 'no-stream' ? -1 : expectedRevision;
        const previousHash = expected === -1 ? GENESIS_HASH : (this.knownHashes.get(streamId, expected) ?? (await this.headOf(streamId)).hash);
        const stored = events.map(storedForm);
        let hash = previousHash;
        const rows = stored.map((event, i) => {
          const row = { ...event, eventId: newEventId(), previousHash: hash, hash: eventHash(hash, { streamId, revision: expected + 1 + i, ...event }) };
          hash = row.hash;
          return row;
        });
        return { streamId, commandId, expected, expectedRevision, rows, lastHash: hash };
      }),
    );
    if (new Set(batch.map((a) => a.streamId)).size !== batch.length) throw new RangeError('appendMany takes each stream once');
    let results: AppendResult[];
    try {
      // One statement: its own transaction, one round trip for the whole batch.
      const rows = await this.client.query<{ duplicate: boolean; first_revision: string | number; last_revision: string | number; first_stream_id: string }>(
        `SELECT * FROM ${this.s}.append_many($1, $2, $3, $4, $5, $6::jsonb)`,
        [
          batch.map((a) => `${this.schema}.${a.streamId}`),
          batch.map((a) => a.streamId),
          batch.map((a) => a.expected),
          batch.map((a) => a.rows[0]!.previousHash),
          batch.map((a) => a.commandId),
          JSON.stringify(batch.map((a) => a.rows)),
        ],
      );
      results = rows.map((result, i) => {
        const a = batch[i]!;
        if (result.first_stream_id !== a.streamId) throw new CommandIdReusedError(a.commandId, a.streamId, result.first_stream_id);
        return { firstRevision: Number(result.first_revision), nextExpectedRevision: Number(result.last_revision), duplicate: result.duplicate };
      });
    } catch (error) {
      const state = sqlState(error);
      if (state !== APPEND_ERRORS.wrongRevision && state !== APPEND_ERRORS.previousHashMoved && state !== UNIQUE_VIOLATION) throw error;
      const { detail = '', hint } = error as { detail?: string; hint?: string };
      // A unique violation names no stream: the first whose head is not the one expected.
      const failed = batch.find((a) => a.streamId === hint) ?? (await this.firstMoved(batch));
      if (!failed) throw error;
      const actual = state === APPEND_ERRORS.wrongRevision ? Number(detail) : (await this.headOf(failed.streamId)).revision;
      throw new WrongExpectedRevisionError(failed.streamId, failed.expectedRevision, actual < 0 ? 'no-stream' : actual);
    }
    batch.forEach((a, i) => {
      if (!results[i]!.duplicate) this.knownHashes.set(a.streamId, results[i]!.nextExpectedRevision, a.lastHash);
    });
    if (results.some((r) => !r.duplicate)) this.announce();
    return results;
  }

  private async firstMoved<A extends { streamId: string; expected: number }>(batch: readonly A[]): Promise<A | undefined> {
    for (const a of batch) if ((await this.headOf(a.streamId)).revision !== a.expected) return a;
    return undefined;
  }

  /** The stream's last revision and its hash, or revision -1 (and the genesis hash) for no stream. */
  private async headOf(streamId: string): Promise<{ revision: number; hash: string }> {
    const [row] = await this.client.query<{ revision: string | number; hash: string | null }>(
      `SELECT revision, hash FROM ${this.s}.streams WHERE stream_id = $1`,
      [streamId],
    );
    // A row without a hash (its history altered): '' matches no hash, so the append reports it.
    return row ? { revision: Number(row.revision), hash: row.hash ?? '' } : { revision: -1, hash: GENESIS_HASH };
  }

  /**
   * Wakes this process's subscriptions, and other processes' through NOTIFY. The NOTIFY is sent after
   * the append committed, not inside it: PostgreSQL serialises the commits of notifying transactions,
   * which would queue every writer behind one WAL flush at a time. Notifications coalesce: while one is
   * on its way, appends only ask for one more. (PGlite is one process: nobody else listens.)
   */
  private announce(): void {
    for (const subscription of this.subscriptions) subscription.wake();
    if (this.kind === 'pglite' || this.closed) return;
    if (this.notifying) {
      this.notifyAgain = true;
      return;
    }
    this.notifying = true;
    const send = (): void => {
      if (this.closed) return void (this.notifying = false);
      this.notifyAgain = false;
      const sent = Date.now();
      this.client.query(`SELECT pg_notify($1, $2)`, [this.channel, this.origin]).then(
        () => {
          if (!this.notifyAgain || this.closed) return void (this.notifying = false);
          // Under load, one notification per interval wakes the listeners as well as one per append,
          // and each costs PostgreSQL a commit that takes the notification queue's global lock.
          setTimeout(send, Math.max(0, sent + NOTIFY_INTERVAL_MS - Date.now())).unref();
        },
        () => (this.notifying = false), // listeners poll as well; the next append tries again
      );
    };
    send();
  }

  async readStream(streamId: string, { fromRevision = 0, toRevision }: ReadStreamOptions = {}): Promise<StoredEvent[]> {
    const rows = await this.client.query<EventRow>(
      `SELECT ${EVENT_COLUMNS} FROM ${this.s}.events
       WHERE stream_id = $1 AND revision >= $2 AND revision <= $3 ORDER BY revision`,
      [streamId, fromRevision, toRevision ?? Number.MAX_SAFE_INTEGER],
    );
    const events = rows.map(toStoredEvent);
    const last = events[events.length - 1];
    if (last) this.knownHashes.set(streamId, last.revision, last.hash);
    return events;
  }

  async readAll({ after = START, limit = this.batchSize }: ReadAllOptions = {}): Promise<StoredEvent[]> {
    if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`readAll limit must be a positive integer, got ${limit}`);
    // See the class comment for why the xmin horizon makes this order safe to follow.
    const rows = await this.client.query<EventRow>(
      `SELECT ${EVENT_COLUMNS} FROM ${this.s}.events
       WHERE (transaction_id, sequence) > ($1::xid8, $2::bigint)
         AND transaction_id < pg_snapshot_xmin(pg_current_snapshot())
       ORDER BY transaction_id, sequence
       LIMIT $3`,
      [after.commit.toString(), after.prepare.toString(), limit],
    );
    return rows.map(toStoredEvent);
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
    this.listening ??= this.client.listen(this.channel, (origin) => {
      // This store's own appends woke its subscriptions already.
      if (origin === this.origin) return;
      for (const each of this.subscriptions) each.wake();
    });
    // Without a listener, subscriptions still poll; try again with the next subscription.
    this.listening.catch(() => (this.listening = undefined));
    return subscription;
  }

  async head(): Promise<GlobalPosition | undefined> {
    const [row] = await this.client.query<{ commit_position: string; prepare_position: string }>(
      `SELECT transaction_id::text AS commit_position, sequence::text AS prepare_position
       FROM ${this.s}.events ORDER BY transaction_id DESC, sequence DESC LIMIT 1`,
    );
    return row && { commit: BigInt(row.commit_position), prepare: BigInt(row.prepare_position) };
  }

  async countEventsAfter(after: GlobalPosition, cap = Number.MAX_SAFE_INTEGER): Promise<number> {
    const [row] = await this.client.query<{ n: string | number }>(
      `SELECT count(*) AS n FROM (SELECT 1 FROM ${this.s}.events
       WHERE (transaction_id, sequence) > ($1::xid8, $2::bigint) LIMIT $3) pending`,
      [after.commit.toString(), after.prepare.toString(), cap],
    );
    return Number(row?.n ?? 0);
  }

  /** Seals what is stored since the last seal; see `integrity.ts` and `sealPending`. */
  seal(): Promise<Seal[]> {
    return sealPending(this.client, this.schema);
  }

  verifyIntegrity({ limit }: { limit?: number } = {}): Promise<IntegrityReport> {
    return verifyStore(this.client, this.schema, limit);
  }

  verifyStream(streamId: string): Promise<StreamIntegrityReport> {
    return verifyStreamOf(this.client, this.schema, streamId);
  }

  verifyStreams(streamIds: readonly string[]): Promise<Map<string, StreamIntegrityReport>> {
    return verifyStreamsOf(this.client, this.schema, streamIds);
  }

  /** A seal never changes what it recorded, so a head read is kept a minute (a newer seal may extend it meanwhile). */
  async sealedHead(streamId: string): Promise<SealedStreamHead | undefined> {
    const kept = this.sealedHeads.get(streamId);
    if (kept) return kept.head;
    const head = await sealedHeadOf(this.client, this.schema, streamId);
    // Wrapped: a stream no seal has recorded yet is kept too.
    this.sealedHeads.set(streamId, { head }, Date.now() + SEALED_HEAD_KEPT_MS);
    return head;
  }

  private readonly sealedHeads = new ExpiringCache<string, { head: SealedStreamHead | undefined }>(SEALED_HEADS_KEPT);

  async health(): Promise<StoreHealth> {
    try {
      const [row] = await this.client.query<{ version: string }>(`SELECT current_setting('server_version') AS version`);
      return { kind: this.kind, status: 'up', detail: `PostgreSQL ${row!.version}, schema ${this.schema}` };
    } catch (error) {
      return { kind: this.kind, status: 'down', detail: error instanceof Error ? error.message : String(error) };
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.all([...this.subscriptions].map((subscription) => subscription.stop()));
    const unlisten = await this.listening?.catch(() => undefined);
    await unlisten?.();
    await this.client.close();
  }
}

const EVENT_COLUMNS = `event_id, stream_id, revision, type, schema_version, data, metadata,
  transaction_id::text AS commit_position, sequence::text AS prepare_position, recorded_at, hash, previous_hash`;

/**
 * What is stored of an event, and hashed. Hashed as it is, not after a trip through JSON: the
 * canonical form (RFC 8785) keeps and drops what JSON does, so it is the hash of what jsonb hands back.
 */
function storedForm({ type, schemaVersion, data, metadata }: NewEvent): NewEvent {
  return { type, schemaVersion, data, metadata };
}

function toStoredEvent(row: EventRow): StoredEvent {
  return {
    eventId: row.event_id,
    streamId: row.stream_id,
    revision: Number(row.revision),
    type: row.type,
    schemaVersion: row.schema_version,
    data: row.data,
    metadata: row.metadata,
    position: { commit: BigInt(row.commit_position), prepare: BigInt(row.prepare_position) },
    recordedAt: new Date(row.recorded_at).toISOString(),
    hash: row.hash,
    previousHash: row.previous_hash,
  };
}

/** Returns the append's command id. */
function validateAppend(streamId: string, events: NewEvent[], expected: ExpectedRevision): string {
  if (typeof streamId !== 'string' || streamId.length === 0) throw new TypeError('append needs a stream id');
  if (typeof expected === 'number' && !(Number.isSafeInteger(expected) && expected >= 0)) {
    throw new RangeError(`expected revision must be a non-negative integer, 'no-stream' or 'any', got ${expected}`);
  }
  const commandId = events[0]?.metadata.commandId;
  if (!commandId) throw new TypeError('append needs at least one event with a metadata.commandId');
  if (events.some((event) => event.metadata.commandId !== commandId)) {
    throw new TypeError('all events of one append must share one metadata.commandId');
  }
  return commandId;
}

/**
 * The hash of one revision per stream, for the streams most recently read or written (at most
 * `capacity`). A revision's hash never changes once stored, so an entry is never stale, only absent;
 * `append_events` checks it under the stream lock all the same.
 */
class StreamHashes {
  private readonly heads = new Map<string, { revision: number; hash: string }>();

  constructor(private readonly capacity: number) {}

  get(streamId: string, revision: number): string | undefined {
    const head = this.heads.get(streamId);
    return head?.revision === revision ? head.hash : undefined;
  }

  set(streamId: string, revision: number, hash: string): void {
    const known = this.heads.get(streamId);
    if (known && known.revision > revision) return;
    this.heads.delete(streamId);
    this.heads.set(streamId, { revision, hash });
    if (this.heads.size > this.capacity) this.heads.delete(this.heads.keys().next().value!);
  }
}
