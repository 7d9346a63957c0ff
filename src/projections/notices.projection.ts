import type { ComplaintEvent, Consent } from '../../domain/complaint/events.js';
import { noticeIdOf, noticesCalledFor } from '../../projections/notices.js';
import { toDomainEvent } from '../complaints/complaint-stream.js';
import type { SqlExecutor } from '../event-store/postgres/sql-client.js';
import type { Projection } from './projection.js';

const STREAM_PREFIX = 'complaint-';
export const NOTICES_TABLE = 'notices';

export type NoticeStatus = 'pending' | 'sent' | 'failed' | 'skipped';

/**
 * The notice outbox: one row per notice the history calls for (projections/notices.ts), created once
 * in the runner's transaction with its checkpoint. No personal data: the sender reads the address and
 * renders the text from the case's events at send time.
 *
 * `sent` and `failed` are derived from the NoticeDelivered and NoticeFailed events, so a rebuild
 * gives back what was already sent rather than sending it again. The sender also writes its outcome
 * here at once (it must not pick the row again before this projection has caught up); both writes
 * only ever move a row forward. `skipped` (erased complainant, stale notice) is the sender's alone: a
 * rebuild makes such a row pending again and the sender skips it again, for the same reason.
 */
export const noticesProjection: Projection = {
  name: 'notices',
  tables: [NOTICES_TABLE, 'notice_consents'],

  async migrate(sql, s) {
    await sql.query(`CREATE TABLE IF NOT EXISTS ${s}.${NOTICES_TABLE} (
      notice_id text PRIMARY KEY, complaint_id text NOT NULL, source_event_id text NOT NULL, kind text NOT NULL, channel text NOT NULL,
      status text NOT NULL CHECK (status IN ('pending', 'sent', 'failed', 'skipped')), attempts integer NOT NULL,
      next_attempt_at timestamptz NOT NULL, last_error text, created_at timestamptz NOT NULL, updated_at timestamptz NOT NULL)`);
    await sql.query(`CREATE INDEX IF NOT EXISTS notices_due ON ${s}.${NOTICES_TABLE} (next_attempt_at) WHERE status = 'pending'`);
    await sql.query(`CREATE INDEX IF NOT EXISTS notices_of_complaint ON ${s}.${NOTICES_TABLE} (complaint_id)`);
    // Consent is given at receipt, in the clear; later events need it to know where a notice may go.
    await sql.query(`CREATE TABLE IF NOT EXISTS ${s}.notice_consents (complaint_id text PRIMARY KEY, sms boolean NOT NULL, email boolean NOT NULL)`);
  },

  async apply(tx, s, events) {
    const consents = new Map<string, Consent | undefined>();
    const consentOf = async (complaintId: string): Promise<Consent | undefined> => {
      if (!consents.has(complaintId)) {
        const [row] = await tx.query<{ sms: boolean; email: boolean }>(`SELECT sms, email FROM ${s}.notice_consents WHERE complaint_id = $1`, [complaintId]);
        consents.set(complaintId, row ? { sms: row.sms, email: row.email } : undefined);
      }
      return consents.get(complaintId);
    };
    for (const stored of events) {
      if (!stored.streamId.startsWith(STREAM_PREFIX)) continue;
      const complaintId = stored.streamId.slice(STREAM_PREFIX.length);
      const event = toDomainEvent(stored);
      if (event.type === 'ComplaintReceived') {
        const consent = { sms: event.data.consent.sms === true, email: event.data.consent.email === true };
        await tx.query(`INSERT INTO ${s}.notice_consents (complaint_id, sms, email) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`, [complaintId, consent.sms, consent.email]);
        consents.set(complaintId, consent);
      } else if (event.type === 'NoticeDelivered' || event.type === 'NoticeFailed') {
        await recordOutcome(tx, s, event, stored.recordedAt);
      } else {
        const consent = await consentOf(complaintId);
        if (!consent) continue;
        for (const { kind, channel } of noticesCalledFor(event, consent)) {
          await tx.query(
            `INSERT INTO ${s}.${NOTICES_TABLE} (notice_id, complaint_id, source_event_id, kind, channel, status, attempts, next_attempt_at, created_at, updated_at)
             VALUES ($1, $2, $3, $4, $5, 'pending', 0, $6, $6, $6) ON CONFLICT DO NOTHING`,
            [noticeIdOf(stored.eventId, channel), complaintId, stored.eventId, kind, channel, stored.recordedAt],
          );
        }
      }
    }
  },
};

/** A row moves forward only: pending → sent / failed; a failure counts only when it is a later try. */
async function recordOutcome(tx: SqlExecutor, s: string, event: Extract<ComplaintEvent, { type: 'NoticeDelivered' | 'NoticeFailed' }>, at: string): Promise<void> {
  if (event.type === 'NoticeDelivered') {
    await tx.query(
      `UPDATE ${s}.${NOTICES_TABLE} SET status = 'sent', attempts = attempts + 1, last_error = NULL, updated_at = $2
       WHERE notice_id = $1 AND status IN ('pending', 'skipped')`,
      [event.data.noticeId, at],
    );
    return;
  }
  const { noticeId, attempt, error, final, retryAt } = event.data;
  await tx.query(
    `UPDATE ${s}.${NOTICES_TABLE} SET status = $3, attempts = $2, last_error = $4, next_attempt_at = COALESCE($5, next_attempt_at), updated_at = $6
     WHERE notice_id = $1 AND status = 'pending' AND attempts < $2`,
    [noticeId, attempt, final ? 'failed' : 'pending', error, retryAt ?? null, at],
  );
}
