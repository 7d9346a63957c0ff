import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { ProjectionRunner } from '../../src/projections/projection-runner.js';
import type { SqlClient } from '../../src/sql/index.js';
import { PROJECTIONS } from '../../src/projections/index.js';
import { READ_MODELS } from '../../src/read-models/index.js';
import { staff, startTestApi, type TestApi, utc } from '../support/api.js';
import { appendHistory, command, receive, step } from './sla-histories.js';

let api: TestApi;
/** The service's clock: in 2026-Q4, after every history below. */
const NOW = new Date('2026-11-20T10:00:00+09:00');
let now = NOW;

const quarterly = async (query: string) => {
  const response = await api.call('GET', `/reports/quarterly${query}`, { as: staff.manager });
  expect(response.status).toBe(200);
  return response.body;
};

/**
 * A small known history around 2026-Q3 (1 Jul – 30 Sep, Seoul time), every figure worked out by hand.
 * Holidays on the way: Fri 17 Jul (Constitution Day, again from 2026), Mon 17 Aug (substitute for
 * Liberation Day), 24–26 Sep (Chuseok). Deadline 3 working days (24 h) for every category here.
 */
beforeAll(async () => {
  api = await startTestApi({ clock: () => now });
  const histories: [string, Parameters<typeof appendHistory>[2]][] = [
    // 1. Tue 7 Jul 10:00, due Fri 10 Jul 10:00; communicated Thu 11:00 after 17 h: met; 18 h to close; compensation 10 000.
    ['q3-met', [
      ['2026-07-07T10:00', receive('q3-met')], ['2026-07-07T10:30', step.assign], ['2026-07-08T10:00', step.findingsAtFault],
      ['2026-07-08T15:00', step.decide('upheld', 10_000)], ['2026-07-09T11:00', step.communicate], ['2026-07-09T12:00', step.close],
      ['2026-07-10T10:00', step.survey([5, 4, 4, 5, 3, 4])],
    ]],
    // 2. Thu 16 Jul 14:00 (4 h), Fri 17 holiday, Mon 20 09–10 (1 h), paused Mon 10:00 → Wed 22 10:00, due Fri 24 Jul 14:00;
    //    communicated Fri 11:00 after 22 h: met; 22.5 h to close.
    ['q3-paused', [
      ['2026-07-16T14:00', receive('q3-paused')], ['2026-07-16T14:30', step.assign], ['2026-07-20T09:30', step.notice],
      ['2026-07-20T10:00', step.pause], ['2026-07-22T10:00', step.resume], ['2026-07-23T10:00', step.findings],
      ['2026-07-24T10:00', step.decide('partly-upheld')], ['2026-07-24T11:00', step.communicate], ['2026-07-24T11:30', step.close],
    ]],
    // 3. Wed 12 Aug 10:00, Mon 17 Aug substitute holiday: due Tue 18 Aug 10:00; communicated Wed 19 10:00 after 32 h: breached,
    //    no interim notice; 32.5 h to close.
    ['q3-late', [
      ['2026-08-12T10:00', receive('q3-late')], ['2026-08-12T10:30', step.assign], ['2026-08-18T15:00', step.findings],
      ['2026-08-18T16:00', step.decide('not-upheld')], ['2026-08-19T10:00', step.communicate], ['2026-08-19T10:30', step.close],
    ]],
    // 4. Mon 21 Sep 10:00, Chuseok 24–26: due Mon 28 Sep 10:00; interim notice Tue 22; communicated Tue 29 11:00 after 33 h:
    //    breached, noticed; 34 h to close; compensation 20 000; reopened Wed 30 Sep: period 2 open at the quarter's end.
    ['q3-late-noticed', [
      ['2026-09-21T10:00', receive('q3-late-noticed')], ['2026-09-21T10:30', step.assign], ['2026-09-22T10:00', step.notice],
      ['2026-09-28T15:00', step.findingsAtFault], ['2026-09-29T10:00', step.decide('upheld', 20_000)], ['2026-09-29T11:00', step.communicate],
      ['2026-09-29T12:00', step.close], ['2026-09-30T10:00', step.reopen],
    ]],
    // 5. Withdrawn; 6. rejected at initial assessment; 7. still open at the quarter's end.
    ['q3-withdrawn', [['2026-07-03T16:00', receive('q3-withdrawn')], ['2026-07-06T10:00', step.withdraw]]],
    ['q3-rejected', [['2026-08-03T11:00', receive('q3-rejected')], ['2026-08-03T15:00', step.reject]]],
    ['q3-open', [['2026-09-29T15:00', receive('q3-open')], ['2026-09-29T15:30', step.assign]]],
    // 8. Received Mon 29 Jun (Q2), open at the end of Q2, due Thu 2 Jul 10:00, communicated 11:00: breached, no notice;
    //    26 h to close; surveyed in Q3.
    ['q2-to-q3', [
      ['2026-06-29T10:00', receive('q2-to-q3')], ['2026-06-29T10:30', step.assign], ['2026-07-01T15:00', step.findings],
      ['2026-07-02T10:00', step.decide('upheld')], ['2026-07-02T11:00', step.communicate], ['2026-07-02T12:00', step.close],
      ['2026-07-03T10:00', step.survey([3, 2, 3, 4, 2, 3])],
    ]],
    // 9. Q2 only: Wed 13 May 10:00, communicated Thu 14 10:00 after 8 h: met; 9 h to close; surveyed in Q2.
    ['q2-met', [
      ['2026-05-13T10:00', receive('q2-met')], ['2026-05-13T10:30', step.assign], ['2026-05-14T09:00', step.findings],
      ['2026-05-14T09:30', step.decide('upheld')], ['2026-05-14T10:00', step.communicate], ['2026-05-14T11:00', step.close],
      ['2026-05-20T10:00', step.survey([4, 4, 4, 4, 4, 4])],
    ]],
    // 10. A visit about an inquiry (customer support): Mon 24 Aug 10:00, communicated 15:00 after 4 h: met; 5 h to close.
    ['q3-visit', [
      ['2026-08-24T10:00', receive('q3-visit', { channel: 'visit', category: 'inquiry' })], ['2026-08-24T10:30', step.assign],
      ['2026-08-24T13:00', step.findings], ['2026-08-24T14:00', step.decide('not-upheld')], ['2026-08-24T15:00', step.communicate],
      ['2026-08-24T16:00', step.close],
    ]],
    // 11. A compliment (칭찬), handled like a complaint: received, counted apart, in no complaint figure.
    ['q3-compliment', [
      ['2026-08-25T10:00', receive('q3-compliment', { category: 'compliment' })], ['2026-08-25T10:30', step.assign], ['2026-08-28T10:00', step.findings],
      ['2026-08-28T11:00', step.decide('upheld')], ['2026-08-28T12:00', step.communicate], ['2026-08-28T13:00', step.close],
    ]],
    // 12. Deemed withdrawn: a supplement request that did not reach the complainant, closed as unreachable after the deadline (Tue 8 Sep 10:00).
    ['q3-unreachable', [
      ['2026-09-03T10:00', receive('q3-unreachable')], ['2026-09-03T10:30', step.assign],
      ['2026-09-03T11:00', command('request-supplement', { channel: 'in-person', request: 'The meter number, please', note: 'Asked at the counter to call back' })],
      ['2026-09-09T10:00', command('close', { reason: 'complainant-unreachable', note: 'Never called back; left no other contact' })],
    ]],
  ];
  const runner = api.app.get<ProjectionRunner>(PROJECTIONS);
  // One case reaches the read model event by event, in batches of its own; the others in one batch each.
  for (const [id, steps] of histories) await appendHistory(api.app, id, steps, id === 'q3-late-noticed' ? () => runner.caughtUp() : undefined);
  await runner.caughtUp();
});
afterAll(async () => {
  await api.close();
});

describe('the quarterly summaries the projection keeps by adding and subtracting', () => {
  it('equal the same counts taken from the handling periods themselves, for every filter combination', async () => {
    const sql = api.app.get<{ sql: SqlClient }>(READ_MODELS).sql;
    const s = `"${api.schema}"`;
    const fromPeriods = async (quarterColumn: string, condition: string, filterBy: string) => {
      const columns = filterBy ? filterBy.split('+').map((c) => (c === 'department' ? `coalesce(department, '')` : c)) : [];
      const rows = await sql.query<{ quarter: string; n: number; v: string[] }>(
        `SELECT ${quarterColumn} AS quarter, json_build_array(${columns.join(', ')})::text AS v, count(*)::int AS n FROM ${s}.handling_periods
         WHERE ${quarterColumn} IS NOT NULL AND ${condition} GROUP BY 1, 2`,
      );
      return Object.fromEntries(rows.map((r) => [`${r.quarter} ${JSON.stringify(JSON.parse(String(r.v)))}`, r.n]));
    };
    const fromSummaries = async (counter: string, filterBy: string) => {
      const rows = await sql.query<{ quarter: string; filter_values: string; n: number }>(
        `SELECT quarter, filter_values, (summary->'counters'->>'${counter}')::int AS n FROM ${s}.quarterly_summaries
         WHERE filter_by = $1 AND summary->'counters' ? '${counter}'`,
        [filterBy],
      );
      return Object.fromEntries(rows.map((r) => [`${r.quarter} ${r.filter_values}`, r.n]));
    };
    for (const filterBy of ['', 'department', 'category', 'channel', 'department+category', 'department+channel', 'category+channel', 'department+category+channel']) {
      const complaintClosed = `ended_as = 'closed' AND NOT compliment AND close_reason = 'resolved'`;
      expect(await fromSummaries('received', filterBy)).toEqual(await fromPeriods('received_quarter', 'NOT compliment', filterBy));
      expect(await fromSummaries('compliments', filterBy)).toEqual(await fromPeriods('received_quarter', 'compliment', filterBy));
      expect(await fromSummaries('closed', filterBy)).toEqual(await fromPeriods('ended_quarter', complaintClosed, filterBy));
      expect(await fromSummaries('closedThenReopened', filterBy)).toEqual(await fromPeriods('ended_quarter', `${complaintClosed} AND reopened_at IS NOT NULL`, filterBy));
      expect(await fromSummaries('closedBreached', filterBy)).toEqual(await fromPeriods('ended_quarter', `${complaintClosed} AND breached_at IS NOT NULL`, filterBy));
    }
  });
});

describe('GET /reports/quarterly: the quarter’s performance beside the previous quarter’s', () => {
  it('rule 5, "고객불만으로 보지 아니함": counts receipts, of which withdrawn (one deemed so, unreachable) and excluded by reason apart from the complaints, compliments apart, closings and the cases open at the quarter’s end', async () => {
    const report = await quarterly('?quarter=2026-Q3');
    expect(report).toMatchObject({ quarter: '2026-Q3', previousQuarter: '2026-Q2', timeZone: 'Asia/Seoul', filters: {} });
    expect(report.figures).toMatchObject({
      received: { value: 9, previous: 2 },
      complaints: { value: 6, previous: 2 },
      compliments: { value: 1, previous: 0 },
      excluded: { privateLaw: { value: 1, previous: 0 }, unidentified: { value: 0, previous: 0 } },
      closed: { value: 6, previous: 1 },
      withdrawn: { value: 2, previous: 0 },
      rejectedAtAssessment: { value: 1, previous: 0 },
      openAtQuarterEnd: { value: 2, previous: 1 },
    });
  });

  it('working hours to close: median and p90 of the closings (5, 18, 22.5, 26, 32.5, 34 h)', async () => {
    const { figures } = await quarterly('?quarter=2026-Q3');
    expect(figures.medianWorkingHoursToClose).toEqual({ value: 24.25, previous: 9 });
    // p90 by linear interpolation: 32.5 + 0.5 × (34 − 32.5)
    expect(figures.p90WorkingHoursToClose).toEqual({ value: 33.25, previous: 9 });
  });

  it('SLA compliance 3 of 6 closings; interim notice (rule 1) in time for 1 of the 3 closings that breached their deadline (q3-paused’s, in time too, was not owed); reopen 1 of 6', async () => {
    const { figures } = await quarterly('?quarter=2026-Q3');
    expect(figures.slaCompliance).toEqual({ value: 0.5, previous: 1 });
    expect(figures.interimNoticeCompliance).toEqual({ value: 0.3333, previous: null });
    expect(figures.reopenRate).toEqual({ value: 0.1667, previous: 0 });
  });

  it('outcomes and compensation of the closings', async () => {
    const { figures } = await quarterly('?quarter=2026-Q3');
    expect(figures.outcomes).toEqual({
      upheld: { value: 3, previous: 1 }, partlyUpheld: { value: 1, previous: 0 }, notUpheld: { value: 2, previous: 0 },
    });
    expect(figures.compensationTotal).toEqual({ value: { KRW: 30_000 }, previous: {} });
  });

  it('satisfaction per element on 0–100 and the index, from the surveys recorded in the quarter', async () => {
    const { figures } = await quarterly('?quarter=2026-Q3');
    // Means of (5,4,4,5,3,4) and (3,2,3,4,2,3): 4, 3, 3.5, 4.5, 2.5, 3.5 → 75, 50, 62.5, 87.5, 37.5, 62.5
    expect(figures.satisfactionResponses).toEqual({ value: 2, previous: 1 });
    expect(figures.satisfaction).toEqual({
      easeOfFiling: { value: 75, previous: 75 }, interimNotice: { value: 50, previous: 75 }, proactiveness: { value: 62.5, previous: 75 },
      courtesy: { value: 87.5, previous: 75 }, processingTime: { value: 37.5, previous: 75 }, overall: { value: 62.5, previous: 75 },
      // The catalog's seventh element: these surveys answer the six the seed names, so it has no mean (not asked is not zero).
      explanation: { value: null, previous: null },
    });
    // Equal weights over the items answered: process dimension (75 + 50 + 62.5 + 87.5 + 37.5) / 5 = 62.5; index (62.5 + 62.5) / 2
    expect(figures.satisfactionIndex).toEqual({ value: 62.5, previous: 75 });
    // No findings in these histories substantiate anyone (rule 13's figure is tested in test/reports/manual-rules-8-to-13.e2e.test.ts).
    expect(figures.repeatOffendersFlagged).toEqual({ value: 0, previous: 0 });
  });

  it('filters by department, category and channel', async () => {
    for (const query of ['department=customer-support', 'category=inquiry', 'channel=visit']) {
      const { figures } = await quarterly(`?quarter=2026-Q3&${query}`);
      expect({ query, received: figures.received.value, closed: figures.closed.value, median: figures.medianWorkingHoursToClose.value, sla: figures.slaCompliance.value })
        .toEqual({ query, received: 1, closed: 1, median: 5, sla: 1 });
    }
    const inspection = await quarterly('?quarter=2026-Q3&department=inspection&channel=web');
    // Cases 5 and 6 were never assigned: no department. Closings 18, 22.5, 26, 32.5, 34 h: p90 at rank 3.6 = 32.5 + 0.6 × 1.5
    expect(inspection.figures).toMatchObject({
      // Case 12, closed as unreachable, was received and is deemed withdrawn: no complaint, no closing.
      received: { value: 6, previous: 2 }, complaints: { value: 5 }, closed: { value: 5, previous: 1 }, withdrawn: { value: 1 },
      medianWorkingHoursToClose: { value: 26, previous: 9 }, p90WorkingHoursToClose: { value: 33.4, previous: 9 },
    });
    expect((await quarterly('?quarter=2026-Q3&department=inspection')).figures.p90WorkingHoursToClose).toEqual({ value: 33.4, previous: 9 });
  });

  it('by department, with the cases no department handled (department=unassigned), the figures add up to the whole; so do they by category and by channel', async () => {
    const catalog = (await api.call('GET', '/catalog', { as: staff.manager })).body as { departments: { code: string }[]; categories: { code: string }[]; channels: string[] };
    const breakdowns = {
      department: [...catalog.departments.map((d) => d.code), 'unassigned'],
      category: catalog.categories.map((c) => c.code),
      channel: catalog.channels,
    };
    const ADDITIVE = ['received', 'complaints', 'compliments', 'closed', 'withdrawn', 'rejectedAtAssessment', 'openAtQuarterEnd', 'satisfactionResponses'] as const;
    type Figures = Record<(typeof ADDITIVE)[number], { value: number; previous: number }> & { outcomes: Record<string, { value: number; previous: number }> };
    const additive = (f: Figures) => ({
      ...Object.fromEntries(ADDITIVE.flatMap((k) => [[k, f[k].value], [`${k} (previous)`, f[k].previous]])),
      ...Object.fromEntries(Object.entries(f.outcomes).flatMap(([k, b]) => [[`outcomes.${k}`, b.value], [`outcomes.${k} (previous)`, b.previous]])),
    });
    for (const quarter of ['2026-Q3', '2026-Q2']) {
      const whole = additive((await quarterly(`?quarter=${quarter}`)).figures);
      expect(whole.received).toBeGreaterThan(0);
      for (const [filter, values] of Object.entries(breakdowns)) {
        const sum: Record<string, number> = {};
        for (const value of values) {
          for (const [k, n] of Object.entries(additive((await quarterly(`?quarter=${quarter}&${filter}=${value}`)).figures))) sum[k] = (sum[k] ?? 0) + n;
        }
        expect({ quarter, filter, sum }).toEqual({ quarter, filter, sum: whole });
      }
    }
  });

  it('department=unassigned: the cases never assigned, withdrawn before routing (5) and excluded at assessment (6), are no department’s', async () => {
    const report = await quarterly('?quarter=2026-Q3&department=unassigned');
    expect(report.filters).toEqual({ department: 'unassigned' });
    expect(report.figures).toMatchObject({
      received: { value: 2, previous: 0 }, complaints: { value: 0 }, withdrawn: { value: 1 }, rejectedAtAssessment: { value: 1 },
      excluded: { privateLaw: { value: 1 } }, closed: { value: 0 }, openAtQuarterEnd: { value: 0 },
    });
    // With another filter too: both cases came in on the web.
    expect((await quarterly('?quarter=2026-Q3&department=unassigned&channel=web')).figures.received.value).toBe(2);
    expect((await quarterly('?quarter=2026-Q3&department=unassigned&channel=visit')).figures.received.value).toBe(0);
  });

  it('a quarter without cases answers with zeros and no shares', async () => {
    const { figures } = await quarterly('?quarter=2025-Q1');
    expect(figures).toMatchObject({ received: { value: 0, previous: 0 }, slaCompliance: { value: null, previous: null }, satisfactionIndex: { value: null } });
  });

  it('says where the quarter stands: complete, in progress (its figures so far) or not started, and as of when', async () => {
    const period = (start: string, end: string, status: string) => ({ start: utc(start), end: utc(end), status });
    const q2 = period('2026-04-01T00:00:00+09:00', '2026-07-01T00:00:00+09:00', 'complete');
    const q3 = period('2026-07-01T00:00:00+09:00', '2026-10-01T00:00:00+09:00', 'complete');
    const q4 = period('2026-10-01T00:00:00+09:00', '2027-01-01T00:00:00+09:00', 'in-progress');
    expect(await quarterly('?quarter=2026-Q3')).toMatchObject({ period: q3, previousPeriod: q2, asOf: NOW.toISOString() });
    expect(await quarterly('?quarter=2026-Q4')).toMatchObject({ period: q4, previousPeriod: q3 });
    const next = await quarterly('?quarter=2027-Q1');
    expect(next).toMatchObject({ period: period('2027-01-01T00:00:00+09:00', '2027-04-01T00:00:00+09:00', 'not-started'), previousPeriod: q4 });
    expect(next.figures.received).toEqual({ value: 0, previous: 0 });
    // A quarter not begun has no end yet: the cases open now and the subjects flagged so far are not its figures (the tester read them as such).
    const q4Open = (await quarterly('?quarter=2026-Q4')).figures.openAtQuarterEnd.value;
    expect(q4Open).toBeGreaterThan(0);
    expect(next.figures.openAtQuarterEnd).toEqual({ value: null, previous: q4Open });
    expect(next.figures.repeatOffendersFlagged.value).toBeNull();
    expect((await quarterly('?quarter=2027-Q2')).figures.openAtQuarterEnd).toEqual({ value: null, previous: null });
  });

  it('asked on 15 August, 2026-Q4 has not started and 2026-Q3, beside it, is in progress; a quarter turns complete at its end’s first instant', async () => {
    try {
      now = new Date('2026-08-15T10:00:00+09:00');
      const q4 = await quarterly('?quarter=2026-Q4');
      expect({ period: q4.period.status, previousPeriod: q4.previousPeriod.status, asOf: q4.asOf }).toEqual({ period: 'not-started', previousPeriod: 'in-progress', asOf: now.toISOString() });
      now = new Date('2026-09-30T23:59:59.999+09:00');
      expect((await quarterly('?quarter=2026-Q3')).period.status).toBe('in-progress');
      now = new Date('2026-10-01T00:00:00+09:00');
      expect((await quarterly('?quarter=2026-Q3')).period.status).toBe('complete');
      expect((await quarterly('?quarter=2026-Q4')).period.status).toBe('in-progress');
    } finally {
      now = NOW;
    }
  });

  it('the quarter before Q1 is Q4 of the year before', async () => {
    expect(await quarterly('?quarter=2026-Q1')).toMatchObject({ previousQuarter: '2025-Q4' });
  });

  it('refuses bad parameters with a 400 naming the field', async () => {
    for (const [query, field] of [
      ['', 'quarter'], ['?quarter=2026-Q5', 'quarter'], ['?quarter=Q3-2026', 'quarter'], ['?quarter=2026-Q3&channel=pigeon', 'channel'],
      ['?quarter=2026-Q3&department=nowhere', 'department'], ['?quarter=2026-Q3&category=gossip', 'category'], ['?quarter=2026-Q3&year=2026', 'year'],
    ] as const) {
      const response = await api.call('GET', `/reports/quarterly${query}`, { as: staff.manager });
      expect({ query, status: response.status, fields: response.body.errors?.map((e: { field: string }) => e.field) }).toEqual({ query, status: 400, fields: [field] });
    }
  });

  it('is for managers, auditors, the complaints office, department heads and admins', async () => {
    expect((await api.call('GET', '/reports/quarterly?quarter=2026-Q3', { as: staff.head })).status).toBe(200);
    expect((await api.call('GET', '/reports/quarterly?quarter=2026-Q3', { as: staff.handler })).status).toBe(403);
  });
});
