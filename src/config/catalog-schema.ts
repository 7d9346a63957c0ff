import { COMPENSATION_FORMS, EVALUATION_MEASURES, SEVERITIES } from '../../domain/catalog.js';
import { ROLES } from '../../domain/access.js';

/**
 * The JSON Schema of a catalog file (CATALOG_FILE): mappings/catalog.schema.json is this object, written
 * out for editors (a test keeps the two the same). References between entries (a category's default
 * department) are checked after it, in config.ts.
 */
const code = { type: 'string', pattern: '^[a-z0-9][a-z0-9-]*$', description: 'lower-case letters, digits and "-"' };
const name = {
  type: 'object',
  required: ['ko', 'en'],
  additionalProperties: false,
  properties: { ko: { type: 'string', minLength: 1 }, en: { type: 'string', minLength: 1 } },
};
const positive = { type: 'number', exclusiveMinimum: 0 };
const entry = { type: 'object', required: ['code', 'name'], additionalProperties: false, properties: { code, name } };
/** A survey's question: its code is a score key (`easeOfFiling`), so no dots; distinct codes and `overall` are checked in config.ts. */
const question = {
  type: 'object',
  required: ['code', 'name'],
  additionalProperties: false,
  properties: { code: { type: 'string', pattern: '^[A-Za-z][A-Za-z0-9-]*$', description: 'letters, digits and "-", from a letter' }, name },
};
const survey = (description: string) => ({ type: 'array', minItems: 2, items: question, description });
const isoDates = { type: 'array', items: { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$' } };
const clockTime = { type: 'string', pattern: '^(?:[01]\\d|2[0-3]):[0-5]\\d$|^24:00$' };
const timeRange = { type: 'object', required: ['start', 'end'], additionalProperties: false, properties: { start: clockTime, end: clockTime } };

export const CATALOG_SCHEMA = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  $id: 'https://complaint-engine.example/catalog.schema.json',
  title: 'Catalog of categories, departments and external bodies',
  type: 'object',
  required: ['categories', 'departments', 'externalBodies'],
  additionalProperties: false,
  properties: {
    $schema: { type: 'string' },
    departments: { type: 'array', minItems: 1, items: entry },
    categories: {
      type: 'array',
      minItems: 1,
      items: {
        type: 'object',
        description: 'at most one of deadlineDays, deadlineHours, deadlineCalendarDays (none: 3 working days)',
        required: ['code', 'name', 'defaultDepartment'],
        additionalProperties: false,
        properties: {
          code,
          name,
          defaultDepartment: code,
          deadlineDays: { type: 'integer', minimum: 1, description: 'working days from receipt, counted as the calendar counts them (wholeDaysFrom)' },
          deadlineHours: { ...positive, description: 'working hours from receipt' },
          deadlineCalendarDays: { type: 'integer', minimum: 1, description: 'calendar days from receipt' },
          severityDeadlineDays: {
            type: 'object',
            additionalProperties: false,
            properties: Object.fromEntries(SEVERITIES.map((s) => [s, { type: 'integer', minimum: 1 }])),
          },
          compliment: { type: 'boolean' },
        },
        // At most one deadline unit: a category with none has 3 working days.
        not: { anyOf: [{ required: ['deadlineDays', 'deadlineHours'] }, { required: ['deadlineDays', 'deadlineCalendarDays'] }, { required: ['deadlineHours', 'deadlineCalendarDays'] }] },
      },
    },
    externalBodies: { type: 'array', items: entry },
    generalDepartment: code,
    calendar: {
      type: 'object',
      additionalProperties: false,
      properties: {
        ready: { enum: ['korea', 'usa'] },
        timeZone: { type: 'string', minLength: 1 },
        workingHours: timeRange,
        breaks: { type: 'array', items: timeRange },
        hoursPerDay: positive,
        wholeDaysFrom: {
          type: ['integer', 'null'],
          minimum: 1,
          description: 'periods of this many working days or more are counted in whole working days, the day of receipt the first (korea: 6, the Civil Petitions Act decree art. 18); shorter ones in working hours; null: all in working hours (usa)',
        },
        weekendDays: { type: 'array', items: { type: 'integer', minimum: 1, maximum: 7 } },
        publicHolidays: isoDates,
        extraNonWorkingDates: isoDates,
        extraWorkingDates: isoDates,
      },
    },
    findingReasons: { type: 'array', items: entry },
    compensationPolicy: {
      type: 'object',
      required: ['triggers', 'exceptionApprovers'],
      additionalProperties: false,
      properties: {
        triggers: {
          type: 'array',
          items: {
            type: 'object',
            required: ['code', 'name', 'reasons', 'form', 'value', 'currency'],
            additionalProperties: false,
            properties: {
              code: { type: 'string', minLength: 1 },
              name,
              reasons: { type: 'array', items: { type: 'string', minLength: 1 }, description: 'finding reason codes' },
              form: { enum: [...COMPENSATION_FORMS] },
              value: positive,
              currency: { type: 'string', pattern: '^[A-Z]{3}$', description: 'ISO 4217' },
            },
          },
        },
        exceptionApprovers: { type: 'array', items: { enum: [...ROLES] } },
      },
    },
    satisfactionElements: survey("the complainants' survey (QPSI); distinct codes, `overall` among them"),
    staffSurveyQuestions: survey("the handling staff's survey; distinct codes, `overall` among them"),
    departmentEvaluation: {
      type: 'object',
      required: ['weights', 'pointsPerRepeatOffender', 'grades'],
      additionalProperties: false,
      properties: {
        weights: {
          type: 'object',
          description: 'not all 0',
          required: [...EVALUATION_MEASURES],
          additionalProperties: false,
          properties: Object.fromEntries(EVALUATION_MEASURES.map((m) => [m, { type: 'number', minimum: 0 }])),
        },
        pointsPerRepeatOffender: { type: 'number', minimum: 0 },
        grades: {
          type: 'array',
          minItems: 1,
          description: 'the highest band a score reaches; one from 0 or below, so every score has a grade',
          items: { type: 'object', required: ['grade', 'minScore'], additionalProperties: false, properties: { grade: { type: 'string', minLength: 1 }, minScore: { type: 'number' } } },
        },
      },
    },
  },
} as const;
