import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { replay, lifecycleState, complaintOf } from '../domain/complaint/decider.js';
import type { ComplaintEvent } from '../domain/complaint/events.js';
import { assigned, closed, communicated, decided, investigated, received } from '../test/support/complaint-fixtures.js';
import { summarize, type ComplaintSummary } from './complaint-list.js';

const fold = (events: ComplaintEvent[]) =>
  events.reduce<ComplaintSummary | undefined>((summary, event, revision) => summarize(summary, event, revision), undefined);

// The rows each history gives are specified on PostgreSQL in test/read-models/complaint-list.spec.test.ts.
describe('the case list', () => {
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
