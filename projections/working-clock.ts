/**
 * The calendar's working clock: a reading is the working time from 2020-01-01 00:00 (local) to an
 * instant, so the working time between two instants is the difference of their readings. Read
 * models fold millions of events, and the domain's working-time functions (exact, but time-zone
 * arithmetic on every call) are too slow for that; this clock precomputes each year's working
 * intervals from the same compiled calendar and answers by binary search. Readings are also what
 * SQL needs to compute working time at query time (reading now − reading at the last event).
 */
import { DateTime } from 'luxon';
import { compile, workingDaysFrom, type CompiledCalendar, type WorkingCalendar } from '../domain/working-time/calendar.js';

export interface WorkingClock {
  /** Working ms from the origin to `at` (epoch ms); negative before the origin. */
  reading(at: number): number;
  /**
   * The first instant, not before `notBefore`, at which the clock reads `reading` (epoch ms): the end of
   * a working period when the reading is reached there, not the next opening; `notBefore` itself when
   * the clock reads it already.
   */
  instantAt(reading: number, notBefore: number): number;
}

const ORIGIN_YEAR = 2020;

interface Year {
  year: number;
  start: number;
  /** Working intervals of the year, in order, and the working time before each within the year. */
  starts: number[];
  ends: number[];
  before: number[];
  total: number;
  /** Reading at the year's start. */
  reading: number;
}

const clocks = new WeakMap<WorkingCalendar, WorkingClock>();

export function workingClockOf(calendar: WorkingCalendar): WorkingClock {
  let clock = clocks.get(calendar);
  if (!clock) clocks.set(calendar, (clock = buildClock(compile(calendar))));
  return clock;
}

function buildClock(cal: CompiledCalendar): WorkingClock {
  const years = new Map<number, Year>();
  const yearStart = (year: number) => DateTime.fromObject({ year, month: 1, day: 1 }, { zone: cal.zone }).toMillis();

  const intervalsOf = (year: number): Omit<Year, 'reading'> => {
    const start = yearStart(year);
    const end = yearStart(year + 1);
    const starts: number[] = [];
    const ends: number[] = [];
    const before: number[] = [];
    let total = 0;
    for (const day of workingDaysFrom(start, cal)) {
      if ((day[0]?.[0] ?? end) >= end) break;
      for (const [a, b] of day) {
        starts.push(a);
        ends.push(b);
        before.push(total);
        total += b - a;
      }
    }
    return { year, start, starts, ends, before, total };
  };

  const yearNumbered = (year: number): Year => {
    const known = years.get(year);
    if (known) return known;
    let reading = 0;
    if (year > ORIGIN_YEAR) {
      const previous = yearNumbered(year - 1);
      reading = previous.reading + previous.total;
    }
    const intervals = intervalsOf(year);
    if (year < ORIGIN_YEAR) reading = yearNumbered(year + 1).reading - intervals.total;
    const result = { ...intervals, reading };
    years.set(year, result);
    return result;
  };

  const yearContaining = (at: number): Year => {
    let year = new Date(at).getUTCFullYear();
    while (at < yearNumbered(year).start) year--;
    while (at >= yearNumbered(year + 1).start) year++;
    return yearNumbered(year);
  };

  /** Index of the last interval starting at or before `at`, or -1. */
  const lastStartingBy = (starts: number[], at: number): number => {
    let lo = 0;
    let hi = starts.length - 1;
    let found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if ((starts[mid] as number) <= at) {
        found = mid;
        lo = mid + 1;
      } else {
        hi = mid - 1;
      }
    }
    return found;
  };

  return {
    reading(at) {
      const y = yearContaining(at);
      const i = lastStartingBy(y.starts, at);
      if (i < 0) return y.reading;
      return y.reading + (y.before[i] as number) + Math.min(at, y.ends[i] as number) - (y.starts[i] as number);
    },
    instantAt(reading, notBefore) {
      let y = yearContaining(notBefore);
      // Reached by `notBefore` (no working time left to run): then, even before the year's first opening.
      if (reading <= y.reading) return notBefore;
      while (reading > y.reading + y.total) y = yearNumbered(y.year + 1);
      const within = reading - y.reading;
      // The first interval by whose end the reading is reached.
      let lo = 0;
      let hi = y.starts.length - 1;
      let i = hi;
      while (lo <= hi) {
        const mid = (lo + hi) >> 1;
        if ((y.before[mid] as number) + (y.ends[mid] as number) - (y.starts[mid] as number) >= within) {
          i = mid;
          hi = mid - 1;
        } else {
          lo = mid + 1;
        }
      }
      const at = i < 0 ? y.start : (y.starts[i] as number) + within - (y.before[i] as number);
      return Math.max(at, notBefore);
    },
  };
}
