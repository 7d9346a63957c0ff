import type { ImprovementEvent, RequestBasis } from './events.js';

/** A step the department recorded: what it said, and when. */
export interface Step {
  text: string;
  at: string;
}

export interface CommitteeRecord {
  decision: 'uphold' | 'accept-decline' | 'change';
  decidedBy: string;
  note?: string;
  /** The new due date of an upheld or changed request. */
  dueOn?: string;
  at: string;
}

/** An improvement request as its events leave it. */
export interface ImprovementRequest extends RequestBasis {
  requestId: string;
  department: string;
  change: string;
  reason: string;
  requestedAt: string;
  /** The local date the result must be reported by (after an extension or the committee's decision, the new one). */
  dueOn: string;
  plan?: Step & { expectedOn?: string };
  implementation?: Step;
  result?: Step;
  verification?: { note?: string; at: string };
  /** The department's written reason, while the decline stands (an upheld or changed request clears it). */
  decline?: Step;
  extensions: { reason: string; dueOn: string; at: string }[];
  committeeDecisions: CommitteeRecord[];
}

/** Folds one event into the request. Pure; the machine (`lifecycle.ts`) decides whether the event may follow. */
export function applyImprovementEvent(request: ImprovementRequest | undefined, event: ImprovementEvent): ImprovementRequest {
  const at = event.occurredAt;
  if (event.type === 'ImprovementRequested') {
    const { requestId, department, complaints, category, subject, change, reason, dueOn } = event.data;
    return withOptional({ requestId, department, complaints, change, reason, requestedAt: at, dueOn, extensions: [], committeeDecisions: [] }, { category, subject });
  }
  if (!request) throw new Error(`history is inconsistent: ${event.type} before ImprovementRequested`);
  switch (event.type) {
    case 'ImprovementPlanned':
      return { ...request, plan: withOptional({ text: event.data.plan, at }, { expectedOn: event.data.expectedOn }) };
    case 'ImprovementImplemented':
      return { ...request, implementation: { text: event.data.summary, at } };
    case 'ImprovementResultReported':
      return { ...request, result: { text: event.data.result, at } };
    case 'ImprovementVerified':
      return { ...request, verification: withOptional({ at }, { note: event.data.note }) };
    case 'ImprovementDeclined':
      return { ...request, decline: { text: event.data.reason, at } };
    case 'ImprovementExtensionRequested':
      return { ...request, dueOn: event.data.dueOn, extensions: [...request.extensions, { ...event.data, at }] };
    case 'CommitteeUpheldRequest': {
      const { decline: _declined, ...rest } = request;
      return { ...rest, dueOn: event.data.dueOn, committeeDecisions: [...request.committeeDecisions, { decision: 'uphold', ...event.data, at }] };
    }
    case 'CommitteeAcceptedDecline':
      return { ...request, committeeDecisions: [...request.committeeDecisions, { decision: 'accept-decline', ...event.data, at }] };
    case 'CommitteeChangedRequest': {
      // A changed request starts again: the department plans the new change.
      const { decline: _declined, plan: _plan, implementation: _implementation, change: _change, ...rest } = request;
      const { change, ...decision } = event.data;
      return { ...rest, change, dueOn: event.data.dueOn, committeeDecisions: [...request.committeeDecisions, { decision: 'change', ...decision, at }] };
    }
  }
}

/** Stored events carry no `undefined` fields, so a replay from JSON equals the state before it was stored. */
export function withOptional<T extends object, O extends object>(base: T, optional: O): T & Partial<O> {
  const out = { ...base } as Record<string, unknown>;
  for (const [key, value] of Object.entries(optional)) if (value !== undefined) out[key] = value;
  return out as T & Partial<O>;
}
