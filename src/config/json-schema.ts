import { Ajv, type ErrorObject, type SchemaObject, type ValidateFunction } from 'ajv';

/** JSON Schema (draft-07) checks of the operator's files: every problem at once, each naming the path and the rule. */
const ajv = new Ajv({ allErrors: true, strict: true, strictRequired: false, allowUnionTypes: true, verbose: true });
const compiled = new WeakMap<SchemaObject, ValidateFunction>();

/** What is wrong with `json` by `schema`, as `<file>: <JSON path>: <rule>` lines; empty when it conforms. */
export function schemaProblems(schema: SchemaObject, json: unknown, file: string): string[] {
  let validate = compiled.get(schema);
  if (!validate) compiled.set(schema, (validate = ajv.compile(schema)));
  if (validate(json)) return [];
  return (validate.errors ?? []).filter(relevant).map((error) => `${file}: ${pathOf(error)}: ${ruleOf(error)}`);
}

/** The JSON path of the failing value, as `$.values.categories["Noise"]`. */
function pathOf(error: ErrorObject): string {
  const parts = error.instancePath.split('/').slice(1).map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'));
  if (error.keyword === 'required') parts.push(String(error.params.missingProperty));
  if (error.keyword === 'additionalProperties') parts.push(String(error.params.additionalProperty));
  return `$${parts.map((p) => (/^\d+$/.test(p) ? `[${p}]` : /^[A-Za-z_$][\w$]*$/.test(p) ? `.${p}` : `[${JSON.stringify(p)}]`)).join('')}`;
}

function ruleOf(error: ErrorObject): string {
  switch (error.keyword) {
    case 'required':
      return 'required';
    case 'additionalProperties':
      return 'not a field of this object (a typo?)';
    case 'enum':
      return `must be one of ${(error.params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`;
    case 'not':
      // The schema says in its description what a `not` forbids.
      return String((error.parentSchema as { description?: string } | undefined)?.description ?? 'must not match');
    default:
      return `${error.keyword}: ${error.message ?? 'invalid'}`;
  }
}

/** A oneOf/anyOf failure repeats each branch's errors: those name the problem, the summary line does not. */
const relevant = (error: ErrorObject): boolean => error.keyword !== 'oneOf' && error.keyword !== 'anyOf' && error.keyword !== 'if';

/**
 * A JSON file's text as people save it: read with the byte order mark Windows Notepad's "UTF-8 with BOM"
 * starts it with. A syntax error says the line and column, which an editor shows, not only the character
 * position Node 20's parser gives.
 */
export function parseJsonText(text: string): unknown {
  const json = text.replace(/^\uFEFF/, '');
  try {
    return JSON.parse(json);
  } catch (error) {
    const position = /at position (\d+)/.exec((error as Error).message);
    if (!position || /\(line \d+ column \d+\)/.test((error as Error).message)) throw error;
    const before = json.slice(0, Number(position[1])).split('\n');
    throw new SyntaxError(`${(error as Error).message} (line ${before.length} column ${before.at(-1)!.length + 1})`, { cause: error });
  }
}
