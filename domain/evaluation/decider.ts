import { DateTime } from 'luxon';
import { InvalidCommand } from '../errors.js';
import { withOptional } from '../improvement/request.js';
import { DEFAULT_KOREAN_CALENDAR, localDateOf, type WorkingCalendar } from '../working-time/index.js';
import { EVALUATION_COMMANDS, EVALUATION_COMMAND_TYPES, type EvaluationCommand, type EvaluationCommandOf, type EvaluationCommandType, type EvaluationStatus } from './commands.js';
import { EvaluationCommandNotAllowed } from './errors.js';
import type { Evaluation } from './evaluation.js';
import type { EvaluationEvent } from './events.js';
import { ACTION_KINDS, INDICATOR_CODES, RATINGS } from './indicators.js';

export function evaluationStatus(evaluation: Evaluation | undefined): EvaluationStatus {
  return evaluation?.status ?? 'none';
}

/** The commands the evaluation takes in its state: a signed one only follow-up of its actions and addenda. */
export function allowedEvaluationCommands(evaluation: Evaluation | undefined): EvaluationCommandType[] {
  const status = evaluationStatus(evaluation);
  return EVALUATION_COMMAND_TYPES.filter((command) => EVALUATION_COMMANDS[command].states.includes(status));
}

/** The indicators not judged yet, in the seed's order. */
export function unjudgedIndicators(evaluation: Evaluation): string[] {
  return INDICATOR_CODES.filter((code) => evaluation.judgements[code] === undefined);
}

/** Why the evaluation's state refuses the command, whatever its data; undefined when it takes it. */
export function evaluationStateRefusal(command: EvaluationCommandType, evaluation: Evaluation | undefined): EvaluationCommandNotAllowed | undefined {
  const status = evaluationStatus(evaluation);
  if (EVALUATION_COMMANDS[command].states.includes(status)) return undefined;
  const reason = status === 'signed' ? 'the evaluation is signed and sealed: only addenda and the follow-up of its actions may be added' : undefined;
  return new EvaluationCommandNotAllowed(command, status, allowedEvaluationCommands(evaluation), reason);
}

type Decision<T extends EvaluationCommandType> = (command: EvaluationCommandOf<T>, evaluation: Evaluation, notAllowed: (reason: string) => EvaluationCommandNotAllowed, calendar: WorkingCalendar) => EvaluationEvent;

/**
 * Decides the event a command records, or throws `EvaluationCommandNotAllowed` (409: the state does
 * not take it) or `InvalidCommand` (400: a field breaks a rule). Dates are local to the calendar's time zone.
 */
export function decideEvaluation(command: EvaluationCommand, evaluation: Evaluation | undefined, calendar: WorkingCalendar = DEFAULT_KOREAN_CALENDAR): EvaluationEvent[] {
  const refused = evaluationStateRefusal(command.type, evaluation);
  if (refused) throw refused;
  const notAllowed = (reason: string) => new EvaluationCommandNotAllowed(command.type, evaluationStatus(evaluation), allowedEvaluationCommands(evaluation), reason);
  if (command.type === 'draft') return [{ type: 'EvaluationDrafted', data: command.data, occurredAt: command.now }];
  if (!evaluation) throw notAllowed('the evaluation has not been drafted');
  return [(DECISIONS[command.type] as Decision<typeof command.type>)(command, evaluation, notAllowed, calendar)];
}

const DECISIONS: { readonly [T in Exclude<EvaluationCommandType, 'draft'>]: Decision<T> } = {
  'refresh-evidence': ({ data, now }) => ({ type: 'EvidenceRefreshed', data: withOptional({ evidence: data.evidence, carriedOver: data.carriedOver }, { note: data.note }), occurredAt: now }),
  'record-judgement': recordJudgement,
  'add-action': addAction,
  'update-action': updateAction,
  'complete-action': completeAction,
  sign,
  'add-addendum': ({ data, now }) => {
    required(data.text, 'text');
    return { type: 'AddendumAdded', data: { text: data.text, attachments: attachments(data.attachments) }, occurredAt: now };
  },
};

function recordJudgement({ data, now }: EvaluationCommandOf<'record-judgement'>): EvaluationEvent {
  if (!INDICATOR_CODES.includes(data.indicator)) throw new InvalidCommand('indicator', `must be one of ${INDICATOR_CODES.join(', ')}`);
  if (!RATINGS.includes(data.rating)) throw new InvalidCommand('rating', `must be one of ${RATINGS.join(', ')}`);
  required(data.notes, 'notes');
  return { type: 'IndicatorJudged', data: { indicator: data.indicator, rating: data.rating, notes: data.notes, attachments: attachments(data.attachments) }, occurredAt: now };
}

function addAction({ data, now }: EvaluationCommandOf<'add-action'>, evaluation: Evaluation, _notAllowed: unknown, calendar: WorkingCalendar): EvaluationEvent {
  required(data.actionId, 'actionId');
  if (evaluation.actions.some((a) => a.actionId === data.actionId)) throw new InvalidCommand('actionId', `the evaluation already has an action ${data.actionId}`);
  if (!ACTION_KINDS.includes(data.kind)) throw new InvalidCommand('kind', `must be one of ${ACTION_KINDS.join(', ')}`);
  required(data.text, 'text');
  required(data.owner, 'owner');
  dueDate(data.dueOn, now, calendar);
  const { actionId, kind, text, owner, dueOn } = data;
  return { type: 'ActionAdded', data: { actionId, kind, text, owner, dueOn }, occurredAt: now };
}

/**
 * The action followed up, still open. A completed one is refused saying when it was completed (two
 * members of staff recording the same completion): its follow-up is over.
 */
function openAction(evaluation: Evaluation, actionId: string, notAllowed: (reason: string) => EvaluationCommandNotAllowed, calendar: WorkingCalendar) {
  const action = evaluation.actions.find((a) => a.actionId === actionId);
  if (!action) throw new InvalidCommand('actionId', `the evaluation of ${evaluation.quarter} has no action ${actionId}`);
  if (action.status === 'completed') {
    const on = action.completion ? ` (on ${localDateOf(action.completion.at, calendar)})` : '';
    throw notAllowed(`action ${actionId} is completed${on}: a completed action is followed up no more`);
  }
  return action;
}

function updateAction({ data, now }: EvaluationCommandOf<'update-action'>, evaluation: Evaluation, notAllowed: (reason: string) => EvaluationCommandNotAllowed, calendar: WorkingCalendar): EvaluationEvent {
  openAction(evaluation, data.actionId, notAllowed, calendar);
  required(data.note, 'note');
  if (data.owner !== undefined) required(data.owner, 'owner');
  if (data.dueOn !== undefined) dueDate(data.dueOn, now, calendar);
  return { type: 'ActionUpdated', data: withOptional({ actionId: data.actionId, note: data.note }, { owner: data.owner, dueOn: data.dueOn }), occurredAt: now };
}

function completeAction({ data, now }: EvaluationCommandOf<'complete-action'>, evaluation: Evaluation, notAllowed: (reason: string) => EvaluationCommandNotAllowed, calendar: WorkingCalendar): EvaluationEvent {
  openAction(evaluation, data.actionId, notAllowed, calendar);
  required(data.note, 'note');
  return { type: 'ActionCompleted', data: { actionId: data.actionId, note: data.note }, occurredAt: now };
}

/** Signed only when every one of the twelve indicators is judged. */
function sign({ data, now }: EvaluationCommandOf<'sign'>, evaluation: Evaluation, notAllowed: (reason: string) => EvaluationCommandNotAllowed): EvaluationEvent {
  const missing = unjudgedIndicators(evaluation);
  if (missing.length > 0) throw notAllowed(`every indicator must be judged before signing; not judged: ${missing.join(', ')}`);
  required(data.signedBy, 'signedBy');
  return { type: 'EvaluationSigned', data: withOptional({ signedBy: data.signedBy, name: data.name, role: data.role }, { note: data.note }), occurredAt: now };
}

function required(value: string | undefined, field: string): void {
  if (typeof value !== 'string' || value.trim() === '') throw new InvalidCommand(field, 'must not be empty');
}

/** Attachments are named by reference (a document number, a file name): each must say something. */
function attachments(references: string[] | undefined): string[] {
  (references ?? []).forEach((reference, i) => required(reference, `attachments[${i}]`));
  return references ?? [];
}

/** An action's due date, given when it is added or moved: a date, not before the day it is recorded. */
function dueDate(value: string, now: string, calendar: WorkingCalendar): void {
  isoDate(value, 'dueOn');
  const today = localDateOf(now, calendar);
  if (value < today) throw new InvalidCommand('dueOn', `must not be before the day it is recorded (${today})`);
}

function isoDate(value: string, field: string): void {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value) || !DateTime.fromISO(value).isValid) throw new InvalidCommand(field, 'must be a date YYYY-MM-DD');
}
