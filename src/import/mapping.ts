import { DateTime, IANAZone } from 'luxon';
import { findCategory, findDepartment, findingReasonsOf, type Catalog, type Channel, type NoticeChannel, type Outcome, type SubjectKind } from '../../domain/catalog.js';
import { schemaProblems } from '../config/index.js';
import { MAPPING_SCHEMA } from './mapping-schema.js';
import { SourceDates } from './source-dates.js';

/**
 * How the columns of an old system's export become complaints: which column holds what, and how
 * its values translate into the catalog's codes. Its JSON Schema is mapping-schema.ts; documented,
 * with two worked examples, in mappings/README.md.
 */
export interface ImportMapping {
  /** Prefix of the imported complaint ids: `<source>-<case id>`. */
  source: string;
  /** IANA zone the source's dates are local to, e.g. America/New_York. */
  timeZone: string;
  /** Luxon format of the source's dates, e.g. `M/d/yyyy h:mm:ss a`. */
  dateFormat: string;
  columns: {
    caseId: string;
    receivedAt: string;
    category: string;
    channel: string;
    closedAt?: DateField;
    /** The source's own due date: stored with the receipt, the SLA read models judge the case by it. */
    dueAt?: DateField;
    /** Empty cells fall back to the category's default department. */
    department?: Field;
    /** Without it, a case with a closed date is closed. */
    status?: string;
    resolution?: Field;
    /** The source's outcome, through `values.outcomes`; without a value there, the `outcome` rules decide. */
    outcome?: Field;
    /** The complainant's phone number (no consent to SMS or calls: the source recorded none); a placeholder or empty cell is none. */
    phone?: Field;
    /** The complainant's e-mail address (no consent to e-mail); a placeholder or empty cell is none. */
    email?: Field;
  };
  /**
   * What the source writes for "no value" (`n/a`, `0000`, `unknown`, `-`): a phone, e-mail or address
   * cell whose trimmed value is one of them (case-insensitive) counts as empty, so it links no two complainants.
   */
  placeholders?: string[];
  /** The complaint's description: these columns' non-empty values joined by the separator. */
  description: JoinedColumns;
  /** The complainant's contact address, likewise. */
  address: JoinedColumns & {
    /** Written when the columns are all empty (a placeholder: it identifies nobody); without it such a row is rejected. */
    whenEmpty?: string;
    /** False when the columns are not the complainant's own address (the place of the problem, a state and ZIP code): it then links no two complainants. */
    identifies?: boolean;
  };
  /** Source value → code. The key `*` stands for any value not listed; the code `(source value)` keeps the value itself as a code. */
  values: {
    categories: ValueMap;
    channels: ValueMap<Channel>;
    departments?: ValueMap;
    statuses?: ValueMap<CaseStatus>;
    outcomes?: ValueMap<ImportedOutcome>;
  };
  /** The outcome of a closed case without a mapped source outcome: the first rule whose pattern matches the resolution text, else the default. */
  outcome: { default: ImportedOutcome; rules?: { pattern: string; outcome: ImportedOutcome }[] };
  /** Who or what each case is about (a company, a unit): recorded with the receipt, and in the findings, substantiated by the outcomes named. */
  subjects?: SubjectColumn[];
  /** The source has no names; the domain requires one. A placeholder: it identifies nobody. */
  complainantName: string;
  /** How the result notice went out (the source does not say): it must suit the contact details imported. */
  noticeChannel: NoticeChannel;
  /** The appeal options stated in the imported result notice. */
  appeal: string;
}

/** A column, or a column read only when another column has a value (or one matching `matches`). */
export type Field = string | { column: string; when?: Condition };
/** A date: a column, conditional, or derived: the date in `from` plus days, fixed or by another column's value. */
export type DateField = Field | { from: string; addDays: number | { column: string; values: Record<string, number> }; when?: Condition };
export interface Condition {
  column: string;
  /** A regular expression (case-insensitive) the column's value must match; without it, any value. */
  matches?: string;
}

export interface SubjectColumn {
  column: string;
  kind: SubjectKind;
  /** The finding reason (a code of the catalog's) of a substantiated subject: "the same reason" of the repeat-offender rule. */
  reason: string;
  /** The outcomes that substantiate the subject; default upheld and partly-upheld. */
  substantiatedBy?: Outcome[];
}

export interface JoinedColumns {
  columns: string[];
  separator: string;
}

export type ValueMap<Code extends string = string> = Record<string, Code>;
export type CaseStatus = 'open' | 'closed';
/** A closed case was decided with an outcome, or withdrawn by the complainant. */
export type ImportedOutcome = Outcome | 'withdrawn';

/** The code that keeps the source's value (made a code: lower case, "-" between words) for `*`. */
export const SOURCE_VALUE = '(source value)';

/** A source value as a catalog code: "Debt collection" → "debt-collection". */
export function codeOf(value: string): string {
  return value.normalize('NFKD').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '') || 'unnamed';
}

export class MappingError extends Error {
  override readonly name = 'MappingError';
  constructor(readonly problems: string[]) {
    super(`the mapping is not usable:\n  ${problems.join('\n  ')}`);
  }
}

/**
 * Checks a parsed mapping file against its JSON Schema, then against the catalog the service runs
 * with; lists every problem at once, each as `<file>: <JSON path>: <rule>`.
 */
export function parseMapping(json: unknown, catalog: Catalog, file = 'mapping'): ImportMapping {
  const problems = schemaProblems(MAPPING_SCHEMA, json, file);
  const problem = (path: string, rule: string) => problems.push(`${file}: $.${path}: ${rule}`);
  const schemaPassed = problems.length === 0;
  // Also when the schema failed, wherever the part they read has its shape: a mapping is corrected in one round, not two.
  valueChecks(json, catalog, problem);
  if (!schemaPassed) throw new MappingError(problems);
  if (problems.length > 0) throw new MappingError(problems);
  return json as ImportMapping;
}

/** The column a field reads. */
export const columnOf = (field: Field): string => (typeof field === 'string' ? field : field.column);

/** Every column the mapping reads, each with where the mapping first names it (`columns.receivedAt`), for checking the file's header before the first row. */
export function columnsRead(mapping: ImportMapping): { column: string; path: string }[] {
  const read: { column: string; path: string }[] = [];
  for (const [key, value] of Object.entries(mapping.columns)) {
    if (value === undefined) continue;
    const at = `columns.${key}`;
    if (typeof value === 'string') read.push({ column: value, path: at });
    else {
      if ('from' in value) read.push({ column: value.from, path: `${at}.from` }, ...(typeof value.addDays === 'object' ? [{ column: value.addDays.column, path: `${at}.addDays.column` }] : []));
      else read.push({ column: value.column, path: `${at}.column` });
      if (value.when) read.push({ column: value.when.column, path: `${at}.when.column` });
    }
  }
  read.push(
    ...mapping.description.columns.map((column, i) => ({ column, path: `description.columns[${i}]` })),
    ...mapping.address.columns.map((column, i) => ({ column, path: `address.columns[${i}]` })),
    ...(mapping.subjects ?? []).map((s, i) => ({ column: s.column, path: `subjects[${i}].column` })),
  );
  return read.filter((r, i) => read.findIndex((other) => other.column === r.column) === i);
}

/**
 * What the JSON Schema cannot check, each part read only where it has the schema's shape (a part without it is
 * the schema's to report): the time zone, the date format, the regular expressions, and the codes the
 * catalog must know (categories, departments, finding reasons).
 */
function valueChecks(json: unknown, catalog: Catalog, problem: (path: string, rule: string) => void): void {
  const m = (isObject(json) ? json : {}) as Record<string, unknown>;
  const zone = typeof m.timeZone === 'string' && IANAZone.isValidZone(m.timeZone) ? m.timeZone : undefined;
  if (typeof m.timeZone === 'string' && !zone) problem('timeZone', `${m.timeZone} is not an IANA time zone`);
  if (typeof m.dateFormat === 'string') {
    const lostDate = dateFormatProblem(m.dateFormat, zone ?? 'UTC');
    if (lostDate) problem('dateFormat', lostDate);
  }
  const rules = isObject(m.outcome) && Array.isArray(m.outcome.rules) ? m.outcome.rules : [];
  rules.forEach((rule: unknown, i) => {
    if (isObject(rule) && typeof rule.pattern === 'string') regex(rule.pattern, `outcome.rules[${i}].pattern`, problem);
  });
  for (const [key, value] of Object.entries(isObject(m.columns) ? m.columns : {})) {
    const when = isObject(value) && isObject(value.when) ? value.when : undefined;
    if (typeof when?.matches === 'string') regex(when.matches, `columns.${key}.when.matches`, problem);
  }
  const values = isObject(m.values) ? m.values : {};
  const columns = isObject(m.columns) ? m.columns : {};
  if (columns.department !== undefined && values.departments === undefined) problem('values.departments', 'required when columns.department is given');
  if (columns.status !== undefined && values.statuses === undefined) problem('values.statuses', 'required when columns.status is given');
  if (columns.outcome !== undefined && values.outcomes === undefined) problem('values.outcomes', 'required when columns.outcome is given');
  if (columns.status !== undefined && columns.closedAt === undefined) problem('columns.closedAt', 'required when columns.status is given');
  // Phones and e-mails are imported without consent (the source recorded none), so the only notices the decider allows are by post or in person.
  if (typeof m.noticeChannel === 'string' && m.noticeChannel !== 'post' && m.noticeChannel !== 'in-person') {
    problem('noticeChannel', 'only post or in-person suit imported contacts (the source recorded no consent to SMS, e-mail or calls)');
  }
  if (isCodeMap(values.categories)) codes(values.categories, 'values.categories', (code) => !!findCategory(catalog, code), "in the catalog's categories", problem);
  if (isCodeMap(values.departments)) codes(values.departments, 'values.departments', (code) => !!findDepartment(catalog, code), "in the catalog's departments", problem);
  const reasons = findingReasonsOf(catalog).map((r) => r.code);
  (Array.isArray(m.subjects) ? m.subjects : []).forEach((subject: unknown, i) => {
    if (isObject(subject) && typeof subject.reason === 'string' && !reasons.includes(subject.reason)) {
      problem(`subjects[${i}].reason`, `${subject.reason} is not one of the catalog's finding reasons (${reasons.join(', ')})`);
    }
  });
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

const isCodeMap = (map: unknown): map is ValueMap => isObject(map) && Object.values(map).every((code) => typeof code === 'string');

function codes(map: ValueMap, path: string, known: (code: string) => boolean, expected: string, problem: (path: string, rule: string) => void): void {
  for (const [value, code] of Object.entries(map)) {
    if (code === SOURCE_VALUE) {
      if (value !== '*') problem(`${path}[${JSON.stringify(value)}]`, `${SOURCE_VALUE} is for "*" only`);
    } else if (!known(code)) {
      problem(`${path}[${JSON.stringify(value)}]`, `${JSON.stringify(code)} is not ${expected}`);
    }
  }
}

/** A date and time every format must keep: day above 12, so that day and month cannot pass for each other. */
const KNOWN_DATE = { year: 1999, month: 11, day: 25, hour: 13, minute: 47, second: 38 };

/**
 * Why the format cannot give a whole date (year, month and day), or undefined: a known date written in
 * it must read back as the same day, else every row would be rejected (`qqq`, `yyyy-MM`, `MM/dd`). A
 * format with an hour must read back the hour too: `h` without `a` would put every afternoon in the
 * morning, and nothing in a row would show it.
 */
function dateFormatProblem(format: string, zone: string): string | undefined {
  const known = DateTime.fromObject(KNOWN_DATE, { zone });
  const written = known.toFormat(format, { locale: 'en-US' });
  const parsed = new SourceDates(format, zone).parse(written);
  const read = typeof parsed === 'string' ? undefined : DateTime.fromMillis(parsed.millis, { zone });
  const knownText = known.toFormat('yyyy-MM-dd HH:mm:ss');
  if (read?.toISODate() !== known.toISODate()) {
    return `${JSON.stringify(format)} must give a whole date (year, month and day): ${knownText} written in it (${JSON.stringify(written)}) reads back as ${read?.toISODate() ?? 'no date'}`;
  }
  const hasHour = /[hHkK]/.test(format.replace(/'[^']*'/g, ''));
  if (hasHour && read.hour !== known.hour) {
    return `${JSON.stringify(format)} must give the hour of the day it writes (h needs a for AM or PM; or H for 0 to 23): ${knownText} written in it (${JSON.stringify(written)}) reads back as ${read.toFormat('yyyy-MM-dd HH:mm:ss')}`;
  }
  return undefined;
}

function regex(pattern: string, path: string, problem: (path: string, rule: string) => void): void {
  try {
    new RegExp(pattern, 'i');
  } catch (error) {
    problem(path, (error as Error).message);
  }
}

