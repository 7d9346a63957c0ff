import { COMPLAINT_EVENT_TYPES } from '../../domain/complaint/events.js';
import { evolveNoticeCase, type NoticeCase } from '../../projections/notices.js';
import { caseReadModel } from '../read-models/index.js';
import type { SqlExecutor } from '../sql/index.js';

export const NOTICES_TABLE = 'notices';

export type NoticeStatus = 'pending' | 'sent' | 'failed' | 'skipped';

/**
 * The notice outbox: one row per notice the history calls for (projections/notices.ts), created once
 * in the runner's transaction with its checkpoint. No personal data: the sender reads the address and
 * renders the text from the case's events at send time.
 *
 * `sent` and `failed` are derived from the NoticeDelivered and NoticeFailed events, so a rebuild
 * gives back what was already sent rather than sending it again. The sender also writes its outcome
 * here at once (it must not pick the row again before this read model has caught up); both writes
 * only ever move a row forward. `skipped` (erased complainant, stale notice) is the sender's alone: a
 * rebuild makes such a row pending again and the sender skips it again, for the same reason.
 */
export const noticesReadModel = caseReadModel<NoticeCase>({
  name: 'notices',
  version: 1,
  handles: COMPLAINT_EVENT_TYPES,
  tables: [NOTICES_TABLE, 'notice_consents'],
  keptElsewhere: { [NOTICES_TABLE]: ['status', 'attempts', 'next_attempt_at', 'last_error', 'updated_at'] },
  schema: (s) => [
    `CREATE TABLE IF NOT EXISTS ${s}.${NOTICES_TABLE} (
      notice_id text PRIMARY KEY, complaint_id text NOT NULL, source_event_id text NOT NULL, kind text NOT NULL, channel text NOT NULL,
      status text NOT NULL CHECK (status IN ('pending', 'sent', 'failed', 'skipped')), attempts integer NOT NULL,
      next_attempt_at timestamptz NOT NULL, last_error text, created_at timestamptz NOT NULL, updated_at timestamptz NOT NULL)`,
    `CREATE INDEX IF NOT EXISTS notices_due ON ${s}.${NOTICES_TABLE} (next_attempt_at) WHERE status = 'pending'`,
    `CREATE INDEX IF NOT EXISTS notices_of_complaint ON ${s}.${NOTICES_TABLE} (complaint_id)`,
    // Consent is given at receipt (and changed by amendments), in the clear; later events need it to know where a notice may go.
    `CREATE TABLE IF NOT EXISTS ${s}.notice_consents (complaint_id text PRIMARY KEY, sms boolean NOT NULL, email boolean NOT NULL)`,
  ],

  async load(tx, s, ids) {
    const rows = await tx.query<{ complaint_id: string; sms: boolean; email: boolean }>(
      `SELECT complaint_id, sms, email FROM ${s}.notice_consents WHERE complaint_id = ANY($1::text[])`,
      [ids],
    );
    return new Map(rows.map((r) => [r.complaint_id, { consent: { sms: r.sms, email: r.email }, called: [], outcomes: [] }]));
  },

  evolve: evolveNoticeCase,

  async save(tx, s, changes) {
    const consents = changes
      .filter((c) => c.after.consent && (c.after.consent.sms !== c.before?.consent?.sms || c.after.consent.email !== c.before?.consent?.email))
      .map(({ complaintId, after }) => ({ complaint_id: complaintId, ...after.consent }));
    if (consents.length > 0) {
      await tx.query(
        `INSERT INTO ${s}.notice_consents (complaint_id, sms, email)
         SELECT complaint_id, sms, email FROM json_to_recordset($1::json) AS r(complaint_id text, sms boolean, email boolean)
         ON CONFLICT (complaint_id) DO UPDATE SET sms = EXCLUDED.sms, email = EXCLUDED.email`,
        [JSON.stringify(consents)],
      );
    }
    const notices = changes.flatMap(({ complaintId, after }) => after.called.map((n) => ({ ...n, complaint_id: complaintId })));
    if (notices.length > 0) {
      await tx.query(
        `INSERT INTO ${s}.${NOTICES_TABLE} (notice_id, complaint_id, source_event_id, kind, channel, status, attempts, next_attempt_at, created_at, updated_at)
         SELECT "noticeId", complaint_id, "sourceEventId", kind, channel, 'pending', 0, at, at, at
         FROM json_to_recordset($1::json) AS r("noticeId" text, complaint_id text, "sourceEventId" text, kind text, channel text, at timestamptz)
         ON CONFLICT DO NOTHING`,
        [JSON.stringify(notices)],
      );
    }
    // Last: a notice created in this batch may have its outcome in it too.
    await recordOutcomes(tx, s, changes.flatMap((c) => c.after.outcomes));
  },
});

/**
 * A row moves forward only: pending → sent / failed; a failure counts only when it is a later try.
 * One statement per round, the n-th outcome of each notice in round n: a statement updates a row once,
 * and a notice's outcomes take effect in their order.
 */
async function recordOutcomes(tx: SqlExecutor, s: string, outcomes: NoticeCase['outcomes']): Promise<void> {
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

function outcomeRow({ event, at }: NoticeCase['outcomes'][number]) {
  if (event.type === 'NoticeDelivered') {
    return { notice_id: event.data.noticeId, delivered: true, status: 'sent', attempt: null, error: null, retry_at: null, at };
  }
  const { noticeId, attempt, error, final, retryAt } = event.data;
  return { notice_id: noticeId, delivered: false, status: final ? 'failed' : 'pending', attempt, error, retry_at: retryAt ?? null, at };
}
