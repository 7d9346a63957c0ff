import { NOMINATION_STREAM_PREFIX, type NominationDecided, type NominationRecorded } from '../../domain/yearly/nomination.js';
import { STAFF_SURVEY_STREAM_PREFIX, type StaffSurveyAnswered } from '../../domain/yearly/staff-survey.js';
import type { ReadModel } from '../read-models/index.js';

/**
 * The handling staff's anonymous answers (domain/yearly/staff-survey.ts): the year, the department and
 * the scores, nothing else; not the stream, not the time, so the table has no order to join on.
 */
export const staffSurveyAnswersReadModel: ReadModel = {
  name: 'staff-survey-answers',
  version: 1,
  tables: ['staff_survey_answers'],
  async migrate(sql, s) {
    await sql.query(`CREATE TABLE IF NOT EXISTS ${s}.staff_survey_answers (answer_id text PRIMARY KEY, year integer NOT NULL, department text, scores jsonb NOT NULL)`);
  },
  async apply(tx, s, events) {
    const rows = events
      .filter((e) => e.streamId.startsWith(STAFF_SURVEY_STREAM_PREFIX) && e.type === 'StaffSurveyAnswered')
      .map((e) => {
        const d = e.data as unknown as StaffSurveyAnswered['data'];
        return { answer_id: e.streamId.slice(STAFF_SURVEY_STREAM_PREFIX.length), year: d.year, department: d.department, scores: d.scores };
      });
    if (rows.length === 0) return;
    await tx.query(
      `INSERT INTO ${s}.staff_survey_answers SELECT * FROM json_to_recordset($1::json) AS r(answer_id text, year integer, department text, scores jsonb) ON CONFLICT DO NOTHING`,
      [JSON.stringify(rows)],
    );
  },
};

/** Nominations for a reward (domain/yearly/nomination.ts): what, why, who nominated it and when, and the decision. */
export const nominationsReadModel: ReadModel = {
  name: 'nominations',
  version: 1,
  tables: ['nominations'],
  async migrate(sql, s) {
    await sql.query(`CREATE TABLE IF NOT EXISTS ${s}.nominations (
      id text PRIMARY KEY, year integer NOT NULL, kind text NOT NULL, department text NOT NULL, nominee jsonb NOT NULL, complaint_ids text[] NOT NULL,
      reason text NOT NULL, nominated_by text NOT NULL, nominated_at text NOT NULL,
      decision text, reward text, decision_note text, decided_by text, decided_at text)`);
  },
  async apply(tx, s, events) {
    for (const e of events) {
      if (!e.streamId.startsWith(NOMINATION_STREAM_PREFIX)) continue;
      const id = e.streamId.slice(NOMINATION_STREAM_PREFIX.length);
      if (e.type === 'NominationRecorded') {
        const d = e.data as unknown as NominationRecorded['data'];
        await tx.query(
          `INSERT INTO ${s}.nominations (id, year, kind, department, nominee, complaint_ids, reason, nominated_by, nominated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
           ON CONFLICT DO NOTHING`,
          [id, d.year, d.kind, d.department, JSON.stringify(d.nominee), d.complaints, d.reason, e.metadata.actorId, e.metadata.occurredAt],
        );
      } else if (e.type === 'NominationDecided') {
        const d = e.data as unknown as NominationDecided['data'];
        await tx.query(
          `UPDATE ${s}.nominations SET decision = $2, reward = $3, decision_note = $4, decided_by = $5, decided_at = $6 WHERE id = $1`,
          [id, d.decision, d.reward ?? null, d.note, e.metadata.actorId, e.metadata.occurredAt],
        );
      }
    }
  },
};
