import { afterAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_KOREAN_CALENDAR } from '../../domain/working-time/index.js';
import { calendarOf, ConfigError, loadConfig, performanceOf } from '../../src/config/config.js';

const dir = mkdtempSync(join(tmpdir(), 'calendar-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const calendarFile = (content: unknown) => {
  const file = join(dir, `${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content));
  return file;
};

describe('the working calendar and the SLA rules are configuration', () => {
  it('by default: the Korean calendar, at risk from 80 %, the interim notice within 1 working day, equal satisfaction weights', () => {
    const config = loadConfig({});
    expect(calendarOf(config)).toBe(DEFAULT_KOREAN_CALENDAR);
    expect(performanceOf(config)).toEqual({ atRiskShare: 0.8, interimNoticeDeadline: { days: 1 }, satisfactionImportance: null });
    // A config built by hand (as the tests do) gets the same defaults
    expect(performanceOf({ ...config, performance: undefined, calendar: undefined })).toEqual(performanceOf(config));
    expect(calendarOf({ ...config, calendar: undefined })).toBe(DEFAULT_KOREAN_CALENDAR);
  });

  it('CALENDAR_FILE overrides fields of the Korean default: an operator closes a day without listing every holiday again', () => {
    const calendar = calendarOf(loadConfig({ CALENDAR_FILE: calendarFile({ extraNonWorkingDates: ['2026-10-02'], workingHours: { start: '08:00', end: '17:00' } }) }));
    expect(calendar.extraNonWorkingDates).toEqual(['2026-10-02']);
    expect(calendar.workingHours).toEqual({ start: '08:00', end: '17:00' });
    expect(calendar.publicHolidays).toBe(DEFAULT_KOREAN_CALENDAR.publicHolidays);
  });

  it('CALENDAR_FILE may change how days are counted: wholeDaysFrom null counts every period in working hours, 0 is refused', () => {
    expect(calendarOf(loadConfig({ CALENDAR_FILE: calendarFile({ wholeDaysFrom: null }) })).wholeDaysFrom).toBeNull();
    expect(() => loadConfig({ CALENDAR_FILE: calendarFile({ wholeDaysFrom: 0 }) })).toThrow(/CALENDAR_FILE: wholeDaysFrom must be a whole number/);
  });

  it('a calendar that does not validate, an unknown field or unreadable JSON stops the start with the variable named', () => {
    expect(() => loadConfig({ CALENDAR_FILE: calendarFile({ timeZone: 'Mars/Olympus' }) })).toThrow(/CALENDAR_FILE: timeZone "Mars\/Olympus" is not an IANA time zone/);
    expect(() => loadConfig({ CALENDAR_FILE: calendarFile({ holidays: [] }) })).toThrow(/CALENDAR_FILE: unknown field\(s\) holidays/);
    expect(() => loadConfig({ CALENDAR_FILE: calendarFile('{ not json') })).toThrow(ConfigError);
    expect(() => loadConfig({ CALENDAR_FILE: join(dir, 'missing.json') })).toThrow(/CALENDAR_FILE: cannot read/);
  });

  it('SLA_AT_RISK_SHARE, INTERIM_NOTICE_DEADLINE and SATISFACTION_IMPORTANCE are read and checked', () => {
    // Every item of the catalog's survey (the default's seven elements but the overall rating).
    const importance = { easeOfFiling: 30, interimNotice: 10, proactiveness: 20, courtesy: 25, processingTime: 10, explanation: 5 };
    expect(performanceOf(loadConfig({ SLA_AT_RISK_SHARE: '0.75', INTERIM_NOTICE_DEADLINE: '4h', SATISFACTION_IMPORTANCE: JSON.stringify(importance) }))).toEqual({
      atRiskShare: 0.75, interimNoticeDeadline: { hours: 4 }, satisfactionImportance: importance,
    });
    expect(() => loadConfig({ SLA_AT_RISK_SHARE: '80' })).toThrow(/SLA_AT_RISK_SHARE/);
    expect(() => loadConfig({ SLA_AT_RISK_SHARE: 'soon' })).toThrow(/SLA_AT_RISK_SHARE/);
    expect(() => loadConfig({ INTERIM_NOTICE_DEADLINE: 'tomorrow' })).toThrow(/INTERIM_NOTICE_DEADLINE/);
    expect(() => loadConfig({ SATISFACTION_IMPORTANCE: '{"courtesy": 120}' })).toThrow(/SATISFACTION_IMPORTANCE: .*courtesy must be a percentage/);
    // The five items of before: the seventh element must be given too.
    const { explanation: _explanation, ...five } = importance;
    expect(() => loadConfig({ SATISFACTION_IMPORTANCE: JSON.stringify(five) })).toThrow(/SATISFACTION_IMPORTANCE: explanation must be a percentage/);
  });
});
