import { describe, expect, it } from '@jest/globals';
import { loadConfig, slaRulesOf } from '../../src/config/index.js';
import { handlingPeriodsReadModel } from '../../src/reports/index.js';
import { CaseHistory } from '../support/case-history.js';
import { readModelSpec } from '../support/read-model-spec.js';

/** As the service builds it with no configuration: the Korean calendar (09:00–18:00, lunch 12–13), 3 days for defective facilities. */
const spec = readModelSpec(handlingPeriodsReadModel(slaRulesOf(loadConfig({}))));
/** The same with every category's deadline in calendar days. */
const calendarDays = readModelSpec(handlingPeriodsReadModel({ ...slaRulesOf(loadConfig({})), deadline: () => ({ calendarDays: 15 }) }));

const HOUR = 3_600_000;
/** Seoul times in the week of Monday 9 March 2026, no holiday in it. */
const seoul = (day: number, time: string) => `2026-03-${String(day).padStart(2, '0')}T${time}:00+09:00`;

const received = CaseHistory.received('c-1'); // Monday 9 March, 10:00
const assigned = received.acknowledge({}, { at: seoul(9, '10:30') }).assign({}, { at: seoul(9, '11:00') });
/** Decision told on Tuesday 15:30, closed at 16:00. */
const closed = assigned
  .findings(undefined, { at: seoul(10, '14:00') })
  .decide({}, { at: seoul(10, '15:00') })
  .communicate({}, { at: seoul(10, '15:30') })
  .close({}, { at: seoul(10, '16:00') });

const summaryRow = (quarter: string, counters: Record<string, number>, durations: Record<string, number> = {}, compensation: Record<string, number> = {}) => ({
  quarter, filter_by: '', filter_values: '[]', summary: { counters, compensation, durations },
});

describe('handling periods (handling_periods): the SLA of each case, one row per period', () => {
  it('a received case has one running period, due 3 working days (24 working hours) later: Thursday 10:00', async () => {
    await spec.given(received).then('handling_periods', [
      {
        complaint_id: 'c-1', period: 1, category: 'defective-facility', channel: 'web', department: null, received_at: seoul(9, '10:00'),
        started_at: seoul(9, '10:00'), deadline_days: 3, budget_ms: 24 * HOUR, interim_notice_due_at: seoul(10, '10:00'), due_at: seoul(12, '10:00'),
        clock: 'running', worked_ms: 0, paused_ms: 0, breached_at: null, ended_as: null, case_state: 'received', received_quarter: '2026-Q1', ended_quarter: null,
      },
    ]);
  });

  it('the decision told stops the clock; the closing ends the period, with its working time to close', async () => {
    await spec.given(assigned).when(closed).then('handling_periods', [
      {
        period: 1, department: 'inspection', clock: 'stopped', stopped_by: 'decision-communicated', stopped_at: seoul(10, '15:30'),
        // Monday 10:00–18:00 less lunch (7 h) and Tuesday 09:00–15:30 less lunch (5.5 h).
        worked_ms: 12.5 * HOUR, due_at: seoul(12, '10:00'), breached_at: null, ended_at: seoul(10, '16:00'), ended_as: 'closed', close_reason: 'resolved',
        handling_ms: 13 * HOUR, outcome: 'upheld', case_state: 'closed', ended_quarter: '2026-Q1',
      },
    ]);
  });

  it('a pause is not counted: a working day paused moves the due time a working day later', async () => {
    const paused = assigned.command('pause-clock', { reason: 'document-supplement' }, { at: seoul(9, '11:00') });
    await spec.given(paused).then('handling_periods', [{ clock: 'paused', due_at: null, worked_ms: HOUR, case_state: 'assigned' }]);
    const resumed = paused.command('resume-clock', {}, { at: seoul(10, '11:00') });
    await spec.given(paused).when(resumed).then('handling_periods', [
      { clock: 'running', worked_ms: HOUR, paused_ms: 8 * HOUR, due_at: seoul(13, '10:00'), case_state: 'assigned' },
    ]);
  });

  it('a pause moves a deadline in calendar days by its whole length, the pause kept in the row from one batch to the next', async () => {
    const paused = assigned.command('pause-clock', { reason: 'document-supplement' }, { at: seoul(9, '11:00') });
    await calendarDays.given(paused).then('handling_periods', [{ clock: 'paused', due_at: null, paused_at: seoul(9, '11:00'), due_at_paused: seoul(24, '10:00') }]);
    // Paused 24 hours: Monday 9 March 10:00 + 15 days + 24 hours
    await calendarDays.given(paused).when(paused.command('resume-clock', {}, { at: seoul(10, '11:00') })).then('handling_periods', [
      { clock: 'running', due_at: seoul(25, '10:00'), paused_at: null, due_at_paused: null },
    ]);
  });

  it('a clock still running after the due instant is breached at the due instant', async () => {
    const late = assigned.findings(undefined, { at: seoul(12, '14:00') }).decide({}, { at: seoul(13, '09:30') }).communicate({}, { at: seoul(13, '10:00') });
    // Told on Friday 10:00: Monday's 7 working hours, Tuesday's to Thursday's 8 each and Friday's first.
    await spec.given(late).then('handling_periods', [{ clock: 'stopped', due_at: seoul(12, '10:00'), breached_at: seoul(12, '10:00'), worked_ms: 32 * HOUR, case_state: 'decided' }]);
  });

  it('a reopen starts period 2 with the full deadline from the reopen; period 1 keeps its result and is marked reopened', async () => {
    const reopened = closed.reopen({}, { at: seoul(11, '10:00') });
    await spec.given(closed).when(reopened).then('handling_periods', [
      { period: 1, clock: 'stopped', ended_as: 'closed', reopened_at: seoul(11, '10:00'), case_state: 'closed', received_quarter: '2026-Q1' },
      // Wednesday 10:00 + 24 working hours: Monday 16 March 10:00.
      { period: 2, clock: 'running', started_at: seoul(11, '10:00'), due_at: seoul(16, '10:00'), ended_as: null, reopened_at: null, department: 'inspection', case_state: 'assigned', received_quarter: null },
    ]);
  });

  it('a period counts in the quarter of its receipt in Seoul: received at 08:00 on 1 April is in the second quarter', async () => {
    const april = CaseHistory.received('c-9', { receivedAt: '2026-04-01T08:00:00+09:00' }, { at: '2026-04-01T08:00:00+09:00' });
    await spec.given(april).then('handling_periods', [{ complaint_id: 'c-9', received_at: '2026-03-31T23:00:00Z', received_quarter: '2026-Q2' }]);
  });

  it('a letter received before it was recorded is due from its receipt', async () => {
    const letter = CaseHistory.received('c-7', { channel: 'mail', receivedAt: seoul(6, '10:00') }, { at: seoul(9, '10:00') });
    // Friday 6 March 10:00 + 24 working hours: Wednesday 11 March 10:00; by Monday 10:00, 8 of them were used (Friday's 7, Monday's first).
    await spec.given(letter).then('handling_periods', [{ received_at: seoul(6, '10:00'), started_at: seoul(6, '10:00'), due_at: seoul(11, '10:00'), worked_ms: 0 }]);
    await spec.given(letter).when(letter.assign({}, { at: seoul(9, '10:00') })).then('handling_periods', [{ worked_ms: 8 * HOUR, as_of: seoul(9, '10:00') }]);
  });

  it('a withdrawal and a rejection at initial assessment end the period so', async () => {
    await spec.given(assigned.withdraw('Settled', { at: seoul(9, '12:00') }), CaseHistory.received('c-2').assess({ exclusion: 'private-law', note: 'Contract dispute' }, { at: seoul(9, '11:00') })).then('handling_periods', [
      { complaint_id: 'c-1', clock: 'stopped', stopped_by: 'withdrawn', ended_as: 'withdrawn', close_reason: null, case_state: 'closed' },
      { complaint_id: 'c-2', clock: 'stopped', stopped_by: 'rejected-at-assessment', ended_as: 'rejected-at-assessment', close_reason: null, case_state: 'closed' },
    ]);
  });
});

describe('quarterly summaries (quarterly_summaries): what the periods add to each quarter, per filter combination', () => {
  it('a case received and closed in a quarter counts once in each of its counters (no filter: filter_by = \'\')', async () => {
    await spec.given(assigned).when(closed).then('quarterly_summaries', [
      summaryRow('2026-Q1', { received: 1, opened: 1, ended: 1, closed: 1, closedWithinDeadline: 1, upheld: 1 }, { 130: 1 }),
    ], { where: "filter_by = ''" });
  });

  it('it counts under every combination of department, category and channel', async () => {
    await spec.given(closed).thenRows((s) => `SELECT filter_by, filter_values FROM ${s}.quarterly_summaries WHERE quarter = '2026-Q1' ORDER BY filter_by COLLATE "C"`, [
      { filter_by: '', filter_values: '[]' },
      { filter_by: 'category', filter_values: '["defective-facility"]' },
      { filter_by: 'category+channel', filter_values: '["defective-facility","web"]' },
      { filter_by: 'channel', filter_values: '["web"]' },
      { filter_by: 'department', filter_values: '["inspection"]' },
      { filter_by: 'department+category', filter_values: '["inspection","defective-facility"]' },
      { filter_by: 'department+category+channel', filter_values: '["inspection","defective-facility","web"]' },
      { filter_by: 'department+channel', filter_values: '["inspection","web"]' },
    ]);
  });

  it('a breached closing with compensation counts as breached, with its amount', async () => {
    const late = assigned.findings(undefined, { at: seoul(12, '14:00') })
      .decide({ compensation: { amount: 10_000, currency: 'KRW' } }, { at: seoul(13, '09:30') })
      .communicate({}, { at: seoul(13, '10:00') }).close({}, { at: seoul(13, '11:00') });
    await spec.given(late).then('quarterly_summaries', [
      // Closed on Friday 11:00: 33 working hours, 330 tenths.
      summaryRow('2026-Q1', { received: 1, opened: 1, ended: 1, closed: 1, closedBreached: 1, closedNoticeOwed: 1, upheld: 1 }, { 330: 1 }, { KRW: 10_000 }),
    ], { where: "filter_by = ''" });
  });

  it('a case closed in March, reopened and closed again in April counts in each quarter once per closing, its receipt once', async () => {
    const march = CaseHistory.received('c-3', {}, { at: '2026-03-30T10:00:00+09:00' }).assign().findings().decide().communicate().close({}, { at: '2026-03-31T16:00:00+09:00' });
    const reopened = march.reopen({}, { at: '2026-04-01T10:00:00+09:00' });
    const april = reopened.findings().decide().communicate().close({}, { at: '2026-04-02T10:00:00+09:00' });
    await spec.given(march).when(reopened).when(april).then(async (tables) => {
      const counters = await tables.query((s) => `SELECT quarter, summary->'counters' AS counters FROM ${s}.quarterly_summaries WHERE filter_by = '' ORDER BY quarter`);
      expect(counters).toEqual([
        { quarter: '2026-Q1', counters: { received: 1, opened: 1, ended: 1, closed: 1, closedWithinDeadline: 1, upheld: 1, closedThenReopened: 1 } },
        { quarter: '2026-Q2', counters: { opened: 1, ended: 1, closed: 1, closedWithinDeadline: 1, upheld: 1 } },
      ]);
    });
  });

  it('a survey counts in the quarter it was recorded in', async () => {
    const surveyed = closed.survey({ easeOfFiling: 5, overall: 3 }, { at: '2026-04-01T10:00:00+09:00' });
    await spec.given(closed).when(surveyed).then('quarterly_summaries', [
      summaryRow('2026-Q2', {
        surveys: 1,
        ...Object.fromEntries(Object.entries({ easeOfFiling: 5, interimNotice: 4, proactiveness: 4, courtesy: 4, processingTime: 4, explanation: 4, overall: 3 })
          .flatMap(([e, score]) => [[`scoreTotal:${e}`, score], [`scoreCount:${e}`, 1]])),
      }),
    ], { where: "filter_by = '' AND quarter = '2026-Q2'" });
  });

  it('a survey stored before an element was in the list counts no answer for it: not asked is not zero', async () => {
    const sixElements = { easeOfFiling: 5, interimNotice: 4, proactiveness: 4, courtesy: 4, processingTime: 4, overall: 3 };
    // The same event as a survey of the six elements stored before the seventh was added.
    const surveyed = closed.command('record-satisfaction', { scores: sixElements }, { at: '2026-04-01T10:00:00+09:00' });
    await spec.given(closed).when(surveyed).then('quarterly_summaries', [
      summaryRow('2026-Q2', { surveys: 1, ...Object.fromEntries(Object.entries(sixElements).flatMap(([e, score]) => [[`scoreTotal:${e}`, score], [`scoreCount:${e}`, 1]])) }),
    ], { where: "filter_by = '' AND quarter = '2026-Q2'" });
    await spec.given(closed).when(surveyed).thenRows((s) => `SELECT scores FROM ${s}.handling_periods`, [{ scores: sixElements }]);
  });

  it('a reassigned case moves to its new department’s summaries and leaves no empty row behind', async () => {
    const unassigned = CaseHistory.received('c-4');
    const byDepartment = (s: string) => `SELECT quarter, filter_values, summary->'counters' AS counters FROM ${s}.quarterly_summaries WHERE filter_by = 'department'`;
    await spec.given(unassigned).thenRows(byDepartment, [{ quarter: '2026-Q1', filter_values: '[""]', counters: { received: 1, opened: 1 } }]);
    const inspection = unassigned.assign();
    const testing = inspection.command('reassign', { department: 'testing' });
    await spec.given(unassigned).when(inspection).when(testing).thenRows(byDepartment, [{ quarter: '2026-Q1', filter_values: '["testing"]', counters: { received: 1, opened: 1 } }]);
  });

  it('periods and summaries are the same whether the history comes in one batch or one event per batch', async () => {
    const history = CaseHistory.received('c-5', {}, { at: '2026-03-30T10:00:00+09:00' })
      .assign()
      .command('pause-clock', { reason: 'document-supplement' })
      .command('send-interim-notice', { channel: 'sms', progress: 'Lab test ordered', delayReason: 'Lab test' })
      .command('resume-clock', {}, { at: '2026-04-03T10:00:00+09:00' })
      .findings()
      .decide({ compensation: { amount: 10_000, currency: 'KRW' } })
      .communicate()
      .close()
      .survey()
      .reopen()
      .command('reassign', { department: 'testing' })
      .findings()
      .decide({ outcome: 'not-upheld' })
      .communicate()
      .close({}, { at: '2026-04-10T10:00:00+09:00' });
    const cases = [
      history,
      closed,
      // Decided while paused (the decision ends the pause: two events of one command), then reopened before it was closed.
      CaseHistory.received('c-6').assign().command('pause-clock', { reason: 'document-supplement' }, { at: seoul(9, '12:00') }).findings().decide({}, { at: seoul(11, '10:00') }).reopen({}, { at: seoul(11, '11:00') }).findings().decide(),
      // A letter received in the last quarter of 2025 and recorded in January.
      CaseHistory.received('c-7', { channel: 'mail', receivedAt: '2025-12-30T10:00:00+09:00' }, { at: '2026-01-05T10:00:00+09:00' }).assign().withdraw(),
      CaseHistory.received('c-8').assess({ exclusion: 'private-law', note: 'Contract dispute' }),
    ];
    const oneBatch = await spec.given(...cases).then((tables) => tables.snapshot());
    expect(await spec.given(...cases).inBatchesOf(1).then((tables) => tables.snapshot())).toEqual(oneBatch);
    expect(await spec.given(...cases).inBatchesOf(3).then((tables) => tables.snapshot())).toEqual(oneBatch);
  });
});
