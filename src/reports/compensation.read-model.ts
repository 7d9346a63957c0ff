import { countsForCompensation, evolveCompensationCase, type CompensationCase } from '../../projections/compensation.js';
import { caseReadModel, fromJson } from '../read-models/index.js';

/**
 * Compensation per case (`compensation_cases`): the handling department, the reasons its findings
 * substantiate, every decision (outcome, time, department, reasons, grant), the hand-over and the
 * reopenings. `counts`: whether anything of it can count in the report; `first_decided_at` and
 * `last_activity_at` bound the quarters it can count in, and `grant_open` marks a grant not handed over.
 */
export const compensationReadModel = caseReadModel<CompensationCase>({
  name: 'compensation',
  // 2: every decision kept (a quarter's figures stay when a case is decided again), with the reasons then substantiated, for what the
  //    policy owed and a decision did not grant; the reopenings, after which a grant is not waiting to be handed over.
  version: 2,
  handles: ['ComplaintReceived', 'ComplaintAssigned', 'ComplaintReassigned', 'FindingsRecorded', 'DecisionMade', 'CompensationProvided', 'ComplaintReopened'],
  tables: ['compensation_cases'],
  schema: (s) => [
    `CREATE TABLE IF NOT EXISTS ${s}.compensation_cases (
      complaint_id text PRIMARY KEY, department text, reasons text[] NOT NULL, decisions jsonb NOT NULL, provided jsonb, reopenings jsonb NOT NULL,
      counts boolean NOT NULL, first_decided_at timestamptz, last_activity_at timestamptz, grant_open boolean NOT NULL)`,
    `CREATE INDEX IF NOT EXISTS compensation_cases_counted ON ${s}.compensation_cases (first_decided_at, last_activity_at) WHERE counts`,
  ],

  async load(tx, s, ids) {
    const rows = await tx.query<CompensationRow>(`SELECT * FROM ${s}.compensation_cases WHERE complaint_id = ANY($1::text[])`, [ids]);
    return new Map(rows.map((r) => [r.complaint_id, compensationCaseOf(r)]));
  },

  evolve: (state, { event }) => evolveCompensationCase(state, event),

  async save(tx, s, changes) {
    const rows = changes.map(({ after: c }) => {
      const times = [...c.decisions.map((d) => d.decidedAt), ...c.reopenings, ...(c.provided ? [c.provided.providedAt] : [])];
      const last = c.decisions.at(-1);
      return {
        complaint_id: c.complaintId, department: c.department, reasons: c.substantiatedReasons, decisions: c.decisions, provided: c.provided, reopenings: c.reopenings,
        counts: countsForCompensation(c), first_decided_at: c.decisions[0]?.decidedAt ?? null,
        last_activity_at: times.length === 0 ? null : new Date(Math.max(...times.map((t) => Date.parse(t)))).toISOString(),
        grant_open: last?.granted != null && c.provided === null,
      };
    });
    await tx.query(
      `INSERT INTO ${s}.compensation_cases AS t (complaint_id, department, reasons, decisions, provided, reopenings, counts, first_decided_at, last_activity_at, grant_open)
       SELECT complaint_id, department, reasons, decisions, provided, reopenings, counts, first_decided_at, last_activity_at, grant_open
       FROM json_to_recordset($1::json) AS r(complaint_id text, department text, reasons text[], decisions jsonb, provided jsonb, reopenings jsonb,
         counts boolean, first_decided_at timestamptz, last_activity_at timestamptz, grant_open boolean)
       ON CONFLICT (complaint_id) DO UPDATE SET department = excluded.department, reasons = excluded.reasons, decisions = excluded.decisions,
         provided = excluded.provided, reopenings = excluded.reopenings, counts = excluded.counts, first_decided_at = excluded.first_decided_at,
         last_activity_at = excluded.last_activity_at, grant_open = excluded.grant_open`,
      [JSON.stringify(rows)],
    );
  },
});

export type CompensationRow = {
  complaint_id: string;
  department: string | null;
  reasons: string[];
  decisions: unknown;
  provided: unknown;
  reopenings: unknown;
};

export function compensationCaseOf(r: CompensationRow): CompensationCase {
  return {
    complaintId: r.complaint_id,
    department: r.department,
    substantiatedReasons: r.reasons,
    decisions: fromJson<CompensationCase['decisions']>(r.decisions),
    provided: r.provided === null ? null : fromJson<NonNullable<CompensationCase['provided']>>(r.provided),
    reopenings: fromJson<string[]>(r.reopenings),
  };
}
