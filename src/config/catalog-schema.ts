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
/** A survey's question: its code is a camelCase score key (`easeOfFiling`), checked with the list in config.ts. */
const question = { type: 'object', required: ['code', 'name'], additionalProperties: false, properties: { code: { type: 'string' }, name } };
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
          deadlineDays: { type: 'integer', minimum: 1, description: 'working days from receipt' },
          deadlineHours: { ...positive, description: 'working hours from receipt' },
          deadlineCalendarDays: { type: 'integer', minimum: 1, description: 'calendar days from receipt' },
          severityDeadlineDays: {
            type: 'object',
            additionalProperties: false,
            properties: Object.fromEntries(['low', 'medium', 'high', 'critical'].map((s) => [s, { type: 'integer', minimum: 1 }])),
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
        weekendDays: { type: 'array', items: { type: 'integer', minimum: 1, maximum: 7 } },
        publicHolidays: isoDates,
        extraNonWorkingDates: isoDates,
        extraWorkingDates: isoDates,
      },
    },
    findingReasons: { type: 'array', items: entry },
    compensationPolicy: { type: 'object', description: 'checked in config.ts (see domain/catalog.ts CompensationPolicy)' },
    satisfactionElements: { type: 'array', items: question, description: "the complainants' survey (QPSI); codes and `overall` checked in config.ts" },
    staffSurveyQuestions: { type: 'array', items: question, description: "the handling staff's survey; codes and `overall` checked in config.ts" },
    departmentEvaluation: { type: 'object', description: 'weights, pointsPerRepeatOffender, grades: checked in config.ts (see domain/catalog.ts DepartmentEvaluationPolicy)' },
  },
} as const;
