/**
 * Compensation (004 seed, ch. 3 ⑤ 나 시정 및 보상): per case, what its latest decision granted, for
 * which trigger of the policy, and what was handed over, for the totals per quarter, department and
 * trigger. Pure.
 */
import type { ComplaintEvent } from '../domain/complaint/events.js';

/** Decisions made before the compensation policy name no trigger. */
export const UNRECORDED_TRIGGER = 'unrecorded';

export interface CompensationCase {
  complaintId: string;
  /** The handling department when it was decided (or now, before a decision). */
  department: string | null;
  /** What the latest decision granted; null when it granted nothing. */
  granted: { trigger: string; form: string; amount: number; currency: string; exception: boolean; decidedAt: string } | null;
  /** What was handed over, and when. */
  provided: { amount: number; currency: string; providedAt: string } | null;
}

export function evolveCompensationCase(state: CompensationCase | undefined, event: ComplaintEvent): CompensationCase | undefined {
  if (event.type === 'ComplaintReceived') return state ?? { complaintId: event.data.complaintId, department: null, granted: null, provided: null };
  if (!state) return state;
  switch (event.type) {
    case 'ComplaintAssigned':
    case 'ComplaintReassigned':
      return { ...state, department: event.data.department };
    case 'DecisionMade': {
      const c = event.data.compensation;
      if (!c && !state.granted) return state;
      const granted = c
        ? { trigger: c.trigger ?? UNRECORDED_TRIGGER, form: c.form ?? 'goods', amount: c.amount, currency: c.currency, exception: c.exception !== undefined, decidedAt: event.occurredAt }
        : null;
      return { ...state, granted };
    }
    case 'CompensationProvided':
      return { ...state, provided: { amount: event.data.amount, currency: event.data.currency, providedAt: event.data.providedAt } };
    default:
      return state;
  }
}

/** One line of the report: a department's compensation for one trigger in one currency. */
export interface CompensationTotal {
  department: string | null;
  trigger: string;
  currency: string;
  /** Decisions in the quarter that granted it, and their sum; of them, exceptions to the policy. */
  granted: { count: number; amount: number; exceptions: number };
  /** Hand-overs in the quarter, and their sum. */
  provided: { count: number; amount: number };
}

/** Totals per department, trigger and currency of the compensation granted and handed over in [start, end). */
export function compensationTotals(cases: readonly CompensationCase[], start: string, end: string): CompensationTotal[] {
  const [from, to] = [Date.parse(start), Date.parse(end)];
  const within = (at: string) => Date.parse(at) >= from && Date.parse(at) < to;
  const totals = new Map<string, CompensationTotal>();
  const line = (department: string | null, trigger: string, currency: string): CompensationTotal => {
    const key = JSON.stringify([department, trigger, currency]);
    let total = totals.get(key);
    if (!total) totals.set(key, (total = { department, trigger, currency, granted: { count: 0, amount: 0, exceptions: 0 }, provided: { count: 0, amount: 0 } }));
    return total;
  };
  for (const c of cases) {
    if (!c.granted) continue;
    if (within(c.granted.decidedAt)) {
      const { granted } = line(c.department, c.granted.trigger, c.granted.currency);
      granted.count++;
      granted.amount += c.granted.amount;
      if (c.granted.exception) granted.exceptions++;
    }
    if (c.provided && within(c.provided.providedAt)) {
      const { provided } = line(c.department, c.granted.trigger, c.provided.currency);
      provided.count++;
      provided.amount += c.provided.amount;
    }
  }
  return [...totals.values()].sort(
    (a, b) => (a.department ?? '').localeCompare(b.department ?? '') || a.trigger.localeCompare(b.trigger) || a.currency.localeCompare(b.currency),
  );
}
