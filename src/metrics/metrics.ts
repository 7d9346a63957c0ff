import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

export const METRICS = Symbol('Metrics');

/**
 * The service's Prometheus instruments, one registry per service instance (tests run several in one
 * process). Labels are bounded sets only: command types, outcomes, read-model names, notice statuses,
 * departments of the catalog; never a case, a person or a path.
 */
export class Metrics {
  readonly registry = new Registry();

  readonly commands = new Counter({
    name: 'complaint_engine_commands_total',
    help: 'Commands answered, by aggregate, command type and outcome (stored, or the HTTP status of the refusal)',
    labelNames: ['aggregate', 'command', 'outcome'] as const,
    registers: [this.registry],
  });

  readonly commandDuration = new Histogram({
    name: 'complaint_engine_command_duration_seconds',
    help: 'Time from a command request to its answer, by aggregate and command type',
    labelNames: ['aggregate', 'command'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });

  readonly appends = new Counter({
    name: 'complaint_engine_appends_total',
    help: 'Appends to the event store by result: stored, duplicate (a command stored before), conflict (another writer was first; retried by re-reading unless the client sent If-Match)',
    labelNames: ['result'] as const,
    registers: [this.registry],
  });

  readonly seals = new Counter({
    name: 'complaint_engine_seals_written_total',
    help: 'Seals written over the event store (tamper evidence)',
    registers: [this.registry],
  });

  /** No sample until this process verifies (see the constructor): never verified is not a mismatch. */
  readonly lastVerifyOk = new Gauge({
    name: 'complaint_engine_integrity_last_verify_ok',
    help: 'Result of the last integrity verification run by this process: 1 every hash and seal matched, 0 a mismatch was found; no sample before its first verification',
    registers: [this.registry],
  });

  readonly lastVerifyTime = new Gauge({
    name: 'complaint_engine_integrity_last_verify_timestamp_seconds',
    help: 'When this process last verified the integrity of the event store (Unix time); no sample before its first verification',
    registers: [this.registry],
  });

  private readonly readOuts: (() => Promise<void>)[] = [];

  constructor() {
    collectDefaultMetrics({ register: this.registry });
    // A gauge without labels starts at 0, which here would read "a mismatch was found" on every process
    // that never verified (after each restart, on every node): no sample until a verification sets it.
    this.lastVerifyOk.remove();
    this.lastVerifyTime.remove();
  }

  /** Runs `read` before each scrape, to set gauges read from elsewhere (the database). */
  beforeScrape(read: () => Promise<void>): void {
    this.readOuts.push(read);
  }

  async text(): Promise<string> {
    await Promise.all(this.readOuts.map((read) => read()));
    return this.registry.metrics();
  }
}
