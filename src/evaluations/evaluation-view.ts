import type { Actor } from '../../domain/access.js';
import { yourEvaluationCommands } from '../../domain/evaluation/access.js';
import type { EvaluationCommandType } from '../../domain/evaluation/commands.js';
import { allowedEvaluationCommands, unjudgedIndicators } from '../../domain/evaluation/decider.js';
import type { Evaluation } from '../../domain/evaluation/evaluation.js';
import type { CarriedAction } from '../../domain/evaluation/evidence.js';
import { INDICATORS } from '../../domain/evaluation/indicators.js';
import type { StoredEvent } from '../event-store/index.js';

export interface EvaluationView extends Evaluation {
  revision: number;
  /** The twelve indicators with their words, each with its judgement when recorded. */
  indicators: { code: string; ko: string; en: string }[];
  unjudged: string[];
  /** The actions carried over from earlier evaluations as they stand now (the draft holds them as they stood then). */
  followUp: CarriedAction[];
  allowedCommands: EvaluationCommandType[];
  yourCommands: EvaluationCommandType[];
}

export function viewEvaluation(evaluation: Evaluation, revision: number, actor: Actor, followUp: CarriedAction[]): EvaluationView {
  const allowed = allowedEvaluationCommands(evaluation);
  return {
    ...evaluation,
    revision,
    indicators: INDICATORS.map(({ code, ko, en }) => ({ code, ko, en })),
    unjudged: unjudgedIndicators(evaluation),
    followUp,
    allowedCommands: allowed,
    yourCommands: yourEvaluationCommands(actor, allowed),
  };
}

/** The stored history with who, when, and the hashes that chain it. */
export function viewEvaluationEvents(events: StoredEvent[]) {
  return events.map((e) => ({
    revision: e.revision, type: e.type, occurredAt: e.metadata.occurredAt, recordedAt: e.recordedAt, actorId: e.metadata.actorId, actorRole: e.metadata.actorRole,
    commandId: e.metadata.commandId, data: e.data, hash: e.hash, previousHash: e.previousHash,
  }));
}
