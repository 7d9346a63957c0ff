import type { ReadModelDatabase } from '../read-models/index.js';
import { NOTICES_TABLE, type NoticeStatus } from './notices.read-model.js';

export interface NoticeBacklog {
  byStatus: Record<NoticeStatus, number>;
  /** Send attempts beyond the first, over every notice. */
  retries: number;
  /** How long the oldest pending notice has been due, in seconds (0 when none is due). */
  oldestDueSeconds: number;
}

/** The outbox at `now`, over the notices on `channels` (every channel when not given): for the metrics and the readiness probe. */
export async function noticeBacklog({ sql, s }: ReadModelDatabase, now: Date, channels?: readonly string[]): Promise<NoticeBacklog> {
  const rows = await sql.query<{ status: NoticeStatus; n: string | number; retries: string | number | null; oldest: Date | string | null }>(
    `SELECT status, count(*) AS n, sum(GREATEST(attempts - 1, 0)) AS retries,
            min(next_attempt_at) FILTER (WHERE status = 'pending' AND next_attempt_at <= $1) AS oldest
     FROM ${s}.${NOTICES_TABLE} WHERE $2::text[] IS NULL OR channel = ANY($2::text[]) GROUP BY status`,
    [now.toISOString(), channels ? [...channels] : null],
  );
  const byStatus: Record<NoticeStatus, number> = { pending: 0, sent: 0, failed: 0, skipped: 0 };
  for (const row of rows) byStatus[row.status] = Number(row.n);
  const oldest = rows.find((row) => row.oldest !== null)?.oldest;
  return {
    byStatus,
    retries: rows.reduce((sum, row) => sum + Number(row.retries ?? 0), 0),
    oldestDueSeconds: oldest ? Math.max(0, (now.getTime() - new Date(oldest).getTime()) / 1000) : 0,
  };
}
