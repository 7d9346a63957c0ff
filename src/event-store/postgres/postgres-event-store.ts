import {
  CommandIdReusedError,
  WrongExpectedRevisionError,
  type AppendOptions,
  type AppendResult,
  type EventMetadata,
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
  START,
} from '../event-store.js';
import { eventHash, GENESIS_HASH, type IntegrityReport, type Seal } from '../integrity.js';
import { sealPending, verifyStore } from './integrity.js';
import { assertSchemaName, migrate } from './schema.js';
import { sqlState, UNIQUE_VIOLATION, type SqlClient, type SqlExecutor } from './sql-client.js';
import { CatchUpSubscription } from './subscription.js';

export interface PostgresEventStoreOptions {
  /** PostgreSQL schema holding every table (default `public`). */
  schema?: string;
  /** Idle subscriptions re-read this often even without a notification (default 250 ms). */
  pollIntervalMs?: number;
  /** Default batch size for readAll and subscriptions (default 500). */
  batchSize?: number;
}

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

  /** Migrates the schema, then serves. Takes ownership of `client` (closed by `close()`). */
  static async open(client: SqlClient, options: PostgresEventStoreOptions = {}): Promise<PostgresEventStore> {
    const schema = options.schema ?? 'public';
    assertSchemaName(schema);
    await migrate(client, schema);
    return new PostgresEventStore(client, schema, options);
  }

  async append(streamId: string, events: NewEvent[], { expectedRevision }: AppendOptions): Promise<AppendResult> {
    const commandId = validateAppend(streamId, events, expectedRevision);
    let result: AppendResult;
    try {
      result = await this.client.transaction((tx) => this.appendIn(tx, streamId, events, expectedRevision, commandId));
    } catch (error) {
      // Only the (stream_id, revision) key can still collide: another writer got there first.
      if (sqlState(error) === UNIQUE_VIOLATION) {
        throw new WrongExpectedRevisionError(streamId, expectedRevision, await this.revisionOf(this.client, streamId));
      }
      throw error;
    }
    if (!result.duplicate) for (const subscription of this.subscriptions) subscription.wake();
    return result;
  }

  private async appendIn(
    tx: SqlExecutor,
    streamId: string,
    events: NewEvent[],
    expected: ExpectedRevision,
    commandId: string,
  ): Promise<AppendResult> {
    const { s } = this;
    // First, before anything gives this transaction an id: serialise appends to the stream. Its
    // id is then taken after the previous writer's, so within a stream global order is revision
    // order. (A row lock would not do: taking one assigns the id, before the wait.)
    await tx.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [`${this.schema}.${streamId}`]);
    // Claim the command before checking the revision: a repeat (queued behind the first on the
    // stream lock, or racing it on another stream, where it waits on this key) then finds the
    // first one's result instead of failing on the revision the first one moved.
    const claimed = await tx.query(
      `INSERT INTO ${s}.commands (command_id, stream_id) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING command_id`,
      [commandId, streamId],
    );
    if (claimed.length === 0) {
      const [first] = await tx.query<{ stream_id: string; first_revision: string | number; last_revision: string | number }>(
        `SELECT stream_id, first_revision, last_revision FROM ${s}.commands WHERE command_id = $1`,
        [commandId],
      );
      if (first!.stream_id !== streamId) throw new CommandIdReusedError(commandId, streamId, first!.stream_id);
      return { firstRevision: Number(first!.first_revision), nextExpectedRevision: Number(first!.last_revision), duplicate: true };
    }

    const count = events.length;
    // Each statement checks the expectation and moves the revision at once: of two same-revision
    // appends the second sees the first's revision and fails.
    const [stream] =
      expected === 'no-stream'
        ? await tx.query<{ revision: string | number }>(
            `INSERT INTO ${s}.streams (stream_id, revision) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING revision`,
            [streamId, count - 1],
          )
        : expected === 'any'
          ? await tx.query<{ revision: string | number }>(
              `INSERT INTO ${s}.streams AS st (stream_id, revision) VALUES ($1, $2)
               ON CONFLICT (stream_id) DO UPDATE SET revision = st.revision + $3 RETURNING revision`,
              [streamId, count - 1, count],
            )
          : await tx.query<{ revision: string | number }>(
              `UPDATE ${s}.streams SET revision = revision + $3 WHERE stream_id = $1 AND revision = $2 RETURNING revision`,
              [streamId, expected, count],
            );
    if (stream === undefined) throw new WrongExpectedRevisionError(streamId, expected, await this.revisionOf(tx, streamId));
    const lastRevision = Number(stream.revision);
    const firstRevision = lastRevision - count + 1;

    // The hash chain: the stream lock taken above keeps the previous revision's hash from moving.
    const [previous] =
      firstRevision === 0
        ? []
        : await tx.query<{ hash: string }>(`SELECT hash FROM ${s}.events WHERE stream_id = $1 AND revision = $2`, [streamId, firstRevision - 1]);
    let previousHash = previous?.hash ?? GENESIS_HASH;
    const rows = events.map(({ type, schemaVersion, data, metadata }, i) => {
      // Hash what the database will hand back: the event through JSON, as jsonb stores it.
      const stored = JSON.parse(JSON.stringify({ type, schemaVersion, data, metadata })) as NewEvent;
      const hash = eventHash(previousHash, { streamId, revision: firstRevision + i, ...stored });
      const row = { ...stored, previousHash, hash };
      previousHash = hash;
      return row;
    });
    await tx.query(
      `INSERT INTO ${s}.events (stream_id, revision, type, schema_version, data, metadata, command_id, previous_hash, hash)
       SELECT $1, $2 + e.ordinality - 1, e.value->>'type', (e.value->>'schemaVersion')::integer,
              e.value->'data', e.value->'metadata', $3, e.value->>'previousHash', e.value->>'hash'
       FROM jsonb_array_elements($4::jsonb) WITH ORDINALITY AS e
       ORDER BY e.ordinality`,
      [streamId, firstRevision, commandId, JSON.stringify(rows)],
    );
    await tx.query(`UPDATE ${s}.commands SET first_revision = $2, last_revision = $3 WHERE command_id = $1`, [
      commandId,
      firstRevision,
      lastRevision,
    ]);
    // Delivered at commit, to every listening process.
    await tx.query(`SELECT pg_notify($1, '')`, [this.channel]);
    return { firstRevision, nextExpectedRevision: lastRevision, duplicate: false };
  }

  private async revisionOf(db: SqlExecutor, streamId: string): Promise<number | 'no-stream'> {
    const [row] = await db.query<{ revision: string | number }>(`SELECT revision FROM ${this.s}.streams WHERE stream_id = $1`, [streamId]);
    return row === undefined ? 'no-stream' : Number(row.revision);
  }

  async readStream(streamId: string, { fromRevision = 0, toRevision }: ReadStreamOptions = {}): Promise<StoredEvent[]> {
    const rows = await this.client.query<EventRow>(
      `SELECT ${EVENT_COLUMNS} FROM ${this.s}.events
       WHERE stream_id = $1 AND revision >= $2 AND revision <= $3 ORDER BY revision`,
      [streamId, fromRevision, toRevision ?? Number.MAX_SAFE_INTEGER],
    );
    return rows.map(toStoredEvent);
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
    this.listening ??= this.client.listen(this.channel, () => {
      for (const each of this.subscriptions) each.wake();
    });
    // Without a listener, subscriptions still poll; try again with the next subscription.
    this.listening.catch(() => (this.listening = undefined));
    return subscription;
  }

  private async head(): Promise<GlobalPosition | undefined> {
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
