import { useEffect, useState } from 'preact/hooks';

/** Pages live in the URL's fragment (`#/cases/ID`), so the server serves one page at `/`. */
export type Route =
  | { page: 'home' }
  | { page: 'inbox' }
  | { page: 'new' }
  | { page: 'case'; id: string }
  | { page: 'history'; id: string }
  | { page: 'audit' }
  /** The access log, for one case where an id or reference follows. */
  | { page: 'access-log'; complaintId?: string }
  | { page: 'dashboard' }
  | { page: 'repeat' }
  | { page: 'yearly' }
  | { page: 'cases' }
  | { page: 'improvements' }
  | { page: 'improvement'; id: string }
  | { page: 'file-improvement'; complaintId: string }
  | { page: 'evaluations' }
  | { page: 'evaluation'; quarter: string }
  /** The complaint portal (no sign-in): the filing form, or a case by its follow-up link's token. */
  | { page: 'portal'; token?: string };

export function parseRoute(hash: string): Route {
  const parts = hash.replace(/^#\/?/, '').split('?')[0]!.split('/').filter(Boolean).map(decodeURIComponent);
  const [first, second, third] = parts;
  if (first === 'portal') return second === 'case' && third ? { page: 'portal', token: third } : { page: 'portal' };
  if (first === 'cases' && second && third === 'history') return { page: 'history', id: second };
  if (first === 'cases' && second && third === 'improve') return { page: 'file-improvement', complaintId: second };
  if (first === 'improvements' && second) return { page: 'improvement', id: second };
  if (first === 'evaluations' && second) return { page: 'evaluation', quarter: second };
  if (first === 'cases' && second) return { page: 'case', id: second };
  if (first === 'access-log') return second ? { page: 'access-log', complaintId: second } : { page: 'access-log' };
  switch (first) {
    case 'inbox':
    case 'new':
    case 'audit':
    case 'dashboard':
    case 'repeat':
    case 'yearly':
    case 'cases':
    case 'improvements':
    case 'evaluations':
      return { page: first };
    default:
      return { page: 'home' };
  }
}

export const href = {
  inbox: () => '#/inbox',
  new: () => '#/new',
  case: (id: string) => `#/cases/${encodeURIComponent(id)}`,
  history: (id: string) => `#/cases/${encodeURIComponent(id)}/history`,
  audit: () => '#/audit',
  accessLog: (complaintId?: string) => (complaintId ? `#/access-log/${encodeURIComponent(complaintId)}` : '#/access-log'),
  dashboard: () => '#/dashboard',
  repeat: () => '#/repeat',
  yearly: () => '#/yearly',
  cases: () => '#/cases',
  improvements: () => '#/improvements',
  improvement: (id: string) => `#/improvements/${encodeURIComponent(id)}`,
  fileImprovement: (complaintId: string) => `#/cases/${encodeURIComponent(complaintId)}/improve`,
  evaluations: () => '#/evaluations',
  evaluation: (quarter: string) => `#/evaluations/${encodeURIComponent(quarter)}`,
};

export function navigate(to: string): void {
  window.location.hash = to;
}

export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(window.location.hash));
  useEffect(() => {
    const changed = () => setRoute(parseRoute(window.location.hash));
    window.addEventListener('hashchange', changed);
    return () => window.removeEventListener('hashchange', changed);
  }, []);
  return route;
}
