import { DateTime } from 'luxon';
import { CALENDAR_ZONE } from './calendar-zone.js';

/** The first year the reports take (src/http/parameters.ts: YEARS). */
export const FIRST_YEAR = 1970;

/** Quarters as the reports name them: `2026-Q3`, in the working calendar's zone (the service's). */
export function quarterOf(date: Date, zone: string = CALENDAR_ZONE): string {
  const at = DateTime.fromJSDate(date, { zone });
  return `${at.year}-Q${at.quarter}`;
}

/** The year of `date` in the working calendar's zone. */
export function yearOf(date: Date, zone: string = CALENDAR_ZONE): number {
  return DateTime.fromJSDate(date, { zone }).year;
}

export function previousQuarter(quarter: string): string {
  const [year, q] = quarter.split('-Q').map(Number) as [number, number];
  return q === 1 ? `${year - 1}-Q4` : `${year}-Q${q - 1}`;
}

/** This quarter and the ones before it, newest first. */
export function recentQuarters(now: Date, count: number): string[] {
  const list = [quarterOf(now)];
  while (list.length < count) list.push(previousQuarter(list[list.length - 1]!));
  return list;
}

/** This year and the ones before it, newest first. */
export function recentYears(now: Date, count: number): number[] {
  const year = yearOf(now);
  return Array.from({ length: count }, (_, i) => year - i);
}

/**
 * A quarter typed by hand (`2011-Q3`, `2011-q3`, `2011 Q3`) as the reports name it, when it is one from
 * {@link FIRST_YEAR} to the quarter of `now`; else undefined.
 */
export function parseQuarter(text: string, now: Date = new Date()): string | undefined {
  const match = /^\s*(\d{4})\s*-?\s*[Qq]([1-4])\s*$/.exec(text);
  if (!match) return undefined;
  const year = Number(match[1]);
  const quarter = `${year}-Q${match[2]}`;
  const [nowYear, nowQ] = quarterOf(now).split('-Q').map(Number) as [number, number];
  return year >= FIRST_YEAR && (year < nowYear || (year === nowYear && Number(match[2]) <= nowQ)) ? quarter : undefined;
}

/** A year typed by hand (`2011`), when it is one from {@link FIRST_YEAR} to the year of `now`; else undefined. */
export function parseYear(text: string, now: Date = new Date(), first: number = FIRST_YEAR): number | undefined {
  const match = /^\s*(\d{4})\s*$/.exec(text);
  const year = match ? Number(match[1]) : NaN;
  return year >= first && year <= yearOf(now) ? year : undefined;
}
