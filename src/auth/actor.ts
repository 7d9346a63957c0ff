import { ROLES, type Role } from '../../domain/access.js';

/** Roles and the actor are the domain's (domain/access.ts); a token may carry other roles, which are ignored. */
export { ROLES, type Actor, type Role } from '../../domain/access.js';

const KNOWN_ROLES: ReadonlySet<string> = new Set(ROLES);

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && KNOWN_ROLES.has(value);
}
