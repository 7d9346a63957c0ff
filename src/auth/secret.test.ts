import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AuthConfigError, loadAuthConfig, resolveSigningSecret } from './secret.js';

const LONG_SECRET = 'a-production-secret-of-at-least-32-bytes!';

describe('loadAuthConfig', () => {
  let dataDir: string;
  beforeEach(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'auth-secret-'));
  });
  afterEach(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it('development: generates a random secret once in DATA_DIR/auth-secret (mode 0600) and reuses it', async () => {
    const env = { NODE_ENV: 'development', DATA_DIR: join(dataDir, 'nested') };
    const first = await loadAuthConfig(env);
    const file = join(dataDir, 'nested', 'auth-secret');
    expect(first).toMatchObject({ kind: 'shared-secret', secretSource: 'dev-file', secretFile: file });
    if (first.kind !== 'shared-secret') throw new Error('unreachable');
    expect(Buffer.from(first.secret, 'base64url')).toHaveLength(32);
    expect((await readFile(file, 'utf8')).trim()).toBe(first.secret);
    expect((await stat(file)).mode & 0o777).toBe(0o600);

    const again = await loadAuthConfig(env);
    expect(again).toEqual(first);
    const elsewhere = await loadAuthConfig({ DATA_DIR: join(dataDir, 'other') });
    expect(elsewhere.kind === 'shared-secret' && elsewhere.secret).not.toBe(first.secret);
  });

  it('development: concurrent first starts end up with one and the same secret', async () => {
    const env = { DATA_DIR: dataDir };
    const results = await Promise.all(Array.from({ length: 8 }, () => resolveSigningSecret(env)));
    expect(new Set(results.map((r) => r.secret)).size).toBe(1);
    expect(results.filter((r) => r.source === 'dev-file' && r.created)).toHaveLength(1);
  });

  it('development: a damaged secret file is reported, not silently replaced', async () => {
    await writeFile(join(dataDir, 'auth-secret'), 'short\n');
    await expect(loadAuthConfig({ DATA_DIR: dataDir })).rejects.toThrow(/delete the file/);
  });

  it('production without AUTH_JWT_SECRET or AUTH_JWKS_URL refuses to start', async () => {
    const error = await loadAuthConfig({ NODE_ENV: 'production', DATA_DIR: dataDir, AUTH_JWT_SECRET: '' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthConfigError);
    expect((error as Error).message).toMatch(/refuses to start without AUTH_JWT_SECRET or AUTH_JWKS_URL/);
    await expect(stat(join(dataDir, 'auth-secret'))).rejects.toThrow(/ENOENT/);
  });

  it('AUTH_JWT_SECRET is used as is, and no file is written', async () => {
    const config = await loadAuthConfig({ NODE_ENV: 'production', DATA_DIR: dataDir, AUTH_JWT_SECRET: LONG_SECRET });
    expect(config).toEqual({ kind: 'shared-secret', secret: LONG_SECRET, secretSource: 'env' });
    await expect(stat(join(dataDir, 'auth-secret'))).rejects.toThrow(/ENOENT/);
  });

  it('an AUTH_JWT_SECRET shorter than 32 bytes is refused', async () => {
    await expect(loadAuthConfig({ AUTH_JWT_SECRET: 'secret' })).rejects.toThrow(/at least 32 bytes/);
  });

  it('AUTH_JWKS_URL selects JWKS verification; with AUTH_JWT_SECRET too it is ambiguous and refused', async () => {
    const env = { NODE_ENV: 'production', AUTH_JWKS_URL: 'https://idp.example/jwks' };
    expect(await loadAuthConfig(env)).toEqual({ kind: 'jwks', jwksUrl: 'https://idp.example/jwks' });
    await expect(loadAuthConfig({ ...env, AUTH_JWT_SECRET: LONG_SECRET })).rejects.toThrow(/only one/);
    await expect(loadAuthConfig({ AUTH_JWKS_URL: 'not a url' })).rejects.toThrow(AuthConfigError);
    await expect(loadAuthConfig({ AUTH_JWKS_URL: 'file:///etc/jwks.json' })).rejects.toThrow(AuthConfigError);
  });

  it('AUTH_JWT_ISSUER and AUTH_JWT_AUDIENCE are carried when set', async () => {
    const config = await loadAuthConfig({ AUTH_JWT_SECRET: LONG_SECRET, AUTH_JWT_ISSUER: 'https://idp.example', AUTH_JWT_AUDIENCE: 'complaints-api' });
    expect(config).toMatchObject({ issuer: 'https://idp.example', audience: 'complaints-api' });
    expect(await loadAuthConfig({ AUTH_JWT_SECRET: LONG_SECRET, AUTH_JWT_ISSUER: '' })).not.toHaveProperty('issuer');
  });
});
