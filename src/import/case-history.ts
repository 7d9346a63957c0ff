import { isEmail } from 'class-validator';
import { findCategory, findDepartment, type Catalog } from '../../domain/catalog.js';
import type { NotIdentifying } from '../../domain/complainant-identity.js';
import { PHONE, SUBJECT_ID, TEXT_LIMITS, type ComplaintCommand } from '../../domain/complaint/commands.js';
import { decide, evolve, initialState } from '../../domain/complaint/decider.js';
import { ComplaintCommandNotAllowed } from '../../domain/complaint/errors.js';
import { InvalidCommand } from '../../domain/errors.js';
import type { ComplaintEvent, Subject, SubjectFinding } from '../../domain/complaint/events.js';
import { isAcceptableText, TEXT_RULE } from '../http/index.js';
import { SourceDates, type SourceDate } from './source-dates.js';
import { codeOf, columnOf, SOURCE_VALUE, type CaseStatus, type Condition, type DateField, type Field, type ImportedOutcome, type ImportMapping, type JoinedColumns, type ValueMap } from './mapping.js';

/** Why a row was not imported: the `reason` column of the reject file. */
export const REJECT_REASONS = [
  'malformed-row',
  'missing-field',
  'invalid-case-id',
  'unparseable-date',
  'date-in-future',
  'closed-before-received',
  'due-before-received',
  'unknown-category',
  'unknown-value',
  'too-long',
  'invalid-text',
  'invalid-contact',
  'inconsistent-status',
  'duplicate-case',
  'already-exists',
  'changed-since-import',
  'complaint-rule',
] as const;
export type RejectReason = (typeof REJECT_REASONS)[number];

/** A source value the mapping or the catalog does not know: what `--check` lists and `--propose-catalog` proposes. */
export interface UnknownValue {
  /** The mapping's value map it was looked up in. */
  map: keyof ImportMapping['values'];
  column: string;
  value: string;
  /** The code `(source value)` would give it, when the mapping keeps source values but the catalog lacks the code. */
  code?: string;
}

export class RowRejected extends Error {
  override readonly name = 'RowRejected';
  constructor(
    readonly reason: RejectReason,
    readonly detail: string,
    readonly unknown?: UnknownValue,
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
  /** Closed by the source's own due date; undefined when open or the source gave none. */
  closedOnTime?: boolean;
}

/** Text the import writes where the source has none (see mappings/README.md). */
export const NO_RESOLUTION = '(imported: no resolution recorded)';

const SUBSTANTIATING_BY_DEFAULT: readonly ImportedOutcome[] = ['upheld', 'partly-upheld'];

/** What the mapping writes that is no real contact data: it must link no two complainants (see domain/complainant-identity.ts). */
export function notIdentifyingOf(mapping: ImportMapping): NotIdentifying {
  return {
    placeholders: [mapping.complainantName, ...(mapping.address.whenEmpty !== undefined ? [mapping.address.whenEmpty] : [])],
    fields: mapping.address.identifies === false ? ['address'] : [],
  };
}

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
  const holds = (condition: Condition | undefined): boolean => {
    if (!condition) return true;
    const value = cell(condition.column);
    return condition.matches === undefined ? value !== '' : compiled(mapping).pattern(condition.matches).test(value);
  };
  const read = (field: Field | undefined): string => (field === undefined || (typeof field === 'object' && !holds(field.when)) ? '' : cell(columnOf(field)));
  /** A phone, e-mail or address cell: empty when it holds one of the mapping's placeholders. */
  const contact = (value: string): string => (compiled(mapping).placeholders.has(value.toLowerCase()) ? '' : value);
  /** A date field; `past`: it may not lie after the import (a due date may). */
  const date = (field: DateField | undefined, past: boolean): { at: SourceDate; text: string } | undefined => {
    if (field === undefined) return undefined;
    if (typeof field === 'string' || !('from' in field)) {
      const text = read(field);
      return text === '' ? undefined : { at: parseSourceDate(text, columnOf(field), mapping, now, past), text: `${columnOf(field)} ${text}` };
    }
    if (!holds(field.when)) return undefined;
    const from = cell(field.from);
    if (from === '') return undefined;
    const days = typeof field.addDays === 'number' ? field.addDays : lookup(field.addDays.values, cell(field.addDays.column), field.addDays.column);
    const text = `${field.from} ${from} + ${days} days`;
    const at = compiled(mapping).dates.plusDays(parseSourceDate(from, field.from, mapping, now, past), days);
    if (past && at.millis > Date.parse(now)) throw new RowRejected('date-in-future', `${text} is after the import (${now})`);
    return { at, text };
  };
  /** A value through a map; `kind`: the mapping's value map it is, whose unknown values `--check` lists. */
  const lookup = <Code>(map: Record<string, Code>, value: string, column: string, kind?: UnknownValue['map']): Code => {
    const code = Object.hasOwn(map, value) ? map[value] : value !== '' && Object.hasOwn(map, '*') ? map['*'] : undefined;
    if (code !== undefined) return code;
    if (value === '') throw new RowRejected('missing-field', `${column} is empty`);
    throw new RowRejected('unknown-value', `${column} ${JSON.stringify(value)} is not in the mapping`, kind ? { map: kind, column, value } : undefined);
  };
  /** A code of the catalog for a value: listed, or by `*` (the source value itself, made a code, with `(source value)`). */
  const catalogCode = (map: ValueMap, value: string, column: string, kind: 'categories' | 'departments', known: (code: string) => boolean): string => {
    const listed = Object.hasOwn(map, value) ? map[value] : value !== '' && Object.hasOwn(map, '*') ? map['*'] : undefined;
    const reason: RejectReason = kind === 'categories' ? 'unknown-category' : 'unknown-value';
    if (listed === undefined) throw new RowRejected(reason, `${column} ${JSON.stringify(value)} is not in the mapping`, { map: kind, column, value });
    if (listed !== SOURCE_VALUE) return listed;
    const code = codeOf(value);
    if (!known(code)) throw new RowRejected(reason, `${column} ${JSON.stringify(value)} is kept as ${code}, which the catalog lacks (see --propose-catalog)`, { map: kind, column, value, code });
    return code;
  };

  const caseId = requiredCell(columns.caseId);
  if (!/^[A-Za-z0-9_.-]{1,100}$/.test(caseId)) throw new RowRejected('invalid-case-id', `${columns.caseId} ${JSON.stringify(caseId)}: 1 to 100 of the letters A to Z (either case), digits, ".", "_" and "-"`);
  const complaintId = `${mapping.source}-${caseId}`;

  const received = parseSourceDate(requiredCell(columns.receivedAt), columns.receivedAt, mapping, now);
  const closed = date(columns.closedAt, true);
  const due = date(columns.dueAt, false);
  if (closed && closed.at.millis < received.millis) throw new RowRejected('closed-before-received', `${closed.text} is before ${columns.receivedAt} ${cell(columns.receivedAt)}`);
  if (due && due.at.millis < received.millis) throw new RowRejected('due-before-received', `${due.text} is before ${columns.receivedAt} ${cell(columns.receivedAt)}`);

  const status: CaseStatus = columns.status ? lookup(values.statuses!, cell(columns.status), columns.status, 'statuses') : closed ? 'closed' : 'open';
  if (status === 'closed' && !closed) throw new RowRejected('missing-field', `the closed date (${closedColumn(columns.closedAt)}) is empty but ${columns.status} says the case is closed`);
  if (status === 'open' && closed) throw new RowRejected('inconsistent-status', `${columns.status} ${cell(columns.status!)} is open but ${closed.text} closes it`);

  const category = catalogCode(values.categories, requiredCell(columns.category), columns.category, 'categories', (code) => !!findCategory(catalog, code));
  const channel = lookup(values.channels, cell(columns.channel), columns.channel, 'channels');
  const departmentValue = read(columns.department);
  const department =
    columns.department && departmentValue !== ''
      ? catalogCode(values.departments!, departmentValue, columnOf(columns.department), 'departments', (code) => !!findDepartment(catalog, code))
      : undefined;
  const description = joined(fields, mapping.description);
  if (description === '') throw new RowRejected('missing-field', `${mapping.description.columns.join(', ')}: all empty, no description`);
  const address = joined(fields, mapping.address, contact) || mapping.address.whenEmpty;
  if (address === undefined) throw new RowRejected('missing-field', `${mapping.address.columns.join(', ')}: all empty, no address to contact the complainant`);
  const resolution = read(columns.resolution) || NO_RESOLUTION;
  const named = (mapping.subjects ?? []).filter((s) => cell(s.column) !== '');
  // One spelling per subject, as the API's rule asks (SUBJECT_ID): a source's stray or non-breaking spaces and decomposed letters are not another subject.
  const subjects: Subject[] = named.map((s) => ({ id: cell(s.column).replace(/\s+/gu, ' ').normalize('NFC'), kind: s.kind }));
  // The API's rules for text: a row past them would store what no command over HTTP could.
  acceptableCells(fields, [...mapping.description.columns, ...mapping.address.columns]);
  storable(description, TEXT_LIMITS.text, mapping.description.columns.join(', '));
  storable(address, TEXT_LIMITS.note, mapping.address.columns.join(', '));
  named.forEach((s, i) => {
    storable(subjects[i]!.id, TEXT_LIMITS.id, s.column);
    if (!SUBJECT_ID.test(subjects[i]!.id)) throw new RowRejected('invalid-text', `${s.column}: a subject's id ${SUBJECT_ID.rule}`);
  });
  if (columns.resolution) storable(resolution, TEXT_LIMITS.text, columnOf(columns.resolution));
  // The API's rules for a complainant's phone and e-mail: a cell that is neither empty, a placeholder nor a plausible contact rejects the row, so that the operator sees it (and lists it in `placeholders`, or fixes it).
  const phone = contact(read(columns.phone));
  const email = contact(read(columns.email));
  if (phone !== '' && !PHONE.pattern.test(phone)) {
    throw new RowRejected('invalid-contact', `${columnOf(columns.phone!)} ${JSON.stringify(phone)}: ${PHONE.rule} (or one of the mapping's placeholders)`);
  }
  if (email !== '' && !(email.length <= TEXT_LIMITS.name && isEmail(email))) {
    throw new RowRejected('invalid-contact', `${columnOf(columns.email!)} ${JSON.stringify(email)}: email must be an e-mail address of at most ${TEXT_LIMITS.name} characters (or one of the mapping's placeholders)`);
  }

  const receivedAt = received.iso;
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
        complainant: { name: mapping.complainantName, ...(phone !== '' ? { phone } : {}), ...(email !== '' ? { email } : {}), address },
        consent: { sms: false, email: false, phone: false },
        subjects,
        receivedAt,
        ...(due ? { sourceDueAt: due.at.iso } : {}),
      },
    },
    { type: 'assign', now: receivedAt, data: department ? { department } : {} },
  ];
  if (closed) {
    const closedAt = closed.at.iso;
    const sourceOutcome = read(columns.outcome);
    const outcome = sourceOutcome !== '' && values.outcomes ? lookup(values.outcomes, sourceOutcome, columnOf(columns.outcome!), 'outcomes') : outcomeOf(mapping, resolution);
    if (outcome === 'withdrawn') {
      if (columns.resolution) storable(resolution, TEXT_LIMITS.note, `${columnOf(columns.resolution)} (the reason of a withdrawal)`);
      commands.push({ type: 'withdraw', now: closedAt, data: { reason: resolution } });
    } else {
      const findings: SubjectFinding[] = named.map((s, i) => {
        const substantiated = (s.substantiatedBy ?? SUBSTANTIATING_BY_DEFAULT).includes(outcome);
        return { ...subjects[i]!, substantiated, ...(substantiated ? { reason: s.reason } : {}) };
      });
      commands.push(
        { type: 'record-findings', now: closedAt, data: { summary: resolution, subjects: findings } },
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
    ...(closed && due ? { closedOnTime: closed.at.millis <= due.at.millis } : {}),
  };
}

/** Text the API would take in the field it fills: no longer than its limit, no control characters. */
function storable(value: string, limit: number, column: string): void {
  if (value.length > limit) throw new RowRejected('too-long', `${column}: ${value.length.toLocaleString('en')} characters, at most ${limit.toLocaleString('en')}`);
  if (!isAcceptableText(value)) throw new RowRejected('invalid-text', `${column}: ${TEXT_RULE}`);
}

/** The text rule cell by cell, so that a reject names the column at fault rather than all the columns a text joins. */
function acceptableCells(fields: Readonly<Record<string, string>>, columns: readonly string[]): void {
  for (const column of columns) {
    if (!isAcceptableText((fields[column] ?? '').trim())) throw new RowRejected('invalid-text', `${column}: ${TEXT_RULE}`);
  }
}

function closedColumn(field: DateField | undefined): string {
  return field === undefined ? 'none' : typeof field === 'object' && 'from' in field ? field.from : columnOf(field);
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
      if (error instanceof InvalidCommand || error instanceof ComplaintCommandNotAllowed) throw new RowRejected('complaint-rule', `${command.type}: ${error.message}`);
      throw error;
    }
  }
  return events;
}

/** What a mapping needs for every row, built once: its outcome patterns, its conditions' patterns and its date parser. */
interface Compiled {
  rules: { pattern: RegExp; outcome: ImportedOutcome }[];
  pattern(source: string): RegExp;
  dates: SourceDates;
  /** The mapping's placeholders, trimmed and in lower case. */
  placeholders: ReadonlySet<string>;
}
const compiledMappings = new WeakMap<ImportMapping, Compiled>();

function compiled(mapping: ImportMapping): Compiled {
  let found = compiledMappings.get(mapping);
  if (!found) {
    const patterns = new Map<string, RegExp>();
    found = {
      rules: (mapping.outcome.rules ?? []).map((r) => ({ pattern: new RegExp(r.pattern, 'i'), outcome: r.outcome })),
      pattern: (source) => {
        let regex = patterns.get(source);
        if (!regex) patterns.set(source, (regex = new RegExp(source, 'i')));
        return regex;
      },
      dates: new SourceDates(mapping.dateFormat, mapping.timeZone),
      placeholders: new Set((mapping.placeholders ?? []).map((p) => p.trim().toLowerCase())),
    };
    compiledMappings.set(mapping, found);
  }
  return found;
}

function outcomeOf(mapping: ImportMapping, resolution: string): ImportedOutcome {
  return compiled(mapping).rules.find((rule) => rule.pattern.test(resolution))?.outcome ?? mapping.outcome.default;
}

/** A source date in the mapping's zone; `past`: it may not lie after the import (a derived due date may). */
function parseSourceDate(value: string, column: string, mapping: ImportMapping, now: string, past = true): SourceDate {
  const parsed = compiled(mapping).dates.parse(value);
  if (parsed === 'unparseable') throw new RowRejected('unparseable-date', `${column} ${JSON.stringify(value)} ${compiled(mapping).dates.whyUnparseable(value)}`);
  if (parsed === 'daylight-saving-gap') throw new RowRejected('unparseable-date', `${column} ${JSON.stringify(value)} does not exist in ${mapping.timeZone} (daylight-saving gap)`);
  if (past && parsed.millis > Date.parse(now)) throw new RowRejected('date-in-future', `${column} ${value} is after the import (${now})`);
  return parsed;
}

/** The columns' non-empty values joined; `kept` empties a value that is no value (a placeholder). */
function joined(fields: Readonly<Record<string, string>>, { columns, separator }: JoinedColumns, kept: (value: string) => string = (value) => value): string {
  return columns
    .map((column) => kept((fields[column] ?? '').trim()))
    .filter((value) => value !== '')
    .join(separator);
}
