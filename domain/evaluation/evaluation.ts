import type { EvaluationEvent } from './events.js';
import type { CarriedAction, EvaluationEvidence } from './evidence.js';
import type { ActionKind, ActionStatus, IndicatorCode, Rating } from './indicators.js';

export interface Judgement {
  rating: Rating;
  notes: string;
  attachments: string[];
  judgedAt: string;
}

export interface EvaluationAction {
  actionId: string;
  kind: ActionKind;
  text: string;
  owner: string;
  dueOn: string;
  status: ActionStatus;
  addedAt: string;
  /** Follow-up notes, in order; the last completion note is `completion`. */
  updates: { note: string; at: string; owner?: string; dueOn?: string }[];
  completion?: { note: string; at: string };
}

export interface Signature {
  signedBy: string;
  name: string;
  role: string;
  note?: string;
  signedAt: string;
}

/** A quarterly operating-performance evaluation as its events make it. */
export interface Evaluation {
  quarter: string;
  status: 'draft' | 'signed';
  draftedAt: string;
  evidence: EvaluationEvidence;
  /** When the evidence was last gathered again, if it was. */
  evidenceRefreshedAt?: string;
  carriedOver: CarriedAction[];
  judgements: Partial<Record<IndicatorCode, Judgement>>;
  actions: EvaluationAction[];
  signature?: Signature;
  addenda: { text: string; attachments: string[]; at: string }[];
}

/** Folds one event into the evaluation (undefined until drafted). */
export function evolveEvaluation(evaluation: Evaluation | undefined, event: EvaluationEvent): Evaluation | undefined {
  const at = event.occurredAt;
  if (event.type === 'EvaluationDrafted') {
    const { quarter, evidence, carriedOver } = event.data;
    return { quarter, status: 'draft', draftedAt: at, evidence, carriedOver, judgements: {}, actions: [], addenda: [] };
  }
  if (!evaluation) return evaluation;
  const action = (actionId: string, change: (a: EvaluationAction) => EvaluationAction) => ({
    ...evaluation,
    actions: evaluation.actions.map((a) => (a.actionId === actionId ? change(a) : a)),
  });
  switch (event.type) {
    case 'EvidenceRefreshed':
      return { ...evaluation, evidence: event.data.evidence, carriedOver: event.data.carriedOver, evidenceRefreshedAt: at };
    case 'IndicatorJudged': {
      const { indicator, ...judgement } = event.data;
      return { ...evaluation, judgements: { ...evaluation.judgements, [indicator]: { ...judgement, judgedAt: at } } };
    }
    case 'ActionAdded':
      return { ...evaluation, actions: [...evaluation.actions, { ...event.data, status: 'open', addedAt: at, updates: [] }] };
    case 'ActionUpdated': {
      const { actionId, ...update } = event.data;
      return action(actionId, (a) => ({ ...a, status: 'in-progress', owner: update.owner ?? a.owner, dueOn: update.dueOn ?? a.dueOn, updates: [...a.updates, { ...update, at }] }));
    }
    case 'ActionCompleted':
      return action(event.data.actionId, (a) => ({ ...a, status: 'completed', completion: { note: event.data.note, at } }));
    case 'EvaluationSigned':
      return { ...evaluation, status: 'signed', signature: { ...event.data, signedAt: at } };
    case 'AddendumAdded':
      return { ...evaluation, addenda: [...evaluation.addenda, { ...event.data, at }] };
  }
}

export function replayEvaluation(events: Iterable<EvaluationEvent>): Evaluation | undefined {
  let evaluation: Evaluation | undefined;
  for (const event of events) evaluation = evolveEvaluation(evaluation, event);
  return evaluation;
}
