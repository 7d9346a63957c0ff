import type { ElectronicChannel, NoticeKind } from '../../domain/complaint/events.js';
import { changeSchema, type SqlClient } from '../sql/index.js';
import { NOTICES_TABLE, noticesReadModel, type NoticeStatus } from './notices.read-model.js';

/** A notice the sender has claimed. */
export interface ClaimedNotice {
  noticeId: string;
  complaintId: string;
  sourceEventId: string;
  kind: NoticeKind;
  channel: ElectronicChannel;
  createdAt: Date;
}

export interface OutboxOutcome {
  status: NoticeStatus;
  attempts: number;
  nextAttemptAt?: Date;
  lastError?: string;
}

type Row = { notice_id: string; complaint_id: string; source_event_id: string; kind: NoticeKind; channel: ElectronicChannel; created_at: Date | string };

/**
 * The sender's side of the notice outbox. A claim is a lease in `notice_leases`, a table of the
 * sender's own: no rebuild of the notices projection drops it, so a notice being sent while its row
 * is rebuilt stays claimed. Picking the row with `FOR UPDATE SKIP LOCKED` lets several processes
 * claim side by side without waiting on each other; the lease (not a transaction held open during
 * the send) keeps the others off the notice until it is finished or the lease runs out.
 */
export class NoticeOutbox {
  private readonly t: string;

  constructor(
    private readonly sql: SqlClient,
    private readonly s: string,
    /** Names this sender in its leases. */
    private readonly holder: string,
  ) {
    this.t = `${s}.${NOTICES_TABLE}`;
  }

  async migrate(): Promise<void> {
    await changeSchema(this.sql, this.s, async (tx) => {
      await noticesReadModel.migrate(tx, this.s);
      await tx.query(`CREATE TABLE IF NOT EXISTS ${this.s}.notice_leases (notice_id text PRIMARY KEY, holder text NOT NULL, expires_at timestamptz NOT NULL)`);
    });
  }

  /** The next due notice on one of `channels`, leased to this sender until `now + leaseMs`; undefined when none is due. */
  async claimNext(channels: readonly ElectronicChannel[], now: Date, leaseMs: number): Promise<ClaimedNotice | undefined> {
    return this.sql.transaction(async (tx) => {
      const [row] = await tx.query<Row>(
        `SELECT n.notice_id, n.complaint_id, n.source_event_id, n.kind, n.channel, n.created_at FROM ${this.t} n
         WHERE n.status = 'pending' AND n.next_attempt_at <= $1 AND n.channel = ANY($2::text[])
           AND NOT EXISTS (SELECT 1 FROM ${this.s}.notice_leases l WHERE l.notice_id = n.notice_id AND l.expires_at > $1)
         ORDER BY n.next_attempt_at LIMIT 1 FOR UPDATE OF n SKIP LOCKED`,
        [now.toISOString(), [...channels]],
      );
      if (!row) return undefined;
      const leased = await tx.query(
        `INSERT INTO ${this.s}.notice_leases (notice_id, holder, expires_at) VALUES ($1, $2, $3)
         ON CONFLICT (notice_id) DO UPDATE SET holder = EXCLUDED.holder, expires_at = EXCLUDED.expires_at WHERE notice_leases.expires_at <= $4
         RETURNING notice_id`,
        [row.notice_id, this.holder, new Date(now.getTime() + leaseMs).toISOString(), now.toISOString()],
      );
      if (leased.length === 0) return undefined;
      return {
        noticeId: row.notice_id,
        complaintId: row.complaint_id,
        sourceEventId: row.source_event_id,
        kind: row.kind,
        channel: row.channel,
        createdAt: new Date(row.created_at),
      };
    });
  }

  /** Records the outcome on the row at once (the projection records the same from the event later) and ends the lease. */
  async finish(notice: ClaimedNotice, outcome: OutboxOutcome, now: Date): Promise<void> {
    await this.sql.transaction(async (tx) => {
      await tx.query(
        `UPDATE ${this.t} SET status = $2, attempts = GREATEST(attempts, $3), next_attempt_at = COALESCE($4, next_attempt_at), last_error = $5, updated_at = $6
         WHERE notice_id = $1 AND status = 'pending'`,
        [notice.noticeId, outcome.status, outcome.attempts, outcome.nextAttemptAt?.toISOString() ?? null, outcome.lastError ?? null, now.toISOString()],
      );
      await tx.query(`DELETE FROM ${this.s}.notice_leases WHERE notice_id = $1 AND holder = $2`, [notice.noticeId, this.holder]);
    });
  }

  /** Gives the lease back without an outcome (the sender is stopping, or could not record): the notice is due again at once. */
  async release(notice: ClaimedNotice): Promise<void> {
    await this.sql.query(`DELETE FROM ${this.s}.notice_leases WHERE notice_id = $1 AND holder = $2`, [notice.noticeId, this.holder]);
  }
}
