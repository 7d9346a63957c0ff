/**
 * The SLA of a complaint, kept as handling periods: the processing deadline in working time, the
 * working time used and paused, the instant of a breach, the interim notice; and, for the quarterly
 * report, how each period ended. Everything is computed from event data and event time, never the
 * wall clock, so a rebuild gives the same rows. "Now" enters only through `slaAt`, at query time.
 *
 * The rules (CCMS ch.4 deadline and interim-notice rules; Civil Petitions Act decree art. 18):
 * - Period 1 starts at the case's `receivedAt`. The deadline is the category's: in working days,
 *   counted by `deadlineFor` as the calendar counts them (Korea: ≤ 5 days in working hours, ≥ 6 days
 *   in whole working days; the USA: in working hours), in working hours, or in calendar days. A case
 *   imported with its source's due date (`sourceDueAt`) is due then in period 1: history is judged as
 *   the source judged it, not by today's catalog and calendar.
 * - Working time between ClockPaused and ClockResumed is not used: it is reported as paused. A pause
 *   pushes a deadline in working time out by the working time it stopped, one in calendar days by its
 *   whole length (`dueAtOf`, the decider's rule too).
 * - The clock stops at whichever comes first: the decision communicated to the complainant
 *   (DecisionCommunicated), closing, withdrawal, rejection at initial assessment, or a reopen of a
 *   decided case not yet closed. A decision made but not communicated keeps the clock running:
 *   the deadline protects the complainant's wait for an answer.
 * - Breached: the clock still ran after the due instant; `breachedAt` is that due instant. A
 *   decision communicated exactly at the due instant meets the deadline. A stopped period keeps
 *   its result (`met` or `breached`) whatever happens later. An open period not breached is at
 *   risk once its working time used reaches the at-risk share (default 80 %) of the deadline's.
 * - A reopen (re-investigation or appeal) starts a new period with the category's full deadline
 *   from the reopen, as a new request has its own processing period; the earlier period keeps its
 *   final result and is marked reopened.
 * - Urgent matters are handled first (CCMS principle 7): an assessment at a severity for which the
 *   category gives a shorter deadline re-times the period to it, from its start; a period already
 *   past the new due instant (even past the longer one) breaches at it.
 * - Materials asked of another department are due on the date asked or the next working day
 *   (요청기일내 또는 D+1): a request still unanswered after its due instant is overdue while the period is open.
 * - Interim notice ("조사 등 부득이한 사유로 처리기간 내에 고객불만의 처리가 곤란하다고 인정되는
 *   경우에는 접수후 1일 이내에 중간처리과정 및 지연사유 안내할 수 있음"): owed by a period whose
 *   deadline could not be met, which the history shows by its breach (an open period from the instant
 *   its due instant passes with the clock running). It is in time at or before the interim-notice due
 *   instant, the configured working time after the period's start (INTERIM_NOTICE_DEADLINE, default 1
 *   working day; pauses not excluded); a notice sent later does not count. A period that met its
 *   deadline owed none, however long it took.
 */
import type { Channel, Exclusion, Outcome, Priority, SatisfactionElement, Severity } from '../domain/catalog.js';
import type { ComplaintEvent, ComplaintEventType } from '../domain/complaint/events.js';
import { stateAfter, type LifecycleState } from '../domain/complaint/lifecycle.js';
import { countedInWholeDays, deadlineFor, dueAtOf, type Deadline, type Instant, type WorkingCalendar, type WorkingPeriod } from '../domain/working-time/index.js';
import { workingClockOf, type WorkingClock } from './working-clock.js';

export type Clock = 'running' | 'paused' | 'stopped';
/** How a handling period ended; `reopened` when a decided case was reopened before it was closed. */
export type PeriodEnd = 'closed' | 'withdrawn' | 'rejected-at-assessment' | 'reopened';
export type SlaStop = 'decision-communicated' | PeriodEnd;

/** One SLA period of a case: from receipt (period 1) or from a reopen (2, 3, …) to its end. */
export interface HandlingPeriod {
  complaintId: string;
  period: number;
  category: string;
  /** Of a compliment category: received like a complaint, never counted as one. */
  compliment: boolean;
  channel: Channel;
  /** The handling department as of the period's last event; null until assigned. */
  department: string | null;
  receivedAt: Instant;
  startedAt: Instant;
  /** The category's deadline in days (working or calendar; working hours ÷ hours per day). */
  deadlineDays: number;
  /** The working time the deadline grants, in ms. */
  budgetMs: number;
  interimNoticeDueAt: Instant;
  clock: Clock;
  /** The last event counted in `workedMs` and `pausedMs` (the stop, once stopped). */
  asOf: Instant;
  workedMs: number;
  pausedMs: number;
  /** When the deadline runs out; null while paused before a breach (a resume sets it again). */
  dueAt: Instant | null;
  /** While the clock is paused: since when (the working time used ran to then); null otherwise. */
  pausedAt: Instant | null;
  /** While the clock is paused: the due instant the pause stopped, which a resume moves on; null otherwise. */
  dueAtPaused: Instant | null;
  /** Set once an event showed the clock running past `dueAt`; open periods may breach later (see `slaAt`). */
  breachedAt: Instant | null;
  stoppedAt: Instant | null;
  stoppedBy: SlaStop | null;
  /** The first interim notice of the period. */
  interimNoticeAt: Instant | null;
  /** The first decision of the period. */
  decidedAt: Instant | null;
  endedAt: Instant | null;
  endedAs: PeriodEnd | null;
  closeReason: 'resolved' | 'complainant-unreachable' | null;
  /** Why it is not a complaint, when rejected at initial assessment. */
  exclusion: Exclusion | null;
  /** Working time from start to end, pauses excluded: "working hours to close". */
  handlingMs: number | null;
  outcome: Outcome | null;
  compensation: { amount: number; currency: string } | null;
  reopenedAt: Instant | null;
  satisfaction: { at: Instant; scores: Record<SatisfactionElement, number> } | null;
  /** The case's lifecycle state after the period's last event, as the machine has it. */
  caseState: LifecycleState;
  /** From the initial assessment; null before it. */
  severity: Severity | null;
  priority: Priority | null;
  /** Materials asked of other departments and not yet received; `dueAt` null for requests recorded before due dates were. */
  openRequests: OpenRequest[];
}

export interface OpenRequest {
  requestId: string;
  department: string;
  dueAt: Instant | null;
}

export interface SlaRules {
  calendar: WorkingCalendar;
  /** The category's processing deadline (the catalog's, or its shorter one for the severity). */
  deadline(category: string, severity?: Severity): Deadline;
  /** A compliment (칭찬), not a complaint: reported apart. */
  isCompliment(category: string): boolean;
  /** Default 1 working day. */
  interimNoticeDeadline: WorkingPeriod;
}

const HOUR = 3_600_000;
const ms = (instant: Instant): number => Date.parse(instant);
/** Instants of the read model: UTC ISO 8601 with milliseconds. */
const iso = (millis: number): Instant => new Date(millis).toISOString();
const later = (a: Instant, b: Instant): Instant => (ms(a) >= ms(b) ? iso(ms(a)) : iso(ms(b)));
const between = (from: Instant, to: Instant, clock: WorkingClock) => Math.max(0, clock.reading(ms(to)) - clock.reading(ms(from)));

/** When `millis` of working time have run from `start` (the domain's counting, without pauses). */
function afterWorking(start: Instant, millis: number, clock: WorkingClock): Instant {
  return iso(clock.instantAt(clock.reading(ms(start)) + millis, ms(start)));
}

/** The due instant of a deadline: working periods as the calendar counts days (see `deadlineFor`), calendar days as `dueAtOf`. */
function deadline(start: Instant, period: Deadline, rules: SlaRules): Instant {
  if ('calendarDays' in period) return iso(ms(dueAtOf(start, period, rules.calendar)!));
  if (countedInWholeDays(period, rules.calendar)) return iso(ms(deadlineFor(start, period, rules.calendar)));
  const hours = 'days' in period ? period.days * rules.calendar.hoursPerDay : period.hours;
  return afterWorking(start, Math.round(hours * HOUR), workingClockOf(rules.calendar));
}

/** How a period ends when its case is closed, by the event that closed it. */
const END_BY: Partial<Record<ComplaintEventType, PeriodEnd>> = {
  ComplaintWithdrawn: 'withdrawn',
  ComplaintRejectedAtAssessment: 'rejected-at-assessment',
};

const isDecided = (state: LifecycleState): boolean => state === 'decided' || state === 'closed';

/**
 * Folds one event of a case into its periods; only the last period changes, a reopen appends one.
 * Where a period ends and the next begins is the lifecycle machine's: the case entering `closed`
 * ends it, a decided case going back to be handled again starts the next.
 */
export function evolvePeriods(periods: readonly HandlingPeriod[], event: ComplaintEvent, rules: SlaRules): HandlingPeriod[] {
  const current = periods[periods.length - 1];
  if (event.type === 'ComplaintReceived') {
    if (current) return [...periods];
    const d = event.data;
    const receivedAt = iso(ms(d.receivedAt));
    const facts = {
      sourceDueAt: d.sourceDueAt,
      complaintId: d.complaintId, category: d.category, compliment: rules.isCompliment(d.category), channel: d.channel, department: null, receivedAt,
      severity: null, priority: null, openRequests: [],
    };
    return [startPeriod(facts, 1, receivedAt, stateAfter('new', event), rules)];
  }
  if (!current) return [...periods];
  const earlier = periods.slice(0, -1);
  const at = event.occurredAt;
  const caseState = stateAfter(current.caseState, event);
  if (caseState === 'closed' && current.caseState !== 'closed') {
    const ended = end(current, at, END_BY[event.type] ?? 'closed', rules);
    const closeReason = event.type === 'ComplaintClosed' ? event.data.reason : null;
    return [...earlier, { ...ended, caseState, closeReason, exclusion: event.type === 'ComplaintRejectedAtAssessment' ? event.data.exclusion : null }];
  }
  if (isDecided(current.caseState) && !isDecided(caseState)) {
    const ended = current.endedAt ? current : end(current, at, 'reopened', rules);
    const reopenedAt = later(at, ended.endedAt as Instant);
    return [...earlier, { ...ended, reopenedAt }, startPeriod(current, current.period + 1, reopenedAt, caseState, rules)];
  }
  const p = { ...advance(current, at, rules), caseState };
  switch (event.type) {
    case 'ComplaintAssigned':
    case 'ComplaintReassigned':
      return [...earlier, { ...p, department: event.data.department }];
    case 'ComplaintAssessed':
      return [...earlier, retimed({ ...p, severity: event.data.severity, priority: event.data.priority }, rules)];
    case 'InformationRequested': {
      const { requestId, department, dueAt } = event.data;
      return [...earlier, { ...p, openRequests: [...p.openRequests, { requestId, department, dueAt: dueAt === undefined ? null : iso(ms(dueAt)) }] }];
    }
    case 'InformationReceived':
      return [...earlier, { ...p, openRequests: p.openRequests.filter((r) => r.requestId !== event.data.requestId) }];
    case 'ClockPaused':
      return [...earlier, p.clock === 'running' ? { ...p, clock: 'paused', pausedAt: p.asOf, dueAtPaused: p.dueAt, dueAt: p.breachedAt ? p.dueAt : null } : p];
    case 'ClockResumed': {
      if (p.clock !== 'paused') return [...earlier, p];
      const running = { ...p, clock: 'running' as const, pausedAt: null, dueAtPaused: null };
      return [...earlier, p.breachedAt ? running : { ...running, ...resumedDeadline(p, rules) }];
    }
    case 'InterimNoticeSent':
      return [...earlier, { ...p, interimNoticeAt: p.interimNoticeAt ?? later(at, p.startedAt) }];
    case 'DecisionMade':
      return [...earlier, { ...p, decidedAt: p.decidedAt ?? later(at, p.startedAt), outcome: event.data.outcome, compensation: compensationOf(event.data.compensation) }];
    case 'DecisionCommunicated':
      return [...earlier, stop(p, at, 'decision-communicated', rules)];
    case 'SatisfactionRecorded':
      return [...earlier, { ...p, satisfaction: { at: iso(ms(at)), scores: { ...event.data.scores } } }];
    // Facts that move neither the clock nor the lifecycle: their time counts as used (or paused).
    default:
      return [...earlier, p];
  }
}

/** The periods of a history, from none or from the periods already known. */
export function foldPeriods(events: Iterable<ComplaintEvent>, rules: SlaRules, from: readonly HandlingPeriod[] = []): HandlingPeriod[] {
  let periods = [...from];
  for (const event of events) periods = evolvePeriods(periods, event, rules);
  return periods;
}

type CaseFacts = Pick<HandlingPeriod, 'complaintId' | 'category' | 'compliment' | 'channel' | 'department' | 'receivedAt' | 'severity' | 'priority' | 'openRequests'>;

/** A deadline's length in days, as periods report it. */
function daysOf(period: Deadline, rules: SlaRules): number {
  return 'calendarDays' in period ? period.calendarDays : 'days' in period ? period.days : period.hours / rules.calendar.hoursPerDay;
}

/**
 * The due instant and budget of a paused period resumed at `p.asOf`: a deadline in calendar days moves
 * out by the pause's whole length, one in working time runs out once its working time left has run.
 */
function resumedDeadline(p: HandlingPeriod, rules: SlaRules): Pick<HandlingPeriod, 'dueAt' | 'budgetMs'> {
  const clock = workingClockOf(rules.calendar);
  const inCalendarDays = 'calendarDays' in rules.deadline(p.category, p.severity ?? undefined);
  if (inCalendarDays && p.pausedAt !== null && p.dueAtPaused !== null) {
    const dueAt = iso(ms(p.dueAtPaused) + ms(p.asOf) - ms(p.pausedAt));
    return { dueAt, budgetMs: p.workedMs + between(p.asOf, dueAt, clock) };
  }
  return { dueAt: afterWorking(p.asOf, p.budgetMs - p.workedMs, clock), budgetMs: p.budgetMs };
}

/**
 * The period with the deadline of its category at its severity, counted from its start: the working
 * time already used stays used, and a period already past the new due instant breaches at it, whether
 * or not it had breached the longer one.
 */
function retimed(p: HandlingPeriod, rules: SlaRules): HandlingPeriod {
  const shorter = rules.deadline(p.category, p.severity ?? undefined);
  const deadlineDays = daysOf(shorter, rules);
  if (deadlineDays === p.deadlineDays || p.clock === 'stopped') return p;
  const clock = workingClockOf(rules.calendar);
  const budgetMs = between(p.startedAt, deadline(p.startedAt, shorter, rules), clock);
  // The working time used ran to the last event, or to the pause that stopped the clock.
  const usedTo = p.clock === 'paused' ? (p.pausedAt ?? p.asOf) : p.asOf;
  // The instant the budget ran out or will: before then when the new deadline is already past.
  const dueAt = iso(clock.instantAt(clock.reading(ms(usedTo)) + budgetMs - p.workedMs, ms(p.startedAt)));
  const breachedAt = ms(usedTo) > ms(dueAt) ? dueAt : null;
  // A pause before the new due instant leaves it to the resume.
  if (p.clock === 'paused' && breachedAt === null) return { ...p, deadlineDays, budgetMs };
  return { ...p, deadlineDays, budgetMs, dueAt, breachedAt };
}

/** A new period; the first one of an imported case is due when its source said (`sourceDueAt`). */
function startPeriod(facts: CaseFacts & { sourceDueAt?: string }, period: number, startedAt: Instant, caseState: LifecycleState, rules: SlaRules): HandlingPeriod {
  const categoryDeadline = rules.deadline(facts.category, facts.severity ?? undefined);
  const deadlineDays = daysOf(categoryDeadline, rules);
  const dueAt = facts.sourceDueAt !== undefined && period === 1 ? iso(ms(facts.sourceDueAt)) : deadline(startedAt, categoryDeadline, rules);
  return {
    complaintId: facts.complaintId,
    period,
    category: facts.category,
    compliment: facts.compliment,
    channel: facts.channel,
    department: facts.department,
    receivedAt: facts.receivedAt,
    startedAt,
    deadlineDays,
    budgetMs: between(startedAt, dueAt, workingClockOf(rules.calendar)),
    interimNoticeDueAt: deadline(startedAt, rules.interimNoticeDeadline, rules),
    clock: 'running',
    asOf: startedAt,
    workedMs: 0,
    pausedMs: 0,
    dueAt,
    pausedAt: null,
    dueAtPaused: null,
    breachedAt: null,
    stoppedAt: null,
    stoppedBy: null,
    interimNoticeAt: null,
    decidedAt: null,
    endedAt: null,
    endedAs: null,
    closeReason: null,
    exclusion: null,
    handlingMs: null,
    outcome: null,
    compensation: null,
    reopenedAt: null,
    satisfaction: null,
    caseState,
    severity: facts.severity,
    priority: facts.priority,
    openRequests: facts.openRequests,
  };
}

/** Counts the working time from the last event to `at` as used (clock running) or paused. */
function advance(p: HandlingPeriod, at: Instant, rules: SlaRules): HandlingPeriod {
  if (p.clock === 'stopped') return p;
  // An event stamped before the last one (clock skew in an import) moves nothing back.
  const to = later(at, p.asOf);
  const span = between(p.asOf, to, workingClockOf(rules.calendar));
  if (p.clock === 'paused') return { ...p, asOf: to, pausedMs: p.pausedMs + span };
  const breachedAt = p.breachedAt ?? (p.dueAt !== null && ms(to) > ms(p.dueAt) ? p.dueAt : null);
  return { ...p, asOf: to, workedMs: p.workedMs + span, breachedAt };
}

function stop(p: HandlingPeriod, at: Instant, by: SlaStop, rules: SlaRules): HandlingPeriod {
  if (p.clock === 'stopped') return p;
  const advanced = advance(p, at, rules);
  return { ...advanced, clock: 'stopped', pausedAt: null, dueAtPaused: null, stoppedAt: advanced.asOf, stoppedBy: by };
}

function end(p: HandlingPeriod, at: Instant, as: PeriodEnd, rules: SlaRules): HandlingPeriod {
  const stopped = stop(p, at, as, rules);
  const stoppedAt = stopped.stoppedAt as Instant;
  const endedAt = later(at, stoppedAt);
  const handlingMs = stopped.workedMs + between(stoppedAt, endedAt, workingClockOf(rules.calendar));
  return { ...stopped, endedAt, endedAs: as, handlingMs };
}

function compensationOf(compensation: { amount: number; currency: string } | undefined): HandlingPeriod['compensation'] {
  return compensation ? { amount: compensation.amount, currency: compensation.currency } : null;
}

export type SlaStatus = 'breached' | 'at-risk' | 'on-track' | 'met' | 'not-applicable';
export const SLA_STATUSES: readonly SlaStatus[] = ['breached', 'at-risk', 'on-track', 'met', 'not-applicable'];

/** A period's SLA seen at `now`. */
export interface SlaView {
  /**
   * `met` and `breached` are final once the clock stopped; an open period is breached, at risk or on track.
   * `not-applicable`: no deadline to judge, for a compliment (nothing to answer) or a handling withdrawn or
   * excluded at assessment before its deadline ran out (it ended without one to meet; one that breached
   * first stays breached).
   */
  status: SlaStatus;
  usedMs: number;
  pausedMs: number;
  /** Working time used ÷ the deadline's working time (above 1 once breached). */
  shareUsed: number;
  dueAt: Instant | null;
  breachedAt: Instant | null;
  interimNoticeMissing: boolean;
}

export interface SlaQueryRules {
  calendar: WorkingCalendar;
  /** Share of the deadline used from which an open period is at risk (default 0.8). */
  atRiskShare: number;
}

/** An interim notice counts when sent in the period at or before the interim-notice due instant. */
export function noticeInTime(p: HandlingPeriod): boolean {
  return p.interimNoticeAt !== null && ms(p.interimNoticeAt) <= ms(p.interimNoticeDueAt);
}

/** The instant the period breached its deadline, as known at `now`: the working time since the last event counts. */
function breachOf(p: HandlingPeriod, now: Instant): Instant | null {
  return p.breachedAt ?? (p.clock === 'running' && p.dueAt !== null && ms(now) > ms(p.dueAt) ? p.dueAt : null);
}

/** The status of a period at `now`: the working time since the last event counts as used (or paused). */
export function slaAt(p: HandlingPeriod, now: Instant, rules: SlaQueryRules): SlaView {
  const since = p.clock === 'stopped' ? 0 : between(p.asOf, now, workingClockOf(rules.calendar));
  const usedMs = p.workedMs + (p.clock === 'running' ? since : 0);
  const pausedMs = p.pausedMs + (p.clock === 'paused' ? since : 0);
  const breachedAt = p.compliment ? null : breachOf(p, now);
  const shareUsed = p.budgetMs > 0 ? usedMs / p.budgetMs : 1;
  const interimNoticeMissing = breachedAt !== null && !noticeInTime(p);
  return { status: statusOf(p, breachedAt, usedMs, rules), usedMs, pausedMs, shareUsed, dueAt: p.dueAt, breachedAt, interimNoticeMissing };
}

/** `SlaView.status`, in the order its SQL twin (src/reports/sla.queries.ts `STATUS_SQL`) tests them. */
function statusOf(p: HandlingPeriod, breachedAt: Instant | null, usedMs: number, rules: SlaQueryRules): SlaStatus {
  if (p.compliment) return 'not-applicable';
  if (breachedAt) return 'breached';
  if (p.endedAs === 'withdrawn' || p.endedAs === 'rejected-at-assessment') return 'not-applicable';
  if (p.clock === 'stopped') return 'met';
  return usedMs >= rules.atRiskShare * p.budgetMs ? 'at-risk' : 'on-track';
}

/** A period's SLA at a moment, in the units people read: working hours to two places, the share used to four. */
export interface SlaFigures {
  /** 1 from receipt; 2, 3 … after each reopen. */
  period: number;
  clock: Clock;
  status: SlaStatus;
  startedAt: Instant;
  /** The category's deadline in days (working or calendar; working hours ÷ hours per day). */
  deadlineDays: number;
  /** Null while the clock is paused (a resume sets it again), unless the period had already breached. */
  dueAt: Instant | null;
  breachedAt: Instant | null;
  workingHoursUsed: number;
  workingHoursPaused: number;
  shareUsed: number;
  /**
   * When an interim notice not yet sent is due; null once nothing is due: the clock stopped (decision
   * communicated, closed, withdrawn, rejected at initial assessment) with none sent. Once one was sent,
   * the instant it was judged against.
   */
  interimNoticeDueAt: Instant | null;
  interimNoticeSentAt: Instant | null;
  interimNoticeMissing: boolean;
  stoppedAt: Instant | null;
  stoppedBy: SlaStop | null;
  endedAs: PeriodEnd | null;
  /** Materials from other departments past their due instant and not received, while the period is open. */
  informationOverdue: OpenRequest[];
}

const round = (n: number, places: number): number => Math.round(n * 10 ** places) / 10 ** places;

export function slaFigures(p: HandlingPeriod, now: Instant, rules: SlaQueryRules): SlaFigures {
  const view = slaAt(p, now, rules);
  return {
    period: p.period,
    clock: p.clock,
    status: view.status,
    startedAt: p.startedAt,
    deadlineDays: p.deadlineDays,
    dueAt: view.dueAt,
    breachedAt: view.breachedAt,
    workingHoursUsed: round(view.usedMs / HOUR, 2),
    workingHoursPaused: round(view.pausedMs / HOUR, 2),
    shareUsed: round(view.shareUsed, 4),
    interimNoticeDueAt: interimNoticeDue(p),
    interimNoticeSentAt: p.interimNoticeAt,
    interimNoticeMissing: view.interimNoticeMissing,
    stoppedAt: p.stoppedAt,
    stoppedBy: p.stoppedBy,
    endedAs: p.endedAs,
    informationOverdue: overdueRequests(p, now),
  };
}

/** The interim notice's due instant as a reader sees it: none is due once the clock stopped without one sent. */
function interimNoticeDue(p: HandlingPeriod): Instant | null {
  return p.interimNoticeAt === null && p.clock === 'stopped' ? null : p.interimNoticeDueAt;
}

/** The open period's requests for materials past their due instant at `now`. */
export function overdueRequests(p: HandlingPeriod, now: Instant): OpenRequest[] {
  return p.endedAt === null ? p.openRequests.filter((r) => r.dueAt !== null && ms(r.dueAt) < ms(now)) : [];
}
