import { Inject, Injectable, Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config/index.js';
import { EVENT_STORE, type EventStore } from '../event-store/index.js';
import { outageLog } from '../http/index.js';

/**
 * Seals the global order while the service runs (see `src/event-store/integrity.ts`), every
 * `sealIntervalMs` (default 1 s). That interval is the window in which the newest event of a stream
 * could be deleted, together with its stream's head, without a seal to show it.
 */
@Injectable()
export class Sealer implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('audit');
  /** A database outage fails every tick: logged when it starts, once a minute, and when sealing works again. */
  private readonly failures = outageLog('sealing', { warn: (message) => this.logger.warn(message), info: (message) => this.logger.log(message) });
  private timer: NodeJS.Timeout | undefined;
  private sealing: Promise<void> | undefined;
  private stopped = false;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    const interval = this.config.sealIntervalMs ?? 1000;
    if (interval === 0 || !this.store.seal) return;
    const tick = () => {
      this.sealing = this.store.seal!().then(
        (seals) => {
          this.failures.succeeded();
          for (const seal of seals) this.logger.debug(`seal ${seal.number}: ${seal.eventCount} events, digest ${seal.digest}`);
        },
        (error: unknown) => this.failures.failed((error as Error)?.message ?? String(error)),
      );
      void this.sealing.then(() => {
        if (!this.stopped) this.timer = setTimeout(tick, interval);
      });
    };
    this.timer = setTimeout(tick, interval);
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.sealing;
  }
}
