/**
 * Quarterly performance (the manual evaluates the programme every quarter), counted from the
 * handling periods of the SLA read model (projections/sla.ts). Quarters are calendar quarters in the
 * working calendar's time zone. What each figure counts:
 * - received: cases whose `receivedAt` falls in the quarter, compliments apart ("칭찬", never a
 *   complaint); of which not complaints ("고객불만으로 보지 아니함"): rejected at assessment (excluded,
 *   by reason) and withdrawn (by the complainant, or deemed withdrawn: closed as complainant-unreachable),
 *   counted in the quarter of receipt whenever that happens; the rest are the quarter's complaints;
 * - closed: complaint periods closed in the quarter (a case closed again after a reopen counts again,
 *   in the quarter of its new closing); every figure below counts complaints only;
 * - open at quarter end: periods started and not ended at the quarter's end (a case is open once);
 * - median and p90 working hours to close: working time from start to closing of the periods
 *   closed in the quarter, pauses excluded, counted to a tenth of a working hour, then
 *   interpolated as percentile_cont does;
 * - SLA compliance: of the periods closed in the quarter, the share whose deadline was met;
 * - interim-notice compliance: of the periods closed in the quarter that owed an interim notice (their
 *   deadline was breached: see sla.ts), the share with one at or before its due instant, 1 working day
 *   after the start;
 * - outcomes and compensation: the decisions of the periods closed in the quarter;
 * - reopen rate: of the periods closed in the quarter, the share reopened since;
 * - satisfaction: surveys recorded in the quarter, the mean of each element of the catalog's list on
 *   0–100 over the surveys that answered it (a survey stored before an element was in the list did
 *   not answer it), and the satisfaction index (see satisfaction-index.ts);
 * - repeat offenders flagged: not counted here (the repeat-offenders read model owns it): null.
 * Each figure is given with the previous quarter's beside it. The department is the period's
 * handling department as of its last event; a case never assigned matches no department of the
 * catalog, and the filter `department=unassigned` (`UNASSIGNED`) instead.
 */
import { DateTime } from 'luxon';
import { EXCLUSIONS, type Exclusion, type Outcome, type SatisfactionElement } from '../domain/catalog.js';
import type { Instant } from '../domain/working-time/index.js';
import { satisfactionIndex, toHundred } from './satisfaction-index.js';
import { noticeInTime, type HandlingPeriod } from './sla.js';

/** "2026-Q3". */
export type Quarter = string;

const QUARTER = /^(\d{4})-Q([1-4])$/;

export function isQuarter(text: string): boolean {
  const m = QUARTER.exec(text);
  return m !== null && Number(m[1]) >= 1900;
}

function partsOf(quarter: Quarter): { year: number; q: number } {
  const m = QUARTER.exec(quarter);
  if (!m) throw new RangeError(`Not a quarter like 2026-Q3: ${quarter}`);
  return { year: Number(m[1]), q: Number(m[2]) };
}

export function previousQuarter(quarter: Quarter): Quarter {
  const { year, q } = partsOf(quarter);
  return q === 1 ? `${year - 1}-Q4` : `${year}-Q${q - 1}`;
}

const quarterStarts = new Map<string, Map<number, number[]>>();

/** The first instants of a year's four quarters and of the next year, in `zone` (memoised: read models ask millions of times). */
function quarterStartsOf(year: number, zone: string): number[] {
  let years = quarterStarts.get(zone);
  if (!years) quarterStarts.set(zone, (years = new Map()));
  let starts = years.get(year);
  if (!starts) {
    starts = [1, 4, 7, 10].map((month) => DateTime.fromObject({ year, month, day: 1 }, { zone }).toMillis());
    starts.push(DateTime.fromObject({ year: year + 1, month: 1, day: 1 }, { zone }).toMillis());
    years.set(year, starts);
  }
  return starts;
}

/** The quarter an instant falls in, in `zone`. */
export function quarterOf(instant: Instant, zone: string): Quarter {
  const at = Date.parse(instant);
  let year = new Date(at).getUTCFullYear();
  if (at < quarterStartsOf(year, zone)[0]!) year--;
  else if (at >= quarterStartsOf(year, zone)[4]!) year++;
  const starts = quarterStartsOf(year, zone);
  const q = at >= starts[3]! ? 4 : at >= starts[2]! ? 3 : at >= starts[1]! ? 2 : 1;
  return `${year}-Q${q}`;
}

/** The quarter's first instant and the next quarter's first instant, in `zone`. */
export function quarterBounds(quarter: Quarter, zone: string): { start: Instant; end: Instant } {
  const { year, q } = partsOf(quarter);
  const start = DateTime.fromObject({ year, month: (q - 1) * 3 + 1, day: 1 }, { zone });
  return { start: start.toISO() as string, end: start.plus({ months: 3 }).toISO() as string };
}

/** Where a quarter stands at an instant: not begun yet, under way (its figures so far), or over. */
export type QuarterStatus = 'not-started' | 'in-progress' | 'complete';

export interface QuarterPeriod {
  /** The quarter's first instant, in the calendar's time zone. */
  start: Instant;
  /** The next quarter's first instant: the quarter is [start, end). */
  end: Instant;
  status: QuarterStatus;
}

/** The quarter's bounds in `zone` and where it stands at `now`. */
export function quarterPeriod(quarter: Quarter, zone: string, now: Instant): QuarterPeriod {
  const { start, end } = quarterBounds(quarter, zone);
  const at = Date.parse(now);
  return { start, end, status: at < Date.parse(start) ? 'not-started' : at < Date.parse(end) ? 'in-progress' : 'complete' };
}

/** The quarters a period counts in: its receipt (period 1 only), its end, its survey. */
export function quarterColumns(p: HandlingPeriod, zone: string): { receivedQuarter: Quarter | null; endedQuarter: Quarter | null; surveyedQuarter: Quarter | null } {
  return {
    receivedQuarter: p.period === 1 ? quarterOf(p.receivedAt, zone) : null,
    endedQuarter: p.endedAt ? quarterOf(p.endedAt, zone) : null,
    surveyedQuarter: p.satisfaction ? quarterOf(p.satisfaction.at, zone) : null,
  };
}

/**
 * What a period adds to the quarterly summaries, so the report reads a few small rows instead of
 * every case: per quarter and per combination of the report's filters, counters, compensation per
 * currency, and closings counted per duration in tenths of a working hour (the precision of the
 * percentiles). The read model keeps them by adding a period's new tallies and taking its old away.
 */
export const COUNTERS = [
  'received', 'compliments', 'opened', 'ended', 'closed', 'withdrawn', 'rejectedAtAssessment', 'closedWithinDeadline', 'closedBreached',
  ...EXCLUSIONS.map((e) => `excluded:${e}` as const),
  'closedNoticeOwed', 'closedNoticeInTime', 'upheld', 'partlyUpheld', 'notUpheld', 'closedThenReopened', 'surveys',
] as const;
/** Beside the fixed counters, per survey element answered: the sum of its scores and the number of answers. */
export type Counter = (typeof COUNTERS)[number] | `scoreTotal:${SatisfactionElement}` | `scoreCount:${SatisfactionElement}`;

export const FILTER_DIMENSIONS = ['department', 'category', 'channel'] as const;
export type FilterDimension = (typeof FILTER_DIMENSIONS)[number];
export type Filters = Partial<Record<FilterDimension, string>>;

/**
 * The department filter's value for the cases no department handled: never assigned (excluded at
 * assessment, withdrawn before routing, not routed yet), which the summaries keep under the department
 * "" (`talliesOf`). With the catalog's departments it makes the by-department figures add up to the
 * whole. Reserved: a catalog may not give a department this code (src/config/config.ts).
 */
export const UNASSIGNED = 'unassigned';

/** The filters as the summaries are keyed: `department=unassigned` is the department "". */
export function storedFilters(filters: Filters): Filters {
  return filters.department === UNASSIGNED ? { ...filters, department: '' } : filters;
}

/** Which filters (e.g. "department+channel", "" for none) with which values (a JSON list, in that order). */
export interface FilterKey {
  filterBy: string;
  values: string;
}

export function filterKeyOf(filters: Filters): FilterKey {
  const given = FILTER_DIMENSIONS.filter((d) => filters[d] !== undefined);
  return { filterBy: given.join('+'), values: JSON.stringify(given.map((d) => filters[d])) };
}

/** Every filter combination a case of this group answers to: none, each one, each two, all three. */
export function filterKeysOf(group: Record<FilterDimension, string>): FilterKey[] {
  const keys: FilterKey[] = [];
  for (let mask = 0; mask < 1 << FILTER_DIMENSIONS.length; mask++) {
    keys.push(filterKeyOf(Object.fromEntries(FILTER_DIMENSIONS.filter((_, i) => mask & (1 << i)).map((d) => [d, group[d]]))));
  }
  return keys;
}

export interface QuarterSummary {
  counters: Partial<Record<Counter, number>>;
  /** Compensation granted, per currency. */
  compensation: Record<string, number>;
  /** Closings per handling time in tenths of a working hour. */
  durations: Record<string, number>;
}

export const emptySummary = (): QuarterSummary => ({ counters: {}, compensation: {}, durations: {} });

/** `a + sign × b`, leaving out what comes to zero. */
export function addSummaries(a: QuarterSummary, b: QuarterSummary, sign: 1 | -1 = 1): QuarterSummary {
  const sum = { counters: { ...a.counters }, compensation: { ...a.compensation }, durations: { ...a.durations } };
  addInto(sum, b, sign);
  return sum;
}

/** Adds `sign × b` into `target` in place (for folding many tallies), leaving out what comes to zero. */
export function addInto(target: QuarterSummary, b: QuarterSummary, sign: 1 | -1 = 1): void {
  for (const part of ['counters', 'compensation', 'durations'] as const) {
    const into = target[part] as Record<string, number>;
    for (const [key, n] of Object.entries(b[part] as Record<string, number>)) {
      // Rounded to a millionth, so amounts added and taken away again come to exactly zero.
      const sum = Math.round(((into[key] ?? 0) + sign * n) * 1e6) / 1e6;
      if (sum === 0) delete into[key];
      else into[key] = sum;
    }
  }
}

export const isEmptySummary = (s: QuarterSummary): boolean =>
  Object.keys(s.counters).length + Object.keys(s.compensation).length + Object.keys(s.durations).length === 0;

const OUTCOME_COUNTER: Record<Outcome, Counter> = { upheld: 'upheld', 'partly-upheld': 'partlyUpheld', 'not-upheld': 'notUpheld' };
export const DURATION_UNIT_MS = 360_000;

/** What a period adds to each quarter it counts in; a case not yet assigned counts under the department "". */
export function talliesOf(p: HandlingPeriod, zone: string): { group: Record<FilterDimension, string>; quarters: Map<Quarter, QuarterSummary> } {
  const quarters = new Map<Quarter, QuarterSummary>();
  const of = (quarter: Quarter) => {
    let summary = quarters.get(quarter);
    if (!summary) quarters.set(quarter, (summary = emptySummary()));
    return summary;
  };
  const count = (quarter: Quarter, counter: Counter, n = 1) => {
    const counters = of(quarter).counters;
    counters[counter] = (counters[counter] ?? 0) + n;
  };
  const { receivedQuarter, endedQuarter, surveyedQuarter } = quarterColumns(p, zone);
  const group = { department: p.department ?? '', category: p.category, channel: p.channel };
  if (p.compliment) {
    if (receivedQuarter) count(receivedQuarter, 'compliments');
    return { group, quarters };
  }
  if (receivedQuarter) count(receivedQuarter, 'received');
  count(quarterOf(p.startedAt, zone), 'opened');
  if (endedQuarter) count(endedQuarter, 'ended');
  const notAComplaint = notAComplaintAs(p);
  if (notAComplaint) {
    const caseQuarter = quarterOf(p.receivedAt, zone);
    count(caseQuarter, notAComplaint === 'withdrawn' ? 'withdrawn' : 'rejectedAtAssessment');
    if (notAComplaint !== 'withdrawn') count(caseQuarter, `excluded:${notAComplaint}`);
  }
  if (endedQuarter && p.endedAs === 'closed' && !notAComplaint) {
    count(endedQuarter, 'closed');
    count(endedQuarter, p.breachedAt ? 'closedBreached' : 'closedWithinDeadline');
    // The interim notice was owed when the deadline could not be met (sla.ts).
    if (p.breachedAt) {
      count(endedQuarter, 'closedNoticeOwed');
      if (noticeInTime(p)) count(endedQuarter, 'closedNoticeInTime');
    }
    if (p.outcome) count(endedQuarter, OUTCOME_COUNTER[p.outcome]);
    if (p.reopenedAt) count(endedQuarter, 'closedThenReopened');
    const summary = of(endedQuarter);
    if (p.compensation) summary.compensation[p.compensation.currency] = (summary.compensation[p.compensation.currency] ?? 0) + p.compensation.amount;
    const tenths = String(Math.round((p.handlingMs ?? 0) / DURATION_UNIT_MS));
    summary.durations[tenths] = (summary.durations[tenths] ?? 0) + 1;
  }
  // Surveys of complaints only: one recorded on a case withdrawn or excluded (before the rule refused it) is not counted.
  if (surveyedQuarter && p.satisfaction && !notAComplaint) {
    count(surveyedQuarter, 'surveys');
    for (const [e, score] of Object.entries(p.satisfaction.scores)) {
      count(surveyedQuarter, `scoreTotal:${e}`, score);
      count(surveyedQuarter, `scoreCount:${e}`);
    }
  }
  return { group, quarters };
}

/**
 * Why a period's case is no complaint, if it is not: excluded at assessment (and not reopened since),
 * withdrawn, or deemed withdrawn ("처리기한 경과 후 고객불만을 철회한 것으로 보아": closed as unreachable).
 */
function notAComplaintAs(p: HandlingPeriod): Exclusion | 'withdrawn' | undefined {
  if (p.endedAs === 'rejected-at-assessment' && p.exclusion && !p.reopenedAt) return p.exclusion;
  if (p.endedAs === 'withdrawn' || p.closeReason === 'complainant-unreachable') return 'withdrawn';
  return undefined;
}

/** A quarter's report inputs from its summary, the cases open at its end counted apart (null: a quarter not begun); the means of the survey's `elements`. */
export function totalsOfSummary(summary: QuarterSummary, openAtQuarterEnd: number | null, elements: readonly SatisfactionElement[]): QuarterTotals {
  const count = (counter: Counter) => summary.counters[counter] ?? 0;
  const durations = Object.entries(summary.durations)
    .map(([tenths, n]) => [Number(tenths) * DURATION_UNIT_MS, n] as const)
    .sort(([a], [b]) => a - b);
  const surveys = count('surveys');
  return {
    received: count('received'),
    compliments: count('compliments'),
    excluded: Object.fromEntries(EXCLUSIONS.map((e) => [e, count(`excluded:${e}`)])) as Record<Exclusion, number>,
    closed: count('closed'),
    withdrawn: count('withdrawn'),
    rejectedAtAssessment: count('rejectedAtAssessment'),
    openAtQuarterEnd,
    medianMsToClose: percentileOfCounts(durations, 0.5),
    p90MsToClose: percentileOfCounts(durations, 0.9),
    closedWithinDeadline: count('closedWithinDeadline'),
    closedBreached: count('closedBreached'),
    closedNoticeOwed: count('closedNoticeOwed'),
    closedNoticeInTime: count('closedNoticeInTime'),
    outcomes: { upheld: count('upheld'), 'partly-upheld': count('partlyUpheld'), 'not-upheld': count('notUpheld') },
    closedThenReopened: count('closedThenReopened'),
    compensation: { ...summary.compensation },
    surveys,
    satisfactionMeans: Object.fromEntries(elements.map((e) => [e, count(`scoreCount:${e}`) === 0 ? null : count(`scoreTotal:${e}`) / count(`scoreCount:${e}`)])),
  };
}

/**
 * percentile_cont over values given as (value, count) pairs in ascending order: the value at rank
 * p × (n − 1), interpolated between the two nearest ranks. Null when there are no values.
 */
export function percentileOfCounts(counts: readonly (readonly [value: number, n: number])[], p: number): number | null {
  const n = counts.reduce((sum, [, k]) => sum + k, 0);
  if (n === 0) return null;
  const position = p * (n - 1);
  const atRank = (rank: number): number => {
    let seen = 0;
    for (const [value, k] of counts) {
      seen += k;
      if (rank < seen) return value;
    }
    return counts[counts.length - 1]![0];
  };
  const lower = atRank(Math.floor(position));
  return lower + (position - Math.floor(position)) * (atRank(Math.ceil(position)) - lower);
}

/** What the read model's aggregates give for one quarter. */
export interface QuarterTotals {
  /** Received in the quarter, compliments apart; of which withdrawn and rejected at assessment (`excluded` by reason). */
  received: number;
  compliments: number;
  excluded: Record<Exclusion, number>;
  closed: number;
  withdrawn: number;
  rejectedAtAssessment: number;
  /** Null for a quarter not begun: its end is still to come. */
  openAtQuarterEnd: number | null;
  medianMsToClose: number | null;
  p90MsToClose: number | null;
  closedWithinDeadline: number;
  closedBreached: number;
  /** Closed periods not decided by their interim-notice due instant, and of those, the ones told in time. */
  closedNoticeOwed: number;
  closedNoticeInTime: number;
  outcomes: Record<Outcome, number>;
  closedThenReopened: number;
  /** Compensation granted, per currency. */
  compensation: Record<string, number>;
  surveys: number;
  /** Mean score of each element on the survey's 1–5 scale; null without answers. */
  satisfactionMeans: Record<SatisfactionElement, number | null>;
}

export function emptyTotals(elements: readonly SatisfactionElement[]): QuarterTotals {
  return {
    received: 0, compliments: 0, excluded: Object.fromEntries(EXCLUSIONS.map((e) => [e, 0])) as Record<Exclusion, number>, closed: 0, withdrawn: 0, rejectedAtAssessment: 0, openAtQuarterEnd: 0, medianMsToClose: null, p90MsToClose: null,
    closedWithinDeadline: 0, closedBreached: 0, closedNoticeOwed: 0, closedNoticeInTime: 0, outcomes: { upheld: 0, 'partly-upheld': 0, 'not-upheld': 0 },
    closedThenReopened: 0, compensation: {}, surveys: 0,
    satisfactionMeans: Object.fromEntries(elements.map((e) => [e, null])),
  };
}

export interface QuarterFigures {
  /** Received in the quarter; of which not complaints: withdrawn, rejected at assessment (excluded, by reason). */
  received: number;
  complaints: number;
  compliments: number;
  /** Handling periods closed in the quarter, not cases: a case closed, reopened and closed again counts once per closing. */
  closed: number;
  withdrawn: number;
  rejectedAtAssessment: number;
  /** Null for a quarter not begun: its end is still to come. */
  openAtQuarterEnd: number | null;
  medianWorkingHoursToClose: number | null;
  p90WorkingHoursToClose: number | null;
  slaCompliance: number | null;
  interimNoticeCompliance: number | null;
  outcomes: { upheld: number; partlyUpheld: number; notUpheld: number };
  excluded: { privateLaw: number; courtOrInvestigation: number; unidentified: number; fraudulent: number };
  reopenRate: number | null;
  compensationTotal: Record<string, number>;
  /** Satisfaction surveys recorded in the quarter, whichever quarter their case was closed in (not a count of the quarter's closed cases surveyed). */
  satisfactionResponses: number;
  satisfaction: Record<SatisfactionElement, number | null>;
  satisfactionIndex: number | null;
  repeatOffendersFlagged: number | null;
}

const HOUR = 3_600_000;
const round = (value: number, digits: number) => Math.round(value * 10 ** digits) / 10 ** digits;
const hours = (millis: number | null) => (millis === null ? null : round(millis / HOUR, 2));
const share = (part: number, whole: number) => (whole === 0 ? null : round(part / whole, 4));

/** One quarter's figures from its totals. Shares are 0–1; a share of nothing is null. */
export function quarterFigures(t: QuarterTotals, weights: Readonly<Record<SatisfactionElement, number>>): QuarterFigures {
  const satisfaction = Object.fromEntries(Object.entries(t.satisfactionMeans).map(([e, mean]) => [e, mean === null ? null : toHundred(mean)]));
  const index = satisfactionIndex(satisfaction, weights);
  return {
    received: t.received,
    complaints: t.received - t.withdrawn - t.rejectedAtAssessment,
    compliments: t.compliments,
    closed: t.closed,
    withdrawn: t.withdrawn,
    rejectedAtAssessment: t.rejectedAtAssessment,
    openAtQuarterEnd: t.openAtQuarterEnd,
    medianWorkingHoursToClose: hours(t.medianMsToClose),
    p90WorkingHoursToClose: hours(t.p90MsToClose),
    slaCompliance: share(t.closedWithinDeadline, t.closed),
    interimNoticeCompliance: share(t.closedNoticeInTime, t.closedNoticeOwed),
    outcomes: { upheld: t.outcomes.upheld, partlyUpheld: t.outcomes['partly-upheld'], notUpheld: t.outcomes['not-upheld'] },
    excluded: {
      privateLaw: t.excluded['private-law'], courtOrInvestigation: t.excluded['court-or-investigation'], unidentified: t.excluded.unidentified, fraudulent: t.excluded.fraudulent,
    },
    reopenRate: share(t.closedThenReopened, t.closed),
    compensationTotal: { ...t.compensation },
    satisfactionResponses: t.surveys,
    satisfaction: Object.fromEntries(Object.entries(satisfaction).map(([e, v]) => [e, v === null ? null : round(v, 2)])) as Record<SatisfactionElement, number | null>,
    satisfactionIndex: index === null ? null : round(index, 2),
    repeatOffendersFlagged: null,
  };
}

export interface Beside<T> {
  value: T;
  previous: T;
}

/** Every figure of the quarter with the previous quarter's beside it. */
export type QuarterlyFigures = {
  [K in keyof QuarterFigures]: K extends 'outcomes' | 'excluded' | 'satisfaction'
    ? { [E in keyof QuarterFigures[K]]: Beside<QuarterFigures[K][E]> }
    : Beside<QuarterFigures[K]>;
};

export interface QuarterlyReport {
  quarter: Quarter;
  previousQuarter: Quarter;
  figures: QuarterlyFigures;
}

export function quarterlyReport(
  quarter: Quarter,
  current: QuarterTotals,
  previous: QuarterTotals,
  weights: Readonly<Record<SatisfactionElement, number>>,
): QuarterlyReport {
  const now = quarterFigures(current, weights);
  const before = quarterFigures(previous, weights);
  const pair = <T extends object>(a: T, b: T) =>
    Object.fromEntries(Object.keys(a).map((k) => [k, { value: a[k as keyof T], previous: b[k as keyof T] }])) as { [K in keyof T]: Beside<T[K]> };
  const { outcomes, excluded, satisfaction, ...flat } = now;
  const { outcomes: outcomesBefore, excluded: excludedBefore, satisfaction: satisfactionBefore, ...flatBefore } = before;
  return {
    quarter,
    previousQuarter: previousQuarter(quarter),
    figures: {
      ...pair(flat, flatBefore), outcomes: pair(outcomes, outcomesBefore), excluded: pair(excluded, excludedBefore), satisfaction: pair(satisfaction, satisfactionBefore),
    } as QuarterlyFigures,
  };
}
