/**
 * One time convention for every answer: an instant is written in UTC (`2026-09-30T01:00:00.000Z`).
 * The domain keeps instants as they were given or computed (a receipt's time with its offset, a
 * deadline in the working calendar's zone); JSON answers carry them in UTC, so a client compares and
 * sorts them as text. Local dates (`2026-09-30`) are dates, not instants, and stay as they are.
 * Applied as Express's JSON replacer (configure-http.ts).
 *
 * Only the fields that name an instant are rewritten, known by their names (`receivedAt`, `dueAt`,
 * `occurredAt`, `at`, `from`, `handlingSince`, …): free text that looks like a timestamp (a
 * description, a name, a note written "2026-02-30T10:00:00Z") is the complainant's or staff's
 * words and goes out as it was stored and hashed.
 */
const INSTANT_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

/** The names this service gives its instants: `…At` (`…_at` from SQL), `…Since`, and these. */
const INSTANT_FIELD = /^(?:at|from|to|start|end|since|until|asOf|instant|now|expectedBy)$|[a-z]At$|_at$|[a-z]Since$/;

export function utcInstants(key: string, value: unknown): unknown {
  if (typeof value !== 'string' || !INSTANT_FIELD.test(key) || value.length > 35 || !INSTANT_WITH_OFFSET.test(value) || value.endsWith('.000Z')) return value;
  const millis = Date.parse(value);
  return Number.isNaN(millis) ? value : new Date(millis).toISOString();
}
