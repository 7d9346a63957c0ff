import { IANAZone } from 'luxon';
import { CHANNELS, NOTICE_CHANNELS, OUTCOMES, findCategory, findDepartment, type Catalog, type Channel, type NoticeChannel, type Outcome } from '../../domain/catalog.js';

/**
 * How the columns of an old system's export become complaints: which column holds what, and how
 * its values translate into the catalog's codes. Documented, with the NYC 311 example, in
 * mappings/README.md.
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
    closedAt?: string;
    /** Read only to report on-time closing by the source's own due dates; never stored. */
    dueAt?: string;
    /** Empty cells fall back to the category's default department. */
    department?: string;
    /** Without it, a case with a closed date is closed. */
    status?: string;
    resolution?: string;
  };
  /** The complaint's description: these columns' non-empty values joined by the separator. */
  description: JoinedColumns;
  /** The complainant's contact address, likewise; a row where it comes out empty is rejected. */
  address: JoinedColumns;
  /** Source value → code. The key `*` stands for any value not listed. */
  values: {
    categories: ValueMap;
    channels: ValueMap<Channel>;
    departments?: ValueMap;
    statuses?: ValueMap<CaseStatus>;
  };
  /** The outcome of a closed case: the first rule whose pattern matches the resolution text, else the default. */
  outcome: { default: ImportedOutcome; rules: { pattern: string; outcome: ImportedOutcome }[] };
  /** The source has no names; the domain requires one. */
  complainantName: string;
  /** How the result notice went out (the source does not say): it must suit the contact details imported. */
  noticeChannel: NoticeChannel;
  /** The appeal options stated in the imported result notice. */
  appeal: string;
}

export interface JoinedColumns {
  columns: string[];
  separator: string;
}

export type ValueMap<Code extends string = string> = Record<string, Code>;
export type CaseStatus = 'open' | 'closed';
/** A closed case was decided with an outcome, or withdrawn by the complainant. */
export type ImportedOutcome = Outcome | 'withdrawn';

const IMPORTED_OUTCOMES: readonly ImportedOutcome[] = [...OUTCOMES, 'withdrawn'];
const STATUSES: readonly CaseStatus[] = ['open', 'closed'];

export class MappingError extends Error {
  override readonly name = 'MappingError';
  constructor(readonly problems: string[]) {
    super(`the mapping is not usable:\n  ${problems.join('\n  ')}`);
  }
}

/** Checks a parsed mapping file against the catalog the service runs with; lists every problem at once. */
export function parseMapping(json: unknown, catalog: Catalog): ImportMapping {
  const problems: string[] = [];
  const m = (json ?? {}) as Partial<ImportMapping>;
  const text = (value: unknown, field: string): void => {
    if (typeof value !== 'string' || value.trim() === '') problems.push(`${field}: must be a non-empty string`);
  };

  text(m.source, 'source');
  if (typeof m.source === 'string' && !/^[A-Za-z0-9_.-]+$/.test(m.source)) problems.push('source: letters, digits, ".", "_" and "-" only');
  text(m.timeZone, 'timeZone');
  if (typeof m.timeZone === 'string' && !IANAZone.isValidZone(m.timeZone)) problems.push(`timeZone: ${m.timeZone} is not an IANA time zone`);
  text(m.dateFormat, 'dateFormat');
  const columns = (m.columns ?? {}) as Partial<ImportMapping['columns']>;
  for (const key of ['caseId', 'receivedAt', 'category', 'channel'] as const) text(columns[key], `columns.${key}`);
  for (const key of ['closedAt', 'dueAt', 'department', 'status', 'resolution'] as const) {
    if (columns[key] !== undefined) text(columns[key], `columns.${key}`);
  }
  for (const key of ['description', 'address'] as const) {
    const joined = m[key];
    if (!joined || !Array.isArray(joined.columns) || joined.columns.length === 0) problems.push(`${key}.columns: must list at least one column`);
    else joined.columns.forEach((c, i) => text(c, `${key}.columns[${i}]`));
    if (typeof joined?.separator !== 'string') problems.push(`${key}.separator: must be a string`);
  }

  const values = (m.values ?? {}) as Partial<ImportMapping['values']>;
  codes(values.categories, 'values.categories', (code) => !!findCategory(catalog, code), "in the catalog's categories", problems, true);
  codes(values.channels, 'values.channels', (code) => (CHANNELS as readonly string[]).includes(code), `among the channels ${CHANNELS.join(', ')}`, problems, true);
  codes(values.departments, 'values.departments', (code) => !!findDepartment(catalog, code), "in the catalog's departments", problems, columns.department !== undefined);
  codes(values.statuses, 'values.statuses', (code) => (STATUSES as readonly string[]).includes(code), 'open or closed', problems, columns.status !== undefined);
  if (columns.status !== undefined && columns.closedAt === undefined) problems.push('columns.closedAt: required when columns.status is given');

  const outcome = m.outcome;
  if (!outcome || !IMPORTED_OUTCOMES.includes(outcome.default)) problems.push(`outcome.default: must be one of ${IMPORTED_OUTCOMES.join(', ')}`);
  if (!Array.isArray(outcome?.rules)) problems.push('outcome.rules: must be a list (it may be empty)');
  else
    outcome.rules.forEach((rule, i) => {
      if (!IMPORTED_OUTCOMES.includes(rule?.outcome)) problems.push(`outcome.rules[${i}].outcome: must be one of ${IMPORTED_OUTCOMES.join(', ')}`);
      try {
        new RegExp(rule?.pattern, 'i');
        text(rule?.pattern, `outcome.rules[${i}].pattern`);
      } catch (error) {
        problems.push(`outcome.rules[${i}].pattern: ${(error as Error).message}`);
      }
    });

  text(m.complainantName, 'complainantName');
  text(m.appeal, 'appeal');
  if (!(NOTICE_CHANNELS as readonly string[]).includes(m.noticeChannel as string)) problems.push(`noticeChannel: must be one of ${NOTICE_CHANNELS.join(', ')}`);
  // Only the address is imported, so the only notices the decider allows without consent or a phone.
  else if (m.noticeChannel !== 'post' && m.noticeChannel !== 'in-person') problems.push('noticeChannel: only post or in-person suit an imported address');

  if (problems.length > 0) throw new MappingError(problems);
  return m as ImportMapping;
}

/** Every column the mapping reads, for checking the file's header before the first row. */
export function columnsRead(mapping: ImportMapping): string[] {
  const named = Object.values(mapping.columns).filter((c): c is string => typeof c === 'string');
  return [...new Set([...named, ...mapping.description.columns, ...mapping.address.columns])];
}

function codes(
  map: Record<string, string> | undefined,
  field: string,
  known: (code: string) => boolean,
  expected: string,
  problems: string[],
  required: boolean,
): void {
  if (map === undefined) {
    if (required) problems.push(`${field}: required`);
    return;
  }
  if (typeof map !== 'object' || map === null || Array.isArray(map)) {
    problems.push(`${field}: must map source values to codes`);
    return;
  }
  const wrong = [...new Set(Object.values(map).filter((code) => typeof code !== 'string' || !known(code)))];
  if (wrong.length > 0) problems.push(`${field}: ${wrong.map((code) => JSON.stringify(code)).join(', ')} ${wrong.length > 1 ? 'are' : 'is'} not ${expected}`);
}
