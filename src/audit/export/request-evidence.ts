/**
 * What an evidence export holds of an improvement request, like a case: the request as its events
 * leave it (state, due date, the complaints behind it), its timeline with the hashes of each event,
 * and the integrity of its stored history (its hash chain and seals). Pure: the events and the exporter come in. No personal data.
 */
import { evolveImprovement, improvementState, initialImprovementState, isOverdue, requestOf, type ImprovementSnapshot } from '../../../domain/improvement/decider.js';
import type { ImprovementState } from '../../../domain/improvement/lifecycle.js';
import type { ImprovementRequest } from '../../../domain/improvement/request.js';
import { UnfoldableHistory, type Damage } from '../../complaint-stream/index.js';
import type { StoredEvent, StreamIntegrityReport } from '../../event-store/index.js';
import { improvementEventOf } from '../../improvement-requests/index.js';
import { integrityColumns, recordIntegrity, type CaseEvidence, type ExportContext, type RecordIntegrity } from './evidence.js';

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

/**
 * The request's events folded through its lifecycle; an event the lifecycle refuses (events reordered
 * or rewritten in the database) throws `UnfoldableHistory` naming its revision, as a case's does.
 */
function foldRequest(events: readonly StoredEvent[]): ImprovementSnapshot {
  let state = initialImprovementState();
  for (const event of events) {
    try {
      state = evolveImprovement(state, improvementEventOf(event));
    } catch (error) {
      throw new UnfoldableHistory(event.revision, event.type, (error as Error).message);
    }
  }
  return state;
}

const timelineOf = (requestId: string, events: readonly StoredEvent[]): RequestTimelineRow[] =>
  events.map((event) => ({
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
  }));

export function requestEvidence(requestId: string, events: readonly StoredEvent[], { actor, calendar, now }: ExportContext, verified?: StreamIntegrityReport): RequestEvidence {
  const state = foldRequest(events);
  const request = requestOf(state);
  if (!request) throw new UnfoldableHistory(events[0]?.revision ?? 0, events[0]?.type ?? '(none)', 'the stream holds no improvement request');
  const current = improvementState(state);
  const last = events[events.length - 1]!;
  return {
    requestId,
    exportedAt: now,
    exportedBy: { id: actor.id, name: actor.name, roles: [...actor.roles] },
    timeZone: calendar.timeZone,
    request: { ...request, state: current, overdue: isOverdue(current, request.dueOn, now, calendar), revision: last.revision },
    timeline: timelineOf(requestId, events),
    integrity: recordIntegrity(events, verified),
  };
}

/** A request whose stored history is damaged, as a damaged case is exported: its events as stored, unfolded, and what was found. */
export interface DamagedRequestEvidence {
  requestId: string;
  exportedAt: string;
  exportedBy: CaseEvidence['exportedBy'];
  timeZone: string;
  historyDamaged: Damage;
  timeline: RequestTimelineRow[];
  integrity: RecordIntegrity;
}

export const isDamagedRequest = (e: RequestEvidence | DamagedRequestEvidence): e is DamagedRequestEvidence => 'historyDamaged' in e;

export function damagedRequestEvidence(requestId: string, events: readonly StoredEvent[], { actor, calendar, now }: ExportContext, damage: Damage, verified?: StreamIntegrityReport): DamagedRequestEvidence {
  return {
    requestId,
    exportedAt: now,
    exportedBy: { id: actor.id, name: actor.name, roles: [...actor.roles] },
    timeZone: calendar.timeZone,
    historyDamaged: damage,
    timeline: timelineOf(requestId, events),
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

export function requestSummaryRow(e: RequestEvidence | DamagedRequestEvidence): RequestSummaryRow {
  if (isDamagedRequest(e)) {
    return {
      requestId: e.requestId, department: '', state: 'history-damaged', requestedAt: '', dueOn: '', overdue: false, complaints: '', events: e.timeline.length,
      ...integrityColumns(e.integrity),
    };
  }
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
    ...integrityColumns(e.integrity),
  };
}
