import { createActor, initialTransition, type SnapshotFrom } from 'xstate';
import type { Role } from '../access.js';
import {
  COMPENSATION_FORMS,
  compensationPolicyOf,
  deadlineOf,
  DEFAULT_CATALOG,
  findCategory,
  findDepartment,
  findingReasonsOf,
  OVERALL,
  satisfactionElementsOf,
  unknownCategoryRule,
  type Catalog,
  type CompensationPolicy,
  type CompensationTrigger,
  type NoticeChannel,
  type Outcome,
} from '../catalog.js';
import { DEFAULT_KOREAN_CALENDAR, dueAtOf, nextWorkingDayDeadline, type WorkingCalendar } from '../working-time/index.js';
import { contributionsMissing, outstandingRequests, substantiatedEmployees, trainingOutstanding, type Complaint } from './complaint.js';
import { COMMANDS, COMMAND_TYPES, type CommandOf, type ComplaintCommand, type ComplaintCommandType } from './commands.js';
import { ComplaintCommandNotAllowed } from './errors.js';
import { InvalidCommand } from '../errors.js';
import { LANGUAGES, type Compensation, type Complainant, type ComplaintEvent, type Consent } from './events.js';
import { complaintLifecycle, guardRefusal, type LifecycleState } from './lifecycle.js';

export type ComplaintState = SnapshotFrom<typeof complaintLifecycle>;

/** Made once: XState never changes a snapshot in place (a transition makes a new one), so every fold can start from it. */
const INITIAL_STATE: ComplaintState = initialTransition(complaintLifecycle)[0];

export function initialState(): ComplaintState {
  return INITIAL_STATE;
}

/**
 * The scope `evolve` runs the machine in. XState's `transition()` builds a throwaway actor (running
 * the machine's initial transition) on every call, which made replaying a case cost more than reading
 * it from the store. The machine's only actions are `assign`s, which XState applies itself, so one
 * inert scope that drops everything else (as `transition()` would, unexecuted) serves every fold.
 */
const inertScope: Parameters<typeof complaintLifecycle.transition>[2] = (() => {
  const self = createActor(complaintLifecycle);
  return { self, system: self.system, id: '', sessionId: '', logger: () => {}, defer: () => {}, emit: () => {}, stopChild: () => {}, actionExecutor: () => {} };
})();

/** Folds one event through the lifecycle machine. An event the machine would not take is a corrupt history. */
export function evolve(state: ComplaintState, event: ComplaintEvent): ComplaintState {
  if (!state.can(event)) {
    throw new Error(`history is inconsistent: ${event.type} cannot follow state ${lifecycleState(state)}`);
  }
  return complaintLifecycle.transition(state, event, inertScope);
}

export function replay(events: Iterable<ComplaintEvent>, from: ComplaintState = initialState()): ComplaintState {
  let state = from;
  for (const event of events) state = evolve(state, event);
  return state;
}

/** The state the case is in, by the brief's names (`beforeDecision` only groups three of them). */
export function lifecycleState(state: ComplaintState): LifecycleState {
  let value: unknown = state.value;
  while (typeof value === 'object' && value !== null) value = Object.values(value)[0];
  return value as LifecycleState;
}

export function complaintOf(state: ComplaintState): Complaint | undefined {
  return state.context.complaint;
}

export function allowedCommands(state: ComplaintState): ComplaintCommandType[] {
  return COMMAND_TYPES.filter((command) => isAllowed(command, state));
}

/**
 * Why the case's state refuses the command, whatever its data and whoever gives it; undefined when the
 * state allows it. Where the state would take the command's event but the case is past it or lacks what
 * it needs (a guard of the machine), the refusal gives that reason: the state alone does not say why.
 */
export function stateRefusal(command: ComplaintCommandType, state: ComplaintState): ComplaintCommandNotAllowed | undefined {
  if (isAllowed(command, state)) return undefined;
  const reason = LATER_RULES[command]?.(state) ?? guardRefusal(lifecycleState(state), complaintOf(state), COMMANDS[command].events);
  return new ComplaintCommandNotAllowed(command, lifecycleState(state), allowedCommands(state), reason);
}

/**
 * Commands refused where the machine still takes their events, for histories written before the
 * rule: replaying those must not fail. Each gives its reason, or undefined where it does not apply.
 */
const LATER_RULES: { readonly [T in ComplaintCommandType]?: (state: ComplaintState) => string | undefined } = {
  // "고객불만사무의 처리가 종결되기 전에 … 철회 또는 취하할 수 있음": the decision concludes the handling.
  withdraw: (state) => (lifecycleState(state) === 'decided' ? 'the complaint was decided: handling is concluded, and a complaint may be withdrawn only before that (the complainant may appeal instead)' : undefined),
  // "고객의 불만처리가 완료된 경우는 … 만족도 … 의견청취": a case withdrawn, deemed so or not a complaint was not handled to the end.
  'record-satisfaction': (state) => {
    const closure = complaintOf(state)?.closure;
    return closure !== undefined && closure.as !== 'resolved' ? `the survey follows completed handling, and this case ended as ${closure.as}` : undefined;
  },
};

/** The machine would take one of the events the command may produce, and no later rule refuses it there. */
function isAllowed(command: ComplaintCommandType, state: ComplaintState): boolean {
  if (LATER_RULES[command]?.(state) !== undefined) return false;
  return COMMANDS[command].events.some((type) => state.can({ type, data: {}, occurredAt: '' } as ComplaintEvent));
}

/** What a decision about a received complaint knows besides the command. */
interface Case {
  complaint: Complaint;
  catalog: Catalog;
  /** The working calendar deadlines are counted in. */
  calendar: WorkingCalendar;
  /** The command does not fit the case (409), for a reason the machine cannot see. */
  notAllowed(reason: string): ComplaintCommandNotAllowed;
}

type Decision<T extends ComplaintCommandType> = (command: CommandOf<T>, current: Case) => ComplaintEvent[];

/**
 * Decides which events a command produces for a complaint in the given state, or throws
 * `ComplaintCommandNotAllowed` (the state does not allow it) or `InvalidCommand` (a field breaks a rule).
 */
export function decide(command: ComplaintCommand, state: ComplaintState, catalog: Catalog = DEFAULT_CATALOG, calendar: WorkingCalendar = DEFAULT_KOREAN_CALENDAR): ComplaintEvent[] {
  const refused = stateRefusal(command.type, state);
  if (refused) throw refused;
  const notAllowed = (reason: string) => new ComplaintCommandNotAllowed(command.type, lifecycleState(state), allowedCommands(state), reason);
  if (command.type === 'receive') return [receive(command, catalog)];
  const complaint = complaintOf(state);
  if (!complaint) throw notAllowed('the complaint has not been received');
  return (DECISIONS[command.type] as Decision<typeof command.type>)(command, { complaint, catalog, calendar, notAllowed });
}

/** One decision per command; `receive` is decided before there is a complaint. */
const DECISIONS: { readonly [T in Exclude<ComplaintCommandType, 'receive'>]: Decision<T> } = {
  acknowledge,
  assess,
  assign,
  reassign,
  'request-information': requestInformation,
  'receive-information': receiveInformation,
  'pause-clock': pauseClock,
  'resume-clock': resumeClock,
  'send-interim-notice': sendInterimNotice,
  amend,
  'request-supplement': requestSupplement,
  'record-findings': recordFindings,
  'record-contribution': recordContribution,
  decide: decideOutcome,
  'communicate-decision': communicateDecision,
  close,
  withdraw,
  reopen,
  'record-satisfaction': recordSatisfaction,
  'mark-confidential': markConfidential,
  'provide-compensation': provideCompensation,
  'refer-to-training': referToTraining,
  'record-training-completed': recordTrainingCompleted,
};

function receive({ data: d, now }: CommandOf<'receive'>, catalog: Catalog): ComplaintEvent {
  required(d.complaintId, 'complaintId');
  const unknownCategory = unknownCategoryRule(catalog, d.category);
  if (unknownCategory) throw new InvalidCommand('category', unknownCategory);
  const route = d.route;
  if (route.kind === 'external') {
    if (!catalog.externalBodies.some((b) => b.code === route.body)) {
      throw new InvalidCommand('route.body', `unknown external body ${route.body}; known: ${catalog.externalBodies.map((b) => b.code).join(', ')}`);
    }
    required(route.reference, 'route.reference');
    if (route.department !== undefined) knownDepartment(catalog, route.department, 'route.department');
  }
  required(d.description, 'description');
  const language = d.complainant.language;
  if (language !== undefined && !LANGUAGES.includes(language)) throw new InvalidCommand('complainant.language', `must be one of ${LANGUAGES.join(', ')}`);
  assertConsentReachable(d.consent, d.complainant);
  const receivedAt = d.receivedAt ?? now;
  if (instant(receivedAt, 'receivedAt') > instant(now, 'now')) throw new InvalidCommand('receivedAt', 'must not be in the future');
  if (d.sourceDueAt !== undefined && instant(d.sourceDueAt, 'sourceDueAt') < instant(receivedAt, 'receivedAt')) throw new InvalidCommand('sourceDueAt', 'must not be before receivedAt');
  const { complaintId, channel, category, description, complainant, consent } = d;
  return {
    type: 'ComplaintReceived',
    data: withOptional(
      { complaintId, channel, route, category, description, complainant, consent, subjects: d.subjects ?? [], vulnerable: d.vulnerable ?? false, receivedAt, unidentified: isUnidentified(complainant) },
      { remedySought: d.remedySought, attachments: d.attachments?.length ? d.attachments : undefined, confidential: d.confidential || undefined, consentWording: d.consentWording, sourceDueAt: d.sourceDueAt },
    ),
    occurredAt: now,
  };
}

/** No name, or no way to reach them: exclusion ③'s "성명·주소 등이 분명하지 않거나". */
function isUnidentified({ name, phone, email, address }: Complainant): boolean {
  const given = (value: string | undefined) => value !== undefined && value.trim() !== '';
  return !given(name) || !(given(phone) || given(email) || given(address));
}

function acknowledge({ data, now }: CommandOf<'acknowledge'>, { complaint }: Case): ComplaintEvent[] {
  if (complaint.unidentified) return [{ type: 'AcknowledgementWithheld', data: { reason: 'unidentified' }, occurredAt: now }];
  const channel = data.channel ?? preferredNoticeChannel(complaint);
  if (!channel) return [{ type: 'AcknowledgementWithheld', data: { reason: 'no-consent' }, occurredAt: now }];
  assertCanNotify(complaint, channel, 'channel');
  return [{ type: 'ComplaintAcknowledged', data: { channel }, occurredAt: now }];
}

function assess({ data, now }: CommandOf<'assess'>, { complaint }: Case): ComplaintEvent[] {
  if ('exclusion' in data) {
    required(data.note, 'note');
    return [...endPause(complaint, 'assess', now), { type: 'ComplaintRejectedAtAssessment', data: { exclusion: data.exclusion, note: data.note }, occurredAt: now }];
  }
  const priority = data.priority ?? (data.safetyIssue || data.severity === 'high' || data.severity === 'critical' ? 'urgent' : 'normal');
  return [{ type: 'ComplaintAssessed', data: { severity: data.severity, safetyIssue: data.safetyIssue, priority }, occurredAt: now }];
}

function assign({ data, now }: CommandOf<'assign'>, { complaint, catalog }: Case): ComplaintEvent[] {
  const department = data.department ?? routedDepartment(complaint, catalog);
  if (!department) throw new InvalidCommand('department', `no department given and category ${complaint.category} has no default`);
  knownDepartment(catalog, department, 'department');
  const cooperatingDepartments = cooperating(data.cooperatingDepartments, department, catalog);
  return [{ type: 'ComplaintAssigned', data: withOptional({ department }, { handler: data.handler, cooperatingDepartments }), occurredAt: now }];
}

/**
 * Where `assign` without a department sends the case: by its content, its category's department,
 * whether received here or through an external body ("대외기관 접수 일반 고객불만: 고객지원처; 특정부서 관련
 * 고객불만: 소관부서": a general matter's category is the customer support office's); an external body's
 * route may name the one department whose matter it is.
 */
function routedDepartment({ route, category }: Complaint, catalog: Catalog): string | undefined {
  const byContent = findCategory(catalog, category)?.defaultDepartment;
  return route.kind === 'external' ? (route.department ?? byContent ?? catalog.generalDepartment) : byContent;
}

/** Joint handling: known departments, each once, other than the lead one. */
function cooperating(departments: string[] | undefined, lead: string, catalog: Catalog): string[] | undefined {
  departments?.forEach((d, i) => {
    knownDepartment(catalog, d, `cooperatingDepartments[${i}]`);
    if (d === lead) throw new InvalidCommand(`cooperatingDepartments[${i}]`, `${d} leads the handling: a cooperating department is another one`);
    if (departments.indexOf(d) !== i) throw new InvalidCommand(`cooperatingDepartments[${i}]`, `${d} is listed twice`);
  });
  return departments;
}

/** A reassignment: by the complaints office anywhere; by the handling department's head, of the handler only (who may give it: domain/access.ts). */
function reassign({ data: { department, handler, reason, cooperatingDepartments }, now, by }: CommandOf<'reassign'>, { complaint, catalog }: Case): ComplaintEvent[] {
  knownDepartment(catalog, department, 'department');
  cooperating(cooperatingDepartments, department, catalog);
  const sameCooperation = cooperatingDepartments === undefined || sameSet(cooperatingDepartments, complaint.cooperatingDepartments);
  if (!sameCooperation && by !== undefined && !by.roles.includes('complaints-office')) {
    throw new InvalidCommand('cooperatingDepartments', 'joint handling is routed by the complaints office; the handling department names its handler only');
  }
  if (department === complaint.department && handler === complaint.handler && sameCooperation) {
    throw new InvalidCommand('department', `the complaint is already assigned to ${department}${handler ? ` (${handler})` : ''}`);
  }
  return [{ type: 'ComplaintReassigned', data: withOptional({ department }, { handler, reason, cooperatingDepartments }), occurredAt: now }];
}

const sameSet = (a: readonly string[], b: readonly string[]): boolean => a.length === b.length && a.every((x) => b.includes(x));

/** Materials from another department are due on the date asked, or the next working day (요청기일내 또는 D+1). */
function requestInformation({ data: { requestId, department: asked, request, dueAt, addressee }, now }: CommandOf<'request-information'>, { complaint, catalog, calendar }: Case): ComplaintEvent[] {
  const department = asked ?? (addressee === 'complainant' ? complaint.department : undefined);
  if (department === undefined) throw new InvalidCommand('department', 'must name the department asked (or address the complainant)');
  knownDepartment(catalog, department, 'department');
  required(request, 'request');
  if (complaint.informationRequests.some((r) => r.requestId === requestId)) throw new InvalidCommand('requestId', `request ${requestId} already exists`);
  if (dueAt !== undefined && instant(dueAt, 'dueAt') <= instant(now, 'now')) throw new InvalidCommand('dueAt', 'must be after the request');
  return [{ type: 'InformationRequested', data: withOptional({ requestId, department, request, dueAt: dueAt ?? nextWorkingDayDeadline(now, calendar) }, { addressee }), occurredAt: now }];
}

function receiveInformation({ data: { requestId, summary }, now }: CommandOf<'receive-information'>, { complaint }: Case): ComplaintEvent[] {
  if (!outstandingRequests(complaint).some((r) => r.requestId === requestId)) {
    const answeredAt = complaint.informationRequests.find((r) => r.requestId === requestId)?.receivedAt;
    throw new InvalidCommand('requestId', answeredAt ? `request ${requestId} was already answered on ${answeredAt}` : `no outstanding information request ${requestId}`);
  }
  required(summary, 'summary');
  return [{ type: 'InformationReceived', data: { requestId, summary }, occurredAt: now }];
}

function pauseClock({ data, now }: CommandOf<'pause-clock'>): ComplaintEvent[] {
  return [{ type: 'ClockPaused', data: withOptional({ reason: data.reason }, { note: data.note }), occurredAt: now }];
}

function resumeClock({ data, now }: CommandOf<'resume-clock'>): ComplaintEvent[] {
  return [{ type: 'ClockResumed', data: withOptional({}, { note: data.note }), occurredAt: now }];
}

function sendInterimNotice({ data: { channel, progress, delayReason, expectedBy, note }, now }: CommandOf<'send-interim-notice'>, { complaint }: Case): ComplaintEvent[] {
  assertCanNotify(complaint, channel, 'channel');
  if (HANDED_OVER.includes(channel)) required(note, 'note');
  required(progress, 'progress');
  required(delayReason, 'delayReason');
  if (expectedBy !== undefined) instant(expectedBy, 'expectedBy');
  return [{ type: 'InterimNoticeSent', data: withOptional({ channel, progress, delayReason }, { expectedBy, note }), occurredAt: now }];
}

function amend({ data: { description, remedySought, consent, reason }, now }: CommandOf<'amend'>, { complaint, notAllowed }: Case): ComplaintEvent[] {
  if (description === undefined && remedySought === undefined && consent === undefined) {
    throw new InvalidCommand('description', 'an amendment changes the description, the remedy sought, the consent to notices, or several of them');
  }
  if (description !== undefined) required(description, 'description');
  required(reason, 'reason');
  const events: ComplaintEvent[] = [];
  if (description !== undefined || remedySought !== undefined) {
    if (complaint.decision) throw notAllowed('the complaint was decided: its content can no longer change (its consent to notices can)');
    events.push({ type: 'ComplaintAmended', data: withOptional({ reason }, { description, remedySought }), occurredAt: now });
    // The complainant's answer to a supplement request ends the pause the request began.
    if (awaitingSupplement(complaint)) events.push({ type: 'ClockResumed', data: { note: 'clock resumed by amend: the complainant answered the supplement request' }, occurredAt: now });
  }
  if (consent !== undefined) {
    const changed = { ...complaint.consent, ...consent };
    assertConsentReachable(changed, complaint.complainant);
    events.push({ type: 'ConsentChanged', data: { consent: changed, reason }, occurredAt: now });
  }
  return events;
}

function requestSupplement({ data: { channel, request, note }, now }: CommandOf<'request-supplement'>, { complaint }: Case): ComplaintEvent[] {
  assertCanNotify(complaint, channel, 'channel');
  if (HANDED_OVER.includes(channel)) required(note, 'note');
  required(request, 'request');
  // "고객불만 서류의 보완 또는 보정에 소요되는 기간" is not counted: the clock stops until the complainant answers.
  const pause: ComplaintEvent[] = complaint.pause
    ? []
    : [{ type: 'ClockPaused', data: { reason: 'document-supplement', note: 'clock paused by request-supplement until the complainant answers' }, occurredAt: now }];
  return [{ type: 'SupplementRequested', data: withOptional({ channel, request }, { note }), occurredAt: now }, ...pause];
}

/** An unanswered supplement request holds the clock: the pause is the supplement's. */
function awaitingSupplement(complaint: Complaint): boolean {
  return complaint.supplementRequest?.answered === false && complaint.pause?.reason === 'document-supplement';
}

function recordFindings({ data: { summary, rootCause, subjects }, now }: CommandOf<'record-findings'>, { catalog }: Case): ComplaintEvent[] {
  required(summary, 'summary');
  const ids = new Set<string>();
  const reasons = findingReasonsOf(catalog).map((r) => r.code);
  subjects.forEach((s, i) => {
    required(s.id, `subjects[${i}].id`);
    if (ids.has(`${s.kind}:${s.id}`)) throw new InvalidCommand(`subjects[${i}].id`, `subject ${s.kind} ${s.id} is listed twice`);
    ids.add(`${s.kind}:${s.id}`);
    // "The same reason" of the repeat-offender rule is recorded with each substantiated subject.
    if (s.substantiated && (s.reason === undefined || !reasons.includes(s.reason))) {
      throw new InvalidCommand(`subjects[${i}].reason`, `a substantiated subject needs a reason, one of ${reasons.join(', ')}`);
    }
    if (!s.substantiated && s.reason !== undefined) throw new InvalidCommand(`subjects[${i}].reason`, 'only a substantiated subject has a reason');
  });
  return [{ type: 'FindingsRecorded', data: withOptional({ summary, subjects }, { rootCause }), occurredAt: now }];
}

/** A cooperating department records findings of its own, before the lead department decides. */
function recordContribution({ data: { department, summary, rootCause }, now }: CommandOf<'record-contribution'>, { complaint }: Case): ComplaintEvent[] {
  if (!complaint.cooperatingDepartments.includes(department)) {
    throw new InvalidCommand('department', `${department} does not cooperate on this case; cooperating: ${complaint.cooperatingDepartments.join(', ') || 'none'}`);
  }
  required(summary, 'summary');
  return [{ type: 'ContributionRecorded', data: withOptional({ department, summary }, { rootCause }), occurredAt: now }];
}

function decideOutcome({ data: { outcome, basis, remedy, compensation }, now, by }: CommandOf<'decide'>, { complaint, catalog, notAllowed }: Case): ComplaintEvent[] {
  const missing = contributionsMissing(complaint);
  if (missing.length > 0) throw notAllowed(`the cooperating department(s) ${missing.join(', ')} have not recorded their contribution yet`);
  required(basis, 'basis');
  const granted = compensation && grantedCompensation(compensation, outcome, complaint, catalog, by?.roles ?? []);
  return [...endPause(complaint, 'decide', now), { type: 'DecisionMade', data: withOptional({ outcome, basis }, { remedy, compensation: granted }), occurredAt: now }];
}

/**
 * The compensation policy (004 seed, ch. 3 ⑤ 나): only on a complaint upheld or partly upheld, for a
 * trigger a subject was substantiated for, as the trigger's form, currency and value per case;
 * anything else only as an exception, with a reason, approved by one the policy names.
 */
function grantedCompensation(compensation: Compensation, outcome: Outcome, complaint: Complaint, catalog: Catalog, roles: readonly Role[]): Compensation {
  if (outcome === 'not-upheld') throw new InvalidCommand('compensation', 'only an upheld or partly upheld complaint is compensated');
  if (!(compensation.amount > 0)) throw new InvalidCommand('compensation.amount', 'must be greater than 0');
  inMinorUnits(compensation.amount, compensation.currency, 'compensation.amount');
  const policy = compensationPolicyOf(catalog);
  const trigger = compensationTrigger(compensation.trigger, complaint, policy);
  const form = compensation.form ?? trigger.form;
  if (!COMPENSATION_FORMS.includes(form)) throw new InvalidCommand('compensation.form', `must be one of ${COMPENSATION_FORMS.join(', ')}`);
  const { exception } = compensation;
  if (exception) {
    required(exception.reason, 'compensation.exception.reason');
    if (!roles.some((role) => policy.exceptionApprovers.includes(role))) {
      throw new InvalidCommand('compensation.exception', `only ${policy.exceptionApprovers.join(', ')} may approve an exception to the compensation policy`);
    }
  } else {
    const within = `the policy grants ${trigger.code} ${trigger.value} ${trigger.currency} as ${trigger.form} per case; anything else needs an exception approved by ${policy.exceptionApprovers.join(', ')} with a reason`;
    if (form !== trigger.form) throw new InvalidCommand('compensation.form', within);
    if (compensation.currency !== trigger.currency) throw new InvalidCommand('compensation.currency', within);
    // "10,000원 상당의 물품으로 보상한다": the value itself, not a ceiling; less is as much an exception as more.
    if (compensation.amount !== trigger.value) throw new InvalidCommand('compensation.amount', within);
  }
  return withOptional({ amount: compensation.amount, currency: compensation.currency, trigger: trigger.code, form }, { description: compensation.description, exception });
}

/** An amount payable in its currency: no finer than its minor unit (KRW and JPY have none, EUR and USD cents), as ISO 4217 (Intl) has it. */
function inMinorUnits(amount: number, currency: string, field: string): void {
  let digits: number;
  try {
    digits = new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
  } catch {
    throw new InvalidCommand(field.replace(/amount$/, 'currency'), `${currency} is not an ISO 4217 currency`);
  }
  const scaled = amount * 10 ** digits;
  if (Math.abs(scaled - Math.round(scaled)) > 1e-9 * Math.max(1, Math.abs(scaled))) {
    throw new InvalidCommand(field, digits === 0 ? `${currency} has no minor units: a whole number` : `${currency} has ${digits} decimals at the finest`);
  }
}

/** The trigger named, or the one trigger the findings substantiate a subject for. */
function compensationTrigger(code: string | undefined, complaint: Complaint, policy: CompensationPolicy): CompensationTrigger {
  const reasons = new Set((complaint.findings?.subjects ?? []).filter((s) => s.substantiated).map((s) => s.reason));
  const applying = policy.triggers.filter((t) => t.reasons.some((r) => reasons.has(r)));
  const listed = policy.triggers.map((t) => `${t.code} (${t.reasons.join(', ')})`).join('; ');
  if (code === undefined) {
    if (applying.length === 0) throw new InvalidCommand('compensation', `no subject was substantiated for a reason that triggers compensation: ${listed}`);
    if (applying.length > 1) throw new InvalidCommand('compensation.trigger', `is required when several triggers apply: ${applying.map((t) => t.code).join(', ')}`);
    return applying[0] as CompensationTrigger;
  }
  const trigger = policy.triggers.find((t) => t.code === code);
  if (!trigger) throw new InvalidCommand('compensation.trigger', `unknown trigger ${code}; known: ${policy.triggers.map((t) => t.code).join(', ')}`);
  if (!applying.includes(trigger)) throw new InvalidCommand('compensation.trigger', `no subject was substantiated for a reason of ${trigger.code} (${trigger.reasons.join(', ')})`);
  return trigger;
}

/** The hand-over of what the decision granted: what, when, by whom; never more than granted. */
function provideCompensation({ data: { form, description, amount, currency, providedBy, providedAt }, now }: CommandOf<'provide-compensation'>, { complaint }: Case): ComplaintEvent[] {
  const granted = complaint.decision?.compensation as Compensation;
  if (!COMPENSATION_FORMS.includes(form)) throw new InvalidCommand('form', `must be one of ${COMPENSATION_FORMS.join(', ')}`);
  required(description, 'description');
  required(providedBy, 'providedBy');
  if (currency !== granted.currency) throw new InvalidCommand('currency', `the decision granted ${granted.currency}`);
  if (!(amount > 0) || amount > granted.amount) throw new InvalidCommand('amount', `must be above 0 and at most the ${granted.amount} ${granted.currency} the decision granted`);
  inMinorUnits(amount, currency, 'amount');
  const at = providedAt ?? now;
  if (instant(at, 'providedAt') > instant(now, 'now')) throw new InvalidCommand('providedAt', 'must not be in the future');
  if (Date.parse(at) < Date.parse(complaint.decision?.at ?? now)) throw new InvalidCommand('providedAt', 'must not be before the decision');
  return [{ type: 'CompensationProvided', data: { form, description, amount, currency, providedAt: at, providedBy }, occurredAt: now }];
}

function communicateDecision({ data: { channel, basis, appeal }, now }: CommandOf<'communicate-decision'>, { complaint }: Case): ComplaintEvent[] {
  assertCanNotify(complaint, channel, 'channel');
  required(basis, 'basis');
  required(appeal, 'appeal');
  return [{ type: 'DecisionCommunicated', data: { channel, basis, appeal }, occurredAt: now }];
}

function close({ data, now }: CommandOf<'close'>, { complaint, catalog, calendar, notAllowed }: Case): ComplaintEvent[] {
  const reason = data.reason ?? 'resolved';
  if (reason === 'resolved' && !complaint.decisionCommunicated) {
    throw notAllowed('the decision has not been communicated to the complainant (close as complainant-unreachable if they cannot be reached)');
  }
  if (reason === 'complainant-unreachable') {
    // "불만고객의 소재지나 연락처가 분명하지 아니하여 보완이나 보정 요구가 불가능할 시에는 처리기한 경과 후 고객불만을
    // 철회한 것으로 보아 내부적으로 종결할 수 있음": only a complainant no request can reach, and only after the deadline.
    const { since } = unreachableSince(complaint, data.note, notAllowed);
    // Waiting for a request that did not reach them is no time to supplement: its pause ends where that was known.
    const counted = since !== undefined && complaint.pause?.reason === 'document-supplement' ? { ...complaint, pauses: complaint.pauses.map((p) => (p.to === undefined ? { ...p, to: since } : p)) } : complaint;
    const deadline = handlingDeadline(counted, catalog, calendar);
    if (deadline === null || Date.parse(deadline) >= instant(now, 'now')) {
      throw notAllowed(`closing as complainant-unreachable waits for the handling deadline to pass (${deadline ?? 'the clock is paused'})`);
    }
  }
  return [...endPause(complaint, 'close', now), { type: 'ComplaintClosed', data: withOptional({ reason }, { note: data.note }), occurredAt: now }];
}

/**
 * Whether no request can reach the complainant, and since when the supplement request's pause stops
 * counting as time to supplement: unidentified (no name or no contact), or the latest supplement
 * request, unanswered, did not reach them: an e-mail or SMS the notice sender gave up on (since then),
 * or a letter, call or visit that staff say in the closing note did not (since the request). One they
 * received and leave unanswered only keeps the clock paused.
 */
function unreachableSince(complaint: Complaint, note: string | undefined, notAllowed: Case['notAllowed']): { since?: string } {
  if (complaint.unidentified) return {};
  const request = complaint.supplementRequest;
  if (request === undefined || request.answered) {
    throw notAllowed('closing as complainant-unreachable needs an unidentified complainant or a supplement request (request-supplement) that could not reach them');
  }
  if (!ELECTRONIC.includes(request.channel)) {
    if (note === undefined || note.trim() === '') throw new InvalidCommand('note', `say why the supplement request (${request.channel}) did not reach the complainant: returned, no such address, no answer on the number`);
    return { since: request.at };
  }
  const notice = complaint.notices.filter((n) => n.kind === 'supplement-request' && Date.parse(n.at) >= Date.parse(request.at)).at(-1);
  if (notice?.status === 'failed') return { since: notice.at };
  if (notice?.status === 'delivered') {
    throw notAllowed(`the supplement request reached the complainant by ${notice.channel} (${notice.at}): the clock stays paused until they answer, and the case can be decided on what is known`);
  }
  throw notAllowed(`no failed delivery of the supplement request by ${request.channel} is recorded: closing as complainant-unreachable needs the notice sender to have given up on it`);
}

/** When the current handling period runs out: the case's deadline from its start, each pause pushing it out; null while paused. */
export function handlingDeadline(complaint: Complaint, catalog: Catalog, calendar: WorkingCalendar): string | null {
  const deadline = deadlineOf(findCategory(catalog, complaint.category), complaint.assessment?.severity);
  return dueAtOf(complaint.handlingSince, deadline, calendar, complaint.pauses.map(({ from, to }) => ({ from, to: to ?? null })));
}

function withdraw({ data: { reason }, now }: CommandOf<'withdraw'>, { complaint }: Case): ComplaintEvent[] {
  required(reason, 'reason');
  return [...endPause(complaint, 'withdraw', now), { type: 'ComplaintWithdrawn', data: { reason }, occurredAt: now }];
}

function reopen({ data: { kind, reason }, now }: CommandOf<'reopen'>, { complaint }: Case): ComplaintEvent[] {
  required(reason, 'reason');
  if (kind === 'appeal' && !complaint.decision && !complaint.closure) throw new InvalidCommand('kind', 'an appeal is against a decision: a case in progress is sent back for re-investigation');
  return [{ type: 'ComplaintReopened', data: { kind: kind ?? 're-investigation', reason }, occurredAt: now }];
}

/**
 * The survey answers the catalog's elements (QPSI): each score a whole number from 1 to 5, an element not
 * in the list refused, the overall rating required; another element may be left unanswered, and is then
 * not counted in its mean (as in surveys stored before it was in the list).
 */
function recordSatisfaction({ data: { scores, comment }, now }: CommandOf<'record-satisfaction'>, { catalog }: Case): ComplaintEvent[] {
  const elements = satisfactionElementsOf(catalog).map((e) => e.code);
  if (typeof scores !== 'object' || scores === null || Array.isArray(scores)) throw new InvalidCommand('scores', 'must be an object of element → score');
  for (const [element, score] of Object.entries(scores)) {
    if (!elements.includes(element)) throw new InvalidCommand(`scores.${element}`, `is not a survey element; elements: ${elements.join(', ')}`);
    if (!Number.isInteger(score) || score < 1 || score > 5) throw new InvalidCommand(`scores.${element}`, 'must be a whole number from 1 to 5');
  }
  if (scores[OVERALL] === undefined) throw new InvalidCommand(`scores.${OVERALL}`, 'is required');
  const kept = Object.fromEntries(elements.filter((e) => scores[e] !== undefined).map((e) => [e, scores[e] as number]));
  return [{ type: 'SatisfactionRecorded', data: withOptional({ scores: kept }, { comment }), occurredAt: now }];
}

function markConfidential({ data: { reason }, now }: CommandOf<'mark-confidential'>): ComplaintEvent[] {
  required(reason, 'reason');
  return [{ type: 'ComplaintMarkedConfidential', data: { reason }, occurredAt: now }];
}

/** "직접적인 원인을 제공한 경우 관련 직원에 대하여 CS교육 등 관련부서에 조치 의뢰": an employee the findings substantiate, once at a time. */
function referToTraining({ data: { subjectId, programme, note }, now }: CommandOf<'refer-to-training'>, { complaint }: Case): ComplaintEvent[] {
  const employees = substantiatedEmployees(complaint);
  if (!employees.includes(subjectId)) throw new InvalidCommand('subjectId', `must be an employee the findings substantiate: ${employees.join(', ')}`);
  if (trainingOutstanding(complaint).some((r) => r.subjectId === subjectId)) throw new InvalidCommand('subjectId', `${subjectId} is already referred and has not completed the training`);
  required(programme, 'programme');
  return [{ type: 'TrainingReferred', data: withOptional({ subjectId, programme }, { note }), occurredAt: now }];
}

function recordTrainingCompleted({ data: { subjectId, completedAt, note }, now }: CommandOf<'record-training-completed'>, { complaint }: Case): ComplaintEvent[] {
  const referral = trainingOutstanding(complaint).find((r) => r.subjectId === subjectId);
  if (!referral) {
    const completedAt = complaint.trainingReferrals?.findLast((r) => r.subjectId === subjectId)?.completedAt;
    throw new InvalidCommand('subjectId', `no outstanding training referral for ${subjectId}${completedAt ? `: the training was already completed on ${completedAt}` : ''}`);
  }
  const at = completedAt ?? now;
  if (instant(at, 'completedAt') > instant(now, 'now')) throw new InvalidCommand('completedAt', 'must not be in the future');
  if (Date.parse(at) < Date.parse(referral.referredAt)) throw new InvalidCommand('completedAt', 'must not be before the referral');
  return [{ type: 'TrainingCompleted', data: withOptional({ subjectId, completedAt: at }, { note }), occurredAt: now }];
}

/** Deciding, withdrawing or rejecting ends any pause: say so in the history rather than leave it implied. */
function endPause(complaint: Complaint, by: ComplaintCommandType, now: string): ComplaintEvent[] {
  return complaint.pause ? [{ type: 'ClockResumed', data: { note: `clock resumed by ${by}` }, occurredAt: now }] : [];
}

/** E-mail first, then SMS: whichever the complainant consented to and left an address for. */
function preferredNoticeChannel(complaint: Complaint): NoticeChannel | undefined {
  if (complaint.consent.email && complaint.complainant.email) return 'email';
  if (complaint.consent.sms && complaint.complainant.phone) return 'sms';
  return undefined;
}

/** Consent to a channel needs the address it goes to. */
function assertConsentReachable(consent: Consent, complainant: Complainant): void {
  if (consent.sms && !complainant.phone) throw new InvalidCommand('consent.sms', 'consent to SMS needs a phone number');
  if (consent.email && !complainant.email) throw new InvalidCommand('consent.email', 'consent to e-mail needs an e-mail address');
  if (consent.phone && !complainant.phone) throw new InvalidCommand('consent.phone', 'consent to be told by phone needs a phone number');
}

/** Notices staff hand over themselves: they say how in a note. */
const HANDED_OVER: readonly NoticeChannel[] = ['post', 'in-person'];
/** The channels the notice sender delivers, recording what became of each notice. */
const ELECTRONIC: readonly NoticeChannel[] = ['sms', 'email'];

function assertCanNotify(complaint: Complaint, channel: NoticeChannel, field: string): void {
  const { consent, complainant } = complaint;
  if (complaint.unidentified) throw new InvalidCommand(field, 'the complainant is unidentified (no name or no contact): no notice can reach them');
  if (channel === 'sms' && !consent.sms) throw new InvalidCommand(field, 'the complainant did not consent to SMS notices');
  if (channel === 'email' && !consent.email) throw new InvalidCommand(field, 'the complainant did not consent to e-mail notices');
  if (channel === 'phone' && !consent.phone) {
    throw new InvalidCommand(field, 'the complainant did not consent to be told by phone (고객의 동의가 있을 때 전화로 그 결과를 통지할 수 있음)');
  }
  if ((channel === 'sms' || channel === 'phone') && !complainant.phone) throw new InvalidCommand(field, 'the complainant left no phone number');
  if (channel === 'email' && !complainant.email) throw new InvalidCommand(field, 'the complainant left no e-mail address');
  if (channel === 'post' && !complainant.address) throw new InvalidCommand(field, 'the complainant left no postal address');
}

function knownDepartment(catalog: Catalog, code: string, field: string): void {
  if (!findDepartment(catalog, code)) {
    throw new InvalidCommand(field, `unknown department ${code}; known: ${catalog.departments.map((d) => d.code).join(', ')}`);
  }
}

function required(value: string | undefined, field: string): void {
  if (typeof value !== 'string' || value.trim() === '') throw new InvalidCommand(field, 'must not be empty');
}

/** An instant must say its offset: a bare local time would be read in whatever zone a reader is in. */
function instant(value: string, field: string): number {
  const ms = Date.parse(value);
  if (!/^\d{4}-\d{2}-\d{2}T.*(Z|[+-]\d{2}:?\d{2})$/.test(value) || Number.isNaN(ms)) {
    throw new InvalidCommand(field, 'must be an ISO-8601 date-time with a time zone offset (Z or +09:00)');
  }
  return ms;
}

/** Stored events carry no `undefined` fields, so a replay from JSON equals the state before it was stored. */
function withOptional<T extends object, O extends object>(base: T, optional: O): T & Partial<O> {
  const out = { ...base } as Record<string, unknown>;
  for (const [key, value] of Object.entries(optional)) if (value !== undefined) out[key] = value;
  return out as T & Partial<O>;
}
