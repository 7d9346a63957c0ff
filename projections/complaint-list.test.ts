import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { replay, lifecycleState, complaintOf } from '../domain/complaint/decider.js';
import type { ComplaintEvent } from '../domain/complaint/events.js';
import { assigned, closed, communicated, decided, investigated, received } from '../test/support/complaint-fixtures.js';
import { summarize, type ComplaintSummary } from './complaint-list.js';

const fold = (events: ComplaintEvent[]) =>
  events.reduce<ComplaintSummary | undefined>((summary, event, revision) => summarize(summary, event, revision), undefined);

describe('the case list', () => {
  it('given a received complaint, lists it as received with its category and channel', () => {
    expect(fold(received)).toMatchObject({ id: 'c-1', state: 'received', category: 'defective-facility', channel: 'web', department: null, revision: 0 });
  });

  it('follows the case to its department and to closing', () => {
    expect(fold([...received, ...assigned])).toMatchObject({ state: 'assigned', department: 'inspection' });
    expect(fold([...received, ...assigned, ...investigated, ...decided, ...communicated, ...closed])).toMatchObject({ state: 'closed', revision: 5 });
  });

  it('shows the same lifecycle state as the machine at every step of the walk', () => {
    const walk = [...received, ...assigned, ...investigated, ...decided, ...communicated, ...closed];
    fc.assert(
      fc.property(fc.integer({ min: 1, max: walk.length }), (n) => {
        const events = walk.slice(0, n);
        expect(fold(events)?.state).toBe(lifecycleState(replay(events)));
        expect(fold(events)?.department ?? undefined).toBe(complaintOf(replay(events))?.department);
      }),
    );
  });
});
