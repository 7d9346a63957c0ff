import { compile, formatInstant, parseInstant, workingIntervalsFrom, type CompiledCalendar, type Span, type WorkingCalendar } from './calendar.js';

/**
 * An instant as ISO 8601 text. Inputs: with an offset ("2026-09-23T10:00:00+09:00", "…Z"), or
 * without one, read as local time in the calendar's zone. Outputs: in the calendar's zone, with
 * milliseconds ("2026-09-30T10:00:00.000+09:00").
 */
export type Instant = string;

/** A span during which the clock is stopped; without `to` it is still open. One that ends before it starts stops nothing. */
export interface Pause {
  readonly from: Instant;
  readonly to?: Instant | null;
}

/**
 * An amount of working time: hours, or days of `hoursPerDay` working hours each.
 * (Only `deadlineFor`/`dueAt` count periods of 6 days or more in whole days.)
 */
export type WorkingPeriod = { readonly days: number } | { readonly hours: number };

const HOUR = 3_600_000;

/** A period's amount of working time in whole milliseconds. */
export function periodMillis(period: WorkingPeriod, cal: CompiledCalendar): number {
  const entries: [string, unknown][] = period !== null && typeof period === 'object' ? Object.entries(period) : [];
  const [unit, amount] = entries.length === 1 ? (entries[0] as [string, unknown]) : [];
  if ((unit !== 'days' && unit !== 'hours') || typeof amount !== 'number' || !Number.isFinite(amount) || amount < 0) {
    throw new RangeError(`A working period is { days } or { hours } with a number ≥ 0: ${JSON.stringify(period)}`);
  }
  return Math.round(unit === 'days' ? amount * cal.hoursPerDay * HOUR : amount * HOUR);
}

/** Pauses as sorted, merged spans in epoch milliseconds; an open pause ends at +∞. */
export function mergePauses(pauses: readonly Pause[], zone: string): Span[] {
  const spans = pauses
    .map((p): Span => [parseInstant(p.from, zone).toMillis(), p.to == null ? Infinity : parseInstant(p.to, zone).toMillis()])
    .filter(([a, b]) => a < b)
    .sort(([a], [b]) => a - b);
  const merged: [number, number][] = [];
  for (const [a, b] of spans) {
    const last = merged[merged.length - 1];
    if (last && a <= last[1]) last[1] = Math.max(last[1], b);
    else merged.push([a, b]);
  }
  return merged;
}

/** The parts of [a, b) outside the pauses. */
function unpaused(a: number, b: number, pauses: readonly Span[]): Span[] {
  const parts: Span[] = [];
  let cursor = a;
  for (const [from, to] of pauses) {
    if (to <= cursor) continue;
    if (from >= b) break;
    if (from > cursor) parts.push([cursor, from]);
    cursor = Math.max(cursor, to);
    if (cursor >= b) break;
  }
  if (cursor < b) parts.push([cursor, b]);
  return parts;
}

/**
 * The instant at which `budget` ms of unpaused working time have run from `start`, or null if
 * an open pause stops the clock before then. A zero budget gives the next working moment.
 */
export function consume(start: number, budget: number, cal: CompiledCalendar, pauses: readonly Span[]): number | null {
  const openFrom = pauses.find(([, to]) => to === Infinity)?.[0] ?? Infinity;
  let left = budget;
  for (const [a, b] of workingIntervalsFrom(start, cal)) {
    if (a >= openFrom) return null;
    for (const [from, to] of unpaused(a, b, pauses)) {
      if (left <= to - from) return from + left;
      left -= to - from;
    }
  }
  throw new Error('unreachable: the working intervals never end');
}

/** Unpaused working time in [from, to), in ms. */
export function workingMillisIn(from: number, to: number, cal: CompiledCalendar, pauses: readonly Span[]): number {
  let total = 0;
  if (to <= from) return total;
  for (const [a, b] of workingIntervalsFrom(from, cal)) {
    if (a >= to) break;
    for (const [x, y] of unpaused(a, Math.min(b, to), pauses)) total += y - x;
  }
  return total;
}

/**
 * Working time elapsed from `from` to `to`, in milliseconds, less the paused working time.
 * Overlapping pauses count once; a pause without `to` runs to `to`. 0 if `to` is not after `from`.
 */
export function workingMillisBetween(from: Instant, to: Instant, calendar: WorkingCalendar, pauses: readonly Pause[] = []): number {
  const cal = compile(calendar);
  return workingMillisIn(parseInstant(from, cal.zone).toMillis(), parseInstant(to, cal.zone).toMillis(), cal, mergePauses(pauses, cal.zone));
}

/**
 * The instant when `duration` of working time has run from `start`: counting starts at the next
 * working moment, skipping breaks and non-working days. A duration that ends exactly at the end
 * of a working period ends there (09:00 + 8 hours = 18:00 the same day). Always counts in hours;
 * use `deadlineFor` for a legal processing period.
 */
export function addWorkingTime(start: Instant, duration: WorkingPeriod, calendar: WorkingCalendar): Instant {
  const cal = compile(calendar);
  const due = consume(parseInstant(start, cal.zone).toMillis(), periodMillis(duration, cal), cal, []);
  return formatInstant(due as number, cal.zone);
}
