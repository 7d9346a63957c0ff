import { DateTime } from 'luxon';
import { isWorkingDay, localDateOf, type IsoDate, type WorkingCalendar } from '../working-time/index.js';

/**
 * The date the result of an improvement request is due: three calendar months after the request
 * (조치 요구일로부터 3월내), to the same day of the month, or the month's last day where that day does
 * not exist (30 November → 28 or 29 February); when it is no working day, the next working day. Dates
 * are local to the calendar's time zone.
 */
export function reportDueOn(requestedAt: string, calendar: WorkingCalendar): IsoDate {
  // luxon keeps the day of the month and falls back to the month's last day when it is missing.
  return nextWorkingDayFrom(localDate(requestedAt, calendar).plus({ months: 3 }), calendar);
}

/**
 * A due date given with a command (an extension's, the committee's) as the first one is set: the date
 * itself when it is a working day, else the next working day.
 */
export function workingDayOnOrAfter(date: IsoDate, calendar: WorkingCalendar): IsoDate {
  return nextWorkingDayFrom(DateTime.fromISO(date, { zone: calendar.timeZone }), calendar);
}

/**
 * The latest date an extension may ask for: the manual's period once more, three calendar months after
 * the current due date (as `reportDueOn` counts them from the request), on the next working day if need be.
 */
export function latestExtensionDueOn(dueOn: IsoDate, calendar: WorkingCalendar): IsoDate {
  return nextWorkingDayFrom(DateTime.fromISO(dueOn, { zone: calendar.timeZone }).plus({ months: 3 }), calendar);
}

/** The date itself when it works, else the first working day after it. */
function nextWorkingDayFrom(date: DateTime, calendar: WorkingCalendar): IsoDate {
  let day = date;
  while (!isWorkingDay(day.toISODate() as string, calendar)) day = day.plus({ days: 1 });
  return day.toISODate() as string;
}

function localDate(instant: string, calendar: WorkingCalendar): DateTime {
  return DateTime.fromISO(instant, { zone: calendar.timeZone }).startOf('day');
}

/** Whether the due date has passed at `now`: the whole due day counts. */
export function isPastDue(dueOn: IsoDate, now: string, calendar: WorkingCalendar): boolean {
  return localDateOf(now, calendar) > dueOn;
}
