import { evolveCompensationCase, type CompensationCase } from '../../projections/compensation.js';
import type { Outcome } from '../../domain/catalog.js';
import { caseReadModel } from '../read-models/index.js';

/**
 * Compensation per case (`compensation_cases`): the handling department, the reasons its findings
 * substantiate, the latest decision's outcome and time, what it granted (trigger, form, value, whether
 * an exception) and what was handed over, with its time.
 */
export const compensationReadModel = caseReadModel<CompensationCase>({
  name: 'compensation',
  // 2: every decision's outcome and time and the substantiated reasons, for what the policy owed and a decision did not grant.
  version: 2,
  handles: ['ComplaintReceived', 'ComplaintAssigned', 'ComplaintReassigned', 'FindingsRecorded', 'DecisionMade', 'CompensationProvided'],
  tables: ['compensation_cases'],
  schema: (s) => [
    `CREATE TABLE IF NOT EXISTS ${s}.compensation_cases (
      complaint_id text PRIMARY KEY, department text, reasons text[] NOT NULL, outcome text, trigger text, form text, amount numeric, currency text, exception boolean,
      decided_at timestamptz, decided_text text, provided_amount numeric, provided_currency text, provided_at timestamptz, provided_text text)`,
    `CREATE INDEX IF NOT EXISTS compensation_cases_decided_at ON ${s}.compensation_cases (decided_at)`,
    `CREATE INDEX IF NOT EXISTS compensation_cases_provided_at ON ${s}.compensation_cases (provided_at)`,
  ],

  async load(tx, s, ids) {
    const rows = await tx.query<CompensationRow>(`SELECT * FROM ${s}.compensation_cases WHERE complaint_id = ANY($1::text[])`, [ids]);
    return new Map(rows.map((r) => [r.complaint_id, compensationCaseOf(r)]));
  },

  evolve: (state, { event }) => evolveCompensationCase(state, event),

  async save(tx, s, changes) {
    const rows = changes.map(({ after: c }) => ({
      complaint_id: c.complaintId, department: c.department, reasons: c.substantiatedReasons, outcome: c.decision?.outcome ?? null, trigger: c.granted?.trigger ?? null, form: c.granted?.form ?? null, amount: c.granted?.amount ?? null,
      currency: c.granted?.currency ?? null, exception: c.granted?.exception ?? null, decided_text: c.decision?.decidedAt ?? null,
      provided_amount: c.provided?.amount ?? null, provided_currency: c.provided?.currency ?? null, provided_text: c.provided?.providedAt ?? null,
    }));
    await tx.query(
      `INSERT INTO ${s}.compensation_cases AS t (complaint_id, department, reasons, outcome, trigger, form, amount, currency, exception, decided_at, decided_text, provided_amount, provided_currency, provided_at, provided_text)
       SELECT complaint_id, department, reasons, outcome, trigger, form, amount, currency, exception, decided_text::timestamptz, decided_text, provided_amount, provided_currency, provided_text::timestamptz, provided_text
       FROM json_to_recordset($1::json) AS r(complaint_id text, department text, reasons text[], outcome text, trigger text, form text, amount numeric, currency text, exception boolean,
         decided_text text, provided_amount numeric, provided_currency text, provided_text text)
       ON CONFLICT (complaint_id) DO UPDATE SET department = excluded.department, reasons = excluded.reasons, outcome = excluded.outcome, trigger = excluded.trigger, form = excluded.form, amount = excluded.amount,
         currency = excluded.currency, exception = excluded.exception, decided_at = excluded.decided_at, decided_text = excluded.decided_text,
         provided_amount = excluded.provided_amount, provided_currency = excluded.provided_currency, provided_at = excluded.provided_at, provided_text = excluded.provided_text`,
      [JSON.stringify(rows)],
    );
  },
});

export type CompensationRow = {
  complaint_id: string;
  department: string | null;
  reasons: string[];
  outcome: Outcome | null;
  trigger: string | null;
  form: string | null;
  amount: string | number | null;
  currency: string | null;
  exception: boolean | null;
  decided_text: string | null;
  provided_amount: string | number | null;
  provided_currency: string | null;
  provided_text: string | null;
};

export function compensationCaseOf(r: CompensationRow): CompensationCase {
  return {
    complaintId: r.complaint_id,
    department: r.department,
    substantiatedReasons: r.reasons,
    decision: r.outcome === null || r.decided_text === null ? null : { outcome: r.outcome, decidedAt: r.decided_text },
    granted: r.trigger === null || r.decided_text === null
      ? null
      : { trigger: r.trigger, form: r.form ?? 'goods', amount: Number(r.amount), currency: r.currency ?? '', exception: r.exception === true, decidedAt: r.decided_text },
    provided: r.provided_text === null ? null : { amount: Number(r.provided_amount), currency: r.provided_currency ?? '', providedAt: r.provided_text },
  };
}
