/**
 * What the edge reads from a request besides the body: path ids, query parameters, instants,
 * cursors and the If-Match and Idempotency-Key headers. Anything malformed is a `BadRequest` naming
 * the parameter and the rule.
 */
import type { Request } from 'express';
import { DateTime } from 'luxon';
import { BadRequest, StaleRevision, type FieldError } from './errors.js';
import { isAcceptableText, TEXT_RULE } from './text.js';

const ID = /^[A-Za-z0-9-]{1,64}$/;

/** A complaint id in a path or a parameter: letters, digits and dashes. */
export function isId(value: string): boolean {
  return ID.test(value);
}

export function checkedId(id: string, field = 'id'): string {
  if (!isId(id)) throw new BadRequest([{ field, rule: 'must be 1 to 64 letters, digits or dashes' }]);
  return id;
}

/** Only the named query parameters, each given once; what breaks that is added to `errors`. */
export function queryParameters<Name extends string>(query: Record<string, unknown>, allowed: readonly Name[], errors: FieldError[]): Partial<Record<Name, string>> {
  const text: Partial<Record<Name, string>> = {};
  for (const [key, value] of Object.entries(query)) {
    if (!(allowed as readonly string[]).includes(key)) errors.push({ field: key, rule: allowed.length > 0 ? `is not a parameter; parameters: ${allowed.join(', ')}` : 'is not a parameter; this route takes none' });
    else if (typeof value !== 'string') errors.push({ field: key, rule: 'must be given once' });
    else if (value.length > 200) errors.push({ field: key, rule: 'must be at most 200 characters' });
    else if (!isAcceptableText(value)) errors.push({ field: key, rule: TEXT_RULE });
    else text[key as Name] = value;
  }
  return text;
}

/** A parameter given must be one of `known` (a catalog's codes, a list's states); else a 400 naming it. */
export function checkOneOf(value: string | undefined, field: string, known: readonly string[], errors: FieldError[]): void {
  if (value !== undefined && !known.includes(value)) errors.push({ field, rule: `must be one of ${known.join(', ')}` });
}

/** A route that takes no query parameters refuses any given, as the lists refuse those they do not know. */
export function noQueryParameters(query: Record<string, unknown>): void {
  const errors: FieldError[] = [];
  queryParameters(query, [], errors);
  if (errors.length > 0) throw new BadRequest(errors);
}

/**
 * The years an instant, a quarter or a year given from outside may name: every such value reaches
 * PostgreSQL, which refuses year 0, and bounds computed from year 9999 (its quarter's end) no
 * longer print as four-digit years. One range for every parameter and field.
 */
export const YEARS = { first: 1970, last: 9998 } as const;
export const YEAR_RULE = `must be in the years ${YEARS.first} to ${YEARS.last}`;
export const INSTANT_RULE = `must be an ISO-8601 date-time with an offset, such as 2026-03-09T10:00:00+09:00, in the years ${YEARS.first} to ${YEARS.last}`;

/**
 * The rule an instant in a query broke: INSTANT_RULE, and where the offset's "+" arrived as a space
 * (a URL decodes an unencoded "+" as a space), how to write it.
 */
export function queryInstantRule(text: string): string {
  return /T\d{2}:\d{2}(:\d{2}(\.\d+)?)? \d{2}(:?\d{2})?$/.test(text)
    ? `${INSTANT_RULE}; the "+" of its offset arrived as a space, as an unencoded "+" in a URL does: write it %2B (2026-03-09T10:00:00%2B09:00), or give the time in UTC (2026-03-09T01:00:00Z)`
    : INSTANT_RULE;
}

export const DAY_RULE = `must be a date YYYY-MM-DD, such as 2026-03-09, in the years ${YEARS.first} to ${YEARS.last}`;

/** A calendar date (`2026-03-09`, no time, no zone) that exists, in {@link YEARS}. */
export function isDay(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const day = DateTime.fromISO(text, { zone: 'utc' });
  return day.isValid && isYearInRange(day.year);
}

export function isYearInRange(year: number): boolean {
  return Number.isInteger(year) && year >= YEARS.first && year <= YEARS.last;
}

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/;

/** An ISO-8601 date-time with an offset (a local time names no instant) in {@link YEARS}, normalised, or undefined. */
export function parseInstant(text: string): string | undefined {
  if (!ISO_INSTANT.test(text)) return undefined;
  const parsed = DateTime.fromISO(text, { setZone: true });
  if (!parsed.isValid || !isYearInRange(parsed.year) || !isYearInRange(parsed.toUTC().year)) return undefined;
  return parsed.toISO() ?? undefined;
}

/** A page cursor: the sort key of the last item of a page, opaque to clients. */
export function encodeCursor(key: readonly unknown[]): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

/** The sort key in a cursor, or undefined when it is not one this service made. */
export function decodeCursor(cursor: string): unknown[] | undefined {
  try {
    const key: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString());
    return Array.isArray(key) && key.every((part) => typeof part !== 'string' || isAcceptableText(part)) ? key : undefined;
  } catch {
    return undefined;
  }
}

/** `If-Match: "3"` (or W/"3", or 3): the revision the client last saw of the subject (`complaint`, `evaluation`, …) it names. */
export function ifMatch(request: Request, subject: string): number | undefined {
  const header = request.headers['if-match'];
  if (header === undefined) return undefined;
  const match = /^\s*(?:W\/)?"?(-?\d{1,15})"?\s*$/.exec(String(header));
  if (!match) throw new BadRequest([{ field: 'If-Match', rule: `must be the ETag of the ${subject}, a revision such as "3"` }]);
  return Number(match[1]);
}

/**
 * A stale `If-Match` is refused (412) before anything else would refuse the command: called where a
 * command's body or state is judged before the command runs, with the subject's current revision.
 */
export function checkIfMatch(request: Request, subject: string, revision: number): void {
  const expected = ifMatch(request, subject);
  if (expected !== undefined && expected !== revision) throw new StaleRevision(subject, expected, revision);
}

export function idempotencyKey(request: Request): string | undefined {
  const header = request.headers['idempotency-key'];
  if (header === undefined) return undefined;
  const key = String(header);
  if (!/^[\x21-\x7e]{1,200}$/.test(key)) throw new BadRequest([{ field: 'Idempotency-Key', rule: 'must be 1 to 200 visible ASCII characters' }]);
  return key;
}
