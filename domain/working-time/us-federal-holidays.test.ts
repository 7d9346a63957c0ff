import { describe, expect, it } from '@jest/globals';
import { isWorkingDay, US_FEDERAL_CALENDAR, US_FEDERAL_HOLIDAYS } from './index.js';

/** OPM's federal holiday lists (opm.gov, "Federal Holidays"), as published, observed dates. */
const OPM: Record<number, string[]> = {
  2024: ['2024-01-01', '2024-01-15', '2024-02-19', '2024-05-27', '2024-06-19', '2024-07-04', '2024-09-02', '2024-10-14', '2024-11-11', '2024-11-28', '2024-12-25'],
  2025: ['2025-01-01', '2025-01-20', '2025-02-17', '2025-05-26', '2025-06-19', '2025-07-04', '2025-09-01', '2025-10-13', '2025-11-11', '2025-11-27', '2025-12-25'],
  // Independence Day falls on a Saturday: observed Friday, July 3.
  2026: ['2026-01-01', '2026-01-19', '2026-02-16', '2026-05-25', '2026-06-19', '2026-07-03', '2026-09-07', '2026-10-12', '2026-11-11', '2026-11-26', '2026-12-25'],
};

const holidaysIn = (year: number) => Object.keys(US_FEDERAL_HOLIDAYS).filter((d) => d.startsWith(`${year}-`)).sort();

describe('US federal holidays (5 U.S.C. 6103, as OPM lists them)', () => {
  it.each([2024, 2025, 2026])('%i: exactly the days OPM lists', (year) => {
    expect(holidaysIn(year)).toEqual(OPM[year]);
  });

  it('a holiday on a Sunday is observed the Monday after; New Year on a Saturday the Friday before, in the year before (2011, the NYC sample’s year)', () => {
    expect(US_FEDERAL_HOLIDAYS['2011-12-26']).toBe('Christmas Day');
    expect(US_FEDERAL_HOLIDAYS['2010-12-31']).toBe("New Year's Day");
    expect(holidaysIn(2011)).toEqual(['2011-01-17', '2011-02-21', '2011-05-30', '2011-07-04', '2011-09-05', '2011-10-10', '2011-11-11', '2011-11-24', '2011-12-26']);
  });

  it('Juneteenth is a holiday from 2021 only', () => {
    expect(US_FEDERAL_HOLIDAYS['2020-06-19']).toBeUndefined();
    expect(US_FEDERAL_HOLIDAYS['2021-06-18']).toBe('Juneteenth National Independence Day');
  });

  it('the ready calendar does not work on holidays nor weekends, and works on other weekdays', () => {
    expect(isWorkingDay('2026-07-03', US_FEDERAL_CALENDAR)).toBe(false);
    expect(isWorkingDay('2026-07-04', US_FEDERAL_CALENDAR)).toBe(false);
    expect(isWorkingDay('2026-07-06', US_FEDERAL_CALENDAR)).toBe(true);
  });
});
