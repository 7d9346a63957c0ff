import fc from 'fast-check';
import { EXCLUSIONS, NOTICE_CHANNELS, OUTCOMES, PAUSE_REASONS, REOPEN_KINDS, SEVERITIES } from '../../domain/catalog.js';
import { COMMAND_TYPES, type ComplaintCommand, type ComplaintCommandType } from '../../domain/complaint/commands.js';
import { allowedCommands, decide, evolve, initialState, type ComplaintState } from '../../domain/complaint/decider.js';
import type { ComplaintEvent } from '../../domain/complaint/events.js';

/**
 * Random walks through the decider: sequences of commands, most of them allowed at their step (with
 * payloads valid or not), some not, so that walks reach every state and also try what is refused.
 */
const text = fc.oneof({ arbitrary: fc.string({ minLength: 1, maxLength: 12 }), weight: 9 }, { arbitrary: fc.constant(''), weight: 1 });
const score = fc.integer({ min: 0, max: 6 });

/** A payload for every command, drawn loosely enough to be valid or not. */
const bodyOf = {
  'receive': fc.record({ type: fc.constant('receive' as const),
    data: fc.record({
      complaintId: fc.constant('c-prop'),
      channel: fc.constantFrom('visit', 'mail', 'fax', 'web', 'call-centre' as const),
      route: fc.constant({ kind: 'internal' as const }),
      category: fc.constantFrom('inquiry', 'poor-quality-lpg', 'unknown'),
      description: text,
      complainant: fc.record({ name: text, phone: fc.option(fc.constant('010-0000-0000'), { nil: undefined }), email: fc.option(fc.constant('a@b.kr'), { nil: undefined }) }),
      consent: fc.record({ sms: fc.boolean(), email: fc.boolean(), phone: fc.boolean() }),
    }),
  }),
  'acknowledge': fc.record({ type: fc.constant('acknowledge' as const), data: fc.record({ channel: fc.option(fc.constantFrom(...NOTICE_CHANNELS), { nil: undefined }) }) }),
  'assess': fc.record({ type: fc.constant('assess' as const),
    data: fc.oneof(
      fc.record({ severity: fc.constantFrom(...SEVERITIES), safetyIssue: fc.boolean() }),
      fc.record({ exclusion: fc.constantFrom(...EXCLUSIONS), note: text }),
    ),
  }),
  'assign': fc.record({ type: fc.constant('assign' as const), data: fc.record({ department: fc.option(fc.constantFrom('audit', 'testing', 'nowhere'), { nil: undefined }), cooperatingDepartments: fc.option(fc.constant(['planning']), { nil: undefined }) }) }),
  'reassign': fc.record({ type: fc.constant('reassign' as const), data: fc.record({ department: fc.constantFrom('audit', 'testing', 'nowhere') }) }),
  'request-information': fc.record({ type: fc.constant('request-information' as const), data: fc.record({ requestId: fc.constantFrom('r1', 'r2'), department: fc.constant('planning'), request: text }) }),
  'receive-information': fc.record({ type: fc.constant('receive-information' as const), data: fc.record({ requestId: fc.constantFrom('r1', 'r2'), summary: text }) }),
  'pause-clock': fc.record({ type: fc.constant('pause-clock' as const), data: fc.record({ reason: fc.constantFrom(...PAUSE_REASONS) }) }),
  'resume-clock': fc.record({ type: fc.constant('resume-clock' as const), data: fc.constant({}) }),
  'send-interim-notice': fc.record({ type: fc.constant('send-interim-notice' as const), data: fc.record({ channel: fc.constantFrom(...NOTICE_CHANNELS), progress: text, delayReason: text, note: fc.option(text, { nil: undefined }) }) }),
  'amend': fc.record({ type: fc.constant('amend' as const), data: fc.record({ description: fc.option(text, { nil: undefined }), consent: fc.option(fc.record({ phone: fc.boolean() }), { nil: undefined }), reason: text }) }),
  'request-supplement': fc.record({ type: fc.constant('request-supplement' as const), data: fc.record({ channel: fc.constantFrom(...NOTICE_CHANNELS), request: text, note: fc.option(text, { nil: undefined }) }) }),
  'record-findings': fc.record({ type: fc.constant('record-findings' as const),
    data: fc.record({ summary: text, subjects: fc.array(fc.record({ id: fc.constantFrom('e1', 'e2'), kind: fc.constant('employee' as const), substantiated: fc.boolean(), reason: fc.option(fc.constantFrom('delay', 'discourtesy', 'nonsense'), { nil: undefined }) }), { maxLength: 2 }) }),
  }),
  'record-contribution': fc.record({ type: fc.constant('record-contribution' as const), data: fc.record({ department: fc.constantFrom('planning', 'audit'), summary: text }) }),
  'decide': fc.record({ type: fc.constant('decide' as const), data: fc.record({ outcome: fc.constantFrom(...OUTCOMES), basis: text,
    compensation: fc.option(fc.record({ amount: fc.constantFrom(10_000, 20_000), currency: fc.constant('KRW') }), { nil: undefined }) }) }),
  'communicate-decision': fc.record({ type: fc.constant('communicate-decision' as const), data: fc.record({ channel: fc.constantFrom(...NOTICE_CHANNELS), basis: text, appeal: text }) }),
  'close': fc.record({ type: fc.constant('close' as const), data: fc.record({ reason: fc.option(fc.constantFrom('resolved' as const, 'complainant-unreachable' as const), { nil: undefined }) }) }),
  'withdraw': fc.record({ type: fc.constant('withdraw' as const), data: fc.record({ reason: text }) }),
  'reopen': fc.record({ type: fc.constant('reopen' as const), data: fc.record({ kind: fc.constantFrom(...REOPEN_KINDS), reason: text }) }),
  'record-satisfaction': fc.record({ type: fc.constant('record-satisfaction' as const),
    data: fc.record({ scores: fc.record({ easeOfFiling: score, interimNotice: score, proactiveness: score, courtesy: score, processingTime: score, overall: score }) }),
  }),
  'mark-confidential': fc.record({ type: fc.constant('mark-confidential' as const), data: fc.record({ reason: text }) }),
  'provide-compensation': fc.record({ type: fc.constant('provide-compensation' as const),
    data: fc.record({ form: fc.constantFrom('goods' as const, 'money' as const), description: text, amount: fc.constantFrom(5_000, 10_000, 20_000), currency: fc.constant('KRW'), providedBy: text }),
  }),
  'refer-to-training': fc.record({ type: fc.constant('refer-to-training' as const), data: fc.record({ subjectId: fc.constantFrom('e1', 'e2'), programme: text }) }),
  'record-training-completed': fc.record({ type: fc.constant('record-training-completed' as const), data: fc.record({ subjectId: fc.constantFrom('e1', 'e2') }) }),
} satisfies Record<ComplaintCommandType, fc.Arbitrary<unknown>>;

type Body = Omit<ComplaintCommand, 'now'>;

const validReceipt: Body = {
  type: 'receive',
  data: {
    complaintId: 'c-prop',
    channel: 'web',
    route: { kind: 'internal' },
    category: 'inquiry',
    description: 'x',
    complainant: { name: 'n', email: 'a@b.kr' },
    consent: { sms: false, email: true, phone: false },
  },
};

const step = fc.record({ pick: fc.nat(), bodies: fc.record(bodyOf) as unknown as fc.Arbitrary<Record<ComplaintCommandType, Body>> });
export type WalkStep = typeof step extends fc.Arbitrary<infer S> ? S : never;

/** Up to 50 steps of a walk. */
export const walkSteps = fc.array(step, { maxLength: 50 });

const FORWARD: ComplaintCommandType[] = ['assign', 'record-findings', 'decide', 'communicate-decision', 'close'];

/**
 * Four steps in five take a command the state allows now (its payload still random; a third of those the
 * next step of the lifecycle), the fifth any command at all.
 */
function commandAt(state: ComplaintState, { pick, bodies }: WalkStep, i: number): ComplaintCommand {
  // Withdrawal ends a case at once: keep it rarer, so that sequences also reach decisions and closing.
  const allowed = allowedCommands(state).filter((c) => c !== 'withdraw' || pick % 7 === 0);
  const forward = allowed.find((c) => FORWARD.includes(c));
  const type = forward && pick % 3 === 0 ? forward : pick % 5 === 0 || allowed.length === 0 ? COMMAND_TYPES[pick % COMMAND_TYPES.length]! : allowed[pick % allowed.length]!;
  const body = i === 0 && pick % 2 === 0 ? validReceipt : bodies[type];
  return { ...body, now: new Date(Date.UTC(2026, 2, 9, 1, i)).toISOString() } as ComplaintCommand;
}

/** What became of one command of a walk: the events it produced, or why it was refused. */
export interface Decided {
  command: ComplaintCommand;
  /** What the machine allowed before it. */
  allowed: ComplaintCommandType[];
  outcome: { events: ComplaintEvent[] } | { refused: unknown };
  /** The state after it. */
  state: ComplaintState;
}

/** Gives each step's command to the decider in turn, folding what it decides. */
export function walk(steps: readonly WalkStep[]): Decided[] {
  let state = initialState();
  return steps.map((s, i) => {
    const command = commandAt(state, s, i);
    const allowed = allowedCommands(state);
    try {
      const events = decide(command, state);
      state = events.reduce(evolve, state);
      return { command, allowed, outcome: { events }, state };
    } catch (refused) {
      return { command, allowed, outcome: { refused }, state };
    }
  });
}

/** The events a walk stored, as the store gives them back (JSON). */
export function storedEvents(decided: readonly Decided[]): ComplaintEvent[] {
  return JSON.parse(JSON.stringify(decided.flatMap((d) => ('events' in d.outcome ? d.outcome.events : [])))) as ComplaintEvent[];
}
