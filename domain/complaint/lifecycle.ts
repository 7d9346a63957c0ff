import { assign, setup, type StateNode } from 'xstate';
import { applyEvent, outstandingRequests, substantiatedEmployees, trainingOutstanding, type Complaint } from './complaint.js';
import type { ComplaintEvent, ComplaintEventType } from './events.js';

export interface LifecycleContext {
  complaint: Complaint | undefined;
}

/** The conditions besides the state that some transitions need. They read only the context. */
const GUARDS = {
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
} satisfies Record<string, (args: { context: LifecycleContext }) => boolean>;
export type GuardName = keyof typeof GUARDS;

/**
 * Why each guard refuses, in plain words: what already happened or what is missing. A refusal (409)
 * gives it where the state would take the command's event but the guard does not (the state alone
 * does not say why). It reaches whoever may give the command, before the case's department is
 * checked, and the portal never shows it: dates, channels and request ids, never a person or an
 * employee (whose measures are their personal data).
 */
const GUARD_REASONS: { readonly [G in GuardName]: (complaint: Complaint) => string } = {
  notYetAcknowledged: ({ acknowledgement: a }) =>
    a === undefined || 'channel' in a
      ? `the receipt was already acknowledged${a ? ` on ${a.at} by ${a.channel}` : ''}`
      : `the acknowledgement was already withheld on ${a.at}: ${a.withheld === 'unidentified' ? 'the complainant is unidentified' : 'the complainant consented to no notice'}`,
  clockRunning: ({ pause }) => `the clock is already paused${pause ? ` since ${pause.since}, for ${pause.reason}` : ''}`,
  clockPaused: ({ pauses }) => {
    const resumed = pauses.at(-1)?.to;
    return `the clock is not paused${resumed ? `: it was resumed on ${resumed}` : ''}`;
  },
  informationOutstanding: ({ informationRequests: requests }) => {
    const last = latest(requests.map((r) => r.receivedAt));
    if (requests.length === 0) return 'no information request is open: none was made';
    if (requests.length === 1) return `no information request is open: request ${requests[0]?.requestId} was already answered on ${last}`;
    return `no information request is open: requests ${requests.map((r) => r.requestId).join(', ')} were already answered, the last on ${last}`;
  },
  decisionNotYetCommunicated: ({ decisionCommunicated: told }) => `the decision was already communicated${told ? ` on ${told.at} by ${told.channel}` : ''}`,
  notWithdrawn: ({ closure }) => `the complaint was withdrawn${closure ? ` on ${closure.at}` : ''}, and a withdrawn complaint is not reopened`,
  notYetSurveyed: ({ satisfaction }) => `a survey was already recorded for this case${satisfaction ? ` on ${satisfaction.at}` : ''}`,
  hasBeenReceived: () => 'the complaint has not been received',
  receivedNotConfidential: () => 'the case is already confidential',
  employeeSubstantiated: ({ findings }) =>
    findings ? 'the findings substantiate no employee: a referral to CS training is for one they do' : 'no findings are recorded yet: a referral to CS training is for an employee they substantiate',
  trainingToComplete: ({ trainingReferrals = [] }) =>
    trainingReferrals.length === 0
      ? 'no employee was referred to CS training for this case'
      : `no CS training referral is open: each was already completed, the last on ${latest(trainingReferrals.map((r) => r.completedAt))}`,
  compensationToProvide: ({ decision, compensationProvided: provided }) => {
    if (!decision) return 'the case was not decided: no compensation was granted';
    if (!decision.compensation) return 'the decision granted no compensation';
    return `the compensation was already handed over${provided ? ` on ${provided.providedAt}` : ''}`;
  },
  jointlyHandled: () => 'the case is not handled jointly: no department cooperates on it',
};

/** The latest of some instants (whatever their offsets), as written. */
function latest(instants: readonly (string | undefined)[]): string | undefined {
  return instants.reduce<string | undefined>((last, at) => (at !== undefined && (last === undefined || Date.parse(at) > Date.parse(last)) ? at : last), undefined);
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
  guards: GUARDS,
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
 * The machine's transition table, one entry per state and event type it takes: where the event leads
 * and the guard it needs, if any, the innermost state's own transition first, then its parents' (as the
 * machine chooses).
 */
const TRANSITIONS = new Map<LifecycleState, Map<ComplaintEventType, { target: LifecycleState; guard?: GuardName }>>(
  LIFECYCLE_STATES.map((state) => {
    const table = new Map<ComplaintEventType, { target: LifecycleState; guard?: GuardName }>();
    for (let node: Node | undefined = leaves.get(state); node; node = node.parent) {
      for (const [type, [transition]] of node.transitions) {
        if (table.has(type as ComplaintEventType) || !transition) continue;
        const target = transition.target?.[0];
        // Guards are named in the machine's config, which XState keeps as given.
        const guard = transition.guard as GuardName | undefined;
        table.set(type as ComplaintEventType, { target: target ? leafOf(target as Node) : state, ...(guard ? { guard } : {}) });
      }
    }
    return [state, table];
  }),
);

/** The event types after which a case may be in another state than before: those that move it. */
export const MOVING_EVENTS: readonly ComplaintEventType[] = [
  ...new Set([...TRANSITIONS].flatMap(([state, table]) => [...table].filter(([, { target }]) => target !== state).map(([type]) => type))),
];

/** The guard the state's transition on an event type needs; undefined where the state takes the event unguarded, or not at all. */
export function guardOf(state: LifecycleState, type: ComplaintEventType): GuardName | undefined {
  return TRANSITIONS.get(state)?.get(type)?.guard;
}

/**
 * Why the case refuses all of these events although its state takes one of them: the reason of the
 * first guard that refuses. Undefined where the state takes none of them (the state says why), or
 * before the receipt.
 */
export function guardRefusal(state: LifecycleState, complaint: Complaint | undefined, types: readonly ComplaintEventType[]): string | undefined {
  if (!complaint) return undefined;
  for (const type of types) {
    const guard = guardOf(state, type);
    if (guard && !GUARDS[guard]({ context: { complaint } })) return GUARD_REASONS[guard](complaint);
  }
  return undefined;
}

/**
 * The state a case is in after an event, read off the machine's transitions: the one lifecycle the
 * read side follows too. Guards are not asked: a stored event passed them when it was decided. An event
 * the state does not take (a corrupt history) leaves the state as it was.
 */
export function stateAfter(before: LifecycleState, event: Pick<ComplaintEvent, 'type'>): LifecycleState {
  return TRANSITIONS.get(before)?.get(event.type)?.target ?? before;
}
