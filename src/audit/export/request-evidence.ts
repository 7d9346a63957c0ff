/**
 * What an evidence export holds of an improvement request, like a case: the request as its events
 * leave it (state, due date, the complaints behind it), its timeline with the hashes of each event,
 * and the integrity of its stored history (its hash chain and seals). Pure: the events and the exporter come in. No personal data.
 */
import { improvementState, isOverdue, replayImprovement, requestOf } from '../../../domain/improvement/decider.js';
import type { ImprovementState } from '../../../domain/improvement/lifecycle.js';
import type { ImprovementRequest } from '../../../domain/improvement/request.js';
import type { StoredEvent, StreamIntegrityReport } from '../../event-store/index.js';
import { improvementEventOf } from '../../improvement-requests/index.js';
import { recordIntegrity, type CaseEvidence, type ExportContext, type RecordIntegrity } from './evidence.js';

/** One event of the request's timeline, flat, as the CSV has it. */
export interface RequestTimelineRow {
  requestId: string;
  revision: number;
  eventId: string;
  occurredAt: string;
  recordedAt: string;
  type: string;
  actorId: string;
  actorRole: string;
  details: string;
  hash: string;
  previousHash: string;
}

export interface RequestEvidence {
  requestId: string;
  exportedAt: string;
  exportedBy: CaseEvidence['exportedBy'];
  timeZone: string;
  request: ImprovementRequest & { state: ImprovementState; overdue: boolean; revision: number };
  timeline: RequestTimelineRow[];
  integrity: RecordIntegrity;
}

export function requestEvidence(requestId: string, events: readonly StoredEvent[], { actor, calendar, now }: ExportContext, verified?: StreamIntegrityReport): RequestEvidence {
  const state = replayImprovement(events.map(improvementEventOf));
  const request = requestOf(state);
  if (!request) throw new Error(`stream ${events[0]?.streamId ?? '(empty)'} holds no improvement request`);
  const current = improvementState(state);
  const last = events[events.length - 1]!;
  return {
    requestId,
    exportedAt: now,
    exportedBy: { id: actor.id, name: actor.name, roles: [...actor.roles] },
    timeZone: calendar.timeZone,
    request: { ...request, state: current, overdue: isOverdue(current, request.dueOn, now, calendar), revision: last.revision },
    timeline: events.map((event) => ({
      requestId,
      revision: event.revision,
      eventId: event.eventId,
      occurredAt: event.metadata.occurredAt,
      recordedAt: event.recordedAt,
      type: event.type,
      actorId: event.metadata.actorId,
      actorRole: event.metadata.actorRole,
      details: JSON.stringify(event.data),
      hash: event.hash,
      previousHash: event.previousHash,
    })),
    integrity: recordIntegrity(events, verified),
  };
}

/** One request in the period's summary, flat, as the CSV has it. */
export interface RequestSummaryRow {
  requestId: string;
  department: string;
  state: string;
  requestedAt: string;
  dueOn: string;
  overdue: boolean;
  /** The complaints behind it, "c-1; c-2". */
  complaints: string;
  events: number;
  /** As a case's (`SummaryRow`): its stored history verified, and which check failed. */
  intact: boolean;
  failed: string;
  chainIntact: boolean;
  sealsIntact: boolean | null;
  lastHash: string;
}

export function requestSummaryRow(e: RequestEvidence): RequestSummaryRow {
  const r = e.request;
  return {
    requestId: e.requestId,
    department: r.department,
    state: r.state,
    requestedAt: r.requestedAt,
    dueOn: r.dueOn,
    overdue: r.overdue,
    complaints: r.complaints.join('; '),
    events: e.timeline.length,
    intact: e.integrity.intact,
    failed: e.integrity.failed.join('; '),
    chainIntact: e.integrity.chainIntact,
    sealsIntact: e.integrity.sealsIntact,
    lastHash: e.integrity.lastHash,
  };
}
