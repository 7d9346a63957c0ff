/**
 * What an evidence export holds, per case and for the period: the case, its timeline with the ISO
 * 10002 clause and hashes of each event, the 7.2–7.9 checklist (evidence or gap), the SLA, the
 * decision and the integrity of the records. Pure: the events, the rules and the exporter come in.
 */
import { personalDataAccess, seesPseudonymousKeys, showsEmployeeMeasures, type Actor } from '../../../domain/access.js';
import type { Complaint } from '../../../domain/complaint/complaint.js';
import { isComplaintEventType } from '../../../domain/complaint/events.js';
import { complaintOf, lifecycleState, replay } from '../../../domain/complaint/decider.js';
import { holdsPersonalData, redactComplaint, redactEmployeeMeasures } from '../../../domain/complaint/redaction.js';
import type { WorkingCalendar } from '../../../domain/working-time/index.js';
import { DateTime } from 'luxon';
import { auditCase, auditChecklist, clauseOf, CLAUSE_TITLES, conformity, inUtc, type AuditPolicy, type CaseAudit, type ChecklistItem, type Conformity } from '../../../projections/iso10002.js';
import { foldPeriods, slaFigures, type SlaFigures } from '../../../projections/sla.js';
import { toDomainEvent } from '../../complaint-stream/index.js';
import { utcInstants } from '../../http/index.js';
import { viewEvents } from '../../complaints/index.js';
import { checkStream, isSealFinding, untrustedFrom, type IntegrityFinding, type IntegrityReport, type StoredEvent, type StreamIntegrityReport } from '../../event-store/index.js';
import type { ErasureRecord } from '../erasure-record.js';
import type { HistoryRules } from '../case-history.js';
import type { RequestSummaryRow } from './request-evidence.js';

export interface ExportContext {
  /** Who exports: decides whether the complaint's personal data is shown (domain/access.ts). */
  actor: Actor;
  /** An auditor's reason for a break-glass export: the personal data is shown, and the reason logged. */
  reason?: string;
  rules: HistoryRules;
  calendar: WorkingCalendar;
  policy: AuditPolicy;
  /** The moment of the export: open cases are judged as of now. */
  now: string;
}

/** One event of the timeline, flat, as the CSV has it. */
export interface TimelineRow {
  complaintId: string;
  revision: number;
  eventId: string;
  occurredAt: string;
  recordedAt: string;
  type: string;
  clause: string;
  clauseTitle: string;
  actorId: string;
  actorRole: string;
  /** The event's data as JSON, its personal data redacted unless the exporter may see it. */
  details: string;
  hash: string;
  previousHash: string;
}

export type SlaPeriodEvidence = Omit<SlaFigures, 'clock' | 'shareUsed'>;

export interface CaseEvidence {
  complaintId: string;
  /** The human reference (`2026-000123`); empty where the store gave none. */
  reference: string;
  exportedAt: string;
  exportedBy: { id: string; name: string; roles: string[] };
  personalDataShown: boolean;
  /** Shown by an auditor's break-glass read, for this reason. */
  breakGlassReason?: string;
  /** The calendar's time zone: the HTML shows instants in it. */
  timeZone: string;
  case: Complaint & { state: string; revision: number };
  decision: {
    outcome: string;
    basis: string;
    remedy: string | null;
    compensation: { amount: number; currency: string } | null;
    decidedAt: string;
    communicated: { channel: string; at: string } | null;
  } | null;
  sla: SlaPeriodEvidence[];
  checklist: ChecklistItem[];
  timeline: TimelineRow[];
  integrity: RecordIntegrity;
  /**
   * The complainant's personal data erased (it reads `[erased]` above): when, by whom and why, from
   * the erasure's event; the complainant key only for those who see pseudonymous keys. Empty: never erased.
   */
  erasures: ErasureRecord[];
}

/** Which check of a record's stored history failed. */
export type IntegrityCheck = 'hash chain' | 'seals' | 'recorded times';

/** Whether a case's (or a request's) stored history is as it was recorded, and which check says not. */
export interface RecordIntegrity {
  /** Every check made holds: the hash chain, and the seals where the store keeps them. */
  intact: boolean;
  /** The checks that failed, in words ("hash chain", "seals", "recorded times"); empty when intact. */
  failed: IntegrityCheck[];
  /** The stream's own hash chain, recomputed from its events, without gaps, up to its head. */
  chainIntact: boolean;
  /**
   * Its events against the heads the seals of the global order recorded for it, and the seals covering
   * its events recomputed: false when the stream was rewritten (its chain recomputed) or cut after it
   * was sealed, a sealed event's recorded time moved, or such a seal altered; null where the store keeps no seals.
   */
  sealsIntact: boolean | null;
  /** No revision is recorded earlier than the one before it (absent where the history could not be read). */
  recordedTimesInOrder?: boolean;
  /** The newest revision a seal covers (-1: none yet): later events are protected by the chain only. */
  sealedThrough: number | null;
  findings: IntegrityFinding[];
  lastRevision: number;
  /** The hash of the newest event: it vouches for the whole history before it. */
  lastHash: string;
}

/**
 * A stream's integrity for an export: the store's verification of the stream (`verified`, its chain
 * and seals), or, from a store that cannot verify one stream, its chain recomputed from `stored`.
 */
export function recordIntegrity(stored: readonly StoredEvent[], verified: StreamIntegrityReport | undefined): RecordIntegrity {
  const last = stored[stored.length - 1]!;
  const report = verified ?? checkStream(last.streamId, stored, { sealed: null, checkedAt: '' });
  const failed: IntegrityCheck[] = [];
  if (!report.chainIntact) failed.push('hash chain');
  if (report.sealsIntact === false) failed.push('seals');
  if (!report.recordedTimesInOrder) failed.push('recorded times');
  return {
    intact: report.ok,
    failed,
    chainIntact: report.chainIntact,
    sealsIntact: report.sealsIntact,
    recordedTimesInOrder: report.recordedTimesInOrder,
    sealedThrough: report.sealsIntact === null ? null : report.sealedThrough,
    findings: report.findings,
    lastRevision: last.revision,
    lastHash: last.hash,
  };
}

/** What the failed checks found, each in words naming its check ("seals: stream … was rewritten …"); none when intact. */
export function integrityProblems(integrity: RecordIntegrity): string[] {
  return integrity.findings.map((f) => `${isSealFinding(f) ? 'seals' : f.problem === 'recorded-time-backwards' ? 'recorded times' : 'hash chain'}: ${f.message}`);
}


/**
 * `stored`: the events as stored (their hash chain is checked); `opened`: the same events with the
 * complainant's personal data opened (`ComplaintCodec.open`), for what the report shows.
 */
function redactComplaintAs(complaint: Complaint, personal: boolean, employeeMeasures: boolean): Complaint {
  const shown = employeeMeasures ? complaint : redactEmployeeMeasures(complaint);
  return personal ? shown : redactComplaint(shown);
}

export function caseEvidence(
  stored: readonly StoredEvent[],
  context: ExportContext,
  opened: readonly StoredEvent[] = stored,
  verified?: StreamIntegrityReport,
  erasures: ErasureRecord[] = [],
): CaseEvidence {
  const { actor, reason, rules, now } = context;
  const events = opened;
  const state = replay(events.map(toDomainEvent));
  const complaint = complaintOf(state);
  if (!complaint) throw new Error(`stream ${events[0]?.streamId ?? '(empty)'} holds no received complaint`);
  const allowed = personalDataAccess(actor, complaint, reason);
  const measures = showsEmployeeMeasures(actor, complaint, allowed !== 'none');
  // Once erased there is none to show, whoever reads (as for time travel).
  const access = holdsPersonalData(complaint) ? allowed : 'none';
  const personal = access !== 'none';
  const last = events[events.length - 1]!;

  const shown = viewEvents([...events], personal, measures, seesPseudonymousKeys(actor));
  const timeline = events.map((event, i): TimelineRow => {
    const clause = isComplaintEventType(event.type) ? clauseOf(event.type) : undefined;
    return {
      complaintId: complaint.id,
      revision: event.revision,
      eventId: event.eventId,
      occurredAt: inUtc(event.metadata.occurredAt),
      recordedAt: inUtc(event.recordedAt),
      type: event.type,
      clause: clause ?? '',
      clauseTitle: clause ? CLAUSE_TITLES[clause] : '',
      actorId: event.metadata.actorId,
      actorRole: event.metadata.actorRole,
      // Its instants in UTC, as the API's events answer writes them.
      details: JSON.stringify(shown[i]!.data, utcInstants),
      hash: event.hash,
      previousHash: event.previousHash,
    };
  });

  let audit: CaseAudit | undefined;
  for (const event of events) {
    audit = auditCase(audit, { event: toDomainEvent(event), revision: event.revision, actorId: event.metadata.actorId, actorRole: event.metadata.actorRole });
  }

  const sla = foldPeriods(events.map(toDomainEvent), rules.sla).map((p): SlaPeriodEvidence => {
    const { clock: _clock, shareUsed: _shareUsed, ...evidence } = slaFigures(p, now, { calendar: rules.sla.calendar, atRiskShare: rules.atRiskShare });
    return evidence;
  });

  const integrity = recordIntegrity(stored, verified);

  const d = complaint.decision;
  return {
    complaintId: complaint.id,
    reference: complaint.reference ?? '',
    exportedAt: now,
    exportedBy: { id: actor.id, name: actor.name, roles: [...actor.roles] },
    personalDataShown: personal,
    ...(access === 'break-glass' ? { breakGlassReason: reason } : {}),
    timeZone: context.calendar.timeZone,
    case: { ...redactComplaintAs(complaint, personal, measures), state: lifecycleState(state), revision: last.revision },
    decision: d
      ? {
          outcome: d.outcome,
          basis: d.basis,
          remedy: d.remedy ?? null,
          compensation: d.compensation ? { amount: d.compensation.amount, currency: d.compensation.currency } : null,
          decidedAt: d.at,
          communicated: complaint.decisionCommunicated ? { channel: complaint.decisionCommunicated.channel, at: complaint.decisionCommunicated.at } : null,
        }
      : null,
    sla,
    checklist: audit
      ? auditChecklist(audit, { calendar: context.calendar, policy: context.policy, asOf: now, integrity: { ok: integrity.intact, problems: integrityProblems(integrity), untrustedFrom: untrustedFrom({ ok: integrity.intact, findings: integrity.findings }) } })
      : [],
    timeline,
    integrity,
    erasures,
  };
}

/**
 * One case in the period's summary, flat, as the CSV has it. Instants in UTC (`…At`), and beside the
 * receipt and the closing the same instants in the working calendar's zone (`…Local`, `timeZone`), as a
 * manager reads a quarter: a case received on 1 April at 00:30 in Seoul is 31 March 15:30 in UTC.
 */
export interface SummaryRow {
  complaintId: string;
  reference: string;
  category: string;
  channel: string;
  department: string;
  state: string;
  receivedAt: string;
  /** `receivedAt` in `timeZone`, "2026-04-01 00:30:00". */
  receivedLocal: string;
  closedAs: string;
  closedAt: string;
  /** `closedAt` in `timeZone`; empty while open. */
  closedLocal: string;
  /** The working calendar's time zone, which the `…Local` columns and the quarter's bounds are in. */
  timeZone: string;
  outcome: string;
  /**
   * The latest handling period's SLA status; `not-applicable` for a case withdrawn or excluded at
   * assessment before its deadline ran out (its handling ended without a decision to be in time for).
   */
  slaStatus: string;
  breachedAt: string;
  interimNoticeMissing: boolean;
  /** Clauses with a gap, "7.4; 7.8". */
  gaps: string;
  events: number;
  /** The case's stored history verified: its hash chain, and its events against the seals. */
  intact: boolean;
  /** Which check failed: "hash chain", "seals", "hash chain; seals"; empty when intact. */
  failed: string;
  chainIntact: boolean;
  /** Null (empty in the CSV) where the store keeps no seals. */
  sealsIntact: boolean | null;
  lastHash: string;
}

export interface PeriodSummary {
  /** A quarter's export holds the cases received in it (`population`) and the improvement requests filed in it. */
  scope: { quarter: string; from: string; to: string; timeZone: string; population: string } | { complaintId: string } | { requestId: string };
  exportedAt: string;
  exportedBy: CaseEvidence['exportedBy'];
  personalDataShown: boolean;
  /** Shown by an auditor's break-glass read, for this reason. */
  breakGlassReason?: string;
  timeZone: string;
  cases: SummaryRow[];
  /**
   * ISO 10002 8.4: the share of the exported cases conforming per clause, over `population`: for a
   * quarter, the cases received in it, open ones included (`GET /audit/conformity` counts those closed in it).
   */
  conformity: Conformity & { population: string };
  /** The improvement requests filed in the period (or the one exported). */
  requests: RequestSummaryRow[];
  /** The whole store, verified at export time; keep `seals.latest.digest` outside the database. */
  store: Pick<IntegrityReport, 'ok' | 'checkedAt' | 'events' | 'seals' | 'unsealedEvents' | 'firstMismatch'> | null;
}

/** What a quarter's evidence export holds, as its summary and README say. */
export const RECEIVED_IN_QUARTER =
  'cases received in the quarter (their receipt, in the calendar’s time zone), open and closed, withdrawn and excluded ones included, compliments listed but not judged for conformity; the improvement requests filed in it';

/** An instant in the calendar's zone as a spreadsheet reads it: "2026-04-01 00:30:00". */
export function localTime(instant: string | null | undefined, timeZone: string): string {
  if (!instant) return '';
  const at = DateTime.fromISO(instant, { setZone: true }).setZone(timeZone);
  return at.isValid ? at.toFormat('yyyy-MM-dd HH:mm:ss') : '';
}

export function summaryRow(evidence: CaseEvidence): SummaryRow {
  const c = evidence.case;
  const sla = evidence.sla[evidence.sla.length - 1];
  const zone = evidence.timeZone;
  return {
    complaintId: evidence.complaintId,
    reference: evidence.reference,
    category: c.category,
    channel: c.channel,
    department: c.department ?? '',
    state: c.state,
    receivedAt: inUtc(c.receivedAt),
    receivedLocal: localTime(c.receivedAt, zone),
    closedAs: c.closure?.as ?? '',
    closedAt: c.closure ? inUtc(c.closure.at) : '',
    closedLocal: localTime(c.closure?.at, zone),
    timeZone: zone,
    outcome: evidence.decision?.outcome ?? '',
    slaStatus: sla?.status ?? '',
    breachedAt: sla?.breachedAt ? inUtc(sla.breachedAt) : '',
    interimNoticeMissing: sla?.interimNoticeMissing ?? false,
    gaps: evidence.checklist.filter((i) => i.status === 'gap').map((i) => i.clause).join('; '),
    events: evidence.timeline.length,
    ...integrityColumns(evidence.integrity),
  };
}

/** A record's integrity as the summary CSVs' columns have it (cases, damaged cases, requests alike). */
export function integrityColumns(integrity: RecordIntegrity): { intact: boolean; failed: string; chainIntact: boolean; sealsIntact: boolean | null; lastHash: string } {
  return { intact: integrity.intact, failed: integrity.failed.join('; '), chainIntact: integrity.chainIntact, sealsIntact: integrity.sealsIntact, lastHash: integrity.lastHash };
}

export function periodSummary(
  scope: PeriodSummary['scope'],
  evidence: readonly CaseEvidence[],
  context: ExportContext,
  store: IntegrityReport | null,
  requests: RequestSummaryRow[] = [],
): PeriodSummary {
  const complaints = 'quarter' in scope ? evidence.filter((e) => !context.rules.sla.isCompliment(e.case.category)) : evidence;
  return {
    scope,
    exportedAt: context.now,
    exportedBy: { id: context.actor.id, name: context.actor.name, roles: [...context.actor.roles] },
    personalDataShown: evidence.some((e) => e.personalDataShown),
    ...(context.reason !== undefined && evidence.some((e) => e.breakGlassReason !== undefined) ? { breakGlassReason: context.reason } : {}),
    timeZone: context.calendar.timeZone,
    cases: evidence.map(summaryRow),
    conformity: {
      population: 'quarter' in scope ? scope.population : 'complaintId' in scope ? 'the case exported' : 'no case: an improvement request',
      // A compliment is listed with the cases but is no complaint to judge, as GET /audit/conformity has it.
      ...conformity(complaints.map((e) => ({ checklist: e.checklist, surveyed: e.case.satisfaction !== undefined }))),
    },
    requests,
    store: store && {
      ok: store.ok,
      checkedAt: store.checkedAt,
      events: store.events,
      seals: store.seals,
      unsealedEvents: store.unsealedEvents,
      ...(store.firstMismatch ? { firstMismatch: store.firstMismatch } : {}),
    },
  };
}
