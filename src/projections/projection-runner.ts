import { randomBytes } from 'node:crypto';
import { comparePositions, START, type EventStore, type GlobalPosition, type StoredEvent, type Subscription } from '../event-store/event-store.js';
import type { SqlClient, SqlExecutor } from '../event-store/postgres/sql-client.js';
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
  projection: string;
  done: number;
  /** Events stored when the rebuild started (more may arrive while it runs). */
  total: number;
}

const REBUILD_BATCH = 2_000;
const SWAP_ATTEMPTS = 20;

/**
 * Feeds each projection the global event order from its own checkpoint. A batch's read-model writes
 * and its checkpoint commit in one transaction, so each event counts exactly once, also across
 * crashes and restarts; a batch delivered again is skipped up to the checkpoint.
 */
export class ProjectionRunner {
  private readonly subscriptions = new Map<string, Subscription>();
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
    await this.sql.query(
      `CREATE TABLE IF NOT EXISTS ${this.s}.projection_checkpoints (name text PRIMARY KEY, commit_position xid8 NOT NULL, prepare_position bigint NOT NULL)`,
    );
    for (const projection of this.projections) {
      await projection.migrate(this.sql, this.s);
      await this.sql.query(
        `INSERT INTO ${this.s}.projection_checkpoints (name, commit_position, prepare_position) VALUES ($1, '0', 0) ON CONFLICT DO NOTHING`,
        [projection.name],
      );
    }
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

  private async lead(): Promise<void> {
    for (const projection of this.projections) {
      const after = await this.checkpoint(this.sql, projection.name);
      this.subscriptions.set(projection.name, this.store.subscribeToAll({ after, onEvents: (events) => this.applyBatch(projection, events) }));
    }
  }

  /** Resolves when every projection has applied everything stored when it was called. */
  async caughtUp(): Promise<void> {
    await Promise.all([...this.subscriptions.values()].map((s) => s.caughtUp()));
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.standby);
    await Promise.all([...this.subscriptions.values()].map((s) => s.stop()));
    this.subscriptions.clear();
    await this.releaseLeadership?.();
    this.releaseLeadership = undefined;
  }

  names(): string[] {
    return this.projections.map((p) => p.name);
  }

  async status(): Promise<ProjectionStatus[]> {
    return Promise.all(
      this.projections.map(async ({ name }) => {
        const position = await this.checkpoint(this.sql, name);
        return {
          name,
          role: this.releaseLeadership ? ('leader' as const) : ('standby' as const),
          position: { commit: position.commit.toString(), prepare: position.prepare.toString() },
          lag: this.store.countEventsAfter ? await this.store.countEventsAfter(position, 10_000) : null,
          running: this.subscriptions.has(name),
        };
      }),
    );
  }

  /**
   * Rebuilds a read model from the first event into fresh tables in a scratch schema, then swaps them
   * in, in one transaction: queries keep answering from the old tables until then. The swap holds the
   * checkpoint row, so a live runner (in this process or another) waits and then goes on from the
   * rebuilt position; if the live runner got ahead meanwhile, the rebuild catches up and tries again.
   */
  async rebuild(name: string, onProgress?: (progress: RebuildProgress) => void): Promise<{ events: number }> {
    const projection = this.projections.find((p) => p.name === name);
    if (!projection) throw new RangeError(`unknown projection ${name}; known: ${this.names().join(', ')}`);
    await this.prepare();
    const scratch = `"rebuild_${randomBytes(6).toString('hex')}"`;
    await this.sql.query(`CREATE SCHEMA ${scratch}`);
    try {
      await projection.migrate(this.sql, scratch);
      const total = this.store.countEventsAfter ? await this.store.countEventsAfter(START) : 0;
      let position = START;
      let done = 0;
      const catchUp = async () => {
        for (;;) {
          const batch = await this.store.readAll({ after: position, limit: REBUILD_BATCH });
          if (batch.length === 0) return;
          await this.sql.transaction((tx) => projection.apply(tx, scratch, batch));
          position = batch[batch.length - 1]!.position;
          done += batch.length;
          onProgress?.({ projection: name, done, total: Math.max(total, done) });
        }
      };
      for (let attempt = 1; ; attempt++) {
        await catchUp();
        const swapped = await this.sql.transaction(async (tx) => {
          const live = await this.checkpoint(tx, name, true);
          if (comparePositions(live, position) > 0) return false;
          for (const table of projection.tables) {
            await tx.query(`DROP TABLE IF EXISTS ${this.s}."${table}"`);
            await tx.query(`ALTER TABLE ${scratch}."${table}" SET SCHEMA ${this.s}`);
          }
          await this.moveCheckpoint(tx, name, position);
          return true;
        });
        if (swapped) return { events: done };
        if (attempt >= SWAP_ATTEMPTS) throw new Error(`rebuild of ${name} could not catch up with the live projection`);
      }
    } finally {
      await this.sql.query(`DROP SCHEMA IF EXISTS ${scratch} CASCADE`);
    }
  }

  private async applyBatch(projection: Projection, events: StoredEvent[]): Promise<void> {
    await this.sql.transaction(async (tx) => {
      const checkpoint = await this.checkpoint(tx, projection.name, true);
      const fresh = events.filter((e) => comparePositions(e.position, checkpoint) > 0);
      if (fresh.length === 0) return;
      await projection.apply(tx, this.s, fresh);
      await this.moveCheckpoint(tx, projection.name, fresh[fresh.length - 1]!.position);
    });
  }

  private async moveCheckpoint(tx: SqlExecutor, name: string, position: GlobalPosition): Promise<void> {
    await tx.query(`UPDATE ${this.s}.projection_checkpoints SET commit_position = $2::xid8, prepare_position = $3 WHERE name = $1`, [
      name,
      position.commit.toString(),
      position.prepare.toString(),
    ]);
  }

  private async checkpoint(sql: SqlExecutor, name: string, lock = false): Promise<GlobalPosition> {
    const [row] = await sql.query<{ commit_position: string; prepare_position: string | number }>(
      `SELECT commit_position::text, prepare_position FROM ${this.s}.projection_checkpoints WHERE name = $1${lock ? ' FOR UPDATE' : ''}`,
      [name],
    );
    return row ? { commit: BigInt(row.commit_position), prepare: BigInt(row.prepare_position) } : START;
  }
}
