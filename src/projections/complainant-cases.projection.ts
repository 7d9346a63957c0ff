import type { StoredEvent } from '../event-store/event-store.js';
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
    for (const event of events) {
      if (!event.streamId.startsWith(STREAM_PREFIX)) continue;
      const id = event.streamId.slice(STREAM_PREFIX.length);
      if (event.type === 'ComplaintReceived' && typeof event.data.complainantKey === 'string') {
        await tx.query(`INSERT INTO ${s}.complainant_cases (complaint_id, complainant_key) VALUES ($1, $2) ON CONFLICT DO NOTHING`, [id, event.data.complainantKey]);
      } else if (CLOSING.has(event.type) || event.type === 'ComplaintReopened') {
        await tx.query(`UPDATE ${s}.complainant_cases SET closed_at = $2 WHERE complaint_id = $1`, [id, closedAt(event)]);
      }
    }
  },
};

const closedAt = (event: StoredEvent): string | null => (event.type === 'ComplaintReopened' ? null : event.metadata.occurredAt);
