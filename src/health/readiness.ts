import { Inject, Injectable } from '@nestjs/common';
import { HealthIndicatorService, type HealthIndicatorResult } from '@nestjs/terminus';
import { APP_CONFIG, CLOCK, noticesOf, operationsOf, type AppConfig, type Clock } from '../config/index.js';
import { EVENT_STORE, missingMigrations, type EventStore } from '../event-store/index.js';
import { noticeBacklog } from '../notices/index.js';
import { PROJECTIONS, type ProjectionRunner } from '../projections/index.js';
import { READ_MODELS, type ReadModelDatabase } from '../read-models/index.js';

/** A check that does not answer within this time counts as down: a probe must answer before Kubernetes gives up on it. */
const CHECK_TIMEOUT_MS = 3_000;
/** Failed attempts at a batch (about 3 s of backoff) before a read model that cannot apply it makes the service not ready. */
const FAILED_ATTEMPTS_NOT_READY = 5;

/**
 * What readiness means: the store answers, its schema and the read models are this code's, the read
 * models keep up, the outbox moves; and the process is not shutting down.
 */
@Injectable()
export class Readiness {
  private draining = false;

  constructor(
    private readonly indicators: HealthIndicatorService,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(READ_MODELS) private readonly db: ReadModelDatabase,
    @Inject(PROJECTIONS) private readonly projections: ProjectionRunner,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** From SIGTERM on: not ready, so that the load balancer sends requests elsewhere while this process still answers. */
  drain(): void {
    this.draining = true;
  }

  checks(): (() => PromiseLike<HealthIndicatorResult>)[] {
    if (this.draining) {
      return [async () => this.indicators.check('shutdown').down({ message: 'shutting down: answering the requests that still come until the drain ends (SHUTDOWN_DRAIN_MS)' })];
    }
    const { readyMaxLagEvents, readyMaxNoticeDelaySeconds } = operationsOf(this.config);
    const notices = noticesOf(this.config);
    const sentHere = [...(notices.email ? ['email'] : []), ...(notices.sms ? ['sms'] : [])];
    const attempt = (key: string, check: () => Promise<Record<string, unknown>>) => () =>
      this.indicators.check(key).attempt(check).withTimeout(CHECK_TIMEOUT_MS);
    return [
      attempt('store', async () => {
        const health = await this.store.health();
        if (health.status !== 'up') throw new Error(health.detail ?? 'the event store does not answer');
        return { kind: health.kind };
      }),
      attempt('migrations', async () => {
        const missing = this.store.kind === 'eventstoredb' ? [] : await missingMigrations(this.db.sql, this.db.schema);
        if (missing.length > 0) throw new Error(`event store migrations not applied: ${missing.join(', ')}`);
        const stale = await this.projections.needingRebuild();
        if (stale.length > 0) throw new Error(`read models to rebuild: ${stale.join(', ')}`);
        return {};
      }),
      attempt('readModels', async () => {
        const statuses = await this.projections.status();
        // A passing fault (a lost connection) clears within a few attempts; an event a read model cannot take does not.
        const failing = statuses.find((p) => p.failing !== null && p.failing.attempts >= FAILED_ATTEMPTS_NOT_READY)?.failing;
        if (failing) throw new Error(`read model ${failing.readModel} cannot apply events since ${failing.since} (${failing.attempts} attempts): ${failing.error}`);
        const behind = statuses.filter((p) => p.lag !== null && p.lag > readyMaxLagEvents);
        if (behind.length > 0) throw new Error(`more than ${readyMaxLagEvents} events behind: ${behind.map((p) => p.name).join(', ')}`);
        return { maxLagEvents: readyMaxLagEvents };
      }),
      // Only the channels this process sends on: without a sender, notices wait by design.
      ...(sentHere.length === 0 ? [] : [attempt('noticeOutbox', async () => {
        const { oldestDueSeconds } = await noticeBacklog(this.db, this.clock(), sentHere);
        if (oldestDueSeconds > readyMaxNoticeDelaySeconds) throw new Error(`a notice has been due for ${Math.round(oldestDueSeconds)} s`);
        return { oldestDueSeconds };
      })]),
    ];
  }
}
