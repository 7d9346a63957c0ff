import { auditCase, latestClosingOf, trailEntry, type CaseAudit, type TrailEntry } from '../../projections/iso10002.js';
import { jsonDifferences, shownValue, type CaseEvent } from '../read-models/index.js';

/** A case's `audit_cases` row as stored. */
export type StoredAuditCase = {
  received_at: Date | string;
  closed_at: Date | string | null;
  revision: number;
  audit: CaseAudit;
};

/** A case's `audit_trail` row as stored. */
export type StoredTrailRow = {
  revision: number;
  type: string;
  clause: string;
  actor_id: string;
  actor_role: string;
  occurred_at: string;
};

/** Where a case's stored audit rows differ from what its events give. */
export interface AuditRowDifference {
  table: 'audit_cases' | 'audit_trail';
  /** The column, down to the field of the audit facts (`audit.acknowledgement`); absent where the whole row is missing or extra. */
  column?: string;
  /** The event's revision, for a trail row. */
  revision?: number;
  message: string;
}

/** What the audit-trail read model holds of a case after these events: the same fold as the read model's. */
export function auditFromEvents(events: readonly CaseEvent[]): { audit: CaseAudit | undefined; trail: TrailEntry[] } {
  let audit: CaseAudit | undefined;
  const trail: TrailEntry[] = [];
  for (const event of events) {
    const next = auditCase(audit, event);
    // The read model writes a trail line for each event that moved the case's audit on, and only those.
    if (next !== undefined && next !== audit) trail.push(trailEntry(event));
    audit = next;
  }
  return { audit, trail };
}

const instant = (value: Date | string | null | undefined): number | null => (value === null || value === undefined ? null : new Date(value).getTime());

/**
 * The case's stored rows against the fold of its events (those the read model had been given, up to
 * its checkpoint), column by column. Empty when they agree.
 */
export function auditRowDifferences(stored: StoredAuditCase | undefined, trail: readonly StoredTrailRow[], events: readonly CaseEvent[]): AuditRowDifference[] {
  const expected = auditFromEvents(events);
  const differs: AuditRowDifference[] = [];
  const audit = expected.audit && (JSON.parse(JSON.stringify(expected.audit)) as CaseAudit);
  if (!stored && audit) differs.push({ table: 'audit_cases', message: "audit_cases: the case's row is missing, though its events give one" });
  if (stored && !audit) differs.push({ table: 'audit_cases', message: 'audit_cases: the table has a row of the case that its events do not give' });
  if (stored && audit) {
    const columns: [string, unknown, unknown][] = [
      ['received_at', instant(stored.received_at), instant(audit.receivedAt)],
      ['closed_at', instant(stored.closed_at), instant(latestClosingOf(audit))],
      ['revision', stored.revision, audit.lastRevision],
    ];
    for (const [column, held, given] of columns) {
      if (held !== given) differs.push({ table: 'audit_cases', column, message: `audit_cases.${column} holds ${shownValue(shownInstant(column, held))} where the events give ${shownValue(shownInstant(column, given))}` });
    }
    for (const d of jsonDifferences(stored.audit, audit, 'audit')) {
      differs.push({ table: 'audit_cases', column: d.path, message: `audit_cases.${d.path} holds ${shownValue(d.stored)} where the events give ${shownValue(d.fromEvents)}` });
    }
  }
  const rows = new Map(trail.map((r) => [r.revision, r]));
  const entries = new Map(expected.trail.map((e) => [e.revision, e]));
  for (const revision of [...new Set([...rows.keys(), ...entries.keys()])].sort((a, b) => a - b)) {
    const row = rows.get(revision);
    const entry = entries.get(revision);
    if (!entry) differs.push({ table: 'audit_trail', revision, message: `audit_trail, revision ${revision}: the table has a line no event of the case gives` });
    else if (!row) differs.push({ table: 'audit_trail', revision, message: `audit_trail, revision ${revision}: the line of the ${entry.type} event is missing` });
    else {
      const columns: [string, string, string][] = [
        ['type', row.type, entry.type],
        ['clause', row.clause, entry.clause],
        ['actor_id', row.actor_id, entry.actorId],
        ['actor_role', row.actor_role, entry.actorRole],
        ['occurred_at', row.occurred_at, entry.occurredAt],
      ];
      for (const [column, held, given] of columns) {
        if (held !== given) differs.push({ table: 'audit_trail', revision, column, message: `audit_trail, revision ${revision}: ${column} holds ${shownValue(held)} where the event gives ${shownValue(given)}` });
      }
    }
  }
  return differs;
}

function shownInstant(column: string, value: unknown): unknown {
  return column.endsWith('_at') && typeof value === 'number' ? new Date(value).toISOString() : value;
}
