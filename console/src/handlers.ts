import { useEffect, useState } from 'preact/hooks';
import { get } from './api';
import { useUi } from './context';
import type { Catalog } from './types';

/**
 * The handlers a department's running cases are assigned to (`GET /complaints/handlers`), offered when
 * assigning: suggestions only (there is no staff directory), none while the department is unknown or
 * the list cannot be read; and a hint when the department has none to offer, so an empty list is not
 * taken for a fault. Asked again when `asOf` changes (after an assignment: the counts moved).
 */
export function useDepartmentHandlers(department: string | undefined | null, asOf: unknown): { suggestions: { value: string; label: string }[]; hint?: string } {
  const { t } = useUi();
  const [handlers, setHandlers] = useState<{ handler: string; openCases: number }[] | undefined>();
  useEffect(() => {
    setHandlers(undefined);
    if (!department) return;
    let current = true;
    get<{ items: { handler: string; openCases: number }[] }>(`/complaints/handlers?department=${encodeURIComponent(department)}`)
      .then(({ items }) => current && setHandlers(items))
      .catch(() => undefined);
    return () => {
      current = false;
    };
  }, [department, asOf]);
  // Labelled at each render: a change of the page's language shows at once.
  return {
    suggestions: (handlers ?? []).map((h) => ({ value: h.handler, label: t('case.handlerHolds', { count: h.openCases }) })),
    ...(handlers?.length === 0 ? { hint: t('case.noHandlers') } : {}),
  };
}

/** Where a case is handled, or will be once assigned: its department, else its category's default one. */
export function departmentOf(c: { department?: string | null; category: string }, catalog: Catalog | undefined): string | undefined {
  return c.department ?? catalog?.categories.find((category) => category.code === c.category)?.defaultDepartment;
}
