import { describe, expect, it } from '@jest/globals';
import { COMMANDS } from './commands.js';
import { COMPLAINT_EVENT_TYPES } from './events.js';
import { complaintLifecycle, LIFECYCLE_STATES, MOVING_EVENTS, stateAfter } from './lifecycle.js';

describe('the lifecycle machine', () => {
  it('takes every event type the domain records, in some state (a new event needs a transition)', () => {
    expect([...complaintLifecycle.events].sort()).toEqual([...COMPLAINT_EVENT_TYPES].sort());
  });

  it('takes every event a command may produce', () => {
    const taken = new Set(complaintLifecycle.events);
    for (const [command, { events }] of Object.entries(COMMANDS)) expect({ command, missing: events.filter((e) => !taken.has(e)) }).toEqual({ command, missing: [] });
  });

  it('gives the state after an event from its transitions, the innermost state’s first', () => {
    expect(stateAfter('new', { type: 'ComplaintReceived' })).toBe('received');
    // Shared by received, assigned and investigated (their parent state), and no change of state:
    expect(LIFECYCLE_STATES.slice(1, 4).map((state) => stateAfter(state, { type: 'ClockPaused' }))).toEqual(['received', 'assigned', 'investigated']);
    // The parent's amendment keeps the state; investigated's own sends the case back to be investigated again.
    expect(stateAfter('received', { type: 'ComplaintAmended' })).toBe('received');
    expect(stateAfter('investigated', { type: 'ComplaintAmended' })).toBe('assigned');
    expect(stateAfter('decided', { type: 'ComplaintReopened' })).toBe('assigned');
    expect(stateAfter('assigned', { type: 'ComplaintWithdrawn' })).toBe('closed');
  });

  it('leaves the state as it is for an event the state does not take (a corrupt history)', () => {
    expect(stateAfter('closed', { type: 'DecisionMade' })).toBe('closed');
  });

  it('knows which event types move a case: those with a transition to another state somewhere', () => {
    expect(MOVING_EVENTS).toEqual(expect.arrayContaining(['ComplaintReceived', 'ComplaintAssigned', 'ComplaintAmended', 'DecisionMade', 'ComplaintClosed', 'ComplaintReopened']));
    for (const still of ['ClockPaused', 'InterimNoticeSent', 'SatisfactionRecorded', 'NoticeDelivered', 'DecisionCommunicated'] as const) expect(MOVING_EVENTS).not.toContain(still);
  });
});
