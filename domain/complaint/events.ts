import type { Channel, CompensationForm, Exclusion, NoticeChannel, Outcome, PauseReason, Priority, ReopenKind, SatisfactionElement, Severity, SubjectKind } from '../catalog.js';

/** The facts of a complaint's life. Every event is stamped with the business time it occurred. */
interface Fact<Type extends string, Data> {
  type: Type;
  data: Data;
  /** ISO-8601 instant with offset. */
  occurredAt: string;
}

/** The languages notices to the complainant are written in. */
export const LANGUAGES = ['ko', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

export interface Complainant {
  /** Absent when the complainant did not give it: the complaint is received all the same, as unidentified. */
  name?: string;
  phone?: string;
  email?: string;
  address?: string;
  /** The language of the notices they get; Korean when not given. */
  language?: Language;
}

/** The texts the complainant agreed to (or not): to the use of their data, and to each notice channel. */
export interface ConsentWording {
  personalData: string;
  email: string;
  sms: string;
}

export interface Consent {
  sms: boolean;
  email: boolean;
  /** To be told the result by phone (false in receipts recorded before it was asked). */
  phone: boolean;
}

/**
 * How it came in. An external body's complaint about one department's matter names that department
 * (소관부서) and goes to it; without one it is a general matter, for the general department.
 */
export type Route = { kind: 'internal' } | { kind: 'external'; body: string; reference: string; department?: string };

export interface Subject {
  id: string;
  kind: SubjectKind;
}

export interface SubjectFinding extends Subject {
  substantiated: boolean;
  /** Why a substantiated subject was at fault: a code of the catalog's finding reasons. */
  reason?: string;
}

/** What a decision grants the complainant (시정 및 보상). */
export interface Compensation {
  amount: number;
  currency: string;
  description?: string;
  /** The catalog's compensation trigger it is granted for; decisions made before the policy have none. */
  trigger?: string;
  form?: CompensationForm;
  /** Outside the policy (another form or currency, a higher value): why, approved by one the policy names. */
  exception?: { reason: string };
}

/** The compensation handed over: what, when, by whom. */
export interface CompensationHandOver {
  form: CompensationForm;
  /** What was handed over, e.g. "gift card, 10,000 KRW". */
  description: string;
  amount: number;
  currency: string;
  /** When it was handed over; may be before it was recorded. */
  providedAt: string;
  /** Who handed it over (a member of staff). */
  providedBy: string;
}

/** What a complaint says when it comes in: how, about what, from whom, and what they agreed to. */
export interface Receipt {
  channel: Channel;
  route: Route;
  category: string;
  description: string;
  complainant: Complainant;
  consent: Consent;
  remedySought?: string;
  /** The names of the documents the complainant enclosed: names only, the files stay outside the engine. */
  attachments?: string[];
  subjects: Subject[];
  vulnerable: boolean;
  /** When the organisation received it; may be before it was recorded (mail, imports). */
  receivedAt: string;
  /**
   * The due date the case had in the system it was imported from: the SLA read models then judge its
   * first handling period by it instead of the category's deadline. Absent from cases received here.
   */
  sourceDueAt?: string;
  /** Marked confidential at receipt (whistle-blowing, harassment): see `maySeePersonalData`. */
  confidential?: boolean;
  /** Filed on the portal: the exact wording of each consent the complainant was shown and answered, in their language. */
  consentWording?: ConsentWording;
  /**
   * Received without a name or without any contact ("접수를 보류하거나 거부할 수 없음"): no notice can
   * reach the complainant, and assessment may exclude it (exclusion ③, `unidentified`).
   */
  unidentified: boolean;
}

export type ComplaintReceived = Fact<
  'ComplaintReceived',
  Receipt & {
    complaintId: string;
    /** The complainant's pseudonymous key, set when stored: names their data key, never the person. */
    complainantKey?: string;
    /** Keyed hashes of each identifier of the complainant (phone, e-mail), set when stored: recognise a repeat complainant. */
    identityKeys?: string[];
    /** The human reference (`2026-000123`), taken when stored (`reference.ts`); absent on EventStoreDB and before December 2026. */
    reference?: string;
  }
>;
export type ComplaintAcknowledged = Fact<'ComplaintAcknowledged', { channel: NoticeChannel }>;
export type AcknowledgementWithheld = Fact<'AcknowledgementWithheld', { reason: 'no-consent' | 'unidentified' }>;
export type ComplaintAssessed = Fact<'ComplaintAssessed', { severity: Severity; safetyIssue: boolean; priority: Priority }>;
export type ComplaintRejectedAtAssessment = Fact<'ComplaintRejectedAtAssessment', { exclusion: Exclusion; note: string }>;
/** `cooperatingDepartments`: joint handling, the departments besides the lead one that contribute findings of their own. */
export type ComplaintAssigned = Fact<'ComplaintAssigned', { department: string; handler?: string; cooperatingDepartments?: string[] }>;
export type ComplaintReassigned = Fact<'ComplaintReassigned', { department: string; handler?: string; reason?: string; cooperatingDepartments?: string[] }>;
/** `dueAt`: the date the materials are due (요청일 또는 D+1); requests recorded before it was kept have none. */
/** `addressee: 'complainant'`: asked of the complainant, who answers on the complaint portal; `department` is then the asking one. */
export type InformationRequested = Fact<'InformationRequested', { requestId: string; department: string; request: string; dueAt?: string; addressee?: 'complainant' }>;
export type ContributionRecorded = Fact<'ContributionRecorded', { department: string; summary: string; rootCause?: string }>;
export type InformationReceived = Fact<'InformationReceived', { requestId: string; summary: string }>;
export type ClockPaused = Fact<'ClockPaused', { reason: PauseReason; note?: string }>;
export type ClockResumed = Fact<'ClockResumed', { note?: string }>;
export type InterimNoticeSent = Fact<
  'InterimNoticeSent',
  {
    progress: string;
    delayReason: string;
    expectedBy?: string;
    /**
     * How it reached the complainant. Absent in notices recorded before a channel was required: those
     * went on every electronic channel the complainant consented to, as the notice sender still sends them.
     */
    channel?: NoticeChannel;
    /** How a notice by post or in person was delivered. */
    note?: string;
  }
>;
export type ComplaintAmended = Fact<'ComplaintAmended', { description?: string; remedySought?: string; reason: string }>;
/**
 * Staff asked the complainant to supplement or correct the complaint (보완이나 보정 요구), on a channel
 * that reaches them. Unanswered (no amendment after it), it is the attempt to reach them that closing
 * as complainant-unreachable needs.
 */
export type SupplementRequested = Fact<'SupplementRequested', { channel: NoticeChannel; request: string; note?: string }>;
/** The complainant gave or took back consent to notices (by `amend`): the whole consent as it now stands. */
export type ConsentChanged = Fact<'ConsentChanged', { consent: Consent; reason: string }>;
export type FindingsRecorded = Fact<'FindingsRecorded', { summary: string; rootCause?: string; subjects: SubjectFinding[] }>;
export type DecisionMade = Fact<
  'DecisionMade',
  { outcome: Outcome; basis: string; remedy?: string; compensation?: Compensation }
>;
export type CompensationProvided = Fact<'CompensationProvided', CompensationHandOver>;
/** The head refers an employee who caused the complaint to CS training (관련 직원에 대하여 CS교육 등 관련부서에 조치 의뢰). */
export type TrainingReferred = Fact<'TrainingReferred', { subjectId: string; programme: string; note?: string }>;
export type TrainingCompleted = Fact<'TrainingCompleted', { subjectId: string; completedAt: string; note?: string }>;
export type DecisionCommunicated = Fact<'DecisionCommunicated', { channel: NoticeChannel; basis: string; appeal: string }>;
export type ComplaintClosed = Fact<'ComplaintClosed', { reason: 'resolved' | 'complainant-unreachable'; note?: string }>;
export type ComplaintWithdrawn = Fact<'ComplaintWithdrawn', { reason: string }>;
export type ComplaintReopened = Fact<'ComplaintReopened', { kind: ReopenKind; reason: string }>;
/** From now on, of the handling department's staff only the assignee and the head see the details. */
export type ComplaintMarkedConfidential = Fact<'ComplaintMarkedConfidential', { reason: string }>;
export type SatisfactionRecorded = Fact<
  'SatisfactionRecorded',
  { scores: Record<SatisfactionElement, number>; comment?: string }
>;

/** What the complainant is told without staff sending it: the notices the notice sender delivers. */
export const NOTICE_KINDS = ['acknowledgement', 'interim-notice', 'decision', 'exclusion', 'reopening', 'satisfaction-survey', 'supplement-request', 'information-request'] as const;
export type NoticeKind = (typeof NOTICE_KINDS)[number];
/** The channels the notice sender delivers on; each needs the complainant's consent. */
export type ElectronicChannel = Extract<NoticeChannel, 'sms' | 'email'>;

/** Not commands: the notice sender records what became of a notice. No personal data. */
export type NoticeDelivered = Fact<'NoticeDelivered', { noticeId: string; kind: NoticeKind; channel: ElectronicChannel }>;
export type NoticeFailed = Fact<
  'NoticeFailed',
  {
    noticeId: string;
    kind: NoticeKind;
    channel: ElectronicChannel;
    /** 1 for the first try. */
    attempt: number;
    /** What went wrong, scrubbed of personal data. */
    error: string;
    /** No more tries. */
    final: boolean;
    /** When the next try is due; absent when final. */
    retryAt?: string;
  }
>;

export type ComplaintEvent =
  | ComplaintReceived
  | ComplaintAcknowledged
  | AcknowledgementWithheld
  | ComplaintAssessed
  | ComplaintRejectedAtAssessment
  | ComplaintAssigned
  | ComplaintReassigned
  | InformationRequested
  | InformationReceived
  | ClockPaused
  | ClockResumed
  | InterimNoticeSent
  | ComplaintAmended
  | ConsentChanged
  | SupplementRequested
  | FindingsRecorded
  | ContributionRecorded
  | DecisionMade
  | DecisionCommunicated
  | ComplaintClosed
  | ComplaintWithdrawn
  | ComplaintReopened
  | SatisfactionRecorded
  | ComplaintMarkedConfidential
  | CompensationProvided
  | TrainingReferred
  | TrainingCompleted
  | NoticeDelivered
  | NoticeFailed;

export type ComplaintEventType = ComplaintEvent['type'];

/** The event of a type: `EventOf<'DecisionMade'>` is `DecisionMade`. */
export type EventOf<T extends ComplaintEventType> = Extract<ComplaintEvent, { type: T }>;

/**
 * The fields of each event that hold the complainant's personal data or what they wrote (CCMS
 * principle 10, ch.5 §1): stored sealed with the complainant's own data key and unreadable once they
 * are erased. Every event type is listed, so a new one has to say what it holds.
 */
export const PERSONAL_DATA: { readonly [T in ComplaintEventType]: readonly (keyof EventOf<T>['data'] & string)[] } = {
  ComplaintReceived: ['complainant', 'description', 'remedySought', 'attachments'],
  ComplaintAcknowledged: [],
  AcknowledgementWithheld: [],
  ComplaintAssessed: [],
  ComplaintRejectedAtAssessment: [],
  ComplaintAssigned: [],
  ComplaintReassigned: [],
  InformationRequested: [],
  InformationReceived: ['summary'],
  ClockPaused: [],
  ClockResumed: [],
  InterimNoticeSent: [],
  // The reason of an amendment, a change of consent or a withdrawal is the complainant's own words
  // (through the portal) or staff's account of them: sealed since December 2026, in the clear before.
  ComplaintAmended: ['description', 'remedySought', 'reason'],
  ConsentChanged: ['reason'],
  SupplementRequested: [],
  FindingsRecorded: [],
  ContributionRecorded: [],
  DecisionMade: [],
  DecisionCommunicated: [],
  ComplaintClosed: [],
  ComplaintWithdrawn: ['reason'],
  ComplaintReopened: [],
  SatisfactionRecorded: ['comment'],
  ComplaintMarkedConfidential: [],
  CompensationProvided: [],
  // An employee's measures are their personal data, not the complainant's: see EMPLOYEE_DATA.
  TrainingReferred: [],
  TrainingCompleted: [],
  NoticeDelivered: [],
  NoticeFailed: [],
};

/**
 * The fields of events that record measures for an employee who caused the complaint: the employee's
 * personal data, shown only to the complaints office and the head of the department handling the
 * case (`maySeeEmployeeMeasures`), to an auditor by a break-glass read. Not the subject's id: who the
 * findings substantiate is a fact of the case every role reads (`findings.subjects`, the repeat-offender
 * report), so hiding it here hid nothing; what was asked of them, the programme and notes, is redacted.
 */
export const EMPLOYEE_DATA: { readonly [T in ComplaintEventType]?: readonly (keyof EventOf<T>['data'] & string)[] } = {
  TrainingReferred: ['programme', 'note'],
  TrainingCompleted: ['note'],
};

export const COMPLAINT_EVENT_TYPES = Object.keys(PERSONAL_DATA) as readonly ComplaintEventType[];

export function isComplaintEventType(type: string): type is ComplaintEventType {
  return Object.hasOwn(PERSONAL_DATA, type);
}
