import type { ImprovementRequest } from '../../domain/improvement/request.js';
import { summarizeImprovement, type ImprovementSummary } from '../../projections/improvement-requests.js';
import { fromJson, streamReadModel } from '../read-models/index.js';
import type { StoredEvent } from '../event-store/index.js';
import { improvementEventOf, improvementRequestIdOf } from './stream.js';

export type ImprovementRow = {
  id: string; state: ImprovementSummary['state']; department: string; requested_at: Date | string; due_on: string; complaint_ids: string[];
  category: string | null; implemented_at: Date | string | null; request: ImprovementRequest | string; revision: number | string; updated_at: Date | string;
};

/**
 * One row per improvement request: its state, department, due date, the complaints behind it (the
 * link from a complaint to the requests it led to), when it was implemented, and the request itself.
 * The reports (open and overdue by department, time to implement, per quarter) are SQL over it.
 */
export const improvementRequestsReadModel = streamReadModel<ImprovementSummary, { revision: number; stored: StoredEvent }>({
  name: 'improvement-requests',
  version: 1,
  tables: ['improvement_requests'],
  schema: (s) => [
    `CREATE TABLE IF NOT EXISTS ${s}.improvement_requests (
      id text PRIMARY KEY, state text NOT NULL, department text NOT NULL, requested_at timestamptz NOT NULL, due_on date NOT NULL,
      complaint_ids text[] NOT NULL, category text, implemented_at timestamptz, decline_accepted boolean NOT NULL,
      request jsonb NOT NULL, revision bigint NOT NULL, updated_at timestamptz NOT NULL)`,
    `CREATE INDEX IF NOT EXISTS improvement_requests_due ON ${s}.improvement_requests (due_on, id)`,
    `CREATE INDEX IF NOT EXISTS improvement_requests_complaints ON ${s}.improvement_requests USING gin (complaint_ids)`,
  ],

  select(stored) {
    const id = improvementRequestIdOf(stored.streamId);
    return id === undefined ? undefined : [id, { revision: stored.revision, stored }];
  },

  async load(tx, s, ids) {
    const rows = await tx.query<ImprovementRow>(`SELECT * FROM ${s}.improvement_requests WHERE id = ANY($1::text[])`, [ids]);
    return new Map(rows.map((row) => [row.id, summaryOf(row)]));
  },

  evolve: (summary, { revision, stored }) => summarizeImprovement(summary, improvementRequestIdOf(stored.streamId)!, improvementEventOf(stored), revision),

  async save(tx, s, changes) {
    const rows = changes.map(({ after: { id, state, request, revision, updatedAt } }) => ({
      id, state, department: request.department, requested_at: request.requestedAt, due_on: request.dueOn, complaint_ids: request.complaints,
      category: request.category ?? null, implemented_at: request.implementation?.at ?? null,
      decline_accepted: state === 'declined' && request.committeeDecisions.at(-1)?.decision === 'accept-decline', request, revision, updated_at: updatedAt,
    }));
    await tx.query(
      `INSERT INTO ${s}.improvement_requests (id, state, department, requested_at, due_on, complaint_ids, category, implemented_at, decline_accepted, request, revision, updated_at)
       SELECT id, state, department, requested_at, due_on, complaint_ids, category, implemented_at, decline_accepted, request, revision, updated_at
       FROM json_to_recordset($1::json) AS r(id text, state text, department text, requested_at timestamptz, due_on date, complaint_ids text[], category text,
         implemented_at timestamptz, decline_accepted boolean, request jsonb, revision bigint, updated_at timestamptz)
       ON CONFLICT (id) DO UPDATE SET state = excluded.state, department = excluded.department, requested_at = excluded.requested_at, due_on = excluded.due_on,
         complaint_ids = excluded.complaint_ids, category = excluded.category, implemented_at = excluded.implemented_at, decline_accepted = excluded.decline_accepted,
         request = excluded.request, revision = excluded.revision, updated_at = excluded.updated_at`,
      [JSON.stringify(rows)],
    );
  },
});

export function summaryOf(row: ImprovementRow): ImprovementSummary {
  return { id: row.id, state: row.state, request: fromJson<ImprovementRequest>(row.request), revision: Number(row.revision), updatedAt: new Date(row.updated_at).toISOString() };
}
