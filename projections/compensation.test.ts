import { describe, expect, it } from '@jest/globals';
import { compensationTotals, evolveCompensationCase, UNRECORDED_TRIGGER, type CompensationCase } from './compensation.js';

const c = (id: string, department: string, granted: CompensationCase['granted'], provided: CompensationCase['provided'] = null): CompensationCase => ({ complaintId: id, department, granted, provided });
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
    expect(compensationTotals(cases, ...Q3)).toEqual([
      { department: 'inspection', trigger: 'discourtesy', currency: 'KRW', granted: { count: 1, amount: 10_000, exceptions: 0 }, provided: { count: 0, amount: 0 } },
      { department: 'inspection', trigger: 'handling-error', currency: 'KRW', granted: { count: 2, amount: 60_000, exceptions: 1 }, provided: { count: 1, amount: 10_000 } },
      { department: 'testing', trigger: 'discourtesy', currency: 'KRW', granted: { count: 0, amount: 0, exceptions: 0 }, provided: { count: 1, amount: 10_000 } },
    ]);
  });

  it('a decision made before the policy, without a trigger, counts as unrecorded', () => {
    const received = evolveCompensationCase(undefined, { type: 'ComplaintReceived', occurredAt: 'x', data: { complaintId: 'c-1' } } as never);
    const decided = evolveCompensationCase(received, { type: 'DecisionMade', occurredAt: '2026-07-02T10:00:00+09:00', data: { outcome: 'upheld', basis: 'b', compensation: { amount: 5_000, currency: 'KRW' } } });
    expect(decided?.granted).toEqual({ trigger: UNRECORDED_TRIGGER, form: 'goods', amount: 5_000, currency: 'KRW', exception: false, decidedAt: '2026-07-02T10:00:00+09:00' });
  });
});
