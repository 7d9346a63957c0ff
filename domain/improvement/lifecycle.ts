import { assign, setup, type StateNode } from 'xstate';
import { localDateOf, type WorkingCalendar } from '../working-time/index.js';
import type { ImprovementEvent, ImprovementEventType } from './events.js';
import { applyImprovementEvent, type ImprovementRequest } from './request.js';

export interface ImprovementContext {
  request: ImprovementRequest | undefined;
}

/** The conditions besides the state that some transitions need. They read only the context. */
const GUARDS = {
  declineNotYetAccepted: ({ context }) => context.request?.committeeDecisions.at(-1)?.decision !== 'accept-decline',
} satisfies Record<string, (args: { context: ImprovementContext }) => boolean>;
export type ImprovementGuardName = keyof typeof GUARDS;

/**
 * Why each guard refuses, in plain words: what already happened or what is missing (as the complaint
 * lifecycle's). A refusal (409) gives it where the state would take the command's event but the guard
 * does not: the state alone does not say why. Dates are local to the calendar, as the request's are.
 */
const GUARD_REASONS: { readonly [G in ImprovementGuardName]: (request: ImprovementRequest, calendar: WorkingCalendar) => string } = {
  declineNotYetAccepted: ({ committeeDecisions }, calendar) => {
    const accepted = committeeDecisions.at(-1);
    return `the committee${accepted ? ` (${accepted.decidedBy})` : ''} already accepted the decline${accepted ? ` on ${localDateOf(accepted.at, calendar)}` : ''}: the request stays declined and goes to the committee no more`;
  },
};

/**
 * An improvement request's lifecycle (004 seed ch.3 ⑤ 마, ch.5 §1 (2)): requested → planned →
 * implemented → result reported → verified, or declined with a written reason. While it is open the
 * department may ask for longer with a written reason. A declined request, or an overdue one, goes to
 * the CS operating committee, which upholds it with a new due date, accepts the decline, or changes it.
 * Driven by events, so a replay rebuilds the request exactly; each transition folds its event with `record`.
 * Whether a request is overdue depends on the time, which the machine does not know: the decider checks it.
 */
export const improvementLifecycle = setup({
  types: {
    context: {} as ImprovementContext,
    events: {} as ImprovementEvent,
  },
  actions: {
    record: assign({ request: ({ context, event }) => applyImprovementEvent(context.request, event) }),
  },
  guards: GUARDS,
}).createMachine({
  id: 'improvement',
  initial: 'new',
  context: { request: undefined },
  states: {
    new: {
      on: { ImprovementRequested: { target: '#improvement.open.requested', actions: 'record' } },
    },
    // Until the result is reported the department owes it by the due date.
    open: {
      initial: 'requested',
      on: {
        ImprovementExtensionRequested: { actions: 'record' },
        CommitteeUpheldRequest: { actions: 'record' },
        CommitteeChangedRequest: { target: '#improvement.open.requested', actions: 'record' },
      },
      states: {
        requested: {
          on: {
            ImprovementPlanned: { target: 'planned', actions: 'record' },
            ImprovementDeclined: { target: '#improvement.declined', actions: 'record' },
          },
        },
        planned: {
          on: {
            ImprovementImplemented: { target: 'implemented', actions: 'record' },
            ImprovementDeclined: { target: '#improvement.declined', actions: 'record' },
          },
        },
        implemented: {
          on: { ImprovementResultReported: { target: '#improvement.resultReported', actions: 'record' } },
        },
      },
    },
    resultReported: {
      on: { ImprovementVerified: { target: 'verified', actions: 'record' } },
    },
    verified: { type: 'final' },
    declined: {
      on: {
        CommitteeUpheldRequest: { guard: 'declineNotYetAccepted', target: '#improvement.open.requested', actions: 'record' },
        CommitteeChangedRequest: { guard: 'declineNotYetAccepted', target: '#improvement.open.requested', actions: 'record' },
        CommitteeAcceptedDecline: { guard: 'declineNotYetAccepted', actions: 'record' },
      },
    },
  },
});

export const IMPROVEMENT_STATES = ['new', 'requested', 'planned', 'implemented', 'result-reported', 'verified', 'declined'] as const;
export type ImprovementState = (typeof IMPROVEMENT_STATES)[number];

/** The states in which the department still owes the result: a request in them past its due date is overdue. */
export const OWING_STATES: readonly ImprovementState[] = ['requested', 'planned', 'implemented'];

type Node = StateNode<ImprovementContext, ImprovementEvent>;

/** Each state's node in the machine, by the brief's names. */
const leaves = new Map<ImprovementState, Node>();
(function collect(node: Node): void {
  const children = Object.values(node.states) as Node[];
  if (children.length === 0) leaves.set(node.key === 'resultReported' ? 'result-reported' : (node.key as ImprovementState), node);
  for (const child of children) collect(child);
})(improvementLifecycle.root as unknown as Node);

/**
 * The guard the state's transition on an event type needs (the innermost state's own transition first,
 * then its parents', as the machine chooses); undefined where the state takes the event unguarded, or not at all.
 */
function improvementGuardOf(state: ImprovementState, type: ImprovementEventType): ImprovementGuardName | undefined {
  for (let node: Node | undefined = leaves.get(state); node; node = node.parent) {
    const [transition] = node.transitions.get(type) ?? [];
    // Guards are named in the machine's config, which XState keeps as given.
    if (transition) return transition.guard as ImprovementGuardName | undefined;
  }
  return undefined;
}

/**
 * Why the request refuses all of these events although its state takes one of them: the reason of the
 * first guard that refuses. Undefined where the state takes none of them (the state says why), or
 * before the request is filed.
 */
export function improvementGuardRefusal(
  state: ImprovementState,
  request: ImprovementRequest | undefined,
  types: readonly ImprovementEventType[],
  calendar: WorkingCalendar,
): string | undefined {
  if (!request) return undefined;
  for (const type of types) {
    const guard = improvementGuardOf(state, type);
    if (guard && !GUARDS[guard]({ context: { request } })) return GUARD_REASONS[guard](request, calendar);
  }
  return undefined;
}
