import { randomBytes } from 'node:crypto';
import { comparePositions, START, type EventStore, type GlobalPosition, type StoredEvent, type Subscription } from '../event-store/index.js';
import type { ReadModel } from '../read-models/index.js';
import { changeSchema, type SqlClient, type SqlExecutor } from '../sql/index.js';
import { compareTables, type ReadModelComparison } from './read-model-check.js';

export interface ProjectionStatus {
  name: string;
  /** `leader`: this process feeds the read models; `standby`: another does, this one waits to take over. */
  role: 'leader' | 'standby';
  position: { commit: string; prepare: string };
  /** Events stored after the projection's position, counted up to 10 000 (null where the store cannot count). */
  lag: number | null;
  running: boolean;
  /** The read model's version in this code, and the version its tables were built by. */
  version: number;
  builtByVersion: number;
  /** Built by another version: not fed until `npm run projections:rebuild` builds it anew. */
  needsRebuild: boolean;
  /**
   * Why it is not being fed, while a batch keeps failing (retried with backoff): the read model that
   * fails, or another one holding it back (a batch applies to all of them in one transaction).
   */
  failing: { readModel: string; error: string; since: string; attempts: number } | null;
}

export interface RebuildProgress {
  done: number;
  /** Events stored when the rebuild started (more may arrive while it runs). */
  total: number;
}

/** Large: a batch writes each of its cases' rows once, so the fewer batches a case spans, the fewer times it is rewritten. */
const REBUILD_BATCH = 50_000;
const SWAP_ATTEMPTS = 20;
/** How often the checkpoints are looked at while reads wait for them (read-your-writes): once for all of them. */
const CAUGHT_UP_POLL_MS = 25;
/** Of an error's message, in logs and status: a failing statement's message can quote its parameters, megabytes of them. */
const MAX_ERROR_TEXT = 500;

/** A read model's `apply` failed: which one, so that the status can say. */
class ReadModelFailed extends Error {
  constructor(
    readonly readModel: string,
    cause: unknown,
  ) {
    super(`${readModel}: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
  }
}

/** A read model's checkpoint: how far in the global order it is, and which version built its tables. */
interface Checkpoint {
  position: GlobalPosition;
  version: number;
  /** The settings digest it was built with, null where unknown. */
  settings: string | null;
}

/**
 * Feeds each read model the global event order from its own checkpoint. A batch's read-model writes
 * and its checkpoint commit in one transaction, so each event counts exactly once, also across
 * crashes and restarts; a batch delivered again is skipped up to the checkpoint. A read model whose
 * tables another version built is not fed until it is rebuilt.
 */
export class ProjectionRunner {
  private subscription: Subscription | undefined;
  private readonly s: string;
  private releaseLeadership: (() => Promise<void>) | undefined;
  private standby: NodeJS.Timeout | undefined;
  private standbyRetryMs = 2_000;
  /** A leader that lost its lock, stopping its subscription. */
  private steppingDown: Promise<void> | undefined;
  private stopped = false;
  private failing: ProjectionStatus['failing'] = null;
  /** Reads waiting for the read models to pass the store's head as it was when they came (`readModelsCaughtUp`). */
  private waiting: { head: GlobalPosition; deadline: number; resolve: (caughtUp: boolean) => void }[] = [];
  private watching: Promise<void> | undefined;

  constructor(
    private readonly store: EventStore,
    private readonly sql: SqlClient,
    private readonly readModels: readonly ReadModel[],
    private readonly schema = 'public',
    private readonly logError: (message: string) => void = (message) => console.error(message),
  ) {
    this.s = `"${schema}"`;
  }

  /** Creates the read-model tables and checkpoints; `start` does this too. */
  async prepare(): Promise<void> {
    await changeSchema(this.sql, this.s, async (tx) => {
      await tx.query(
        `CREATE TABLE IF NOT EXISTS ${this.s}.projection_checkpoints (name text PRIMARY KEY, commit_position xid8 NOT NULL, prepare_position bigint NOT NULL)`,
      );
      // Checkpoints written before read models had versions were all of version 1.
      await tx.query(`ALTER TABLE ${this.s}.projection_checkpoints ADD COLUMN IF NOT EXISTS version integer NOT NULL DEFAULT 1`);
      // The settings a read model was built with (ReadModel.settings); unknown (null) before they were kept: taken to be today's.
      await tx.query(`ALTER TABLE ${this.s}.projection_checkpoints ADD COLUMN IF NOT EXISTS settings text`);
      for (const projection of this.readModels) {
        await projection.migrate(tx, this.s);
        await tx.query(
          `INSERT INTO ${this.s}.projection_checkpoints (name, commit_position, prepare_position, version, settings) VALUES ($1, '0', 0, $2, $3)
           ON CONFLICT (name) DO UPDATE SET settings = excluded.settings WHERE projection_checkpoints.settings IS NULL`,
          [projection.name, projection.version, projection.settings ?? null],
        );
      }
    });
  }

  /**
   * Prepares the tables, then feeds the projections if this process becomes the leader: one process
   * at a time holds a PostgreSQL advisory lock for the schema; the others stand by and try again
   * every `standbyRetryMs`, so one of them takes over within that time when the leader dies. A leader
   * whose lock went with its connection to the database stops feeding and stands by in turn.
   */
  async start(standbyRetryMs = 2_000): Promise<void> {
    this.stopped = false;
    this.standbyRetryMs = standbyRetryMs;
    await this.prepare();
    await this.tryLead();
  }

  /** Leads if the lock is free; else, or if leading fails to start, tries again after `standbyRetryMs`. */
  private async tryLead(): Promise<void> {
    this.standby = undefined;
    if (this.stopped) return;
    // Told of a loss only once it resolved: a connection's events come after.
    const release: (() => Promise<void>) | undefined = await this.sql
      .tryLock(`projections:${this.s}`, (error) => this.stepDown(release!, error))
      .catch(() => undefined);
    if (release && !this.stopped) {
      this.releaseLeadership = release;
      try {
        await this.lead(release);
        return;
      } catch (error) {
        this.failed(error);
        if (this.releaseLeadership === release) this.releaseLeadership = undefined;
      }
    }
    await release?.();
    if (!this.stopped) this.standby = setTimeout(() => void this.tryLead(), this.standbyRetryMs);
  }

  /** One subscription for every read model it feeds, from the checkpoint furthest behind; none if the lock went meanwhile. */
  private async lead(lock: () => Promise<void>): Promise<void> {
    const checkpoints = await this.checkpoints(this.sql);
    if (this.releaseLeadership !== lock) return;
    const fed = this.readModels.filter((p) => !this.stale(p, checkpoints)).map((p) => checkpoints.get(p.name)?.position ?? START);
    const after = fed.reduce((min, position) => (comparePositions(position, min) < 0 ? position : min), fed[0] ?? START);
    this.subscription = this.store.subscribeToAll({
      after,
      onEvents: async (events) => {
        await this.applyBatch(events);
        this.failing = null;
      },
      onError: (error) => this.failed(error),
    });
  }

  /**
   * The lock went with its session (the connection to the database broke, or was terminated): another
   * node may lead now. Stops feeding after the batch in progress, stands by and tries again.
   */
  private stepDown(lock: () => Promise<void>, error: Error): void {
    if (this.releaseLeadership !== lock) return;
    this.releaseLeadership = undefined;
    const subscription = this.subscription;
    this.subscription = undefined;
    this.logError(`read models: the projection leader lock was lost with its connection (${error.message.slice(0, MAX_ERROR_TEXT)}); standing by`);
    this.steppingDown = (async () => {
      await subscription?.stop();
      await lock();
      if (!this.stopped) this.standby = setTimeout(() => void this.tryLead(), this.standbyRetryMs);
    })();
  }

  /**
   * A read or a batch failed; the subscription retries it. Said once per attempt, in a line of bounded
   * length. A read model that fails is kept for the status until a batch applies (an unreachable store
   * is the store's health to say).
   */
  private failed(error: unknown): void {
    const text = (error instanceof Error ? error.message : String(error)).slice(0, MAX_ERROR_TEXT);
    if (error instanceof ReadModelFailed) {
      const attempts = (this.failing?.attempts ?? 0) + 1;
      this.failing = { readModel: error.readModel, error: text, since: this.failing?.since ?? new Date().toISOString(), attempts };
    }
    this.logError(`read models: ${text} (retrying)`);
  }

  /** Resolves when every projection has applied everything stored when it was called. */
  async caughtUp(): Promise<void> {
    await this.subscription?.caughtUp();
  }

  /**
   * Waits until every read model fed has applied all events stored when called, by whichever node
   * feeds them (it reads the checkpoints, so a node with PROJECTIONS=off waits too): read-your-writes
   * for a query that asks for it. False when `timeoutMs` passed first (the read models are behind, or
   * failing: the answer then comes from where they stand).
   */
  async readModelsCaughtUp(timeoutMs: number): Promise<boolean> {
    const head = await this.store.head();
    if (!head) return true;
    return new Promise<boolean>((resolve) => {
      this.waiting.push({ head, deadline: Date.now() + timeoutMs, resolve });
      this.watching ??= this.watchCheckpoints();
    });
  }

  /** One look at the checkpoints for all the reads waiting, however many: each is answered once they pass its head, or at its deadline. */
  private async watchCheckpoints(): Promise<void> {
    try {
      while (this.waiting.length > 0) {
        const checkpoints = await this.checkpoints(this.sql);
        const fed = this.readModels.filter((p) => !this.stale(p, checkpoints)).map((p) => checkpoints.get(p.name)?.position ?? START);
        const now = Date.now();
        this.waiting = this.waiting.filter(({ head, deadline, resolve }) => {
          if (fed.every((position) => comparePositions(position, head) >= 0)) resolve(true);
          else if (now >= deadline) resolve(false);
          else return true;
          return false;
        });
        if (this.waiting.length > 0) await new Promise((resolve) => setTimeout(resolve, CAUGHT_UP_POLL_MS));
      }
    } catch {
      // The read models cannot be read now: the reads go on with where they stand.
      for (const { resolve } of this.waiting.splice(0)) resolve(false);
    } finally {
      this.watching = undefined;
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.standby);
    await this.steppingDown;
    await this.subscription?.stop();
    this.subscription = undefined;
    await this.releaseLeadership?.();
    this.releaseLeadership = undefined;
  }

  names(): string[] {
    return this.readModels.map((p) => p.name);
  }

  /** The read models whose tables another version built. */
  async needingRebuild(): Promise<string[]> {
    const checkpoints = await this.checkpoints(this.sql);
    return this.readModels.filter((p) => this.stale(p, checkpoints)).map((p) => p.name);
  }

  async status(): Promise<ProjectionStatus[]> {
    const checkpoints = await this.checkpoints(this.sql);
    return Promise.all(
      this.readModels.map(async (projection) => {
        const { position, version } = checkpoints.get(projection.name) ?? { position: START, version: projection.version };
        return {
          name: projection.name,
          role: this.releaseLeadership ? ('leader' as const) : ('standby' as const),
          position: { commit: position.commit.toString(), prepare: position.prepare.toString() },
          lag: this.store.countEventsAfter ? await this.store.countEventsAfter(position, 10_000) : null,
          running: this.subscription !== undefined,
          version: projection.version,
          builtByVersion: version,
          needsRebuild: this.stale(projection, checkpoints),
          failing: this.failing,
        };
      }),
    );
  }

  /** Built by another version, or with other settings than this process's (a calendar or a deadline changed since). */
  private stale(projection: ReadModel, checkpoints: Map<string, Checkpoint>): boolean {
    const checkpoint = checkpoints.get(projection.name);
    if (!checkpoint) return false;
    return checkpoint.version !== projection.version || (checkpoint.settings !== null && (projection.settings ?? null) !== checkpoint.settings);
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
    const projections = this.readModels.filter((p) => names.includes(p.name));
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
          // Unbounded, as the swap below: a batch of REBUILD_BATCH events may take its statements longer than a command's.
          await this.sql.transaction(
            async (tx) => {
              for (const projection of projections) await projection.apply(tx, scratch, batch);
            },
            { unbounded: true },
          );
          done += batch.length;
          onProgress?.({ done, total: Math.max(total, done) });
        }
      };
      for (let attempt = 1; ; attempt++) {
        await catchUp();
        const swapped = await this.sql.transaction(async (tx) => {
          // Not behind any read model the live runner feeds: the events in between would be missing.
          const live = await this.checkpoints(tx, true);
          if ([...live.values()].some((checkpoint) => comparePositions(checkpoint.position, position) > 0)) return false;
          for (const projection of projections) {
            for (const table of projection.tables) {
              await tx.query(`DROP TABLE IF EXISTS ${this.s}."${table}"`);
              await tx.query(`ALTER TABLE ${scratch}."${table}" SET SCHEMA ${this.s}`);
            }
            await tx.query(`UPDATE ${this.s}.projection_checkpoints SET commit_position = $2::xid8, prepare_position = $3, version = $4, settings = $5 WHERE name = $1`, [
              projection.name,
              position.commit.toString(),
              position.prepare.toString(),
              projection.version,
              projection.settings ?? null,
            ]);
          }
          return true;
        }, { unbounded: true });
        if (swapped) return { events: done };
        if (attempt >= SWAP_ATTEMPTS) throw new Error(`rebuild of ${names.join(', ')} could not catch up with the live projections`);
      }
    } finally {
      await this.sql.query(`DROP SCHEMA IF EXISTS ${scratch} CASCADE`);
    }
  }

  /**
   * Rebuilds every read model fed (not those needing a rebuild) from the events into a scratch schema,
   * each up to the checkpoint its live tables are at, and compares them row by row: a row that differs
   * was not written from the events. The live tables are left as they are, and a read model that lags
   * is compared as far as it got. A live runner goes on meanwhile; the comparison itself holds the
   * checkpoints (as a rebuild's swap does), so that the runner's next batch waits for it, and catches
   * up and tries again when the runner moved on while it was rebuilding.
   */
  async compareWithEvents(limit = 100, onProgress?: (progress: RebuildProgress) => void): Promise<ReadModelComparison> {
    const checkedAt = new Date().toISOString();
    // A store no service has projected yet (an import, a copy) has no read models: nothing to compare.
    const [table] = await this.sql.query<{ name: string | null }>(`SELECT to_regclass($1)::text AS name`, [`${this.s}.projection_checkpoints`]);
    const first = table?.name ? await this.checkpoints(this.sql) : new Map<string, Checkpoint>();
    const compared = this.readModels.filter((p) => first.has(p.name) && !this.stale(p, first));
    const note = (p: ReadModel) =>
      first.has(p.name) ? 'built by another version or with other settings: not compared until rebuilt (npm run projections:rebuild -- --stale)' : 'not built in this store yet: not compared';
    if (compared.length === 0) {
      return { ok: true, checkedAt, events: 0, readModels: this.readModels.map((p) => ({ name: p.name, compared: false, differences: 0, note: note(p) })), differences: [], truncated: false };
    }
    const scratchName = `verify_${randomBytes(6).toString('hex')}`;
    const scratch = `"${scratchName}"`;
    await this.sql.query(`CREATE SCHEMA ${scratch}`);
    try {
      for (const projection of compared) await projection.migrate(this.sql, scratch);
      const built = new Map(compared.map((p) => [p.name, START]));
      const total = this.store.countEventsAfter ? await this.store.countEventsAfter(START) : 0;
      let done = 0;
      /** Applies to each read model the events after what it has and up to its target. */
      const catchUp = async (targets: Map<string, GlobalPosition>) => {
        const positions = [...built.values()];
        let after = positions.reduce((min, p) => (comparePositions(p, min) < 0 ? p : min), positions[0] ?? START);
        const furthest = [...targets.values()].reduce((max, p) => (comparePositions(p, max) > 0 ? p : max), START);
        while (comparePositions(after, furthest) < 0) {
          const batch = (await this.store.readAll({ after, limit: REBUILD_BATCH })).filter((e) => comparePositions(e.position, furthest) <= 0);
          if (batch.length === 0) break;
          after = batch[batch.length - 1]!.position;
          await this.sql.transaction(
            async (tx) => {
              for (const projection of compared) {
                const from = built.get(projection.name)!;
                const to = targets.get(projection.name)!;
                const fresh = batch.filter((e) => comparePositions(e.position, from) > 0 && comparePositions(e.position, to) <= 0);
                if (fresh.length > 0) await projection.apply(tx, scratch, fresh);
              }
            },
            { unbounded: true },
          );
          done += batch.length;
          onProgress?.({ done, total: Math.max(total, done) });
        }
        for (const projection of compared) built.set(projection.name, targets.get(projection.name)!);
      };
      for (let attempt = 1; ; attempt++) {
        const live = await this.checkpoints(this.sql);
        await catchUp(new Map(compared.map((p) => [p.name, live.get(p.name)?.position ?? START])));
        const result = await this.sql.transaction(
          async (tx) => {
            // The live tables as of the checkpoints the rebuild reached: the runner's next batch waits until this commits.
            const now = await this.checkpoints(tx, true);
            if (compared.some((p) => comparePositions(now.get(p.name)?.position ?? START, built.get(p.name)!) !== 0)) return undefined;
            return compareTables(tx, this.schema, scratchName, compared, limit);
          },
          { unbounded: true },
        );
        if (result) {
          return {
            ok: result.differences.length === 0,
            checkedAt,
            events: done,
            readModels: this.readModels.map((p) => {
              const position = built.get(p.name);
              return position
                ? { name: p.name, compared: true, position: { commit: position.commit.toString(), prepare: position.prepare.toString() }, differences: result.counts.get(p.name) ?? 0 }
                : { name: p.name, compared: false, differences: 0, note: note(p) };
            }),
            differences: result.differences,
            truncated: result.truncated,
          };
        }
        if (attempt >= SWAP_ATTEMPTS) throw new Error('the comparison of the read models with the events could not catch up with the live projections');
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
      for (const projection of this.readModels) {
        if (this.stale(projection, checkpoints)) continue;
        const checkpoint = checkpoints.get(projection.name)?.position ?? START;
        const fresh = events.filter((e) => comparePositions(e.position, checkpoint) > 0);
        if (fresh.length === 0) continue;
        await projection.apply(tx, this.s, fresh).catch((error: unknown) => {
          throw new ReadModelFailed(projection.name, error);
        });
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
  private async checkpoints(sql: SqlExecutor, lock = false): Promise<Map<string, Checkpoint>> {
    const rows = await sql.query<{ name: string; commit_position: string; prepare_position: string | number; version: number; settings: string | null }>(
      `SELECT name, commit_position::text, prepare_position, version, settings FROM ${this.s}.projection_checkpoints WHERE name = ANY($1::text[])
       ORDER BY name COLLATE "C"${lock ? ' FOR UPDATE' : ''}`,
      [this.names()],
    );
    return new Map(rows.map((row) => [row.name, { position: { commit: BigInt(row.commit_position), prepare: BigInt(row.prepare_position) }, version: row.version, settings: row.settings }]));
  }
}
