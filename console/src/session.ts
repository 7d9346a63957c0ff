/** The signed-in user: the token and what it says about them (for display only: the server decides). */
export interface Session {
  token: string;
  /** The user's id (`sub`): what a case's `handler` names. */
  id: string;
  name: string;
  roles: string[];
  department?: string;
}

const KEY = 'complaint-console.token';

/** Reads the claims of a JWT without checking it: the server checks every request. */
export function sessionFromToken(token: string): Session | undefined {
  const payload = token.split('.')[1];
  if (!payload) return undefined;
  try {
    const json = new TextDecoder().decode(Uint8Array.from(atob(payload.replace(/-/g, '+').replace(/_/g, '/')), (c) => c.charCodeAt(0)));
    const claims = JSON.parse(json) as { sub?: unknown; name?: unknown; roles?: unknown; department?: unknown };
    const roles = Array.isArray(claims.roles) ? claims.roles.filter((r): r is string => typeof r === 'string') : [];
    const name = typeof claims.name === 'string' ? claims.name : typeof claims.sub === 'string' ? claims.sub : '?';
    const id = typeof claims.sub === 'string' ? claims.sub : '';
    return { token, id, name, roles, ...(typeof claims.department === 'string' ? { department: claims.department } : {}) };
  } catch {
    return undefined;
  }
}

/** Kept for the tab only (sessionStorage): closing it signs out. */
export function storedSession(): Session | undefined {
  const token = sessionStorage.getItem(KEY);
  return token ? sessionFromToken(token) : undefined;
}

export function storeSession(session: Session | undefined): void {
  if (session) sessionStorage.setItem(KEY, session.token);
  else sessionStorage.removeItem(KEY);
}

const STAFF_ROLES = ['intake', 'handler', 'department-head', 'complaints-office', 'admin'];

export const isStaff = (s: Session) => s.roles.some((r) => STAFF_ROLES.includes(r));
export const isAuditor = (s: Session) => s.roles.includes('auditor') || s.roles.includes('complaints-office');
export const isManager = (s: Session) => s.roles.includes('manager') || s.roles.includes('complaints-office');
export const mayReceive = (s: Session) => s.roles.includes('intake') || s.roles.includes('complaints-office');

/**
 * Whether the user names a case's handler now (domain/complaint/commands.ts, domain/access.ts): a received
 * case is assigned by intake or the complaints office; an assigned or investigated one reassigned by the
 * complaints office or the head of the department it is routed to; a decided or closed one by nobody.
 */
export const mayAssign = (s: Session, c: { state: string; department: string | null }) =>
  c.state === 'received'
    ? mayReceive(s)
    : (c.state === 'assigned' || c.state === 'investigated') &&
      (s.roles.includes('complaints-office') || (s.roles.includes('department-head') && c.department !== null && c.department === s.department));

/** Those who read the figures and checklists an evaluation rests on (src/evaluations: EVALUATION_READERS). */
export const mayReadEvaluations = (s: Session) => s.roles.some((r) => ['complaints-office', 'manager', 'auditor', 'admin'].includes(r));

const holdsAny = (s: Session, roles: readonly string[]) => s.roles.some((r) => roles.includes(r));

/** Those who read the quarterly dashboard (src/reports/quarterly.controller.ts: GET /reports/quarterly). */
export const mayReadQuarterly = (s: Session) => holdsAny(s, ['complaints-office', 'manager', 'auditor', 'admin', 'department-head']);
/** Those who verify the hash chain (src/audit/audit-tools.controller.ts: GET /audit/verify). */
export const mayVerifyChain = (s: Session) => holdsAny(s, ['auditor', 'complaints-office', 'admin']);
/** Those who read the ISO 10002 conformity and a case's checklist (src/reports/audit.controller.ts). */
export const mayReadConformity = (s: Session) => holdsAny(s, ['auditor', 'complaints-office', 'manager', 'admin']);
/** Those who read the access log (src/audit/audit-tools.controller.ts: GET /audit/access-log). */
export const mayReadAccessLog = (s: Session) => holdsAny(s, ['auditor', 'admin']);
/** Those who download the evidence export (src/audit/evidence.controller.ts: GET /audit/evidence). */
export const mayExportEvidence = (s: Session) => holdsAny(s, ['auditor', 'complaints-office']);
/** Those who read the repeat offenders and the yearly reports (src/reports/repeat-offenders.controller.ts, yearly.controller.ts). */
export const mayReadYearly = (s: Session) => holdsAny(s, ['complaints-office', 'manager', 'auditor', 'admin']);
/** Those with any of the audit page's tools. */
export const mayAudit = (s: Session) => mayVerifyChain(s) || mayReadConformity(s) || mayReadAccessLog(s) || mayExportEvidence(s);
