import { describe, expect, it } from '@jest/globals';
import { SignJWT } from 'jose';
import { type SharedSecretAuthConfig } from './auth-config.js';
import { TokenRejectedError, TokenVerifier } from './token-verifier.js';

const SECRET = 'unit-test-secret-of-at-least-32-bytes-xyz';
const config: SharedSecretAuthConfig = { kind: 'shared-secret', secret: SECRET, secretSource: 'env' };
const now = (): number => Math.floor(Date.now() / 1000);

interface TokenOptions {
  claims?: Record<string, unknown>;
  sub?: string | null;
  exp?: number | null;
  nbf?: number;
  iss?: string;
  aud?: string;
}

function token({ claims = { roles: ['handler'] }, sub = 'u-1', exp = now() + 300, nbf, iss, aud }: TokenOptions = {}): Promise<string> {
  const jwt = new SignJWT(claims).setProtectedHeader({ alg: 'HS256' }).setIssuedAt();
  if (sub !== null) jwt.setSubject(sub);
  if (exp !== null) jwt.setExpirationTime(exp);
  if (nbf !== undefined) jwt.setNotBefore(nbf);
  if (iss !== undefined) jwt.setIssuer(iss);
  if (aud !== undefined) jwt.setAudience(aud);
  return jwt.sign(new TextEncoder().encode(SECRET));
}

async function rejection(verifier: TokenVerifier, jwt: string): Promise<TokenRejectedError> {
  const error = await verifier.verify(jwt).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(TokenRejectedError);
  return error as TokenRejectedError;
}

describe('TokenVerifier', () => {
  const verifier = TokenVerifier.fromConfig(config);

  it('maps the claims to an actor: sub → id, name, known roles once, department', async () => {
    const actor = await verifier.verify(
      await token({ claims: { name: 'Grace', roles: ['manager', 'root', 'manager', 42, 'auditor'], department: 'water' } }),
    );
    expect(actor).toEqual({ id: 'u-1', name: 'Grace', roles: ['manager', 'auditor'], department: 'water' });
  });

  it('the name defaults to the subject, the department is optional', async () => {
    expect(await verifier.verify(await token())).toEqual({ id: 'u-1', name: 'u-1', roles: ['handler'] });
  });

  it('a token without a subject is refused', async () => {
    expect((await rejection(verifier, await token({ sub: null }))).reason).toBe('invalid-claims');
  });

  it('roles, name or department of the wrong type make the token invalid', async () => {
    for (const claims of [{ roles: 'auditor' }, { roles: ['handler'], name: 7 }, { roles: ['handler'], department: ['a'] }]) {
      expect((await rejection(verifier, await token({ claims }))).reason).toBe('invalid-claims');
    }
  });

  it('exp is required', async () => {
    expect((await rejection(verifier, await token({ exp: null }))).reason).toBe('invalid-claims');
  });

  it('tolerates 30 s of clock skew on exp, not more', async () => {
    await expect(verifier.verify(await token({ exp: now() - 10 }))).resolves.toMatchObject({ id: 'u-1' });
    expect((await rejection(verifier, await token({ exp: now() - 45 }))).reason).toBe('expired');
  });

  it('a token not yet valid (nbf) is refused, beyond the 30 s tolerance', async () => {
    await expect(verifier.verify(await token({ nbf: now() + 10 }))).resolves.toMatchObject({ id: 'u-1' });
    expect((await rejection(verifier, await token({ nbf: now() + 120 }))).reason).toBe('not-yet-valid');
  });

  it('malformed tokens are refused', async () => {
    for (const jwt of ['', 'abc', 'a.b.c', 'a.b', 'bm90IGpzb24.e30.c2ln']) {
      expect((await rejection(verifier, jwt)).reason).toBe('malformed');
    }
  });

  it('issuer and audience are checked only when configured', async () => {
    const strict = TokenVerifier.fromConfig({ ...config, issuer: 'https://idp.example', audience: 'complaints-api' });
    await expect(strict.verify(await token({ iss: 'https://idp.example', aud: 'complaints-api' }))).resolves.toMatchObject({ id: 'u-1' });
    for (const options of [{}, { iss: 'https://evil.example', aud: 'complaints-api' }, { iss: 'https://idp.example', aud: 'other-api' }]) {
      expect((await rejection(strict, await token(options))).reason).toBe('invalid-claims');
    }
    await expect(verifier.verify(await token({ iss: 'anyone', aud: 'anything' }))).resolves.toMatchObject({ id: 'u-1' });
  });

  it('rejection messages are fixed and never contain the token', async () => {
    const jwt = await token({ exp: now() - 3600 });
    const error = await rejection(verifier, jwt);
    expect(error.message).toBe('token expired');
    expect(error.message).not.toContain(jwt.split('.')[1]);
  });

  it('a token verified once is refused as soon as it expires, and a changed byte is checked afresh', async () => {
    const strict = TokenVerifier.fromConfig({ ...config, clockToleranceSeconds: 0 });
    const jwt = await token({ exp: now() + 2 });
    expect(await strict.verify(jwt)).toMatchObject({ id: 'u-1' });
    const [header, payload, signature] = jwt.split('.') as [string, string, string];
    const forged = `${header}.${payload}.${signature.slice(0, -2)}${signature.endsWith('AA') ? 'BB' : 'AA'}`;
    expect((await rejection(strict, forged)).reason).toBe('invalid-signature');
    await new Promise((resolve) => setTimeout(resolve, 2_100));
    expect((await rejection(strict, jwt)).reason).toBe('expired');
  });
});
