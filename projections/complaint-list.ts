import type { ComplaintEvent } from '../domain/complaint/events.js';
import { stateAfter, type LifecycleState } from '../domain/complaint/lifecycle.js';

/** One row of the case list staff filter and page through. No personal data. */
export interface ComplaintSummary {
  id: string;
  /** The human reference (`2026-000123`); null where the store gave none. */
  reference: string | null;
  state: LifecycleState;
  category: string;
  channel: string;
  department: string | null;
  handler: string | null;
  priority: string | null;
  receivedAt: string;
  updatedAt: string;
  revision: number;
  /** Joint handling: the departments cooperating with the lead one (`department`). */
  cooperatingDepartments: string[];
  /** Materials asked of other departments and not yet received, with their due dates (null: recorded before due dates were). */
  outstandingRequests: { requestId: string; dueAt: string | null }[];
}

/** Whether materials asked of another department are past their due date at `now`: the inbox shows such a case. */
export function informationOverdue(summary: ComplaintSummary, now: string): boolean {
  return summary.outstandingRequests.some((r) => r.dueAt !== null && Date.parse(r.dueAt) < Date.parse(now));
}

/** Folds one event into a case's summary. The lifecycle state is the machine's (`stateAfter`). */
export function summarize(summary: ComplaintSummary | undefined, event: ComplaintEvent, revision: number): ComplaintSummary | undefined {
  if (event.type === 'ComplaintReceived') {
    if (summary) return summary;
    const d = event.data;
    return {
      id: d.complaintId, reference: d.reference ?? null, state: stateAfter('new', event), category: d.category, channel: d.channel, department: null, handler: null,
      priority: null, receivedAt: d.receivedAt, updatedAt: event.occurredAt, revision, cooperatingDepartments: [], outstandingRequests: [],
    };
  }
  if (!summary) return undefined;
  const next = { ...summary, state: stateAfter(summary.state, event), updatedAt: event.occurredAt, revision };
  switch (event.type) {
    case 'ComplaintAssigned':
    case 'ComplaintReassigned': {
      const department = event.data.department;
      const cooperatingDepartments = event.data.cooperatingDepartments ?? summary.cooperatingDepartments.filter((d) => d !== department);
      return { ...next, department, handler: event.data.handler ?? null, cooperatingDepartments };
    }
    case 'InformationRequested':
      return { ...next, outstandingRequests: [...summary.outstandingRequests, { requestId: event.data.requestId, dueAt: event.data.dueAt ?? null }] };
    case 'InformationReceived':
      return { ...next, outstandingRequests: summary.outstandingRequests.filter((r) => r.requestId !== event.data.requestId) };
    case 'ComplaintAssessed':
      return { ...next, priority: event.data.priority };
    default:
      return next;
  }
}
