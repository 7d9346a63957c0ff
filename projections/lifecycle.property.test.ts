import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { evolve, initialState, lifecycleState } from '../domain/complaint/decider.js';
import type { ComplaintEvent } from '../domain/complaint/events.js';
import { stateAfter } from '../domain/complaint/lifecycle.js';
import { DEFAULT_KOREAN_CALENDAR } from '../domain/working-time/index.js';
import { storedEvents, walk, walkSteps } from '../test/support/random-walks.js';
import { evolveComplainantCase, type ComplainantCase } from './complainant-cases.js';
import { summarize, type ComplaintSummary } from './complaint-list.js';
import { evolvePeriods, type HandlingPeriod } from './sla.js';

const rules = { calendar: DEFAULT_KOREAN_CALENDAR, deadline: () => ({ days: 3 }), interimNoticeDeadline: { days: 1 }, isCompliment: (category: string) => category === 'compliment' };

/** As stored: the codec gives the receipt the complainant's key. */
const asStored = (event: ComplaintEvent): ComplaintEvent =>
  event.type === 'ComplaintReceived' ? { ...event, data: { ...event.data, complainantKey: 'k-1' } } : event;

describe('the read side follows the lifecycle machine', () => {
  it('after every event of random decider walks, each read model is in the state the machine is in', () => {
    fc.assert(
      fc.property(walkSteps, (steps) => {
        let machine = initialState();
        let summary: ComplaintSummary | undefined;
        let complainantCase: ComplainantCase | undefined;
        let periods: HandlingPeriod[] = [];
        for (const [revision, event] of storedEvents(walk(steps)).map(asStored).entries()) {
          const before = lifecycleState(machine);
          machine = evolve(machine, event);
          const state = lifecycleState(machine);
          expect(stateAfter(before, event)).toBe(state);

          summary = summarize(summary, event, revision);
          expect(summary?.state).toBe(state);

          complainantCase = evolveComplainantCase(complainantCase, event);
          expect(complainantCase).toMatchObject({ state, closedAt: state === 'closed' ? expect.any(String) : null });

          periods = evolvePeriods(periods, event, rules);
          const current = periods.at(-1);
          expect(current?.caseState).toBe(state);
          expect(current?.endedAt !== null).toBe(state === 'closed');
        }
      }),
      { numRuns: 500 },
    );
  });
});
