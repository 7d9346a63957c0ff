import type { Role } from '../access.js';
import type { ImprovementEventType, RequestBasis } from './events.js';

/** What the complaints office or a department head asks of an improvement request. `now` is the business time. */
interface Request<Type extends string, Data> {
  type: Type;
  data: Data;
  now: string;
}

export type FileRequest = Request<'file', RequestBasis & { requestId: string; department: string; change: string; reason: string }>;
export type Plan = Request<'plan', { plan: string; expectedOn?: string }>;
export type Implement = Request<'implement', { summary: string }>;
export type ReportResult = Request<'report-result', { result: string }>;
export type Verify = Request<'verify', { note?: string }>;
export type Decline = Request<'decline', { reason: string }>;
export type RequestExtension = Request<'request-extension', { reason: string; dueOn: string }>;
export const COMMITTEE_DECISIONS = ['uphold', 'accept-decline', 'change'] as const;
export type CommitteeDecisionKind = (typeof COMMITTEE_DECISIONS)[number];
export type RecordCommitteeDecision = Request<
  'record-committee-decision',
  { decision: CommitteeDecisionKind; decidedBy: string; dueOn?: string; change?: string; note?: string }
>;

export type ImprovementCommand = FileRequest | Plan | Implement | ReportResult | Verify | Decline | RequestExtension | RecordCommitteeDecision;
export type ImprovementCommandType = ImprovementCommand['type'];
export type ImprovementCommandOf<T extends ImprovementCommandType> = Extract<ImprovementCommand, { type: T }>;

/**
 * Each command: the events it may produce (the first the machine would take now makes it allowed) and
 * who may give it. The complaints office files, verifies and records the committee's decisions; the
 * head of the request's department acts for the department (`departmentBound`).
 */
export const IMPROVEMENT_COMMANDS: {
  readonly [T in ImprovementCommandType]: { readonly events: readonly ImprovementEventType[]; readonly roles: readonly Role[]; readonly departmentBound?: true };
} = {
  file: { events: ['ImprovementRequested'], roles: ['complaints-office'] },
  plan: { events: ['ImprovementPlanned'], roles: ['department-head'], departmentBound: true },
  implement: { events: ['ImprovementImplemented'], roles: ['department-head'], departmentBound: true },
  'report-result': { events: ['ImprovementResultReported'], roles: ['department-head'], departmentBound: true },
  verify: { events: ['ImprovementVerified'], roles: ['complaints-office'] },
  decline: { events: ['ImprovementDeclined'], roles: ['department-head'], departmentBound: true },
  'request-extension': { events: ['ImprovementExtensionRequested'], roles: ['department-head'], departmentBound: true },
  'record-committee-decision': { events: ['CommitteeUpheldRequest', 'CommitteeAcceptedDecline', 'CommitteeChangedRequest'], roles: ['complaints-office'] },
};

export const IMPROVEMENT_COMMAND_TYPES = Object.keys(IMPROVEMENT_COMMANDS) as readonly ImprovementCommandType[];
