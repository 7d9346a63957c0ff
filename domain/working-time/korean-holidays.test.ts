import { describe, expect, it } from '@jest/globals';
import { DEFAULT_KOREAN_CALENDAR, KOREAN_PUBLIC_HOLIDAYS, isWorkingDay, validateWorkingCalendar } from './index.js';

const calendar = DEFAULT_KOREAN_CALENDAR;
const isHoliday = (date: string) => date in KOREAN_PUBLIC_HOLIDAYS;

describe('Korean public holidays, 2026 (government list)', () => {
  it.each([
    ['2026-01-01', '1월 1일'],
    ['2026-02-16', 'Seollal, day before'],
    ['2026-02-17', 'Seollal'],
    ['2026-02-18', 'Seollal, day after'],
    ['2026-03-01', 'Independence Movement Day (Sunday)'],
    ['2026-03-02', 'substitute for Mar 1'],
    ['2026-05-05', "Children's Day"],
    ['2026-05-24', "Buddha's Birthday (Sunday)"],
    ['2026-05-25', "substitute for Buddha's Birthday"],
    ['2026-06-03', 'local elections'],
    ['2026-06-06', 'Memorial Day (Saturday)'],
    ['2026-08-15', 'Liberation Day (Saturday)'],
    ['2026-08-17', 'substitute for Aug 15'],
    ['2026-09-24', 'Chuseok, day before'],
    ['2026-09-25', 'Chuseok'],
    ['2026-09-26', 'Chuseok, day after (Saturday)'],
    ['2026-10-03', 'National Foundation Day (Saturday)'],
    ['2026-10-05', 'substitute for Oct 3'],
    ['2026-10-09', 'Hangul Day'],
    ['2026-12-25', 'Christmas'],
  ])('given the default calendar, %s (%s) is a public holiday and not a working day', (date) => {
    expect(isHoliday(date)).toBe(true);
    expect(isWorkingDay(date, calendar)).toBe(false);
  });

  it('Memorial Day on a Saturday has no substitute: Mon 8 Jun 2026 works', () => {
    expect(isWorkingDay('2026-06-08', calendar)).toBe(true);
  });

  it('Chuseok ending on a Saturday has no substitute (only Sunday or holiday overlaps count): Mon 28 Sep 2026 works', () => {
    expect(isWorkingDay('2026-09-28', calendar)).toBe(true);
  });

  it('the 2026 amendments make Labour Day (May 1) and Constitution Day (Jul 17) public holidays', () => {
    expect(KOREAN_PUBLIC_HOLIDAYS['2026-05-01']).toEqual(['노동절']);
    expect(KOREAN_PUBLIC_HOLIDAYS['2026-07-17']).toEqual(['제헌절']);
  });

  it('lists no other 2026 date', () => {
    const listed = Object.keys(KOREAN_PUBLIC_HOLIDAYS).filter((d) => d.startsWith('2026-'));
    expect(listed).toHaveLength(22);
  });
});

describe('Korean public holidays, 2025', () => {
  it.each([
    '2025-01-27', // temporary holiday
    '2025-01-28',
    '2025-01-29',
    '2025-01-30', // Seollal
    '2025-03-03', // substitute for Mar 1 (Saturday)
    '2025-05-05', // Children's Day and Buddha's Birthday on the same day
    '2025-05-06', // one substitute day for both
    '2025-06-03', // presidential election
    '2025-10-03',
    '2025-10-05',
    '2025-10-06',
    '2025-10-07', // Chuseok, starting on a Sunday
    '2025-10-08', // substitute for the Sunday
    '2025-10-09',
  ])('%s is a public holiday', (date) => {
    expect(isHoliday(date)).toBe(true);
    expect(isWorkingDay(date, calendar)).toBe(false);
  });

  it('Fri 10 Oct 2025, after Hangul Day, works', () => {
    expect(isWorkingDay('2025-10-10', calendar)).toBe(true);
  });
});

describe('coverage of the default calendar', () => {
  const dangi = new Intl.DateTimeFormat('en-US-u-ca-dangi', { timeZone: 'Asia/Seoul', month: 'numeric', day: 'numeric' });
  const lunar = (date: string) => dangi.format(new Date(`${date}T12:00:00+09:00`)); // "M/D"
  const datesNamed = (year: number, name: string) =>
    Object.entries(KOREAN_PUBLIC_HOLIDAYS)
      .filter(([date, names]) => date.startsWith(`${year}-`) && names.some((n) => n.startsWith(name)))
      .map(([date]) => date)
      .sort();

  it.each([2024, 2025, 2026, 2027, 2028])('%i has three days of Seollal and of Chuseok, on the Korean lunar dates', (year) => {
    const seollal = datesNamed(year, '설날');
    const chuseok = datesNamed(year, '추석');
    expect(seollal).toHaveLength(3);
    expect(chuseok).toHaveLength(3);
    expect(lunar(seollal[1] as string)).toBe('1/1');
    expect(lunar(seollal[2] as string)).toBe('1/2');
    expect(lunar(chuseok[1] as string)).toBe('8/15');
    expect(datesNamed(year, '부처님 오신 날').map(lunar)).toEqual(['4/8']);
  });

  it('2028 (provisional): the Chuseok/National Foundation Day overlap gives Thu 5 Oct; the general election Wed 12 Apr', () => {
    expect(isWorkingDay('2028-10-05', calendar)).toBe(false);
    expect(isWorkingDay('2028-10-06', calendar)).toBe(true);
    expect(isWorkingDay('2028-04-12', calendar)).toBe(false);
  });

  it('the default calendar is valid plain data that survives JSON', () => {
    const roundTripped = JSON.parse(JSON.stringify(calendar));
    expect(roundTripped).toEqual(calendar);
    expect(validateWorkingCalendar(roundTripped)).toEqual([]);
  });
});
