import type { Catalog } from './types';

/** The catalog's lists whose codes the API writes in its answers. */
export type CatalogList = 'department' | 'category' | 'body' | 'findingReason' | 'trigger';

/** How a code reads: a label, or undefined where the code is not of that kind. */
export interface CodeLabels {
  catalog: (list: CatalogList, code: string) => string | undefined;
  /** `value.*`, `command.*` or `role.*` of the dictionaries. */
  known: (prefix: 'value' | 'command' | 'role', code: string) => string | undefined;
  date: (iso: string) => string;
}

/** A catalog list's names by code, in the language given by `name`. */
export function catalogLabels(catalog: Catalog | undefined, name: (n: { ko: string; en: string }, code: string) => string): CodeLabels['catalog'] {
  const lists: Record<CatalogList, { code: string; name: { ko: string; en: string } }[]> = {
    department: catalog?.departments ?? [],
    category: catalog?.categories ?? [],
    body: catalog?.routes.externalBodies ?? [],
    findingReason: catalog?.findingReasons ?? [],
    trigger: catalog?.compensationPolicy?.triggers ?? [],
  };
  return (list, code) => {
    const found = lists[list].find((item) => item.code === code);
    return found && name(found.name, code);
  };
}

/** Which catalog list a field of the API's answers names a code of (`findings.subjects[0].reason`: a finding reason). */
const CODED_FIELDS: Record<string, CatalogList> = {
  department: 'department',
  cooperatingDepartments: 'department',
  category: 'category',
  body: 'body',
  reason: 'findingReason',
  trigger: 'trigger',
};

/** The label of a string the API answered in field `path`, where it is a code of the catalog. */
export function fieldCode(labels: CodeLabels, path: string, value: string): string | undefined {
  const field = path.replace(/\[\d+\]|\.\d+(?=\.|$)/g, '').split('.').pop() ?? '';
  const list = CODED_FIELDS[field];
  return list && labels.catalog(list, value);
}

const CODE = '[a-z][a-z0-9]*(?:-[a-z0-9]+)*';
const INSTANT = /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?Z/g;

/**
 * A sentence the server wrote (a refusal, a checklist's evidence, a note it recorded) with the codes
 * in it as labels and its instants as the page's times. Only where the server's own words put a code
 * (`channel web`, `(inspection)`, `upheld: …`): the free text a person wrote beside them stays as written.
 */
export function labelledSentence(labels: CodeLabels, text: string): string {
  const value = (code: string) => labels.known('value', code);
  const either = (...lookups: (string | undefined)[]) => lookups.find((l) => l !== undefined);
  const rules: [RegExp, (code: string) => string | undefined][] = [
    // A refusal names the command first: "decide requires one of the roles: …", "reassign is for …".
    [new RegExp(`^(${CODE})(?= (?:is |requires |by the ))`, 'g'), (c) => labels.known('command', c)],
    [new RegExp(`(?<=roles: (?:${CODE}, )*)(${CODE})`, 'g'), (c) => labels.known('role', c)],
    [new RegExp(`(?<=\\()(${CODE})(?=\\))`, 'g'), (c) => either(labels.catalog('department', c), value(c))],
    [new RegExp(`(?<=\\b(?:within|case to) )(${CODE})`, 'g'), (c) => labels.catalog('department', c)],
    [new RegExp(`(?<=\\b(?:channel|by|severity|priority) )(${CODE})`, 'g'), (c) => either(value(c), labels.known('command', c))],
    [new RegExp(`(?<=\\bcategory )(${CODE})`, 'g'), (c) => labels.catalog('category', c)],
    [new RegExp(`(?<=\\bforwarded by )(${CODE})`, 'g'), (c) => labels.catalog('body', c)],
    // The checklist's evidence starts with an outcome or a closing reason: "upheld: …", "resolved; …" (not "appeal: …", a heading).
    [new RegExp(`^(${CODE})(?=:|;|$)`, 'g'), value],
  ];
  const labelled = rules.reduce((sentence, [pattern, label]) => sentence.replace(pattern, (code) => label(code) ?? code), text);
  return labelled.replace(INSTANT, (instant) => labels.date(instant));
}
