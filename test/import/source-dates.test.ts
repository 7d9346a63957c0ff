import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { DateTime } from 'luxon';
import { SourceDates } from '../../src/import/source-dates.js';

/** What the import stored before the offset cache: Luxon in the zone, a skipped wall-clock time refused. */
function luxonAlone(text: string, format: string, zone: string): ReturnType<SourceDates['parse']> {
  const local = DateTime.fromFormat(text, format, { zone, locale: 'en-US' });
  if (!local.isValid) return 'unparseable';
  const wall = DateTime.fromFormat(text, format, { zone: 'UTC', locale: 'en-US' });
  if (local.hour !== wall.hour || local.minute !== wall.minute || local.day !== wall.day) return 'daylight-saving-gap';
  return { millis: local.toMillis(), iso: local.toISO({ suppressMilliseconds: true })! };
}

const ZONES = ['America/New_York', 'Europe/London', 'Asia/Seoul', 'Australia/Lord_Howe', 'America/Sao_Paulo', 'Asia/Kolkata', 'UTC'];
const NYC = 'MM/dd/yyyy hh:mm:ss a';

describe('source dates: the offset cache gives what Luxon gives in the zone', () => {
  it('for any wall-clock time, around daylight-saving changes most of all, in zones with whole, half and no changes', () => {
    // Each zone's changes of 2010–2030 and a spread of ordinary times.
    const nearChange = fc.record({
      year: fc.integer({ min: 2010, max: 2030 }),
      month: fc.constantFrom(3, 4, 9, 10, 11),
      day: fc.integer({ min: 1, max: 28 }),
      hour: fc.integer({ min: 0, max: 23 }),
      minute: fc.integer({ min: 0, max: 59 }),
      second: fc.integer({ min: 0, max: 59 }),
    });
    fc.assert(
      fc.property(fc.constantFrom(...ZONES), nearChange, (zone, t) => {
        const dates = new SourceDates(NYC, zone);
        const text = DateTime.fromObject(t, { zone: 'UTC' }).toFormat(NYC, { locale: 'en-US' });
        // Twice: the second read comes from the cache.
        expect(dates.parse(text)).toEqual(luxonAlone(text, NYC, zone));
        expect(dates.parse(text)).toEqual(luxonAlone(text, NYC, zone));
      }),
      { numRuns: 5_000 },
    );
  });

  it('refuses a time the zone skips, and keeps the repeated hour as Luxon reads it', () => {
    const dates = new SourceDates(NYC, 'America/New_York');
    // 2021-03-14 02:30 does not exist in New York; 2021-11-07 01:30 exists twice.
    expect(dates.parse('03/14/2021 02:30:00 AM')).toBe('daylight-saving-gap');
    expect(dates.parse('11/07/2021 01:30:00 AM')).toEqual(luxonAlone('11/07/2021 01:30:00 AM', NYC, 'America/New_York'));
    expect(dates.parse('03/01/2011 10:41:13 AM')).toEqual({ millis: Date.parse('2011-03-01T15:41:13Z'), iso: '2011-03-01T10:41:13-05:00' });
    expect(dates.parse('31/01/2011 10:41:13 AM')).toBe('unparseable');
  });

  it('writes +00:00 in a zone with rules and Z in UTC, as Luxon does', () => {
    expect(new SourceDates(NYC, 'Europe/London').parse('01/15/2020 09:00:00 AM')).toEqual({ millis: Date.parse('2020-01-15T09:00:00Z'), iso: '2020-01-15T09:00:00+00:00' });
    expect(new SourceDates(NYC, 'UTC').parse('01/15/2020 09:00:00 AM')).toEqual({ millis: Date.parse('2020-01-15T09:00:00Z'), iso: '2020-01-15T09:00:00Z' });
  });

  it('reads a format with its own offset through Luxon', () => {
    const format = "yyyy-MM-dd'T'HH:mm:ssZZ";
    const dates = new SourceDates(format, 'America/New_York');
    expect(dates.parse('2020-07-01T12:00:00+02:00')).toEqual(luxonAlone('2020-07-01T12:00:00+02:00', format, 'America/New_York'));
  });

  it('adds calendar days at the same wall-clock time across a change', () => {
    const dates = new SourceDates(NYC, 'America/New_York');
    const before = dates.parse('03/13/2021 09:00:00 AM');
    if (typeof before === 'string') throw new Error(before);
    expect(dates.plusDays(before, 2).iso).toBe('2021-03-15T09:00:00-04:00');
  });
});

describe('source dates: why a text is not a date', () => {
  const dates = new SourceDates('yyyy-MM-dd HH:mm', 'America/Chicago');

  it('a text of another form is not of the mapping’s form', () => {
    expect(dates.parse('06/01/2024 11:00')).toBe('unparseable');
    expect(dates.whyUnparseable('06/01/2024 11:00')).toBe('is not a date of the form yyyy-MM-dd HH:mm');
  });

  it('a text of the form that names no date says which part does not exist', () => {
    expect(dates.parse('2024-02-30 11:00')).toBe('unparseable');
    expect(dates.whyUnparseable('2024-02-30 11:00')).toBe('has the form yyyy-MM-dd HH:mm but is no date: February 2024 has no day 30');
    expect(dates.whyUnparseable('2023-02-29 11:00')).toBe('has the form yyyy-MM-dd HH:mm but is no date: February 2023 has no day 29');
    expect(dates.parse('2024-02-29 11:00')).toMatchObject({ iso: '2024-02-29T11:00:00-06:00' });
    expect(dates.whyUnparseable('2024-13-06 18:30')).toBe('has the form yyyy-MM-dd HH:mm but is no date: there is no month 13');
    expect(dates.whyUnparseable('2024-01-06 24:30')).toBe('has the form yyyy-MM-dd HH:mm but is no date: there is no hour 24');
    expect(dates.whyUnparseable('2024-01-06 11:60')).toBe('has the form yyyy-MM-dd HH:mm but is no date: there is no minute 60');
  });
});
