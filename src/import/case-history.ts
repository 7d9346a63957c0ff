import { DateTime } from 'luxon';
import type { Catalog } from '../../domain/catalog.js';
import type { ComplaintCommand } from '../../domain/complaint/commands.js';
import { decide, evolve, initialState } from '../../domain/complaint/decider.js';
import { CommandNotAllowed, InvalidCommand } from '../../domain/complaint/errors.js';
import type { ComplaintEvent } from '../../domain/complaint/events.js';
import type { CaseStatus, ImportedOutcome, ImportMapping, JoinedColumns, ValueMap } from './mapping.js';

/** Why a row was not imported: the `reason` column of the reject file. */
export const REJECT_REASONS = [
  'malformed-row',
  'missing-field',
  'invalid-case-id',
  'unparseable-date',
  'date-in-future',
  'closed-before-received',
  'unknown-category',
  'unknown-value',
  'inconsistent-status',
  'duplicate-case',
  'already-exists',
  'complaint-rule',
] as const;
export type RejectReason = (typeof REJECT_REASONS)[number];

export class RowRejected extends Error {
  override readonly name = 'RowRejected';
  constructor(
    readonly reason: RejectReason,
    readonly detail: string,
  ) {
    super(`${reason}: ${detail}`);
  }
}

/** One source row as the complaint history the engine would have recorded. */
export interface CaseHistory {
  caseId: string;
  complaintId: string;
  status: CaseStatus;
  events: ComplaintEvent[];
  /** Closed by the source's own due date; undefined when open or the source gave none. Reported, not stored. */
  closedOnTime?: boolean;
}

/** Text the import writes where the source has none (see mappings/README.md). */
export const NO_RESOLUTION = '(imported: no resolution recorded)';

/**
 * Turns a source row into its event history at the original times, by giving the pure decider the
 * commands staff would have given: receive and assign at the received time; when closed, record
 * findings, decide, communicate the decision and close at the closed time (or withdraw, when the
 * outcome says so). Throws `RowRejected` for a row that cannot be imported. Pure: `now` is the
 * import's time, after which no source date may lie.
 */
export function caseHistoryOf(fields: Readonly<Record<string, string>>, mapping: ImportMapping, catalog: Catalog, now: string): CaseHistory {
  const { columns, values } = mapping;
  const cell = (column: string): string => (fields[column] ?? '').trim();
  const requiredCell = (column: string): string => {
    const value = cell(column);
    if (value === '') throw new RowRejected('missing-field', `${column} is empty`);
    return value;
  };
  const date = (column: string): DateTime | undefined => {
    const value = cell(column);
    return value === '' ? undefined : parseSourceDate(value, column, mapping, now);
  };

  const caseId = requiredCell(columns.caseId);
  if (!/^[A-Za-z0-9_.-]{1,100}$/.test(caseId)) throw new RowRejected('invalid-case-id', `${columns.caseId} ${JSON.stringify(caseId)}: letters, digits, ".", "_" and "-" only`);
  const complaintId = `${mapping.source}-${caseId}`;

  const received = parseSourceDate(requiredCell(columns.receivedAt), columns.receivedAt, mapping, now);
  const closed = columns.closedAt === undefined ? undefined : date(columns.closedAt);
  const due = columns.dueAt === undefined ? undefined : date(columns.dueAt);
  if (closed && closed < received) {
    throw new RowRejected('closed-before-received', `${columns.closedAt} ${cell(columns.closedAt!)} is before ${columns.receivedAt} ${cell(columns.receivedAt)}`);
  }

  const status: CaseStatus = columns.status ? lookup(values.statuses!, cell(columns.status), columns.status, 'unknown-value')! : closed ? 'closed' : 'open';
  if (status === 'closed' && !closed) throw new RowRejected('missing-field', `${columns.closedAt} is empty but ${columns.status} says the case is closed`);
  if (status === 'open' && closed) throw new RowRejected('inconsistent-status', `${columns.status} ${cell(columns.status!)} is open but ${columns.closedAt} is ${cell(columns.closedAt!)}`);

  const category = lookup(values.categories, cell(columns.category), columns.category, 'unknown-category')!;
  const channel = lookup(values.channels, cell(columns.channel), columns.channel, 'unknown-value')!;
  const department = columns.department && values.departments ? lookup(values.departments, cell(columns.department), columns.department, 'unknown-value', false) : undefined;
  const description = joined(fields, mapping.description);
  if (description === '') throw new RowRejected('missing-field', `${mapping.description.columns.join(', ')}: all empty, no description`);
  const address = joined(fields, mapping.address);
  if (address === '') throw new RowRejected('missing-field', `${mapping.address.columns.join(', ')}: all empty, no address to contact the complainant`);
  const resolution = (columns.resolution && cell(columns.resolution)) || NO_RESOLUTION;

  const receivedAt = iso(received);
  const commands: ComplaintCommand[] = [
    {
      type: 'receive',
      now: receivedAt,
      data: {
        complaintId,
        channel,
        route: { kind: 'internal' },
        category,
        description,
        complainant: { name: mapping.complainantName, address },
        consent: { sms: false, email: false, phone: false },
        receivedAt,
      },
    },
    { type: 'assign', now: receivedAt, data: department ? { department } : {} },
  ];
  if (closed) {
    const closedAt = iso(closed);
    const outcome = outcomeOf(mapping, resolution);
    if (outcome === 'withdrawn') {
      commands.push({ type: 'withdraw', now: closedAt, data: { reason: resolution } });
    } else {
      commands.push(
        { type: 'record-findings', now: closedAt, data: { summary: resolution, subjects: [] } },
        { type: 'decide', now: closedAt, data: { outcome, basis: resolution } },
        { type: 'communicate-decision', now: closedAt, data: { channel: mapping.noticeChannel, basis: resolution, appeal: mapping.appeal } },
        { type: 'close', now: closedAt, data: { reason: 'resolved' } },
      );
    }
  }

  return {
    caseId,
    complaintId,
    status,
    events: decideAll(commands, catalog),
    ...(closed && due ? { closedOnTime: closed <= due } : {}),
  };
}

/** The events the decider produces for the commands in turn; a refusal rejects the row. */
function decideAll(commands: ComplaintCommand[], catalog: Catalog): ComplaintEvent[] {
  let state = initialState();
  const events: ComplaintEvent[] = [];
  for (const command of commands) {
    try {
      const produced = decide(command, state, catalog);
      state = produced.reduce(evolve, state);
      events.push(...produced);
    } catch (error) {
      if (error instanceof InvalidCommand || error instanceof CommandNotAllowed) throw new RowRejected('complaint-rule', `${command.type}: ${error.message}`);
      throw error;
    }
  }
  return events;
}

/** What a mapping needs for every row, built once: its outcome patterns and its date parser. */
interface Compiled {
  rules: { pattern: RegExp; outcome: ImportedOutcome }[];
  dates: ReturnType<typeof DateTime.buildFormatParser>;
}
const compiledMappings = new WeakMap<ImportMapping, Compiled>();

function compiled(mapping: ImportMapping): Compiled {
  let found = compiledMappings.get(mapping);
  if (!found) {
    found = {
      rules: mapping.outcome.rules.map((r) => ({ pattern: new RegExp(r.pattern, 'i'), outcome: r.outcome })),
      dates: DateTime.buildFormatParser(mapping.dateFormat, { locale: 'en-US' }),
    };
    compiledMappings.set(mapping, found);
  }
  return found;
}

function outcomeOf(mapping: ImportMapping, resolution: string): ImportedOutcome {
  return compiled(mapping).rules.find((rule) => rule.pattern.test(resolution))?.outcome ?? mapping.outcome.default;
}

function parseSourceDate(value: string, column: string, mapping: ImportMapping, now: string): DateTime {
  const { dates } = compiled(mapping);
  const local = DateTime.fromFormatParser(value, dates, { zone: mapping.timeZone, locale: 'en-US' });
  if (!local.isValid) throw new RowRejected('unparseable-date', `${column} ${JSON.stringify(value)} is not a date of the form ${mapping.dateFormat}`);
  // Luxon moves a wall-clock time that the zone skips (the spring-forward hour) instead of failing.
  const wall = DateTime.fromFormatParser(value, dates, { zone: 'UTC', locale: 'en-US' });
  if (local.hour !== wall.hour || local.minute !== wall.minute || local.day !== wall.day) {
    throw new RowRejected('unparseable-date', `${column} ${JSON.stringify(value)} does not exist in ${mapping.timeZone} (daylight-saving gap)`);
  }
  if (local.toMillis() > Date.parse(now)) throw new RowRejected('date-in-future', `${column} ${value} is after the import (${now})`);
  return local;
}

function iso(date: DateTime): string {
  return date.toISO({ suppressMilliseconds: true })!;
}

/** Value → code; `*` maps any other value. Empty cells are missing unless the map lists "". */
function lookup<Code extends string>(map: ValueMap<Code>, value: string, column: string, unknown: RejectReason, required = true): Code | undefined {
  const code = Object.hasOwn(map, value) ? map[value] : value !== '' && Object.hasOwn(map, '*') ? map['*'] : undefined;
  if (code !== undefined) return code;
  if (value === '') {
    if (required) throw new RowRejected('missing-field', `${column} is empty`);
    return undefined;
  }
  throw new RowRejected(unknown, `${column} ${JSON.stringify(value)} is not in the mapping`);
}

function joined(fields: Readonly<Record<string, string>>, { columns, separator }: JoinedColumns): string {
  return columns
    .map((column) => (fields[column] ?? '').trim())
    .filter((value) => value !== '')
    .join(separator);
}
