import { DateTime } from 'luxon';

/** The service's default calendar's zone (`CALENDAR_FILE`, else the catalog's, else Korea's). */
export const DEFAULT_CALENDAR_ZONE = 'Asia/Seoul';

/**
 * The zone GET /catalog/calendar names (public: the portal needs it too); the default when the service
 * is not reached, as nothing else of the console works then.
 */
export async function serviceCalendarZone(fetchJson: (path: string) => Promise<unknown> = defaultFetch): Promise<string> {
  try {
    const answer = (await fetchJson('/catalog/calendar')) as { timeZone?: unknown } | null;
    const zone = answer?.timeZone;
    return typeof zone === 'string' && DateTime.local().setZone(zone).isValid ? zone : DEFAULT_CALENDAR_ZONE;
  } catch {
    return DEFAULT_CALENDAR_ZONE;
  }
}

async function defaultFetch(path: string): Promise<unknown> {
  const response = await fetch(path, { headers: { accept: 'application/json' } });
  return response.ok ? response.json() : undefined;
}

/**
 * The working calendar's time zone, in which the console shows every time (console/src/main.tsx formats
 * dates in it), reads every date-time typed into a form and names quarters and years: the service's
 * (`America/New_York` with mappings/nyc311-catalog.json), learnt before the first page is drawn. The
 * browser's own zone plays no part.
 */
export const CALENDAR_ZONE: string = 'window' in globalThis ? await serviceCalendarZone() : DEFAULT_CALENDAR_ZONE;

/**
 * A `datetime-local` value (`2026-12-03T10:00`) as an instant with the calendar's offset
 * (`2026-12-03T10:00:00.000+09:00`); undefined when it is not one.
 */
export function calendarInstant(local: string, zone: string = CALENDAR_ZONE): string | undefined {
  const at = DateTime.fromISO(local, { zone });
  return at.isValid ? (at.toISO() ?? undefined) : undefined;
}
