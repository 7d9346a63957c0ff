/**
 * Compensation (004 seed, ch. 3 ⑤ 나 시정 및 보상): per case, what its latest decision granted, for
 * which trigger of the policy, and what was handed over, for the totals per quarter, department and
 * trigger; and what the policy owed that a decision did not grant, or that was granted and not yet
 * handed over, for the cases to follow up. Pure.
 */
import type { CompensationPolicy, CompensationTrigger, Outcome } from '../domain/catalog.js';
import type { ComplaintEvent } from '../domain/complaint/events.js';

/** Decisions made before the compensation policy name no trigger. */
export const UNRECORDED_TRIGGER = 'unrecorded';

export interface CompensationCase {
  complaintId: string;
  /** The handling department when it was decided (or now, before a decision). */
  department: string | null;
  /** The finding reasons the latest findings substantiate a subject for. */
  substantiatedReasons: string[];
  /** The latest decision's outcome and time; null before one. */
  decision: { outcome: Outcome; decidedAt: string } | null;
  /** What the latest decision granted; null when it granted nothing. */
  granted: { trigger: string; form: string; amount: number; currency: string; exception: boolean; decidedAt: string } | null;
  /** What was handed over, and when. */
  provided: { amount: number; currency: string; providedAt: string } | null;
}

export function evolveCompensationCase(state: CompensationCase | undefined, event: ComplaintEvent): CompensationCase | undefined {
  if (event.type === 'ComplaintReceived') return state ?? { complaintId: event.data.complaintId, department: null, substantiatedReasons: [], decision: null, granted: null, provided: null };
  if (!state) return state;
  switch (event.type) {
    case 'ComplaintAssigned':
    case 'ComplaintReassigned':
      return { ...state, department: event.data.department };
    case 'FindingsRecorded':
      return { ...state, substantiatedReasons: [...new Set(event.data.subjects.flatMap((s) => (s.substantiated && s.reason !== undefined ? [s.reason] : [])))] };
    case 'DecisionMade': {
      const c = event.data.compensation;
      const granted = c
        ? { trigger: c.trigger ?? UNRECORDED_TRIGGER, form: c.form ?? 'goods', amount: c.amount, currency: c.currency, exception: c.exception !== undefined, decidedAt: event.occurredAt }
        : null;
      return { ...state, decision: { outcome: event.data.outcome, decidedAt: event.occurredAt }, granted };
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
  /** Decisions in the quarter that upheld a complaint the policy compensates and granted nothing, and the policy's value of them. */
  owed: { count: number; amount: number };
  /** Granted by the quarter's end and not handed over by then, whenever decided, and their sum. */
  outstanding: { count: number; amount: number };
}

/** A case to follow up: its decision did not grant what the policy owed, or what it granted is not handed over yet. */
export interface CompensationFollowUp {
  complaintId: string;
  department: string | null;
  kind: 'owed' | 'outstanding';
  trigger: string;
  amount: number;
  currency: string;
  decidedAt: string;
}

/**
 * The trigger of the policy a decision owed and did not grant (보상한다: the policy's value is due): an
 * upheld or partly upheld complaint whose findings substantiate a subject for a trigger's reason, the
 * first such trigger in the policy's order; undefined when nothing was owed or something was granted.
 */
export function owedTrigger(c: CompensationCase, policy: CompensationPolicy): CompensationTrigger | undefined {
  if (!c.decision || c.decision.outcome === 'not-upheld' || c.granted) return undefined;
  return policy.triggers.find((t) => t.reasons.some((r) => c.substantiatedReasons.includes(r)));
}

/**
 * A quarter's compensation: the totals per department, trigger and currency, and the cases to follow
 * up: decided in the quarter owing what they did not grant, and granted by its end, not handed over.
 */
export function compensationReport(cases: readonly CompensationCase[], start: string, end: string, policy: CompensationPolicy): { totals: CompensationTotal[]; followUp: CompensationFollowUp[] } {
  const totals = compensationTotals(cases, start, end, policy);
  const [from, to] = [Date.parse(start), Date.parse(end)];
  const followUp: CompensationFollowUp[] = [];
  for (const c of cases) {
    const decidedAt = Date.parse(c.decision?.decidedAt ?? end);
    const owed = decidedAt >= from && decidedAt < to ? owedTrigger(c, policy) : undefined;
    if (owed && c.decision) followUp.push({ complaintId: c.complaintId, department: c.department, kind: 'owed', trigger: owed.code, amount: owed.value, currency: owed.currency, decidedAt: c.decision.decidedAt });
    if (outstandingAt(c, end) && c.granted) {
      const { trigger, amount, currency, decidedAt } = c.granted;
      followUp.push({ complaintId: c.complaintId, department: c.department, kind: 'outstanding', trigger, amount, currency, decidedAt });
    }
  }
  return { totals, followUp: followUp.sort((a, b) => a.decidedAt.localeCompare(b.decidedAt) || a.complaintId.localeCompare(b.complaintId)) };
}

/** Granted before `end` and not handed over before it. */
function outstandingAt(c: CompensationCase, end: string): boolean {
  const to = Date.parse(end);
  return c.granted !== null && Date.parse(c.granted.decidedAt) < to && (c.provided === null || Date.parse(c.provided.providedAt) >= to);
}

/** Totals per department, trigger and currency of the compensation granted, handed over and owed in [start, end), and outstanding at `end`. */
export function compensationTotals(cases: readonly CompensationCase[], start: string, end: string, policy: CompensationPolicy): CompensationTotal[] {
  const [from, to] = [Date.parse(start), Date.parse(end)];
  const within = (at: string) => Date.parse(at) >= from && Date.parse(at) < to;
  const totals = new Map<string, CompensationTotal>();
  const line = (department: string | null, trigger: string, currency: string): CompensationTotal => {
    const key = JSON.stringify([department, trigger, currency]);
    let total = totals.get(key);
    if (!total) {
      total = { department, trigger, currency, granted: { count: 0, amount: 0, exceptions: 0 }, provided: { count: 0, amount: 0 }, owed: { count: 0, amount: 0 }, outstanding: { count: 0, amount: 0 } };
      totals.set(key, total);
    }
    return total;
  };
  for (const c of cases) {
    const owed = c.decision && within(c.decision.decidedAt) ? owedTrigger(c, policy) : undefined;
    if (owed) {
      const sum = line(c.department, owed.code, owed.currency).owed;
      sum.count++;
      sum.amount += owed.value;
    }
    if (!c.granted) continue;
    if (outstandingAt(c, end)) {
      const { outstanding } = line(c.department, c.granted.trigger, c.granted.currency);
      outstanding.count++;
      outstanding.amount += c.granted.amount;
    }
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
