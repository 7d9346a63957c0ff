import type { Role } from '../access.js';
import type { Exclusion, NoticeChannel, Outcome, PauseReason, Priority, ReopenKind, SatisfactionElement, Severity } from '../catalog.js';
import type { Compensation, CompensationHandOver, ComplaintEventType, Consent, Receipt, SubjectFinding } from './events.js';

/**
 * The most characters a command's text may hold, whichever way it arrives (the API's bodies, an
 * import's rows): lengths a person never reaches and an attack does. Ids also key the read models'
 * indexes, whose entries PostgreSQL refuses beyond about 2,700 bytes.
 */
export const TEXT_LIMITS = { id: 100, name: 200, note: 2_000, text: 10_000 } as const;

/**
 * A subject's id (an employee number, a unit, a supplier's name): printable characters (letters,
 * marks, digits, punctuation, symbols) with single spaces between words, none at either end and none
 * invisible, its letters composed (Unicode NFC), so that "emp-7", " emp-7", "emp-7\u200b" and a
 * decomposed spelling of a Korean name cannot be several subjects of the repeat-offender rule.
 */
export const SUBJECT_ID = {
  pattern: /^(?!.*\p{Default_Ignorable_Code_Point})(?!\p{M})[\p{L}\p{M}\p{N}\p{P}\p{S}]+(?: [\p{L}\p{M}\p{N}\p{P}\p{S}]+)*$/u,
  rule: 'must be printable characters (letters, digits, punctuation, symbols) with single spaces between words, none at either end, none invisible, letters composed (Unicode NFC)',
  test: (id: string): boolean => SUBJECT_ID.pattern.test(id) && id === id.normalize('NFC'),
} as const;

/** A phone number as a person writes one: at least three digits, with spaces, +, - or brackets ("+++" is none). */
export const PHONE = {
  pattern: /^(?=(?:[^0-9]*[0-9]){3})[0-9+()\- ]{3,30}$/,
  rule: 'phone must be at least three digits, with spaces, +, - or brackets (3 to 30 characters)',
} as const;

/** What staff (or the complainant through staff) ask of a complaint. `now` is the business time. */
interface Request<Type extends string, Data> {
  type: Type;
  data: Data;
  now: string;
  /** The roles of who gives it, where a rule depends on them (an exception to the compensation policy). */
  by?: { roles: readonly Role[] };
}

/** A receipt as staff give it: with no subjects named, not vulnerable, received now, unless they say otherwise; whether it is unidentified is the decider's to say. */
export type Receive = Request<'receive', Omit<Receipt, 'subjects' | 'vulnerable' | 'receivedAt' | 'unidentified'> & Partial<Pick<Receipt, 'subjects' | 'vulnerable' | 'receivedAt'>> & { complaintId: string }>;
export type Acknowledge = Request<'acknowledge', { channel?: NoticeChannel }>;
export type Assess = Request<
  'assess',
  { severity: Severity; safetyIssue: boolean; priority?: Priority } | { exclusion: Exclusion; note: string }
>;
export type Assign = Request<'assign', { department?: string; handler?: string; cooperatingDepartments?: string[] }>;
export type Reassign = Request<'reassign', { department: string; handler?: string; reason?: string; cooperatingDepartments?: string[] }>;
/** Of another department (`department`), or of the complainant (`addressee`; `department` defaults to the handling one). */
export type RequestInformation = Request<'request-information', { requestId: string; department?: string; request: string; dueAt?: string; addressee?: 'complainant' }>;
export type ReceiveInformation = Request<'receive-information', { requestId: string; summary: string }>;
export type PauseClock = Request<'pause-clock', { reason: PauseReason; note?: string }>;
export type ResumeClock = Request<'resume-clock', { note?: string }>;
export type SendInterimNotice = Request<'send-interim-notice', { channel: NoticeChannel; progress: string; delayReason: string; expectedBy?: string; note?: string }>;
/** The complainant changes the content (before a decision) or their consent to notices (until the result is told). */
export type Amend = Request<'amend', { description?: string; remedySought?: string; consent?: Partial<Consent>; reason: string }>;
export type RequestSupplement = Request<'request-supplement', { channel: NoticeChannel; request: string; note?: string }>;
export type RecordFindings = Request<'record-findings', { summary: string; rootCause?: string; subjects: SubjectFinding[] }>;
export type RecordContribution = Request<'record-contribution', { department: string; summary: string; rootCause?: string }>;
export type Decide = Request<'decide', { outcome: Outcome; basis: string; remedy?: string; compensation?: Compensation }>;
export type CommunicateDecision = Request<'communicate-decision', { channel: NoticeChannel; basis: string; appeal: string }>;
export type Close = Request<'close', { reason?: 'resolved' | 'complainant-unreachable'; note?: string }>;
export type Withdraw = Request<'withdraw', { reason: string }>;
export type Reopen = Request<'reopen', { kind?: ReopenKind; reason: string }>;
export type RecordSatisfaction = Request<'record-satisfaction', { scores: Record<SatisfactionElement, number>; comment?: string }>;
export type MarkConfidential = Request<'mark-confidential', { reason: string }>;
export type ReferToTraining = Request<'refer-to-training', { subjectId: string; programme: string; note?: string }>;
export type RecordTrainingCompleted = Request<'record-training-completed', { subjectId: string; completedAt?: string; note?: string }>;
export type ProvideCompensation = Request<'provide-compensation', Omit<CompensationHandOver, 'providedAt'> & { providedAt?: string }>;

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
  | RequestSupplement
  | RecordFindings
  | RecordContribution
  | Decide
  | CommunicateDecision
  | Close
  | Withdraw
  | Reopen
  | RecordSatisfaction
  | MarkConfidential
  | ProvideCompensation
  | ReferToTraining
  | RecordTrainingCompleted;

export type ComplaintCommandType = ComplaintCommand['type'];

/**
 * Each command: the events it may produce (the first of them that the machine would take now makes
 * the command allowed, see `allowedCommands`), and who may give it. Intake receives and routes, the
 * handling department investigates (its handlers) and decides (its head), the complaints office may
 * do everything; managers, auditors and admins give none. Keyed by every command type, so a new
 * command cannot be left out; the order is the order commands are listed in.
 */
export const COMMANDS: {
  readonly [T in ComplaintCommandType]: {
    readonly events: readonly ComplaintEventType[];
    readonly roles: readonly Role[];
    /** The complainant gives it on their own case, through the portal (domain/access.ts). */
    readonly complainant?: true;
  };
} = {
  receive: { events: ['ComplaintReceived'], roles: ['intake', 'complaints-office'], complainant: true },
  acknowledge: { events: ['ComplaintAcknowledged', 'AcknowledgementWithheld'], roles: ['intake', 'complaints-office'] },
  assess: { events: ['ComplaintAssessed', 'ComplaintRejectedAtAssessment'], roles: ['intake', 'complaints-office'] },
  assign: { events: ['ComplaintAssigned'], roles: ['intake', 'complaints-office'] },
  // The handling department's head designates its handler (처리담당자); moving the case elsewhere is the office's (domain/access.ts).
  reassign: { events: ['ComplaintReassigned'], roles: ['department-head', 'complaints-office'] },
  'request-information': { events: ['InformationRequested'], roles: ['handler', 'complaints-office'] },
  // The complainant answers a request addressed to them (the portal offers no other).
  'receive-information': { events: ['InformationReceived'], roles: ['handler', 'complaints-office'], complainant: true },
  'pause-clock': { events: ['ClockPaused'], roles: ['handler', 'complaints-office'] },
  'resume-clock': { events: ['ClockResumed'], roles: ['handler', 'complaints-office'] },
  'send-interim-notice': { events: ['InterimNoticeSent'], roles: ['handler', 'complaints-office'] },
  amend: { events: ['ComplaintAmended', 'ConsentChanged'], roles: ['handler', 'complaints-office'], complainant: true },
  'request-supplement': { events: ['SupplementRequested'], roles: ['handler', 'complaints-office'] },
  'record-findings': { events: ['FindingsRecorded'], roles: ['handler', 'complaints-office'] },
  // A cooperating department's handler, for their own department (domain/access.ts).
  'record-contribution': { events: ['ContributionRecorded'], roles: ['handler', 'complaints-office'] },
  decide: { events: ['DecisionMade'], roles: ['department-head', 'complaints-office'] },
  'communicate-decision': { events: ['DecisionCommunicated'], roles: ['department-head', 'complaints-office'] },
  close: { events: ['ComplaintClosed'], roles: ['department-head', 'complaints-office'] },
  // The handling officer (처리담당자) confirms a withdrawal the complainant asked for.
  withdraw: { events: ['ComplaintWithdrawn'], roles: ['handler', 'complaints-office'], complainant: true },
  reopen: { events: ['ComplaintReopened'], roles: ['complaints-office'] },
  'record-satisfaction': { events: ['SatisfactionRecorded'], roles: ['intake', 'complaints-office'], complainant: true },
  'mark-confidential': { events: ['ComplaintMarkedConfidential'], roles: ['department-head', 'complaints-office'] },
  // The handling department hands over what its decision granted.
  'provide-compensation': { events: ['CompensationProvided'], roles: ['handler', 'department-head', 'complaints-office'] },
  // The head of the handling department (or the complaints office) refers an employee the findings substantiate to CS training.
  'refer-to-training': { events: ['TrainingReferred'], roles: ['department-head', 'complaints-office'] },
  'record-training-completed': { events: ['TrainingCompleted'], roles: ['department-head', 'complaints-office'] },
};

export const COMMAND_TYPES = Object.keys(COMMANDS) as readonly ComplaintCommandType[];

/** The command of a type: `CommandOf<'decide'>` is `Decide`. */
export type CommandOf<T extends ComplaintCommandType> = Extract<ComplaintCommand, { type: T }>;
