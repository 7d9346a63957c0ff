import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { DateTime, IANAZone } from 'luxon';
import { compile, workingDaysFrom } from './calendar.js';
import { DEFAULT_KOREAN_CALENDAR, addWorkingTime, isWorkingDay, validateWorkingCalendar, workingMillisBetween, type WorkingCalendar } from './index.js';

const korean = DEFAULT_KOREAN_CALENDAR;
const DAY = 86_400_000;

describe('a working day', () => {
  it('is a weekday that is no holiday', () => {
    expect(isWorkingDay('2026-09-23', korean)).toBe(true);
  });

  it('is never a Saturday or a Sunday', () => {
    expect(isWorkingDay('2026-11-07', korean)).toBe(false);
    expect(isWorkingDay('2026-11-08', korean)).toBe(false);
  });

  it('is read in the calendar time zone when given a date-time', () => {
    // Given 23:30 UTC on Wed 23 Sep 2026, which is 08:30 on Thu 24 Sep (Chuseok) in Seoul
    expect(isWorkingDay('2026-09-23T23:30:00Z', korean)).toBe(false);
    expect(isWorkingDay('2026-09-23T14:59:00Z', korean)).toBe(true);
  });

  it('is not a date the operator added as non-working', () => {
    // Given the operator closes Tue 3 Nov 2026 (e.g. a temporary holiday announced late)
    const calendar = { ...korean, extraNonWorkingDates: ['2026-11-03'] };
    expect(isWorkingDay('2026-11-03', calendar)).toBe(false);
  });

  it('is a holiday or a weekend day the operator removed (made working)', () => {
    // Given the operator opens Labour Day and a Saturday
    const calendar = { ...korean, extraWorkingDates: ['2026-05-01', '2026-11-07'] };
    expect(isWorkingDay('2026-05-01', calendar)).toBe(true);
    expect(isWorkingDay('2026-11-07', calendar)).toBe(true);
  });
});

describe('an operator calendar', () => {
  const valid: WorkingCalendar = {
    timeZone: 'Asia/Seoul',
    workingHours: { start: '08:00', end: '17:00' },
    breaks: [],
    hoursPerDay: 8,
    wholeDaysFrom: null,
    weekendDays: [7],
    publicHolidays: [],
    extraNonWorkingDates: [],
    extraWorkingDates: [],
  };

  it('may set other office hours and weekend days', () => {
    expect(validateWorkingCalendar(valid)).toEqual([]);
    // When 2 hours run from Saturday 16:00 in a calendar where only Sunday is off
    // Then they end on Monday 09:00
    expect(addWorkingTime('2026-11-07T16:00:00+09:00', { hours: 2 }, valid)).toBe('2026-11-09T09:00:00.000+09:00');
  });

  it('keeps office hours in local time across a daylight-saving change', () => {
    // Given a Berlin office working on Sun 29 Mar 2026, the day clocks go from +01:00 to +02:00
    const berlin = { ...valid, timeZone: 'Europe/Berlin', workingHours: { start: '00:00', end: '24:00' }, extraWorkingDates: ['2026-03-29'] };
    // Then that day has 23 working hours, and 2 hours from 01:00 end at 04:00 local time
    expect(workingMillisBetween('2026-03-29T00:00:00+01:00', '2026-03-30T00:00:00+02:00', berlin)).toBe(23 * 3_600_000);
    expect(addWorkingTime('2026-03-29T01:00:00+01:00', { hours: 2 }, berlin)).toBe('2026-03-29T04:00:00.000+02:00');
  });

  it.each<[string, Partial<WorkingCalendar>, RegExp]>([
    ['a missing list', { breaks: undefined as never }, /breaks must be a list/],
    ['an unknown time zone', { timeZone: 'Asia/Nowhere' }, /timeZone/],
    ['office hours ending before they start', { workingHours: { start: '18:00', end: '09:00' } }, /workingHours/],
    ['a break outside the office hours', { breaks: [{ start: '07:00', end: '08:30' }] }, /break/],
    ['a week without a working day', { weekendDays: [1, 2, 3, 4, 5, 6, 7] }, /no working weekday/],
    ['a date that does not exist', { publicHolidays: ['2026-02-30'] }, /publicHolidays/],
    ['a date both added and removed', { extraNonWorkingDates: ['2026-11-03'], extraWorkingDates: ['2026-11-03'] }, /both/],
    ['a non-positive day length', { hoursPerDay: 0 }, /hoursPerDay/],
  ])('is rejected with %s', (_, change, problem) => {
    const calendar = { ...valid, ...change };
    expect(validateWorkingCalendar(calendar).join('\n')).toMatch(problem);
    expect(() => isWorkingDay('2026-11-02', calendar)).toThrow(RangeError);
  });

  it("places each working period of a day where luxon's zone rules put its local times, clock changes included", () => {
    // Zones with changes at 00:00 (Santiago, Havana), by half an hour (Lord Howe), a skipped day (Apia,
    // 30 Dec 2011), a change of standard offset (Pyongyang 2015, 2018) and none (Seoul); office hours
    // and a break that start and end around the changes' usual hours. Half the days drawn are within a
    // few days of a change.
    const zones = ['Asia/Seoul', 'America/New_York', 'Europe/London', 'America/Santiago', 'America/Havana', 'Australia/Lord_Howe', 'Pacific/Apia', 'Asia/Pyongyang', 'Asia/Tehran'];
    const [from, to] = [Date.UTC(1975, 0, 1) / DAY, Date.UTC(2040, 11, 31) / DAY];
    const nearChanges = (zone: string): number[] => {
      const rules = IANAZone.create(zone);
      const days: number[] = [];
      for (let week = from; week < to; week += 7) {
        if (rules.offset(week * DAY) !== rules.offset((week + 7) * DAY)) for (let d = week - 1; d <= week + 8; d++) days.push(d);
      }
      return days;
    };
    const anyDay = fc.integer({ min: from, max: to });
    const zoneAndDay = fc.oneof(
      ...zones.map((zone) => {
        const near = nearChanges(zone);
        return fc.tuple(fc.constant(zone), near.length > 0 ? fc.oneof(fc.constantFrom(...near), anyDay) : anyDay);
      }),
    );
    fc.assert(
      fc.property(zoneAndDay, ([timeZone, dayNumber]) => {
        const calendar: WorkingCalendar = { ...valid, timeZone, weekendDays: [], workingHours: { start: '00:00', end: '24:00' }, breaks: [{ start: '01:30', end: '03:00' }] };
        const civil = new Date(dayNumber * DAY);
        const midnight = DateTime.fromObject({ year: civil.getUTCFullYear(), month: civil.getUTCMonth() + 1, day: civil.getUTCDate() }, { zone: timeZone });
        const at = (hour: number, minute: number) => midnight.set({ hour, minute }).toMillis();
        const [first] = workingDaysFrom(midnight.toMillis(), compile(calendar));
        expect(first).toEqual([
          [at(0, 0), at(1, 30)],
          [at(3, 0), midnight.plus({ days: 1 }).toMillis()],
        ]);
      }),
      { numRuns: 1000 },
    );
  });
});
