import { Inject, Injectable } from '@nestjs/common';
import { HealthIndicatorService, type HealthCheckResult, type HealthIndicatorResult } from '@nestjs/terminus';
import type { Logger } from 'pino';
import { APP_CONFIG, CLOCK, LOGGER, noticesOf, operationsOf, type AppConfig, type Clock } from '../config/index.js';
import { EVENT_STORE, missingMigrations, type EventStore } from '../event-store/index.js';
import { outageLog, type OutageLog } from '../http/index.js';
import { noticeBacklog, OUTBOX_CHANNELS } from '../notices/index.js';
import { PROJECTIONS, type ProjectionRunner } from '../projections/index.js';
import { READ_MODELS, type ReadModelDatabase } from '../read-models/index.js';

/** A check that does not answer within this time counts as down: a probe must answer before Kubernetes gives up on it. */
const CHECK_TIMEOUT_MS = 3_000;
/** Failed attempts at a batch (about 3 s of backoff) before a read model that cannot apply it makes the service not ready. */
const FAILED_ATTEMPTS_NOT_READY = 5;

/**
 * What readiness means: the store answers, its schema and the read models are this code's, the read
 * models keep up (on a node that feeds them), the outbox moves; and the process is not shutting down.
 */
@Injectable()
export class Readiness {
  private draining = false;
  private readonly unready: OutageLog;

  constructor(
    private readonly indicators: HealthIndicatorService,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(READ_MODELS) private readonly db: ReadModelDatabase,
    @Inject(PROJECTIONS) private readonly projections: ProjectionRunner,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(LOGGER) logger: Logger,
  ) {
    this.unready = outageLog('readiness', { warn: (message) => logger.warn(message), info: (message) => logger.info(message) });
  }

  /** From SIGTERM on: not ready, so that the load balancer sends requests elsewhere while this process still answers. */
  drain(): void {
    this.draining = true;
  }

  /**
   * Logs what a probe found: a warning when the node turns unready, naming the failing checks, then once
   * a minute while it stays so, and a line when it is ready again; not one a probe. Nothing while it
   * drains: not being ready is then the plan.
   */
  report({ status, error }: HealthCheckResult): void {
    if (this.draining) return;
    if (status === 'ok') return this.unready.succeeded();
    const failing = Object.entries(error ?? {}).map(([check, details]) => `${check}: ${typeof details?.message === 'string' ? details.message : 'down'}`);
    this.unready.failed(`not ready (GET /health/ready answers 503): ${failing.join('; ')}`);
  }

  checks(): (() => PromiseLike<HealthIndicatorResult>)[] {
    if (this.draining) {
      return [async () => this.indicators.check('shutdown').down({ message: 'shutting down: answering the requests that still come until the drain ends (SHUTDOWN_DRAIN_MS)' })];
    }
    const { readyMaxLagEvents, readyMaxNoticeDelaySeconds } = operationsOf(this.config);
    const notices = noticesOf(this.config);
    const sentHere = OUTBOX_CHANNELS.filter((channel) => notices[channel]);
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
        if (behind.length === 0) return { maxLagEvents: readyMaxLagEvents };
        const names = behind.map((p) => p.name).join(', ');
        if (this.config.projections !== 'off') throw new Error(`more than ${readyMaxLagEvents} events behind: ${names}`);
        // Taking a node that feeds no read model out of the load balancer would not make them catch up: it
        // would only turn stale reads into no answers (every API node at once when the projection nodes are down).
        return {
          maxLagEvents: readyMaxLagEvents,
          behind: Object.fromEntries(behind.map((p) => [p.name, p.lag])),
          message: `more than ${readyMaxLagEvents} events behind: ${names}; ready all the same, as this node does not feed the read models (PROJECTIONS=off): see the nodes that do`,
        };
      }),
      // Only the channels this process sends on: without a sender, notices wait by design.
      ...(sentHere.length === 0 ? [] : [attempt('noticeOutbox', async () => {
        const backlog = await noticeBacklog(this.db, this.clock());
        const oldestDueSeconds = Math.max(...sentHere.map((channel) => backlog[channel].oldestDueSeconds));
        if (oldestDueSeconds > readyMaxNoticeDelaySeconds) throw new Error(`a notice has been due for ${Math.round(oldestDueSeconds)} s`);
        return { oldestDueSeconds };
      })]),
    ];
  }
}
