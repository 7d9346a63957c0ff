/**
 * Compensation (004 seed, ch. 3 ⑤ 나 시정 및 보상): per case, every decision with what it granted, for
 * which trigger of the policy, and what was handed over, for the totals per quarter, department and
 * trigger; and what the policy owed that a decision did not grant, or that was granted and not yet
 * handed over, for the cases to follow up. The policy compensates per case ("건당 10,000원 상당의 물품으로
 * 보상한다"), so within a quarter a case counts by its last decision in that quarter: a case decided,
 * reopened and decided again in one quarter is granted or owed once, by the later decision, and
 * followed up on one line per kind. Every decision is kept, so a decision of an earlier quarter still
 * counts in its own quarter: a quarter's figures stay what they were when a case is reopened and
 * decided again later. Pure.
 */
import type { CompensationPolicy, CompensationTrigger, Outcome } from '../domain/catalog.js';
import type { ComplaintEvent } from '../domain/complaint/events.js';

/** Decisions made before the compensation policy name no trigger. */
export const UNRECORDED_TRIGGER = 'unrecorded';

export interface Grant {
  trigger: string;
  form: string;
  amount: number;
  currency: string;
  exception: boolean;
}

export interface CompensationDecision {
  outcome: Outcome;
  decidedAt: string;
  /** The handling department then. */
  department: string | null;
  /** The finding reasons the findings then substantiated a subject for. */
  reasons: string[];
  /** What it granted; null when nothing. */
  granted: Grant | null;
}

export interface CompensationCase {
  complaintId: string;
  /** The handling department now. */
  department: string | null;
  /** The finding reasons the latest findings substantiate a subject for (the next decision's). */
  substantiatedReasons: string[];
  /** Every decision, in order. */
  decisions: CompensationDecision[];
  /** What was handed over, and when: once a case, kept when it is reopened (domain/complaint). */
  provided: { amount: number; currency: string; providedAt: string } | null;
  /** When it was reopened. */
  reopenings: string[];
}

export function evolveCompensationCase(state: CompensationCase | undefined, event: ComplaintEvent): CompensationCase | undefined {
  if (event.type === 'ComplaintReceived') {
    return state ?? { complaintId: event.data.complaintId, department: null, substantiatedReasons: [], decisions: [], provided: null, reopenings: [] };
  }
  if (!state) return state;
  switch (event.type) {
    case 'ComplaintAssigned':
    case 'ComplaintReassigned':
      return { ...state, department: event.data.department };
    case 'FindingsRecorded':
      return { ...state, substantiatedReasons: [...new Set(event.data.subjects.flatMap((s) => (s.substantiated && s.reason !== undefined ? [s.reason] : [])))] };
    case 'DecisionMade': {
      const c = event.data.compensation;
      const granted = c ? { trigger: c.trigger ?? UNRECORDED_TRIGGER, form: c.form ?? 'goods', amount: c.amount, currency: c.currency, exception: c.exception !== undefined } : null;
      const decision = { outcome: event.data.outcome, decidedAt: event.occurredAt, department: state.department, reasons: state.substantiatedReasons, granted };
      return { ...state, decisions: [...state.decisions, decision] };
    }
    case 'CompensationProvided':
      return { ...state, provided: { amount: event.data.amount, currency: event.data.currency, providedAt: event.data.providedAt } };
    case 'ComplaintReopened':
      return { ...state, reopenings: [...state.reopenings, event.occurredAt] };
    default:
      return state;
  }
}

/**
 * The trigger of the policy a decision owed and did not grant (보상한다: the policy's value is due): an
 * upheld or partly upheld complaint whose findings substantiated a subject for a trigger's reason, the
 * first such trigger in the policy's order; undefined when nothing was owed or something was granted.
 */
export function owedTrigger(decision: CompensationDecision, policy: CompensationPolicy): CompensationTrigger | undefined {
  if (decision.outcome === 'not-upheld' || decision.granted) return undefined;
  return policy.triggers.find((t) => t.reasons.some((r) => decision.reasons.includes(r)));
}

/** Whether anything of the case can ever count in the report: a grant, a hand-over, or a decision that may have owed one. */
export function countsForCompensation(c: CompensationCase): boolean {
  return c.provided !== null || c.decisions.some((d) => d.granted !== null || (d.outcome !== 'not-upheld' && d.reasons.length > 0));
}

/**
 * The grant waiting to be handed over at `end`: the last decision before it granted something, the
 * case was not reopened after it (then there is no decision to hand over for), and nothing was handed
 * over before `end`.
 */
export function outstandingAt(c: CompensationCase, end: string): CompensationDecision | undefined {
  const to = Date.parse(end);
  const last = c.decisions.filter((d) => Date.parse(d.decidedAt) < to).at(-1);
  if (!last?.granted) return undefined;
  if (c.reopenings.some((at) => Date.parse(at) > Date.parse(last.decidedAt) && Date.parse(at) < to)) return undefined;
  if (c.provided && Date.parse(c.provided.providedAt) < to) return undefined;
  return last;
}

/** One line of the report: a department's compensation for one trigger in one currency. */
export interface CompensationTotal {
  department: string | null;
  trigger: string;
  currency: string;
  /** Cases whose last decision in the quarter granted it, and their sum; of them, exceptions to the policy. */
  granted: { count: number; amount: number; exceptions: number };
  /** Hand-overs in the quarter, and their sum. */
  provided: { count: number; amount: number };
  /** Cases whose last decision in the quarter upheld a complaint the policy compensates and granted nothing, and the policy's value of them (per case). */
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
 * A quarter's compensation: the totals per department, trigger and currency (each case's last decision
 * in the quarter, and each hand-over, in the department that had the case then), and the cases to
 * follow up, one line per case and kind: whose last decision in the quarter owed what it did not
 * grant, and granted by its end, not handed over.
 */
export function compensationReport(cases: readonly CompensationCase[], start: string, end: string, policy: CompensationPolicy): { totals: CompensationTotal[]; followUp: CompensationFollowUp[] } {
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
  const followUp: CompensationFollowUp[] = [];
  for (const c of cases) {
    // "건당": per case. Within the quarter the case counts by its last decision in it; a decision of
    // another quarter counts in that one.
    const last = c.decisions.filter((d) => within(d.decidedAt)).at(-1);
    if (last?.granted) {
      const { granted } = line(last.department, last.granted.trigger, last.granted.currency);
      granted.count++;
      granted.amount += last.granted.amount;
      if (last.granted.exception) granted.exceptions++;
    }
    const owed = last && owedTrigger(last, policy);
    if (last && owed) {
      const sum = line(last.department, owed.code, owed.currency).owed;
      sum.count++;
      sum.amount += owed.value;
      followUp.push({ complaintId: c.complaintId, department: last.department, kind: 'owed', trigger: owed.code, amount: owed.value, currency: owed.currency, decidedAt: last.decidedAt });
    }
    if (c.provided && within(c.provided.providedAt)) {
      // For the grant it handed over: the last decision before it that granted something.
      const grant = c.decisions.filter((d) => d.granted && Date.parse(d.decidedAt) <= Date.parse(c.provided!.providedAt)).at(-1);
      const { provided } = line(grant?.department ?? c.department, grant?.granted?.trigger ?? UNRECORDED_TRIGGER, c.provided.currency);
      provided.count++;
      provided.amount += c.provided.amount;
    }
    const waiting = outstandingAt(c, end);
    if (waiting?.granted) {
      const { trigger, amount, currency } = waiting.granted;
      const { outstanding } = line(waiting.department, trigger, currency);
      outstanding.count++;
      outstanding.amount += amount;
      followUp.push({ complaintId: c.complaintId, department: waiting.department, kind: 'outstanding', trigger, amount, currency, decidedAt: waiting.decidedAt });
    }
  }
  return {
    totals: [...totals.values()].sort(
      (a, b) => (a.department ?? '').localeCompare(b.department ?? '') || a.trigger.localeCompare(b.trigger) || a.currency.localeCompare(b.currency),
    ),
    followUp: followUp.sort((a, b) => Date.parse(a.decidedAt) - Date.parse(b.decidedAt) || a.complaintId.localeCompare(b.complaintId)),
  };
}
