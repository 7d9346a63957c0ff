import type { Exclusion, NoticeChannel, PauseReason, Priority, Severity } from '../catalog.js';
import type { Compensation, CompensationHandOver, ComplaintEvent, DecisionMade, ElectronicChannel, FindingsRecorded, NoticeKind, Receipt, SatisfactionRecorded } from './events.js';

/** What is known about a complaint: the fold of its events. The lifecycle state lives in the machine. */
export interface Complaint extends Receipt {
  id: string;
  /** The human reference (`2026-000123`), where the store gave one. */
  reference?: string;
  recordedAt: string;
  /** Marked confidential, at receipt or later. */
  confidential: boolean;
  acknowledgement?: { channel: NoticeChannel; at: string } | { withheld: 'no-consent' | 'unidentified'; at: string };
  assessment?: { severity: Severity; safetyIssue: boolean; priority: Priority; at: string };
  rejection?: { exclusion: Exclusion; note: string; at: string };
  department?: string;
  handler?: string;
  /** Joint handling: the departments besides the lead one (`department`) that contribute findings of their own. */
  cooperatingDepartments: string[];
  /** Each cooperating department's latest contribution in this round of investigation. */
  contributions: { department: string; summary: string; rootCause?: string; at: string }[];
  /** Each request for information, and once it was received, when and what it said (`summary`: personal data, sealed as the event's). */
  informationRequests: { requestId: string; department: string; request: string; dueAt?: string; addressee?: 'complainant'; requestedAt: string; receivedAt?: string; summary?: string }[];
  /** Set while the SLA clock is paused. */
  pause?: { reason: PauseReason; since: string };
  /** `expectedBy`: when the notice told the complainant to expect the answer, where it said. */
  interimNotices: { progress: string; delayReason: string; at: string; expectedBy?: string }[];
  /** The latest request to the complainant to supplement the complaint; answered once they amend it. */
  supplementRequest?: { channel: NoticeChannel; request: string; at: string; answered: boolean };
  /** Each pause of the SLA clock (the last one open while paused), for the handling deadline. */
  pauses: { from: string; to?: string }[];
  /** When the current handling period started: the receipt, or the latest reopening. */
  handlingSince: string;
  amendments: number;
  findings?: FindingsRecorded['data'] & { at: string };
  decision?: DecisionMade['data'] & { at: string; compensation?: Compensation };
  /** How the result was told, with the basis and the appeal route the complainant was given. */
  decisionCommunicated?: { channel: NoticeChannel; at: string; basis: string; appeal: string };
  /** The compensation a decision granted, as handed over; kept when the case is reopened. */
  compensationProvided?: CompensationHandOver & { at: string };
  /** Employees referred to CS training for this complaint, and whether they completed it (employees' personal data: EMPLOYEE_DATA). */
  trainingReferrals?: TrainingReferral[];
  closure?: { as: 'resolved' | 'complainant-unreachable' | 'withdrawn' | 'rejected-at-assessment'; at: string; reason?: string };
  reopenings: number;
  satisfaction?: SatisfactionRecorded['data'] & { at: string };
  /** What became of each notice the notice sender tried: one entry per notice, its latest outcome. */
  notices: NoticeOutcome[];
}

export interface TrainingReferral {
  subjectId: string;
  programme: string;
  note?: string;
  referredAt: string;
  completedAt?: string;
}

export interface NoticeOutcome {
  noticeId: string;
  kind: NoticeKind;
  channel: ElectronicChannel;
  status: 'delivered' | 'retrying' | 'failed';
  /** Tries so far, the delivering one included. */
  attempts: number;
  at: string;
  /** The last failure, scrubbed of personal data. */
  error?: string;
}

/** Folds one event into what is known. Pure; `undefined` until the complaint is received. */
export function applyEvent(complaint: Complaint | undefined, event: ComplaintEvent): Complaint | undefined {
  const at = event.occurredAt;
  if (event.type === 'ComplaintReceived') {
    const { complaintId, ...data } = event.data;
    return {
      id: complaintId, ...data, confidential: data.confidential ?? false, recordedAt: at, cooperatingDepartments: [], contributions: [],
      informationRequests: [], interimNotices: [], pauses: [], handlingSince: data.receivedAt, amendments: 0, reopenings: 0, notices: [],
    };
  }
  if (!complaint) return complaint;
  switch (event.type) {
    case 'ComplaintAcknowledged':
      return { ...complaint, acknowledgement: { channel: event.data.channel, at } };
    case 'AcknowledgementWithheld':
      return { ...complaint, acknowledgement: { withheld: event.data.reason, at } };
    case 'ComplaintAssessed':
      return { ...complaint, assessment: { ...event.data, at } };
    case 'ComplaintRejectedAtAssessment':
      return { ...complaint, rejection: { ...event.data, at }, closure: { as: 'rejected-at-assessment', at, reason: event.data.note } };
    case 'ComplaintAssigned':
    case 'ComplaintReassigned': {
      const cooperatingDepartments = event.data.cooperatingDepartments ?? complaint.cooperatingDepartments.filter((d) => d !== event.data.department);
      return {
        ...complaint,
        department: event.data.department,
        handler: event.data.handler,
        cooperatingDepartments,
        contributions: complaint.contributions.filter((c) => cooperatingDepartments.includes(c.department)),
      };
    }
    case 'InformationRequested':
      return { ...complaint, informationRequests: [...complaint.informationRequests, { ...event.data, requestedAt: at }] };
    case 'InformationReceived':
      return {
        ...complaint,
        informationRequests: complaint.informationRequests.map((r) =>
          r.requestId === event.data.requestId ? { ...r, receivedAt: at, summary: event.data.summary } : r,
        ),
      };
    case 'ClockPaused':
      return { ...complaint, pause: { reason: event.data.reason, since: at }, pauses: [...complaint.pauses, { from: at }] };
    case 'ClockResumed':
      return { ...complaint, pause: undefined, pauses: complaint.pauses.map((p, i) => (i === complaint.pauses.length - 1 ? { ...p, to: at } : p)) };
    case 'InterimNoticeSent':
      return {
        ...complaint,
        interimNotices: [...complaint.interimNotices, { progress: event.data.progress, delayReason: event.data.delayReason, at, ...(event.data.expectedBy ? { expectedBy: event.data.expectedBy } : {}) }],
      };
    case 'ComplaintAmended':
      return {
        ...complaint,
        supplementRequest: complaint.supplementRequest && { ...complaint.supplementRequest, answered: true },
        description: event.data.description ?? complaint.description,
        remedySought: event.data.remedySought ?? complaint.remedySought,
        amendments: complaint.amendments + 1,
      };
    case 'SupplementRequested':
      return { ...complaint, supplementRequest: { channel: event.data.channel, request: event.data.request, at, answered: false } };
    case 'ConsentChanged':
      return { ...complaint, consent: event.data.consent };
    case 'FindingsRecorded':
      return { ...complaint, findings: { ...event.data, at } };
    case 'ContributionRecorded':
      return {
        ...complaint,
        contributions: [...complaint.contributions.filter((c) => c.department !== event.data.department), { ...event.data, at }],
      };
    case 'DecisionMade':
      return { ...complaint, decision: { ...event.data, at }, decisionCommunicated: undefined };
    case 'DecisionCommunicated':
      return { ...complaint, decisionCommunicated: { ...event.data, at } };
    case 'ComplaintClosed':
      return { ...complaint, closure: { as: event.data.reason, at, reason: event.data.note } };
    case 'ComplaintWithdrawn':
      return { ...complaint, closure: { as: 'withdrawn', at, reason: event.data.reason } };
    case 'ComplaintReopened':
      return {
        ...complaint,
        closure: undefined,
        rejection: undefined,
        decision: undefined,
        decisionCommunicated: undefined,
        // Re-investigation asks the cooperating departments again.
        contributions: [],
        supplementRequest: undefined,
        pauses: [],
        handlingSince: at,
        reopenings: complaint.reopenings + 1,
      };
    case 'SatisfactionRecorded':
      return { ...complaint, satisfaction: { ...event.data, at } };
    case 'ComplaintMarkedConfidential':
      return { ...complaint, confidential: true };
    case 'CompensationProvided':
      return { ...complaint, compensationProvided: { ...event.data, at } };
    case 'TrainingReferred':
      return { ...complaint, trainingReferrals: [...(complaint.trainingReferrals ?? []), { ...event.data, referredAt: at }] };
    case 'TrainingCompleted':
      return {
        ...complaint,
        trainingReferrals: (complaint.trainingReferrals ?? []).map((r) =>
          r.subjectId === event.data.subjectId && r.completedAt === undefined ? { ...r, completedAt: event.data.completedAt } : r,
        ),
      };
    case 'NoticeDelivered': {
      const { noticeId, kind, channel } = event.data;
      const tried = complaint.notices.find((n) => n.noticeId === noticeId)?.attempts ?? 0;
      return { ...complaint, notices: withNotice(complaint.notices, { noticeId, kind, channel, status: 'delivered', attempts: tried + 1, at }) };
    }
    case 'NoticeFailed': {
      const { noticeId, kind, channel, attempt, error, final } = event.data;
      return { ...complaint, notices: withNotice(complaint.notices, { noticeId, kind, channel, status: final ? 'failed' : 'retrying', attempts: attempt, at, error }) };
    }
    default:
      return assertNever(event);
  }
}

/** The cooperating departments that have not recorded their contribution yet: the lead department may not decide before they have. */
export function contributionsMissing(complaint: Complaint): string[] {
  return complaint.cooperatingDepartments.filter((d) => !complaint.contributions.some((c) => c.department === d));
}

/** The employees the latest findings substantiate: those who may be referred to CS training. */
export function substantiatedEmployees(complaint: Complaint): string[] {
  return (complaint.findings?.subjects ?? []).filter((s) => s.kind === 'employee' && s.substantiated).map((s) => s.id);
}

/** Referrals to CS training not completed yet. */
export function trainingOutstanding(complaint: Complaint): TrainingReferral[] {
  return (complaint.trainingReferrals ?? []).filter((r) => r.completedAt === undefined);
}

/** The information requests not yet answered. */
export function outstandingRequests(complaint: Complaint): Complaint['informationRequests'] {
  return complaint.informationRequests.filter((r) => r.receivedAt === undefined);
}

function withNotice(notices: NoticeOutcome[], outcome: NoticeOutcome): NoticeOutcome[] {
  const i = notices.findIndex((n) => n.noticeId === outcome.noticeId);
  return i < 0 ? [...notices, outcome] : notices.map((n, j) => (j === i ? outcome : n));
}

export function assertNever(value: never): never {
  throw new Error(`unexpected value: ${JSON.stringify(value)}`);
}
