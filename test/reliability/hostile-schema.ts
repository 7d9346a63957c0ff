/**
 * Hostile requests generated from the OpenAPI document the service serves: for each route, a valid
 * body built from its schema, then one node of it (at any depth) replaced with a hostile value; and
 * each documented query parameter given a hostile value, the required ones valid.
 */
import fc from 'fast-check';

type Schema = {
  $ref?: string;
  type?: string;
  format?: string;
  enum?: unknown[];
  oneOf?: Schema[];
  anyOf?: Schema[];
  properties?: Record<string, Schema>;
  items?: Schema;
  minimum?: number;
  maximum?: number;
  pattern?: string;
  example?: unknown;
};
interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header';
  required?: boolean;
  schema?: Schema;
  example?: unknown;
}
export interface OpenApi {
  paths: Record<string, Record<string, { parameters?: Parameter[]; requestBody?: { content: Record<string, { schema: Schema }> } }>>;
  components: { schemas: Record<string, Schema> };
}

/** One thing to make hostile: a node of a route's body (its path in the body) or one of its query parameters. */
export type Target =
  | { kind: 'body'; method: string; path: string; base: Record<string, unknown>; at: (string | number)[]; schema: Schema }
  | { kind: 'query'; method: string; path: string; parameter: string; required: Record<string, string> };

export interface Route {
  method: string;
  path: string;
  /** The body's schema, and a valid body built from it (see {@link settle}). */
  body?: { schema: Schema; base: Record<string, unknown> };
  query: Parameter[];
}

/** Texts the schema cannot tell (codes of the catalog, a phone number); every other value comes from the schema. */
const DOMAIN_VALUES: Record<string, unknown> = { category: 'defective-facility', department: 'inspection', currency: 'KRW', phone: '010-1234-5678', reference: '2026-000001', complaint: '2026-000001', code: '123456' };

/** A calendar date `YYYY-MM-DD` as the bodies' `@Matches` give its pattern (due dates of actions and requests). */
const DATE_PATTERN = '^\\d{4}-\\d{2}-\\d{2}$';

const resolve = (doc: OpenApi, schema: Schema): Schema => (schema.$ref ? doc.components.schemas[schema.$ref.split('/').pop()!]! : schema);

/** A value the schema accepts, with every optional property filled in (so that each is a target). */
export function validOf(doc: OpenApi, raw: Schema, name = ''): unknown {
  const schema = resolve(doc, raw);
  // By name and only for text: `consent.phone` is a boolean where `complainant.phone` is a number to call.
  if (name in DOMAIN_VALUES && schema.type === 'string') return DOMAIN_VALUES[name];
  if (schema.enum) return schema.enum[0];
  const choice = schema.oneOf ?? schema.anyOf;
  if (choice) return validOf(doc, choice.find((s) => s.format === 'date-time') ?? choice[0]!, name);
  if (schema.properties) return Object.fromEntries(Object.entries(schema.properties).map(([key, s]) => [key, validOf(doc, s, key)]));
  switch (schema.type) {
    case 'array':
      return [validOf(doc, schema.items!)];
    case 'boolean':
      // false: no consent, so that an optional phone or e-mail made null breaks no rule of another field.
      return false;
    case 'integer':
    case 'number':
      return schema.minimum ?? 1;
    default:
      if (schema.format === 'date-time') return '2026-03-02T10:00:00+09:00';
      if (schema.format === 'email') return 'minsu@example.kr';
      if (schema.pattern === DATE_PATTERN) return '2026-03-02';
      return `valid ${name}`;
  }
}

/** Every node below the root: its path and schema. */
function nodesOf(doc: OpenApi, raw: Schema, value: unknown, at: (string | number)[] = []): { at: (string | number)[]; schema: Schema }[] {
  const schema = resolve(doc, raw);
  const here = at.length > 0 ? [{ at, schema }] : [];
  if (Array.isArray(value)) return [...here, ...value.flatMap((item, i) => nodesOf(doc, schema.items!, item, [...at, i]))];
  if (typeof value === 'object' && value !== null && schema.properties) {
    return [...here, ...Object.entries(value).flatMap(([key, v]) => nodesOf(doc, schema.properties![key]!, v, [...at, key]))];
  }
  return here;
}

/** The routes of the document, each with a body built from its schema (every optional property filled in). */
export function routesOf(doc: OpenApi): Route[] {
  return Object.entries(doc.paths).flatMap(([path, item]) =>
    Object.entries(item).map(([method, operation]) => {
      const schema = operation.requestBody?.content['application/json']?.schema;
      const query = (operation.parameters ?? []).filter((p) => p.in === 'query');
      return { method: method.toUpperCase(), path, query, ...(schema ? { body: { schema, base: validOf(doc, schema) as Record<string, unknown> } } : {}) };
    }),
  );
}

/**
 * A schema cannot say that two optional fields exclude each other (an assessment or an exclusion), nor
 * which ids exist: while the API refuses the body, drop the optional property an error names, else the
 * last one. Throws when none is left to drop.
 */
export async function settle(doc: OpenApi, route: Route, refused: (body: Record<string, unknown>) => Promise<string[] | undefined>): Promise<void> {
  if (!route.body) return;
  const required = new Set((resolve(doc, route.body.schema) as { required?: string[] }).required ?? []);
  for (;;) {
    const errors = await refused(route.body.base);
    if (errors === undefined) return;
    const optional = Object.keys(route.body.base).filter((key) => !required.has(key));
    if (optional.length === 0) throw new Error(`${route.method} ${route.path}: the body built from its schema is refused: ${errors.join('; ')}`);
    const named = optional.find((key) => errors.some((error) => error.startsWith(key)));
    const { [named ?? optional[optional.length - 1]!]: _dropped, ...rest } = route.body.base;
    route.body.base = rest;
  }
}

/** Every node of every route's body and every query parameter (the required ones given valid values). */
export function targetsOf(doc: OpenApi, routes: Route[]): Target[] {
  return routes.flatMap(({ method, path, body, query }): Target[] => {
    const required = Object.fromEntries(query.filter((p) => p.required).map((p) => [p.name, String(p.example ?? p.schema?.example ?? validOf(doc, p.schema ?? {}, p.name))]));
    return [
      ...(body ? nodesOf(doc, body.schema, body.base).map((node): Target => ({ kind: 'body', method, path, base: body.base, ...node })) : []),
      ...query.map((p): Target => ({ kind: 'query', method, path, parameter: p.name, required })),
    ];
  });
}

/** The base body with the node at `at` replaced. */
export function replaced(base: unknown, at: (string | number)[], value: unknown): unknown {
  if (at.length === 0) return value;
  const [head, ...rest] = at;
  if (Array.isArray(base)) return base.map((item, i) => (i === head ? replaced(item, rest, value) : item));
  return { ...(base as Record<string, unknown>), [head!]: replaced((base as Record<string, unknown>)[head!], rest, value) };
}

/** The field name the API gives a body path: `subjects[0].id`. */
export const fieldOf = (at: (string | number)[]) => at.map((part, i) => (typeof part === 'number' ? `[${part}]` : i === 0 ? part : `.${part}`)).join('');

const cursorOf = (key: unknown) => Buffer.from(JSON.stringify(key)).toString('base64url');

const fixed = (...examples: unknown[]) => ({ examples, arbitrary: fc.constantFrom(...examples) });
const drawn = (arbitrary: fc.Arbitrary<unknown>, ...examples: unknown[]) => ({ examples, arbitrary: fc.oneof(fc.constantFrom(...examples), arbitrary) });

/**
 * The classes of hostile values: each with examples (every one sent to every query parameter, and
 * to every body node in the long run) and an arbitrary for random draws.
 */
export const HOSTILE_CLASSES = {
  nul: drawn(fc.tuple(fc.string({ maxLength: 10 }), fc.string({ maxLength: 10 })).map(([a, b]) => `${a}\u0000${b}`), 'a\u0000b', '\u0000'),
  'control characters': drawn(
    fc.tuple(fc.string({ maxLength: 10 }), fc.constantFrom('\u0001', '\u0007', '\u0008', '\u000b', '\u001b[31m', '\u007f', '\u0085', '\u009b')).map(([a, c]) => `${a}${c}x`),
    'x\u001b[31my', '\u0007', 'a\u009bb',
  ),
  'lone surrogates': drawn(fc.tuple(fc.string({ maxLength: 10 }), fc.constantFrom('\ud800', '\udbff', '\udc00', '\udfff', '\udc00\ud800')).map(([a, s]) => `${a}${s}b`), 'a\udc00b', '\ud800'),
  'binary strings': drawn(fc.string({ unit: 'binary', minLength: 1, maxLength: 40 }), '\u0000\u0001\u001f'),
  'impossible or out-of-range dates and periods': fixed(
    '2020-02-30T00:00:00Z', '2026-13-01T00:00:00Z', '2026-06-31T10:00:00+09:00', '0000-01-01T00:00:00Z', '0001-01-01T00:00:00Z',
    '1969-12-31T23:59:59Z', '9999-12-31T23:59:59-09:00', '+275760-09-13T00:00:00Z', '-000001-01-01T00:00:00Z', '2026-03-02T25:61:00Z', '2026-03-02',
    '0000-Q1', '9999-Q4', '2026-Q5', '0000', '9999', '10000',
  ),
  'huge or odd numbers': fixed(1e308, -1e308, Number.MAX_SAFE_INTEGER + 2, -Number.MAX_SAFE_INTEGER, 300000, 2 ** 31, 2 ** 63, -1, 0, 0.5, -0.000001, '9999999999999999999', '1e309', 'NaN', 'Infinity', '-0'),
  'overlong strings': fixed('x'.repeat(201), 'x'.repeat(2_001), 'x'.repeat(10_001), '한'.repeat(5_001), '🙂'.repeat(2_001)),
  'wrong types': fixed(null, true, false, 0, '', [], {}, [[]], { a: 1 }, ['x'], '[object Object]'),
  'injection and odd unicode': fixed(
    "'; DROP TABLE events; --", '" OR 1=1 --', '<script>alert(1)</script>', '{{constructor.constructor("return process")()}}', '../../etc/passwd', '%00', '%s%n%x',
    '\u202Eevil', 'Ｆｕｌｌｗｉｄｔｈ', '\u200b', '\ufeff', '\uffff', '=HYPERLINK("http://x")',
  ),
  'forged cursors': fixed(...[['2020-02-30', 'x'], ['0', 'x'], ['2020-02-30', 'x', 1], [Infinity, 'x'], [null, null, null], {}, ['9999-12-31T23:59:59-09:00', 'x', 1], ['2026-01-01T00:00:00Z', '\u0000', 1]].map(cursorOf)),
} as const satisfies Record<string, { examples: unknown[]; arbitrary: fc.Arbitrary<unknown> }>;

export type HostileClass = keyof typeof HOSTILE_CLASSES;
export const CLASS_NAMES = Object.keys(HOSTILE_CLASSES) as HostileClass[];

/** A query string value as a client may send it: numbers as text, unpaired surrogates as the bytes a careless encoder writes. */
export function queryValue(value: unknown): string {
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  let out = '';
  for (const char of text) {
    const unit = char.charCodeAt(0);
    out += char.isWellFormed() ? encodeURIComponent(char) : `%ED%${(0x80 | ((unit >> 6) & 0x3f)).toString(16)}%${(0x80 | (unit & 0x3f)).toString(16)}`;
  }
  return out;
}
