/**
 * Korean public holidays (관공서의 공휴일) and the default calendar of a Korean public body.
 *
 * Source: `@hyunbinseo/holidays-kr` (pinned), a transcription of the official 월력요항 published
 * in the gazette by the Korea AeroSpace Administration, kept up to date with later changes
 * (temporary holidays, election days, the 2026 amendments). Its data lists the three-day Seollal
 * and Chuseok holidays, substitute holidays and election days. Checked against the government's
 * 2026 list and the 2024–2025 calendars in korean-holidays.test.ts.
 *
 * `date-holidays` (3.37) was checked and rejected: its Seollal span starts on 설날 instead of the
 * day before (2026: Feb 17–19, not Feb 16–18), each three-day holiday is one entry dated on a
 * single day, and it misses election days (2026-06-03), temporary holidays (2024-10-01,
 * 2025-01-27, 2025-06-03) and 노동절.
 *
 * 2026 changes after the first 2026 announcement, both in the source data:
 *   - 제헌절 (Jul 17) is a public holiday again from 2026 (Act on Public Holidays amended,
 *     passed 2026-01-29, promulgated 2026-02-10), with substitute days (2027-07-19).
 *   - 노동절 (May 1) is a public holiday from 2026 (amendment passed 2026-03-31, in force for
 *     2026-05-01), with substitute days (2027-05-03).
 * An operator who must not follow them lists those dates in `extraWorkingDates`.
 */
import * as officialCalendar from '@hyunbinseo/holidays-kr/all';
import { type IsoDate, type WorkingCalendar } from './calendar.js';

type HolidayTable = Readonly<Record<IsoDate, readonly string[]>>;

/**
 * Years the source does not publish yet. The 월력요항 for a year appears in June of the year
 * before, so this is PROVISIONAL: computed by the rules of 관공서의 공휴일에 관한 규정 (lunar dates
 * checked against the ICU Korean calendar in the tests). A year the source covers replaces it.
 * Temporary holidays cannot be foreseen: operators add them to `extraNonWorkingDates`.
 */
const PROVISIONAL: Readonly<Record<number, HolidayTable>> = {
  2028: {
    '2028-01-01': ['1월 1일'],
    '2028-01-26': ['설날 전날'],
    '2028-01-27': ['설날'],
    '2028-01-28': ['설날 다음 날'],
    '2028-03-01': ['3ㆍ1절'],
    // 23rd National Assembly election: the first Wednesday from 50 days before the term ends (2028-05-29).
    '2028-04-12': ['제23대 국회의원선거'],
    '2028-05-01': ['노동절'],
    '2028-05-02': ['부처님 오신 날'],
    '2028-05-05': ['어린이날'],
    '2028-06-06': ['현충일'],
    '2028-07-17': ['제헌절'],
    '2028-08-15': ['광복절'],
    '2028-10-02': ['추석 전날'],
    '2028-10-03': ['추석', '개천절'],
    '2028-10-04': ['추석 다음 날'],
    // Chuseok and 개천절 fall on the same day: one substitute day, as for 2025-05-05/06.
    '2028-10-05': ['대체공휴일(추석)'],
    '2028-10-09': ['한글날'],
    '2028-12-25': ['기독탄신일'],
  },
};

function buildTable(): HolidayTable {
  const table: Record<IsoDate, readonly string[]> = {};
  const official: HolidayTable[] = Object.values(officialCalendar);
  const officialYears = new Set(official.flatMap((year) => Object.keys(year).map((d) => Number(d.slice(0, 4)))));
  const provisional = Object.entries(PROVISIONAL)
    .filter(([year]) => !officialYears.has(Number(year)))
    .map(([, dates]) => dates);
  for (const year of [...official, ...provisional]) Object.assign(table, year);
  return Object.freeze(table);
}

/** Every known Korean public holiday (Sundays aside): date → its names. */
export const KOREAN_PUBLIC_HOLIDAYS: HolidayTable = buildTable();

/**
 * The default calendar: Asia/Seoul, 09:00–18:00 with lunch 12:00–13:00, Saturdays and Sundays off;
 * periods counted as the Enforcement Decree of the Civil Petitions Act, art. 18 (처리기간의 계산),
 * says: ① 5 days or less in hours from receipt, 8 working hours to a day; ② 6 days or more in days,
 * the first day included (see deadline.ts).
 */
export const DEFAULT_KOREAN_CALENDAR: WorkingCalendar = Object.freeze({
  timeZone: 'Asia/Seoul',
  workingHours: Object.freeze({ start: '09:00', end: '18:00' }),
  breaks: Object.freeze([Object.freeze({ start: '12:00', end: '13:00' })]),
  hoursPerDay: 8,
  wholeDaysFrom: 6,
  weekendDays: Object.freeze([6, 7] as const),
  publicHolidays: Object.freeze(Object.keys(KOREAN_PUBLIC_HOLIDAYS).sort()),
  extraNonWorkingDates: Object.freeze([]),
  extraWorkingDates: Object.freeze([]),
});
