import type { ComplaintEvent } from '../domain/complaint/events.js';
import { stateAfter, type LifecycleState } from '../domain/complaint/lifecycle.js';

/** One row of the case list staff filter and page through. No personal data. */
export interface ComplaintSummary {
  id: string;
  state: LifecycleState;
  category: string;
  channel: string;
  department: string | null;
  handler: string | null;
  priority: string | null;
  receivedAt: string;
  updatedAt: string;
  revision: number;
}

/** Folds one event into a case's summary. The lifecycle state is the machine's (`stateAfter`). */
export function summarize(summary: ComplaintSummary | undefined, event: ComplaintEvent, revision: number): ComplaintSummary | undefined {
  if (event.type === 'ComplaintReceived') {
    if (summary) return summary;
    const d = event.data;
    return {
      id: d.complaintId, state: stateAfter('new', event), category: d.category, channel: d.channel, department: null, handler: null,
      priority: null, receivedAt: d.receivedAt, updatedAt: event.occurredAt, revision,
    };
  }
  if (!summary) return undefined;
  const next = { ...summary, state: stateAfter(summary.state, event), updatedAt: event.occurredAt, revision };
  switch (event.type) {
    case 'ComplaintAssigned':
    case 'ComplaintReassigned':
      return { ...next, department: event.data.department, handler: event.data.handler ?? null };
    case 'ComplaintAssessed':
      return { ...next, priority: event.data.priority };
    default:
      return next;
  }
}
