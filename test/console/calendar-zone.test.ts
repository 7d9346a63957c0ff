/** The console's quarters and typed times follow the service's calendar zone, not Seoul's nor the browser's. */
import { describe, expect, it } from '@jest/globals';
import { calendarInstant, DEFAULT_CALENDAR_ZONE, serviceCalendarZone } from '../../console/src/calendar-zone.js';
import { parseQuarter, parseYear, quarterOf, recentYears } from '../../console/src/quarter.js';

const NEW_YORK = 'America/New_York';

describe("the console's calendar zone", () => {
  it('is the one GET /catalog/calendar names; Seoul only when the service names none it knows', async () => {
    expect(await serviceCalendarZone(async (path) => (path === '/catalog/calendar' ? { timeZone: NEW_YORK } : undefined))).toBe(NEW_YORK);
    expect(await serviceCalendarZone(async () => ({ timeZone: 'Asia/Nowhere' }))).toBe(DEFAULT_CALENDAR_ZONE);
    expect(await serviceCalendarZone(async () => Promise.reject(new Error('network')))).toBe(DEFAULT_CALENDAR_ZONE);
  });

  it("names the quarter and the year of an instant as New York's calendar does", () => {
    // New Year's Eve, 23:30 in New York: already 2027-Q1 in Seoul.
    const eve = new Date('2027-01-01T04:30:00Z');
    expect(quarterOf(eve, NEW_YORK)).toBe('2026-Q4');
    expect(quarterOf(eve, 'Asia/Seoul')).toBe('2027-Q1');
    // 31 March, 23:00 daylight time: still the first quarter.
    expect(quarterOf(new Date('2026-04-01T03:00:00Z'), NEW_YORK)).toBe('2026-Q1');
  });

  it("reads a typed date-time as New York's wall-clock time, daylight saving included", () => {
    expect(calendarInstant('2026-12-03T10:00', NEW_YORK)).toBe('2026-12-03T10:00:00.000-05:00');
    expect(calendarInstant('2026-07-03T10:00', NEW_YORK)).toBe('2026-07-03T10:00:00.000-04:00');
  });
});

describe('a quarter or a year typed by hand', () => {
  const now = new Date('2026-12-04T12:00:00Z');
  it('is any from 1970 to now, as the reports name it', () => {
    expect(parseQuarter('2011-q3', now)).toBe('2011-Q3');
    expect(parseQuarter('1970 Q1', now)).toBe('1970-Q1');
    expect(parseQuarter('2026-Q4', now)).toBe('2026-Q4');
    expect(parseYear('2011', now)).toBe(2011);
    expect(recentYears(now, 3)).toEqual([2026, 2025, 2024]);
  });
  it('is refused when it is not one, or not yet', () => {
    for (const text of ['2011', '2011-Q5', '1969-Q4', '2027-Q1', '11-Q1', '']) expect(parseQuarter(text, now)).toBeUndefined();
    for (const text of ['1969', '2027', '2011-Q1', '20111']) expect(parseYear(text, now)).toBeUndefined();
    // The yearly reports set each year beside the one before: they start a year later, as GET /reports/yearly does.
    expect(parseYear('1970', now, 1971)).toBeUndefined();
    expect(parseYear('1971', now, 1971)).toBe(1971);
  });
});
