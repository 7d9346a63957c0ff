import type { Catalog } from '../../domain/catalog.js';
import type { UnknownValue } from './case-history.js';
import { codeOf, SOURCE_VALUE } from './mapping.js';

export interface CatalogProposal {
  /** The catalog with an entry for each unknown category and department, to review (names, deadlines) and adopt as CATALOG_FILE. */
  catalog: Catalog;
  /** The value-map lines the mapping needs for them, unless it keeps source values with `"*": "(source value)"`. */
  values: { categories: Record<string, string>; departments: Record<string, string> };
}

/**
 * Catalog entries for the unknown categories and departments a check found, coded as
 * `(source value)` codes them: a category goes to the catalog's general department (else its first)
 * with the default deadline (3 working days); both are named by the source value in both languages.
 */
export function proposeCatalog(catalog: Catalog, unknown: readonly UnknownValue[]): CatalogProposal {
  const values: CatalogProposal['values'] = { categories: {}, departments: {} };
  const departments = [...catalog.departments];
  const categories = [...catalog.categories];
  for (const { map, value } of unknown) {
    if (map !== 'categories' && map !== 'departments') continue;
    const code = codeOf(value);
    values[map][value] = code;
    const name = { ko: value, en: value };
    if (map === 'departments' && !departments.some((d) => d.code === code)) departments.push({ code, name });
    if (map === 'categories' && !categories.some((c) => c.code === code)) {
      categories.push({ code, name, defaultDepartment: catalog.generalDepartment ?? catalog.departments[0]!.code });
    }
  }
  return { catalog: { ...catalog, departments, categories }, values };
}

/**
 * For `--check --propose-catalog` with a mapping whose value maps name codes the catalog lacks: the
 * catalog with an entry for each (named by the code; a category in the general department), so that
 * the check runs as if they were there and the proposal keeps them; and the codes added.
 */
export function withMappingCodes(catalog: Catalog, mapping: unknown): { catalog: Catalog; added: string[] } {
  const values = (mapping as { values?: Partial<Record<'categories' | 'departments', unknown>> } | undefined)?.values ?? {};
  const known = { categories: new Set(catalog.categories.map((c) => c.code)), departments: new Set(catalog.departments.map((d) => d.code)) };
  // As unknown values whose code is the code itself (a catalog's codes are what `codeOf` makes).
  const lacking = (['departments', 'categories'] as const).flatMap((map) =>
    codesIn(values[map])
      .filter((code) => !known[map].has(code))
      .map((code): UnknownValue => ({ map, column: '', value: code })),
  );
  return { catalog: proposeCatalog(catalog, lacking).catalog, added: lacking.map((u) => u.value) };
}

/** The codes a value map gives, once each; `(source value)` is none. */
function codesIn(map: unknown): string[] {
  return typeof map === 'object' && map !== null ? [...new Set(Object.values(map).filter((code): code is string => typeof code === 'string' && code !== '' && code !== SOURCE_VALUE))] : [];
}
