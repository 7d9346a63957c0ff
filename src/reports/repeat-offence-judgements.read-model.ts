import type { RepeatOffenderJudged } from '../../domain/repeat-offender/judgement.js';
import type { ReadModel } from '../read-models/index.js';

/** The streams of flagged subjects' judgements (domain/repeat-offender/judgement.ts `repeatOffenceStreamId`). */
export const REPEAT_OFFENCE_STREAM_PREFIX = 'repeat-offence-';

/**
 * The complaints office's judgement of each flagged subject (subject, reason, year): the verdict, why,
 * the personnel measure asked if unfit, when and by whom. An employee's personal data: the repeat-offender
 * report shows it to the complaints office only (and to an auditor by a break-glass read).
 */
export const repeatOffenceJudgementsReadModel: ReadModel = {
  name: 'repeat-offence-judgements',
  version: 1,
  tables: ['repeat_offence_judgements'],
  async migrate(sql, s) {
    await sql.query(`CREATE TABLE IF NOT EXISTS ${s}.repeat_offence_judgements (
      subject_kind text NOT NULL, subject_id text NOT NULL, reason text NOT NULL, year integer NOT NULL,
      verdict text NOT NULL, explanation text NOT NULL, personnel_measure text, judged_at text NOT NULL, judged_by text NOT NULL,
      PRIMARY KEY (subject_kind, subject_id, reason, year))`);
  },
  async apply(tx, s, events) {
    const rows = events
      .filter((e) => e.streamId.startsWith(REPEAT_OFFENCE_STREAM_PREFIX) && e.type === 'RepeatOffenderJudged')
      .map((e) => {
        const d = e.data as unknown as RepeatOffenderJudged['data'];
        return {
          subject_kind: d.subject.kind, subject_id: d.subject.id, reason: d.reason, year: d.year, verdict: d.verdict, explanation: d.explanation,
          personnel_measure: d.personnelMeasure ?? null, judged_at: e.metadata.occurredAt, judged_by: e.metadata.actorId,
        };
      });
    if (rows.length === 0) return;
    // Each subject, reason and year is judged once (its stream holds one judgement): a judgement delivered again changes nothing.
    await tx.query(
      `INSERT INTO ${s}.repeat_offence_judgements (subject_kind, subject_id, reason, year, verdict, explanation, personnel_measure, judged_at, judged_by)
       SELECT * FROM json_to_recordset($1::json) AS r(subject_kind text, subject_id text, reason text, year integer, verdict text, explanation text,
         personnel_measure text, judged_at text, judged_by text)
       ON CONFLICT DO NOTHING`,
      [JSON.stringify(rows)],
    );
  },
};
