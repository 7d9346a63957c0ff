/**
 * A case's past, rebuilt from its stored events through the same machine that decided them: the case
 * as it stood at a revision or an instant (time travel), and each event with the case before and
 * after it (replay). Pure: the events, the rules and the asking actor come in as arguments.
 */
import { personalDataAccess, seesPseudonymousKeys, showsEmployeeMeasures, type Actor, type PersonalDataAccess } from '../../domain/access.js';
import type { Complaint } from '../../domain/complaint/complaint.js';
import { allowedCommands, complaintOf, initialState, lifecycleState, type ComplaintState } from '../../domain/complaint/decider.js';
import { holdsPersonalData, redactComplaint, redactEmployeeMeasures, withoutPseudonymousKeys } from '../../domain/complaint/redaction.js';
import type { ComplaintCommandType } from '../../domain/complaint/commands.js';
import type { LifecycleState } from '../../domain/complaint/lifecycle.js';
import { isComplaintEventType } from '../../domain/complaint/events.js';
import { clauseOf, CLAUSE_TITLES, type IsoClause } from '../../projections/iso10002.js';
import { foldPeriods, slaFigures, type SlaFigures, type SlaRules } from '../../projections/sla.js';
import { foldEvent, toDomainEvent } from '../complaint-stream/index.js';
import { viewComplaint, viewEvents, type ComplaintView, type EventView } from '../complaints/index.js';
import { performanceOf, slaRulesOf, type AppConfig } from '../config/index.js';
import type { StoredEvent } from '../event-store/index.js';

export interface HistoryRules {
  sla: SlaRules;
  /** Share of the deadline used from which an open case is at risk. */
  atRiskShare: number;
}

export function historyRulesOf(config: AppConfig): HistoryRules {
  return { sla: slaRulesOf(config), atRiskShare: performanceOf(config).atRiskShare };
}

/** Who asks: the actor, and the reason of a break-glass read if they gave one (`X-Access-Reason`). */
export interface Reader {
  actor: Actor;
  reason?: string;
}

/**
 * How the reader sees the case's personal data, and whether they see the measures for employees who
 * caused the complaint, judged on the case as it stands now (`now`: after all the events), whatever
 * moment of its past is shown: a handler whose case moved away reads it no more.
 */
function readingOf(now: ComplaintState, { actor, reason }: Reader): { personalData: PersonalDataAccess; employeeMeasures: boolean } {
  const complaint = complaintOf(now)!;
  const access = personalDataAccess(actor, complaint, reason);
  const employeeMeasures = showsEmployeeMeasures(actor, complaint, access !== 'none');
  // Once erased there is none to show, whoever reads: the access log records the read as showing none.
  return { personalData: holdsPersonalData(complaint) ? access : 'none', employeeMeasures };
}

/** An event the machine refuses throws `UnfoldableHistory`: the handlers answer it as damaged history. */
const fold = foldEvent;

/** "Then": a revision of the stream, or an instant of business time (the events' `occurredAt`). */
export type Moment = { revision: number } | { time: string };

/** The SLA of the case's current handling period at a moment. */
export type SlaPosition = Omit<SlaFigures, 'endedAs'>;

export interface CaseAt extends ComplaintView {
  asOf: {
    /** What was asked for. */
    requested: Moment;
    /** The instant the SLA is measured at: the requested time, or the business time of the revision's event. */
    instant: string;
    /** The last event included. */
    eventId: string;
    occurredAt: string;
    recordedAt: string;
    /** The case's revision today. */
    currentRevision: number;
  };
  sla: SlaPosition | null;
}

export type CaseAtResult =
  | { found: true; view: CaseAt; personalData: PersonalDataAccess }
  /**
   * The case had no recorded event by then. `receivedAt`: when it was received by its own account
   * (its receipt's `receivedAt`), which a backdated case has before its first event occurred.
   */
  | { found: false; firstOccurredAt: string; receivedAt?: string };

/**
 * How many events of the stream stand at a moment: up to and including a revision; or, for a time,
 * the longest prefix of the stream whose events all occurred at or before it (a history is only
 * ever replayed as a prefix, so an event dated earlier than one before it does not jump the queue).
 */
export function eventsAt(events: readonly StoredEvent[], moment: Moment): number {
  if ('revision' in moment) {
    // By revision number, not by place: a stream with a revision missing has fewer events than its numbers say.
    const { revision } = moment;
    const later = events.findIndex((event) => event.revision > revision);
    return later === -1 ? events.length : later;
  }
  const at = Date.parse(moment.time);
  const later = events.findIndex((event) => Date.parse(event.metadata.occurredAt) > at);
  return later === -1 ? events.length : later;
}

/** The case as it was at a moment, as the reader may see it. `events`: the whole stream. */
export function caseAt(events: readonly StoredEvent[], moment: Moment, reader: Reader, rules: HistoryRules): CaseAtResult {
  const count = eventsAt(events, moment);
  if (count === 0) {
    const first = events[0];
    const receivedAt = first?.type === 'ComplaintReceived' ? (first.data as { receivedAt?: unknown }).receivedAt : undefined;
    return { found: false, firstOccurredAt: first?.metadata.occurredAt ?? '', ...(typeof receivedAt === 'string' ? { receivedAt } : {}) };
  }
  const past = events.slice(0, count);
  const last = past[past.length - 1]!;
  const state = past.reduce(fold, initialState());
  const instant = 'time' in moment ? new Date(moment.time).toISOString() : last.metadata.occurredAt;
  // The past's fold goes on to now: each event is folded once.
  const { personalData, employeeMeasures } = readingOf(events.slice(count).reduce(fold, state), reader);
  const view = viewComplaint({ state, revision: last.revision }, reader.actor, personalData !== 'none', employeeMeasures);
  return {
    found: true,
    personalData,
    view: {
      ...view,
      asOf: {
        requested: moment,
        instant,
        eventId: last.eventId,
        occurredAt: last.metadata.occurredAt,
        recordedAt: last.recordedAt,
        currentRevision: events[events.length - 1]!.revision,
      },
      sla: slaPosition(past, instant, rules),
    },
  };
}

/** The SLA of the current handling period after these events, measured at `instant`. */
export function slaPosition(events: readonly StoredEvent[], instant: string, rules: HistoryRules): SlaPosition | null {
  const period = foldPeriods(events.map(toDomainEvent), rules.sla).at(-1);
  if (!period) return null;
  const { endedAs: _endedAs, ...position } = slaFigures(period, instant, { calendar: rules.sla.calendar, atRiskShare: rules.atRiskShare });
  return position;
}

/** The case at one side of an event. */
export interface CaseSnapshot {
  state: LifecycleState;
  allowedCommands: ComplaintCommandType[];
  /** What is known of the case; its personal data redacted unless the reader may see it. */
  complaint: Complaint;
}

/** An event as the event list shows it, with the case before and after it. */
export interface ReplayStep extends Omit<EventView, 'schemaVersion'> {
  eventId: string;
  /** The ISO 10002 clause the event evidences (null for a type the clause map does not know). */
  clause: IsoClause | null;
  clauseTitle: string | null;
  hash: string;
  previousHash: string;
  /** Null before the receipt. */
  before: CaseSnapshot | null;
  after: CaseSnapshot;
  /** The fields of the case (and `state`) that the event changed. */
  changed: string[];
}

export interface Replay {
  complaintId: string;
  revision: number;
  steps: ReplayStep[];
  /** How its personal data is shown: to one who handles the case, by a break-glass read, or not (redacted). */
  personalData: PersonalDataAccess;
}

/** Every event of the case with the case before and after it, as the reader may see it. */
export function replaySteps(complaintId: string, events: readonly StoredEvent[], reader: Reader): Replay {
  // One rule for the whole replay, as for the event list: by the case as it stands now.
  const { personalData, employeeMeasures: measures } = readingOf(events.reduce(fold, initialState()), reader);
  const personal = personalData !== 'none';
  const keys = seesPseudonymousKeys(reader.actor);
  const views = viewEvents([...events], personal, measures, keys);
  let state = initialState();
  const steps = events.map((event, i): ReplayStep => {
    const before = snapshot(state, personal, measures, keys);
    state = fold(state, event);
    const after = snapshot(state, personal, measures, keys)!;
    const clause = isComplaintEventType(event.type) ? clauseOf(event.type) : null;
    const { schemaVersion: _schemaVersion, ...view } = views[i]!;
    return {
      ...view,
      eventId: event.eventId,
      clause,
      clauseTitle: clause && CLAUSE_TITLES[clause],
      hash: event.hash,
      previousHash: event.previousHash,
      before,
      after,
      changed: changedFields(before, after),
    };
  });
  return { complaintId, revision: events[events.length - 1]?.revision ?? -1, steps, personalData };
}

function snapshot(state: ComplaintState, personal: boolean, employeeMeasures: boolean, keys: boolean): CaseSnapshot | null {
  const found = complaintOf(state);
  if (!found) return null;
  const measured = employeeMeasures ? found : redactEmployeeMeasures(found);
  const complaint = keys ? measured : withoutPseudonymousKeys(measured);
  return {
    state: lifecycleState(state),
    allowedCommands: allowedCommands(state),
    complaint: personal ? complaint : redactComplaint(complaint),
  };
}

function changedFields(before: CaseSnapshot | null, after: CaseSnapshot): string[] {
  const changed = before?.state === after.state ? [] : ['state'];
  const a = (before?.complaint ?? {}) as Record<string, unknown>;
  const b = after.complaint as unknown as Record<string, unknown>;
  for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) {
    if (JSON.stringify(a[key]) !== JSON.stringify(b[key])) changed.push(key);
  }
  return changed;
}
