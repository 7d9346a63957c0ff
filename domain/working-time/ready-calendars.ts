import { validateWorkingCalendar, type WorkingCalendar } from './calendar.js';
import { DEFAULT_KOREAN_CALENDAR } from './korean-holidays.js';
import { US_FEDERAL_CALENDAR } from './us-federal-holidays.js';

/** The calendars a catalog can name, each with its country's public holidays. */
export const READY_CALENDARS = { korea: DEFAULT_KOREAN_CALENDAR, usa: US_FEDERAL_CALENDAR } as const;
export type ReadyCalendar = keyof typeof READY_CALENDARS;

/** A catalog's calendar: a ready one (default Korea) with some of its fields replaced, e.g. `{ "ready": "usa", "timeZone": "America/Chicago" }`. */
export type CalendarSetting = { ready?: ReadyCalendar } & Partial<WorkingCalendar>;

/** The calendar a setting describes, or the problems that make it unusable. */
export function calendarFrom(setting: CalendarSetting | undefined): { calendar: WorkingCalendar } | { problems: readonly string[] } {
  const { ready = 'korea', ...overrides } = setting ?? {};
  const base = READY_CALENDARS[ready];
  if (!base) return { problems: [`ready must be one of ${Object.keys(READY_CALENDARS).join(', ')}`] };
  const calendar = Object.freeze({ ...base, ...overrides });
  const problems = validateWorkingCalendar(calendar);
  return problems.length > 0 ? { problems } : { calendar };
}
