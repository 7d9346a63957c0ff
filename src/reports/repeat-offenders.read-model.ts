import { evolveRepeatCase, type RepeatCase, type SubstantiatedSubject } from '../../projections/repeat-offenders.js';
import { caseReadModel, fromJson } from '../read-models/index.js';

/**
 * Repeat offenders and repeat complainants: per case its receipt (category, channel, time, the
 * complainant's pseudonymous identity keys, never the personal data) and handling department in
 * `repeat_cases`, and the subjects its latest findings substantiate, with the reason, in `repeat_substantiated`.
 */
export const repeatOffendersReadModel = caseReadModel<RepeatCase>({
  name: 'repeat-offenders',
  // 2: the reason of each substantiated subject ("the same reason"), the case's channel and department (the quarterly
  // report's filters); cases that are no complaints (excluded, withdrawn, unreachable) are not counted (`counted`).
  version: 2,
  handles: ['ComplaintReceived', 'ComplaintAssigned', 'ComplaintReassigned', 'FindingsRecorded', 'ComplaintRejectedAtAssessment', 'ComplaintWithdrawn', 'ComplaintClosed', 'ComplaintReopened'],
  tables: ['repeat_cases', 'repeat_substantiated'],
  schema: (s) => [
    `CREATE TABLE IF NOT EXISTS ${s}.repeat_cases (
      complaint_id text PRIMARY KEY, received_at timestamptz NOT NULL, received_text text NOT NULL, category text NOT NULL,
      channel text NOT NULL, department text, complainant_keys text[] NOT NULL, counted boolean NOT NULL, findings_revision integer)`,
    `CREATE INDEX IF NOT EXISTS repeat_cases_received_at ON ${s}.repeat_cases (received_at)`,
    `CREATE TABLE IF NOT EXISTS ${s}.repeat_substantiated (
      complaint_id text NOT NULL, subject_kind text NOT NULL, subject_id text NOT NULL, reason text NOT NULL,
      PRIMARY KEY (complaint_id, subject_kind, subject_id, reason))`,
  ],

  async load(tx, s, ids) {
    const rows = await tx.query<{
      complaint_id: string; received_text: string; category: string; channel: string; department: string | null; complainant_keys: string[];
      counted: boolean; findings_revision: number | null; substantiated: unknown;
    }>(
      `SELECT c.complaint_id, c.received_text, c.category, c.channel, c.department, c.complainant_keys, c.counted, c.findings_revision,
         coalesce((SELECT json_agg(json_build_object('id', r.subject_id, 'kind', r.subject_kind, 'reason', r.reason) ORDER BY r.subject_kind, r.subject_id, r.reason)
                   FROM ${s}.repeat_substantiated r WHERE r.complaint_id = c.complaint_id), '[]') AS substantiated
       FROM ${s}.repeat_cases c WHERE c.complaint_id = ANY($1::text[])`,
      [ids],
    );
    return new Map(rows.map((r) => [r.complaint_id, {
      complaintId: r.complaint_id, receivedAt: r.received_text, category: r.category, channel: r.channel, department: r.department,
      complainantKeys: r.complainant_keys, counted: r.counted, findingsRevision: r.findings_revision, substantiated: fromJson<SubstantiatedSubject[]>(r.substantiated),
    }]));
  },

  evolve: (state, { event, revision }) => evolveRepeatCase(state, event, revision),

  async save(tx, s, changes) {
    const cases = changes.map(({ after: c }) => ({
      complaint_id: c.complaintId, received_at: c.receivedAt, category: c.category, channel: c.channel, department: c.department,
      complainant_keys: c.complainantKeys, counted: c.counted, findings_revision: c.findingsRevision,
    }));
    await tx.query(
      `INSERT INTO ${s}.repeat_cases (complaint_id, received_at, received_text, category, channel, department, complainant_keys, counted, findings_revision)
       SELECT complaint_id, received_at::timestamptz, received_at, category, channel, department, complainant_keys, counted, findings_revision
       FROM json_to_recordset($1::json) AS r(complaint_id text, received_at text, category text, channel text, department text,
         complainant_keys text[], counted boolean, findings_revision integer)
       ON CONFLICT (complaint_id) DO UPDATE SET department = excluded.department, counted = excluded.counted, findings_revision = excluded.findings_revision`,
      [JSON.stringify(cases)],
    );
    const refound = changes.filter((c) => c.after.findingsRevision !== (c.before?.findingsRevision ?? null)).map((c) => c.after);
    if (refound.length === 0) return;
    await tx.query(`DELETE FROM ${s}.repeat_substantiated WHERE complaint_id = ANY($1::text[])`, [refound.map((c) => c.complaintId)]);
    const subjects = refound.flatMap((c) => c.substantiated.map((subject) => ({ complaint_id: c.complaintId, subject_kind: subject.kind, subject_id: subject.id, reason: subject.reason })));
    if (subjects.length === 0) return;
    await tx.query(
      `INSERT INTO ${s}.repeat_substantiated (complaint_id, subject_kind, subject_id, reason)
       SELECT complaint_id, subject_kind, subject_id, reason FROM json_to_recordset($1::json) AS r(complaint_id text, subject_kind text, subject_id text, reason text)
       ON CONFLICT DO NOTHING`,
      [JSON.stringify(subjects)],
    );
  },
});
