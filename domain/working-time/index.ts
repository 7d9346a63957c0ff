/** Working-time calendar and legal deadlines for Korean public bodies. Pure: time comes in as arguments. */
export {
  isWorkingDay,
  validateWorkingCalendar,
  type ClockTime,
  type IsoDate,
  type IsoWeekday,
  type TimeRange,
  type WorkingCalendar,
} from './calendar.js';
export { DEFAULT_KOREAN_CALENDAR, KOREAN_PUBLIC_HOLIDAYS } from './korean-holidays.js';
export { addWorkingTime, workingMillisBetween, type Instant, type Pause, type WorkingPeriod } from './working-time.js';
export { IMMEDIATELY, deadlineFor, dueAt, nextWorkingDayDeadline } from './deadline.js';
