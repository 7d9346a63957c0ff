/**
 * ISO 10002:2018 (complaints handling) as an auditor reads a case history: which clause each event
 * evidences, and per case a checklist for 7.2–7.9 giving the evidence (event, actor, role, time,
 * basis) or the gap in words. Pure: the calendar, the thresholds and "now" come in as arguments.
 */
import { DateTime } from 'luxon';
import { assertNever } from '../domain/complaint/complaint.js';
import type { ComplaintEvent, ComplaintEventType } from '../domain/complaint/events.js';
import { deadlineFor, IMMEDIATELY, workingMillisBetween, type WorkingCalendar, type WorkingPeriod } from '../domain/working-time/index.js';

export const ISO_CLAUSES = ['7.2', '7.3', '7.4', '7.5', '7.6', '7.7', '7.8', '7.9', '8.3'] as const;
export type IsoClause = (typeof ISO_CLAUSES)[number];

/** The clauses an auditor checks per case (clause 7, the complaints-handling process, less 7.1 which is organisation-wide). */
export const CASE_CLAUSES = ['7.2', '7.3', '7.4', '7.5', '7.6', '7.7', '7.8', '7.9'] as const satisfies readonly IsoClause[];
export type CaseClause = (typeof CASE_CLAUSES)[number];

export const CLAUSE_TITLES: Readonly<Record<IsoClause, string>> = {
  '7.2': 'Receipt of complaint',
  '7.3': 'Tracking of complaint',
  '7.4': 'Acknowledgement of complaint',
  '7.5': 'Initial assessment of complaint',
  '7.6': 'Investigation of complaint',
  '7.7': 'Response to complaint',
  '7.8': 'Communicating the decision',
  '7.9': 'Closing the complaint',
  '8.3': 'Satisfaction with the complaints-handling process',
};

/**
 * The clause each event evidences. 7.3 (tracking) is evidenced by the unbroken history as a whole,
 * and also by the events that keep the case's status known: pauses of the clock and interim notices.
 */
const CLAUSE_OF: Readonly<Record<ComplaintEventType, IsoClause>> = {
  ComplaintReceived: '7.2',
  // An amendment changes the recorded details of the complaint.
  ComplaintAmended: '7.2',
  // Consent is part of the recorded details: it says how the complainant may be told.
  ConsentChanged: '7.2',
  // Asking the complainant for what the investigation lacks gathers the relevant information.
  SupplementRequested: '7.6',
  ClockPaused: '7.3',
  ClockResumed: '7.3',
  InterimNoticeSent: '7.3',
  ComplaintAcknowledged: '7.4',
  // Withholding the acknowledgement (no consent to notices, or an unidentified complainant) is the recorded reason for not sending one.
  AcknowledgementWithheld: '7.4',
  ComplaintAssessed: '7.5',
  ComplaintRejectedAtAssessment: '7.5',
  ComplaintAssigned: '7.6',
  ComplaintReassigned: '7.6',
  InformationRequested: '7.6',
  InformationReceived: '7.6',
  FindingsRecorded: '7.6',
  // A cooperating department's findings, in joint handling.
  ContributionRecorded: '7.6',
  DecisionMade: '7.7',
  // Handing over the compensation decided is the remedy carried out.
  CompensationProvided: '7.7',
  // Measures for the employee who caused the complaint: corrective action, part of the response.
  TrainingReferred: '7.7',
  TrainingCompleted: '7.7',
  DecisionCommunicated: '7.8',
  ComplaintClosed: '7.9',
  ComplaintWithdrawn: '7.9',
  // ISO 10002 7.9: a complainant who does not accept the decision keeps the complaint open.
  ComplaintReopened: '7.9',
  SatisfactionRecorded: '8.3',
  // Who may see the complaint's details is part of keeping its record (ISO 10002 5.4 confidentiality).
  ComplaintMarkedConfidential: '7.3',
  // What became of a notice to the complainant keeps them informed of the case's status.
  NoticeDelivered: '7.3',
  NoticeFailed: '7.3',
};

export function clauseOf(type: ComplaintEventType): IsoClause {
  return CLAUSE_OF[type];
}

/** The thresholds an audit judges timeliness by. Operators change them (see src/reports/audit.policy.ts). */
export interface AuditPolicy {
  /**
   * 7.4: acknowledge within this working time of receipt. CCMS principle 7 (신속성) tells the
   * complainant "immediately on receipt" (불만접수 즉시), and "immediately" is 3 working hours
   * (Enforcement Decree of the Civil Petitions Act, art. 18 ③).
   */
  acknowledgeWithin: WorkingPeriod;
  /** 7.2: record the complaint within this working time of receipt (CCMS ch.4: 즉시 ... 접수함). */
  recordWithin: WorkingPeriod;
}

export const DEFAULT_AUDIT_POLICY: AuditPolicy = Object.freeze({ acknowledgeWithin: IMMEDIATELY, recordWithin: IMMEDIATELY });

/** An event as the store recorded it: the fact, its place in the stream and who gave the command. */
export interface RecordedEvent {
  event: ComplaintEvent;
  revision: number;
  actorId: string;
  actorRole: string;
}

/** One line of the audit trail. */
export interface TrailEntry {
  revision: number;
  type: ComplaintEventType;
  clause: IsoClause;
  actorId: string;
  actorRole: string;
  occurredAt: string;
}

export function trailEntry({ event, revision, actorId, actorRole }: RecordedEvent): TrailEntry {
  return { revision, type: event.type, clause: clauseOf(event.type), actorId, actorRole, occurredAt: event.occurredAt };
}

/** What shows that a clause was met: the event, who, when, and on what basis. */
export interface Evidence {
  revision: number;
  type: ComplaintEventType;
  actorId: string;
  actorRole: string;
  occurredAt: string;
  basis?: string;
}

export type ClosureKind = 'resolved' | 'complainant-unreachable' | 'withdrawn' | 'rejected-at-assessment';

/**
 * The audit facts of one case, folded from its events. Findings, decision, notice and closure are
 * those of the current round: a reopening starts a new one, and its evidence replaces the earlier.
 */
export interface CaseAudit {
  complaintId: string;
  /** When the organisation received it (may precede the recording event). */
  receivedAt: string;
  receipt: Evidence;
  /** Received without a name or any contact: no acknowledgement can reach them, and the receipt says why. */
  unidentified?: boolean;
  acknowledgement?: Evidence & { withheld: boolean };
  assessment?: Evidence;
  rejection?: Evidence;
  findings?: Evidence;
  /** Information requests without an answer yet. */
  outstandingRequests: string[];
  decision?: Evidence & { recordedBasis: boolean; unansweredRequests: string[] };
  communication?: Evidence & { recordedBasis: boolean; appealOptions: boolean };
  closure?: Evidence & { as: ClosureKind; recordedBasis: boolean };
  satisfaction?: Evidence;
  /** When a reopened case was last closed (the closing its reopening undid): it is counted by it until closed again. */
  closedBeforeReopening?: string;
  reopenings: number;
  lastRevision: number;
  lastOccurredAt: string;
  /** Breaks in the history: missing revisions, events dated before their predecessor, events without an actor. */
  historyBreaks: string[];
}

/**
 * The closing a case is counted by in a quarter's conformity: its latest. A case reopened and not closed
 * again keeps the closing its reopening undid, so a quarter's population does not lose it meanwhile;
 * its checklist is judged as it stands (its new round "not yet": `open`, or with its gaps).
 */
export const latestClosingOf = (audit: Pick<CaseAudit, 'closure' | 'closedBeforeReopening'>): string | undefined => audit.closure?.occurredAt ?? audit.closedBeforeReopening;

/** An instant as every answer writes it, in UTC (`2026-12-04T06:00:00.000Z`), whatever offset it was given with. */
export const inUtc = (instant: string): string => new Date(Date.parse(instant)).toISOString();

const blank = (text: string | undefined): boolean => text === undefined || text.trim() === '';
const joined = (...parts: (string | undefined | false)[]): string => parts.filter((p): p is string => !!p && p.trim() !== '').join('; ');

/** Folds one recorded event into a case's audit facts; undefined until the complaint is received. Replays are ignored. */
export function auditCase(audit: CaseAudit | undefined, recorded: RecordedEvent): CaseAudit | undefined {
  const { event, revision, actorId, actorRole } = recorded;
  const evidence = (basis?: string): Evidence => ({
    revision, type: event.type, actorId, actorRole, occurredAt: event.occurredAt, ...(blank(basis) ? {} : { basis: basis as string }),
  });
  if (event.type === 'ComplaintReceived') {
    if (audit) return audit;
    const d = event.data;
    const route = d.route.kind === 'external' ? `forwarded by ${d.route.body} (${d.route.reference})` : 'received internally';
    // Kept as the receipt gave it (with its offset) in the event; every answer writes instants in UTC.
    const receivedAt = inUtc(d.receivedAt);
    return {
      complaintId: d.complaintId,
      receivedAt,
      receipt: evidence(`channel ${d.channel}, ${route}, category ${d.category}, received ${receivedAt}`),
      ...(d.unidentified ? { unidentified: true } : {}),
      outstandingRequests: [],
      reopenings: 0,
      lastRevision: revision,
      lastOccurredAt: event.occurredAt,
      historyBreaks: revision === 0 ? [] : [`the receipt is revision ${revision}, not 0`],
    };
  }
  if (!audit || revision <= audit.lastRevision) return audit;

  const breaks = [...audit.historyBreaks];
  if (revision !== audit.lastRevision + 1) breaks.push(`revision ${revision} follows revision ${audit.lastRevision}`);
  if (Date.parse(event.occurredAt) < Date.parse(audit.lastOccurredAt)) breaks.push(`revision ${revision} is dated before revision ${audit.lastRevision}`);
  if (blank(actorId)) breaks.push(`revision ${revision} names no actor`);
  const next: CaseAudit = { ...audit, lastRevision: revision, lastOccurredAt: event.occurredAt, historyBreaks: breaks };

  switch (event.type) {
    case 'ComplaintAcknowledged':
      return { ...next, acknowledgement: { ...evidence(`by ${event.data.channel}`), withheld: false } };
    case 'AcknowledgementWithheld': {
      const why = event.data.reason === 'unidentified' ? 'the complainant is unidentified (no name or no contact)' : 'the complainant gave no consent to SMS or e-mail notices';
      return { ...next, acknowledgement: { ...evidence(`withheld: ${why}`), withheld: true } };
    }
    case 'ComplaintAssessed': {
      const d = event.data;
      return { ...next, assessment: evidence(`severity ${d.severity}, ${d.safetyIssue ? 'safety issue' : 'no safety issue'}, priority ${d.priority}`) };
    }
    case 'ComplaintRejectedAtAssessment': {
      const basis = joined(`not a complaint (${event.data.exclusion})`, event.data.note);
      return {
        ...next,
        rejection: evidence(basis),
        closure: { ...evidence(basis), as: 'rejected-at-assessment', recordedBasis: !blank(event.data.note) },
      };
    }
    case 'ComplaintAssigned':
      return next;
    case 'ComplaintReassigned':
    case 'ComplaintAmended':
      // A new department or a changed complaint is investigated again: earlier findings no longer answer it.
      return withoutFindings(next);
    case 'InformationRequested':
      return { ...next, outstandingRequests: [...next.outstandingRequests, event.data.requestId] };
    case 'InformationReceived':
      return { ...next, outstandingRequests: next.outstandingRequests.filter((id) => id !== event.data.requestId) };
    case 'ClockPaused':
    case 'ClockResumed':
    case 'ConsentChanged':
    case 'SupplementRequested':
    case 'InterimNoticeSent':
    case 'ContributionRecorded':
    case 'NoticeDelivered':
    case 'NoticeFailed':
    case 'ComplaintMarkedConfidential':
    case 'CompensationProvided':
    case 'TrainingReferred':
    case 'TrainingCompleted':
      return next;
    case 'FindingsRecorded': {
      const subjects = event.data.subjects;
      const substantiated = subjects.filter((s) => s.substantiated).length;
      const basis = joined(event.data.summary, event.data.rootCause && `root cause: ${event.data.rootCause}`, `${substantiated} of ${subjects.length} subjects substantiated`);
      return { ...next, findings: evidence(basis) };
    }
    case 'DecisionMade': {
      const d = event.data;
      const compensation = d.compensation && `compensation ${d.compensation.amount} ${d.compensation.currency}`;
      return {
        ...next,
        decision: {
          ...evidence(joined(`${d.outcome}: ${d.basis}`, d.remedy && `remedy: ${d.remedy}`, compensation)),
          recordedBasis: !blank(d.basis),
          unansweredRequests: [...next.outstandingRequests],
        },
        communication: undefined,
      };
    }
    case 'DecisionCommunicated': {
      const d = event.data;
      return {
        ...next,
        communication: { ...evidence(joined(`by ${d.channel}`, d.basis, d.appeal && `appeal: ${d.appeal}`)), recordedBasis: !blank(d.basis), appealOptions: !blank(d.appeal) },
      };
    }
    case 'ComplaintClosed':
      return { ...next, closure: { ...evidence(joined(event.data.reason, event.data.note)), as: event.data.reason, recordedBasis: !blank(event.data.note) } };
    case 'ComplaintWithdrawn':
      // The reason is the complainant's (sealed personal data, absent here once sealed): evidence that one was given, not its words.
      return { ...next, closure: { ...evidence('withdrawn'), as: 'withdrawn', recordedBasis: event.data.reason === undefined || !blank(event.data.reason) } };
    case 'ComplaintReopened':
      return {
        ...withoutFindings(next), rejection: undefined, decision: undefined, communication: undefined, closure: undefined, reopenings: next.reopenings + 1,
        closedBeforeReopening: next.closure?.occurredAt ?? next.closedBeforeReopening,
      };
    case 'SatisfactionRecorded':
      return { ...next, satisfaction: evidence() };
    default:
      return assertNever(event);
  }
}

/** The evidence without the facts the fold keeps beside it. */
function evidenceOnly({ revision, type, actorId, actorRole, occurredAt, basis }: Evidence): Evidence {
  return { revision, type, actorId, actorRole, occurredAt, ...(basis === undefined ? {} : { basis }) };
}

function withoutFindings(audit: CaseAudit): CaseAudit {
  const { findings: _findings, ...rest } = audit;
  return rest;
}

export type ChecklistStatus = 'evidenced' | 'gap' | 'not-yet' | 'not-applicable';

export interface ChecklistItem {
  clause: CaseClause;
  title: string;
  status: ChecklistStatus;
  evidence?: Evidence;
  /** Why the clause is not met, in words. */
  gap?: string;
  /** Why the clause does not apply to this case (a withdrawal, a rejection at initial assessment). */
  reason?: string;
}

export interface ChecklistContext {
  calendar: WorkingCalendar;
  policy?: AuditPolicy;
  /** The moment the checklist is asked for: an open case not acknowledged by then has a gap. */
  asOf: string;
  /**
   * What verifying the case's stored events found (its hash chain, and its events against the seals),
   * where a verification was made: a history that does not verify evidences no tracking (7.3), and an
   * event from `untrustedFrom` on (the first revision a finding names) evidences no clause.
   */
  integrity?: { ok: boolean; problems: readonly string[]; untrustedFrom?: number };
}

/** Judges a case against 7.2–7.9. A closed case is judged on its history alone; an open one as of `asOf`. */
export function auditChecklist(audit: CaseAudit, { calendar, policy = DEFAULT_AUDIT_POLICY, asOf, integrity }: ChecklistContext): ChecklistItem[] {
  const item = (clause: CaseClause, status: ChecklistStatus, { evidence, ...words }: { evidence?: Evidence; gap?: string; reason?: string } = {}): ChecklistItem => ({
    clause, title: CLAUSE_TITLES[clause], status, ...(evidence ? { evidence: evidenceOnly(evidence) } : {}), ...words,
  });
  const evidenced = (clause: CaseClause, evidence: Evidence) => item(clause, 'evidenced', { evidence });
  const gap = (clause: CaseClause, words: string, evidence?: Evidence) => item(clause, 'gap', { gap: words, ...(evidence ? { evidence } : {}) });
  const notApplicable = (clause: CaseClause, reason: string) => item(clause, 'not-applicable', { reason });
  const notYet = (clause: CaseClause) => item(clause, 'not-yet');

  const { closure, rejection, decision, communication, findings, acknowledgement, assessment } = audit;
  const withdrawn = closure?.as === 'withdrawn';
  // Deemed withdrawn (004 ch.4 ④ 나 다): "철회한 것으로 보아 내부적으로 종결". What it never reached does not apply.
  const unreachable = closure?.as === 'complainant-unreachable';
  // Within the limit is elapsed ≤ limit: an instant after the due one with no working time between
  // (the evening, a weekend) took exactly the limit, so only working time past the due instant is late.
  const late = (at: string, within: WorkingPeriod) => {
    const due = deadlineFor(audit.receivedAt, within, calendar);
    return Date.parse(at) > Date.parse(due) && workingMillisBetween(due, at, calendar) > 0;
  };
  const elapsed = (at: string) => describeWorkingTime(workingMillisBetween(audit.receivedAt, at, calendar), calendar.hoursPerDay);

  const receipt = late(audit.receipt.occurredAt, policy.recordWithin)
    ? gap('7.2', `recorded ${elapsed(audit.receipt.occurredAt)} after receipt (limit: ${describePeriod(policy.recordWithin)})`, audit.receipt)
    : evidenced('7.2', audit.receipt);

  const breaks = [
    ...(audit.historyBreaks.length > 0 ? [`history broken: ${audit.historyBreaks.join('; ')}`] : []),
    ...(integrity && !integrity.ok ? [`stored history does not verify: ${integrity.problems.join('; ') || 'the verification failed'}`] : []),
  ];
  const tracking =
    breaks.length > 0
      ? gap('7.3', breaks.join('; '))
      : evidenced('7.3', {
          ...audit.receipt,
          basis: `unbroken history from receipt to revision ${audit.lastRevision} (${inUtc(audit.lastOccurredAt)}), each event with its actor and time`,
        });

  let acknowledged: ChecklistItem;
  if (acknowledgement?.withheld) acknowledged = evidenced('7.4', acknowledgement);
  else if (acknowledgement) {
    acknowledged = late(acknowledgement.occurredAt, policy.acknowledgeWithin)
      ? gap('7.4', `acknowledged after ${elapsed(acknowledgement.occurredAt)} (limit: ${describePeriod(policy.acknowledgeWithin)})`, acknowledgement)
      : evidenced('7.4', acknowledgement);
  } else if (audit.unidentified) {
    acknowledged = evidenced('7.4', { ...audit.receipt, basis: 'received unidentified (no name or no contact): no acknowledgement can reach the complainant' });
  } else if (closure || late(asOf, policy.acknowledgeWithin)) acknowledged = gap('7.4', 'not acknowledged and no reason recorded');
  else acknowledged = notYet('7.4');

  let assessed: ChecklistItem;
  if (rejection) assessed = evidenced('7.5', rejection);
  else if (assessment) assessed = evidenced('7.5', assessment);
  else if (withdrawn) assessed = notApplicable('7.5', 'withdrawn before an initial assessment');
  // The machine takes an assessment only before the findings: once investigated, a missing one stays missing.
  else if (findings || decision || closure || audit.reopenings > 0) assessed = gap('7.5', 'no initial assessment (severity, safety, priority) recorded');
  else assessed = notYet('7.5');

  const rejected = rejection && `rejected at initial assessment: ${rejection.basis ?? 'not a complaint'}`;
  let investigated: ChecklistItem;
  if (rejected) investigated = notApplicable('7.6', rejected);
  else if (decision && decision.unansweredRequests.length > 0) {
    investigated = gap('7.6', `decided while information request${decision.unansweredRequests.length > 1 ? 's' : ''} ${decision.unansweredRequests.join(', ')} had no answer`, findings);
  } else if (findings) investigated = evidenced('7.6', findings);
  else if (withdrawn) investigated = notApplicable('7.6', 'withdrawn before the investigation ended');
  else if (unreachable) investigated = notApplicable('7.6', 'closed as complainant unreachable (deemed withdrawn) before the investigation ended');
  // A case closed otherwise (an imported history closed as resolved) owed findings it does not have.
  else if (closure) investigated = gap('7.6', 'closed without findings recorded');
  else investigated = notYet('7.6');

  let responded: ChecklistItem;
  if (rejected) responded = notApplicable('7.7', rejected);
  else if (decision) responded = decision.recordedBasis ? evidenced('7.7', decision) : gap('7.7', 'decided without a recorded basis', decision);
  else if (withdrawn) responded = notApplicable('7.7', 'withdrawn before a decision');
  else if (unreachable) responded = notApplicable('7.7', 'closed as complainant unreachable (deemed withdrawn) before a decision');
  else if (closure) responded = gap('7.7', 'closed without a decision recorded');
  else responded = notYet('7.7');

  let communicated: ChecklistItem;
  // The manual owes the result notice for a complaint (004 ch.4 ④ 나); an excluded submission is not one
  // ("고객불만으로 보지 아니함", ch.1 §4), and no command records telling its sender why.
  if (rejected) communicated = notApplicable('7.8', `${rejected}; not a complaint, so no decision notice is owed (004 ch.1 §4), and none is recorded`);
  else if (communication) {
    if (!communication.recordedBasis) communicated = gap('7.8', 'decision communicated without its basis', communication);
    else if (!communication.appealOptions) communicated = gap('7.8', 'decision communicated without the options for appeal', communication);
    else communicated = evidenced('7.8', communication);
  } else if (decision && closure && !withdrawn) {
    communicated = gap('7.8', closure.as === 'complainant-unreachable' ? 'decision not communicated (closed as complainant unreachable)' : 'decision not communicated');
  } else if (withdrawn) communicated = notApplicable('7.8', decision ? 'withdrawn before the decision was communicated' : 'withdrawn before a decision');
  else if (unreachable) communicated = notApplicable('7.8', 'closed as complainant unreachable (deemed withdrawn) without a decision: no decision to communicate');
  else if (closure) communicated = gap('7.8', 'closed without a decision to communicate');
  else communicated = notYet('7.8');

  let closed: ChecklistItem;
  if (!closure) closed = notYet('7.9');
  else if (closure.as === 'resolved') {
    closed = communication
      ? evidenced('7.9', { ...closure, basis: joined(closure.basis, `decision communicated on ${inUtc(communication.occurredAt)} with the options for appeal`) })
      : gap('7.9', 'closed without a recorded basis', closure);
  } else if (closure.recordedBasis) closed = evidenced('7.9', closure);
  else if (closure.as === 'withdrawn') closed = gap('7.9', 'withdrawn without a recorded reason', closure);
  else if (closure.as === 'complainant-unreachable') closed = gap('7.9', 'closed as complainant unreachable without a recorded basis', closure);
  else closed = gap('7.9', 'closed without a recorded basis', closure);

  const items = [receipt, tracking, acknowledged, assessed, investigated, responded, communicated, closed];
  // An event that does not verify, and every one after it, evidences nothing: what it says may not be what was recorded.
  const from = integrity?.ok === false ? integrity.untrustedFrom : undefined;
  if (from === undefined) return items;
  return items.map((i) =>
    i.status === 'evidenced' && i.evidence && i.evidence.revision >= from
      ? { ...i, status: 'gap' as const, gap: `its evidence (revision ${i.evidence.revision}) is stored ${i.evidence.revision === from ? 'in' : 'after'} revision ${from}, the first that does not verify: not evidence until the stored history is restored` }
      : i,
  );
}

/**
 * Working time in words, exact, never rounded: a late value must not read as the limit (3 working
 * hours and a second is "3 h 0 min 1 s of working time", not "3 working hours"). Whole working days
 * of `hoursPerDay` first ("3 working days 2 h"), then hours, minutes and seconds down to the last
 * that is not zero.
 */
export function describeWorkingTime(millis: number, hoursPerDay: number): string {
  const dayMs = hoursPerDay * 3_600_000;
  const days = Math.floor(millis / dayMs);
  let rest = millis - days * dayMs;
  const hours = Math.floor(rest / 3_600_000);
  rest -= hours * 3_600_000;
  const minutes = Math.floor(rest / 60_000);
  const seconds = (rest - minutes * 60_000) / 1000;
  const units: [number, string][] = [[hours, 'h'], [minutes, 'min'], [seconds, 's']];
  const first = units.findIndex(([n]) => n > 0);
  let last = units.length - 1;
  while (last >= 0 && units[last]![0] === 0) last--;
  const smaller = first === -1 ? '' : units.slice(days > 0 ? 0 : first, last + 1).map(([n, unit]) => `${n} ${unit}`).join(' ');
  if (days > 0) return [plural(days, 'working day'), smaller].filter(Boolean).join(' ');
  return smaller === '' ? '0 working hours' : `${smaller} of working time`;
}

export function describePeriod(period: WorkingPeriod): string {
  return 'days' in period ? plural(period.days, 'working day') : plural(period.hours, 'working hour');
}

const plural = (n: number, unit: string): string => `${n} ${unit}${n === 1 ? '' : 's'}`;

export interface ClauseConformity {
  clause: CaseClause;
  title: string;
  /** Cases the clause applies to, with evidence or a gap. */
  applicable: number;
  evidenced: number;
  gaps: number;
  notApplicable: number;
  notYet: number;
  /** evidenced / applicable, null when no case applies. */
  share: number | null;
}

export interface Conformity {
  /** The cases counted (the population the caller names: closed in a quarter, received in it). */
  cases: number;
  /** Cases judged whole without any gap: every clause evidenced or not applicable; share of `cases`. */
  conforming: { count: number; share: number | null };
  /** Cases without a gap so far but still open: some clause is "not yet"; neither conforming nor not. */
  open: { count: number; share: number | null };
  /** Cases with at least one gap. */
  withGaps: { count: number; share: number | null };
  clauses: ClauseConformity[];
  /** 8.3: of the cases counted, those whose complainant answered the satisfaction survey (at any time up to the answer). */
  satisfactionSurveyed: { count: number; share: number | null };
}

/** The share of cases conforming per clause (ISO 10002 8.4 monitoring). */
export function conformity(cases: { checklist: ChecklistItem[]; surveyed: boolean }[]): Conformity {
  const share = (part: number, whole: number): number | null => (whole === 0 ? null : Math.round((part / whole) * 10_000) / 10_000);
  const clauses = CASE_CLAUSES.map((clause): ClauseConformity => {
    const items = cases.map((c) => c.checklist.find((i) => i.clause === clause));
    const count = (status: ChecklistStatus) => items.filter((i) => i?.status === status).length;
    const [evidenced, gaps] = [count('evidenced'), count('gap')];
    return {
      clause, title: CLAUSE_TITLES[clause], applicable: evidenced + gaps, evidenced, gaps, notApplicable: count('not-applicable'),
      notYet: count('not-yet'), share: share(evidenced, evidenced + gaps),
    };
  });
  const withGaps = cases.filter((c) => c.checklist.some((i) => i.status === 'gap')).length;
  // A case with nothing but "not yet" left has not conformed yet: it is open, not conforming.
  const open = cases.filter((c) => !c.checklist.some((i) => i.status === 'gap') && c.checklist.some((i) => i.status === 'not-yet')).length;
  const conforming = cases.length - withGaps - open;
  const surveyed = cases.filter((c) => c.surveyed).length;
  return {
    cases: cases.length,
    conforming: { count: conforming, share: share(conforming, cases.length) },
    open: { count: open, share: share(open, cases.length) },
    withGaps: { count: withGaps, share: share(withGaps, cases.length) },
    clauses,
    satisfactionSurveyed: { count: surveyed, share: share(surveyed, cases.length) },
  };
}

/** A calendar quarter, "2026-Q3". */
export interface Quarter {
  year: number;
  quarter: 1 | 2 | 3 | 4;
}

export function parseQuarter(text: string): Quarter | undefined {
  const match = /^(\d{4})-Q([1-4])$/.exec(text);
  return match ? { year: Number(match[1]), quarter: Number(match[2]) as Quarter['quarter'] } : undefined;
}

/** [from, to) of a quarter in the calendar's time zone. */
export function quarterBounds({ year, quarter }: Quarter, timeZone: string): { from: string; to: string } {
  const from = DateTime.fromObject({ year, month: (quarter - 1) * 3 + 1, day: 1 }, { zone: timeZone });
  return { from: from.toISO() as string, to: from.plus({ months: 3 }).toISO() as string };
}
