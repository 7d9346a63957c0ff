import { MOVING_EVENTS } from '../../domain/complaint/lifecycle.js';
import { evolveComplainantCase, type ComplainantCase } from '../../projections/complainant-cases.js';
import { caseReadModel } from '../read-models/index.js';
import type { SqlExecutor } from '../sql/index.js';

/**
 * Per case its complainant's pseudonymous key and when it was closed (null while open): the cases
 * erasure lists for a person's keys, and the retention rule. Which keys are the same person's the vault
 * says (`PersonalDataVault.keysOfPerson`), not this read model.
 */
export const complainantCasesReadModel = caseReadModel<ComplainantCase>({
  name: 'complainant-cases',
  // 2: the case's lifecycle state is kept, as the machine says after each event.
  version: 2,
  // Its receipt, and what moves the case in or out of closed.
  handles: MOVING_EVENTS,
  tables: ['complainant_cases'],
  schema: (s) => [
    `CREATE TABLE IF NOT EXISTS ${s}.complainant_cases (
      complaint_id text PRIMARY KEY, complainant_key text NOT NULL, state text NOT NULL, closed_at timestamptz)`,
    `CREATE INDEX IF NOT EXISTS complainant_cases_key ON ${s}.complainant_cases (complainant_key)`,
  ],

  async load(tx, s, ids) {
    const rows = await tx.query<{ complaint_id: string; complainant_key: string; state: ComplainantCase['state']; closed_at: Date | string | null }>(
      `SELECT complaint_id, complainant_key, state, closed_at FROM ${s}.complainant_cases WHERE complaint_id = ANY($1::text[])`,
      [ids],
    );
    return new Map(rows.map((r) => [r.complaint_id, { complainantKey: r.complainant_key, state: r.state, closedAt: r.closed_at === null ? null : new Date(r.closed_at).toISOString() }]));
  },

  evolve: (kept, { event }) => evolveComplainantCase(kept, event),

  async save(tx, s, changes) {
    const rows = changes.map(({ complaintId, after }) => ({ complaint_id: complaintId, complainant_key: after.complainantKey, state: after.state, closed_at: after.closedAt }));
    await tx.query(
      `INSERT INTO ${s}.complainant_cases (complaint_id, complainant_key, state, closed_at)
       SELECT complaint_id, complainant_key, state, closed_at FROM json_to_recordset($1::json) AS r(complaint_id text, complainant_key text, state text, closed_at timestamptz)
       ON CONFLICT (complaint_id) DO UPDATE SET state = excluded.state, closed_at = excluded.closed_at`,
      [JSON.stringify(rows)],
    );
  },
});

/** A case of a person, as erasure and `GET /complainants/{key}` list it: no personal data. */
export interface PersonCase {
  complaintId: string;
  complainantKey: string;
  state: ComplainantCase['state'];
  closedAt: string | null;
}

/** The cases of the complainant keys (a person's, from the vault's links), as far as this read model has read. */
export async function casesOfKeys(sql: SqlExecutor, s: string, complainantKeys: readonly string[]): Promise<PersonCase[]> {
  const rows = await sql.query<{ complaint_id: string; complainant_key: string; state: ComplainantCase['state']; closed_at: Date | string | null }>(
    `SELECT complaint_id, complainant_key, state, closed_at FROM ${s}.complainant_cases
     WHERE complainant_key = ANY($1::text[]) ORDER BY complainant_key, complaint_id`,
    [complainantKeys],
  );
  return rows.map((r) => ({ complaintId: r.complaint_id, complainantKey: r.complainant_key, state: r.state, closedAt: r.closed_at === null ? null : new Date(r.closed_at).toISOString() }));
}
