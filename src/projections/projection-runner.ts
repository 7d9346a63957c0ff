import { comparePositions, START, type EventStore, type GlobalPosition, type Subscription } from '../event-store/event-store.js';
import type { SqlClient, SqlExecutor } from '../event-store/postgres/sql-client.js';
import type { Projection } from './projection.js';

export interface ProjectionStatus {
  name: string;
  position: { commit: string; prepare: string };
  /** Events stored after the projection's position (counted up to 10 000). */
  lag: number;
  running: boolean;
}

/**
 * Feeds each projection the global event order from its own checkpoint. A batch's read-model writes
 * and its checkpoint commit in one transaction, so each event counts exactly once, also across
 * crashes and restarts; a batch delivered again after a crash is skipped up to the checkpoint.
 */
export class ProjectionRunner {
  private readonly subscriptions = new Map<string, Subscription>();
  private readonly s: string;

  constructor(
    private readonly store: EventStore,
    private readonly sql: SqlClient,
    private readonly projections: readonly Projection[],
    schema = 'public',
  ) {
    this.s = `"${schema}"`;
  }

  async start(): Promise<void> {
    await this.sql.query(
      `CREATE TABLE IF NOT EXISTS ${this.s}.projection_checkpoints (name text PRIMARY KEY, commit_position xid8 NOT NULL, prepare_position bigint NOT NULL)`,
    );
    for (const projection of this.projections) {
      await projection.migrate(this.sql, this.s);
      await this.sql.query(
        `INSERT INTO ${this.s}.projection_checkpoints (name, commit_position, prepare_position) VALUES ($1, '0', 0) ON CONFLICT DO NOTHING`,
        [projection.name],
      );
      const after = await this.checkpoint(this.sql, projection.name);
      this.subscriptions.set(
        projection.name,
        this.store.subscribeToAll({ after, onEvents: (events) => this.applyBatch(projection, events) }),
      );
    }
  }

  /** Resolves when every projection has applied everything stored when it was called. */
  async caughtUp(): Promise<void> {
    await Promise.all([...this.subscriptions.values()].map((s) => s.caughtUp()));
  }

  async stop(): Promise<void> {
    await Promise.all([...this.subscriptions.values()].map((s) => s.stop()));
    this.subscriptions.clear();
  }

  async status(): Promise<ProjectionStatus[]> {
    return Promise.all(
      this.projections.map(async ({ name }) => {
        const position = await this.checkpoint(this.sql, name);
        const [row] = await this.sql.query<{ lag: number | string }>(
          `SELECT count(*) AS lag FROM (SELECT 1 FROM ${this.s}.events WHERE (transaction_id, sequence) > ($1::xid8, $2::bigint) LIMIT 10000) pending`,
          [position.commit.toString(), position.prepare.toString()],
        );
        return {
          name,
          position: { commit: position.commit.toString(), prepare: position.prepare.toString() },
          lag: Number(row?.lag ?? 0),
          running: this.subscriptions.has(name),
        };
      }),
    );
  }

  private async applyBatch(projection: Projection, events: Parameters<Projection['apply']>[2]): Promise<void> {
    await this.sql.transaction(async (tx) => {
      const checkpoint = await this.checkpoint(tx, projection.name, true);
      const fresh = events.filter((e) => comparePositions(e.position, checkpoint) > 0);
      if (fresh.length === 0) return;
      await projection.apply(tx, this.s, fresh);
      const last = fresh[fresh.length - 1]!.position;
      await tx.query(`UPDATE ${this.s}.projection_checkpoints SET commit_position = $2::xid8, prepare_position = $3 WHERE name = $1`, [
        projection.name,
        last.commit.toString(),
        last.prepare.toString(),
      ]);
    });
  }

  private async checkpoint(sql: SqlExecutor, name: string, lock = false): Promise<GlobalPosition> {
    const [row] = await sql.query<{ commit_position: string; prepare_position: string | number }>(
      `SELECT commit_position::text, prepare_position FROM ${this.s}.projection_checkpoints WHERE name = $1${lock ? ' FOR UPDATE' : ''}`,
      [name],
    );
    return row ? { commit: BigInt(row.commit_position), prepare: BigInt(row.prepare_position) } : START;
  }
}
