import { assign, setup } from 'xstate';
import type { ImprovementEvent } from './events.js';
import { applyImprovementEvent, type ImprovementRequest } from './request.js';

export interface ImprovementContext {
  request: ImprovementRequest | undefined;
}

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
  guards: {
    declineNotYetAccepted: ({ context }) => context.request?.committeeDecisions.at(-1)?.decision !== 'accept-decline',
  },
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
