/**
 * The JSON Schema of a mapping file: mappings/mapping.schema.json is this object, written out for
 * editors (a test keeps the two the same). What a schema cannot say (codes in the catalog, regular
 * expressions that compile, IANA zones) is checked after it, in mapping.ts.
 */
import { CHANNELS, NOTICE_CHANNELS, OUTCOMES, SUBJECT_KINDS } from '../../domain/catalog.js';

const text = { type: 'string', minLength: 1 };
const condition = {
  type: 'object',
  description: 'the field is read only when this column has a value (or, with matches, a value the regular expression matches)',
  required: ['column'],
  additionalProperties: false,
  properties: { column: text, matches: text },
};
/** A column, or a column read only under a condition. */
const field = {
  oneOf: [text, { type: 'object', required: ['column'], additionalProperties: false, properties: { column: text, when: condition } }],
};
/** A date column, conditional, or derived from a date column and a number of days (fixed, or by another column's value). */
const dateField = {
  oneOf: [
    ...field.oneOf,
    {
      type: 'object',
      required: ['from', 'addDays'],
      additionalProperties: false,
      properties: {
        from: text,
        addDays: {
          oneOf: [
            { type: 'integer' },
            {
              type: 'object',
              required: ['column', 'values'],
              additionalProperties: false,
              properties: { column: text, values: { type: 'object', minProperties: 1, additionalProperties: { type: 'integer' } } },
            },
          ],
        },
        when: condition,
      },
    },
  ],
};
const valueMap = (codes?: readonly string[]) => ({
  type: 'object',
  description: 'source value → code; "*" any value not listed, "" an empty cell',
  minProperties: 1,
  additionalProperties: codes ? { enum: [...codes] } : text,
});
const joined = (extra: Record<string, unknown> = {}) => ({
  type: 'object',
  required: ['columns', 'separator'],
  additionalProperties: false,
  properties: { columns: { type: 'array', minItems: 1, items: text }, separator: { type: 'string' }, ...extra },
});
const IMPORTED_OUTCOMES = [...OUTCOMES, 'withdrawn'];

export const MAPPING_SCHEMA = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  $id: 'https://complaint-engine.example/mapping.schema.json',
  title: 'How the columns of a CSV export become complaints (see mappings/README.md)',
  type: 'object',
  required: ['source', 'timeZone', 'dateFormat', 'columns', 'description', 'address', 'values', 'outcome', 'complainantName', 'noticeChannel', 'appeal'],
  additionalProperties: false,
  properties: {
    $schema: { type: 'string' },
    source: { type: 'string', pattern: '^[A-Za-z0-9_.-]+$', description: 'prefix of the imported complaint ids' },
    timeZone: text,
    dateFormat: text,
    columns: {
      type: 'object',
      required: ['caseId', 'receivedAt', 'category', 'channel'],
      additionalProperties: false,
      properties: {
        caseId: text,
        receivedAt: text,
        category: text,
        channel: text,
        closedAt: dateField,
        dueAt: dateField,
        department: field,
        status: text,
        resolution: field,
        outcome: field,
        phone: { ...field, description: "the complainant's phone number (imported without consent to SMS or calls); a placeholder or empty cell is none" },
        email: { ...field, description: "the complainant's e-mail address (imported without consent to e-mail); a placeholder or empty cell is none" },
      },
    },
    placeholders: {
      type: 'array',
      items: text,
      description: 'what the source writes for no value (e.g. "n/a", "0000", "unknown", "-"): a phone, e-mail or address cell whose trimmed value is one of them (case-insensitive) counts as empty',
    },
    description: joined(),
    address: joined({
      whenEmpty: { ...text, description: 'the address written when the columns are all empty (a placeholder: it identifies nobody); without it such a row is rejected' },
      identifies: { type: 'boolean', description: 'false when the columns do not hold the complainant’s own address (a place, a state and ZIP code): they then never link two complainants' },
    }),
    values: {
      type: 'object',
      required: ['categories', 'channels'],
      additionalProperties: false,
      properties: {
        categories: valueMap(),
        channels: valueMap(CHANNELS),
        departments: valueMap(),
        statuses: valueMap(['open', 'closed']),
        outcomes: valueMap(IMPORTED_OUTCOMES),
      },
    },
    outcome: {
      type: 'object',
      required: ['default'],
      additionalProperties: false,
      properties: {
        default: { enum: IMPORTED_OUTCOMES },
        rules: {
          type: 'array',
          items: { type: 'object', required: ['pattern', 'outcome'], additionalProperties: false, properties: { pattern: text, outcome: { enum: IMPORTED_OUTCOMES } } },
        },
      },
    },
    subjects: {
      type: 'array',
      items: {
        type: 'object',
        required: ['column', 'kind', 'reason'],
        additionalProperties: false,
        properties: {
          column: text,
          kind: { enum: [...SUBJECT_KINDS] },
          reason: { ...text, description: 'the finding reason (a code of the catalog) of a substantiated subject' },
          substantiatedBy: { type: 'array', minItems: 1, items: { enum: [...OUTCOMES] }, description: 'outcomes that substantiate the subject (default: upheld, partly-upheld)' },
        },
      },
    },
    complainantName: { ...text, description: 'written as the name (the source has none); a placeholder: it identifies nobody' },
    noticeChannel: { enum: [...NOTICE_CHANNELS] },
    appeal: text,
  },
} as const;
