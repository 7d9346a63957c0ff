import { COMPLAINT_EVENT_TYPES } from '../../domain/complaint/events.js';
import { auditCase, latestClosingOf, trailEntry, type CaseAudit } from '../../projections/iso10002.js';
import { caseReadModel, fromJson, type CaseEvent } from '../read-models/index.js';

/**
 * The ISO 10002 audit trail: every event with the clause it evidences (`audit_trail`), and per case
 * the audit facts the checklist is judged on (`audit_cases`). The judgement itself (thresholds,
 * working calendar) is made when asked, so the rows depend on the events alone.
 */
export const auditTrailReadModel = caseReadModel<CaseAudit>({
  name: 'audit-trail',
  // 2: the receipt says whether the complainant was unidentified (7.4 needs no acknowledgement then).
  // 3: a withdrawal's evidence no longer quotes its reason (the complainant's words, sealed from December 2026).
  // 4: the receipt's time in UTC, in `receivedAt` and in its evidence (it kept the offset the receipt was given with).
  // 5: a reopened case keeps its latest closing (`closed_at`, `closedBeforeReopening`) until closed again.
  version: 5,
  handles: COMPLAINT_EVENT_TYPES,
  tables: ['audit_trail', 'audit_cases'],
  schema: (s) => [
    `CREATE TABLE IF NOT EXISTS ${s}.audit_trail (
      complaint_id text NOT NULL, revision integer NOT NULL, type text NOT NULL, clause text NOT NULL,
      actor_id text NOT NULL, actor_role text NOT NULL, occurred_at text NOT NULL, PRIMARY KEY (complaint_id, revision))`,
    `CREATE TABLE IF NOT EXISTS ${s}.audit_cases (
      complaint_id text PRIMARY KEY, received_at timestamptz NOT NULL, closed_at timestamptz, revision integer NOT NULL, audit jsonb NOT NULL)`,
    `CREATE INDEX IF NOT EXISTS audit_cases_closed_at ON ${s}.audit_cases (closed_at) WHERE closed_at IS NOT NULL`,
  ],

  async load(tx, s, ids) {
    const rows = await tx.query<{ complaint_id: string; audit: unknown }>(`SELECT complaint_id, audit FROM ${s}.audit_cases WHERE complaint_id = ANY($1::text[])`, [ids]);
    return new Map(rows.map((r) => [r.complaint_id, fromJson<CaseAudit>(r.audit)]));
  },

  evolve: (audit, recorded) => auditCase(audit, recorded),

  async save(tx, s, changes) {
    // Each audit goes as a string: PostgreSQL reads a string in the rows' JSON several times faster than a nested object.
    const cases = changes.map(({ after: a }) => ({
      complaint_id: a.complaintId, received_at: a.receivedAt, closed_at: latestClosingOf(a) ?? null, revision: a.lastRevision, audit: JSON.stringify(a),
    }));
    await tx.query(
      `INSERT INTO ${s}.audit_cases (complaint_id, received_at, closed_at, revision, audit)
       SELECT complaint_id, received_at, closed_at, revision, audit::jsonb
       FROM json_to_recordset($1::json) AS r(complaint_id text, received_at timestamptz, closed_at timestamptz, revision integer, audit text)
       ON CONFLICT (complaint_id) DO UPDATE SET closed_at = excluded.closed_at, revision = excluded.revision, audit = excluded.audit`,
      [JSON.stringify(cases)],
    );
    // The events after what the case's stored audit had seen: a redelivered one adds no second line.
    const trail = changes.flatMap(({ before, events }) => events.filter((e) => e.revision > (before?.lastRevision ?? -1)).map(trailRow));
    if (trail.length === 0) return;
    await tx.query(
      `INSERT INTO ${s}.audit_trail (complaint_id, revision, type, clause, actor_id, actor_role, occurred_at)
       SELECT complaint_id, revision, type, clause, actor_id, actor_role, occurred_at
       FROM json_to_recordset($1::json) AS r(complaint_id text, revision integer, type text, clause text, actor_id text, actor_role text, occurred_at text)
       ON CONFLICT (complaint_id, revision) DO NOTHING`,
      [JSON.stringify(trail)],
    );
  },
});

function trailRow(recorded: CaseEvent) {
  const e = trailEntry(recorded);
  return { complaint_id: recorded.complaintId, revision: e.revision, type: e.type, clause: e.clause, actor_id: e.actorId, actor_role: e.actorRole, occurred_at: e.occurredAt };
}
