import type { Projection } from './projection.js';

const STREAM_PREFIX = 'complaint-';
const CLOSING = new Set(['ComplaintClosed', 'ComplaintWithdrawn', 'ComplaintRejectedAtAssessment']);

/**
 * Which cases each complainant (by pseudonymous key) has, and when each was closed (null while open):
 * what the retention rule needs to know whose personal data may be erased.
 */
export const complainantCasesProjection: Projection = {
  name: 'complainant-cases',
  tables: ['complainant_cases'],

  async migrate(sql, s) {
    await sql.query(`CREATE TABLE IF NOT EXISTS ${s}.complainant_cases (
      complaint_id text PRIMARY KEY, complainant_key text NOT NULL, closed_at timestamptz)`);
    await sql.query(`CREATE INDEX IF NOT EXISTS complainant_cases_key ON ${s}.complainant_cases (complainant_key)`);
  },

  async apply(tx, s, events) {
    const received: { complaint_id: string; complainant_key: string }[] = [];
    // A case's last closing or reopening in the batch decides; its receipt comes first.
    const closed = new Map<string, string | null>();
    for (const event of events) {
      if (!event.streamId.startsWith(STREAM_PREFIX)) continue;
      const id = event.streamId.slice(STREAM_PREFIX.length);
      if (event.type === 'ComplaintReceived' && typeof event.data.complainantKey === 'string') {
        received.push({ complaint_id: id, complainant_key: event.data.complainantKey });
      } else if (CLOSING.has(event.type)) {
        closed.set(id, event.metadata.occurredAt);
      } else if (event.type === 'ComplaintReopened') {
        closed.set(id, null);
      }
    }
    if (received.length > 0) {
      await tx.query(
        `INSERT INTO ${s}.complainant_cases (complaint_id, complainant_key)
         SELECT complaint_id, complainant_key FROM json_to_recordset($1::json) AS r(complaint_id text, complainant_key text)
         ON CONFLICT DO NOTHING`,
        [JSON.stringify(received)],
      );
    }
    if (closed.size > 0) {
      await tx.query(
        `UPDATE ${s}.complainant_cases c SET closed_at = r.closed_at
         FROM json_to_recordset($1::json) AS r(complaint_id text, closed_at timestamptz) WHERE c.complaint_id = r.complaint_id`,
        [JSON.stringify([...closed].map(([complaint_id, closed_at]) => ({ complaint_id, closed_at })))],
      );
    }
  },
};
