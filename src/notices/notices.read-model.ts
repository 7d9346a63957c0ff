import type { ComplaintEvent, Consent } from '../../domain/complaint/events.js';
import { noticeIdOf, noticesCalledFor } from '../../projections/notices.js';
import { toDomainEvent } from '../complaints/complaint-stream.js';
import type { StoredEvent } from '../event-store/event-store.js';
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
    const received = new Map<string, Consent>();
    const calling: { complaintId: string; stored: StoredEvent; event: ComplaintEvent }[] = [];
    const outcomes: Outcome[] = [];
    for (const stored of events) {
      if (!stored.streamId.startsWith(STREAM_PREFIX)) continue;
      const complaintId = stored.streamId.slice(STREAM_PREFIX.length);
      const event = toDomainEvent(stored);
      if (event.type === 'ComplaintReceived') {
        received.set(complaintId, { sms: event.data.consent.sms === true, email: event.data.consent.email === true });
      } else if (event.type === 'NoticeDelivered' || event.type === 'NoticeFailed') {
        outcomes.push({ event, at: stored.recordedAt });
      } else if (noticesCalledFor(event, ANY_CONSENT).length > 0) {
        calling.push({ complaintId, stored, event });
      }
    }
    if (received.size > 0) {
      await tx.query(
        `INSERT INTO ${s}.notice_consents (complaint_id, sms, email)
         SELECT complaint_id, sms, email FROM json_to_recordset($1::json) AS r(complaint_id text, sms boolean, email boolean)
         ON CONFLICT DO NOTHING`,
        [JSON.stringify([...received].map(([complaint_id, { sms, email }]) => ({ complaint_id, sms, email })))],
      );
    }
    const consents = await consentsOf(tx, s, calling.map((c) => c.complaintId), received);
    const notices = calling.flatMap(({ complaintId, stored, event }) => {
      const consent = consents.get(complaintId);
      return (consent ? noticesCalledFor(event, consent) : []).map(({ kind, channel }) => ({
        notice_id: noticeIdOf(stored.eventId, channel), complaint_id: complaintId, source_event_id: stored.eventId, kind, channel, at: stored.recordedAt,
      }));
    });
    if (notices.length > 0) {
      await tx.query(
        `INSERT INTO ${s}.${NOTICES_TABLE} (notice_id, complaint_id, source_event_id, kind, channel, status, attempts, next_attempt_at, created_at, updated_at)
         SELECT notice_id, complaint_id, source_event_id, kind, channel, 'pending', 0, at, at, at
         FROM json_to_recordset($1::json) AS r(notice_id text, complaint_id text, source_event_id text, kind text, channel text, at timestamptz)
         ON CONFLICT DO NOTHING`,
        [JSON.stringify(notices)],
      );
    }
    // Last: a notice created in this batch may have its outcome in it too.
    await recordOutcomes(tx, s, outcomes);
  },
};

/** Every channel consented to: the most notices an event can call for. */
const ANY_CONSENT: Consent = { sms: true, email: true };

/** The consent of each case: given in this batch, else stored at its receipt. */
async function consentsOf(tx: SqlExecutor, s: string, complaintIds: string[], received: Map<string, Consent>): Promise<Map<string, Consent>> {
  const consents = new Map(received);
  const stored = [...new Set(complaintIds)].filter((id) => !received.has(id));
  if (stored.length === 0) return consents;
  const rows = await tx.query<{ complaint_id: string; sms: boolean; email: boolean }>(
    `SELECT complaint_id, sms, email FROM ${s}.notice_consents WHERE complaint_id = ANY($1::text[])`,
    [stored],
  );
  for (const row of rows) consents.set(row.complaint_id, { sms: row.sms, email: row.email });
  return consents;
}

type Outcome = { event: Extract<ComplaintEvent, { type: 'NoticeDelivered' | 'NoticeFailed' }>; at: string };

/**
 * A row moves forward only: pending → sent / failed; a failure counts only when it is a later try.
 * One statement per round, the n-th outcome of each notice in round n: a statement updates a row once,
 * and a notice's outcomes take effect in their order.
 */
async function recordOutcomes(tx: SqlExecutor, s: string, outcomes: Outcome[]): Promise<void> {
  const rounds: ReturnType<typeof outcomeRow>[][] = [];
  const seen = new Map<string, number>();
  for (const outcome of outcomes) {
    const round = seen.get(outcome.event.data.noticeId) ?? 0;
    seen.set(outcome.event.data.noticeId, round + 1);
    (rounds[round] ??= []).push(outcomeRow(outcome));
  }
  for (const rows of rounds) {
    await tx.query(
      `UPDATE ${s}.${NOTICES_TABLE} n SET status = r.status, attempts = CASE WHEN r.delivered THEN n.attempts + 1 ELSE r.attempt END,
         last_error = r.error, next_attempt_at = COALESCE(r.retry_at, n.next_attempt_at), updated_at = r.at
       FROM json_to_recordset($1::json) AS r(notice_id text, delivered boolean, status text, attempt integer, error text, retry_at timestamptz, at timestamptz)
       WHERE n.notice_id = r.notice_id
         AND CASE WHEN r.delivered THEN n.status IN ('pending', 'skipped') ELSE n.status = 'pending' AND n.attempts < r.attempt END`,
      [JSON.stringify(rows)],
    );
  }
}

function outcomeRow({ event, at }: Outcome) {
  if (event.type === 'NoticeDelivered') {
    return { notice_id: event.data.noticeId, delivered: true, status: 'sent', attempt: null, error: null, retry_at: null, at };
  }
  const { noticeId, attempt, error, final, retryAt } = event.data;
  return { notice_id: noticeId, delivered: false, status: final ? 'failed' : 'pending', attempt, error, retry_at: retryAt ?? null, at };
}
