import { describe, expect, it } from '@jest/globals';
import { DEFAULT_KOREAN_CALENDAR, addWorkingTime, workingMillisBetween } from './index.js';

const calendar = DEFAULT_KOREAN_CALENDAR;
const HOUR = 3_600_000;

describe('working time runs only in office hours', () => {
  it('lunch is not working time: 2 hours from 11:00 end at 14:00', () => {
    expect(addWorkingTime('2026-11-02T11:00:00+09:00', { hours: 2 }, calendar)).toBe('2026-11-02T14:00:00.000+09:00');
  });

  it('a receipt during lunch counts from 13:00', () => {
    expect(addWorkingTime('2026-11-02T12:30:00+09:00', { hours: 1 }, calendar)).toBe('2026-11-02T14:00:00.000+09:00');
  });

  it('time that runs out at the end of a working period ends there, not after the break or the night', () => {
    expect(addWorkingTime('2026-11-02T09:00:00+09:00', { hours: 3 }, calendar)).toBe('2026-11-02T12:00:00.000+09:00');
    expect(addWorkingTime('2026-11-02T09:00:00+09:00', { days: 1 }, calendar)).toBe('2026-11-02T18:00:00.000+09:00');
  });

  it('one day is 8 working hours: a day from Mon 10:00 ends Tue 10:00', () => {
    expect(addWorkingTime('2026-11-02T10:00:00+09:00', { days: 1 }, calendar)).toBe('2026-11-03T10:00:00.000+09:00');
  });

  it('a Friday-evening receipt starts counting on Monday 09:00', () => {
    // Given a receipt on Fri 6 Mar 2026 at 19:00, When 3 working hours run, Then Monday 12:00
    expect(addWorkingTime('2026-03-06T19:00:00+09:00', { hours: 3 }, calendar)).toBe('2026-03-09T12:00:00.000+09:00');
  });

  it('a Sunday or holiday receipt starts counting at the next working moment', () => {
    expect(addWorkingTime('2026-11-08T10:00:00+09:00', { hours: 1 }, calendar)).toBe('2026-11-09T10:00:00.000+09:00');
    expect(addWorkingTime('2026-12-25T10:00:00+09:00', { hours: 1 }, calendar)).toBe('2026-12-28T10:00:00.000+09:00');
  });

  it('zero working time from outside office hours is the next working moment', () => {
    expect(addWorkingTime('2026-11-06T19:00:00+09:00', { hours: 0 }, calendar)).toBe('2026-11-09T09:00:00.000+09:00');
  });

  it('reads an instant with any offset, and one without an offset as Seoul time', () => {
    expect(addWorkingTime('2026-11-02T01:00:00Z', { hours: 1 }, calendar)).toBe('2026-11-02T11:00:00.000+09:00');
    expect(addWorkingTime('2026-11-02T10:00', { hours: 1 }, calendar)).toBe('2026-11-02T11:00:00.000+09:00');
  });

  it('rejects what is not an instant or a period', () => {
    expect(() => addWorkingTime('next Monday', { hours: 1 }, calendar)).toThrow(RangeError);
    expect(() => addWorkingTime('2026-11-02T10:00:00+09:00', { hours: -1 }, calendar)).toThrow(RangeError);
    expect(() => addWorkingTime('2026-11-02T10:00:00+09:00', { weeks: 1 } as never, calendar)).toThrow(RangeError);
  });
});

describe('substitute holidays are not counted', () => {
  it.each([
    ['Fri 27 Feb 2026', '2026-02-27T10:00:00+09:00', '2026-03-03T10:00:00.000+09:00', 'Mar 2 (for Mar 1)'],
    ['Fri 22 May 2026', '2026-05-22T10:00:00+09:00', '2026-05-26T10:00:00.000+09:00', "May 25 (for Buddha's Birthday)"],
    ['Fri 14 Aug 2026', '2026-08-14T10:00:00+09:00', '2026-08-18T10:00:00.000+09:00', 'Aug 17 (for Aug 15)'],
    ['Fri 2 Oct 2026', '2026-10-02T10:00:00+09:00', '2026-10-06T10:00:00.000+09:00', 'Oct 5 (for Oct 3)'],
  ])('a day from %s 10:00 skips the weekend and %s: due the Tuesday', (_, receivedAt, due) => {
    expect(addWorkingTime(receivedAt, { days: 1 }, calendar)).toBe(due);
  });
});

describe('working time elapsed', () => {
  it('counts office hours only: Fri 17:00 to Mon 10:00 is 2 hours', () => {
    expect(workingMillisBetween('2026-11-06T17:00:00+09:00', '2026-11-09T10:00:00+09:00', calendar)).toBe(2 * HOUR);
  });

  it('is zero when the end is not after the start', () => {
    expect(workingMillisBetween('2026-11-09T10:00:00+09:00', '2026-11-06T17:00:00+09:00', calendar)).toBe(0);
  });

  it('does not count a pause; a pause across a weekend stops only the working hours it covers', () => {
    // Given a case from Thu 5 Nov 10:00 to Tue 10 Nov 10:00 (24 working hours)
    // And the clock stopped from Fri 16:00 to Mon 11:00 (2 + 2 working hours)
    const pauses = [{ from: '2026-11-06T16:00:00+09:00', to: '2026-11-09T11:00:00+09:00' }];
    // Then 20 working hours were used
    expect(workingMillisBetween('2026-11-05T10:00:00+09:00', '2026-11-10T10:00:00+09:00', calendar, pauses)).toBe(20 * HOUR);
  });

  it('counts overlapping pauses once', () => {
    const pauses = [
      { from: '2026-11-02T10:00:00+09:00', to: '2026-11-02T15:00:00+09:00' },
      { from: '2026-11-02T14:00:00+09:00', to: '2026-11-02T16:00:00+09:00' },
      { from: '2026-11-02T11:00:00+09:00', to: '2026-11-02T11:30:00+09:00' },
    ];
    // 09:00–18:00 less lunch is 8 hours; paused 10:00–16:00 less lunch is 5 hours
    expect(workingMillisBetween('2026-11-02T09:00:00+09:00', '2026-11-02T18:00:00+09:00', calendar, pauses)).toBe(3 * HOUR);
  });

  it('runs an open pause to the end of the measured span', () => {
    const pauses = [{ from: '2026-11-02T16:00:00+09:00' }];
    expect(workingMillisBetween('2026-11-02T09:00:00+09:00', '2026-11-03T18:00:00+09:00', calendar, pauses)).toBe(6 * HOUR);
  });

  it('ignores a pause outside the measured span', () => {
    const pauses = [{ from: '2026-10-01T09:00:00+09:00', to: '2026-10-30T18:00:00+09:00' }];
    expect(workingMillisBetween('2026-11-02T09:00:00+09:00', '2026-11-02T18:00:00+09:00', calendar, pauses)).toBe(8 * HOUR);
  });
});
