import type { TrainingCompleted, TrainingReferred } from '../../domain/complaint/events.js';
import type { RepeatOffenderJudged } from '../../domain/repeat-offender/judgement.js';
import { complaintIdOf } from '../complaint-stream/index.js';
import type { ReadModel } from '../read-models/index.js';

/** The streams of flagged subjects' judgements (domain/repeat-offender/judgement.ts `repeatOffenceStreamId`). */
export const REPEAT_OFFENCE_STREAM_PREFIX = 'repeat-offence-';

/**
 * The complaints office's judgement of each flagged subject (subject, reason, year): the verdict, why,
 * the personnel measure asked if unfit, when and by whom. An employee's personal data: the repeat-offender
 * report shows it to the complaints office only (and to an auditor by a break-glass read). Beside it,
 * the CS training referrals recorded on complaints and their completion, for the report's measures.
 */
export const repeatOffenceJudgementsReadModel: ReadModel = {
  name: 'repeat-offence-judgements',
  version: 1,
  tables: ['repeat_offence_judgements', 'repeat_offence_trainings'],
  async migrate(sql, s) {
    await sql.query(`CREATE TABLE IF NOT EXISTS ${s}.repeat_offence_judgements (
      subject_kind text NOT NULL, subject_id text NOT NULL, reason text NOT NULL, year integer NOT NULL,
      verdict text NOT NULL, explanation text NOT NULL, personnel_measure text, judged_at text NOT NULL, judged_by text NOT NULL,
      PRIMARY KEY (subject_kind, subject_id, reason, year))`);
    // One row per referral: the revision of its TrainingReferred in the complaint's stream.
    await sql.query(`CREATE TABLE IF NOT EXISTS ${s}.repeat_offence_trainings (
      complaint_id text NOT NULL, revision integer NOT NULL, subject_id text NOT NULL, programme text NOT NULL,
      referred_at text NOT NULL, referred_by text NOT NULL, completed_at text,
      PRIMARY KEY (complaint_id, revision))`);
  },
  async apply(tx, s, events) {
    for (const e of events) {
      const complaintId = complaintIdOf(e.streamId);
      if (complaintId === undefined) continue;
      if (e.type === 'TrainingReferred') {
        const d = e.data as unknown as TrainingReferred['data'];
        await tx.query(
          `INSERT INTO ${s}.repeat_offence_trainings (complaint_id, revision, subject_id, programme, referred_at, referred_by) VALUES ($1, $2, $3, $4, $5, $6)
           ON CONFLICT DO NOTHING`,
          [complaintId, e.revision, d.subjectId, d.programme, e.metadata.occurredAt, e.metadata.actorId],
        );
      } else if (e.type === 'TrainingCompleted') {
        // Completes the referral outstanding when it was recorded (a later referral has a later revision).
        const d = e.data as unknown as TrainingCompleted['data'];
        await tx.query(
          `UPDATE ${s}.repeat_offence_trainings SET completed_at = $4 WHERE complaint_id = $1 AND subject_id = $2 AND revision < $3 AND completed_at IS NULL`,
          [complaintId, d.subjectId, e.revision, d.completedAt],
        );
      }
    }
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
