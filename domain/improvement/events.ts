import type { SubjectKind } from '../catalog.js';

/** The facts of an improvement request's life, each stamped with the business time it occurred. */
interface Fact<Type extends string, Data> {
  type: Type;
  data: Data;
  /** ISO-8601 instant with offset. */
  occurredAt: string;
}

/** A subject the repeat-offender rule flagged (`GET /reports/repeat-offenders`). */
export interface FlaggedSubject {
  id: string;
  kind: SubjectKind;
  /** The finding reason it was flagged for. */
  reason?: string;
}

/**
 * What the request follows from: one or more complaints, a category, a repeat-offender finding, or
 * several of these (at least one).
 */
export interface RequestBasis {
  complaints: string[];
  category?: string;
  subject?: FlaggedSubject;
}

export type ImprovementRequested = Fact<
  'ImprovementRequested',
  RequestBasis & {
    requestId: string;
    /** The department whose head must act on it. */
    department: string;
    /** What should change. */
    change: string;
    /** Why. */
    reason: string;
    /** The local date (`YYYY-MM-DD`) the result must be reported by: `reportDueOn` of the request. */
    dueOn: string;
  }
>;
export type ImprovementPlanned = Fact<'ImprovementPlanned', { plan: string; expectedOn?: string }>;
export type ImprovementImplemented = Fact<'ImprovementImplemented', { summary: string }>;
export type ImprovementResultReported = Fact<'ImprovementResultReported', { result: string }>;
export type ImprovementVerified = Fact<'ImprovementVerified', { note?: string }>;
/** The department will not make the change: its written reason (사유를 서면으로). */
export type ImprovementDeclined = Fact<'ImprovementDeclined', { reason: string }>;
/** The department needs longer than the due date: its written reason and the date it asks for. */
export type ImprovementExtensionRequested = Fact<'ImprovementExtensionRequested', { reason: string; dueOn: string }>;

/** What the CS operating committee (CS운영위원회) decided of a declined or overdue request, and who decided. */
interface CommitteeDecision {
  /** Who decided: the committee's meeting, or management to whom it was reported. */
  decidedBy: string;
  note?: string;
}
export type CommitteeUpheldRequest = Fact<'CommitteeUpheldRequest', CommitteeDecision & { dueOn: string }>;
export type CommitteeAcceptedDecline = Fact<'CommitteeAcceptedDecline', CommitteeDecision>;
export type CommitteeChangedRequest = Fact<'CommitteeChangedRequest', CommitteeDecision & { change: string; dueOn: string }>;

export type ImprovementEvent =
  | ImprovementRequested
  | ImprovementPlanned
  | ImprovementImplemented
  | ImprovementResultReported
  | ImprovementVerified
  | ImprovementDeclined
  | ImprovementExtensionRequested
  | CommitteeUpheldRequest
  | CommitteeAcceptedDecline
  | CommitteeChangedRequest;

export type ImprovementEventType = ImprovementEvent['type'];
