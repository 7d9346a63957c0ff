import { DateTime } from 'luxon';

/**
 * The working calendar's time zone, in which the console shows every time (console/src/main.tsx formats
 * dates in it) and reads every date-time typed into a form: the service's default calendar's
 * (`CALENDAR_FILE`, Asia/Seoul by default). The browser's own zone plays no part.
 */
export const CALENDAR_ZONE = 'Asia/Seoul';

/**
 * A `datetime-local` value (`2026-12-03T10:00`) as an instant with the calendar's offset
 * (`2026-12-03T10:00:00.000+09:00`); undefined when it is not one.
 */
export function calendarInstant(local: string): string | undefined {
  const at = DateTime.fromISO(local, { zone: CALENDAR_ZONE });
  return at.isValid ? (at.toISO() ?? undefined) : undefined;
}
