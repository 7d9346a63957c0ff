/**
 * Processing deadlines. How a period in days is counted is the calendar's (`wholeDaysFrom`): in
 * working hours from the moment of receipt, `hoursPerDay` to a day, or, from a number of days on, in
 * whole working days, the day of receipt the first, due at the end of the last one's working hours.
 * The Korean calendar counts as the Enforcement Decree of the Civil Petitions Act, art. 18
 * (처리기간의 계산), says:
 * ① a period of 5 days or less is counted in hours from the moment of receipt, 1 day being
 *   8 working hours, Saturdays and public holidays not counted;
 * ② a period of 6 days or more is counted in days, the first day included, Saturdays and public
 *   holidays not counted: due at the end of the working hours of the last day;
 * ③ "immediately" (즉시) means within 3 working hours.
 * The US calendar has no such rule: every period in working hours.
 * A receipt outside working hours counts from the next working moment. Paused time (the
 * complainant's delay, supplementing documents, outside inquiries) is not counted.
 */
import { compile, formatInstant, parseInstant, workingDaysFrom, type CompiledCalendar, type WorkingCalendar } from './calendar.js';
import { consume, mergePauses, periodMillis, workingMillisIn, type Instant, type Pause, type WorkingPeriod } from './working-time.js';

/** "Immediately" (즉시): within 3 working hours (art. 18 ③). */
export const IMMEDIATELY: WorkingPeriod = Object.freeze({ hours: 3 });

/** Whether the calendar counts a period in whole working days (`wholeDaysFrom`; Korea: 6 days or more, art. 18 ②), not in working hours. */
export function countedInWholeDays(period: WorkingPeriod, calendar: Pick<WorkingCalendar, 'wholeDaysFrom'>): boolean {
  return 'days' in period && calendar.wholeDaysFrom !== null && period.days >= calendar.wholeDaysFrom;
}

/** End of the working hours of the n-th working day, the day containing `fromMillis` being the first if it works. */
function endOfNthWorkingDay(fromMillis: number, n: number, cal: CompiledCalendar): number {
  let count = 0;
  for (const intervals of workingDaysFrom(fromMillis, cal)) {
    const last = intervals[intervals.length - 1];
    if (++count >= n && last) return last[1];
  }
  throw new Error('unreachable: the working days never end');
}

/** The working time a period grants from `received`, in ms. */
function budgetFor(received: number, period: WorkingPeriod, cal: CompiledCalendar): number {
  const inHours = periodMillis(period, cal);
  if (!('days' in period) || !countedInWholeDays(period, cal)) return inHours;
  if (!Number.isInteger(period.days)) throw new RangeError(`A period of ${cal.wholeDaysFrom} days or more is whole days on this calendar: ${period.days}`);
  const firstMoment = consume(received, 0, cal, []) as number;
  return workingMillisIn(received, endOfNthWorkingDay(firstMoment, period.days, cal), cal, []);
}

/**
 * The due instant of a period from receipt, each pause pushing it out by the working time it
 * stopped; null while an open pause has stopped the clock before the period ran out.
 */
export function dueAt(receivedAt: Instant, period: WorkingPeriod, calendar: WorkingCalendar, pauses: readonly Pause[] = []): Instant | null {
  const cal = compile(calendar);
  const received = parseInstant(receivedAt, cal.zone).toMillis();
  const due = consume(received, budgetFor(received, period, cal), cal, mergePauses(pauses, cal.zone));
  return due === null ? null : formatInstant(due, cal.zone);
}

/** A category's deadline: working days or hours (art. 18's counting), or calendar days (a source's "15 days to respond"). */
export type Deadline = WorkingPeriod | { readonly calendarDays: number };

/**
 * The due instant of a deadline from receipt: working periods as `dueAt`; calendar days at the same
 * local time that many days later, each pause pushing it out by its whole length; null while paused.
 */
export function dueAtOf(receivedAt: Instant, deadline: Deadline, calendar: WorkingCalendar, pauses: readonly Pause[] = []): Instant | null {
  if (!('calendarDays' in deadline)) return dueAt(receivedAt, deadline, calendar, pauses);
  if (pauses.some((p) => !p.to)) return null;
  const paused = pauses.reduce((sum, p) => sum + Math.max(0, Date.parse(p.to!) - Date.parse(p.from)), 0);
  const due = parseInstant(receivedAt, calendar.timeZone).plus({ days: deadline.calendarDays }).plus(paused);
  return formatInstant(due.toMillis(), calendar.timeZone);
}

/** The due instant of a period from receipt, counted as the calendar counts days (`wholeDaysFrom`), without pauses. */
export function deadlineFor(receivedAt: Instant, period: WorkingPeriod, calendar: WorkingCalendar): Instant {
  return dueAt(receivedAt, period, calendar) as Instant;
}

/**
 * D+1: the end of the working hours of the working day after the day of `at` (a request made
 * outside working hours counts as made at the next working moment). E.g. materials requested
 * from another department on Friday 10:00 are due Monday 18:00; on Friday 19:00, Tuesday 18:00.
 */
export function nextWorkingDayDeadline(at: Instant, calendar: WorkingCalendar): Instant {
  const cal = compile(calendar);
  const effective = consume(parseInstant(at, cal.zone).toMillis(), 0, cal, []) as number;
  return formatInstant(endOfNthWorkingDay(effective, 2, cal), cal.zone);
}
