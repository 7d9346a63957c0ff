import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { Gauge } from 'prom-client';
import type { Logger } from 'pino';
import { CLOCK, LOGGER, type Clock } from '../config/index.js';
import { EVENT_STORE, type EventStore } from '../event-store/index.js';
import { noticeBacklog } from '../notices/index.js';
import { PROJECTIONS, type ProjectionRunner } from '../projections/index.js';
import { READ_MODELS, type ReadModelDatabase } from '../read-models/index.js';
import { CountOpenCases, type OpenCaseCount } from '../reports/nest.js';
import { METRICS, type Metrics } from './metrics.js';

const WARN_EVERY_MS = 60_000;

/**
 * Gauges read from the database when Prometheus scrapes: the read models' lag, the notice outbox,
 * the open cases by SLA status. A read that fails leaves its gauge empty for that scrape (and logs why).
 */
@Injectable()
export class ReadOuts implements OnModuleInit {
  constructor(
    @Inject(METRICS) private readonly metrics: Metrics,
    @Inject(PROJECTIONS) private readonly projections: ProjectionRunner,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(READ_MODELS) private readonly db: ReadModelDatabase,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(LOGGER) private readonly logger: Logger,
    private readonly queries: QueryBus,
  ) {}

  onModuleInit(): void {
    const registers = [this.metrics.registry];
    const lagEvents = new Gauge({ name: 'complaint_engine_read_model_lag_events', help: 'Events stored that a read model has yet to apply (counted up to 10 000)', labelNames: ['read_model'] as const, registers });
    const lagSeconds = new Gauge({ name: 'complaint_engine_read_model_lag_seconds', help: 'Age of the oldest event a read model has yet to apply (0 when it is up to date)', labelNames: ['read_model'] as const, registers });
    // By channel: a channel no node sends on (no SMTP configured) has notices waiting by design, and an alert must be able to leave it out.
    const notices = new Gauge({ name: 'complaint_engine_notices', help: 'Notices in the outbox by channel (email, sms) and status (pending is the backlog)', labelNames: ['channel', 'status'] as const, registers });
    const retries = new Gauge({ name: 'complaint_engine_notice_retries', help: 'Send attempts beyond the first, over every notice in the outbox, by channel', labelNames: ['channel'] as const, registers });
    const oldestDue = new Gauge({ name: 'complaint_engine_notice_oldest_due_seconds', help: 'How long the oldest pending notice of a channel has been due (0 when none is due)', labelNames: ['channel'] as const, registers });
    const openCases = new Gauge({ name: 'complaint_engine_open_cases', help: 'Open cases by handling department and SLA status (on-track, at-risk, breached; met: decided, not yet closed)', labelNames: ['department', 'sla_status'] as const, registers });

    this.readOut([lagEvents, lagSeconds], async () => {
      const now = this.clock().getTime();
      lagEvents.reset();
      lagSeconds.reset();
      for (const status of await this.projections.status()) {
        if (status.lag !== null) lagEvents.set({ read_model: status.name }, status.lag);
        const after = { commit: BigInt(status.position.commit), prepare: BigInt(status.position.prepare) };
        const [oldest] = await this.store.readAll({ after, limit: 1 });
        lagSeconds.set({ read_model: status.name }, oldest ? Math.max(0, (now - Date.parse(oldest.recordedAt)) / 1000) : 0);
      }
    });
    this.readOut([notices, retries, oldestDue], async () => {
      for (const [channel, backlog] of Object.entries(await noticeBacklog(this.db, this.clock()))) {
        for (const [status, count] of Object.entries(backlog.byStatus)) notices.set({ channel, status }, count);
        retries.set({ channel }, backlog.retries);
        oldestDue.set({ channel }, backlog.oldestDueSeconds);
      }
    });
    this.readOut([openCases], async () => {
      const counts: OpenCaseCount[] = await this.queries.execute(new CountOpenCases(this.clock().toISOString()));
      openCases.reset();
      for (const { department, status, cases } of counts) openCases.set({ department, sla_status: status }, cases);
    });
  }

  private readOut(gauges: Gauge[], read: () => Promise<void>): void {
    this.metrics.beforeScrape(async () => {
      try {
        await read();
      } catch (error) {
        for (const gauge of gauges) gauge.reset();
        this.warn(error);
      }
    });
  }

  /** When the last failure was logged, and how many went unlogged since: an outage's every scrape failing is one line a minute. */
  private warned = { at: Number.NEGATIVE_INFINITY, since: 0 };

  private warn(error: unknown): void {
    const now = Date.now();
    if (now - this.warned.at < WARN_EVERY_MS) {
      this.warned.since += 1;
      return;
    }
    const more = this.warned.since > 0 ? ` (and ${this.warned.since} more since the last line)` : '';
    this.warned = { at: now, since: 0 };
    this.logger.warn(`metrics read-out failed: ${(error as Error)?.message ?? String(error)}${more}`);
  }
}
