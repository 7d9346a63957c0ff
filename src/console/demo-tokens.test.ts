import { describe, expect, it } from '@jest/globals';
import { DEFAULT_CATALOG } from '../../domain/catalog.js';
import type { AuthConfig } from '../auth/index.js';
import { demoClaims, demoUsers, mayMintDemoTokens } from './demo-tokens.js';

const devSecret: AuthConfig = { kind: 'shared-secret', secret: 'x'.repeat(32), secretSource: 'dev-file', secretFile: '/tmp/s' };
const envSecret: AuthConfig = { kind: 'shared-secret', secret: 'x'.repeat(32), secretSource: 'env' };
const jwks: AuthConfig = { kind: 'jwks', jwksUrl: 'https://issuer.example/jwks' };

describe('demo tokens are minted only where nobody configured authentication', () => {
  it('given the development secret the app generated, outside production, demo tokens may be minted', () => {
    expect(mayMintDemoTokens(false, devSecret)).toBe(true);
  });

  it('given production, no demo token, whatever the secret', () => {
    expect(mayMintDemoTokens(true, devSecret)).toBe(false);
  });

  it('given a secret from AUTH_JWT_SECRET or a JWKS, no demo token: tokens come from the real issuer', () => {
    expect(mayMintDemoTokens(false, envSecret)).toBe(false);
    expect(mayMintDemoTokens(false, jwks)).toBe(false);
  });
});

describe('demo users', () => {
  it('offers one user per role, and per department for handlers and department heads', () => {
    const users = demoUsers(DEFAULT_CATALOG);
    const departments = DEFAULT_CATALOG.departments.length;
    expect(users.filter((u) => u.role === 'handler')).toHaveLength(departments);
    expect(users.filter((u) => u.role === 'department-head')).toHaveLength(departments);
    expect(users.filter((u) => u.role === 'auditor')).toEqual([{ role: 'auditor', name: 'Demo auditor' }]);
  });

  it('when a handler is asked for, the claims carry the department', () => {
    expect(demoClaims({ role: 'handler', department: 'inspection' }, DEFAULT_CATALOG)).toEqual({
      claims: { sub: 'demo-handler-inspection', name: 'Demo handler (inspection)', roles: ['handler'], department: 'inspection' },
    });
  });

  it('refuses an unknown role, a department-bound role without a department, an unknown department and extra fields, naming each field', () => {
    expect(demoClaims({ role: 'root' }, DEFAULT_CATALOG)).toEqual({ errors: [{ field: 'role', rule: expect.stringContaining('must be one of') }] });
    expect(demoClaims({ role: 'department-head' }, DEFAULT_CATALOG)).toEqual({ errors: [{ field: 'department', rule: 'is required for the role department-head' }] });
    expect(demoClaims({ role: 'handler', department: 'nowhere' }, DEFAULT_CATALOG)).toEqual({ errors: [{ field: 'department', rule: expect.stringContaining('must be one of') }] });
    expect(demoClaims({ role: 'auditor', sub: 'admin' }, DEFAULT_CATALOG)).toEqual({ errors: [{ field: 'sub', rule: 'is not a known field' }] });
    expect(demoClaims([], DEFAULT_CATALOG)).toEqual({ errors: [{ field: 'body', rule: 'must be a JSON object' }] });
  });
});
