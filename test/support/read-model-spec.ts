import { afterAll, expect } from '@jest/globals';
import { createCipheriv, createHash, createHmac, randomBytes } from 'node:crypto';
import pg from 'pg';
import { complainantIdentifiers } from '../../domain/complainant-identity.js';
import type { Complainant } from '../../domain/complaint/events.js';
import { ComplaintCodec, complaintStreamId, type PersonalDataSealer } from '../../src/complaint-stream/index.js';
import type { NewEvent, StoredEvent } from '../../src/event-store/index.js';
import { eventHash, GENESIS_HASH } from '../../src/event-store/integrity.js';
import type { ReadModel } from '../../src/read-models/index.js';
import { PgClient, type SqlExecutor } from '../../src/sql/index.js';
import { commandIdOf, eventIdOf, type CaseHistory, type HistoryStep } from './case-history.js';
import { TEST_DATABASE_URL, uniqueSchemaName } from './postgres.js';

/**
 * Given-events / then-rows specs of a read model on the real PostgreSQL server, in the spirit of
 * Emmett's `PostgreSQLProjectionSpec`:
 *
 *   const spec = readModelSpec(complaintListReadModel);
 *   await spec.given(received).when(assigned).then('complaint_list', [{ id: 'c-1', state: 'assigned' }]);
 *
 * `given` and each `when` are one batch of the global order, applied as the projection runner applies
 * one: `sql.transaction(tx => readModel.apply(tx, s, batch))`. The histories are complaint histories
 * (test/support/case-history.ts); a case given again later must be given a longer history of itself,
 * of which only the events not yet delivered are appended. Events are stored as the store gives them
 * back: stream `complaint-<id>`, consecutive revisions, increasing global positions, event ids,
 * recording times, metadata (actor, role, command, correlation and causation ids, business time),
 * hash chain, and data encoded by the service's `ComplaintCodec` (the receipt gains `complainantKey`
 * and `identityKeys`, personal data is sealed). Within a batch the cases' events are merged by
 * business time, each stream in its order.
 *
 * Each spec runs in a fresh schema: created, `readModel.migrate` run, dropped afterwards. The spec is
 * lazy and immutable: nothing runs until `then`/`thenRows`, and every step returns a new spec, so a
 * `given` can be shared by several specs. The connection pool is closed after the file's tests.
 */
export function readModelSpec(readModel: ReadModel): { given(...histories: CaseHistory[]): ReadModelSpecRun } {
  const connections = new Connections();
  afterAll(() => connections.close());
  return { given: (...histories) => new ReadModelSpecRun(readModel, connections, []).when(...histories) };
}

export type Row = Record<string, unknown>;

export interface RowsOptions {
  /** An SQL condition on the table's columns, e.g. `filter_by = ''`. */
  where?: string;
  params?: readonly unknown[];
  /** Default: the table's primary key. */
  orderBy?: string;
}

/** The read model's tables after the batches, for assertions. */
export interface SpecTables {
  /** The spec's schema: its name, and quoted as the read model's statements name it. */
  readonly schema: string;
  readonly s: string;
  /** The connection the read model writes through, to run its statements again (e.g. `migrate`). */
  readonly sql: SqlExecutor;
  /**
   * The rows of a table, ordered by its primary key. Values are normalised for comparison: bigint
   * and numeric as numbers, timestamptz (and any text that is an ISO instant) as UTC ISO strings.
   */
  rows(table: string, options?: RowsOptions): Promise<Row[]>;
  /** Any query; `sql` is given the quoted schema. Normalised as `rows`. */
  query(sql: (s: string) => string, params?: readonly unknown[]): Promise<Row[]>;
  /**
   * The table's rows in primary-key order are the expected rows, each actual row cut down to the
   * columns its expected row names. Instants compare as instants (`+09:00` or `Z` alike); matchers such as
   * `expect.any(String)` may stand for values.
   */
  expectRows(table: string, expected: readonly Row[], options?: RowsOptions): Promise<void>;
  expectQuery(sql: (s: string) => string, expected: readonly Row[], params?: readonly unknown[]): Promise<void>;
  /** Every row of every table of the read model, by table, each table in one order whatever its keys. */
  snapshot(): Promise<Record<string, string[]>>;
}

interface SpecStep {
  histories: readonly CaseHistory[];
  /** Events per batch; all the step's events in one batch when absent. */
  batchSize?: number;
  /** Each batch applied a second time, as a redelivery after a crash would. */
  twice?: boolean;
}

export class ReadModelSpecRun {
  constructor(
    private readonly readModel: ReadModel,
    private readonly connections: Connections,
    private readonly steps: readonly SpecStep[],
  ) {}

  /** More histories (or longer histories of cases given before): a later batch. */
  when(...histories: CaseHistory[]): ReadModelSpecRun {
    return new ReadModelSpecRun(this.readModel, this.connections, [...this.steps, { histories }]);
  }

  /** The last `given`/`when` delivered in batches of `size` events, each in its own transaction. */
  inBatchesOf(size: number): ReadModelSpecRun {
    if (!(Number.isInteger(size) && size >= 1)) throw new RangeError(`a batch holds at least one event, not ${size}`);
    return this.withLast({ batchSize: size });
  }

  /**
   * The last `given`/`when` delivered twice: each of its batches applied again right after it. The
   * runner never does this (it skips what its checkpoint, moved in the batch's transaction, has seen),
   * so this tries a read model's own defence, where its doc comment promises one.
   */
  deliveredTwice(): ReadModelSpecRun {
    return this.withLast({ twice: true });
  }

  /** Then the table holds exactly these rows (see `SpecTables.expectRows`). */
  then(table: string, expected: readonly Row[], options?: RowsOptions): Promise<void>;
  /** Then whatever `check` asserts of the tables; resolves to what it returns. */
  then<T>(check: (tables: SpecTables) => Promise<T> | T): Promise<T>;
  then<T>(tableOrCheck: string | ((tables: SpecTables) => Promise<T> | T), expected?: unknown, options?: RowsOptions): Promise<T | void> {
    if (typeof tableOrCheck === 'function') {
      // `await spec` would call then(resolve, reject): a spec is not a promise, it ends in an assertion.
      if (typeof expected === 'function') throw new TypeError('a read-model spec is not a promise: end it with .then(table, rows), .then(check) or .thenRows(sql, rows)');
      return this.run(tableOrCheck);
    }
    return this.run((tables) => tables.expectRows(tableOrCheck, expected as readonly Row[], options));
  }

  /** Then the query (given the quoted schema) answers exactly these rows, in its order. */
  thenRows(sql: (s: string) => string, expected: readonly Row[], params?: readonly unknown[]): Promise<void> {
    return this.run((tables) => tables.expectQuery(sql, expected, params));
  }

  private withLast(change: Partial<SpecStep>): ReadModelSpecRun {
    const last = this.steps[this.steps.length - 1];
    if (!last) throw new Error('given(...) first');
    return new ReadModelSpecRun(this.readModel, this.connections, [...this.steps.slice(0, -1), { ...last, ...change }]);
  }

  private async run<T>(check: (tables: SpecTables) => Promise<T> | T): Promise<T> {
    const { sql, reader } = this.connections.open();
    const schema = uniqueSchemaName();
    const s = `"${schema}"`;
    await sql.query(`CREATE SCHEMA ${s}`);
    try {
      await sql.transaction((tx) => this.readModel.migrate(tx, s));
      const store = new SpecStore();
      for (const step of this.steps) {
        const events = await store.append(step.histories);
        for (const batch of batchesOf(events, step.batchSize ?? Math.max(events.length, 1))) {
          await sql.transaction((tx) => this.readModel.apply(tx, s, batch));
          // Read again from the store, as a restarted subscription would: equal events, not the same objects.
          if (step.twice) await sql.transaction((tx) => this.readModel.apply(tx, s, structuredClone(batch)));
        }
      }
      return await check(new Tables(reader, sql, schema, this.readModel.tables));
    } finally {
      await sql.query(`DROP SCHEMA ${s} CASCADE`);
    }
  }
}

function batchesOf<T>(events: readonly T[], size: number): T[][] {
  const batches: T[][] = [];
  for (let i = 0; i < events.length; i += size) batches.push(events.slice(i, i + size));
  return batches;
}

interface Stream {
  /** The history's steps stored so far: the i-th is revision i. */
  delivered: HistoryStep[];
  complainantKey?: string;
  /** The hash of the stream's last event. */
  hash: string;
}

/** The store of one spec: what each stream holds so far, and the global order. */
class SpecStore {
  private readonly codec = new ComplaintCodec(TEST_SEALER);
  private readonly streams = new Map<string, Stream>();
  private commit = 100n;
  private prepare = 0n;
  private recordedAt = 0;

  /** Appends what each history adds to its stream; the new events in global order. */
  async append(histories: readonly CaseHistory[]): Promise<StoredEvent[]> {
    this.commit++;
    const perStream: StoredEvent[][] = [];
    for (const history of histories) perStream.push(await this.appendToStream(history));
    return this.globalOrder(perStream);
  }

  private async appendToStream(history: CaseHistory): Promise<StoredEvent[]> {
    const streamId = complaintStreamId(history.complaintId);
    const stream = this.streams.get(streamId) ?? { delivered: [], hash: GENESIS_HASH };
    this.streams.set(streamId, stream);
    stream.delivered.forEach((step, revision) => {
      if (history.steps[revision] !== step) {
        throw new Error(`${history.complaintId}: a case given again must be given a longer history of itself (revision ${revision} differs)`);
      }
    });
    const fresh = history.steps.slice(stream.delivered.length);
    const stored: StoredEvent[] = [];
    // One encode per command, as the command path stores a command's events together.
    for (let i = 0; i < fresh.length; ) {
      let j = i + 1;
      while (j < fresh.length && fresh[j]!.command === fresh[i]!.command) j++;
      const steps = fresh.slice(i, j);
      const commandId = commandIdOf(history.complaintId, steps[0]!.command);
      const { actor } = steps[0]!;
      const metadata = { actorId: actor.id, actorRole: actor.role, commandId, correlationId: commandId, causationId: commandId };
      const encoded = await this.codec.encode(steps.map((step) => step.event), metadata, stream.complainantKey);
      for (const event of encoded.recorded) if (event.type === 'ComplaintReceived') stream.complainantKey = event.data.complainantKey;
      encoded.stored.forEach((record, k) => stored.push(this.stored(history.complaintId, stream, record, stream.delivered.length + k)));
      stream.delivered.push(...steps);
      i = j;
    }
    return stored;
  }

  private stored(complaintId: string, stream: Stream, record: NewEvent, revision: number): StoredEvent {
    const streamId = complaintStreamId(complaintId);
    const previousHash = stream.hash;
    stream.hash = eventHash(previousHash, { streamId, revision, type: record.type, schemaVersion: record.schemaVersion, data: record.data, metadata: record.metadata });
    // Position and recording time are given in the global order (below).
    return { ...record, eventId: eventIdOf(complaintId, revision), streamId, revision, position: { commit: 0n, prepare: 0n }, recordedAt: '', hash: stream.hash, previousHash };
  }

  /** The streams' new events merged by business time, each stream in order; positions and recording times given in that order. */
  private globalOrder(perStream: StoredEvent[][]): StoredEvent[] {
    const heads = perStream.map(() => 0);
    const ordered: StoredEvent[] = [];
    for (;;) {
      let next = -1;
      perStream.forEach((events, k) => {
        const head = events[heads[k]!];
        if (head && (next < 0 || Date.parse(head.metadata.occurredAt) < Date.parse(perStream[next]![heads[next]!]!.metadata.occurredAt))) next = k;
      });
      if (next < 0) return ordered;
      const event = perStream[next]![heads[next]!++]!;
      this.recordedAt = Math.max(this.recordedAt + 1, Date.parse(event.metadata.occurredAt));
      ordered.push({ ...event, position: { commit: this.commit, prepare: ++this.prepare }, recordedAt: new Date(this.recordedAt).toISOString() });
    }
  }
}

/**
 * Seals as the vault does (keyed hashes of the identifiers, AES-256-GCM), with fixed test keys and
 * no key table: read models never open personal data, so the spec never needs to.
 */
const PSEUDONYM_KEY = createHash('sha256').update('read-model-spec pseudonyms').digest();
const DATA_KEY = createHash('sha256').update('read-model-spec data key').digest();

export const TEST_SEALER: PersonalDataSealer = {
  identityKeysOf: (complainant: Complainant) => complainantIdentifiers(complainant).map((id) => createHmac('sha256', PSEUDONYM_KEY).update(id).digest('base64url').slice(0, 32)),
  async seal(complainantKey, value) {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', DATA_KEY, iv);
    const ciphertext = Buffer.concat([cipher.update(JSON.stringify(value)), cipher.final()]);
    return { keyId: `${complainantKey}/1`, iv: iv.toString('base64'), tag: cipher.getAuthTag().toString('base64'), ciphertext: ciphertext.toString('base64') };
  },
  prepareKeys: () => Promise.resolve(new Map()),
  open: () => Promise.reject(new Error('a read model never opens personal data')),
  keyMaxAgeMs: 0,
  erasures: 0,
};

/** The keys the codec gives a complainant (the first is their complainant key), as the spec's sealer computes them. */
export const identityKeysOf = (complainant: Complainant): string[] => TEST_SEALER.identityKeysOf(complainant);

/** The pool the read model writes through (as the runner's `PgClient`), and one that reads for assertions with comparable values. */
class Connections {
  private opened: { sql: PgClient; reader: pg.Pool } | undefined;

  open(): { sql: PgClient; reader: pg.Pool } {
    this.opened ??= {
      sql: new PgClient(TEST_DATABASE_URL, { max: 2, connectionTimeoutMillis: 3000 }),
      reader: new pg.Pool({ connectionString: TEST_DATABASE_URL, max: 1, connectionTimeoutMillis: 3000, types: { getTypeParser: comparableValues } as pg.CustomTypesConfig }),
    };
    return this.opened;
  }

  async close(): Promise<void> {
    const opened = this.opened;
    this.opened = undefined;
    if (opened) await Promise.all([opened.sql.close(), opened.reader.end()]);
  }
}

const INT8 = 20;
const NUMERIC = 1700;
const TIMESTAMPTZ = 1184;

function comparableValues(oid: number, format?: string): (text: string) => unknown {
  if (oid === INT8 || oid === NUMERIC) return Number;
  if (oid === TIMESTAMPTZ) {
    const parse = pg.types.getTypeParser(oid, 'text') as (text: string) => Date;
    return (text) => parse(text).toISOString();
  }
  return pg.types.getTypeParser(oid, (format ?? 'text') as 'text');
}

const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})$/;

/** Instants (`2026-03-09T10:00:00+09:00`, `2026-03-09T01:00:00.000Z`) as UTC ISO strings, in rows and in the JSON inside them. */
function canonical(value: unknown): unknown {
  if (typeof value === 'string') return INSTANT.test(value) ? new Date(value).toISOString() : value;
  if (Array.isArray(value)) return value.map(canonical);
  if (value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, canonical(v)]));
  }
  return value;
}

class Tables implements SpecTables {
  readonly s: string;

  constructor(
    private readonly reader: pg.Pool,
    readonly sql: SqlExecutor,
    readonly schema: string,
    private readonly tables: readonly string[],
  ) {
    this.s = `"${schema}"`;
  }

  async query(sql: (s: string) => string, params: readonly unknown[] = []): Promise<Row[]> {
    return (await this.reader.query(sql(this.s), params as unknown[])).rows.map((row) => canonical(row) as Row);
  }

  async rows(table: string, { where, params = [], orderBy }: RowsOptions = {}): Promise<Row[]> {
    const order = orderBy ?? (await this.primaryKey(table)).join(', ');
    return this.query((s) => `SELECT * FROM ${s}.${table}${where ? ` WHERE ${where}` : ''}${order ? ` ORDER BY ${order}` : ''}`, params);
  }

  async expectRows(table: string, expected: readonly Row[], options?: RowsOptions): Promise<void> {
    const rows = await this.rows(table, options);
    // Each row cut down to the columns its expected row names (rows beyond the expected ones: to all the columns named).
    const named = [...new Set(expected.flatMap((row) => Object.keys(row)))];
    const actual = rows.map((row, i) => {
      const columns = expected[i] ? Object.keys(expected[i]) : named;
      return columns.length === 0 ? row : Object.fromEntries(columns.map((c) => [c, row[c]]));
    });
    expect({ [table]: actual }).toEqual({ [table]: expected.map(canonical) });
  }

  async expectQuery(sql: (s: string) => string, expected: readonly Row[], params?: readonly unknown[]): Promise<void> {
    expect(await this.query(sql, params)).toEqual(expected.map(canonical));
  }

  async snapshot(): Promise<Record<string, string[]>> {
    const snapshot: Record<string, string[]> = {};
    for (const table of this.tables) snapshot[table] = (await this.query((s) => `SELECT * FROM ${s}.${table}`)).map((row) => JSON.stringify(row)).sort();
    return snapshot;
  }

  private async primaryKey(table: string): Promise<string[]> {
    const rows = await this.reader.query<{ column: string }>(
      `SELECT a.attname AS column FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY (i.indkey)
       WHERE i.indrelid = to_regclass($1) AND i.indisprimary ORDER BY array_position(i.indkey::int2[], a.attnum)`,
      [`${this.s}.${table}`],
    );
    return rows.rows.map((r) => r.column);
  }
}
