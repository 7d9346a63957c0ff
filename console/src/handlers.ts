import { useEffect, useState } from 'preact/hooks';
import { get } from './api';
import { useUi } from './context';

/**
 * The handlers a department's running cases are assigned to (`GET /complaints/handlers`), offered when
 * assigning: suggestions only (there is no staff directory), none while the department is unknown or
 * the list cannot be read.
 */
export function useDepartmentHandlers(department: string | undefined | null): { value: string; label: string }[] {
  const { t } = useUi();
  const [handlers, setHandlers] = useState<{ value: string; label: string }[]>([]);
  useEffect(() => {
    setHandlers([]);
    if (!department) return;
    let current = true;
    get<{ items: { handler: string; openCases: number }[] }>(`/complaints/handlers?department=${encodeURIComponent(department)}`)
      .then(({ items }) => current && setHandlers(items.map((h) => ({ value: h.handler, label: t('case.handlerHolds', { count: h.openCases }) }))))
      .catch(() => undefined);
    return () => {
      current = false;
    };
  }, [department]);
  return handlers;
}
