import { randomBytes } from 'node:crypto';
import { comparePositions, START, type EventStore, type GlobalPosition, type StoredEvent, type Subscription } from '../event-store/event-store.js';
import { changeSchema, type SqlClient, type SqlExecutor } from '../event-store/postgres/sql-client.js';
import type { Projection } from './projection.js';

export interface ProjectionStatus {
  name: string;
  /** `leader`: this process feeds the read models; `standby`: another does, this one waits to take over. */
  role: 'leader' | 'standby';
  position: { commit: string; prepare: string };
  /** Events stored after the projection's position, counted up to 10 000 (null where the store cannot count). */
  lag: number | null;
  running: boolean;
}

export interface RebuildProgress {
  done: number;
  /** Events stored when the rebuild started (more may arrive while it runs). */
  total: number;
}

/** Large: a batch writes each of its cases' rows once, so the fewer batches a case spans, the fewer times it is rewritten. */
const REBUILD_BATCH = 50_000;
const SWAP_ATTEMPTS = 20;

/**
 * Feeds each projection the global event order from its own checkpoint. A batch's read-model writes
 * and its checkpoint commit in one transaction, so each event counts exactly once, also across
 * crashes and restarts; a batch delivered again is skipped up to the checkpoint.
 */
export class ProjectionRunner {
  private subscription: Subscription | undefined;
  private readonly s: string;
  private releaseLeadership: (() => Promise<void>) | undefined;
  private standby: NodeJS.Timeout | undefined;
  private stopped = false;

  constructor(
    private readonly store: EventStore,
    private readonly sql: SqlClient,
    private readonly projections: readonly Projection[],
    schema = 'public',
  ) {
    this.s = `"${schema}"`;
  }

  /** Creates the read-model tables and checkpoints; `start` does this too. */
  async prepare(): Promise<void> {
    await changeSchema(this.sql, this.s, async (tx) => {
      await tx.query(
        `CREATE TABLE IF NOT EXISTS ${this.s}.projection_checkpoints (name text PRIMARY KEY, commit_position xid8 NOT NULL, prepare_position bigint NOT NULL)`,
      );
      for (const projection of this.projections) {
        await projection.migrate(tx, this.s);
        await tx.query(
          `INSERT INTO ${this.s}.projection_checkpoints (name, commit_position, prepare_position) VALUES ($1, '0', 0) ON CONFLICT DO NOTHING`,
          [projection.name],
        );
      }
    });
  }

  /**
   * Prepares the tables, then feeds the projections if this process becomes the leader: one process
   * at a time holds a PostgreSQL advisory lock for the schema; the others stand by and try again
   * every `standbyRetryMs`, so one of them takes over within that time when the leader dies.
   */
  async start(standbyRetryMs = 2_000): Promise<void> {
    this.stopped = false;
    await this.prepare();
    const tryLead = async (): Promise<void> => {
      this.standby = undefined;
      if (this.stopped) return;
      const release = await this.sql.tryLock(`projections:${this.s}`).catch(() => undefined);
      if (this.stopped) return void (await release?.());
      if (!release) {
        this.standby = setTimeout(() => void tryLead(), standbyRetryMs);
        return;
      }
      this.releaseLeadership = release;
      await this.lead();
    };
    await tryLead();
  }

  /** One subscription for every read model, from the checkpoint furthest behind. */
  private async lead(): Promise<void> {
    const checkpoints = [...(await this.checkpoints(this.sql)).values()];
    const after = checkpoints.reduce((min, position) => (comparePositions(position, min) < 0 ? position : min), checkpoints[0] ?? START);
    this.subscription = this.store.subscribeToAll({ after, onEvents: (events) => this.applyBatch(events) });
  }

  /** Resolves when every projection has applied everything stored when it was called. */
  async caughtUp(): Promise<void> {
    await this.subscription?.caughtUp();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.standby);
    await this.subscription?.stop();
    this.subscription = undefined;
    await this.releaseLeadership?.();
    this.releaseLeadership = undefined;
  }

  names(): string[] {
    return this.projections.map((p) => p.name);
  }

  async status(): Promise<ProjectionStatus[]> {
    const checkpoints = await this.checkpoints(this.sql);
    return Promise.all(
      this.projections.map(async ({ name }) => {
        const position = checkpoints.get(name) ?? START;
        return {
          name,
          role: this.releaseLeadership ? ('leader' as const) : ('standby' as const),
          position: { commit: position.commit.toString(), prepare: position.prepare.toString() },
          lag: this.store.countEventsAfter ? await this.store.countEventsAfter(position, 10_000) : null,
          running: this.subscription !== undefined,
        };
      }),
    );
  }

  /**
   * Rebuilds read models (all of them by default) from the first event into fresh tables in one
   * scratch schema, reading the store once: each batch goes to every one of them in one transaction.
   * Then it swaps all their tables in, with their checkpoints, in one transaction: queries keep
   * answering from the old tables until then. The swap holds the checkpoint rows, so a live runner (in
   * this process or another) waits and then goes on from the rebuilt position; if the live runner got
   * ahead of the rebuild meanwhile, the rebuild catches up and tries again.
   */
  async rebuild(names: readonly string[] = this.names(), onProgress?: (progress: RebuildProgress) => void): Promise<{ events: number }> {
    const unknown = names.filter((name) => !this.names().includes(name));
    if (unknown.length > 0) throw new RangeError(`unknown projection ${unknown.join(', ')}; known: ${this.names().join(', ')}`);
    const projections = this.projections.filter((p) => names.includes(p.name));
    await this.prepare();
    const scratch = `"rebuild_${randomBytes(6).toString('hex')}"`;
    await this.sql.query(`CREATE SCHEMA ${scratch}`);
    try {
      for (const projection of projections) await projection.migrate(this.sql, scratch);
      const total = this.store.countEventsAfter ? await this.store.countEventsAfter(START) : 0;
      let position = START;
      let done = 0;
      const read = (after: GlobalPosition) => {
        const batch = this.store.readAll({ after, limit: REBUILD_BATCH });
        batch.catch(() => undefined); // awaited below, unless applying the batch before it failed
        return batch;
      };
      const catchUp = async () => {
        for (let reading = read(position); ; ) {
          const batch = await reading;
          if (batch.length === 0) return;
          position = batch[batch.length - 1]!.position;
          // The next batch is read while this one is written.
          reading = read(position);
          await this.sql.transaction(async (tx) => {
            for (const projection of projections) await projection.apply(tx, scratch, batch);
          });
          done += batch.length;
          onProgress?.({ done, total: Math.max(total, done) });
        }
      };
      for (let attempt = 1; ; attempt++) {
        await catchUp();
        const swapped = await this.sql.transaction(async (tx) => {
          const live = await this.checkpoints(tx, true);
          if (projections.some(({ name }) => comparePositions(live.get(name) ?? START, position) > 0)) return false;
          for (const projection of projections) {
            for (const table of projection.tables) {
              await tx.query(`DROP TABLE IF EXISTS ${this.s}."${table}"`);
              await tx.query(`ALTER TABLE ${scratch}."${table}" SET SCHEMA ${this.s}`);
            }
            await this.moveCheckpoint(tx, projection.name, position);
          }
          return true;
        });
        if (swapped) return { events: done };
        if (attempt >= SWAP_ATTEMPTS) throw new Error(`rebuild of ${names.join(', ')} could not catch up with the live projections`);
      }
    } finally {
      await this.sql.query(`DROP SCHEMA IF EXISTS ${scratch} CASCADE`);
    }
  }

  /**
   * A batch for every read model in one transaction, each from its own checkpoint (they differ after
   * a rebuild of some of them), with the checkpoints moved in the same transaction. One transaction
   * rather than one per read model: a command's events cost one round of statements and one commit,
   * and the read models always agree on what they have seen. A read model that fails holds the others
   * back until it is fixed: the batch is retried as a whole.
   */
  private async applyBatch(events: StoredEvent[]): Promise<void> {
    await this.sql.transaction(async (tx) => {
      const checkpoints = await this.checkpoints(tx, true);
      const moved: string[] = [];
      for (const projection of this.projections) {
        const checkpoint = checkpoints.get(projection.name) ?? START;
        const fresh = events.filter((e) => comparePositions(e.position, checkpoint) > 0);
        if (fresh.length === 0) continue;
        await projection.apply(tx, this.s, fresh);
        moved.push(projection.name);
      }
      if (moved.length === 0) return;
      const last = events[events.length - 1]!.position;
      await tx.query(`UPDATE ${this.s}.projection_checkpoints SET commit_position = $2::xid8, prepare_position = $3 WHERE name = ANY($1::text[])`, [
        moved,
        last.commit.toString(),
        last.prepare.toString(),
      ]);
    });
  }

  /** Every read model's checkpoint, locked (in name order, as a rebuild's swap locks them) when asked. */
  private async checkpoints(sql: SqlExecutor, lock = false): Promise<Map<string, GlobalPosition>> {
    const rows = await sql.query<{ name: string; commit_position: string; prepare_position: string | number }>(
      `SELECT name, commit_position::text, prepare_position FROM ${this.s}.projection_checkpoints WHERE name = ANY($1::text[])
       ORDER BY name COLLATE "C"${lock ? ' FOR UPDATE' : ''}`,
      [this.names()],
    );
    return new Map(rows.map((row) => [row.name, { commit: BigInt(row.commit_position), prepare: BigInt(row.prepare_position) }]));
  }

  private async moveCheckpoint(tx: SqlExecutor, name: string, position: GlobalPosition): Promise<void> {
    await tx.query(`UPDATE ${this.s}.projection_checkpoints SET commit_position = $2::xid8, prepare_position = $3 WHERE name = $1`, [
      name,
      position.commit.toString(),
      position.prepare.toString(),
    ]);
  }
}
