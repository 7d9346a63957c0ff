import type { CarriedAction, EvaluationEvidence } from './evidence.js';
import type { ActionKind, IndicatorCode, Rating } from './indicators.js';

/** The facts of a quarterly evaluation's life, each stamped with the business time it occurred. */
interface Fact<Type extends string, Data> {
  type: Type;
  data: Data;
  occurredAt: string;
}

export type EvaluationDrafted = Fact<'EvaluationDrafted', { quarter: string; evidence: EvaluationEvidence; carriedOver: CarriedAction[] }>;
export type EvidenceRefreshed = Fact<'EvidenceRefreshed', { evidence: EvaluationEvidence; carriedOver: CarriedAction[]; note?: string }>;
/** Judged again, the later judgement replaces the earlier one (both stay in the history). */
export type IndicatorJudged = Fact<'IndicatorJudged', { indicator: IndicatorCode; rating: Rating; notes: string; attachments: string[] }>;
export type ActionAdded = Fact<'ActionAdded', { actionId: string; kind: ActionKind; text: string; owner: string; dueOn: string }>;
export type ActionUpdated = Fact<'ActionUpdated', { actionId: string; note: string; owner?: string; dueOn?: string }>;
export type ActionCompleted = Fact<'ActionCompleted', { actionId: string; note: string }>;
/** Who signed: the signing person is the actor of the event; `name` and `role` as they signed. */
export type EvaluationSigned = Fact<'EvaluationSigned', { signedBy: string; name: string; role: string; note?: string }>;
export type AddendumAdded = Fact<'AddendumAdded', { text: string; attachments: string[] }>;

export type EvaluationEvent = EvaluationDrafted | EvidenceRefreshed | IndicatorJudged | ActionAdded | ActionUpdated | ActionCompleted | EvaluationSigned | AddendumAdded;
export type EvaluationEventType = EvaluationEvent['type'];
