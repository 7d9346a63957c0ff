import type { OpenAPIObject } from '@nestjs/swagger';
import { DEPARTMENT_ROLES, ROLES, type Role } from '../../domain/access.js';
import type { Catalog, LocalisedName } from '../../domain/catalog.js';
import type { AuthConfig, SharedSecretAuthConfig, TokenClaims } from '../auth/index.js';
import type { FieldError } from '../http/index.js';

export interface DemoUser {
  role: Role;
  department?: string;
  /** For the picker, which is shown before anyone may read the catalog. */
  departmentName?: LocalisedName;
  name: string;
}

/**
 * Demo tokens are minted only where no one configured authentication: outside production, with the
 * development secret the app generated itself, which it does only for the embedded store or with
 * NODE_ENV=development said explicitly (generatedSecretRefusal: a store on a server without
 * AUTH_JWT_SECRET does not start). A secret from AUTH_JWT_SECRET (or a JWKS) means tokens come from a
 * real issuer, and a route handing out any role without a password would bypass it.
 */
/** The API document lists the demo-token routes only where they exist. */
export function documentDevRoutes(production: boolean, auth: AuthConfig): (document: OpenAPIObject) => void {
  return (document) => {
    if (mayMintDemoTokens(production, auth)) return;
    for (const path of Object.keys(document.paths)) if (path.startsWith('/dev/')) delete document.paths[path];
    document.tags = document.tags?.filter((tag) => tag.name !== 'development');
  };
}

export function mayMintDemoTokens(production: boolean, auth: AuthConfig): auth is SharedSecretAuthConfig {
  return !production && auth.kind === 'shared-secret' && auth.secretSource === 'dev-file';
}

/** One demo user per role, and per department for the department-bound roles. */
export function demoUsers(catalog: Catalog): DemoUser[] {
  return ROLES.flatMap((role) =>
    DEPARTMENT_ROLES.has(role)
      ? catalog.departments.map((d) => ({ role, department: d.code, departmentName: d.name, name: demoName(role, d.code) }))
      : [{ role, name: demoName(role) }],
  );
}

/** Checks `{role, department}` and gives the demo user's token claims, or the fields that are wrong. */
export function demoClaims(body: unknown, catalog: Catalog): { claims: TokenClaims } | { errors: FieldError[] } {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return { errors: [{ field: 'body', rule: 'must be a JSON object' }] };
  const { role, department, ...rest } = body as Record<string, unknown>;
  const errors: FieldError[] = Object.keys(rest).map((field) => ({ field, rule: 'is not a known field' }));
  if (typeof role !== 'string' || !(ROLES as readonly string[]).includes(role)) {
    errors.push({ field: 'role', rule: `must be one of ${ROLES.join(', ')}` });
  } else if (DEPARTMENT_ROLES.has(role as Role) && department === undefined) {
    errors.push({ field: 'department', rule: `is required for the role ${role}` });
  }
  if (department !== undefined && !catalog.departments.some((d) => d.code === department)) {
    errors.push({ field: 'department', rule: `must be one of ${catalog.departments.map((d) => d.code).join(', ')}` });
  }
  if (errors.length > 0) return { errors };
  const r = role as Role;
  const dept = department as string | undefined;
  return {
    claims: {
      sub: `demo-${r}${dept ? `-${dept}` : ''}`,
      name: demoName(r, dept),
      roles: [r],
      ...(dept === undefined ? {} : { department: dept }),
    },
  };
}

function demoName(role: Role, department?: string): string {
  return `Demo ${role}${department ? ` (${department})` : ''}`;
}
