import { describe, expect, it } from '@jest/globals';
import { DEFAULT_KOREAN_CALENDAR, IMMEDIATELY, US_FEDERAL_CALENDAR, addWorkingTime, deadlineFor, dueAt, dueAtOf, isWorkingDay, nextWorkingDayDeadline, validateWorkingCalendar, workingMillisBetween } from './index.js';

const calendar = DEFAULT_KOREAN_CALENDAR;
const HOUR = 3_600_000;

describe('a period of 5 days or less is counted in working hours from receipt (art. 18 ①)', () => {
  it('a 3-day period received Wed 23 Sep 2026 10:00 skips Chuseok (24–26 Sep) and the weekend: due Wed 30 Sep 10:00', () => {
    // Given a complaint received on Wed 2026-09-23 at 10:00
    // When its 3-day deadline is computed
    const due = deadlineFor('2026-09-23T10:00:00+09:00', { days: 3 }, calendar);
    // Then 24 working hours: Wed 7 h, Mon 28 and Tue 29 Sep 8 h each, Wed 30 Sep 1 h
    expect(due).toBe('2026-09-30T10:00:00.000+09:00');
  });

  it('a 5-day period from Mon 2 Nov 2026 10:00 is 40 working hours: due Mon 9 Nov 10:00', () => {
    expect(deadlineFor('2026-11-02T10:00:00+09:00', { days: 5 }, calendar)).toBe('2026-11-09T10:00:00.000+09:00');
  });

  it('a receipt on Friday at 19:00 starts counting on Monday: 1 day is due Monday 18:00', () => {
    expect(deadlineFor('2026-11-06T19:00:00+09:00', { days: 1 }, calendar)).toBe('2026-11-09T18:00:00.000+09:00');
  });

  it('the interim notice within 1 day of receipt is due 8 working hours later', () => {
    expect(deadlineFor('2026-11-05T15:30:00+09:00', { days: 1 }, calendar)).toBe('2026-11-06T15:30:00.000+09:00');
  });
});

describe('a period of 6 days or more is counted in days, the first day included (art. 18 ②)', () => {
  it('6 days from Mon 2 Nov 2026 10:00 end with the working hours of Mon 9 Nov', () => {
    // Given receipt on Monday (day 1); Tue 2, Wed 3, Thu 4, Fri 5; the weekend is not counted; Mon 9 is day 6
    expect(deadlineFor('2026-11-02T10:00:00+09:00', { days: 6 }, calendar)).toBe('2026-11-09T18:00:00.000+09:00');
  });

  it('the first day is the receipt day even when received late in the day', () => {
    expect(deadlineFor('2026-11-02T17:59:00+09:00', { days: 6 }, calendar)).toBe('2026-11-09T18:00:00.000+09:00');
  });

  it('a receipt after working hours makes the next working day the first day', () => {
    expect(deadlineFor('2026-11-02T19:00:00+09:00', { days: 6 }, calendar)).toBe('2026-11-10T18:00:00.000+09:00');
  });

  it('holidays are not counted: 7 days from Tue 22 Sep 2026 end on Fri 2 Oct 18:00', () => {
    // Tue 22 (1), Wed 23 (2), Chuseok and the weekend, Mon 28 (3) … Fri 2 Oct (7)
    expect(deadlineFor('2026-09-22T15:00:00+09:00', { days: 7 }, calendar)).toBe('2026-10-02T18:00:00.000+09:00');
  });

  it('a period of more than 5 days must be whole days', () => {
    expect(() => deadlineFor('2026-11-02T10:00:00+09:00', { days: 6.5 }, calendar)).toThrow(RangeError);
  });
});

describe('counting long periods in whole days is the calendar\'s rule (wholeDaysFrom), not every calendar\'s', () => {
  // Fri 20 Nov 2026 16:59 in New York, a minute before closing; Thanksgiving (Thu 26 Nov) is not counted
  const nyReceipt = '2026-11-20T16:59:00-05:00';

  it('the US calendar counts every period in working hours: 5, 6 and 7 days are each a working day apart', () => {
    expect(US_FEDERAL_CALENDAR.wholeDaysFrom).toBeNull();
    expect(deadlineFor(nyReceipt, { days: 5 }, US_FEDERAL_CALENDAR)).toBe('2026-11-30T16:59:00.000-05:00');
    expect(deadlineFor(nyReceipt, { days: 6 }, US_FEDERAL_CALENDAR)).toBe('2026-12-01T16:59:00.000-05:00');
    expect(deadlineFor(nyReceipt, { days: 7 }, US_FEDERAL_CALENDAR)).toBe('2026-12-02T16:59:00.000-05:00');
  });

  it('the Korean calendar keeps the decree\'s 6 days', () => {
    expect(DEFAULT_KOREAN_CALENDAR.wholeDaysFrom).toBe(6);
  });

  it('an operator may set it: the US calendar counting 6 days or more in whole days, or the Korean one none', () => {
    expect(deadlineFor(nyReceipt, { days: 6 }, { ...US_FEDERAL_CALENDAR, wholeDaysFrom: 6 })).toBe('2026-11-30T17:00:00.000-05:00');
    expect(deadlineFor('2026-11-02T10:00:00+09:00', { days: 6 }, { ...calendar, wholeDaysFrom: null })).toBe('2026-11-10T10:00:00.000+09:00');
  });

  it.each([0, 2.5, -1])('is a whole number of days from 1, or null: %p is rejected', (wholeDaysFrom) => {
    expect(validateWorkingCalendar({ ...calendar, wholeDaysFrom }).join()).toMatch(/wholeDaysFrom/);
  });
});

describe('the due instant is the earliest instant at which the working time reaches the amount: the end of a working period, not the next opening', () => {
  // Received Tue 2 Jun 2026 09:00; Wed 3 Jun is a holiday (the local elections): Tue, Thu and Fri give 8 working hours each.
  const receivedAt = '2026-06-02T09:00:00+09:00';
  const oneMsBefore = (instant: string) => new Date(Date.parse(instant) - 1).toISOString();

  it('24 working hours, or 3 working days, are due Fri 5 Jun 18:00, not Mon 8 Jun 09:00 (the same working time, read as "due Monday")', () => {
    expect(isWorkingDay('2026-06-03', calendar)).toBe(false);
    for (const due of [
      dueAtOf(receivedAt, { hours: 24 }, calendar), dueAtOf(receivedAt, { days: 3 }, calendar), deadlineFor(receivedAt, { days: 3 }, calendar), addWorkingTime(receivedAt, { hours: 24 }, calendar),
    ]) {
      expect(due).toBe('2026-06-05T18:00:00.000+09:00');
      expect(workingMillisBetween(receivedAt, due as string, calendar)).toBe(24 * HOUR);
      expect(workingMillisBetween(receivedAt, oneMsBefore(due as string), calendar)).toBe(24 * HOUR - 1);
    }
  });

  it('a period counted in whole days ends with the working hours of its last day: 6 days are due Wed 10 Jun 18:00', () => {
    // Tue 2 (1), Thu 4 (2), Fri 5 (3), Mon 8 (4), Tue 9 (5), Wed 10 (6)
    expect(dueAtOf(receivedAt, { days: 6 }, calendar)).toBe('2026-06-10T18:00:00.000+09:00');
  });

  it('a pause moves it by the working time it stopped: paused Thu 4 Jun 10:00–11:00, Fri 18:00 + 1 working hour is Mon 8 Jun 10:00; a pause from Fri 18:00 on moves nothing', () => {
    expect(dueAtOf(receivedAt, { hours: 24 }, calendar, [{ from: '2026-06-04T10:00:00+09:00', to: '2026-06-04T11:00:00+09:00' }])).toBe('2026-06-08T10:00:00.000+09:00');
    // Paused from Fri 17:00 to Mon 08:00: one working hour stopped, so the last hour runs from the opening, Mon 09:00 to 10:00.
    expect(dueAtOf(receivedAt, { hours: 24 }, calendar, [{ from: '2026-06-05T17:00:00+09:00', to: '2026-06-08T08:00:00+09:00' }])).toBe('2026-06-08T10:00:00.000+09:00');
    expect(dueAtOf(receivedAt, { hours: 24 }, calendar, [{ from: '2026-06-05T18:00:00+09:00' }])).toBe('2026-06-05T18:00:00.000+09:00');
  });

  it('calendar days are unaffected: 3 calendar days are due at the same local time, Fri 5 Jun 09:00', () => {
    expect(dueAtOf(receivedAt, { calendarDays: 3 }, calendar)).toBe('2026-06-05T09:00:00.000+09:00');
  });
});

describe('"immediately" means within 3 working hours (art. 18 ③)', () => {
  it('received at 11:00, it is due at 15:00 (lunch excluded)', () => {
    expect(deadlineFor('2026-11-02T11:00:00+09:00', IMMEDIATELY, calendar)).toBe('2026-11-02T15:00:00.000+09:00');
  });
});

describe('operator changes to the calendar move the deadline', () => {
  it('an added non-working date is skipped', () => {
    const closed = { ...calendar, extraNonWorkingDates: ['2026-11-03'] };
    expect(deadlineFor('2026-11-02T10:00:00+09:00', { days: 1 }, closed)).toBe('2026-11-04T10:00:00.000+09:00');
  });

  it('a removed holiday is counted', () => {
    // Given the body works on the day before Chuseok
    const opened = { ...calendar, extraWorkingDates: ['2026-09-24'] };
    expect(deadlineFor('2026-09-23T10:00:00+09:00', { days: 3 }, opened)).toBe('2026-09-29T10:00:00.000+09:00');
  });
});

describe('paused time is not counted (CCMS: complainant delay, supplementing documents, outside inquiries)', () => {
  const receivedAt = '2026-11-05T10:00:00+09:00'; // Thursday; 3 days due Tue 10 Nov 10:00

  it('a pause across a weekend pushes the deadline by the working time it stopped', () => {
    // Given documents were being supplemented from Fri 16:00 to Mon 11:00 (4 working hours)
    const pauses = [{ from: '2026-11-06T16:00:00+09:00', to: '2026-11-09T11:00:00+09:00' }];
    // When the due instant is computed
    const due = dueAt(receivedAt, { days: 3 }, calendar, pauses);
    // Then it moves from Tue 10:00 by 4 working hours, over lunch, to Tue 15:00
    expect(due).toBe('2026-11-10T15:00:00.000+09:00');
    expect(workingMillisBetween(receivedAt, due as string, calendar, pauses)).toBe(24 * HOUR);
  });

  it('overlapping pauses push it once', () => {
    const pauses = [
      { from: '2026-11-06T09:00:00+09:00', to: '2026-11-06T12:00:00+09:00' },
      { from: '2026-11-06T10:00:00+09:00', to: '2026-11-06T11:00:00+09:00' },
    ];
    expect(dueAt(receivedAt, { days: 3 }, calendar, pauses)).toBe('2026-11-10T14:00:00.000+09:00');
  });

  it('a pause pushes a period counted in days too', () => {
    const pauses = [{ from: '2026-11-03T09:00:00+09:00', to: '2026-11-03T18:00:00+09:00' }];
    expect(dueAt('2026-11-02T10:00:00+09:00', { days: 6 }, calendar, pauses)).toBe('2026-11-10T18:00:00.000+09:00');
  });

  it('an open pause leaves the deadline unknown while the clock is stopped', () => {
    expect(dueAt(receivedAt, { days: 3 }, calendar, [{ from: '2026-11-06T10:00:00+09:00' }])).toBeNull();
  });

  it('a pause that starts after the period ran out changes nothing', () => {
    const pauses = [{ from: '2026-11-10T11:00:00+09:00' }];
    expect(dueAt(receivedAt, { days: 3 }, calendar, pauses)).toBe('2026-11-10T10:00:00.000+09:00');
  });
});

describe('materials requested from another department are due the next working day (D+1)', () => {
  it.each([
    ['Thu 10:00', '2026-11-05T10:00:00+09:00', '2026-11-06T18:00:00.000+09:00'],
    ['Fri 10:00', '2026-11-06T10:00:00+09:00', '2026-11-09T18:00:00.000+09:00'],
    ['Fri 19:00 (counts as Monday)', '2026-11-06T19:00:00+09:00', '2026-11-10T18:00:00.000+09:00'],
    ['Wed 23 Sep 2026, before Chuseok', '2026-09-23T10:00:00+09:00', '2026-09-28T18:00:00.000+09:00'],
  ])('requested %s', (_, at, due) => {
    expect(nextWorkingDayDeadline(at, calendar)).toBe(due);
  });
});
