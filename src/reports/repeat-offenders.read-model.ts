import type { ComplaintEvent } from '../../domain/complaint/events.js';
import { repeatChanges, type RepeatChanges } from '../../projections/repeat-offenders.js';
import { toDomainEvent } from '../complaints/complaint-stream.js';
import type { SqlExecutor } from '../event-store/postgres/sql-client.js';
import type { Projection } from './projection.js';

const STREAM_PREFIX = 'complaint-';

/**
 * Repeat offenders and repeat complainants: per case its receipt (category, time, the complainant's
 * pseudonymous identity keys, never the personal data) in `repeat_cases`, and the subjects its latest
 * findings substantiate in `repeat_substantiated`.
 * A case's receipt comes before its findings in the global order, so its row exists when they arrive.
 */
export const repeatOffendersProjection: Projection = {
    name: 'repeat-offenders',
    tables: ['repeat_cases', 'repeat_substantiated'],

    async migrate(sql, s) {
      await sql.query(`CREATE TABLE IF NOT EXISTS ${s}.repeat_cases (
        complaint_id text PRIMARY KEY, received_at timestamptz NOT NULL, received_text text NOT NULL, category text NOT NULL,
        complainant_keys text[] NOT NULL, findings_revision integer)`);
      await sql.query(`CREATE INDEX IF NOT EXISTS repeat_cases_received_at ON ${s}.repeat_cases (received_at)`);
      await sql.query(`CREATE TABLE IF NOT EXISTS ${s}.repeat_substantiated (
        complaint_id text NOT NULL, subject_kind text NOT NULL, subject_id text NOT NULL, PRIMARY KEY (complaint_id, subject_kind, subject_id))`);
    },

    async apply(tx, s, events) {
      const caseEvents: { complaintId: string; revision: number; event: ComplaintEvent }[] = [];
      for (const stored of events) {
        if (stored.streamId.startsWith(STREAM_PREFIX) && (stored.type === 'ComplaintReceived' || stored.type === 'FindingsRecorded')) {
          caseEvents.push({ complaintId: stored.streamId.slice(STREAM_PREFIX.length), revision: stored.revision, event: toDomainEvent(stored) });
        }
      }
      if (caseEvents.length === 0) return;
      const { received, substantiated } = repeatChanges(caseEvents);
      if (received.length > 0) {
        const rows = received.map((c) => ({ complaint_id: c.complaintId, received_at: c.receivedAt, category: c.category, complainant_keys: c.complainantKeys }));
        await tx.query(
          `INSERT INTO ${s}.repeat_cases (complaint_id, received_at, received_text, category, complainant_keys)
           SELECT complaint_id, received_at::timestamptz, received_at, category, complainant_keys
           FROM json_to_recordset($1::json) AS r(complaint_id text, received_at text, category text, complainant_keys text[])
           ON CONFLICT (complaint_id) DO NOTHING`,
          [JSON.stringify(rows)],
        );
      }
      if (substantiated.size > 0) await replaceFindings(tx, s, substantiated);
    },
};

/**
 * The latest findings replace the earlier ones, so a reopened case is never counted twice. Conditional on
 * the stored findings revision: findings delivered again, or out of order, change nothing.
 */
async function replaceFindings(tx: SqlExecutor, s: string, substantiated: RepeatChanges['substantiated']): Promise<void> {
  const latest = [...substantiated].map(([complaintId, { revision }]) => ({ complaint_id: complaintId, revision }));
  const newer = await tx.query<{ complaint_id: string }>(
    `UPDATE ${s}.repeat_cases c SET findings_revision = r.revision
     FROM json_to_recordset($1::json) AS r(complaint_id text, revision integer)
     WHERE c.complaint_id = r.complaint_id AND (c.findings_revision IS NULL OR c.findings_revision < r.revision)
     RETURNING c.complaint_id`,
    [JSON.stringify(latest)],
  );
  if (newer.length === 0) return;
  const ids = newer.map((r) => r.complaint_id);
  await tx.query(`DELETE FROM ${s}.repeat_substantiated WHERE complaint_id = ANY($1::text[])`, [ids]);
  const rows = ids.flatMap((id) => (substantiated.get(id)?.subjects ?? []).map((subject) => ({ complaint_id: id, subject_kind: subject.kind, subject_id: subject.id })));
  if (rows.length === 0) return;
  await tx.query(
    `INSERT INTO ${s}.repeat_substantiated (complaint_id, subject_kind, subject_id)
     SELECT complaint_id, subject_kind, subject_id FROM json_to_recordset($1::json) AS r(complaint_id text, subject_kind text, subject_id text)
     ON CONFLICT DO NOTHING`,
    [JSON.stringify(rows)],
  );
}
