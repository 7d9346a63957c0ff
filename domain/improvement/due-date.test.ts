import { describe, expect, it } from '@jest/globals';
import { DEFAULT_KOREAN_CALENDAR, type WorkingCalendar } from '../working-time/index.js';
import { isPastDue, reportDueOn } from './due-date.js';

/** "조치 요구일로부터 3월내": three calendar months to the same day; the month's last day where it is missing; the next working day. */
describe('the result of an improvement request is due three calendar months after the request', () => {
  const due = (requestedAt: string, calendar: WorkingCalendar = DEFAULT_KOREAN_CALENDAR) => reportDueOn(requestedAt, calendar);

  it('given a request on 9 March 2026 (a Monday), then it is due on the same day three months later, Tuesday 9 June', () => {
    expect(due('2026-03-09T10:00:00+09:00')).toBe('2026-06-09');
  });

  it('given a request on 31 August, when 31 November does not exist, then it is due on the month\'s last day, 30 November', () => {
    expect(due('2026-08-31T10:00:00+09:00')).toBe('2026-11-30');
  });

  it('given a request on 30 November 2027, when February 2028 has 29 days, then it is due on 29 February (a Tuesday)', () => {
    expect(due('2027-11-30T10:00:00+09:00')).toBe('2028-02-29');
  });

  it('given a request on 30 November 2026, when 28 February 2027 is a Sunday and 1 March is 삼일절, then it is due Tuesday 2 March', () => {
    expect(due('2026-11-30T10:00:00+09:00')).toBe('2027-03-02');
  });

  it('given a request with no day-of-month fall-back, when the date is a weekend, then it moves to Monday', () => {
    // 2026-11-28 (Sat) + 3 months = 2027-02-28 (Sun) → Monday 1 March is 삼일절 → Tuesday.
    expect(due('2026-11-28T10:00:00+09:00')).toBe('2027-03-02');
    // 2026-04-18 + 3 months = Saturday 18 July 2026 → Monday 20 July.
    expect(due('2026-04-18T10:00:00+09:00')).toBe('2026-07-20');
  });

  it('given a request on 24 June 2026, when 24–26 September is Chuseok (Thursday to Saturday) and the 27th a Sunday, then it is due Monday 28 September', () => {
    expect(due('2026-06-24T10:00:00+09:00')).toBe('2026-09-28');
  });

  it('the date of the request is the local date in the calendar\'s time zone: 16:00 UTC on 30 November is 1 December in Seoul', () => {
    // 1 December + 3 months = 1 March 2027, 삼일절 → Tuesday 2 March.
    expect(due('2026-11-30T16:00:00Z')).toBe('2027-03-02');
    expect(due('2026-11-30T14:00:00Z')).toBe('2027-03-02');
    expect(due('2026-09-30T16:00:00Z')).toBe('2027-01-04'); // 1 October → Friday 1 January (new year) → weekend → Monday 4
  });

  it('a date the operator closed counts as a holiday; a date the operator opened counts as a working day', () => {
    const closed = { ...DEFAULT_KOREAN_CALENDAR, extraNonWorkingDates: ['2026-06-09'] };
    expect(due('2026-03-09T10:00:00+09:00', closed)).toBe('2026-06-10');
    const opened = { ...DEFAULT_KOREAN_CALENDAR, extraWorkingDates: ['2026-07-18'] };
    expect(due('2026-04-18T10:00:00+09:00', opened)).toBe('2026-07-18');
  });

  it('the whole due day counts: overdue only from the next local day', () => {
    expect(isPastDue('2027-03-02', '2027-03-02T23:59:00+09:00', DEFAULT_KOREAN_CALENDAR)).toBe(false);
    expect(isPastDue('2027-03-02', '2027-03-02T15:30:00Z', DEFAULT_KOREAN_CALENDAR)).toBe(true); // 00:30 on 3 March in Seoul
  });
});
