/** Working-time calendars (Korea, the USA) and legal deadlines. Pure: time comes in as arguments. */
export {
  isWorkingDay,
  localDateOf,
  validateWorkingCalendar,
  type ClockTime,
  type IsoDate,
  type IsoWeekday,
  type TimeRange,
  type WorkingCalendar,
} from './calendar.js';
export { DEFAULT_KOREAN_CALENDAR, KOREAN_PUBLIC_HOLIDAYS } from './korean-holidays.js';
export { US_FEDERAL_CALENDAR, US_FEDERAL_HOLIDAYS } from './us-federal-holidays.js';
export { READY_CALENDARS, calendarFrom, type CalendarSetting, type ReadyCalendar } from './ready-calendars.js';
export { addWorkingTime, workingMillisBetween, type Instant, type Pause, type WorkingPeriod } from './working-time.js';
export { IMMEDIATELY, countedInWholeDays, deadlineFor, dueAt, dueAtOf, nextWorkingDayDeadline, type Deadline } from './deadline.js';
