import { afterAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_CATALOG, type Catalog } from '../../domain/catalog.js';
import type { ComplaintEvent } from '../../domain/complaint/events.js';
import { isWorkingDay, US_FEDERAL_CALENDAR } from '../../domain/working-time/index.js';
import { foldPeriods, slaAt } from '../../projections/sla.js';
import { calendarOf, ConfigError, loadConfig, slaRulesOf } from '../../src/config/index.js';

const dir = mkdtempSync(join(tmpdir(), 'catalog-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const catalogFile = (catalog: unknown, name = 'catalog.json'): string => {
  const file = join(dir, name);
  writeFileSync(file, JSON.stringify(catalog));
  return file;
};

/** A US consumer-complaint office: 15 calendar days to answer, or 2 working days, or 4 working hours. */
const usCatalog: Catalog = {
  departments: [{ code: 'complaints', name: { ko: '민원', en: 'Complaints' } }],
  categories: [
    { code: 'mortgage', name: { ko: '주택담보대출', en: 'Mortgage' }, defaultDepartment: 'complaints', deadlineCalendarDays: 15 },
    { code: 'card', name: { ko: '카드', en: 'Credit card' }, defaultDepartment: 'complaints', deadlineDays: 2 },
    { code: 'fraud', name: { ko: '사기', en: 'Fraud' }, defaultDepartment: 'complaints', deadlineHours: 4 },
  ],
  externalBodies: [],
  calendar: { ready: 'usa', timeZone: 'America/New_York' },
};

const received = (category: string, receivedAt: string, sourceDueAt?: string): ComplaintEvent => ({
  type: 'ComplaintReceived',
  occurredAt: receivedAt,
  data: {
    complaintId: 'c-1', channel: 'web', route: { kind: 'internal' }, category, description: 'x', complainant: { name: 'n', address: 'a' },
    consent: { sms: false, email: false, phone: false }, subjects: [], vulnerable: false, receivedAt, unidentified: false, ...(sourceDueAt ? { sourceDueAt } : {}),
  },
});
const communicated = (at: string): ComplaintEvent => ({ type: 'DecisionCommunicated', occurredAt: at, data: { channel: 'post', basis: 'b', appeal: 'a' } });

describe('a catalog names its calendar and counts each category’s deadline in its own unit', () => {
  const config = loadConfig({ CATALOG_FILE: catalogFile(usCatalog, 'us.json') });
  const rules = slaRulesOf(config);
  const dueOf = (category: string, at: string): string | null => foldPeriods([received(category, at)], rules)[0]!.dueAt;

  it('the service runs on the catalog’s calendar: New York time and US federal holidays', () => {
    expect(calendarOf(config).timeZone).toBe('America/New_York');
    expect(calendarOf(config).publicHolidays).toEqual(US_FEDERAL_CALENDAR.publicHolidays);
  });

  it('15 calendar days: due at the same New York time 15 days later, weekends and holidays counted', () => {
    // Friday 2026-06-26 10:00 EDT; July 3 (observed Independence Day) and two weekends are inside.
    expect(dueOf('mortgage', '2026-06-26T14:00:00Z')).toBe('2026-07-11T14:00:00.000Z');
  });

  it('2 working days (working hours, ≤ 5 days): Thursday 2 July 10:00 is due Tuesday 7 July 10:00, past the observed holiday and the weekend', () => {
    expect(dueOf('card', '2026-07-02T14:00:00Z')).toBe('2026-07-07T14:00:00.000Z');
  });

  it('4 working hours: Thursday 2 July 15:00 is due Monday 6 July 11:00 (17:00 close, Friday observed holiday)', () => {
    expect(dueOf('fraud', '2026-07-02T19:00:00Z')).toBe('2026-07-06T15:00:00.000Z');
  });

  it('a case imported with its source’s due date is judged by it, not by the catalog: answered after it, breached; before it, met', () => {
    const at = '2011-03-01T15:41:13Z';
    const due = '2011-03-02T10:00:00Z';
    const late = foldPeriods([received('mortgage', at, due), communicated('2011-03-03T10:00:00Z')], rules)[0]!;
    expect(late.dueAt).toBe('2011-03-02T10:00:00.000Z');
    expect(slaAt(late, '2026-01-01T00:00:00Z', { calendar: rules.calendar, atRiskShare: 0.8 }).status).toBe('breached');
    const onTime = foldPeriods([received('mortgage', at, due), communicated('2011-03-02T09:00:00Z')], rules)[0]!;
    expect(slaAt(onTime, '2026-01-01T00:00:00Z', { calendar: rules.calendar, atRiskShare: 0.8 }).status).toBe('met');
    // The same case without the source's due date has the catalog's 15 calendar days: met.
    const byCatalog = foldPeriods([received('mortgage', at), communicated('2011-03-03T10:00:00Z')], rules)[0]!;
    expect(slaAt(byCatalog, '2026-01-01T00:00:00Z', { calendar: rules.calendar, atRiskShare: 0.8 }).status).toBe('met');
  });

  it('7 working days on the usa calendar are 56 working hours from receipt, not the Korean decree’s whole days; a catalog’s calendar may say otherwise (wholeDaysFrom)', () => {
    const sevenDays = { ...usCatalog, categories: [{ code: 'appeal', name: { ko: '이의', en: 'Appeal' }, defaultDepartment: 'complaints', deadlineDays: 7 }] };
    const dueIn = (calendar: Catalog['calendar']) => foldPeriods([received('appeal', '2026-11-20T21:59:00Z')], slaRulesOf(loadConfig({ CATALOG_FILE: catalogFile({ ...sevenDays, calendar }, 'days.json') })))[0]!.dueAt;
    // Received Fri 20 Nov 2026 16:59 in New York; Thanksgiving (Thu 26 Nov) not counted
    expect(dueIn({ ready: 'usa' })).toBe('2026-12-02T21:59:00.000Z');
    // Whole days, the receipt day the first: Fri 20, Mon 23, Tue 24, Wed 25, Fri 27, Mon 30, Tue 1 Dec to 17:00
    expect(dueIn({ ready: 'usa', wholeDaysFrom: 6 })).toBe('2026-12-01T22:00:00.000Z');
    expect(() => dueIn({ ready: 'usa', wholeDaysFrom: 0 })).toThrow(/\$\.calendar\.wholeDaysFrom: minimum/);
  });

  it('a receipt stored before due dates were imported still reads: no sourceDueAt, the catalog’s deadline', () => {
    const [period] = foldPeriods([received('card', '2026-07-02T14:00:00Z')], rules);
    expect(period!.deadlineDays).toBe(2);
  });
});

describe('the NYC catalog closes on the City’s holidays beyond the federal ones', () => {
  const calendar = calendarOf(loadConfig({ CATALOG_FILE: 'mappings/nyc311-catalog.json' }));

  it('Election Day (the Tuesday after the first Monday in November) from the sample’s year 2011 to 2040: City offices are closed', () => {
    for (let year = 2011; year <= 2040; year++) {
      const firstMonday = 1 + ((8 - new Date(Date.UTC(year, 10, 1)).getUTCDay()) % 7);
      const electionDay = `${year}-11-${String(firstMonday + 1).padStart(2, '0')}`;
      expect([electionDay, isWorkingDay(electionDay, calendar)]).toEqual([electionDay, false]);
    }
    // 5 working days from Mon 2 Nov 2026 10:00 skip Election Day (Tue 3 Nov): due Tue 10 Nov 10:00
    const rules = slaRulesOf(loadConfig({ CATALOG_FILE: 'mappings/nyc311-catalog.json' }));
    expect(foldPeriods([received('other', '2026-11-02T15:00:00Z')], { ...rules, deadline: () => ({ days: 5 }) })[0]!.dueAt).toBe('2026-11-10T15:00:00.000Z');
  });

  it('Lincoln’s Birthday is no closing: City offices are open (courts closed), as the City’s holiday rules give it as a floating day', () => {
    expect(isWorkingDay('2026-02-12', calendar)).toBe(true);
  });
});

describe('a catalog file is checked against its JSON Schema, each problem naming the file, the JSON path and the rule', () => {
  it('lists every problem at once', () => {
    const bad = {
      ...DEFAULT_CATALOG,
      categories: [{ ...DEFAULT_CATALOG.categories[0], deadlineDays: 3, deadlineCalendarDays: 15, colour: 'red' }, { code: 'x', defaultDepartment: 'audit', name: { ko: 'x' } }],
      calendar: { ready: 'mars' },
    };
    const file = catalogFile(bad, 'bad.json');
    let caught: unknown;
    try {
      loadConfig({ CATALOG_FILE: file });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ConfigError);
    const message = (caught as Error).message;
    expect(message).toContain(`${file}: $.categories[0].colour: not a field of this object (a typo?)`);
    expect(message).toContain(`${file}: $.categories[0]: at most one of deadlineDays, deadlineHours, deadlineCalendarDays`);
    expect(message).toContain(`${file}: $.categories[1].name.en: required`);
    expect(message).toContain(`${file}: $.calendar.ready: must be one of "korea", "usa"`);
  });

  it('a calendar the catalog describes is checked like CALENDAR_FILE', () => {
    const file = catalogFile({ ...usCatalog, calendar: { ready: 'usa', timeZone: 'Mars/Olympus' } }, 'zone.json');
    expect(() => loadConfig({ CATALOG_FILE: file })).toThrow(`CATALOG_FILE: ${file}: $.calendar: timeZone "Mars/Olympus" is not an IANA time zone`);
  });
});
