import { DateTime } from 'luxon';

/** A source date as the import stores it: the instant, and its ISO text in the source's zone. */
export interface SourceDate {
  millis: number;
  iso: string;
}

export type ParsedDate = SourceDate | 'unparseable' | 'daylight-saving-gap';

const HOUR = 3_600_000;

/**
 * Parses the dates of one mapping (one format, one IANA zone), as Luxon would in the zone, but
 * fast: Luxon reads the wall-clock fields in UTC (no zone rules), and the zone's offset comes from a
 * cache per wall-clock hour. An hour is cached only when the zone keeps one offset from three hours
 * before it to three hours after, so no daylight-saving change (a gap, a repeated hour) is near;
 * around a change each date takes Luxon's own path in the zone. Zone rules cost a `formatToParts`
 * call per lookup, and an import reads several dates per row.
 */
export class SourceDates {
  private readonly parser: ReturnType<typeof DateTime.buildFormatParser>;
  /** Offset in minutes of each wall-clock hour seen (hours since 1970 as if UTC); null: near a change. */
  private readonly offsets = new Map<number, number | null>();
  /** Only wall-clock formats in a zone with rules: a format with its own offset, or a fixed zone (`Z` in ISO), takes Luxon's path. */
  private readonly fast: boolean;

  constructor(
    private readonly format: string,
    private readonly zone: string,
  ) {
    this.parser = DateTime.buildFormatParser(format, { locale: 'en-US' });
    this.fast = !/[Zz]/.test(format.replace(/'[^']*'/g, '')) && !DateTime.now().setZone(zone).zone.isUniversal;
  }

  parse(text: string): ParsedDate {
    const wall = DateTime.fromFormatParser(text, this.parser, { zone: 'UTC', locale: 'en-US' });
    if (!wall.isValid) return 'unparseable';
    const wallMillis = wall.toMillis();
    if (this.fast && wall.year >= 1000 && wall.year <= 9999) {
      const offset = this.offsetOfHour(Math.floor(wallMillis / HOUR));
      if (offset !== null) return { millis: wallMillis - offset * 60_000, iso: isoText(wallMillis, offset) };
    }
    // Luxon moves a wall-clock time that the zone skips (the spring-forward hour) instead of failing.
    const local = DateTime.fromFormatParser(text, this.parser, { zone: this.zone, locale: 'en-US' });
    if (!local.isValid) return 'unparseable';
    if (local.hour !== wall.hour || local.minute !== wall.minute || local.day !== wall.day) return 'daylight-saving-gap';
    return inZone(local);
  }

  /**
   * Why `parse` found the text unparseable, to follow the value in a message: it lacks the form
   * (`is not a date of the form yyyy-MM-dd`), or has it but names no date, as 2024-02-30 (`has the form
   * yyyy-MM-dd but is no date: February 2024 has no day 30`).
   */
  whyUnparseable(text: string): string {
    const wall = DateTime.fromFormatParser(text, this.parser, { zone: 'UTC', locale: 'en-US' });
    if (wall.invalidReason !== 'unit out of range') return `is not a date of the form ${this.format}`;
    const fields = (DateTime.fromFormatExplain(text, this.format, { locale: 'en-US' }).result ?? {}) as DateFields;
    return `has the form ${this.format} but is no date: ${outOfRange(fields) ?? wall.invalidExplanation}`;
  }

  /** `days` calendar days later in the zone, at the same wall-clock time (Luxon's `plus`). */
  plusDays(date: SourceDate, days: number): SourceDate {
    return inZone(DateTime.fromMillis(date.millis, { zone: this.zone }).plus({ days }));
  }

  private offsetOfHour(hour: number): number | null {
    let offset = this.offsets.get(hour);
    if (offset === undefined) {
      offset = null;
      const start = DateTime.fromMillis(hour * HOUR, { zone: 'UTC' }).setZone(this.zone, { keepLocalTime: true });
      if (start.isValid) {
        const at = start.toMillis();
        const around = [-3, -1, 1, 2, 4].map((h) => DateTime.fromMillis(at + h * HOUR, { zone: this.zone }).offset);
        if (around.every((o) => o === start.offset)) offset = start.offset;
      }
      this.offsets.set(hour, offset);
    }
    return offset;
  }
}

/** The fields Luxon read from a text, before it checked them. */
type DateFields = Partial<Record<'year' | 'month' | 'day' | 'hour' | 'minute' | 'second', number>>;

/** The field read from a text that names no date, as a reader would say it. */
function outOfRange({ year, month, day, hour, minute, second }: DateFields): string | undefined {
  if (month !== undefined && (month < 1 || month > 12)) return `there is no month ${month}`;
  if (day !== undefined && month !== undefined) {
    const inMonth = DateTime.utc(year ?? 2000, month);
    if (day < 1 || day > inMonth.daysInMonth!) return `${inMonth.toFormat(year === undefined ? 'LLLL' : 'LLLL yyyy', { locale: 'en-US' })} has no day ${day}`;
  }
  if (hour !== undefined && (hour < 0 || hour > 23)) return `there is no hour ${hour}`;
  if (minute !== undefined && (minute < 0 || minute > 59)) return `there is no minute ${minute}`;
  if (second !== undefined && (second < 0 || second > 59)) return `there is no second ${second}`;
  return undefined;
}

function inZone(date: DateTime): SourceDate {
  return { millis: date.toMillis(), iso: date.toISO({ suppressMilliseconds: true })! };
}

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/** What Luxon's `toISO({ suppressMilliseconds: true })` writes for an IANA zone (never `Z`), for years 1000–9999. */
function isoText(wallMillis: number, offset: number): string {
  const d = new Date(wallMillis);
  const ms = d.getUTCMilliseconds();
  const sign = offset < 0 ? '-' : '+';
  const abs = Math.abs(offset);
  return (
    `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}` +
    `${ms === 0 ? '' : `.${pad(ms, 3)}`}${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`
  );
}
