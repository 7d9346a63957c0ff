/**
 * One time convention for every answer: an instant is written in UTC (`2026-09-30T01:00:00.000Z`).
 * The domain keeps instants as they were given or computed (a receipt's time with its offset, a
 * deadline in the working calendar's zone); JSON answers carry them in UTC, so a client compares and
 * sorts them as text. Local dates (`2026-09-30`) are dates, not instants, and stay as they are.
 * Applied as Express's JSON replacer (configure-http.ts).
 */
const INSTANT_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

export function utcInstants(_key: string, value: unknown): unknown {
  if (typeof value !== 'string' || value.length > 35 || !INSTANT_WITH_OFFSET.test(value) || value.endsWith('.000Z')) return value;
  const millis = Date.parse(value);
  return Number.isNaN(millis) ? value : new Date(millis).toISOString();
}
