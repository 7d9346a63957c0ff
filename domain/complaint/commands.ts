import type { Channel, Exclusion, NoticeChannel, Outcome, PauseReason, Priority, ReopenKind, SatisfactionElement, Severity } from '../catalog.js';
import type { Complainant, Compensation, Consent, Route, Subject, SubjectFinding } from './events.js';

/** What staff (or the complainant through staff) ask of a complaint. `now` is the business time. */
interface Request<Type extends string, Data> {
  type: Type;
  data: Data;
  now: string;
}

export type Receive = Request<
  'receive',
  {
    complaintId: string;
    channel: Channel;
    route: Route;
    category: string;
    description: string;
    complainant: Complainant;
    consent: Consent;
    remedySought?: string;
    subjects?: Subject[];
    vulnerable?: boolean;
    receivedAt?: string;
  }
>;
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

export const COMMAND_TYPES = [
  'receive',
  'acknowledge',
  'assess',
  'assign',
  'reassign',
  'request-information',
  'receive-information',
  'pause-clock',
  'resume-clock',
  'send-interim-notice',
  'amend',
  'record-findings',
  'decide',
  'communicate-decision',
  'close',
  'withdraw',
  'reopen',
  'record-satisfaction',
] as const satisfies readonly ComplaintCommandType[];
