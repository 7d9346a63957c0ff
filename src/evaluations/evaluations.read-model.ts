import { evolveEvaluation, type Evaluation } from '../../domain/evaluation/evaluation.js';
import { evolveInspection, type Inspection } from '../../domain/evaluation/inspection.js';
import type { InspectionEvent } from '../../domain/evaluation/inspection.js';
import type { StoredEvent } from '../event-store/index.js';
import { fromJson, streamReadModel } from '../read-models/index.js';
import { evaluationEventOf, evaluationQuarterOf, inspectionIdOf } from './stream.js';

/** Per stream: an evaluation (keyed by its quarter) or an inspection (by its id), with the stream's revision. */
type Kept = { kind: 'evaluation'; evaluation: Evaluation; revision: number } | { kind: 'inspection'; inspection: Inspection; revision: number };
type Item = { kind: 'evaluation' | 'inspection'; stored: StoredEvent };

const EVALUATION = 'evaluation:';
const INSPECTION = 'inspection:';

/**
 * The quarterly evaluations (one row each: status, signature, how many indicators judged, the record),
 * their actions (one row each, for the follow-up: what is still open, carried into the next quarter's
 * draft) and the ad-hoc inspections (one row each, by the quarter they were recorded in).
 */
export const evaluationsReadModel = streamReadModel<Kept, Item>({
  name: 'evaluations',
  version: 1,
  tables: ['evaluations', 'evaluation_actions', 'inspections'],
  schema: (s) => [
    `CREATE TABLE IF NOT EXISTS ${s}.evaluations (
      quarter text PRIMARY KEY, status text NOT NULL, drafted_at timestamptz NOT NULL, signed_at timestamptz, signed_by text,
      judged integer NOT NULL, evaluation jsonb NOT NULL, revision bigint NOT NULL)`,
    `CREATE TABLE IF NOT EXISTS ${s}.evaluation_actions (
      quarter text NOT NULL, action_id text NOT NULL, kind text NOT NULL, text text NOT NULL, owner text NOT NULL, due_on date NOT NULL,
      status text NOT NULL, added_at timestamptz NOT NULL, completed_at timestamptz, PRIMARY KEY (quarter, action_id))`,
    `CREATE TABLE IF NOT EXISTS ${s}.inspections (
      id text PRIMARY KEY, recorded_at timestamptz NOT NULL, recorded_by text NOT NULL, period_from timestamptz NOT NULL, period_to timestamptz NOT NULL,
      sampled integer, inspection jsonb NOT NULL, revision bigint NOT NULL)`,
    `CREATE INDEX IF NOT EXISTS inspections_recorded_at ON ${s}.inspections (recorded_at)`,
  ],

  select(stored) {
    const quarter = evaluationQuarterOf(stored.streamId);
    if (quarter !== undefined) return [EVALUATION + quarter, { kind: 'evaluation', stored }];
    const id = inspectionIdOf(stored.streamId);
    return id === undefined ? undefined : [INSPECTION + id, { kind: 'inspection', stored }];
  },

  async load(tx, s, keys) {
    const quarters = keys.filter((k) => k.startsWith(EVALUATION)).map((k) => k.slice(EVALUATION.length));
    const ids = keys.filter((k) => k.startsWith(INSPECTION)).map((k) => k.slice(INSPECTION.length));
    const kept = new Map<string, Kept>();
    for (const row of await tx.query<{ quarter: string; evaluation: unknown; revision: number | string }>(`SELECT quarter, evaluation, revision FROM ${s}.evaluations WHERE quarter = ANY($1::text[])`, [quarters])) {
      kept.set(EVALUATION + row.quarter, { kind: 'evaluation', evaluation: fromJson<Evaluation>(row.evaluation), revision: Number(row.revision) });
    }
    for (const row of await tx.query<{ id: string; inspection: unknown; revision: number | string }>(`SELECT id, inspection, revision FROM ${s}.inspections WHERE id = ANY($1::text[])`, [ids])) {
      kept.set(INSPECTION + row.id, { kind: 'inspection', inspection: fromJson<Inspection>(row.inspection), revision: Number(row.revision) });
    }
    return kept;
  },

  evolve(kept, { kind, stored }) {
    // A redelivered event changes nothing.
    if (kept && stored.revision <= kept.revision) return kept;
    if (kind === 'evaluation') {
      const evaluation = evolveEvaluation(kept?.kind === 'evaluation' ? kept.evaluation : undefined, evaluationEventOf(stored));
      return evaluation && { kind, evaluation, revision: stored.revision };
    }
    const inspection = evolveInspection(kept?.kind === 'inspection' ? kept.inspection : undefined, { type: stored.type, data: stored.data, occurredAt: stored.metadata.occurredAt } as InspectionEvent);
    return inspection && { kind, inspection, revision: stored.revision };
  },

  async save(tx, s, changes) {
    const evaluations = changes.flatMap(({ after }) => (after.kind === 'evaluation' ? [{ ...after.evaluation, revision: after.revision }] : []));
    const inspections = changes.flatMap(({ after }) => (after.kind === 'inspection' ? [{ ...after.inspection, revision: after.revision }] : []));
    if (evaluations.length > 0) {
      const rows = evaluations.map(({ revision, ...e }) => ({
        quarter: e.quarter, status: e.status, drafted_at: e.draftedAt, signed_at: e.signature?.signedAt ?? null, signed_by: e.signature?.signedBy ?? null,
        judged: Object.keys(e.judgements).length, evaluation: e, revision,
      }));
      await tx.query(
        `INSERT INTO ${s}.evaluations (quarter, status, drafted_at, signed_at, signed_by, judged, evaluation, revision)
         SELECT * FROM json_to_recordset($1::json) AS r(quarter text, status text, drafted_at timestamptz, signed_at timestamptz, signed_by text, judged integer, evaluation jsonb, revision bigint)
         ON CONFLICT (quarter) DO UPDATE SET status = excluded.status, drafted_at = excluded.drafted_at, signed_at = excluded.signed_at, signed_by = excluded.signed_by,
           judged = excluded.judged, evaluation = excluded.evaluation, revision = excluded.revision`,
        [JSON.stringify(rows)],
      );
      const actions = evaluations.flatMap((e) =>
        e.actions.map((a) => ({
          quarter: e.quarter, action_id: a.actionId, kind: a.kind, text: a.text, owner: a.owner, due_on: a.dueOn, status: a.status, added_at: a.addedAt, completed_at: a.completion?.at ?? null,
        })),
      );
      await tx.query(`DELETE FROM ${s}.evaluation_actions WHERE quarter = ANY($1::text[])`, [evaluations.map((e) => e.quarter)]);
      await tx.query(
        `INSERT INTO ${s}.evaluation_actions (quarter, action_id, kind, text, owner, due_on, status, added_at, completed_at)
         SELECT * FROM json_to_recordset($1::json) AS r(quarter text, action_id text, kind text, text text, owner text, due_on date, status text, added_at timestamptz, completed_at timestamptz)`,
        [JSON.stringify(actions)],
      );
    }
    if (inspections.length > 0) {
      const rows = inspections.map(({ revision, ...i }) => ({
        id: i.inspectionId, recorded_at: i.recordedAt, recorded_by: i.recordedBy, period_from: i.period.from, period_to: i.period.to,
        sampled: i.sample?.complaintIds.length ?? null, inspection: i, revision,
      }));
      await tx.query(
        `INSERT INTO ${s}.inspections (id, recorded_at, recorded_by, period_from, period_to, sampled, inspection, revision)
         SELECT * FROM json_to_recordset($1::json) AS r(id text, recorded_at timestamptz, recorded_by text, period_from timestamptz, period_to timestamptz, sampled integer, inspection jsonb, revision bigint)
         ON CONFLICT (id) DO UPDATE SET inspection = excluded.inspection, revision = excluded.revision`,
        [JSON.stringify(rows)],
      );
    }
  },
});
