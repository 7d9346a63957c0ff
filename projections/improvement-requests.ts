import { evolveImprovement, improvementState, initialImprovementState, requestOf, restoreImprovement } from '../domain/improvement/decider.js';
import type { ImprovementEvent } from '../domain/improvement/events.js';
import type { ImprovementState } from '../domain/improvement/lifecycle.js';
import type { ImprovementRequest } from '../domain/improvement/request.js';

/** An improvement request as the read model keeps it: its state, the request, and when it last changed. */
export interface ImprovementSummary {
  id: string;
  state: ImprovementState;
  request: ImprovementRequest;
  revision: number;
  updatedAt: string;
}

/**
 * One more event: folded through the machine restored from the stored state, so the read side follows
 * the one lifecycle. An event the machine would not take (a corrupt history) leaves the summary as it was.
 */
export function summarizeImprovement(summary: ImprovementSummary | undefined, id: string, event: ImprovementEvent, revision: number): ImprovementSummary | undefined {
  const before = summary ? restoreImprovement(summary.state, summary.request) : initialImprovementState();
  if (!before.can(event)) return summary;
  const after = evolveImprovement(before, event);
  return { id, state: improvementState(after), request: requestOf(after)!, revision, updatedAt: event.occurredAt };
}

