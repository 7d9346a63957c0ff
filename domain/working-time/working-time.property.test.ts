import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { DEFAULT_KOREAN_CALENDAR, addWorkingTime, dueAt, isWorkingDay, workingMillisBetween, type Pause } from './index.js';

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
});
