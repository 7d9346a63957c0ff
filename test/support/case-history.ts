import { v5 as uuidV5 } from 'uuid';
import { DEFAULT_CATALOG, satisfactionElementsOf } from '../../domain/catalog.js';
import type { CommandOf, ComplaintCommand, ComplaintCommandType } from '../../domain/complaint/commands.js';
import { decide, evolve, initialState, lifecycleState, type ComplaintState } from '../../domain/complaint/decider.js';
import type { ComplaintEvent, ComplaintEventType, ElectronicChannel, EventOf, NoticeKind, SubjectFinding } from '../../domain/complaint/events.js';
import type { LifecycleState } from '../../domain/complaint/lifecycle.js';
import { noticeIdOf } from '../../projections/notices.js';
import { complaintStreamId } from '../../src/complaint-stream/index.js';
import { receiveCommand, T0 } from './complaint-fixtures.js';

/**
 * One complaint's history for read-model specs, built as the command path would have written it:
 * each command is decided by the real decider on the case so far and folded in with `evolve`, so a
 * history the lifecycle machine would refuse cannot be built (the command throws). Notice outcomes,
 * which are no commands, go through `evolve` alone, as the notice sender's appends do.
 *
 * Immutable: every step returns a new history that shares the earlier steps, so one history can be
 * given to a spec and a longer one of the same case passed to `when` later.
 */
export interface HistoryActor {
  id: string;
  role: string;
}

/** One event of the history, who gave the command that produced it, and which command that was (0-based). */
export interface HistoryStep {
  readonly event: ComplaintEvent;
  readonly actor: HistoryActor;
  readonly command: number;
}

export interface StepOptions {
  /** Business time of the command (ISO with offset); default ten minutes after the last event. */
  at?: string;
  /** Who gives it; default the role that usually does (see `ACTORS`). */
  by?: HistoryActor;
}

export const INTAKE: HistoryActor = { id: 'u-intake', role: 'intake' };
export const HANDLER: HistoryActor = { id: 'u-handler', role: 'handler' };
export const HEAD: HistoryActor = { id: 'u-head', role: 'department-head' };
export const OFFICE: HistoryActor = { id: 'u-office', role: 'complaints-office' };
/** As the notice sender records outcomes (src/notices/notice-sender.ts). */
export const NOTICE_SENDER: HistoryActor = { id: 'notice-sender', role: 'system' };

const ACTORS: Readonly<Record<ComplaintCommandType, HistoryActor>> = {
  receive: INTAKE,
  acknowledge: INTAKE,
  assess: INTAKE,
  assign: INTAKE,
  'record-satisfaction': INTAKE,
  'request-information': HANDLER,
  'receive-information': HANDLER,
  'pause-clock': HANDLER,
  'resume-clock': HANDLER,
  'send-interim-notice': HANDLER,
  amend: HANDLER,
  'request-supplement': HANDLER,
  'record-findings': HANDLER,
  'record-contribution': HANDLER,
  decide: HEAD,
  'communicate-decision': HEAD,
  close: HEAD,
  reassign: OFFICE,
  withdraw: OFFICE,
  reopen: OFFICE,
  'mark-confidential': OFFICE,
  'provide-compensation': HEAD,
  'refer-to-training': HEAD,
  'record-training-completed': HEAD,
};

/** The notice kind each event calls for (projections/notices.ts `noticesCalledFor`). */
const NOTICE_SOURCE: Readonly<Record<NoticeKind, ComplaintEventType>> = {
  acknowledgement: 'ComplaintAcknowledged',
  'interim-notice': 'InterimNoticeSent',
  decision: 'DecisionCommunicated',
  exclusion: 'ComplaintRejectedAtAssessment',
  reopening: 'ComplaintReopened',
  'satisfaction-survey': 'ComplaintClosed',
  'supplement-request': 'SupplementRequested',
  'information-request': 'InformationRequested',
};

const EVENT_ID_NAMESPACE = '3f0c7a52-9d1e-5b64-8a7f-2c4e6b8d0a13';

/** The id a spec's store gives the event at `revision` of the case's stream: the same in every run. */
export const eventIdOf = (complaintId: string, revision: number): string => uuidV5(`${complaintStreamId(complaintId)}/${revision}`, EVENT_ID_NAMESPACE);

/** The id of the command (and its correlation and causation) that produced a history's `command`-th events. */
export const commandIdOf = (complaintId: string, command: number): string => uuidV5(`${complaintStreamId(complaintId)}/command-${command}`, EVENT_ID_NAMESPACE);

const TEN_MINUTES = 10 * 60_000;

export class CaseHistory {
  private constructor(
    readonly complaintId: string,
    readonly steps: readonly HistoryStep[],
    private readonly state: ComplaintState,
    private readonly commands: number,
  ) {}

  /**
   * A complaint received (the fixtures' gas-meter complaint, by web, consent to SMS and e-mail,
   * employee emp-7 named) under `complaintId`, with `data` changed; at T0 (Monday 9 March 2026, 10:00 Seoul) by default.
   */
  static received(complaintId: string, data: Partial<CommandOf<'receive'>['data']> = {}, { at = T0, by = ACTORS.receive }: StepOptions = {}): CaseHistory {
    const command = receiveCommand({ complaintId, ...data });
    return new CaseHistory(complaintId, [], initialState(), 0).decided({ ...command, now: at }, by);
  }

  /** The domain events, in stream order: the i-th is revision i. */
  get events(): ComplaintEvent[] {
    return this.steps.map((step) => step.event);
  }

  /** The stream's last revision. */
  get revision(): number {
    return this.steps.length - 1;
  }

  /** The lifecycle state the machine is in after the history. */
  get lifecycle(): LifecycleState {
    return lifecycleState(this.state);
  }

  /** Business time of the last event. */
  get lastAt(): string {
    return this.steps[this.steps.length - 1]!.event.occurredAt;
  }

  /** Gives a command to the case: decided by the real decider (which throws if the machine refuses it). */
  command<T extends ComplaintCommandType>(type: T, data: CommandOf<T>['data'], { at, by = ACTORS[type] }: StepOptions = {}): CaseHistory {
    return this.decided({ type, data, now: at ?? this.nextAt() } as ComplaintCommand, by);
  }

  acknowledge(data: CommandOf<'acknowledge'>['data'] = {}, options?: StepOptions): CaseHistory {
    return this.command('acknowledge', data, options);
  }

  assess(data: CommandOf<'assess'>['data'] = { severity: 'high', safetyIssue: true }, options?: StepOptions): CaseHistory {
    return this.command('assess', data, options);
  }

  assign(data: CommandOf<'assign'>['data'] = {}, options?: StepOptions): CaseHistory {
    return this.command('assign', data, options);
  }

  findings(subjects: SubjectFinding[] = [{ id: 'emp-7', kind: 'employee', substantiated: true, reason: 'procedure-error' }], options?: StepOptions): CaseHistory {
    return this.command('record-findings', { summary: 'Valve seal worn', rootCause: 'Missed maintenance', subjects }, options);
  }

  decide(data: Partial<CommandOf<'decide'>['data']> = {}, options?: StepOptions): CaseHistory {
    return this.command('decide', { outcome: 'upheld', basis: 'Gas Safety Act art. 17', remedy: 'Seal replaced', ...data }, options);
  }

  communicate(data: Partial<CommandOf<'communicate-decision'>['data']> = {}, options?: StepOptions): CaseHistory {
    return this.command('communicate-decision', { channel: 'email', basis: 'Gas Safety Act art. 17', appeal: 'Appeal to the ministry within 90 days', ...data }, options);
  }

  close(data: CommandOf<'close'>['data'] = {}, options?: StepOptions): CaseHistory {
    return this.command('close', data, options);
  }

  reopen(data: Partial<CommandOf<'reopen'>['data']> = {}, options?: StepOptions): CaseHistory {
    return this.command('reopen', { kind: 'appeal', reason: 'The complainant appealed', ...data }, options);
  }

  withdraw(reason = 'Settled by phone', options?: StepOptions): CaseHistory {
    return this.command('withdraw', { reason }, options);
  }

  survey(scores: CommandOf<'record-satisfaction'>['data']['scores'] = {}, options?: StepOptions): CaseHistory {
    const all = Object.fromEntries(satisfactionElementsOf(DEFAULT_CATALOG).map((e) => [e.code, 4]));
    return this.command('record-satisfaction', { scores: { ...all, ...scores } }, options);
  }

  /** The notice sender's record that the notice of `kind` on `channel` (called for by the latest event of its kind) went out. */
  noticeDelivered(kind: NoticeKind, channel: ElectronicChannel, { at, by = NOTICE_SENDER }: StepOptions = {}): CaseHistory {
    const event: EventOf<'NoticeDelivered'> = { type: 'NoticeDelivered', data: { noticeId: this.noticeId(kind, channel), kind, channel }, occurredAt: at ?? this.nextAt() };
    return this.recorded([event], by);
  }

  /** The notice sender's record of a failed try. */
  noticeFailed(
    kind: NoticeKind,
    channel: ElectronicChannel,
    failure: Pick<EventOf<'NoticeFailed'>['data'], 'attempt' | 'error' | 'final' | 'retryAt'>,
    { at, by = NOTICE_SENDER }: StepOptions = {},
  ): CaseHistory {
    const event: EventOf<'NoticeFailed'> = { type: 'NoticeFailed', data: { noticeId: this.noticeId(kind, channel), kind, channel, ...failure }, occurredAt: at ?? this.nextAt() };
    return this.recorded([event], by);
  }

  /** The id of the notice of `kind` on `channel` that the latest event of its kind calls for (projections/notices.ts `noticeIdOf`). */
  noticeId(kind: NoticeKind, channel: ElectronicChannel): string {
    const revision = this.revisionOf(NOTICE_SOURCE[kind]);
    if (revision === undefined) throw new Error(`${this.complaintId} has no ${NOTICE_SOURCE[kind]} to call for a ${kind} notice`);
    return noticeIdOf(eventIdOf(this.complaintId, revision), channel);
  }

  /** The revision of the latest event of `type`, if any. */
  revisionOf(type: ComplaintEventType): number | undefined {
    for (let revision = this.steps.length - 1; revision >= 0; revision--) if (this.steps[revision]!.event.type === type) return revision;
    return undefined;
  }

  private nextAt(): string {
    return new Date(Date.parse(this.lastAt) + TEN_MINUTES).toISOString();
  }

  private decided(command: ComplaintCommand, by: HistoryActor): CaseHistory {
    return this.recorded(decide(command, this.state), by);
  }

  private recorded(events: ComplaintEvent[], by: HistoryActor): CaseHistory {
    const state = events.reduce(evolve, this.state);
    const steps = events.map((event) => ({ event, actor: by, command: this.commands }));
    return new CaseHistory(this.complaintId, [...this.steps, ...steps], state, this.commands + 1);
  }
}

/** A case handled by the book: acknowledged, assessed, assigned, investigated, decided, told, closed. */
export const handledByTheBook = (complaintId: string): CaseHistory =>
  CaseHistory.received(complaintId).acknowledge().assess().assign().findings().decide().communicate().close();
