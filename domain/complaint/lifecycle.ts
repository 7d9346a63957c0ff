import { assign, setup } from 'xstate';
import { applyEvent, type Complaint } from './complaint.js';
import type { ComplaintEvent } from './events.js';

export interface LifecycleContext {
  complaint: Complaint | undefined;
}

/**
 * The complaint lifecycle (CCMS ch.4 II.1.2): received → assigned → investigated → decided → closed,
 * with withdrawal, rejection at initial assessment, re-investigation and a clock that pauses.
 *
 * The machine is driven by events, so replaying a stream through it rebuilds the case exactly.
 * Every transition folds its event into the context with `record`. Guards read only the context:
 * the commands allowed now are found by asking the machine whether it would take a command's event.
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
    informationOutstanding: ({ context }) =>
      !!context.complaint?.informationRequests.some((r) => r.receivedAt === undefined),
    decisionNotYetCommunicated: ({ context }) => !context.complaint?.decisionCommunicated,
    notWithdrawn: ({ context }) => context.complaint?.closure?.as !== 'withdrawn',
    notYetSurveyed: ({ context }) => !context.complaint?.satisfaction,
    hasBeenReceived: ({ context }) => !!context.complaint,
  },
}).createMachine({
  id: 'complaint',
  initial: 'new',
  context: { complaint: undefined },
  // What became of a notice is recorded whatever the state: it is no command and moves nothing.
  on: {
    NoticeDelivered: { guard: 'hasBeenReceived', actions: 'record' },
    NoticeFailed: { guard: 'hasBeenReceived', actions: 'record' },
  },
  states: {
    new: {
      on: { ComplaintReceived: { target: 'received', actions: 'record' } },
    },
    received: {
      on: {
        ComplaintAcknowledged: { guard: 'notYetAcknowledged', actions: 'record' },
        AcknowledgementWithheld: { guard: 'notYetAcknowledged', actions: 'record' },
        ComplaintAssessed: { actions: 'record' },
        ComplaintRejectedAtAssessment: { target: 'closed', actions: 'record' },
        ComplaintAssigned: { target: 'assigned', actions: 'record' },
        ClockPaused: { guard: 'clockRunning', actions: 'record' },
        ClockResumed: { guard: 'clockPaused', actions: 'record' },
        InterimNoticeSent: { actions: 'record' },
        ComplaintAmended: { actions: 'record' },
        ComplaintWithdrawn: { target: 'closed', actions: 'record' },
      },
    },
    assigned: {
      on: {
        ComplaintAcknowledged: { guard: 'notYetAcknowledged', actions: 'record' },
        AcknowledgementWithheld: { guard: 'notYetAcknowledged', actions: 'record' },
        ComplaintAssessed: { actions: 'record' },
        ComplaintRejectedAtAssessment: { target: 'closed', actions: 'record' },
        ComplaintReassigned: { actions: 'record' },
        InformationRequested: { actions: 'record' },
        InformationReceived: { guard: 'informationOutstanding', actions: 'record' },
        ClockPaused: { guard: 'clockRunning', actions: 'record' },
        ClockResumed: { guard: 'clockPaused', actions: 'record' },
        InterimNoticeSent: { actions: 'record' },
        ComplaintAmended: { actions: 'record' },
        FindingsRecorded: { target: 'investigated', actions: 'record' },
        ComplaintWithdrawn: { target: 'closed', actions: 'record' },
      },
    },
    investigated: {
      on: {
        ComplaintAcknowledged: { guard: 'notYetAcknowledged', actions: 'record' },
        AcknowledgementWithheld: { guard: 'notYetAcknowledged', actions: 'record' },
        // A new department, or a changed complaint, has to be investigated again.
        ComplaintReassigned: { target: 'assigned', actions: 'record' },
        ComplaintAmended: { target: 'assigned', actions: 'record' },
        InformationRequested: { actions: 'record' },
        InformationReceived: { guard: 'informationOutstanding', actions: 'record' },
        ClockPaused: { guard: 'clockRunning', actions: 'record' },
        ClockResumed: { guard: 'clockPaused', actions: 'record' },
        InterimNoticeSent: { actions: 'record' },
        FindingsRecorded: { actions: 'record' },
        DecisionMade: { target: 'decided', actions: 'record' },
        ComplaintWithdrawn: { target: 'closed', actions: 'record' },
      },
    },
    decided: {
      on: {
        DecisionCommunicated: { guard: 'decisionNotYetCommunicated', actions: 'record' },
        ComplaintClosed: { target: 'closed', actions: 'record' },
        ComplaintReopened: { target: 'assigned', actions: 'record' },
        ComplaintWithdrawn: { target: 'closed', actions: 'record' },
      },
    },
    closed: {
      on: {
        ComplaintReopened: { guard: 'notWithdrawn', target: 'assigned', actions: 'record' },
        SatisfactionRecorded: { guard: 'notYetSurveyed', actions: 'record' },
      },
    },
  },
});

export const LIFECYCLE_STATES = ['new', 'received', 'assigned', 'investigated', 'decided', 'closed'] as const;
export type LifecycleState = (typeof LIFECYCLE_STATES)[number];
