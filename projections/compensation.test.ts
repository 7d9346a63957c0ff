import { describe, expect, it } from '@jest/globals';
import { DEFAULT_COMPENSATION_POLICY as policy } from '../domain/catalog.js';
import { compensationReport, compensationTotals, evolveCompensationCase, UNRECORDED_TRIGGER, type CompensationCase } from './compensation.js';

const c = (id: string, department: string, granted: CompensationCase['granted'], provided: CompensationCase['provided'] = null): CompensationCase => ({
  complaintId: id, department, substantiatedReasons: [], decision: granted && { outcome: 'upheld', decidedAt: granted.decidedAt }, granted, provided,
});
/** Decided with `outcome`, granting nothing, after findings that substantiate `reasons`. */
const decidedOnly = (id: string, department: string, outcome: 'upheld' | 'partly-upheld' | 'not-upheld', reasons: string[], decidedAt: string): CompensationCase => ({
  complaintId: id, department, substantiatedReasons: reasons, decision: { outcome, decidedAt }, granted: null, provided: null,
});
const none = { count: 0, amount: 0 };
const goods = (trigger: string, amount: number, decidedAt: string, exception = false) => ({ trigger, form: 'goods', amount, currency: 'KRW', exception, decidedAt });
const Q3 = ['2026-07-01T00:00:00+09:00', '2026-10-01T00:00:00+09:00'] as const;

describe('compensation totals per quarter, department and trigger (004 seed, ch. 3 ⑤ 나)', () => {
  it('given grants and hand-overs, the quarter totals per department and trigger what was granted in it and what was handed over in it', () => {
    const cases = [
      c('c-1', 'inspection', goods('handling-error', 10_000, '2026-07-02T10:00:00+09:00'), { amount: 10_000, currency: 'KRW', providedAt: '2026-07-03T10:00:00+09:00' }),
      c('c-2', 'inspection', goods('handling-error', 50_000, '2026-08-02T10:00:00+09:00', true)),
      c('c-3', 'inspection', goods('discourtesy', 10_000, '2026-09-30T23:00:00+09:00')),
      // Granted in Q2, handed over in Q3: counts as handed over in Q3 only.
      c('c-4', 'testing', goods('discourtesy', 10_000, '2026-06-30T10:00:00+09:00'), { amount: 10_000, currency: 'KRW', providedAt: '2026-07-01T09:00:00+09:00' }),
      // Granted in Q4 (Seoul time): not in Q3.
      c('c-5', 'testing', goods('discourtesy', 10_000, '2026-10-01T00:30:00+09:00')),
    ];
    expect(compensationTotals(cases, ...Q3, policy)).toEqual([
      { department: 'inspection', trigger: 'discourtesy', currency: 'KRW', granted: { count: 1, amount: 10_000, exceptions: 0 }, provided: none, owed: none, outstanding: { count: 1, amount: 10_000 } },
      { department: 'inspection', trigger: 'handling-error', currency: 'KRW', granted: { count: 2, amount: 60_000, exceptions: 1 }, provided: { count: 1, amount: 10_000 }, owed: none, outstanding: { count: 1, amount: 50_000 } },
      { department: 'testing', trigger: 'discourtesy', currency: 'KRW', granted: { count: 0, amount: 0, exceptions: 0 }, provided: { count: 1, amount: 10_000 }, owed: none, outstanding: none },
    ]);
  });

  it('"잘못이 확인되면 건당 10,000원 상당의 물품으로 보상한다": an upheld decision whose findings substantiate a trigger\'s reason and grants nothing owes the policy\'s value, and is listed to follow up', () => {
    const cases = [
      decidedOnly('c-owed', 'inspection', 'upheld', ['discourtesy'], '2026-08-03T10:00:00+09:00'),
      decidedOnly('c-partly', 'inspection', 'partly-upheld', ['delay', 'discourtesy'], '2026-08-04T10:00:00+09:00'),
      // Not upheld, or no reason of a trigger substantiated, or decided before the quarter: nothing owed in Q3.
      decidedOnly('c-not-upheld', 'inspection', 'not-upheld', ['discourtesy'], '2026-08-05T10:00:00+09:00'),
      decidedOnly('c-other-reason', 'inspection', 'upheld', ['unfair-judgement'], '2026-08-05T10:00:00+09:00'),
      decidedOnly('c-q2', 'inspection', 'upheld', ['discourtesy'], '2026-06-30T10:00:00+09:00'),
      // Granted in Q2 and still not handed over at the end of Q3: outstanding, though decided before.
      c('c-waiting', 'testing', goods('discourtesy', 10_000, '2026-06-15T10:00:00+09:00')),
      // Handed over after the quarter's end: outstanding at its end.
      c('c-late', 'testing', goods('discourtesy', 10_000, '2026-09-01T10:00:00+09:00'), { amount: 10_000, currency: 'KRW', providedAt: '2026-10-02T10:00:00+09:00' }),
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

  it('a decision made before the policy, without a trigger, counts as unrecorded', () => {
    const received = evolveCompensationCase(undefined, { type: 'ComplaintReceived', occurredAt: 'x', data: { complaintId: 'c-1' } } as never);
    const decided = evolveCompensationCase(received, { type: 'DecisionMade', occurredAt: '2026-07-02T10:00:00+09:00', data: { outcome: 'upheld', basis: 'b', compensation: { amount: 5_000, currency: 'KRW' } } });
    expect(decided?.granted).toEqual({ trigger: UNRECORDED_TRIGGER, form: 'goods', amount: 5_000, currency: 'KRW', exception: false, decidedAt: '2026-07-02T10:00:00+09:00' });
  });
});
