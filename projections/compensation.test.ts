import { describe, expect, it } from '@jest/globals';
import { DEFAULT_COMPENSATION_POLICY as policy, type Outcome } from '../domain/catalog.js';
import type { ComplaintEvent } from '../domain/complaint/events.js';
import { compensationReport, evolveCompensationCase, UNRECORDED_TRIGGER, type CompensationCase, type Grant } from './compensation.js';

const Q3 = ['2026-07-01T00:00:00+09:00', '2026-10-01T00:00:00+09:00'] as const;
const goods = (trigger: string, amount: number, exception = false): Grant => ({ trigger, form: 'goods', amount, currency: 'KRW', exception });
const none = { count: 0, amount: 0 };

/** A case of `department` with decisions (outcome, time, reasons then substantiated, grant), a hand-over and reopenings. */
function c(
  id: string,
  department: string,
  decisions: [Outcome, string, string[], Grant | null][],
  provided: CompensationCase['provided'] = null,
  reopenings: string[] = [],
): CompensationCase {
  return {
    complaintId: id, department, substantiatedReasons: [], provided, reopenings,
    decisions: decisions.map(([outcome, decidedAt, reasons, granted]) => ({ outcome, decidedAt, department, reasons, granted })),
  };
}
const handedOver = (providedAt: string, amount = 10_000) => ({ amount, currency: 'KRW', providedAt });

describe('compensation totals per quarter, department and trigger (004 seed, ch. 3 ⑤ 나)', () => {
  it('given grants and hand-overs, the quarter totals per department and trigger what was granted in it, handed over in it, and not handed over at its end', () => {
    const cases = [
      c('c-1', 'inspection', [['upheld', '2026-07-02T10:00:00+09:00', ['delay'], goods('handling-error', 10_000)]], handedOver('2026-07-03T10:00:00+09:00')),
      c('c-2', 'inspection', [['upheld', '2026-08-02T10:00:00+09:00', ['delay'], goods('handling-error', 50_000, true)]]),
      c('c-3', 'inspection', [['upheld', '2026-09-30T23:00:00+09:00', ['discourtesy'], goods('discourtesy', 10_000)]]),
      // Granted in Q2, handed over in Q3: counts as handed over in Q3 only.
      c('c-4', 'testing', [['upheld', '2026-06-30T10:00:00+09:00', ['discourtesy'], goods('discourtesy', 10_000)]], handedOver('2026-07-01T09:00:00+09:00')),
      // Granted in Q4 (Seoul time): not in Q3.
      c('c-5', 'testing', [['upheld', '2026-10-01T00:30:00+09:00', ['discourtesy'], goods('discourtesy', 10_000)]]),
    ];
    expect(compensationReport(cases, ...Q3, policy).totals).toEqual([
      { department: 'inspection', trigger: 'discourtesy', currency: 'KRW', granted: { count: 1, amount: 10_000, exceptions: 0 }, provided: none, owed: none, outstanding: { count: 1, amount: 10_000 } },
      { department: 'inspection', trigger: 'handling-error', currency: 'KRW', granted: { count: 2, amount: 60_000, exceptions: 1 }, provided: { count: 1, amount: 10_000 }, owed: none, outstanding: { count: 1, amount: 50_000 } },
      { department: 'testing', trigger: 'discourtesy', currency: 'KRW', granted: { count: 0, amount: 0, exceptions: 0 }, provided: { count: 1, amount: 10_000 }, owed: none, outstanding: none },
    ]);
  });

  it('"잘못이 확인되면 건당 10,000원 상당의 물품으로 보상한다": an upheld decision whose findings substantiate a trigger\'s reason and grants nothing owes the policy\'s value, and is listed to follow up', () => {
    const cases = [
      c('c-owed', 'inspection', [['upheld', '2026-08-03T10:00:00+09:00', ['discourtesy'], null]]),
      c('c-partly', 'inspection', [['partly-upheld', '2026-08-04T10:00:00+09:00', ['delay', 'discourtesy'], null]]),
      // Not upheld, or no reason of a trigger substantiated, or decided before the quarter: nothing owed in Q3.
      c('c-not-upheld', 'inspection', [['not-upheld', '2026-08-05T10:00:00+09:00', ['discourtesy'], null]]),
      c('c-other-reason', 'inspection', [['upheld', '2026-08-05T10:00:00+09:00', ['unfair-judgement'], null]]),
      c('c-q2', 'inspection', [['upheld', '2026-06-30T10:00:00+09:00', ['discourtesy'], null]]),
      // Granted in Q2 and still not handed over at the end of Q3: outstanding, though decided before.
      c('c-waiting', 'testing', [['upheld', '2026-06-15T10:00:00+09:00', ['discourtesy'], goods('discourtesy', 10_000)]]),
      // Handed over after the quarter's end: outstanding at its end.
      c('c-late', 'testing', [['upheld', '2026-09-01T10:00:00+09:00', ['discourtesy'], goods('discourtesy', 10_000)]], handedOver('2026-10-02T10:00:00+09:00')),
    ];
    const { totals, followUp } = compensationReport(cases, ...Q3, policy);
    expect(totals).toEqual([
      // The first trigger of the policy whose reason the findings substantiate: handling-error (delay) before discourtesy.
      { department: 'inspection', trigger: 'discourtesy', currency: 'KRW', granted: { count: 0, amount: 0, exceptions: 0 }, provided: none, owed: { count: 1, amount: 10_000 }, outstanding: none },
      { department: 'inspection', trigger: 'handling-error', currency: 'KRW', granted: { count: 0, amount: 0, exceptions: 0 }, provided: none, owed: { count: 1, amount: 10_000 }, outstanding: none },
      { department: 'testing', trigger: 'discourtesy', currency: 'KRW', granted: { count: 1, amount: 10_000, exceptions: 0 }, provided: none, owed: none, outstanding: { count: 2, amount: 20_000 } },
    ]);
    expect(followUp.map((f) => [f.complaintId, f.kind, f.trigger])).toEqual([
      ['c-waiting', 'outstanding', 'discourtesy'],
      ['c-owed', 'owed', 'discourtesy'],
      ['c-partly', 'owed', 'handling-error'],
      ['c-late', 'outstanding', 'discourtesy'],
    ]);
  });

  it('a case reopened and decided again later changes no past quarter: its hand-over and what its first decision owed stay counted where they were', () => {
    // Granted and handed over in Q3, reopened in Q4 and decided not upheld.
    const regranted = c('c-1', 'inspection', [
      ['upheld', '2026-07-02T10:00:00+09:00', ['discourtesy'], goods('discourtesy', 10_000)],
      ['not-upheld', '2026-10-05T10:00:00+09:00', [], null],
    ], handedOver('2026-07-03T10:00:00+09:00'), ['2026-10-02T10:00:00+09:00']);
    // Owed in Q3, reopened in Q4 and granted then.
    const remedied = c('c-2', 'inspection', [
      ['upheld', '2026-08-02T10:00:00+09:00', ['discourtesy'], null],
      ['upheld', '2026-10-06T10:00:00+09:00', ['discourtesy'], goods('discourtesy', 10_000)],
    ], null, ['2026-10-03T10:00:00+09:00']);
    expect(compensationReport([regranted, remedied], ...Q3, policy).totals).toEqual([
      { department: 'inspection', trigger: 'discourtesy', currency: 'KRW', granted: { count: 1, amount: 10_000, exceptions: 0 }, provided: { count: 1, amount: 10_000 }, owed: { count: 1, amount: 10_000 }, outstanding: none },
    ]);
  });

  it('"건당 10,000원 상당의 물품으로 보상한다" is per case: within a quarter a case counts by its last decision in it, so one decided, reopened and decided again owes once and is followed up once', () => {
    // The manager's case: substantiated for a delay, upheld on 15 May, reopened, upheld again on 22 May, nothing granted either time.
    const Q2 = ['2026-04-01T00:00:00+09:00', '2026-07-01T00:00:00+09:00'] as const;
    const twice = c('c-twice', 'inspection', [
      ['upheld', '2026-05-15T10:00:00+09:00', ['delay'], null],
      ['upheld', '2026-05-22T10:00:00+09:00', ['delay'], null],
    ], null, ['2026-05-18T10:00:00+09:00']);
    const once = c('c-once', 'inspection', [['upheld', '2026-05-20T10:00:00+09:00', ['delay'], null]]);
    // Granted, reopened and granted again in the quarter: one grant, the last decision's.
    const regranted = c('c-regranted', 'testing', [
      ['upheld', '2026-04-10T10:00:00+09:00', ['discourtesy'], goods('discourtesy', 10_000)],
      ['upheld', '2026-04-20T10:00:00+09:00', ['discourtesy'], goods('discourtesy', 10_000)],
    ], null, ['2026-04-15T10:00:00+09:00']);
    // Owed, reopened and granted in the quarter: the last decision granted, so nothing is owed any more.
    const remedied = c('c-remedied', 'testing', [
      ['upheld', '2026-05-02T10:00:00+09:00', ['delay'], null],
      ['upheld', '2026-05-09T10:00:00+09:00', ['delay'], goods('handling-error', 10_000)],
    ], null, ['2026-05-05T10:00:00+09:00']);
    const { totals, followUp } = compensationReport([twice, once, regranted, remedied], ...Q2, policy);
    expect(totals).toEqual([
      { department: 'inspection', trigger: 'handling-error', currency: 'KRW', granted: { count: 0, amount: 0, exceptions: 0 }, provided: none, owed: { count: 2, amount: 20_000 }, outstanding: none },
      { department: 'testing', trigger: 'discourtesy', currency: 'KRW', granted: { count: 1, amount: 10_000, exceptions: 0 }, provided: none, owed: none, outstanding: { count: 1, amount: 10_000 } },
      { department: 'testing', trigger: 'handling-error', currency: 'KRW', granted: { count: 1, amount: 10_000, exceptions: 0 }, provided: none, owed: none, outstanding: { count: 1, amount: 10_000 } },
    ]);
    expect(followUp.map((f) => [f.complaintId, f.kind, f.decidedAt])).toEqual([
      ['c-regranted', 'outstanding', '2026-04-20T10:00:00+09:00'],
      ['c-remedied', 'outstanding', '2026-05-09T10:00:00+09:00'],
      ['c-once', 'owed', '2026-05-20T10:00:00+09:00'],
      ['c-twice', 'owed', '2026-05-22T10:00:00+09:00'],
    ]);
  });

  it('a case decided in two quarters counts in each by its last decision there: the earlier quarter keeps what its decision owed', () => {
    const Q2 = ['2026-04-01T00:00:00+09:00', '2026-07-01T00:00:00+09:00'] as const;
    const acrossQuarters = c('c-1', 'inspection', [
      ['upheld', '2026-06-10T10:00:00+09:00', ['delay'], null],
      ['upheld', '2026-06-20T10:00:00+09:00', ['delay'], null],
      ['upheld', '2026-07-10T10:00:00+09:00', ['delay'], null],
    ], null, ['2026-06-15T10:00:00+09:00', '2026-07-05T10:00:00+09:00']);
    for (const [start, end] of [Q2, Q3]) {
      const { totals, followUp } = compensationReport([acrossQuarters], start, end, policy);
      expect(totals.map((t) => t.owed)).toEqual([{ count: 1, amount: 10_000 }]);
      expect(followUp).toHaveLength(1);
    }
    expect(compensationReport([acrossQuarters], ...Q2, policy).followUp[0]?.decidedAt).toBe('2026-06-20T10:00:00+09:00');
  });

  it('a case reopened after its grant is not waiting for a hand-over (none can be given until it is decided again)', () => {
    const reopened = c('c-1', 'inspection', [['upheld', '2026-07-02T10:00:00+09:00', ['discourtesy'], goods('discourtesy', 10_000)]], null, ['2026-08-01T10:00:00+09:00']);
    const { totals, followUp } = compensationReport([reopened], ...Q3, policy);
    expect(totals[0]?.outstanding).toEqual(none);
    expect(followUp).toEqual([]);
  });

  it('folds the events: each decision with the department and the reasons of then; a decision made before the policy, without a trigger, counts as unrecorded', () => {
    const events: ComplaintEvent[] = [
      { type: 'ComplaintReceived', occurredAt: '2026-07-01T10:00:00+09:00', data: { complaintId: 'c-1' } } as never,
      { type: 'ComplaintAssigned', occurredAt: '2026-07-01T11:00:00+09:00', data: { department: 'inspection' } } as never,
      { type: 'FindingsRecorded', occurredAt: '2026-07-02T09:00:00+09:00', data: { summary: 's', subjects: [{ id: 'emp-7', kind: 'employee', substantiated: true, reason: 'discourtesy' }] } },
      { type: 'DecisionMade', occurredAt: '2026-07-02T10:00:00+09:00', data: { outcome: 'upheld', basis: 'b', compensation: { amount: 5_000, currency: 'KRW' } } },
    ];
    const folded = events.reduce<CompensationCase | undefined>(evolveCompensationCase, undefined);
    expect(folded?.decisions).toEqual([
      { outcome: 'upheld', decidedAt: '2026-07-02T10:00:00+09:00', department: 'inspection', reasons: ['discourtesy'], granted: { trigger: UNRECORDED_TRIGGER, form: 'goods', amount: 5_000, currency: 'KRW', exception: false } },
    ]);
  });
});
