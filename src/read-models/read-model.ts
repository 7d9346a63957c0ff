import type { ComplaintEvent, ComplaintEventType } from '../../domain/complaint/events.js';
import { complaintIdOf, toDomainEvent } from '../complaint-stream/index.js';
import type { StoredEvent } from '../event-store/index.js';
import type { SqlExecutor } from '../sql/index.js';

/**
 * A read model as the projection runner (src/projections) feeds it: tables in the read-model
 * database, and what a batch of the global event order does to them. Every statement names its
 * tables through `s` (the quoted schema): a rebuild runs the same code in a scratch schema and swaps
 * the finished tables in. Declare one with `caseReadModel`.
 */
export interface ReadModel {
  readonly name: string;
  /**
   * Bumped when its tables or what it derives from the events change. Tables built by another
   * version need a rebuild: the runner stops feeding them and `GET /projections` says so until
   * `npm run projections:rebuild` has built them anew.
   */
  readonly version: number;
  /**
   * A digest of the settings its logic reads (the working calendar, deadlines), where it reads any:
   * tables built with other settings need a rebuild as for another version.
   */
  readonly settings?: string;
  /** The tables `migrate` creates (unquoted names); a rebuild moves exactly these. */
  readonly tables: readonly string[];
  /**
   * Columns that another writer than the runner keeps (a sender's outcome in the outbox), by table:
   * a comparison of the tables with a rebuild from the events (`npm run audit:verify`) leaves them out.
   */
  readonly keptElsewhere?: Readonly<Record<string, readonly string[]>>;
  /** Creates the tables and indexes if missing (idempotent). */
  migrate(sql: SqlExecutor, s: string): Promise<void>;
  /** Applies a batch inside the runner's transaction, which also moves the checkpoint. */
  apply(tx: SqlExecutor, s: string, events: readonly StoredEvent[]): Promise<void>;
}

/** An event of a case as a read model sees it: the fact, and where, when and by whom it was recorded. */
export interface CaseEvent {
  complaintId: string;
  revision: number;
  eventId: string;
  recordedAt: string;
  actorId: string;
  actorRole: string;
  event: ComplaintEvent;
}

/** What a batch did to one case's state. */
export interface CaseChange<State> {
  complaintId: string;
  /** As loaded; undefined where the read model had nothing of the case. */
  before: State | undefined;
  after: State;
  /** The batch's events of the case that the read model handles, in order. */
  events: CaseEvent[];
}

export interface CaseReadModel<State> {
  name: string;
  version: number;
  /** The complaint event types it reads; the others never reach `evolve`. */
  handles: readonly ComplaintEventType[];
  tables: readonly string[];
  keptElsewhere?: ReadModel['keptElsewhere'];
  /** The statements that create its tables and indexes if missing; `s` is the quoted schema. */
  schema(s: string): readonly string[];
  /** The stored state of each case asked for that has one. */
  load(tx: SqlExecutor, s: string, complaintIds: readonly string[]): Promise<Map<string, State>>;
  /** Pure: the state after one more event; the same object when the event changes nothing. */
  evolve(state: State | undefined, event: CaseEvent): State | undefined;
  /** Writes what changed, set-based: one statement per table, not one per case. */
  save(tx: SqlExecutor, s: string, changes: readonly CaseChange<State>[]): Promise<void>;
}

/**
 * A read model kept per case, in the spirit of Emmett's `postgreSQLProjection`: the declaration says
 * what it reads and how a case's state evolves; this helper does the rest for every read model alike.
 * It keeps the events of complaint streams of the handled types, decodes them (upcast to today's
 * shape), groups them by case in stream order, loads the cases' stored states in one query, folds,
 * and saves the cases that changed in one call. The runner batches and moves the checkpoint.
 */
export function caseReadModel<State>(spec: CaseReadModel<State>): ReadModel {
  const handled: ReadonlySet<string> = new Set(spec.handles);
  return streamReadModel<State, CaseEvent>({
    ...spec,
    select(stored) {
      const complaintId = complaintIdOf(stored.streamId);
      return complaintId === undefined || !handled.has(stored.type) ? undefined : [complaintId, caseEventOf(complaintId, stored)];
    },
    save: (tx, s, changes) => spec.save(tx, s, changes.map(({ key, ...change }) => ({ complaintId: key, ...change }))),
  });
}

/** What a batch did to the state of one stream's entity (a complaint, an improvement request). */
export interface StreamChange<State, Item> {
  key: string;
  before: State | undefined;
  after: State;
  events: Item[];
}

/**
 * A read model kept per entity of one kind of stream other than complaints (an improvement request):
 * `select` picks the events it reads and says whose they are; the rest is as `caseReadModel`.
 */
export interface StreamReadModel<State, Item> {
  name: string;
  version: number;
  tables: readonly string[];
  keptElsewhere?: ReadModel['keptElsewhere'];
  schema(s: string): readonly string[];
  /** The entity an event belongs to and what the read model makes of it, or undefined for an event it does not read. */
  select(stored: StoredEvent): [key: string, item: Item] | undefined;
  load(tx: SqlExecutor, s: string, keys: readonly string[]): Promise<Map<string, State>>;
  evolve(state: State | undefined, item: Item): State | undefined;
  save(tx: SqlExecutor, s: string, changes: readonly StreamChange<State, Item>[]): Promise<void>;
}

export function streamReadModel<State, Item>(spec: StreamReadModel<State, Item>): ReadModel {
  return {
    name: spec.name,
    version: spec.version,
    tables: spec.tables,
    ...(spec.keptElsewhere ? { keptElsewhere: spec.keptElsewhere } : {}),
    async migrate(sql, s) {
      for (const statement of spec.schema(s)) await sql.query(statement);
    },
    async apply(tx, s, stored) {
      const byKey = new Map<string, Item[]>();
      for (const event of stored) {
        const selected = spec.select(event);
        if (!selected) continue;
        const [key, item] = selected;
        let items = byKey.get(key);
        if (!items) byKey.set(key, (items = []));
        items.push(item);
      }
      if (byKey.size === 0) return;
      const states = await spec.load(tx, s, [...byKey.keys()]);
      const changes: StreamChange<State, Item>[] = [];
      for (const [key, events] of byKey) {
        const before = states.get(key);
        const after = events.reduce(spec.evolve, before);
        if (after !== undefined && after !== before) changes.push({ key, before, after, events });
      }
      if (changes.length > 0) await spec.save(tx, s, changes);
    },
  };
}

/** Each stored event is decoded once, however many read models read it. */
const decoded = new WeakMap<StoredEvent, CaseEvent>();

export function caseEventOf(complaintId: string, stored: StoredEvent): CaseEvent {
  let event = decoded.get(stored);
  if (!event) {
    event = {
      complaintId,
      revision: stored.revision,
      eventId: stored.eventId,
      recordedAt: stored.recordedAt,
      actorId: stored.metadata.actorId,
      actorRole: stored.metadata.actorRole,
      event: toDomainEvent(stored),
    };
    decoded.set(stored, event);
  }
  return event;
}

/** A jsonb value as the driver gives it back: parsed by `pg`, sometimes text on PGlite. */
export function fromJson<T>(value: unknown): T {
  return (typeof value === 'string' ? JSON.parse(value) : value) as T;
}
