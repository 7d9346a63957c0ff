import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { ComplaintCommand } from '../../domain/complaint/commands.js';
import { DEFAULT_KOREAN_CALENDAR, deadlineFor, workingMillisBetween } from '../../domain/working-time/index.js';
import { SLA_STATUSES } from '../../projections/sla.js';
import { workingClockOf } from '../../projections/working-clock.js';
import type { SqlClient } from '../../src/sql/index.js';
import type { ProjectionRunner } from '../../src/projections/projection-runner.js';
import { PROJECTIONS } from '../../src/projections/index.js';
import { READ_MODELS } from '../../src/read-models/index.js';
import { complaintBody, staff, startTestApi, type TestApi, utc } from '../support/api.js';
import { recordHistory } from '../support/history.js';
import { appendHistory, kst, receive, step } from './sla-histories.js';

const HOUR = 3_600_000;
const INTERIM_NOTICE = { channel: 'email', progress: 'Inspector booked', delayReason: 'Site visit' };
const calendar = DEFAULT_KOREAN_CALENDAR;

let api: TestApi;
let runner: ProjectionRunner;
let atRiskId: string;
let onTrackId: string;

/** The SLA report, as a manager asks for it. */
const sla = async (query = '') => {
  const response = await api.call('GET', `/reports/sla${query}`, { as: staff.manager });
  expect(response.status).toBe(200);
  return response.body as { asOf: string; items: Record<string, unknown>[]; nextCursor?: string };
};
const byId = (items: Record<string, unknown>[]) => Object.fromEntries(items.map((i) => [i.id as string, i]));

beforeAll(async () => {
  api = await startTestApi();
  runner = api.app.get(PROJECTIONS);
  // Received Fri 2 Oct 2026 14:00; Mon 5 Oct is the substitute holiday for National Foundation Day: due Thu 8 Oct 14:00.
  await appendHistory(api.app, 'late-open', [['2026-10-02T14:00', receive('late-open')], ['2026-10-02T15:00', step.assign]]);
  await appendHistory(api.app, 'late-closed', [
    ['2026-10-02T14:00', receive('late-closed')], ['2026-10-02T15:00', step.assign], ['2026-10-06T10:00', step.notice],
    ['2026-10-12T09:00', step.findings], ['2026-10-12T09:30', step.decide('upheld')], ['2026-10-12T10:00', step.communicate], ['2026-10-12T11:00', step.close],
  ]);
  // Received Wed 23 Sep 2026 10:00, before Chuseok (24–26 Sep): due Wed 30 Sep 10:00.
  await appendHistory(api.app, 'met', [
    ['2026-09-23T10:00', receive('met', { category: 'inquiry' })], ['2026-09-23T10:30', step.assign], ['2026-09-29T15:00', step.findings],
    ['2026-09-29T16:00', step.decide('not-upheld')], ['2026-09-29T17:00', step.communicate], ['2026-09-29T17:30', step.close],
  ]);
  // Paused on Friday 6 Nov 16:00 and never resumed: 13 working hours used (Thu 7 h, Fri 6 h).
  await appendHistory(api.app, 'paused', [['2026-11-05T10:00', receive('paused')], ['2026-11-05T11:00', step.assign], ['2026-11-06T16:00', step.pause]]);

  // Through the API, received so that 85 % of the 24 working hours are used by now: at risk, past the interim-notice deadline.
  const clock = workingClockOf(calendar);
  const receivedAt = new Date(clock.instantAt(clock.reading(Date.now()) - 0.85 * 24 * HOUR, 0)).toISOString();
  atRiskId = (await api.call('POST', '/complaints', { as: staff.intake, body: complaintBody({ receivedAt }) })).body.id;
  onTrackId = (await api.call('POST', '/complaints', { as: staff.intake, body: complaintBody({ category: 'budget-waste' }) })).body.id;
  await api.call('POST', `/complaints/${onTrackId}/assign`, { as: staff.intake, body: {} });
  await runner.caughtUp();
});
afterAll(async () => {
  await api.close();
});

describe('GET /reports/sla: each case’s deadline, working time and status', () => {
  it('a case past its due time with the clock running is breached at the due instant, with the interim notice missing', async () => {
    const { items } = await sla();
    expect(byId(items)['late-open']).toMatchObject({
      period: 1, category: 'defective-facility', department: 'inspection', receivedAt: utc('2026-10-02T14:00:00.000+09:00'),
      dueAt: utc('2026-10-08T14:00:00.000+09:00'), status: 'breached', breachedAt: utc('2026-10-08T14:00:00.000+09:00'),
      interimNoticeDueAt: utc('2026-10-06T14:00:00.000+09:00'), interimNoticeMissing: true, open: true, stoppedAt: null,
    });
  });

  it('a closed case keeps its final result: breached, 29 working hours used, the interim notice sent in time', async () => {
    // Fri 2 Oct 4 h, Tue 6–Thu 8 Oct 24 h, Fri 9 Oct Hangul Day, Mon 12 Oct 09–10 1 h
    expect(byId((await sla()).items)['late-closed']).toMatchObject({
      status: 'breached', breachedAt: utc('2026-10-08T14:00:00.000+09:00'), workingHoursUsed: 29, workingHoursPaused: 0, shareUsed: 1.2083,
      interimNoticeSentAt: utc('2026-10-06T10:00:00.000+09:00'), interimNoticeMissing: false, open: false,
      stoppedAt: utc('2026-10-12T10:00:00.000+09:00'), stoppedBy: 'decision-communicated',
    });
  });

  it('a decision communicated before the due time meets it: 22 of 24 working hours across Chuseok; undecided a working day after receipt without a notice, it owed none, having met its deadline (rule 1)', async () => {
    expect(byId((await sla()).items).met).toMatchObject({
      status: 'met', category: 'inquiry', department: 'customer-support', dueAt: utc('2026-09-30T10:00:00.000+09:00'), workingHoursUsed: 22,
      shareUsed: 0.9167, breachedAt: null, interimNoticeMissing: false,
    });
  });

  it('a paused case uses no working time while paused and has no due time; the paused time grows with the working hours', async () => {
    const { asOf, items } = await sla();
    const paused = byId(items).paused!;
    expect(paused).toMatchObject({ status: 'on-track', workingHoursUsed: 13, dueAt: null, breachedAt: null, open: true });
    const expected = workingMillisBetween(kst('2026-11-06T16:00'), asOf, calendar) / HOUR;
    expect(paused.workingHoursPaused).toBeCloseTo(expected, 2);
  });

  it('an open case at 85 % of its deadline is at risk, not yet flagged for a missing interim notice: its deadline may still be met (rule 1)', async () => {
    const item = byId((await sla()).items)[atRiskId]!;
    expect(item).toMatchObject({ status: 'at-risk', interimNoticeMissing: false, open: true });
    expect(Date.parse(String(item.interimNoticeDueAt))).toBeLessThan(Date.now());
    expect(item.shareUsed).toBeGreaterThanOrEqual(0.85);
    expect(item.shareUsed).toBeLessThan(0.9);
  });

  it('a case received now is on track, due 3 working days later (its category’s deadline)', async () => {
    const item = byId((await sla()).items)[onTrackId]!;
    const received = (await api.call('GET', `/complaints/${onTrackId}`, { as: staff.manager })).body.receivedAt as string;
    expect(item).toMatchObject({ status: 'on-track', deadlineDays: 3, department: 'planning', interimNoticeMissing: false });
    expect(item.dueAt).toBe(utc(deadlineFor(received, { days: 3 }, calendar)));
  });

  it('rule 1, "접수후 1일 이내": an interim notice sent now, days after receipt, is recorded after its due instant (in time it is not: see the breached cases)', async () => {
    await api.call('POST', `/complaints/${atRiskId}/send-interim-notice`, { as: staff.office, body: INTERIM_NOTICE });
    await runner.caughtUp();
    const item = byId((await sla()).items)[atRiskId]!;
    expect(item).toMatchObject({ status: 'at-risk', interimNoticeMissing: false });
    expect(Date.parse(String(item.interimNoticeSentAt))).toBeGreaterThan(Date.parse(String(item.interimNoticeDueAt)));
  });

  it('rule 1: an interim notice sent on the day of receipt is in time', async () => {
    await api.call('POST', `/complaints/${onTrackId}/send-interim-notice`, { as: staff.office, body: INTERIM_NOTICE });
    await runner.caughtUp();
    const item = byId((await sla()).items)[onTrackId]!;
    expect(item.interimNoticeSentAt).not.toBeNull();
    expect(Date.parse(String(item.interimNoticeSentAt))).toBeLessThanOrEqual(Date.parse(String(item.interimNoticeDueAt)));
    expect(item.interimNoticeMissing).toBe(false);
  });
});

describe('filters', () => {
  it('by status: every case listed has that status, and every case of that status is listed', async () => {
    const all = (await sla()).items;
    for (const status of SLA_STATUSES) {
      const { items } = await sla(`?status=${status}`);
      expect(items.every((i) => i.status === status)).toBe(true);
      expect(items.map((i) => i.id).sort()).toEqual(all.filter((i) => i.status === status).map((i) => i.id).sort());
    }
    expect((await sla('?status=breached')).items.map((i) => i.id).sort()).toEqual(['late-closed', 'late-open']);
  });

  it('by department, category and whether the case is open', async () => {
    expect((await sla('?department=customer-support')).items.map((i) => i.id)).toEqual(['met']);
    expect((await sla('?category=budget-waste')).items.map((i) => i.id)).toEqual([onTrackId]);
    expect((await sla('?open=false')).items.map((i) => i.id).sort()).toEqual(['late-closed', 'met']);
    expect((await sla('?status=breached&open=true&department=inspection')).items.map((i) => i.id)).toEqual(['late-open']);
    // The one case never assigned, as the quarterly report's department=unassigned counts it.
    expect((await sla('?department=unassigned')).items.map((i) => i.id)).toEqual([atRiskId]);
  });

  it('by complaint: one case’s periods (the case page’s SLA position)', async () => {
    expect((await sla('?complaint=paused')).items.map((i) => i.id)).toEqual(['paused']);
    expect((await sla('?complaint=no-such-case')).items).toEqual([]);
  });

  it('pages from the newest receipt with a cursor', async () => {
    const first = await sla('?limit=4');
    expect(first.items).toHaveLength(4);
    const second = await sla(`?limit=4&cursor=${first.nextCursor}`);
    expect(second.nextCursor).toBeUndefined();
    const ids = [...first.items, ...second.items].map((i) => i.id);
    expect(ids).toEqual([onTrackId, atRiskId, 'paused', 'late-open', 'late-closed', 'met'].filter((id) => ids.includes(id)));
    expect(new Set(ids).size).toBe(6);
  });

  it('refuses bad parameters with a 400 naming the field', async () => {
    for (const [query, field] of [
      ['?status=late', 'status'], ['?department=nowhere', 'department'], ['?category=gossip', 'category'], ['?open=maybe', 'open'],
      ['?limit=0', 'limit'], ['?cursor=xyz', 'cursor'], ['?complaint=a%20b', 'complaint'], ['?colour=red', 'colour'], ['?status=met&status=breached', 'status'],
    ] as const) {
      const response = await api.call('GET', `/reports/sla${query}`, { as: staff.manager });
      expect({ query, status: response.status, fields: response.body.errors?.map((e: { field: string }) => e.field) }).toEqual({ query, status: 400, fields: [field] });
    }
  });
});

describe('who may read it', () => {
  it('every staff role (staff sort their inbox by it: it holds no personal data); no one without a token', async () => {
    for (const actor of Object.values(staff)) {
      expect((await api.call('GET', '/reports/sla', { as: actor })).status).toBe(200);
    }
    expect((await api.call('GET', '/reports/sla')).status).toBe(401);
  });

  it('shows no personal data', async () => {
    const text = JSON.stringify(await sla());
    expect(text).not.toContain('김민수');
    expect(text).not.toContain('010-1234-5678');
  });
});

describe('the read model is a function of the events', () => {
  it('a rebuild from the first event gives the same rows, periods and quarterly summaries alike', async () => {
    const sql = api.app.get<{ sql: SqlClient }>(READ_MODELS).sql;
    const tables = async () =>
      Promise.all(['handling_periods', 'quarterly_summaries'].map((t) => sql.query(`SELECT * FROM "${api.schema}".${t} ORDER BY 1, 2, 3`)));
    const live = await tables();
    expect(live[0]!.length).toBe(6);
    await runner.rebuild(['handling-periods']);
    expect(await tables()).toEqual(live);
  });
});

describe('the due instant is the earliest instant at which the working time reaches the deadline: the end of a working day, not the next opening', () => {
  // Received Tue 2 Jun 2026 09:00 (Seoul); Wed 3 Jun is a holiday (the local elections): 3 days (24 working hours) are Tue, Thu and Fri.
  const until = (id: string): Parameters<typeof appendHistory>[2] => [['2026-06-02T09:00', receive(id)], ['2026-06-02T10:00', step.assign], ['2026-06-05T16:00', step.findings], ['2026-06-05T17:00', step.decide('upheld')]];
  /** The decision communicated at an instant given to the millisecond. */
  const communicatedAt = (id: string, instant: string) => recordHistory(api.app, id, [{ command: { ...step.communicate, now: instant } as ComplaintCommand }]);

  it('GET /reports/sla?complaint= says Fri 5 Jun 18:00, not Mon 8 Jun 09:00; communicated at Fri 18:00:00 it is met, at Mon 09:00:00.001 breached at Fri 18:00', async () => {
    await appendHistory(api.app, 'due-friday-open', until('due-friday-open'));
    await appendHistory(api.app, 'due-friday-on-time', until('due-friday-on-time'));
    await communicatedAt('due-friday-on-time', '2026-06-05T18:00:00.000+09:00');
    await appendHistory(api.app, 'due-friday-late', until('due-friday-late'));
    await communicatedAt('due-friday-late', '2026-06-08T09:00:00.001+09:00');
    await runner.caughtUp();
    const [open, onTime, late] = await Promise.all(['due-friday-open', 'due-friday-on-time', 'due-friday-late'].map(async (id) => (await sla(`?complaint=${id}`)).items));
    expect(open).toEqual([expect.objectContaining({ dueAt: utc('2026-06-05T18:00:00.000+09:00'), status: 'breached', breachedAt: utc('2026-06-05T18:00:00.000+09:00') })]);
    expect(onTime).toEqual([expect.objectContaining({ dueAt: utc('2026-06-05T18:00:00.000+09:00'), status: 'met', breachedAt: null, workingHoursUsed: 24 })]);
    expect(late).toEqual([expect.objectContaining({ dueAt: utc('2026-06-05T18:00:00.000+09:00'), status: 'breached', breachedAt: utc('2026-06-05T18:00:00.000+09:00') })]);
  });
});
