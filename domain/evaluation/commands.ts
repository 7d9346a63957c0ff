import type { Role } from '../access.js';
import type { EvaluationEventType } from './events.js';
import type { CarriedAction, EvaluationEvidence } from './evidence.js';
import type { ActionKind, IndicatorCode, Rating } from './indicators.js';

/** What the programme owner asks of an evaluation. `now` is the business time. */
interface Request<Type extends string, Data> {
  type: Type;
  data: Data;
  now: string;
}

/** The evidence is gathered by the service from the read models before the command is decided. */
export type DraftEvaluation = Request<'draft', { quarter: string; evidence: EvaluationEvidence; carriedOver: CarriedAction[] }>;
export type RefreshEvidence = Request<'refresh-evidence', { evidence: EvaluationEvidence; carriedOver: CarriedAction[]; note?: string }>;
export type RecordJudgement = Request<'record-judgement', { indicator: IndicatorCode; rating: Rating; notes: string; attachments?: string[] }>;
export type AddAction = Request<'add-action', { actionId: string; kind: ActionKind; text: string; owner: string; dueOn: string }>;
export type UpdateAction = Request<'update-action', { actionId: string; note: string; owner?: string; dueOn?: string }>;
export type CompleteAction = Request<'complete-action', { actionId: string; note: string }>;
export type SignEvaluation = Request<'sign', { signedBy: string; name: string; role: string; note?: string }>;
export type AddAddendum = Request<'add-addendum', { text: string; attachments?: string[] }>;

export type EvaluationCommand = DraftEvaluation | RefreshEvidence | RecordJudgement | AddAction | UpdateAction | CompleteAction | SignEvaluation | AddAddendum;
export type EvaluationCommandType = EvaluationCommand['type'];
export type EvaluationCommandOf<T extends EvaluationCommandType> = Extract<EvaluationCommand, { type: T }>;

/**
 * Each command: the event it records, the states it is allowed in, and who may give it. The
 * complaints office (고객지원처, which runs the programme for its owner, 자율관리자) drafts, judges and adds
 * actions; a manager signs for the programme owner. Follow-up of actions and addenda go on after
 * signing: they add to the record and alter nothing of what was signed.
 */
export const EVALUATION_COMMANDS: {
  readonly [T in EvaluationCommandType]: { readonly event: EvaluationEventType; readonly states: readonly EvaluationStatus[]; readonly roles: readonly Role[] };
} = {
  draft: { event: 'EvaluationDrafted', states: ['none'], roles: ['complaints-office'] },
  'refresh-evidence': { event: 'EvidenceRefreshed', states: ['draft'], roles: ['complaints-office'] },
  'record-judgement': { event: 'IndicatorJudged', states: ['draft'], roles: ['complaints-office'] },
  'add-action': { event: 'ActionAdded', states: ['draft'], roles: ['complaints-office'] },
  'update-action': { event: 'ActionUpdated', states: ['draft', 'signed'], roles: ['complaints-office', 'manager'] },
  'complete-action': { event: 'ActionCompleted', states: ['draft', 'signed'], roles: ['complaints-office', 'manager'] },
  sign: { event: 'EvaluationSigned', states: ['draft'], roles: ['manager'] },
  'add-addendum': { event: 'AddendumAdded', states: ['signed'], roles: ['complaints-office', 'manager'] },
};

export type EvaluationStatus = 'none' | 'draft' | 'signed';
export const EVALUATION_COMMAND_TYPES = Object.keys(EVALUATION_COMMANDS) as readonly EvaluationCommandType[];
