import {
  comparePositions,
  START,
  type GlobalPosition,
  type StoredEvent,
  type Subscription,
  type SubscribeOptions,
} from '../event-store.js';

export interface SubscriptionSource {
  readAll(options: { after: GlobalPosition; limit: number }): Promise<StoredEvent[]>;
  /** Position of the last event stored now, undefined when there is none. */
  head(): Promise<GlobalPosition | undefined>;
}

export interface SubscriptionTiming {
  /** Fallback poll when idle: catches writes whose notification was lost. */
  pollIntervalMs: number;
  batchSize: number;
}

const backoff = (attempt: number): number => Math.min(100 * 2 ** (attempt - 1), 5000);

/**
 * Reads batches from its last delivered position, hands each to `onEvents` (retrying a failing
 * handler with backoff, never skipping), and idles until `wake()` or the fallback poll.
 */
export class CatchUpSubscription implements Subscription {
  private position: GlobalPosition;
  private stopped = false;
  private wakes = 0;
  private interruptSleep: ((byWake: boolean) => void) | undefined;
  private readonly waiters: { target: GlobalPosition; resolve: () => void; reject: (error: Error) => void }[] = [];
  private readonly running: Promise<void>;

  constructor(
    private readonly source: SubscriptionSource,
    private readonly options: SubscribeOptions,
    private readonly timing: SubscriptionTiming,
    private readonly onStopped: (subscription: CatchUpSubscription) => void,
  ) {
    this.position = options.after ?? START;
    this.running = this.run();
  }

  /** Something was written: read now instead of waiting for the poll. */
  wake(): void {
    this.wakes++;
    this.interruptSleep?.(true);
  }

  async stop(): Promise<void> {
    if (!this.stopped) {
      this.stopped = true;
      this.interruptSleep?.(false);
      this.onStopped(this);
    }
    await this.running;
    for (const waiter of this.waiters.splice(0)) waiter.reject(new Error('subscription stopped before catching up'));
  }

  async caughtUp(): Promise<void> {
    const head = await this.source.head();
    if (head === undefined || comparePositions(this.position, head) >= 0) return;
    if (this.stopped) throw new Error('subscription stopped before catching up');
    return new Promise((resolve, reject) => this.waiters.push({ target: head, resolve, reject }));
  }

  private async run(): Promise<void> {
    let failedReads = 0;
    while (!this.stopped) {
      const wakesBefore = this.wakes;
      let batch: StoredEvent[];
      try {
        batch = await this.source.readAll({ after: this.position, limit: this.options.limit ?? this.timing.batchSize });
        failedReads = 0;
      } catch (error) {
        this.report(error);
        await this.sleep(backoff(++failedReads), false);
        continue;
      }
      if (batch.length === 0) {
        // A wake that came in while reading may be for an event the read just missed.
        if (this.wakes === wakesBefore) await this.sleep(this.timing.pollIntervalMs, true);
        continue;
      }
      if (!(await this.deliver(batch))) return;
      this.position = batch[batch.length - 1]!.position;
      for (let i = this.waiters.length - 1; i >= 0; i--) {
        const waiter = this.waiters[i]!;
        if (comparePositions(this.position, waiter.target) >= 0) {
          this.waiters.splice(i, 1);
          waiter.resolve();
        }
      }
    }
  }

  /** False when stopped before the handler accepted the batch. */
  private async deliver(batch: StoredEvent[]): Promise<boolean> {
    for (let attempt = 1; !this.stopped; attempt++) {
      try {
        await this.options.onEvents(batch);
        return true;
      } catch (error) {
        this.report(error);
        await this.sleep(backoff(attempt), false);
      }
    }
    return false;
  }

  private report(error: unknown): void {
    if (this.stopped) return;
    try {
      if (this.options.onError) this.options.onError(error);
      else console.error('event store subscription:', error);
    } catch {
      // a failing error handler must not kill the subscription
    }
  }

  /** Ends early on stop, and on a wake when `wakeable`. */
  private sleep(ms: number, wakeable: boolean): Promise<void> {
    if (this.stopped) return Promise.resolve();
    return new Promise((resolve) => {
      const finish = (): void => {
        clearTimeout(timer);
        this.interruptSleep = undefined;
        resolve();
      };
      const timer = setTimeout(finish, ms);
      this.interruptSleep = (byWake) => {
        if (!byWake || wakeable) finish();
      };
    });
  }
}
