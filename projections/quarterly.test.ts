import { describe, expect, it } from '@jest/globals';
import type { ComplaintEvent } from '../domain/complaint/events.js';
import { DEFAULT_KOREAN_CALENDAR } from '../domain/working-time/index.js';
import { addInto, addSummaries, emptySummary, emptyTotals, filterKeyOf, filterKeysOf, isQuarter, percentileOfCounts, previousQuarter, quarterBounds, quarterColumns, quarterFigures, quarterOf, quarterPeriod, quarterlyReport, talliesOf, totalsOfSummary, type QuarterTotals } from './quarterly.js';
import { itemsOf, itemWeights } from './satisfaction-index.js';

/** The six elements the 004 seed names: the survey as stored before the catalog's list had a seventh. */
const ELEMENTS = ['easeOfFiling', 'interimNotice', 'proactiveness', 'courtesy', 'processingTime', 'overall'];
import { foldPeriods } from './sla.js';

const SEOUL = 'Asia/Seoul';
const HOUR = 3_600_000;
const rules = { calendar: DEFAULT_KOREAN_CALENDAR, deadline: () => ({ days: 3 }), interimNoticeDeadline: { days: 1 }, isCompliment: (category: string) => category === 'compliment' };

describe('quarters are calendar quarters in the calendar’s time zone', () => {
  it('00:30 on 1 July in Seoul is in Q3, though it is still 30 June in UTC', () => {
    expect(quarterOf('2026-06-30T15:30:00Z', SEOUL)).toBe('2026-Q3');
    expect(quarterOf('2026-06-30T14:59:59.999Z', SEOUL)).toBe('2026-Q2');
  });

  it('the quarter before Q1 is Q4 of the year before', () => {
    expect(previousQuarter('2026-Q1')).toBe('2025-Q4');
    expect(previousQuarter('2026-Q3')).toBe('2026-Q2');
  });

  it('2026-Q3 runs from 1 July 00:00 to 1 October 00:00, Seoul time', () => {
    expect(quarterBounds('2026-Q3', SEOUL)).toEqual({ start: '2026-07-01T00:00:00.000+09:00', end: '2026-10-01T00:00:00.000+09:00' });
  });

  it('a quarter has not started before its first instant, is in progress until the next quarter’s first, and complete from then, in Seoul time', () => {
    const status = (now: string) => quarterPeriod('2026-Q3', SEOUL, now).status;
    expect(status('2026-06-30T14:59:59.999Z')).toBe('not-started');
    expect(status('2026-06-30T15:00:00Z')).toBe('in-progress');
    expect(status('2026-09-30T14:59:59.999Z')).toBe('in-progress');
    expect(status('2026-09-30T15:00:00Z')).toBe('complete');
    expect(quarterPeriod('2026-Q3', SEOUL, '2026-08-15T10:00:00+09:00')).toEqual({ ...quarterBounds('2026-Q3', SEOUL), status: 'in-progress' });
  });

  it('a quarter is written YYYY-Qn', () => {
    expect(['2026-Q3', '2026-Q1'].every(isQuarter)).toBe(true);
    expect(['2026-Q5', '2026Q3', '2026-q3', '26-Q3', '0999-Q1'].some(isQuarter)).toBe(false);
  });
});

describe('the quarters a handling period counts in', () => {
  const at = (local: string) => `${local}+09:00`;
  const history: ComplaintEvent[] = [
    {
      type: 'ComplaintReceived', occurredAt: at('2026-06-30T17:00:00'),
      data: { complaintId: 'c-1', channel: 'visit', route: { kind: 'internal' }, category: 'inquiry', description: 'x', complainant: { name: 'x', phone: '1' }, consent: { sms: false, email: false, phone: false }, subjects: [], vulnerable: false, receivedAt: at('2026-06-30T17:00:00'), unidentified: false },
    },
    { type: 'ComplaintWithdrawn', occurredAt: at('2026-07-01T09:30:00'), data: { reason: 'Settled' } },
    { type: 'SatisfactionRecorded', occurredAt: at('2026-10-02T10:00:00'), data: { scores: { easeOfFiling: 5, interimNotice: 4, proactiveness: 4, courtesy: 5, processingTime: 3, overall: 4 } } },
  ];

  it('received on the last afternoon of Q2, withdrawn on the first morning of Q3, surveyed in Q4', () => {
    const [period] = foldPeriods(history, rules);
    expect(quarterColumns(period!, SEOUL)).toEqual({ receivedQuarter: '2026-Q2', endedQuarter: '2026-Q3', surveyedQuarter: '2026-Q4' });
    expect(period).toMatchObject({ endedAs: 'withdrawn', handlingMs: 1.5 * HOUR });
  });

  it('a period after a reopen is not received again', () => {
    const reopened = foldPeriods([
      ...history.slice(0, 1),
      { type: 'ComplaintAssigned', occurredAt: at('2026-07-01T09:00:00'), data: { department: 'customer-support' } },
      { type: 'FindingsRecorded', occurredAt: at('2026-07-01T10:00:00'), data: { summary: 'x', subjects: [] } },
      { type: 'DecisionMade', occurredAt: at('2026-07-01T11:00:00'), data: { outcome: 'not-upheld', basis: 'x' } },
      { type: 'ComplaintReopened', occurredAt: at('2026-07-02T10:00:00'), data: { kind: 'appeal', reason: 'x' } },
    ], rules);
    expect(quarterColumns(reopened[1]!, SEOUL).receivedQuarter).toBeNull();
  });
});

describe('the figures of a quarter', () => {
  const totals: QuarterTotals = {
    ...emptyTotals(ELEMENTS),
    received: 10, closed: 8, withdrawn: 1, rejectedAtAssessment: 1, openAtQuarterEnd: 3, medianMsToClose: 12.5 * HOUR, p90MsToClose: 30 * HOUR,
    closedWithinDeadline: 6, closedBreached: 2, closedNoticeOwed: 2, closedNoticeInTime: 1, outcomes: { upheld: 4, 'partly-upheld': 2, 'not-upheld': 1 },
    closedThenReopened: 1, compensation: { KRW: 20_000 }, surveys: 2,
    satisfactionMeans: { easeOfFiling: 5, interimNotice: 3, proactiveness: 4, courtesy: 5, processingTime: 2, overall: 4 },
  };

  it('shares are of the periods closed in the quarter; the interim-notice share is of those that owed one', () => {
    expect(quarterFigures(totals, itemWeights(itemsOf(ELEMENTS)))).toMatchObject({
      medianWorkingHoursToClose: 12.5, p90WorkingHoursToClose: 30, slaCompliance: 0.75, interimNoticeCompliance: 0.5, reopenRate: 0.125,
      outcomes: { upheld: 4, partlyUpheld: 2, notUpheld: 1 }, compensationTotal: { KRW: 20_000 }, repeatOffendersFlagged: null,
    });
  });

  it('satisfaction is on 0–100 and the index mixes the process items and the overall rating half and half', () => {
    const figures = quarterFigures(totals, itemWeights(itemsOf(ELEMENTS)));
    expect(figures.satisfaction).toEqual({ easeOfFiling: 100, interimNotice: 50, proactiveness: 75, courtesy: 100, processingTime: 25, overall: 75 });
    // (100 + 50 + 75 + 100 + 25) / 5 = 70; (70 + 75) / 2 = 72.5
    expect(figures.satisfactionIndex).toBe(72.5);
  });

  it('a quarter with nothing closed or surveyed has no shares, no durations and no index', () => {
    expect(quarterFigures(emptyTotals(ELEMENTS), itemWeights(itemsOf(ELEMENTS)))).toMatchObject({
      closed: 0, slaCompliance: null, interimNoticeCompliance: null, reopenRate: null, medianWorkingHoursToClose: null, satisfactionIndex: null,
      satisfaction: { overall: null },
    });
  });

  it('each figure has the previous quarter beside it', () => {
    const report = quarterlyReport('2026-Q1', totals, emptyTotals(ELEMENTS), itemWeights(itemsOf(ELEMENTS)));
    expect(report.quarter).toBe('2026-Q1');
    expect(report.previousQuarter).toBe('2025-Q4');
    expect(report.figures.received).toEqual({ value: 10, previous: 0 });
    expect(report.figures.slaCompliance).toEqual({ value: 0.75, previous: null });
    expect(report.figures.outcomes.partlyUpheld).toEqual({ value: 2, previous: 0 });
    expect(report.figures.satisfaction.courtesy).toEqual({ value: 100, previous: null });
    expect(report.figures.compensationTotal).toEqual({ value: { KRW: 20_000 }, previous: {} });
    expect(report.figures.repeatOffendersFlagged).toEqual({ value: null, previous: null });
  });
});

describe('what a period adds to the quarterly summaries', () => {
  const at = (local: string) => `${local}+09:00`;
  const history: ComplaintEvent[] = [
    {
      type: 'ComplaintReceived', occurredAt: at('2026-09-21T10:00:00'),
      data: { complaintId: 'c-2', channel: 'web', route: { kind: 'internal' }, category: 'inquiry', description: 'x', complainant: { name: 'x', phone: '1' }, consent: { sms: false, email: false, phone: false }, subjects: [], vulnerable: false, receivedAt: at('2026-09-21T10:00:00'), unidentified: false },
    },
    { type: 'ComplaintAssigned', occurredAt: at('2026-09-21T10:30:00'), data: { department: 'customer-support' } },
    { type: 'InterimNoticeSent', occurredAt: at('2026-09-22T10:00:00'), data: { progress: 'x', delayReason: 'y' } },
    { type: 'FindingsRecorded', occurredAt: at('2026-09-29T09:30:00'), data: { summary: 'x', subjects: [] } },
    { type: 'DecisionMade', occurredAt: at('2026-09-29T10:00:00'), data: { outcome: 'upheld', basis: 'x', compensation: { amount: 10_000, currency: 'KRW' } } },
    { type: 'DecisionCommunicated', occurredAt: at('2026-09-29T11:00:00'), data: { channel: 'phone', basis: 'x', appeal: 'y' } },
    { type: 'ComplaintClosed', occurredAt: at('2026-09-29T12:00:00'), data: { reason: 'resolved' } },
  ];
  it('given a case received, breached with a notice in time, decided with compensation and closed in Q3: its counters, money and duration', () => {
    const [period] = foldPeriods(history, rules);
    const { group, quarters } = talliesOf(period!, SEOUL);
    expect(group).toEqual({ department: 'customer-support', category: 'inquiry', channel: 'web' });
    // Mon 21 7 h, Tue 22 and Wed 23 16 h, Chuseok, Mon 28 8 h, Tue 29 09–12 3 h: 34 h, 340 tenths
    expect(quarters).toEqual(
      new Map([['2026-Q3', {
        counters: { received: 1, opened: 1, ended: 1, closed: 1, closedBreached: 1, closedNoticeOwed: 1, closedNoticeInTime: 1, upheld: 1 },
        compensation: { KRW: 10_000 },
        durations: { 340: 1 },
      }]]),
    );
  });

  it('rule 1, "접수후 1일 이내에 중간처리과정 및 지연사유 안내": given a notice sent two working days after receipt, still before the final due instant, when the case closes, then the notice was owed and not in time', () => {
    const late = history.map((e) => (e.type === 'InterimNoticeSent' ? { ...e, occurredAt: at('2026-09-23T11:00:00') } : e));
    const [period] = foldPeriods(late, rules);
    expect(talliesOf(period!, SEOUL).quarters.get('2026-Q3')!.counters).toMatchObject({ closedNoticeOwed: 1 });
    expect(talliesOf(period!, SEOUL).quarters.get('2026-Q3')!.counters.closedNoticeInTime).toBeUndefined();
  });

  it('rule 1: given a case decided within the working day after receipt, it owed no interim notice', () => {
    const quick = [...history.slice(0, 2), ...history.slice(3).map((e) => ({ ...e, occurredAt: at('2026-09-22T09:00:00') }))];
    const [period] = foldPeriods(quick, rules);
    const counters = talliesOf(period!, SEOUL).quarters.get('2026-Q3')!.counters;
    expect(counters).toMatchObject({ closed: 1, closedWithinDeadline: 1 });
    expect(counters.closedNoticeOwed).toBeUndefined();
  });

  it('when the case is reopened, its old tallies come off and the new ones count the reopen (and open a period in Q4)', () => {
    const [before] = foldPeriods(history, rules);
    const [after, second] = foldPeriods([{ type: 'ComplaintReopened', occurredAt: at('2026-10-05T10:00:00'), data: { kind: 'appeal', reason: 'x' } }], rules, [before!]);
    const q3 = (p: typeof before) => talliesOf(p!, SEOUL).quarters.get('2026-Q3')!;
    expect(addSummaries(q3(after), q3(before), -1)).toEqual({ counters: { closedThenReopened: 1 }, compensation: {}, durations: {} });
    expect(talliesOf(second!, SEOUL).quarters).toEqual(new Map([['2026-Q4', { counters: { opened: 1 }, compensation: {}, durations: {} }]]));
  });

  it('an unassigned case counts under no department', () => {
    const [period] = foldPeriods(history.slice(0, 1), rules);
    expect(talliesOf(period!, SEOUL).group.department).toBe('');
  });

  it('a case answers to every combination of the filters: none, each, each pair, all three', () => {
    const keys = filterKeysOf({ department: 'customer-support', category: 'inquiry', channel: 'web' });
    expect(keys).toHaveLength(8);
    expect(keys).toContainEqual({ filterBy: '', values: '[]' });
    expect(keys).toContainEqual(filterKeyOf({ channel: 'web', department: 'customer-support' }));
    expect(filterKeyOf({ channel: 'web', department: 'customer-support' })).toEqual({ filterBy: 'department+channel', values: '["customer-support","web"]' });
  });

  it('a summary read back gives the report’s inputs: 34 h to close, the mean scores', () => {
    const totals = totalsOfSummary(
      { counters: { closed: 2, surveys: 3, 'scoreTotal:courtesy': 9, 'scoreCount:courtesy': 2, 'scoreTotal:overall': 12, 'scoreCount:overall': 3 }, compensation: {}, durations: { 340: 1, 50: 1 } },
      3,
      [...ELEMENTS, 'explanation'],
    );
    // Each mean is over the surveys that answered the element; one nobody answered has none (not zero).
    expect(totals).toMatchObject({ closed: 2, openAtQuarterEnd: 3, medianMsToClose: 19.5 * 3_600_000, satisfactionMeans: { courtesy: 4.5, overall: 4, explanation: null } });
  });
});

describe('percentiles from counted values, as percentile_cont', () => {
  it('the median of 5, 18, 22.5, 26, 32.5, 34 is 24.25 and the p90 33.25', () => {
    const counts = [[500, 1], [1800, 1], [2250, 1], [2600, 1], [3250, 1], [3400, 1]] as const;
    expect(percentileOfCounts(counts, 0.5)).toBe(2425);
    expect(percentileOfCounts(counts, 0.9)).toBeCloseTo(3325, 9);
  });

  it('repeated values count as often as they occur', () => {
    expect(percentileOfCounts([[10, 3], [20, 1]], 0.5)).toBe(10);
    expect(percentileOfCounts([[10, 1], [20, 3]], 0.5)).toBe(20);
    expect(percentileOfCounts([[10, 2], [20, 2]], 0.5)).toBe(15);
  });

  it('nothing counted has no percentile', () => {
    expect(percentileOfCounts([], 0.5)).toBeNull();
  });
});

describe('rule 5, excluded and withdrawn cases are not complaints ("고객불만으로 보지 아니함"); a compliment (칭찬) is reported apart', () => {
  const at = (local: string) => `${local}+09:00`;
  const receipt = (complaintId: string, category = 'inquiry'): ComplaintEvent => ({
    type: 'ComplaintReceived', occurredAt: at('2026-07-06T10:00:00'),
    data: { complaintId, channel: 'web', route: { kind: 'internal' }, category, description: 'x', complainant: { name: 'x', phone: '1' }, consent: { sms: false, email: false, phone: false }, subjects: [], vulnerable: false, receivedAt: at('2026-07-06T10:00:00'), unidentified: false },
  });
  const handled = (closing: ComplaintEvent['data']): ComplaintEvent[] => [
    { type: 'ComplaintAssigned', occurredAt: at('2026-07-06T10:30:00'), data: { department: 'customer-support' } },
    { type: 'FindingsRecorded', occurredAt: at('2026-07-06T11:00:00'), data: { summary: 'x', subjects: [] } },
    { type: 'DecisionMade', occurredAt: at('2026-07-06T12:00:00'), data: { outcome: 'upheld', basis: 'x' } },
    { type: 'ComplaintClosed', occurredAt: at('2026-07-20T10:00:00'), data: closing } as ComplaintEvent,
  ];
  const q3 = (events: ComplaintEvent[]) => {
    const summary = emptySummary();
    for (const period of foldPeriods(events, rules)) addInto(summary, talliesOf(period, SEOUL).quarters.get('2026-Q3') ?? emptySummary());
    return summary.counters;
  };

  it('given a case excluded as unidentified (exclusion ③), then it is received, excluded by that reason, and no complaint closing', () => {
    const counters = q3([receipt('c-1'), { type: 'ComplaintRejectedAtAssessment', occurredAt: at('2026-07-06T11:00:00'), data: { exclusion: 'unidentified', note: 'No name' } }]);
    expect(counters).toMatchObject({ received: 1, rejectedAtAssessment: 1, 'excluded:unidentified': 1 });
    expect(counters.closed).toBeUndefined();
  });

  it('given a case closed as complainant-unreachable, then it is deemed withdrawn and counts in neither closings nor SLA compliance', () => {
    const counters = q3([receipt('c-2'), ...handled({ reason: 'complainant-unreachable' })]);
    expect(counters).toMatchObject({ received: 1, withdrawn: 1 });
    expect([counters.closed, counters.closedWithinDeadline, counters.closedBreached]).toEqual([undefined, undefined, undefined]);
  });

  it('given a survey recorded on a withdrawn or excluded case (before the rule refused one), then it is no complaint’s survey and is not counted', () => {
    const survey: ComplaintEvent = { type: 'SatisfactionRecorded', occurredAt: at('2026-07-20T10:00:00'), data: { scores: { easeOfFiling: 1, interimNotice: 1, proactiveness: 1, courtesy: 1, processingTime: 1, overall: 1 } } };
    const withdrawn = q3([receipt('c-4'), { type: 'ComplaintWithdrawn', occurredAt: at('2026-07-06T11:00:00'), data: { reason: 'Settled' } }, survey]);
    const excluded = q3([receipt('c-5'), { type: 'ComplaintRejectedAtAssessment', occurredAt: at('2026-07-06T11:00:00'), data: { exclusion: 'private-law', note: 'A dispute between neighbours' } }, survey]);
    for (const counters of [withdrawn, excluded]) {
      expect(counters.surveys).toBeUndefined();
      expect(counters['scoreCount:overall']).toBeUndefined();
    }
  });

  it('given a compliment handled to the end, then it counts as a compliment only, never as a complaint', () => {
    expect(q3([receipt('c-3', 'compliment'), { type: 'ComplaintAssigned', occurredAt: at('2026-07-06T10:30:00'), data: { department: 'customer-support' } }])).toEqual({ compliments: 1 });
  });

  it('the figures: complaints are the received less the withdrawn and the excluded; exclusions by reason', () => {
    const figures = quarterFigures({ ...emptyTotals(ELEMENTS), received: 10, withdrawn: 2, rejectedAtAssessment: 3, compliments: 4, excluded: { 'private-law': 1, 'court-or-investigation': 0, unidentified: 2, fraudulent: 0 } }, itemWeights(itemsOf(ELEMENTS)));
    expect(figures).toMatchObject({ received: 10, complaints: 5, compliments: 4, excluded: { privateLaw: 1, courtOrInvestigation: 0, unidentified: 2, fraudulent: 0 } });
  });
});
