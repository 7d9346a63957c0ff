/**
 * US federal holidays (5 U.S.C. 6103) and the ready calendar of a US federal or city office.
 *
 * Computed by the statute's rules, as OPM publishes them: fixed-date holidays falling on a Saturday
 * are observed the Friday before (New Year's Day then falls on 31 December of the year before), on
 * a Sunday the Monday after; the Monday holidays by their week (Uniform Monday Holiday Act, from
 * 1971); Martin Luther King Jr.'s Birthday from 1986; Juneteenth from 2021. Checked against OPM's
 * lists for 2024–2026 in us-federal-holidays.test.ts. Closings by executive order (a Christmas Eve
 * given off) are no federal holidays: operators add them to `extraNonWorkingDates`.
 * No library: `date-holidays` would bring its whole world's data for eleven rules.
 */
import { type IsoDate, type WorkingCalendar } from './calendar.js';

type HolidayTable = Readonly<Record<IsoDate, string>>;

const FIRST_YEAR = 1971;
const LAST_YEAR = 2060;

const iso = (year: number, month: number, day: number): IsoDate => new Date(Date.UTC(year, month - 1, day)).toISOString().slice(0, 10);
const weekday = (year: number, month: number, day: number): number => new Date(Date.UTC(year, month - 1, day)).getUTCDay();

/** The n-th (1-based; -1 the last) given weekday (0 = Sunday) of a month. */
function nthWeekday(year: number, month: number, day: number, n: number): IsoDate {
  if (n > 0) {
    const first = (day - weekday(year, month, 1) + 7) % 7 + 1;
    return iso(year, month, first + (n - 1) * 7);
  }
  const lastDay = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return iso(year, month, lastDay - ((weekday(year, month, lastDay) - day + 7) % 7));
}

/** A fixed-date holiday on the day it is observed: Saturday → Friday before, Sunday → Monday after. */
function observed(year: number, month: number, day: number): IsoDate {
  const shift = { 6: -1, 0: 1 }[weekday(year, month, day)] ?? 0;
  return iso(year, month, day + shift);
}

function holidaysOf(year: number): [IsoDate, string][] {
  const MONDAY = 1;
  const THURSDAY = 4;
  return [
    [observed(year, 1, 1), "New Year's Day"],
    ...(year >= 1986 ? [[nthWeekday(year, 1, MONDAY, 3), 'Birthday of Martin Luther King, Jr.'] as [IsoDate, string]] : []),
    [nthWeekday(year, 2, MONDAY, 3), "Washington's Birthday"],
    [nthWeekday(year, 5, MONDAY, -1), 'Memorial Day'],
    ...(year >= 2021 ? [[observed(year, 6, 19), 'Juneteenth National Independence Day'] as [IsoDate, string]] : []),
    [observed(year, 7, 4), 'Independence Day'],
    [nthWeekday(year, 9, MONDAY, 1), 'Labor Day'],
    [nthWeekday(year, 10, MONDAY, 2), 'Columbus Day'],
    [observed(year, 11, 11), 'Veterans Day'],
    [nthWeekday(year, 11, THURSDAY, 4), 'Thanksgiving Day'],
    [observed(year, 12, 25), 'Christmas Day'],
  ];
}

function buildTable(): HolidayTable {
  const table: Record<IsoDate, string> = {};
  for (let year = FIRST_YEAR; year <= LAST_YEAR; year++) for (const [date, name] of holidaysOf(year)) table[date] = name;
  return Object.freeze(table);
}

/** Every US federal holiday 1971–2060, on the day it is observed: date → its name. */
export const US_FEDERAL_HOLIDAYS: HolidayTable = buildTable();

/**
 * A US office: New York time (operators set their own zone), 09:00–17:00, Saturdays and Sundays off,
 * federal holidays. Every period is counted in working hours from receipt, 8 to a day: the Korean
 * decree's counting of long periods in whole days, the day of receipt the first, is no US rule.
 */
export const US_FEDERAL_CALENDAR: WorkingCalendar = Object.freeze({
  timeZone: 'America/New_York',
  workingHours: Object.freeze({ start: '09:00', end: '17:00' }),
  breaks: Object.freeze([]),
  hoursPerDay: 8,
  wholeDaysFrom: null,
  weekendDays: Object.freeze([6, 7] as const),
  publicHolidays: Object.freeze(Object.keys(US_FEDERAL_HOLIDAYS).sort()),
  extraNonWorkingDates: Object.freeze([]),
  extraWorkingDates: Object.freeze([]),
});
