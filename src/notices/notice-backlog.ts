import type { ElectronicChannel } from '../../domain/complaint/events.js';
import type { ReadModelDatabase } from '../read-models/index.js';
import { NOTICES_TABLE, type NoticeStatus } from './notices.read-model.js';

/** The channels of the outbox's notices: those the notice sender delivers on. */
export const OUTBOX_CHANNELS: readonly ElectronicChannel[] = ['email', 'sms'];

export interface NoticeBacklog {
  byStatus: Record<NoticeStatus, number>;
  /** Send attempts beyond the first, over every notice. */
  retries: number;
  /** How long the oldest pending notice has been due, in seconds (0 when none is due). */
  oldestDueSeconds: number;
}

/**
 * The outbox at `now`, channel by channel (each of {@link OUTBOX_CHANNELS}, empty or not): for the
 * metrics and the readiness probe, which look at the channels apart since a process may send on some only.
 */
export async function noticeBacklog({ sql, s }: ReadModelDatabase, now: Date): Promise<Record<ElectronicChannel, NoticeBacklog>> {
  const rows = await sql.query<{ channel: string; status: NoticeStatus; n: string | number; retries: string | number | null; oldest: Date | string | null }>(
    `SELECT channel, status, count(*) AS n, sum(GREATEST(attempts - 1, 0)) AS retries,
            min(next_attempt_at) FILTER (WHERE status = 'pending' AND next_attempt_at <= $1) AS oldest
     FROM ${s}.${NOTICES_TABLE} GROUP BY channel, status`,
    [now.toISOString()],
  );
  const backlog = (channel: ElectronicChannel): NoticeBacklog => {
    const ofChannel = rows.filter((row) => row.channel === channel);
    const byStatus: Record<NoticeStatus, number> = { pending: 0, sent: 0, failed: 0, skipped: 0 };
    for (const row of ofChannel) byStatus[row.status] = Number(row.n);
    const oldest = ofChannel.find((row) => row.oldest !== null)?.oldest;
    return {
      byStatus,
      retries: ofChannel.reduce((sum, row) => sum + Number(row.retries ?? 0), 0),
      oldestDueSeconds: oldest ? Math.max(0, (now.getTime() - new Date(oldest).getTime()) / 1000) : 0,
    };
  };
  return { email: backlog('email'), sms: backlog('sms') };
}
