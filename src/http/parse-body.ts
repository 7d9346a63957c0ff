import { plainToInstance, type ClassConstructor } from 'class-transformer';
import { validateSync, ValidateBy, type ValidationError } from 'class-validator';
import { SUBJECT_ID } from '../../domain/complaint/commands.js';
import { BadRequest, type FieldError } from './errors.js';
import { DAY_RULE, INSTANT_RULE, isDay, parseInstant } from './parameters.js';
import { isAcceptableText, TEXT_RULE } from './text.js';

const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
const MAX_DEPTH = 8;
const NULL_RULE = 'must not be null: give a value or leave the field out';

/**
 * Checks a JSON body against its class-validator class: unknown fields, wrong types, missing fields,
 * null, oversize text and text that breaks {@link TEXT_RULE} (at any depth) are refused with every
 * field and rule named. Returns plain data, never the class.
 */
export function parseBody<T extends object>(bodyClass: ClassConstructor<T>, body: unknown): T {
  if (body === undefined || body === null) body = {};
  if (typeof body !== 'object' || Array.isArray(body)) throw new BadRequest([{ field: 'body', rule: 'must be a JSON object' }]);
  const textErrors: FieldError[] = [];
  checkShape(body, '', 0, textErrors);
  // The validators see the body without the leaves refused already: some (isEmail) throw on unpaired
  // surrogates, and each field is named once, with the rule it broke first.
  const refused = new Set(textErrors.map((e) => e.field));
  const instance = plainToInstance(bodyClass, refused.size > 0 ? without(body, '', refused) : body);
  const errors = validateSync(instance, { whitelist: true, forbidNonWhitelisted: true, forbidUnknownValues: true });
  const all = [...textErrors, ...flatten(errors, '').filter((e) => !refused.has(e.field))];
  if (all.length > 0) throw new BadRequest(all);
  return JSON.parse(JSON.stringify(body)) as T;
}

/** A copy of `value` without the leaves at the `refused` paths (named as {@link checkShape} names them). */
function without(value: unknown, path: string, refused: ReadonlySet<string>): unknown {
  if (refused.has(path)) return undefined;
  if (typeof value !== 'object' || value === null) return value;
  const field = (key: string) => (Array.isArray(value) ? `${path}[${key}]` : path === '' ? key : `${path}.${key}`);
  if (Array.isArray(value)) return value.map((item, i) => without(item, field(String(i)), refused));
  return Object.fromEntries(Object.entries(value).flatMap(([key, item]) => (refused.has(field(key)) ? [] : [[key, without(item, field(key), refused)]])));
}

/** Field names and text of every leaf: what no class-validator rule says, for every body at once. */
function checkShape(value: unknown, path: string, depth: number, textErrors: FieldError[]): void {
  if (typeof value === 'string') {
    if (!isAcceptableText(value)) textErrors.push({ field: path, rule: TEXT_RULE });
    return;
  }
  // An optional field's validators let null through as if it were left out, but the domain takes it as given.
  if (value === null) {
    textErrors.push({ field: path, rule: NULL_RULE });
    return;
  }
  if (typeof value !== 'object') return;
  if (depth > MAX_DEPTH) throw new BadRequest([{ field: path, rule: `must not nest deeper than ${MAX_DEPTH} levels` }]);
  for (const key of Object.keys(value)) {
    const field = Array.isArray(value) ? `${path}[${key}]` : path === '' ? key : `${path}.${key}`;
    if (FORBIDDEN_KEYS.has(key)) throw new BadRequest([{ field, rule: 'is not an allowed field name' }]);
    if (!isAcceptableText(key)) throw new BadRequest([{ field: 'body', rule: `field names ${TEXT_RULE}` }]);
    checkShape((value as Record<string, unknown>)[key], field, depth + 1, textErrors);
  }
}

/** An instant as every parameter takes it (see {@link parseInstant}): ISO-8601 with an offset, in the years PostgreSQL is given. */
export function IsInstant(): PropertyDecorator {
  return ValidateBy({ name: 'isInstant', validator: { validate: (value) => typeof value === 'string' && parseInstant(value) !== undefined, defaultMessage: () => INSTANT_RULE } });
}

/** A date as every field takes one (see {@link isDay}): YYYY-MM-DD, a day that exists, in the years PostgreSQL is given. */
export function IsDay(): PropertyDecorator {
  return ValidateBy({ name: 'isDay', validator: { validate: (value) => typeof value === 'string' && isDay(value), defaultMessage: () => DAY_RULE } });
}

/** A subject's id as every body takes one ({@link SUBJECT_ID}): one spelling per subject. */
export function IsSubjectId(): PropertyDecorator {
  return ValidateBy({ name: 'isSubjectId', validator: { validate: (value) => typeof value === 'string' && SUBJECT_ID.test(value), defaultMessage: () => SUBJECT_ID.rule } });
}

/** Constraints that say what type a field has: when one fails, the others (length, emptiness) add nothing. */
const TYPE_RULES = new Set(['isString', 'isBoolean', 'isObject', 'isArray', 'isInt', 'isNumber', 'isIn', 'isIso8601', 'isEmail']);

function flatten(errors: ValidationError[], prefix: string): FieldError[] {
  return errors.flatMap((error) => {
    const field = prefix ? (/^\d+$/.test(error.property) ? `${prefix}[${error.property}]` : `${prefix}.${error.property}`) : error.property;
    const constraints = Object.entries(error.constraints ?? {});
    if (constraints.length > 0 && error.value === undefined && !('whitelistValidation' in (error.constraints ?? {}))) {
      return [{ field, rule: 'is required' }];
    }
    const typeFailures = constraints.filter(([name]) => TYPE_RULES.has(name));
    const own = (typeFailures.length > 0 ? typeFailures : constraints).map(([, message]) => ({ field, rule: ruleOf(message, error.property) }));
    return [...own, ...flatten(error.children ?? [], field)];
  });
}

/** class-validator says "name must be a string"; the field is named separately, so keep the rule. */
function ruleOf(message: string, property: string): string {
  if (message.startsWith('property ') && message.endsWith(' should not exist')) return 'is not a known field';
  return message.startsWith(`${property} `) ? message.slice(property.length + 1) : message;
}

/**
 * The body as `bodyClass`, for a command on an aggregate: when the body is invalid, `stateRefusal`
 * throws the 409 if the aggregate's state refuses the command anyway, since fixing the body would not help.
 */
export async function parseCommandBody<T extends object>(bodyClass: ClassConstructor<T>, body: unknown, stateRefusal: () => Promise<void>): Promise<T> {
  try {
    return parseBody(bodyClass, body);
  } catch (error) {
    if (error instanceof BadRequest) await stateRefusal();
    throw error;
  }
}
