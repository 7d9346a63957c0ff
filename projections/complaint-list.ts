import type { ComplaintEvent } from '../domain/complaint/events.js';
import type { LifecycleState } from '../domain/complaint/lifecycle.js';

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

/** Folds one event into a case's summary. The lifecycle state follows the machine's transitions. */
export function summarize(summary: ComplaintSummary | undefined, event: ComplaintEvent, revision: number): ComplaintSummary | undefined {
  if (event.type === 'ComplaintReceived') {
    const d = event.data;
    return {
      id: d.complaintId, state: 'received', category: d.category, channel: d.channel, department: null, handler: null,
      priority: null, receivedAt: d.receivedAt, updatedAt: event.occurredAt, revision,
    };
  }
  if (!summary) return undefined;
  const next = { ...summary, updatedAt: event.occurredAt, revision };
  switch (event.type) {
    case 'ComplaintAssigned':
      return { ...next, state: 'assigned', department: event.data.department, handler: event.data.handler ?? null };
    case 'ComplaintReassigned':
      return { ...next, state: 'assigned', department: event.data.department, handler: event.data.handler ?? null };
    case 'ComplaintAssessed':
      return { ...next, priority: event.data.priority };
    case 'FindingsRecorded':
      return { ...next, state: 'investigated' };
    case 'ComplaintAmended':
      return { ...next, state: summary.state === 'investigated' ? 'assigned' : summary.state };
    case 'DecisionMade':
      return { ...next, state: 'decided' };
    case 'ComplaintReopened':
      return { ...next, state: 'assigned' };
    case 'ComplaintRejectedAtAssessment':
    case 'ComplaintClosed':
    case 'ComplaintWithdrawn':
      return { ...next, state: 'closed' };
    default:
      return next;
  }
}
