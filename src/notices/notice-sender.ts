import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import { applyEvent, type Complaint } from '../../domain/complaint/complaint.js';
import type { ComplaintEvent, ElectronicChannel } from '../../domain/complaint/events.js';
import { complaintStreamId, toDomainEvent, toNewEvent, type ComplaintCodec } from '../complaint-stream/index.js';
import type { Clock } from '../config/index.js';
import { noticeHistoryOf, noticeOutcomeCommandId, retryDelay, type RetryPolicy } from '../../projections/notices.js';
import type { EventStore, StoredEvent } from '../event-store/index.js';
import type { ReadModelDatabase } from '../read-models/index.js';
import type { DeliveryChannel } from './channels.js';
import { NoticeOutbox, type ClaimedNotice, type OutboxOutcome } from './notice-outbox.js';
import { renderNotice, type RenderSettings } from './render.js';
import { scrubbedError } from './scrub.js';

export interface NoticeSenderSettings {
  pollIntervalMs: number;
  retry: RetryPolicy;
  sendTimeoutMs: number;
  maxAgeMs: number;
}

const SENDER = { actorId: 'notice-sender', actorRole: 'system' };
const RECORD_ATTEMPTS = 3;

/**
 * The reactor that tells the complainant: it polls the notice outbox for due notices, writes each
 * from the case's events at send time (so an erasure before then means nothing is sent), delivers
 * it, and records the outcome as NoticeDelivered or NoticeFailed in the complaint's stream. A failed
 * try is retried with exponential backoff until the last allowed try, whose failure is final.
 *
 * Exactly once, as far as it can be: the outbox row and its lease keep two senders off one notice,
 * and before sending, the stream is read for an outcome already recorded (by a sender that died
 * before updating the row, or before a rebuild of the outbox). What remains is at least once: a
 * sender that dies after the server took the message and before the outcome is recorded sends it
 * again after its lease runs out; the e-mail keeps its Message-ID and the SMS its id, so a receiving
 * system can drop the repeat.
 */
export class NoticeSender {
  private readonly outbox: NoticeOutbox;
  private readonly channels: Map<ElectronicChannel, DeliveryChannel>;
  private stopped = true;
  private loop: Promise<void> | undefined;
  private wake: (() => void) | undefined;

  constructor(
    private readonly store: EventStore,
    private readonly codec: ComplaintCodec,
    { sql, s }: ReadModelDatabase,
    channels: readonly DeliveryChannel[],
    private readonly settings: NoticeSenderSettings,
    private readonly rendering: RenderSettings,
    private readonly logger: Logger,
    private readonly clock: Clock,
  ) {
    this.outbox = new NoticeOutbox(sql, s, randomUUID());
    this.channels = new Map(channels.map((c) => [c.channel, c]));
  }

  /** The channels this sender delivers on; notices on the others stay pending. */
  get channelNames(): ElectronicChannel[] {
    return [...this.channels.keys()];
  }

  async start(): Promise<void> {
    if (!this.stopped) return;
    await this.outbox.migrate();
    this.stopped = false;
    this.loop = this.run();
  }

  /** Finishes the notice in hand, then stops. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.wake?.();
    await this.loop;
    this.loop = undefined;
    for (const channel of this.channels.values()) channel.close();
  }

  /** Sends every notice due now; resolves to how many it finished. */
  async sendDue(): Promise<number> {
    let finished = 0;
    while (!this.stopped) {
      const notice = await this.outbox.claimNext(this.channelNames, this.clock(), this.leaseMs());
      if (!notice) break;
      await this.deliver(notice);
      finished++;
    }
    return finished;
  }

  private async run(): Promise<void> {
    while (!this.stopped) {
      try {
        await this.sendDue();
      } catch (error) {
        this.logger.error({ error: scrubbedError(error, []) }, 'notices: sending failed; trying again');
      }
      if (this.stopped) break;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, this.settings.pollIntervalMs);
        this.wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    }
  }

  /** Long enough for a send and its recording; a sender that takes longer may find the notice taken over. */
  private leaseMs(): number {
    return Math.max(60_000, 4 * this.settings.sendTimeoutMs);
  }

  private async deliver(notice: ClaimedNotice): Promise<void> {
    const now = this.clock();
    const stored = await this.store.readStream(complaintStreamId(notice.complaintId));
    const history = noticeHistoryOf(stored.filter(isNoticeOutcome).map(toDomainEvent), notice.noticeId);
    if (history.delivered) return this.finish(notice, { status: 'sent', attempts: history.failures + 1 });
    if (history.failedFinally) return this.finish(notice, { status: 'failed', attempts: history.failures });
    const attempt = history.failures + 1;
    if (now.getTime() - notice.createdAt.getTime() > this.settings.maxAgeMs) {
      return this.skip(notice, attempt - 1, 'not sent within NOTICE_MAX_AGE_HOURS of the event that called for it');
    }
    const sourceAt = stored.findIndex((e) => e.eventId === notice.sourceEventId);
    if (sourceAt < 0) return this.skip(notice, attempt - 1, 'the event that called for it is not in the stream');
    const events = (await this.codec.open(stored.slice(0, sourceAt + 1))).map(toDomainEvent);
    const complaint = events.reduce<Complaint | undefined>(applyEvent, undefined);
    if (!complaint) return this.skip(notice, attempt - 1, 'the complaint was not received');
    const rendering = renderNotice({ ...notice, complaint, source: events[sourceAt]! }, this.rendering);
    if ('skip' in rendering) return this.skip(notice, attempt - 1, rendering.skip);

    const channel = this.channels.get(notice.channel)!;
    try {
      await channel.deliver(notice.noticeId, rendering.message);
    } catch (failure) {
      const { complainant } = complaint;
      const error = scrubbedError(failure, [complainant.name, complainant.email, complainant.phone, complainant.address]);
      const delay = retryDelay(attempt, this.settings.retry);
      const retryAt = delay === undefined ? undefined : new Date(this.clock().getTime() + delay);
      const final = retryAt === undefined;
      const data = { noticeId: notice.noticeId, kind: notice.kind, channel: notice.channel, attempt, error, final, ...(retryAt ? { retryAt: retryAt.toISOString() } : {}) };
      if (!(await this.record(notice, stored[sourceAt]!, { type: 'NoticeFailed', data, occurredAt: this.clock().toISOString() }, attempt))) return;
      this.logger.warn({ noticeId: notice.noticeId, complaintId: notice.complaintId, kind: notice.kind, channel: notice.channel, attempt, final, error }, 'notice failed');
      return this.finish(notice, { status: final ? 'failed' : 'pending', attempts: attempt, nextAttemptAt: retryAt, lastError: error });
    }
    const delivered: ComplaintEvent = { type: 'NoticeDelivered', data: { noticeId: notice.noticeId, kind: notice.kind, channel: notice.channel }, occurredAt: this.clock().toISOString() };
    if (!(await this.record(notice, stored[sourceAt]!, delivered, attempt))) return;
    this.logger.info({ noticeId: notice.noticeId, complaintId: notice.complaintId, kind: notice.kind, channel: notice.channel, attempt }, 'notice delivered');
    return this.finish(notice, { status: 'sent', attempts: attempt });
  }

  /**
   * Appends the outcome to the complaint's stream, with a command id made from the notice and the
   * try: appending it again writes nothing. False when the store would not take it: the lease then
   * runs out and the notice is tried again (a delivered one is sent again: the at-least-once window).
   */
  private async record(notice: ClaimedNotice, source: StoredEvent, event: ComplaintEvent, attempt: number): Promise<boolean> {
    const commandId = noticeOutcomeCommandId(notice.noticeId, attempt);
    const metadata = { ...SENDER, commandId, correlationId: source.metadata.correlationId, causationId: source.eventId };
    for (let tries = 1; ; tries++) {
      try {
        await this.store.append(complaintStreamId(notice.complaintId), [toNewEvent(event, metadata)], { expectedRevision: 'any' });
        return true;
      } catch (error) {
        if (tries >= RECORD_ATTEMPTS) {
          this.logger.error({ noticeId: notice.noticeId, complaintId: notice.complaintId, error: scrubbedError(error, []) }, `notices: could not record ${event.type}`);
          return false;
        }
        await new Promise((resolve) => setTimeout(resolve, 200 * tries));
      }
    }
  }

  private async skip(notice: ClaimedNotice, attempts: number, reason: string): Promise<void> {
    this.logger.info({ noticeId: notice.noticeId, complaintId: notice.complaintId, kind: notice.kind, channel: notice.channel, reason }, 'notice skipped');
    await this.finish(notice, { status: 'skipped', attempts, lastError: reason });
  }

  private async finish(notice: ClaimedNotice, outcome: OutboxOutcome): Promise<void> {
    await this.outbox.finish(notice, outcome, this.clock());
  }
}

const isNoticeOutcome = (event: StoredEvent): boolean => event.type === 'NoticeDelivered' || event.type === 'NoticeFailed';
