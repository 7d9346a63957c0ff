/**
 * The evidence of a case whose stored history is damaged (src/complaint-stream/damaged-history.ts):
 * its events as stored, unfolded (no state, SLA or checklist can be told of a history the machine
 * cannot replay), what reading it found, and its integrity as verified. An export never fails for
 * one such case: it is exported this way and every other case as usual.
 */
import { mayBreakGlass, seesPseudonymousKeys, type Actor, type PersonalDataAccess } from '../../../domain/access.js';
import { isComplaintEventType } from '../../../domain/complaint/events.js';
import { clauseOf, CLAUSE_TITLES } from '../../../projections/iso10002.js';
import type { Damage } from '../../complaint-stream/index.js';
import { viewEvents } from '../../complaints/index.js';
import type { StoredEvent, StreamIntegrityReport } from '../../event-store/index.js';
import { integrityColumns, recordIntegrity, type CaseEvidence, type ExportContext, type RecordIntegrity, type SummaryRow, type TimelineRow } from './evidence.js';
import { html } from './html.js';
import { reportPage } from './report-html.js';

export interface DamagedCaseEvidence {
  complaintId: string;
  /** From the stored receipt, when revision 0 is one; empty otherwise. */
  reference: string;
  exportedAt: string;
  exportedBy: CaseEvidence['exportedBy'];
  personalDataShown: boolean;
  breakGlassReason?: string;
  timeZone: string;
  /** Why the case cannot be read: the revision and what was found. */
  historyDamaged: Damage;
  /** What the stored receipt (revision 0, when it is one) says of the case; null without it. */
  receipt: { category: string; channel: string; receivedAt: string } | null;
  /** Every stored event, in revision order, as stored (its personal data redacted unless shown). */
  timeline: TimelineRow[];
  integrity: RecordIntegrity;
}

export const isDamaged = (e: CaseEvidence | DamagedCaseEvidence): e is DamagedCaseEvidence => 'historyDamaged' in e;

/**
 * Who sees a damaged case's personal data: who handles a case is told by its history, which cannot be
 * read, so only those who see every case's (the complaints office) and an auditor's break-glass export.
 */
export function damagedCaseAccess(actor: Actor, reason: string | undefined): PersonalDataAccess {
  if (actor.roles.includes('complaints-office')) return 'handling';
  return reason !== undefined && mayBreakGlass(actor) ? 'break-glass' : 'none';
}

export function damagedCaseEvidence(
  complaintId: string,
  stored: readonly StoredEvent[],
  context: ExportContext,
  damage: Damage,
  /** The events with their personal data opened, where it is shown (`access`); `stored` otherwise. */
  opened: readonly StoredEvent[],
  access: PersonalDataAccess,
  verified: StreamIntegrityReport | undefined,
): DamagedCaseEvidence {
  const { actor, reason, now } = context;
  const personal = access !== 'none';
  const shown = viewEvents([...opened], personal, personal, seesPseudonymousKeys(actor));
  const first = stored[0];
  const receipt = first?.revision === 0 && first.type === 'ComplaintReceived' ? first.data : undefined;
  const text = (value: unknown): string => (typeof value === 'string' ? value : '');
  return {
    complaintId,
    reference: text(receipt?.reference),
    exportedAt: now,
    exportedBy: { id: actor.id, name: actor.name, roles: [...actor.roles] },
    personalDataShown: personal,
    ...(access === 'break-glass' ? { breakGlassReason: reason } : {}),
    timeZone: context.calendar.timeZone,
    historyDamaged: damage,
    receipt: receipt ? { category: text(receipt.category), channel: text(receipt.channel), receivedAt: text(receipt.receivedAt) } : null,
    timeline: opened.map((event, i): TimelineRow => {
      const clause = isComplaintEventType(event.type) ? clauseOf(event.type) : undefined;
      return {
        complaintId,
        revision: event.revision,
        eventId: event.eventId,
        occurredAt: event.metadata.occurredAt,
        recordedAt: event.recordedAt,
        type: event.type,
        clause: clause ?? '',
        clauseTitle: clause ? CLAUSE_TITLES[clause] : '',
        actorId: event.metadata.actorId,
        actorRole: event.metadata.actorRole,
        details: JSON.stringify(shown[i]!.data),
        hash: event.hash,
        previousHash: event.previousHash,
      };
    }),
    integrity:
      stored.length > 0
        ? recordIntegrity(stored, verified)
        : {
            intact: false,
            failed: ['hash chain'],
            chainIntact: false,
            sealsIntact: verified?.sealsIntact ?? null,
            sealedThrough: verified && verified.sealsIntact !== null ? verified.sealedThrough : null,
            findings: verified?.findings ?? [],
            lastRevision: -1,
            lastHash: '',
          },
  };
}

/**
 * The case's line in the period's summary: what its stored receipt says, `state` "history-damaged",
 * its integrity, every other column empty (it has no state, SLA or checklist to give).
 */
export function damagedSummaryRow(e: DamagedCaseEvidence, columns: readonly (keyof SummaryRow)[]): SummaryRow {
  const blank = Object.fromEntries(columns.map((column) => [column, ''])) as unknown as SummaryRow;
  return {
    ...blank,
    complaintId: e.complaintId,
    reference: e.reference,
    category: e.receipt?.category ?? '',
    channel: e.receipt?.channel ?? '',
    state: 'history-damaged',
    receivedAt: e.receipt?.receivedAt ?? '',
    interimNoticeMissing: false,
    events: e.timeline.length,
    ...integrityColumns(e.integrity),
  };
}

/** The printable page of a damaged case: why it cannot be read, what verification says, and its events as stored. */
export function damagedCaseReportHtml(e: DamagedCaseEvidence): string {
  const shown = e.breakGlassReason !== undefined ? html`shown by a break-glass read, for: ${e.breakGlassReason}` : e.personalDataShown ? 'shown' : 'redacted';
  const body = html`<header>
<h1>Complaint ${e.reference || e.complaintId}: evidence report</h1>
<p class="meta">Exported ${e.exportedAt} by ${e.exportedBy.name || e.exportedBy.id} (${e.exportedBy.id}; ${e.exportedBy.roles.join(', ')}). Personal data: ${shown}. Times as stored.</p>
</header>
<section id="history-damaged">
<h2>History damaged</h2>
<p class="bad" data-history-damaged="true" data-revision="${e.historyDamaged.revision ?? ''}">The stored history of this case is damaged: ${e.historyDamaged.found}.</p>
<p>Its events are given below as they are stored, not replayed: the case's state, SLA and ISO 10002 checklist cannot be told from them, and it is not counted in the period's conformity.</p>
${e.receipt ? html`<p>Its stored receipt says: category ${e.receipt.category}, channel ${e.receipt.channel}, received ${e.receipt.receivedAt}.</p>` : html`<p>Its receipt (revision 0) is not among its stored events.</p>`}
<p class="${e.integrity.intact ? 'good' : 'bad'}" data-intact="${e.integrity.intact}" data-failed="${e.integrity.failed.join('; ')}">Verification${e.integrity.failed.length > 0 ? ` (failed: ${e.integrity.failed.join(', ')})` : ''}:</p>
<ul>${e.integrity.findings.map((f) => html`<li class="bad">${f.message}</li>`)}</ul>
</section>
<section id="timeline">
<h2>Events as stored</h2>
<table class="timeline">
<thead><tr><th>Rev.</th><th>Occurred (recorded)</th><th>Event</th><th>Clause</th><th>Actor (role)</th><th>Details</th><th>Hash (previous)</th></tr></thead>
<tbody>
${e.timeline.map(
  (t) => html`<tr data-revision="${t.revision}" data-event-id="${t.eventId}">
<td>${t.revision}</td><td>${t.occurredAt}<br>(recorded ${t.recordedAt})</td><td>${t.type}</td><td>${t.clause} ${t.clauseTitle}</td>
<td>${t.actorId} (${t.actorRole})</td><td class="details">${t.details}</td><td class="hash">${t.hash}<br>(${t.previousHash})</td></tr>`,
)}
</tbody>
</table>
</section>`;
  return reportPage(`Complaint ${e.complaintId}: evidence report (history damaged)`, body);
}
