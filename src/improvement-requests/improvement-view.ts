import type { Actor } from '../../domain/access.js';
import { yourImprovementCommands } from '../../domain/improvement/access.js';
import type { ImprovementCommandType } from '../../domain/improvement/commands.js';
import { allowedImprovementCommands, improvementState, isOverdue, requestOf } from '../../domain/improvement/decider.js';
import type { ImprovementState } from '../../domain/improvement/lifecycle.js';
import type { ImprovementRequest } from '../../domain/improvement/request.js';
import type { WorkingCalendar } from '../../domain/working-time/index.js';
import type { StoredEvent } from '../event-store/index.js';
import type { ImprovementAtRevision } from './load-request.js';

export interface ImprovementView extends ImprovementRequest {
  id: string;
  state: ImprovementState;
  /** The department still owes the result and the due date has passed: it goes to the CS operating committee. */
  overdue: boolean;
  revision: number;
  allowedCommands: ImprovementCommandType[];
  yourCommands: ImprovementCommandType[];
}

/** The request as it stands; no personal data is in it. */
export function viewImprovement(id: string, { state, revision }: ImprovementAtRevision, actor: Actor, now: string, calendar: WorkingCalendar): ImprovementView {
  const request = requestOf(state)!;
  const current = improvementState(state);
  const allowed = allowedImprovementCommands(state, now, calendar);
  return {
    ...request,
    id,
    state: current,
    overdue: isOverdue(current, request.dueOn, now, calendar),
    revision,
    allowedCommands: allowed,
    yourCommands: yourImprovementCommands(actor, allowed, request),
  };
}

/** The stored history with who, when, and the hashes that chain it. */
export function viewImprovementEvents(events: StoredEvent[]) {
  return events.map((e) => ({
    revision: e.revision,
    type: e.type,
    occurredAt: e.metadata.occurredAt,
    recordedAt: e.recordedAt,
    actorId: e.metadata.actorId,
    actorRole: e.metadata.actorRole,
    commandId: e.metadata.commandId,
    data: e.data,
    hash: e.hash,
    previousHash: e.previousHash,
  }));
}
