import { DateTime, IANAZone, Info } from 'luxon';

/** ISO weekday, as luxon numbers them: 1 = Monday … 6 = Saturday, 7 = Sunday. */
export type IsoWeekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;

/** A clock time "HH:mm" (24-hour clock; "24:00" is allowed as an end). */
export type ClockTime = string;

/** A calendar date "YYYY-MM-DD", local to the calendar's time zone. */
export type IsoDate = string;

export interface TimeRange {
  readonly start: ClockTime;
  readonly end: ClockTime;
}

/**
 * The working-time calendar of a public body: plain, JSON-serialisable data that operators
 * change without code. Treat a calendar as an immutable value (make a new object to change it).
 *
 * Which day works: a date in `extraWorkingDates` always works (a holiday or a Saturday made
 * working); otherwise a date in `extraNonWorkingDates` or `publicHolidays`, or on a weekend day,
 * does not. A date may not be in both extra lists.
 */
export interface WorkingCalendar {
  /** IANA time zone in which dates and office hours are read, e.g. "Asia/Seoul". */
  readonly timeZone: string;
  /** Office hours of a working day, e.g. 09:00–18:00. */
  readonly workingHours: TimeRange;
  /** Breaks inside the office hours that are not working time, e.g. lunch 12:00–13:00. */
  readonly breaks: readonly TimeRange[];
  /** Working hours in one "day" of a period counted in hours (Decree art. 18 ①: 8). */
  readonly hoursPerDay: number;
  /**
   * Periods of this many working days or more are counted in whole working days, the day of receipt
   * the first (the next working day when received outside working hours), due at the end of the last
   * one's working hours; shorter periods in working hours from receipt, `hoursPerDay` to a day. Null:
   * every period in working hours. Korea: 6 (see DEFAULT_KOREAN_CALENDAR).
   */
  readonly wholeDaysFrom: number | null;
  readonly weekendDays: readonly IsoWeekday[];
  readonly publicHolidays: readonly IsoDate[];
  /** Dates the operator closed (e.g. a temporary holiday announced late). */
  readonly extraNonWorkingDates: readonly IsoDate[];
  /** Dates the operator opened: they work even if a weekend day or a holiday. */
  readonly extraWorkingDates: readonly IsoDate[];
}

/** The compiled form the arithmetic runs on. */
export interface CompiledCalendar {
  readonly zone: string;
  /** Working periods of a day in minutes since midnight: sorted, disjoint, non-empty. */
  readonly periods: readonly (readonly [number, number])[];
  readonly hoursPerDay: number;
  readonly wholeDaysFrom: number | null;
  readonly weekend: ReadonlySet<number>;
  readonly closed: ReadonlySet<IsoDate>;
  readonly opened: ReadonlySet<IsoDate>;
  /** Memo of each local day's working intervals, by day number (days since 1970-01-01). */
  readonly days: Map<number, readonly Span[]>;
}

/** [start, end) in epoch milliseconds. */
export type Span = readonly [number, number];

const DAY = 86_400_000;

const CLOCK_TIME = /^(?:([01]\d|2[0-3]):([0-5]\d)|(24):(00))$/;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function minutesOf(time: unknown): number | undefined {
  const m = typeof time === 'string' ? CLOCK_TIME.exec(time) : null;
  if (!m) return undefined;
  return Number(m[1] ?? m[3]) * 60 + Number(m[2] ?? m[4]);
}

function isIsoDate(value: unknown): boolean {
  const m = typeof value === 'string' ? ISO_DATE.exec(value) : null;
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const probe = new Date(Date.UTC(y, mo - 1, d));
  return probe.getUTCFullYear() === y && probe.getUTCMonth() === mo - 1 && probe.getUTCDate() === d;
}

/** Working periods of a day (office hours less breaks), or the problems that prevent them. */
function periodsOf(calendar: WorkingCalendar, problems: string[]): [number, number][] {
  const start = minutesOf(calendar.workingHours?.start);
  const end = minutesOf(calendar.workingHours?.end);
  if (start === undefined || end === undefined || start >= end) {
    problems.push('workingHours must be "HH:mm" times with start before end');
    return [];
  }
  let periods: [number, number][] = [[start, end]];
  for (const pause of calendar.breaks) {
    const from = minutesOf(pause?.start);
    const to = minutesOf(pause?.end);
    if (from === undefined || to === undefined || from >= to || from < start || to > end) {
      problems.push(`break ${JSON.stringify(pause)} must be "HH:mm" times inside the working hours`);
      continue;
    }
    periods = periods.flatMap(([a, b]) => {
      const kept: [number, number][] = [];
      if (a < Math.min(b, from)) kept.push([a, Math.min(b, from)]);
      if (Math.max(a, to) < b) kept.push([Math.max(a, to), b]);
      return kept;
    });
  }
  if (periods.length === 0) problems.push('breaks leave no working time in a day');
  return periods;
}

/** What is wrong with an operator's calendar; empty when it is valid. */
export function validateWorkingCalendar(calendar: WorkingCalendar): readonly string[] {
  const problems: string[] = [];
  for (const key of ['breaks', 'weekendDays', 'publicHolidays', 'extraNonWorkingDates', 'extraWorkingDates'] as const) {
    if (!Array.isArray(calendar[key])) return [`${key} must be a list`];
  }
  if (typeof calendar.timeZone !== 'string' || !Info.isValidIANAZone(calendar.timeZone)) {
    problems.push(`timeZone ${JSON.stringify(calendar.timeZone)} is not an IANA time zone`);
  }
  periodsOf(calendar, problems);
  if (typeof calendar.hoursPerDay !== 'number' || !(calendar.hoursPerDay > 0) || !Number.isFinite(calendar.hoursPerDay)) {
    problems.push('hoursPerDay must be a positive number');
  }
  if (calendar.wholeDaysFrom !== null && !(Number.isInteger(calendar.wholeDaysFrom) && calendar.wholeDaysFrom >= 1)) {
    problems.push('wholeDaysFrom must be a whole number of days (1 or more), or null to count every period in working hours');
  }
  const weekend = calendar.weekendDays;
  if (!weekend.every((d) => Number.isInteger(d) && d >= 1 && d <= 7)) {
    problems.push('weekendDays must be ISO weekdays 1 (Monday) … 7 (Sunday)');
  } else if (new Set(weekend).size === 7) {
    problems.push('weekendDays leave no working weekday');
  }
  for (const key of ['publicHolidays', 'extraNonWorkingDates', 'extraWorkingDates'] as const) {
    const bad = calendar[key].filter((d) => !isIsoDate(d));
    if (bad.length > 0) problems.push(`${key} has dates that are not YYYY-MM-DD: ${bad.join(', ')}`);
  }
  const closed = new Set(calendar.extraNonWorkingDates);
  const both = calendar.extraWorkingDates.filter((d) => closed.has(d));
  if (both.length > 0) problems.push(`dates both added and removed: ${both.join(', ')}`);
  return problems;
}

const compiled = new WeakMap<WorkingCalendar, CompiledCalendar>();

/** Validates and compiles a calendar (memoised per calendar object). Throws RangeError if invalid. */
export function compile(calendar: WorkingCalendar): CompiledCalendar {
  const known = compiled.get(calendar);
  if (known) return known;
  const problems = [...validateWorkingCalendar(calendar)];
  if (problems.length > 0) throw new RangeError(`Invalid working calendar: ${problems.join('; ')}`);
  const result: CompiledCalendar = {
    zone: calendar.timeZone,
    periods: periodsOf(calendar, problems),
    hoursPerDay: calendar.hoursPerDay,
    wholeDaysFrom: calendar.wholeDaysFrom,
    weekend: new Set(calendar.weekendDays),
    closed: new Set([...calendar.publicHolidays, ...calendar.extraNonWorkingDates]),
    opened: new Set(calendar.extraWorkingDates),
    days: new Map(),
  };
  compiled.set(calendar, result);
  return result;
}

/** Reads an ISO 8601 date or date-time; without an offset it is local time in `zone`. */
export function parseInstant(iso: string, zone: string): DateTime {
  const parsed = typeof iso === 'string' ? DateTime.fromISO(iso, { zone }) : DateTime.invalid('not a string');
  if (!parsed.isValid) throw new RangeError(`Not an ISO 8601 date or date-time: ${String(iso)}`);
  return parsed;
}

export function formatInstant(millis: number, zone: string): string {
  return DateTime.fromMillis(millis, { zone }).toISO() as string;
}

function isWorkingDate(date: IsoDate, weekday: number, cal: CompiledCalendar): boolean {
  if (cal.opened.has(date)) return true;
  return !cal.closed.has(date) && !cal.weekend.has(weekday);
}

/** The day number of the local date of a DateTime. */
function dayNumberOf(local: DateTime): number {
  return Date.UTC(local.year, local.month - 1, local.day) / DAY;
}

/**
 * Whether a date is a working day. `date` is "YYYY-MM-DD", or a date-time whose local date
 * in the calendar's time zone is meant.
 */
export function isWorkingDay(date: string, calendar: WorkingCalendar): boolean {
  const cal = compile(calendar);
  return workingIntervalsOfDay(dayNumberOf(parseInstant(date, cal.zone)), cal).length > 0;
}

/** The working intervals of a local day (none if it does not work), memoised. */
function workingIntervalsOfDay(dayNumber: number, cal: CompiledCalendar): readonly Span[] {
  const known = cal.days.get(dayNumber);
  if (known) return known;
  const civil = new Date(dayNumber * DAY);
  const date = civil.toISOString().slice(0, 10);
  let intervals: readonly Span[] = [];
  if (isWorkingDate(date, civil.getUTCDay() || 7, cal)) {
    const at = localTimesOfDay(dayNumber, cal.zone);
    intervals = cal.periods.map(([a, b]): Span => [at(a), at(b)]);
  }
  cal.days.set(dayNumber, intervals);
  return intervals;
}

/** Wider than any zone's offset from UTC (−12 h … +14 h). */
const OFFSET_BOUND = 14 * 3_600_000;

/**
 * The instant of each minute of a local day (0 … 24 × 60, the next midnight). Read models build every
 * working day of every year they meet, thousands of days per process, and luxon's zone arithmetic on
 * each minute took most of a test suite's start. A day whose zone has the same offset 14 h before its
 * start and 14 h after its end has that offset all day (no zone has changed twice within 52 hours), and
 * its minutes are plain arithmetic; a day with a change goes through luxon's rules (a wall time the
 * change skips moves on by the change, as DateTime.set does).
 */
function localTimesOfDay(dayNumber: number, zone: string): (minute: number) => number {
  const wallMidnight = dayNumber * DAY;
  const rules = IANAZone.create(zone);
  const offset = rules.offset(wallMidnight - OFFSET_BOUND);
  if (offset === rules.offset(wallMidnight + DAY + OFFSET_BOUND)) return (minute) => wallMidnight + minute * 60_000 - offset * 60_000;
  const civil = new Date(wallMidnight);
  const midnight = DateTime.fromObject({ year: civil.getUTCFullYear(), month: civil.getUTCMonth() + 1, day: civil.getUTCDate() }, { zone });
  return (minute) => (minute === 24 * 60 ? midnight.plus({ days: 1 }) : midnight.set({ hour: Math.floor(minute / 60), minute: minute % 60 })).toMillis();
}

/** No calendar should go ten years without a working day; past that the data is broken. */
const MAX_CLOSED_DAYS = 3660;

/** The working days' intervals from the local day containing `fromMillis` on, that day included if it works. */
export function* workingDaysFrom(fromMillis: number, cal: CompiledCalendar): Generator<readonly Span[]> {
  let dayNumber = dayNumberOf(DateTime.fromMillis(fromMillis, { zone: cal.zone }));
  let closedInARow = 0;
  for (;; dayNumber++) {
    const intervals = workingIntervalsOfDay(dayNumber, cal);
    if (intervals.length > 0) {
      closedInARow = 0;
      yield intervals;
    } else if (++closedInARow > MAX_CLOSED_DAYS) {
      throw new RangeError(`No working day in the ${MAX_CLOSED_DAYS} days to ${new Date(dayNumber * DAY).toISOString().slice(0, 10)}`);
    }
  }
}

/** The working intervals from `fromMillis` on, the first one clipped to start there. */
export function* workingIntervalsFrom(fromMillis: number, cal: CompiledCalendar): Generator<Span> {
  for (const intervals of workingDaysFrom(fromMillis, cal)) {
    for (const [a, b] of intervals) {
      if (b > fromMillis) yield [Math.max(a, fromMillis), b];
    }
  }
}

/** The local date of an instant in the calendar's time zone, `YYYY-MM-DD`. */
export function localDateOf(instant: string, calendar: WorkingCalendar): IsoDate {
  return DateTime.fromISO(instant, { zone: calendar.timeZone }).toISODate() as string;
}
