import { DateTime } from 'luxon';
import { createActor, initialTransition, type SnapshotFrom } from 'xstate';
import { DEFAULT_CATALOG, findCategory, findDepartment, findingReasonsOf, type Catalog } from '../catalog.js';
import { InvalidCommand } from '../errors.js';
import { DEFAULT_KOREAN_CALENDAR, localDateOf, type WorkingCalendar } from '../working-time/index.js';
import { IMPROVEMENT_COMMANDS, IMPROVEMENT_COMMAND_TYPES, type ImprovementCommand, type ImprovementCommandOf, type ImprovementCommandType } from './commands.js';
import { isPastDue, latestExtensionDueOn, reportDueOn, workingDayOnOrAfter } from './due-date.js';
import { ImprovementCommandNotAllowed } from './errors.js';
import type { ImprovementEvent } from './events.js';
import { improvementGuardRefusal, improvementLifecycle, OWING_STATES, type ImprovementState } from './lifecycle.js';
import { withOptional, type ImprovementRequest } from './request.js';

export type ImprovementSnapshot = SnapshotFrom<typeof improvementLifecycle>;

export function initialImprovementState(): ImprovementSnapshot {
  return initialTransition(improvementLifecycle)[0];
}

/** One inert scope for every fold: the machine's only actions are `assign`s (see the complaint decider). */
const inertScope: Parameters<typeof improvementLifecycle.transition>[2] = (() => {
  const self = createActor(improvementLifecycle);
  return { self, system: self.system, id: '', sessionId: '', logger: () => {}, defer: () => {}, emit: () => {}, stopChild: () => {}, actionExecutor: () => {} };
})();

/** Folds one event through the machine. An event the machine would not take is a corrupt history. */
export function evolveImprovement(state: ImprovementSnapshot, event: ImprovementEvent): ImprovementSnapshot {
  if (!state.can(event)) throw new Error(`history is inconsistent: ${event.type} cannot follow state ${improvementState(state)}`);
  return improvementLifecycle.transition(state, event, inertScope);
}

export function replayImprovement(events: Iterable<ImprovementEvent>): ImprovementSnapshot {
  let state = initialImprovementState();
  for (const event of events) state = evolveImprovement(state, event);
  return state;
}

/**
 * The machine as a read model stored it (its state and the request): read models fold each new event
 * through the machine itself rather than a copy of its transitions.
 */
export function restoreImprovement(state: ImprovementState, request: ImprovementRequest): ImprovementSnapshot {
  const value = OWING_STATES.includes(state) ? { open: state } : state === 'result-reported' ? 'resultReported' : state;
  return improvementLifecycle.resolveState({ value, context: { request } });
}

/** The state by the brief's names (`open` only groups the three states that owe the result). */
export function improvementState(state: ImprovementSnapshot): ImprovementState {
  let value: unknown = state.value;
  while (typeof value === 'object' && value !== null) value = Object.values(value)[0];
  return value === 'resultReported' ? 'result-reported' : (value as ImprovementState);
}

export function requestOf(state: ImprovementSnapshot): ImprovementRequest | undefined {
  return state.context.request;
}

/** The commands the request takes now: the machine's, where no rule of its dates refuses them (a committee's decision, an extension). */
export function allowedImprovementCommands(state: ImprovementSnapshot, now: string, calendar: WorkingCalendar = DEFAULT_KOREAN_CALENDAR): ImprovementCommandType[] {
  return IMPROVEMENT_COMMAND_TYPES.filter((command) => isAllowed(command, state, now, calendar));
}

/**
 * Why the request refuses the command now, whatever its data and whoever gives it; undefined when it
 * takes it. Where the state would take the command's event but a rule of the request's dates or a guard
 * of the machine refuses it, the refusal gives that reason: the state alone does not say why.
 */
export function improvementStateRefusal(command: ImprovementCommandType, state: ImprovementSnapshot, now: string, calendar: WorkingCalendar = DEFAULT_KOREAN_CALENDAR): ImprovementCommandNotAllowed | undefined {
  if (isAllowed(command, state, now, calendar)) return undefined;
  const dated = machineTakes(command, state) ? datedRefusal(command, state, now, calendar) : undefined;
  const reason = dated ?? improvementGuardRefusal(improvementState(state), requestOf(state), IMPROVEMENT_COMMANDS[command].events, calendar);
  return new ImprovementCommandNotAllowed(command, improvementState(state), allowedImprovementCommands(state, now, calendar), reason);
}

/**
 * Commands the machine takes but the request's dates may refuse, which the machine does not know (it
 * has no clock): each gives its reason, or undefined where it does not refuse.
 */
const DATED_RULES: { readonly [T in ImprovementCommandType]?: (request: ImprovementRequest, state: ImprovementSnapshot, now: string, calendar: WorkingCalendar) => string | undefined } = {
  'request-extension': extensionRefusal,
  // Only a declined or an overdue request goes to the committee.
  'record-committee-decision': (request, state, now, calendar) =>
    goesToCommittee(state, now, calendar) ? undefined : `the request is neither declined nor overdue (due on ${request.dueOn}): it goes to the committee only then`,
};

function datedRefusal(command: ImprovementCommandType, state: ImprovementSnapshot, now: string, calendar: WorkingCalendar): string | undefined {
  const request = requestOf(state);
  return request && DATED_RULES[command]?.(request, state, now, calendar);
}

function goesToCommittee(state: ImprovementSnapshot, now: string, calendar: WorkingCalendar): boolean {
  const current = improvementState(state);
  const request = requestOf(state);
  return current === 'declined' || (request !== undefined && isOverdue(current, request.dueOn, now, calendar));
}

/** The machine would take one of the events the command may produce, and no rule of the request's dates refuses it now. */
function isAllowed(command: ImprovementCommandType, state: ImprovementSnapshot, now: string, calendar: WorkingCalendar): boolean {
  return machineTakes(command, state) && datedRefusal(command, state, now, calendar) === undefined;
}

/** The machine would take one of the events the command may produce (its guards asked). */
function machineTakes(command: ImprovementCommandType, state: ImprovementSnapshot): boolean {
  return IMPROVEMENT_COMMANDS[command].events.some((type) => state.can({ type, data: {}, occurredAt: '' } as ImprovementEvent));
}

/** The department owes the result and its due date has passed: the request goes to the committee. */
export function isOverdue(state: ImprovementState, dueOn: string, now: string, calendar: WorkingCalendar): boolean {
  return OWING_STATES.includes(state) && isPastDue(dueOn, now, calendar);
}

interface Current {
  request: ImprovementRequest;
  state: ImprovementSnapshot;
  catalog: Catalog;
  calendar: WorkingCalendar;
}

type Decision<T extends ImprovementCommandType> = (command: ImprovementCommandOf<T>, current: Current) => ImprovementEvent[];

/**
 * Decides which events a command produces for a request in the given state, or throws
 * `ImprovementCommandNotAllowed` (409) or `InvalidCommand` (400, a field breaks a rule).
 */
export function decideImprovement(
  command: ImprovementCommand,
  state: ImprovementSnapshot,
  catalog: Catalog = DEFAULT_CATALOG,
  calendar: WorkingCalendar = DEFAULT_KOREAN_CALENDAR,
): ImprovementEvent[] {
  const refused = improvementStateRefusal(command.type, state, command.now, calendar);
  if (refused) throw refused;
  if (command.type === 'file') return [file(command, catalog, calendar)];
  const request = requestOf(state);
  if (!request) throw new ImprovementCommandNotAllowed(command.type, improvementState(state), allowedImprovementCommands(state, command.now, calendar), 'the request has not been filed');
  return (DECISIONS[command.type] as Decision<typeof command.type>)(command, { request, state, catalog, calendar });
}

const DECISIONS: { readonly [T in Exclude<ImprovementCommandType, 'file'>]: Decision<T> } = {
  plan,
  implement,
  'report-result': reportResult,
  verify,
  decline,
  'request-extension': requestExtension,
  'record-committee-decision': recordCommitteeDecision,
};

function file({ data, now }: ImprovementCommandOf<'file'>, catalog: Catalog, calendar: WorkingCalendar): ImprovementEvent {
  required(data.requestId, 'requestId');
  if (!findDepartment(catalog, data.department)) {
    throw new InvalidCommand('department', `unknown department ${data.department}; known: ${catalog.departments.map((d) => d.code).join(', ')}`);
  }
  const complaints = data.complaints;
  complaints.forEach((id, i) => {
    required(id, `complaints[${i}]`);
    if (complaints.indexOf(id) !== i) throw new InvalidCommand(`complaints[${i}]`, `complaint ${id} is listed twice`);
  });
  if (data.category !== undefined && !findCategory(catalog, data.category)) {
    throw new InvalidCommand('category', `unknown category ${data.category}; known: ${catalog.categories.map((c) => c.code).join(', ')}`);
  }
  if (data.subject !== undefined) {
    required(data.subject.id, 'subject.id');
    // The reason the rule counted it for ("동일한 사유"): one of the catalog's finding reasons.
    const reasons = findingReasonsOf(catalog).map((r) => r.code);
    if (data.subject.reason !== undefined && !reasons.includes(data.subject.reason)) {
      throw new InvalidCommand('subject.reason', `unknown finding reason ${data.subject.reason}; known: ${reasons.join(', ')}`);
    }
  }
  if (complaints.length === 0 && data.category === undefined && data.subject === undefined) {
    throw new InvalidCommand('complaints', 'a request follows from one or more complaints, a category or a repeat-offender subject: name at least one');
  }
  required(data.change, 'change');
  required(data.reason, 'reason');
  const { requestId, department, change, reason } = data;
  return {
    type: 'ImprovementRequested',
    data: withOptional({ requestId, department, complaints, change, reason, dueOn: reportDueOn(now, calendar) }, { category: data.category, subject: data.subject }),
    occurredAt: now,
  };
}

function plan({ data: { plan, expectedOn }, now }: ImprovementCommandOf<'plan'>, { request, calendar }: Current): ImprovementEvent[] {
  required(plan, 'plan');
  if (expectedOn !== undefined) {
    const today = localDateOf(now, calendar);
    if (isoDate(expectedOn, 'expectedOn') > request.dueOn) {
      throw new InvalidCommand('expectedOn', `must be on or before the due date ${request.dueOn}; to need longer, request an extension with a written reason`);
    }
    if (expectedOn < today) throw new InvalidCommand('expectedOn', `must not be before the day the plan is recorded (${today})`);
  }
  return [{ type: 'ImprovementPlanned', data: withOptional({ plan }, { expectedOn }), occurredAt: now }];
}

function implement({ data: { summary }, now }: ImprovementCommandOf<'implement'>): ImprovementEvent[] {
  required(summary, 'summary');
  return [{ type: 'ImprovementImplemented', data: { summary }, occurredAt: now }];
}

function reportResult({ data: { result }, now }: ImprovementCommandOf<'report-result'>): ImprovementEvent[] {
  required(result, 'result');
  return [{ type: 'ImprovementResultReported', data: { result }, occurredAt: now }];
}

function verify({ data: { note }, now }: ImprovementCommandOf<'verify'>): ImprovementEvent[] {
  return [{ type: 'ImprovementVerified', data: withOptional({}, { note }), occurredAt: now }];
}

function decline({ data: { reason }, now }: ImprovementCommandOf<'decline'>): ImprovementEvent[] {
  required(reason, 'reason');
  return [{ type: 'ImprovementDeclined', data: { reason }, occurredAt: now }];
}

/**
 * "다만, 기간 내 조치가 곤란한 경우 그 사유를 서면으로 작성하여 … 통보하여야 함": the department's written reason, once,
 * within the period, for a new date at most the manual's period ("3월내") after the current one; a request it
 * leaves overdue after that goes to the committee, which may set another date. A date that is no working
 * day moves to the next working day, as the first due date does.
 */
function requestExtension({ data: { reason, dueOn }, now }: ImprovementCommandOf<'request-extension'>, { request, calendar }: Current): ImprovementEvent[] {
  required(reason, 'reason');
  if (isoDate(dueOn, 'dueOn') <= request.dueOn) throw new InvalidCommand('dueOn', `must be after the current due date ${request.dueOn}`);
  const latest = latestExtensionDueOn(request.dueOn, calendar);
  if (dueOn > latest) {
    throw new InvalidCommand('dueOn', `must be at most three months after the current due date ${request.dueOn}, on or before ${latest}: the manual's period ("3월내") once more`);
  }
  return [{ type: 'ImprovementExtensionRequested', data: { reason, dueOn: workingDayOnOrAfter(dueOn, calendar) }, occurredAt: now }];
}

function extensionRefusal(request: ImprovementRequest, state: ImprovementSnapshot, now: string, calendar: WorkingCalendar): string | undefined {
  if (isOverdue(improvementState(state), request.dueOn, now, calendar)) {
    return `the period ended on ${request.dueOn}: the reason for a delay is given within it ("기간 내"), and an overdue request goes to the committee`;
  }
  // "재검증절차(CS운영위원회 재부의 …)": once the committee has set the date, the department does not move it.
  const ruled = request.committeeDecisions.findLast((decision) => decision.dueOn !== undefined);
  if (ruled) {
    return `the committee (${ruled.decidedBy}) set the due date ${ruled.dueOn} on ${localDateOf(ruled.at, calendar)}: the committee's date stands, and a request overdue after it goes to the committee again`;
  }
  const given = request.extensions[0];
  if (given) return `the department gave its written reason for a delay on ${localDateOf(given.at, calendar)} (new date ${given.dueOn}): a further delay goes to the committee once that date has passed`;
  return undefined;
}

/** A declined or an overdue request (`DATED_RULES`); a decline may be accepted only once it is one. */
function recordCommitteeDecision({ data, now }: ImprovementCommandOf<'record-committee-decision'>, { state, calendar }: Current): ImprovementEvent[] {
  const current = improvementState(state);
  required(data.decidedBy, 'decidedBy');
  const today = localDateOf(now, calendar);
  const newDueOn = (dueOn: string | undefined): string => {
    if (dueOn === undefined) throw new InvalidCommand('dueOn', 'is required: the committee sets the new due date');
    if (isoDate(dueOn, 'dueOn') <= today) throw new InvalidCommand('dueOn', `must be after the decision (${today})`);
    // On a working day, as the first due date: a date that is none moves to the next working day.
    return workingDayOnOrAfter(dueOn, calendar);
  };
  const decided = { decidedBy: data.decidedBy };
  const optional = { note: data.note };
  switch (data.decision) {
    case 'uphold':
      return [{ type: 'CommitteeUpheldRequest', data: withOptional({ ...decided, dueOn: newDueOn(data.dueOn) }, optional), occurredAt: now }];
    case 'accept-decline':
      if (current !== 'declined') throw new InvalidCommand('decision', 'only a declined request has a decline to accept');
      return [{ type: 'CommitteeAcceptedDecline', data: withOptional(decided, optional), occurredAt: now }];
    case 'change':
      required(data.change, 'change');
      return [{ type: 'CommitteeChangedRequest', data: withOptional({ ...decided, change: data.change as string, dueOn: newDueOn(data.dueOn) }, optional), occurredAt: now }];
  }
}

function required(value: string | undefined, field: string): void {
  if (typeof value !== 'string' || value.trim() === '') throw new InvalidCommand(field, 'must not be empty');
}

/** A calendar date `YYYY-MM-DD` that exists. */
function isoDate(value: string, field: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || !DateTime.fromISO(value).isValid) throw new InvalidCommand(field, 'must be a date YYYY-MM-DD');
  return value;
}
