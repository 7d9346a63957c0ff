import { assign, setup, type StateNode } from 'xstate';
import { applyEvent, outstandingRequests, substantiatedEmployees, trainingOutstanding, type Complaint } from './complaint.js';
import type { ComplaintEvent, ComplaintEventType } from './events.js';

export interface LifecycleContext {
  complaint: Complaint | undefined;
}

/**
 * The complaint lifecycle (CCMS ch.4 II.1.2): received → assigned → investigated → decided → closed,
 * with withdrawal, rejection at initial assessment, re-investigation (of a case in progress or done)
 * and a clock that pauses.
 *
 * The machine is driven by events, so replaying a stream through it rebuilds the case exactly.
 * Every transition folds its event into the context with `record`. Guards read only the context:
 * the commands allowed now are found by asking the machine whether it would take a command's event.
 * It is also the read side's lifecycle: `stateAfter` reads its transitions.
 */
export const complaintLifecycle = setup({
  types: {
    context: {} as LifecycleContext,
    events: {} as ComplaintEvent,
  },
  actions: {
    record: assign({ complaint: ({ context, event }) => applyEvent(context.complaint, event) }),
  },
  guards: {
    notYetAcknowledged: ({ context }) => !context.complaint?.acknowledgement,
    clockRunning: ({ context }) => !context.complaint?.pause,
    clockPaused: ({ context }) => !!context.complaint?.pause,
    informationOutstanding: ({ context }) => !!context.complaint && outstandingRequests(context.complaint).length > 0,
    decisionNotYetCommunicated: ({ context }) => !context.complaint?.decisionCommunicated,
    notWithdrawn: ({ context }) => context.complaint?.closure?.as !== 'withdrawn',
    notYetSurveyed: ({ context }) => !context.complaint?.satisfaction,
    hasBeenReceived: ({ context }) => !!context.complaint,
    receivedNotConfidential: ({ context }) => !!context.complaint && !context.complaint.confidential,
    employeeSubstantiated: ({ context }) => !!context.complaint && substantiatedEmployees(context.complaint).length > 0,
    trainingToComplete: ({ context }) => !!context.complaint && trainingOutstanding(context.complaint).length > 0,
    compensationToProvide: ({ context }) => !!context.complaint?.decision?.compensation && !context.complaint.compensationProvided,
    jointlyHandled: ({ context }) => (context.complaint?.cooperatingDepartments.length ?? 0) > 0,
  },
}).createMachine({
  id: 'complaint',
  initial: 'new',
  context: { complaint: undefined },
  // What became of a notice is recorded whatever the state: it is no command and moves nothing.
  on: {
    NoticeDelivered: { guard: 'hasBeenReceived', actions: 'record' },
    NoticeFailed: { guard: 'hasBeenReceived', actions: 'record' },
    // A case may be marked confidential in any state, once.
    ComplaintMarkedConfidential: { guard: 'receivedNotConfidential', actions: 'record' },
    // Measures for an employee who caused the complaint, once the findings substantiate one, whatever the state (ch. 3 ⑤ 가).
    TrainingReferred: { guard: 'employeeSubstantiated', actions: 'record' },
    TrainingCompleted: { guard: 'trainingToComplete', actions: 'record' },
  },
  states: {
    new: {
      on: { ComplaintReceived: { target: '#complaint.beforeDecision.received', actions: 'record' } },
    },
    // Until the decision the complainant may be told of the receipt and the progress, may change or
    // withdraw the complaint, and the clock may pause, whichever of these three states the case is in.
    beforeDecision: {
      initial: 'received',
      on: {
        ComplaintAcknowledged: { guard: 'notYetAcknowledged', actions: 'record' },
        AcknowledgementWithheld: { guard: 'notYetAcknowledged', actions: 'record' },
        ClockPaused: { guard: 'clockRunning', actions: 'record' },
        ClockResumed: { guard: 'clockPaused', actions: 'record' },
        InterimNoticeSent: { actions: 'record' },
        ComplaintAmended: { actions: 'record' },
        ConsentChanged: { actions: 'record' },
        SupplementRequested: { actions: 'record' },
        ComplaintWithdrawn: { target: '#complaint.closed', actions: 'record' },
        // Deemed withdrawn: the complainant could not be reached and the handling deadline passed (see `close`).
        ComplaintClosed: { target: '#complaint.closed', actions: 'record' },
      },
      states: {
        received: {
          on: {
            ComplaintAssessed: { actions: 'record' },
            ComplaintRejectedAtAssessment: { target: '#complaint.closed', actions: 'record' },
            ComplaintAssigned: { target: 'assigned', actions: 'record' },
          },
        },
        assigned: {
          on: {
            ComplaintAssessed: { actions: 'record' },
            ComplaintRejectedAtAssessment: { target: '#complaint.closed', actions: 'record' },
            ComplaintReassigned: { actions: 'record' },
            InformationRequested: { actions: 'record' },
            InformationReceived: { guard: 'informationOutstanding', actions: 'record' },
            FindingsRecorded: { target: 'investigated', actions: 'record' },
            ContributionRecorded: { guard: 'jointlyHandled', actions: 'record' },
            // The complaints office may send a case in progress back for re-investigation (재조사 요구).
            ComplaintReopened: { actions: 'record' },
          },
        },
        investigated: {
          on: {
            // A new department, or a changed complaint, has to be investigated again.
            ComplaintReassigned: { target: 'assigned', actions: 'record' },
            ComplaintAmended: { target: 'assigned', actions: 'record' },
            InformationRequested: { actions: 'record' },
            InformationReceived: { guard: 'informationOutstanding', actions: 'record' },
            FindingsRecorded: { actions: 'record' },
            ContributionRecorded: { guard: 'jointlyHandled', actions: 'record' },
            ComplaintReopened: { target: 'assigned', actions: 'record' },
            DecisionMade: { target: '#complaint.decided', actions: 'record' },
          },
        },
      },
    },
    decided: {
      on: {
        DecisionCommunicated: { guard: 'decisionNotYetCommunicated', actions: 'record' },
        // Consent to be told by phone may come when the result is about to be told.
        ConsentChanged: { actions: 'record' },
        CompensationProvided: { guard: 'compensationToProvide', actions: 'record' },
        ComplaintClosed: { target: 'closed', actions: 'record' },
        ComplaintReopened: { target: '#complaint.beforeDecision.assigned', actions: 'record' },
        // Histories from before the rule; `withdraw` is refused here now (LATER_RULES in the decider).
        ComplaintWithdrawn: { target: 'closed', actions: 'record' },
      },
    },
    closed: {
      on: {
        ComplaintReopened: { guard: 'notWithdrawn', target: '#complaint.beforeDecision.assigned', actions: 'record' },
        SatisfactionRecorded: { guard: 'notYetSurveyed', actions: 'record' },
        CompensationProvided: { guard: 'compensationToProvide', actions: 'record' },
      },
    },
  },
});

export const LIFECYCLE_STATES = ['new', 'received', 'assigned', 'investigated', 'decided', 'closed'] as const;
export type LifecycleState = (typeof LIFECYCLE_STATES)[number];

type Node = StateNode<LifecycleContext, ComplaintEvent>;

/** Each state's node in the machine. */
const leaves = new Map<LifecycleState, Node>();
(function collect(node: Node): void {
  const children = Object.values(node.states) as Node[];
  if (children.length === 0) leaves.set(node.key as LifecycleState, node);
  for (const child of children) collect(child);
})(complaintLifecycle.root as unknown as Node);

/** The leaf a transition's target names: the target itself, or its initial state. */
function leafOf(node: Node): LifecycleState {
  let at = node;
  while (Object.keys(at.states).length > 0) at = at.states[at.config.initial as string] as Node;
  return at.key as LifecycleState;
}

/**
 * The machine's transition table, one entry per state and event type it takes: where the event leads,
 * the innermost state's own transition first, then its parents' (as the machine chooses).
 */
const TRANSITIONS = new Map<LifecycleState, Map<ComplaintEventType, LifecycleState>>(
  LIFECYCLE_STATES.map((state) => {
    const table = new Map<ComplaintEventType, LifecycleState>();
    for (let node: Node | undefined = leaves.get(state); node; node = node.parent) {
      for (const [type, [transition]] of node.transitions) {
        if (table.has(type as ComplaintEventType) || !transition) continue;
        const target = transition.target?.[0];
        table.set(type as ComplaintEventType, target ? leafOf(target as Node) : state);
      }
    }
    return [state, table];
  }),
);

/** The event types after which a case may be in another state than before: those that move it. */
export const MOVING_EVENTS: readonly ComplaintEventType[] = [
  ...new Set([...TRANSITIONS].flatMap(([state, table]) => [...table].filter(([, target]) => target !== state).map(([type]) => type))),
];

/**
 * The state a case is in after an event, read off the machine's transitions: the one lifecycle the
 * read side follows too. Guards are not asked: a stored event passed them when it was decided. An event
 * the state does not take (a corrupt history) leaves the state as it was.
 */
export function stateAfter(before: LifecycleState, event: Pick<ComplaintEvent, 'type'>): LifecycleState {
  return TRANSITIONS.get(before)?.get(event.type) ?? before;
}
