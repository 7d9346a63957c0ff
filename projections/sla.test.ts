import { describe, expect, it } from '@jest/globals';
import type { Outcome } from '../domain/catalog.js';
import type { ComplaintEvent } from '../domain/complaint/events.js';
import { replay } from '../domain/complaint/decider.js';
import { addWorkingTime, deadlineFor, DEFAULT_KOREAN_CALENDAR, dueAtOf, US_FEDERAL_CALENDAR, workingMillisBetween, type Deadline, type Pause, type WorkingCalendar } from '../domain/working-time/index.js';
import { foldPeriods, slaAt, slaFigures, type HandlingPeriod, type SlaRules } from './sla.js';
import { workingClockOf } from './working-clock.js';
import fc from 'fast-check';

const HOUR = 3_600_000;
const calendar = DEFAULT_KOREAN_CALENDAR;
const rules: SlaRules = { calendar, deadline: (category) => ({ days: category === 'budget-waste' ? 7 : 3 }), interimNoticeDeadline: { days: 1 }, isCompliment: (category: string) => category === 'compliment' };
const query = { calendar, atRiskShare: 0.8 };

/** Event builders: each takes the business time in Seoul time. */
const kst = (local: string) => new Date(`${local}+09:00`).toISOString();
const received = (at: string, category = 'defective-facility'): ComplaintEvent => ({ ...receivedAt(kst(at), category) });
const receivedAt = (instant: string, category = 'defective-facility'): ComplaintEvent => ({
  type: 'ComplaintReceived',
  occurredAt: instant,
  data: {
    complaintId: 'c-1', channel: 'web', route: { kind: 'internal' }, category, description: 'Gas meter leaks', complainant: { name: '김민수', phone: '010' },
    consent: { sms: true, email: false, phone: false }, subjects: [], vulnerable: false, receivedAt: instant, unidentified: false,
  },
});
const assigned = (at: string): ComplaintEvent => ({ type: 'ComplaintAssigned', occurredAt: kst(at), data: { department: 'inspection' } });
const paused = (at: string): ComplaintEvent => pausedAt(kst(at));
const resumed = (at: string): ComplaintEvent => resumedAt(kst(at));
const pausedAt = (instant: string): ComplaintEvent => ({ type: 'ClockPaused', occurredAt: instant, data: { reason: 'inspection' } });
const resumedAt = (instant: string): ComplaintEvent => ({ type: 'ClockResumed', occurredAt: instant, data: {} });
const notice = (at: string): ComplaintEvent => ({ type: 'InterimNoticeSent', occurredAt: kst(at), data: { progress: 'Site visit done', delayReason: 'Lab test' } });
const found = (at: string): ComplaintEvent => ({ type: 'FindingsRecorded', occurredAt: kst(at), data: { summary: 'Looked into it', subjects: [] } });
const decided = (at: string, outcome: Outcome = 'upheld'): ComplaintEvent => ({
  type: 'DecisionMade', occurredAt: kst(at), data: { outcome, basis: 'Gas Safety Act', compensation: { amount: 10_000, currency: 'KRW' } },
});
const communicated = (at: string): ComplaintEvent => ({ type: 'DecisionCommunicated', occurredAt: kst(at), data: { channel: 'sms', basis: 'x', appeal: 'y' } });
/** Findings, a decision and its communication at one instant: the clock stops then. */
const answered = (at: string): ComplaintEvent[] => [found(at), decided(at), communicated(at)];
const closed = (at: string): ComplaintEvent => ({ type: 'ComplaintClosed', occurredAt: kst(at), data: { reason: 'resolved' } });
const reopened = (at: string): ComplaintEvent => ({ type: 'ComplaintReopened', occurredAt: kst(at), data: { kind: 're-investigation', reason: 'Badly handled' } });
const surveyed = (at: string): ComplaintEvent => ({
  type: 'SatisfactionRecorded', occurredAt: kst(at),
  data: { scores: { easeOfFiling: 5, interimNotice: 4, proactiveness: 4, courtesy: 5, processingTime: 3, overall: 4 } },
});

/** The periods of a history the lifecycle machine takes (replay throws on one it does not). */
const given = (...events: ComplaintEvent[]) => {
  replay(events);
  const periods = foldPeriods(events, rules);
  return { periods, last: periods[periods.length - 1] as HandlingPeriod, at: (now: string) => slaAt(periods[periods.length - 1] as HandlingPeriod, kst(now), query) };
};

describe('the deadline runs in working time from receipt', () => {
  it('received Wed 23 Sep 2026 10:00, before Chuseok (24–26 Sep): 3 days are due Wed 30 Sep 10:00', () => {
    const { last } = given(received('2026-09-23T10:00:00'));
    expect(last).toMatchObject({ period: 1, dueAt: kst('2026-09-30T10:00:00'), budgetMs: 24 * HOUR, clock: 'running' });
  });

  it('received Friday 6 Nov 2026 at 19:00, the clock starts Monday 09:00: due Wed 11 Nov 18:00, interim notice due Mon 18:00', () => {
    const { last, at } = given(received('2026-11-06T19:00:00'));
    expect(last).toMatchObject({ dueAt: kst('2026-11-11T18:00:00'), interimNoticeDueAt: kst('2026-11-09T18:00:00') });
    // Over the weekend no working time is used
    expect(at('2026-11-08T23:00:00')).toMatchObject({ status: 'on-track', usedMs: 0 });
  });

  it('the substitute holiday for National Foundation Day (Mon 5 Oct 2026) is skipped: received Fri 2 Oct 14:00, due Thu 8 Oct 14:00', () => {
    expect(given(received('2026-10-02T14:00:00')).last.dueAt).toBe(kst('2026-10-08T14:00:00'));
  });

  it('the category decides the deadline: a 7-day budget-waste report is counted in days and due at the end of the 7th working day', () => {
    // Tue 22 Sep (1), Wed 23 (2), Chuseok and the weekend, Mon 28 (3) … Fri 2 Oct (7)
    expect(given(received('2026-09-22T15:00:00', 'budget-waste')).last).toMatchObject({ deadlineDays: 7, dueAt: kst('2026-10-02T18:00:00') });
  });
});

describe('a decision communicated within the deadline meets it', () => {
  it('communicated Tue 29 Sep 17:00 for a case due Wed 30 Sep 10:00: met, 22 of 24 working hours used', () => {
    const { last, at } = given(received('2026-09-23T10:00:00'), assigned('2026-09-23T10:30:00'), found('2026-09-29T15:00:00'), decided('2026-09-29T16:00:00'), communicated('2026-09-29T17:00:00'));
    expect(last).toMatchObject({ clock: 'stopped', stoppedBy: 'decision-communicated', stoppedAt: kst('2026-09-29T17:00:00'), workedMs: 22 * HOUR, breachedAt: null });
    // Wed 7 h (10–12, 13–18), Mon 28 8 h, Tue 29 7 h (09–12, 13–17)
    // Met: no interim notice was owed, though the case was undecided a working day after receipt (rule 1).
    expect(at('2026-12-31T12:00:00')).toMatchObject({ status: 'met', usedMs: 22 * HOUR, shareUsed: 22 / 24, interimNoticeMissing: false });
  });

  it('the clock stops at the decision communicated: closing later does not change the result, but counts in the time to close', () => {
    const { last } = given(received('2026-09-23T10:00:00'), assigned('2026-09-23T10:30:00'), found('2026-09-29T15:00:00'), decided('2026-09-29T16:00:00'), communicated('2026-09-29T17:00:00'), closed('2026-10-01T10:00:00'));
    expect(last).toMatchObject({ workedMs: 22 * HOUR, breachedAt: null, endedAs: 'closed', closeReason: 'resolved', outcome: 'upheld' });
    // 22 h to the notice, then Tue 17–18 and Wed 30 Sep 09–10 (Oct 1 is Thursday: 09–10)
    expect(last.handlingMs).toBe(22 * HOUR + workingMillisBetween(kst('2026-09-29T17:00:00'), kst('2026-10-01T10:00:00'), calendar));
  });

  it('a decision made but not communicated keeps the clock running', () => {
    const { at } = given(received('2026-09-23T10:00:00'), assigned('2026-09-23T10:30:00'), found('2026-09-29T15:00:00'), decided('2026-09-29T16:00:00'));
    expect(at('2026-09-30T10:01:00')).toMatchObject({ status: 'breached', breachedAt: kst('2026-09-30T10:00:00') });
  });
});

describe('a breach is the moment the deadline ran out with the clock running', () => {
  const history = [received('2026-10-02T14:00:00'), assigned('2026-10-02T15:00:00')];

  it('an open case turns breached within a minute of its due time, and is at risk before', () => {
    const { at } = given(...history);
    expect(at('2026-10-08T13:59:00')).toMatchObject({ status: 'at-risk' });
    expect(at('2026-10-08T14:01:00')).toMatchObject({ status: 'breached', breachedAt: kst('2026-10-08T14:00:00') });
  });

  it('at risk from 80 % of the working time used: 19.2 of 24 hours, reached Wed 7 Oct 17:12', () => {
    // Fri 2 Oct 4 h, Mon 5 Oct substitute holiday, Tue 6 Oct 8 h, Wed 7 Oct 3 h + 4.2 h
    const { at } = given(...history);
    expect(at('2026-10-07T17:11:00')).toMatchObject({ status: 'on-track' });
    expect(at('2026-10-07T17:13:00').status).toBe('at-risk');
    expect(at('2026-10-07T17:13:00').shareUsed).toBeCloseTo((19.2 + 1 / 60) / 24, 9);
  });

  it('a closed case keeps its final result: communicated after the due time is breached, forever', () => {
    const { last, at } = given(...history, found('2026-10-12T09:00:00'), decided('2026-10-12T09:30:00'), communicated('2026-10-12T10:00:00'), closed('2026-10-12T11:00:00'));
    expect(last).toMatchObject({ breachedAt: kst('2026-10-08T14:00:00'), clock: 'stopped' });
    expect(at('2027-06-01T10:00:00')).toMatchObject({ status: 'breached', breachedAt: kst('2026-10-08T14:00:00') });
  });

  it('communicated exactly at the due instant meets the deadline', () => {
    const { at } = given(...history, found('2026-10-08T12:30:00'), decided('2026-10-08T13:00:00'), communicated('2026-10-08T14:00:00'));
    expect(at('2026-10-09T10:00:00').status).toBe('met');
  });

  it('communicated at 19:00 after a due time of 18:00 the same day is late, though no working time passed', () => {
    // Received Mon 9 Nov 2026 18:00 (the end of the day): counting starts Tuesday, 3 days are due Thu 12 Nov 18:00
    const { last, at } = given(received('2026-11-09T18:00:00'), assigned('2026-11-09T18:00:00'), found('2026-11-12T16:00:00'), decided('2026-11-12T17:00:00'), communicated('2026-11-12T19:00:00'));
    expect(last.dueAt).toBe(kst('2026-11-12T18:00:00'));
    expect(at('2026-11-13T10:00:00')).toMatchObject({ status: 'breached', usedMs: 24 * HOUR, shareUsed: 1 });
  });
});

describe('the due instant is the earliest instant at which the working time reaches the deadline: the end of a working day, not the next opening', () => {
  // Received Tue 2 Jun 2026 09:00; Wed 3 Jun is a holiday (the local elections): 24 working hours are Tue, Thu and Fri.
  const history = [received('2026-06-02T09:00:00'), assigned('2026-06-02T10:00:00')];
  const answeredAt = (instant: string): ComplaintEvent[] =>
    [found('2026-06-05T16:00:00'), decided('2026-06-05T17:00:00'), { type: 'DecisionCommunicated', occurredAt: instant, data: { channel: 'sms', basis: 'x', appeal: 'y' } }];

  it('3 days are due Fri 5 Jun 18:00, not Mon 8 Jun 09:00 (the same working time, read as "due Monday")', () => {
    expect(given(...history).last).toMatchObject({ dueAt: kst('2026-06-05T18:00:00'), budgetMs: 24 * HOUR });
  });

  it('answered at Fri 18:00:00 exactly: on time; at Mon 09:00:00.001: late, breached at Fri 18:00, though the working time used is nearly the same', () => {
    const onTime = given(...history, ...answeredAt(kst('2026-06-05T18:00:00')));
    expect(onTime.at('2026-06-09T10:00:00')).toMatchObject({ status: 'met', breachedAt: null, usedMs: 24 * HOUR });
    const late = given(...history, ...answeredAt(new Date(Date.parse(kst('2026-06-08T09:00:00')) + 1).toISOString()));
    expect(late.at('2026-06-09T10:00:00')).toMatchObject({ status: 'breached', breachedAt: kst('2026-06-05T18:00:00'), usedMs: 24 * HOUR + 1 });
  });

  it('an open case is on time until Fri 18:00:00 and breached from the next millisecond, before Monday opens', () => {
    const { at } = given(...history);
    expect(at('2026-06-05T18:00:00').status).toBe('at-risk');
    expect(at('2026-06-05T18:00:00.001')).toMatchObject({ status: 'breached', breachedAt: kst('2026-06-05T18:00:00') });
  });
});

describe('a case paused at its due instant and resumed with no working time left is due at the resume', () => {
  it('on New Year\'s Day as on a Saturday: answered an hour after the resume, it is late, breached at the resume', () => {
    // Received Tue 29 Dec 2026 09:00: 3 days are due Thu 31 Dec 18:00; paused then, resumed Fri 1 Jan 2027 (a holiday) 10:00.
    const newYear = given(received('2026-12-29T09:00:00'), assigned('2026-12-29T10:00:00'), paused('2026-12-31T18:00:00'), resumed('2027-01-01T10:00:00'));
    expect(newYear.last.dueAt).toBe(kst('2027-01-01T10:00:00'));
    expect(newYear.at('2027-01-01T11:00:00')).toMatchObject({ status: 'breached', breachedAt: kst('2027-01-01T10:00:00') });
    // Received Tue 2 Jun 2026 09:00: due Fri 5 Jun 18:00; paused then, resumed Sat 6 Jun 10:00.
    const saturday = given(received('2026-06-02T09:00:00'), assigned('2026-06-02T10:00:00'), paused('2026-06-05T18:00:00'), resumed('2026-06-06T10:00:00'));
    expect(saturday.last.dueAt).toBe(kst('2026-06-06T10:00:00'));
    expect(saturday.at('2026-06-06T11:00:00')).toMatchObject({ status: 'breached', breachedAt: kst('2026-06-06T10:00:00') });
  });
});

describe('paused time is not counted', () => {
  // Received Thu 5 Nov 2026 10:00: due Tue 10 Nov 10:00 without pauses
  const history = [received('2026-11-05T10:00:00'), assigned('2026-11-05T11:00:00'), paused('2026-11-06T16:00:00')];

  it('a pause across the weekend (Fri 16:00 → Mon 11:00) stops 4 working hours and moves the due time to Tue 10 Nov 15:00', () => {
    const { last } = given(...history, resumed('2026-11-09T11:00:00'));
    expect(last).toMatchObject({ pausedMs: 4 * HOUR, workedMs: 13 * HOUR, dueAt: kst('2026-11-10T15:00:00'), clock: 'running' });
  });

  it('while paused the working time used stands still, the paused time grows, and there is no due time', () => {
    const { at } = given(...history);
    expect(at('2026-11-09T10:00:00')).toMatchObject({ status: 'on-track', usedMs: 13 * HOUR, pausedMs: 3 * HOUR, dueAt: null });
    // Long after the original due time the paused case is not breached
    expect(at('2026-11-20T10:00:00')).toMatchObject({ status: 'on-track', usedMs: 13 * HOUR });
  });

  describe('a deadline in calendar days moves by the whole length of each pause, as the decider\'s rule (dueAtOf) has it', () => {
    /** A category of 15 calendar days (the CFPB catalog's) on a calendar. */
    const fifteenDays = (cal: WorkingCalendar): SlaRules => ({ ...rules, calendar: cal, deadline: () => ({ calendarDays: 15 }) });
    const periodOf = (cal: WorkingCalendar, ...events: ComplaintEvent[]) => foldPeriods(events, fifteenDays(cal))[0] as HandlingPeriod;

    it('Korea: received Sat 28 Nov 2026 10:00, due Sun 13 Dec 10:00; paused 5 s in the night of Fri to Sat, due 5 s later', () => {
      const received = receivedAt('2026-11-28T10:00:00+09:00');
      expect(periodOf(DEFAULT_KOREAN_CALENDAR, received).dueAt).toBe('2026-12-13T01:00:00.000Z');
      const pause = [pausedAt('2026-12-05T00:19:00+09:00'), resumedAt('2026-12-05T00:19:05+09:00')];
      expect(periodOf(DEFAULT_KOREAN_CALENDAR, received, ...pause)).toMatchObject({ dueAt: '2026-12-13T01:00:05.000Z', clock: 'running', pausedAt: null });
    });

    it('the USA: received Sat 28 Nov 2026 10:00 in New York; paused 20 s on a working Friday, due Sun 13 Dec 10:00:20', () => {
      const pause = [pausedAt('2026-12-04T10:21:00-05:00'), resumedAt('2026-12-04T10:21:20-05:00')];
      expect(periodOf(US_FEDERAL_CALENDAR, receivedAt('2026-11-28T10:00:00-05:00'), ...pause).dueAt).toBe('2026-12-13T15:00:20.000Z');
    });

    it('a pause over a weekend (Fri 16:00 to Mon 11:00) pushes it by those 67 hours, and the working time left is the budget\'s', () => {
      const received = receivedAt('2026-11-05T10:00:00+09:00');
      const p = periodOf(DEFAULT_KOREAN_CALENDAR, received, paused('2026-11-06T16:00:00'), resumed('2026-11-09T11:00:00'));
      // 15 days: Fri 20 Nov 10:00; 67 hours later: Mon 23 Nov 05:00
      expect(p.dueAt).toBe(kst('2026-11-23T05:00:00'));
      expect(p.budgetMs).toBe(p.workedMs + workingMillisBetween(kst('2026-11-09T11:00:00'), p.dueAt!, DEFAULT_KOREAN_CALENDAR));
    });
  });

  it('a case that breached before its pause stays breached', () => {
    const { at } = given(received('2026-11-05T10:00:00'), paused('2026-11-11T10:00:00'));
    expect(at('2026-11-12T10:00:00')).toMatchObject({ status: 'breached', breachedAt: kst('2026-11-10T10:00:00') });
  });
});

describe('rule 1, the interim notice: "조사 등 부득이한 사유로 처리기간 내에 고객불만의 처리가 곤란하다고 인정되는 경우에는 접수후 1일 이내에 중간처리과정 및 지연사유 안내할 수 있음"', () => {
  const history = [received('2026-10-02T14:00:00'), assigned('2026-10-02T15:00:00')];

  it('given a breach without an interim notice, then it is missing', () => {
    expect(given(...history, ...answered('2026-10-12T10:00:00')).at('2026-10-12T11:00:00').interimNoticeMissing).toBe(true);
  });

  it('given a notice within 1 working day of receipt, then it is not missing', () => {
    expect(given(...history, notice('2026-10-06T10:00:00'), ...answered('2026-10-12T10:00:00')).at('2026-10-12T11:00:00').interimNoticeMissing).toBe(false);
  });

  it('given a notice two days late, when the deadline is breached, then it still is missing', () => {
    expect(given(...history, notice('2026-10-08T10:00:00'), ...answered('2026-10-12T10:00:00')).at('2026-10-12T11:00:00').interimNoticeMissing).toBe(true);
  });

  it('given a case answered within its deadline without any notice, then none was owed, though it was undecided a working day after receipt', () => {
    const { last, at } = given(...history, ...answered('2026-10-08T11:00:00'));
    expect(Date.parse(last.decidedAt!)).toBeGreaterThan(Date.parse(last.interimNoticeDueAt));
    expect(at('2026-10-08T12:00:00')).toMatchObject({ status: 'met', interimNoticeMissing: false });
  });

  it('given an open case without a notice, then it is missing from the instant its deadline is breached, not while it may still be met', () => {
    const { last, at } = given(...history);
    expect(last.interimNoticeDueAt).toBe(kst('2026-10-06T14:00:00'));
    expect(last.dueAt).toBe(kst('2026-10-08T14:00:00'));
    expect(at('2026-10-07T14:01:00')).toMatchObject({ status: 'on-track', interimNoticeMissing: false });
    expect(at('2026-10-08T14:00:00')).toMatchObject({ status: 'at-risk', interimNoticeMissing: false });
    expect(at('2026-10-12T10:00:00')).toMatchObject({ status: 'breached', interimNoticeMissing: true });
  });

  it('given a case decided before the interim-notice due instant, then it owed none, even if communicated later', () => {
    const { at } = given(...history, found('2026-10-05T10:00:00'), decided('2026-10-05T11:00:00'), communicated('2026-10-07T10:00:00'));
    expect(at('2026-10-20T10:00:00')).toMatchObject({ status: 'met', interimNoticeMissing: false });
  });

  it('given a due instant configured as 4 working hours, then the notice is measured against it', () => {
    const periods = foldPeriods(history, { ...rules, interimNoticeDeadline: { hours: 4 } });
    expect(periods[0]!.interimNoticeDueAt).toBe(kst('2026-10-02T18:00:00'));
    const late = foldPeriods([...history, notice('2026-10-05T10:00:00')], { ...rules, interimNoticeDeadline: { hours: 4 } });
    expect(slaAt(late[0]!, kst('2026-10-12T10:00:00'), query).interimNoticeMissing).toBe(true);
    const inTime = foldPeriods([...history, notice('2026-10-02T17:30:00')], { ...rules, interimNoticeDeadline: { hours: 4 } });
    expect(slaAt(inTime[0]!, kst('2026-10-12T10:00:00'), query).interimNoticeMissing).toBe(false);
  });
});

describe('the interim notice as the SLA position shows it: nothing is due once the clock stopped', () => {
  const history = [received('2026-10-02T14:00:00'), assigned('2026-10-02T15:00:00')];
  const figures = (...events: ComplaintEvent[]) => slaFigures(given(...events).last, kst('2026-12-07T10:00:00'), query);
  const rejected: ComplaintEvent = { type: 'ComplaintRejectedAtAssessment', occurredAt: kst('2026-10-02T15:00:00'), data: { exclusion: 'private-law', note: 'A dispute between neighbours' } };
  const withdrawn: ComplaintEvent = { type: 'ComplaintWithdrawn', occurredAt: kst('2026-10-05T10:00:00'), data: { reason: 'Sorted out' } };

  it('given an open case without one, then it is due at its instant', () => {
    expect(figures(...history)).toMatchObject({ interimNoticeDueAt: kst('2026-10-06T14:00:00'), interimNoticeSentAt: null });
  });

  it('given a case excluded at initial assessment, then none is due', () => {
    expect(figures(received('2026-10-02T14:00:00'), rejected)).toMatchObject({ status: 'not-applicable', interimNoticeDueAt: null, interimNoticeSentAt: null, interimNoticeMissing: false });
  });

  it('given a case closed normally, or withdrawn, or only answered, without one, then none is due', () => {
    expect(figures(...history, ...answered('2026-10-05T10:00:00'), closed('2026-10-05T11:00:00'))).toMatchObject({ status: 'met', interimNoticeDueAt: null, interimNoticeSentAt: null });
    expect(figures(...history, withdrawn)).toMatchObject({ status: 'not-applicable', interimNoticeDueAt: null, interimNoticeSentAt: null });
    expect(figures(...history, ...answered('2026-10-05T10:00:00'))).toMatchObject({ interimNoticeDueAt: null, interimNoticeSentAt: null });
  });

  it('given a breached case closed without one, then it is missing, but not due', () => {
    expect(figures(...history, ...answered('2026-10-12T10:00:00'), closed('2026-10-12T11:00:00'))).toMatchObject({ status: 'breached', interimNoticeDueAt: null, interimNoticeMissing: true });
  });

  it('given a closed case that sent one, then it shows when, against its due instant', () => {
    expect(figures(...history, notice('2026-10-05T10:00:00'), ...answered('2026-10-07T10:00:00'), closed('2026-10-07T11:00:00'))).toMatchObject({
      interimNoticeSentAt: kst('2026-10-05T10:00:00'), interimNoticeDueAt: kst('2026-10-06T14:00:00'),
    });
  });
});

describe('a reopen starts a new SLA period; the earlier one keeps its result', () => {
  const history = [
    received('2026-09-23T10:00:00'), assigned('2026-09-23T10:30:00'), found('2026-09-29T15:00:00'), decided('2026-09-29T16:00:00'),
    communicated('2026-09-29T17:00:00'), closed('2026-09-29T17:30:00'), surveyed('2026-10-02T10:00:00'), reopened('2026-10-06T10:00:00'),
  ];

  it('period 2 runs the full deadline from the reopen (Tue 6 Oct 10:00 → Fri 9 Oct is Hangul Day → due Mon 12 Oct 10:00)', () => {
    const { periods } = given(...history);
    expect(periods).toHaveLength(2);
    expect(periods[0]).toMatchObject({ period: 1, breachedAt: null, endedAs: 'closed', reopenedAt: kst('2026-10-06T10:00:00'), satisfaction: { at: kst('2026-10-02T10:00:00') } });
    expect(periods[1]).toMatchObject({
      period: 2, startedAt: kst('2026-10-06T10:00:00'), receivedAt: kst('2026-09-23T10:00:00'), department: 'inspection', clock: 'running',
      dueAt: kst('2026-10-12T10:00:00'), outcome: null, endedAt: null, satisfaction: null,
    });
  });

  it('a reopen of a decided case not yet closed ends its period there', () => {
    const { periods } = given(received('2026-09-23T10:00:00'), assigned('2026-09-23T10:30:00'), found('2026-09-25T09:30:00'), decided('2026-09-25T10:00:00'), reopened('2026-09-28T10:00:00'));
    expect(periods[0]).toMatchObject({ endedAs: 'reopened', stoppedBy: 'reopened', endedAt: kst('2026-09-28T10:00:00'), workedMs: 8 * HOUR });
    expect(periods[1]).toMatchObject({ period: 2, startedAt: kst('2026-09-28T10:00:00') });
  });
});

describe('the projection applies batches: a history folded in any two parts gives the same periods', () => {
  const history = [
    received('2026-11-05T10:00:00'), assigned('2026-11-05T11:00:00'), paused('2026-11-06T16:00:00'), resumed('2026-11-09T11:00:00'),
    notice('2026-11-09T12:00:00'), found('2026-11-11T09:30:00'), decided('2026-11-11T10:00:00', 'partly-upheld'), communicated('2026-11-11T11:00:00'), closed('2026-11-11T12:00:00'),
    reopened('2026-11-12T10:00:00'), paused('2026-11-12T11:00:00'), resumed('2026-11-13T11:00:00'), found('2026-11-16T09:30:00'), decided('2026-11-16T10:00:00'),
    communicated('2026-11-16T10:30:00'), closed('2026-11-16T11:00:00'), surveyed('2026-11-20T10:00:00'),
  ];

  it('resuming from the last stored period equals folding at once', () => {
    const whole = foldPeriods(history, rules);
    for (let split = 0; split <= history.length; split++) {
      const first = foldPeriods(history.slice(0, split), rules);
      const rest = foldPeriods(history.slice(split), rules, first.slice(-1));
      expect([...first.slice(0, -1), ...rest]).toEqual(whole);
    }
  });
});

describe('the working clock', () => {
  const clock = workingClockOf(calendar);
  const instant = fc.date({ min: new Date('1998-06-01T00:00:00Z'), max: new Date('2028-12-31T00:00:00Z'), noInvalidDate: true }).map((d) => d.getTime());

  it('the difference of two readings is the working time between them', () => {
    fc.assert(
      fc.property(instant, fc.integer({ min: 0, max: 40 * 24 * HOUR }), (from, length) => {
        const to = from + length;
        expect(clock.reading(to) - clock.reading(from)).toBe(workingMillisBetween(new Date(from).toISOString(), new Date(to).toISOString(), calendar));
      }),
      { numRuns: 300 },
    );
  });

  it('the instant a reading is reached is where the domain adds working time', () => {
    fc.assert(
      fc.property(instant, fc.integer({ min: 1, max: 80 * HOUR }), (start, budget) => {
        const expected = addWorkingTime(new Date(start).toISOString(), { hours: budget / HOUR }, calendar);
        expect(clock.instantAt(clock.reading(start) + budget, start)).toBe(Date.parse(expected));
      }),
      { numRuns: 300 },
    );
  });

  it('the instant a reading is reached is the earliest at which it is: a millisecond before it the clock reads less (the end of a working period, not the next opening)', () => {
    fc.assert(
      fc.property(instant, fc.integer({ min: 1, max: 80 * HOUR }), (start, budget) => {
        const due = clock.instantAt(clock.reading(start) + budget, start);
        expect(clock.reading(due)).toBe(clock.reading(start) + budget);
        expect(clock.reading(due - 1)).toBe(clock.reading(start) + budget - 1);
      }),
      { numRuns: 300 },
    );
    // Received Tue 2 Jun 2026 09:00, Wed 3 Jun a holiday: 24 working hours are reached Fri 5 Jun 18:00.
    const received = Date.parse(kst('2026-06-02T09:00:00'));
    expect(clock.instantAt(clock.reading(received) + 24 * HOUR, received)).toBe(Date.parse(kst('2026-06-05T18:00:00')));
  });

  it('with no working time left to run, the instant is `notBefore` itself, on New Year\'s Day as on a Saturday (not the next opening)', () => {
    for (const at of [kst('2027-01-01T10:00:00'), kst('2026-06-06T10:00:00'), kst('2026-06-05T18:00:00'), kst('2026-06-04T11:00:00')]) {
      expect(new Date(clock.instantAt(clock.reading(Date.parse(at)), Date.parse(at))).toISOString()).toBe(at);
    }
    fc.assert(fc.property(instant, (start) => expect(clock.instantAt(clock.reading(start), start)).toBe(start)), { numRuns: 300 });
  });

  it('reads zero at its origin, 2020-01-01 00:00 local, and negative before', () => {
    expect(clock.reading(Date.parse('2020-01-01T00:00:00+09:00'))).toBe(0);
    expect(clock.reading(Date.parse('2019-12-31T12:00:00+09:00'))).toBeLessThan(0);
  });
});

describe('deadlines of the fold agree with the domain, on the Korean and the US calendar', () => {
  const calendars = fc.constantFrom(DEFAULT_KOREAN_CALENDAR, US_FEDERAL_CALENDAR);
  const start = fc.date({ min: new Date('2025-01-01T00:00:00Z'), max: new Date('2027-12-01T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString());

  it('every start instant and every period of 1 to 10 days', () => {
    fc.assert(
      fc.property(calendars, start, fc.integer({ min: 1, max: 10 }), (cal, at, days) => {
        const [period] = foldPeriods([receivedAt(at)], { ...rules, calendar: cal, deadline: () => ({ days }) });
        expect(period?.dueAt).toBe(new Date(deadlineFor(at, { days }, cal)).toISOString());
      }),
      { numRuns: 300 },
    );
  });

  it('paused and resumed before the due instant, in working days, working hours or calendar days: due where the decider puts it (dueAtOf)', () => {
    const deadlines: fc.Arbitrary<Deadline> = fc.oneof(
      fc.integer({ min: 3, max: 12 }).map((days) => ({ days })),
      fc.integer({ min: 24, max: 60 }).map((hours) => ({ hours })),
      fc.integer({ min: 3, max: 30 }).map((calendarDays) => ({ calendarDays })),
    );
    // Up to three pauses, each between two of these seconds after receipt: all begin within two days, before any of these deadlines.
    const marks = fc.uniqueArray(fc.integer({ min: 1, max: 2 * 24 * 3600 }), { maxLength: 6 }).map((m) => m.sort((a, b) => a - b));
    fc.assert(
      fc.property(calendars, start, deadlines, marks, (cal, at, deadline, seconds) => {
        const after = (s: number) => new Date(Date.parse(at) + s * 1000).toISOString();
        const pauses: Pause[] = [];
        for (let i = 0; i + 1 < seconds.length; i += 2) pauses.push({ from: after(seconds[i]!), to: after(seconds[i + 1]!) });
        const events = [receivedAt(at), ...pauses.flatMap((p) => [pausedAt(p.from), resumedAt(p.to as string)])];
        const [period] = foldPeriods(events, { ...rules, calendar: cal, deadline: () => deadline });
        expect(period?.dueAt).toBe(new Date(dueAtOf(at, deadline, cal, pauses) as string).toISOString());
      }),
      { numRuns: 300 },
    );
  });
});
