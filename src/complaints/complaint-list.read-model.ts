import { COMPLAINT_EVENT_TYPES } from '../../domain/complaint/events.js';
import { summarize, type ComplaintSummary } from '../../projections/complaint-list.js';
import { caseReadModel, fromJson } from '../read-models/index.js';

type Row = {
  id: string; reference: string | null; state: ComplaintSummary['state']; category: string; channel: string; department: string | null; handler: string | null;
  priority: string | null; received_at: Date | string; updated_at: Date | string; revision: number | string;
  cooperating_departments: string[]; outstanding_requests: ComplaintSummary['outstandingRequests'] | string;
};

/** A case is urgent (safety, health): the first key of the list's order, before its receipt (CCMS principle 7). */
export const URGENT = `coalesce(priority = 'urgent', false)`;

/** The case list staff filter and page through: one row per case, no personal data. */
export const complaintListReadModel = caseReadModel<ComplaintSummary>({
  name: 'complaint-list',
  // 2: urgent cases first; cooperating departments (joint handling) and outstanding requests for materials with their due dates.
  // 3: the case's human reference.
  version: 3,
  handles: COMPLAINT_EVENT_TYPES,
  tables: ['complaint_list'],
  schema: (s) => [
    `CREATE TABLE IF NOT EXISTS ${s}.complaint_list (
      id text PRIMARY KEY, reference text, state text NOT NULL, category text NOT NULL, channel text NOT NULL, department text, handler text,
      priority text, received_at timestamptz NOT NULL, updated_at timestamptz NOT NULL, revision bigint NOT NULL,
      cooperating_departments text[] NOT NULL, outstanding_requests jsonb NOT NULL)`,
    `CREATE INDEX IF NOT EXISTS complaint_list_page ON ${s}.complaint_list (${URGENT} DESC, received_at DESC, id DESC)`,
  ],

  async load(tx, s, ids) {
    const rows = await tx.query<Row>(`SELECT * FROM ${s}.complaint_list WHERE id = ANY($1::text[])`, [ids]);
    return new Map(rows.map((row) => [row.id, summaryOf(row)]));
  },

  evolve: (summary, { event, revision }) => summarize(summary, event, revision),

  async save(tx, s, changes) {
    const rows = changes.map(({ after: c }) => ({
      id: c.id, reference: c.reference, state: c.state, category: c.category, channel: c.channel, department: c.department, handler: c.handler, priority: c.priority,
      received_at: c.receivedAt, updated_at: c.updatedAt, revision: c.revision, cooperating_departments: c.cooperatingDepartments,
      outstanding_requests: c.outstandingRequests,
    }));
    await tx.query(
      `INSERT INTO ${s}.complaint_list (id, reference, state, category, channel, department, handler, priority, received_at, updated_at, revision,
         cooperating_departments, outstanding_requests)
       SELECT id, reference, state, category, channel, department, handler, priority, received_at, updated_at, revision, cooperating_departments, outstanding_requests
       FROM json_to_recordset($1::json) AS r(id text, reference text, state text, category text, channel text, department text, handler text,
         priority text, received_at timestamptz, updated_at timestamptz, revision bigint, cooperating_departments text[], outstanding_requests jsonb)
       ON CONFLICT (id) DO UPDATE SET reference = excluded.reference, state = excluded.state, category = excluded.category, channel = excluded.channel,
         department = excluded.department, handler = excluded.handler, priority = excluded.priority, received_at = excluded.received_at,
         updated_at = excluded.updated_at, revision = excluded.revision, cooperating_departments = excluded.cooperating_departments,
         outstanding_requests = excluded.outstanding_requests`,
      [JSON.stringify(rows)],
    );
  },
});

/** A row as the list answers it. */
export function summaryOf(row: Row): ComplaintSummary {
  return {
    id: row.id, reference: row.reference, state: row.state, category: row.category, channel: row.channel, department: row.department, handler: row.handler,
    priority: row.priority, receivedAt: new Date(row.received_at).toISOString(), updatedAt: new Date(row.updated_at).toISOString(),
    revision: Number(row.revision), cooperatingDepartments: row.cooperating_departments,
    outstandingRequests: fromJson<ComplaintSummary['outstandingRequests']>(row.outstanding_requests),
  };
}
