import type { Exclusion, NoticeChannel, Outcome, PauseReason, Priority, ReopenKind, SatisfactionElement, Severity } from '../catalog.js';
import type { Compensation, ComplaintEventType, Receipt, SubjectFinding } from './events.js';

/** What staff (or the complainant through staff) ask of a complaint. `now` is the business time. */
interface Request<Type extends string, Data> {
  type: Type;
  data: Data;
  now: string;
}

/** A receipt as staff give it: with no subjects named, not vulnerable, received now, unless they say otherwise. */
export type Receive = Request<'receive', Omit<Receipt, 'subjects' | 'vulnerable' | 'receivedAt'> & Partial<Pick<Receipt, 'subjects' | 'vulnerable' | 'receivedAt'>> & { complaintId: string }>;
export type Acknowledge = Request<'acknowledge', { channel?: NoticeChannel }>;
export type Assess = Request<
  'assess',
  { severity: Severity; safetyIssue: boolean; priority?: Priority } | { exclusion: Exclusion; note: string }
>;
export type Assign = Request<'assign', { department?: string; handler?: string }>;
export type Reassign = Request<'reassign', { department: string; handler?: string; reason?: string }>;
export type RequestInformation = Request<'request-information', { requestId: string; department: string; request: string }>;
export type ReceiveInformation = Request<'receive-information', { requestId: string; summary: string }>;
export type PauseClock = Request<'pause-clock', { reason: PauseReason; note?: string }>;
export type ResumeClock = Request<'resume-clock', { note?: string }>;
export type SendInterimNotice = Request<'send-interim-notice', { progress: string; delayReason: string; expectedBy?: string }>;
export type Amend = Request<'amend', { description?: string; remedySought?: string; reason: string }>;
export type RecordFindings = Request<'record-findings', { summary: string; rootCause?: string; subjects: SubjectFinding[] }>;
export type Decide = Request<'decide', { outcome: Outcome; basis: string; remedy?: string; compensation?: Compensation }>;
export type CommunicateDecision = Request<'communicate-decision', { channel: NoticeChannel; basis: string; appeal: string }>;
export type Close = Request<'close', { reason?: 'resolved' | 'complainant-unreachable'; note?: string }>;
export type Withdraw = Request<'withdraw', { reason: string }>;
export type Reopen = Request<'reopen', { kind?: ReopenKind; reason: string }>;
export type RecordSatisfaction = Request<'record-satisfaction', { scores: Record<SatisfactionElement, number>; comment?: string }>;

export type ComplaintCommand =
  | Receive
  | Acknowledge
  | Assess
  | Assign
  | Reassign
  | RequestInformation
  | ReceiveInformation
  | PauseClock
  | ResumeClock
  | SendInterimNotice
  | Amend
  | RecordFindings
  | Decide
  | CommunicateDecision
  | Close
  | Withdraw
  | Reopen
  | RecordSatisfaction;

export type ComplaintCommandType = ComplaintCommand['type'];

/**
 * The events each command may produce: the first of them that the machine would take now makes the
 * command allowed (see `allowedCommands`). Keyed by every command type, so a new command cannot be
 * left out; the order is the order commands are listed in.
 */
export const COMMAND_EVENTS: { readonly [T in ComplaintCommandType]: readonly ComplaintEventType[] } = {
  receive: ['ComplaintReceived'],
  acknowledge: ['ComplaintAcknowledged', 'AcknowledgementWithheld'],
  assess: ['ComplaintAssessed', 'ComplaintRejectedAtAssessment'],
  assign: ['ComplaintAssigned'],
  reassign: ['ComplaintReassigned'],
  'request-information': ['InformationRequested'],
  'receive-information': ['InformationReceived'],
  'pause-clock': ['ClockPaused'],
  'resume-clock': ['ClockResumed'],
  'send-interim-notice': ['InterimNoticeSent'],
  amend: ['ComplaintAmended'],
  'record-findings': ['FindingsRecorded'],
  decide: ['DecisionMade'],
  'communicate-decision': ['DecisionCommunicated'],
  close: ['ComplaintClosed'],
  withdraw: ['ComplaintWithdrawn'],
  reopen: ['ComplaintReopened'],
  'record-satisfaction': ['SatisfactionRecorded'],
};

export const COMMAND_TYPES = Object.keys(COMMAND_EVENTS) as readonly ComplaintCommandType[];

/** The command of a type: `CommandOf<'decide'>` is `Decide`. */
export type CommandOf<T extends ComplaintCommandType> = Extract<ComplaintCommand, { type: T }>;
