import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { DEFAULT_KOREAN_CALENDAR, US_FEDERAL_CALENDAR, addWorkingTime, dueAt, isWorkingDay, workingMillisBetween, type Pause, type WorkingPeriod } from './index.js';

const calendar = DEFAULT_KOREAN_CALENDAR;
const MINUTE = 60_000;

/** Any instant from 2024 to 2028, to the millisecond, written in UTC. */
const instant = fc
  .integer({ min: Date.UTC(2024, 0, 1), max: Date.UTC(2028, 11, 31) })
  .map((ms) => new Date(ms).toISOString());

/** A pause of up to ten days, open or closed, starting anywhere in the same years. */
const pause: fc.Arbitrary<Pause> = fc
  .tuple(instant, fc.integer({ min: 0, max: 10 * 24 * 60 }), fc.boolean())
  .map(([from, minutes, open]) => (open ? { from } : { from, to: new Date(Date.parse(from) + minutes * MINUTE).toISOString() }));

describe('working-time arithmetic (properties)', () => {
  it('the working time between a start and start + h hours is h hours', () => {
    fc.assert(
      fc.property(instant, fc.integer({ min: 0, max: 200 * 60 }), (start, minutes) => {
        const end = addWorkingTime(start, { hours: minutes / 60 }, calendar);
        expect(workingMillisBetween(start, end, calendar)).toBe(minutes * MINUTE);
      }),
    );
  });

  it('a positive amount of working time always ends on a working day', () => {
    fc.assert(
      fc.property(instant, fc.integer({ min: 1, max: 200 * 60 }), (start, minutes) => {
        expect(isWorkingDay(addWorkingTime(start, { hours: minutes / 60 }, calendar), calendar)).toBe(true);
      }),
    );
  });

  it('pauses never increase the working time used', () => {
    fc.assert(
      fc.property(instant, instant, fc.array(pause, { maxLength: 4 }), (a, b, pauses) => {
        const [from, to] = a < b ? [a, b] : [b, a];
        const withPauses = workingMillisBetween(from, to, calendar, pauses);
        expect(withPauses).toBeGreaterThanOrEqual(0);
        expect(withPauses).toBeLessThanOrEqual(workingMillisBetween(from, to, calendar));
        expect(workingMillisBetween(from, to, calendar, [...pauses, ...pauses])).toBe(withPauses);
      }),
    );
  });

  it('pauses never bring a deadline forward, and the due instant uses exactly the period', () => {
    fc.assert(
      fc.property(instant, fc.integer({ min: 0, max: 40 * 60 }), fc.array(pause, { maxLength: 3 }), (receivedAt, minutes, pauses) => {
        const period = { hours: minutes / 60 };
        const plain = dueAt(receivedAt, period, calendar) as string;
        const paused = dueAt(receivedAt, period, calendar, pauses);
        if (paused === null) return; // an open pause stopped the clock
        expect(Date.parse(paused)).toBeGreaterThanOrEqual(Date.parse(plain));
        expect(workingMillisBetween(receivedAt, paused, calendar, pauses)).toBe(minutes * MINUTE);
      }),
    );
  });

  it('the due instant is the earliest instant at which the working time reaches the amount: a millisecond before it, less has run (the end of a working period, not the next opening)', () => {
    const calendars = fc.constantFrom(DEFAULT_KOREAN_CALENDAR, US_FEDERAL_CALENDAR);
    // Working hours to the minute, and working days: in hours up to 5, in whole days from 6 on the Korean calendar.
    const periods: fc.Arbitrary<WorkingPeriod> = fc.oneof(
      fc.integer({ min: 1, max: 80 * 60 }).map((minutes) => ({ hours: minutes / 60 })),
      fc.integer({ min: 1, max: 12 }).map((days) => ({ days })),
    );
    const closedPause = pause.filter((p) => p.to != null);
    /** The working time ran up to `due` itself: in its last millisecond the clock was running. */
    const reachedAt = (from: string, due: string, cal: typeof calendar, pauses: readonly Pause[]) => {
      const run = workingMillisBetween(from, due, cal, pauses);
      expect(run).toBeGreaterThan(0);
      expect(workingMillisBetween(from, new Date(Date.parse(due) - 1).toISOString(), cal, pauses)).toBe(run - 1);
    };
    fc.assert(
      fc.property(calendars, instant, periods, fc.array(closedPause, { maxLength: 3 }), (cal, receivedAt, period, pauses) => {
        reachedAt(receivedAt, dueAt(receivedAt, period, cal, pauses) as string, cal, pauses);
        if ('hours' in period) reachedAt(receivedAt, addWorkingTime(receivedAt, period, cal), cal, []);
      }),
      { numRuns: 500 },
    );
  });
});
