import { DateTime } from 'luxon';

/**
 * A case's human reference, `2026-000123`: the year of receipt in the organisation's time zone and
 * the case's number in that year, from 1 without gaps (ISO 10002 7.2: a unique identifier). Taken
 * by the store in the receipt's own transaction.
 */
export const REFERENCE_PATTERN = /^(\d{4})-(\d{6,})$/;

/** The counter a receipt takes its number from: one per year of receipt. */
export function referenceCounter(receivedAt: string, timeZone: string): { counter: string; year: number } {
  const year = DateTime.fromISO(receivedAt, { zone: timeZone }).year;
  return { counter: `complaint-reference:${year}`, year };
}

export function formatReference(year: number, number: number): string {
  return `${year}-${String(number).padStart(6, '0')}`;
}

/** The counter and number a reference names, or undefined when the text is not a reference. */
export function parseReference(text: string): { counter: string; number: number } | undefined {
  const match = REFERENCE_PATTERN.exec(text);
  if (!match) return undefined;
  const number = Number(match[2]);
  return Number.isSafeInteger(number) && number >= 1 ? { counter: `complaint-reference:${match[1]}`, number } : undefined;
}
