import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { main } from '../../scripts/token.js';
import { loadAuthConfig } from './secret.js';
import { TokenVerifier } from './token-verifier.js';

async function run(argv: string[], env: NodeJS.ProcessEnv): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, env, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
  return { code, stdout, stderr };
}

describe('npm run token (scripts/token.ts)', () => {
  let dataDir: string;
  beforeEach(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'auth-token-'));
  });
  afterEach(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it('prints only a token, which the app verifies with the same (development) secret', async () => {
    const env = { DATA_DIR: dataDir };
    const result = await run(['--role', 'handler', '--role', 'auditor', '--sub', 'u-5', '--name', 'Kim', '--department', 'inspection'], env);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+\n$/);
    const verifier = TokenVerifier.fromConfig(await loadAuthConfig(env));
    expect(await verifier.verify(result.stdout.trim())).toEqual({ id: 'u-5', name: 'Kim', roles: ['handler', 'auditor'], department: 'inspection' });
  });

  it('signs with AUTH_JWT_SECRET and the configured issuer/audience, honouring --expires-in', async () => {
    const env = { AUTH_JWT_SECRET: 'env-secret-of-at-least-32-bytes-0123456', AUTH_JWT_ISSUER: 'dev', AUTH_JWT_AUDIENCE: 'api' };
    const result = await run(['--role', 'intake', '--sub', 'u-6', '--expires-in', '15m'], env);
    expect(result).toMatchObject({ code: 0, stderr: '' });
    const claims = JSON.parse(Buffer.from(result.stdout.split('.')[1] ?? '', 'base64url').toString()) as Record<string, number>;
    expect((claims.exp ?? 0) - (claims.iat ?? 0)).toBe(15 * 60);
    expect(claims).toMatchObject({ iss: 'dev', aud: 'api', sub: 'u-6', name: 'u-6' });
    await expect(TokenVerifier.fromConfig(await loadAuthConfig(env)).verify(result.stdout.trim())).resolves.toMatchObject({ id: 'u-6' });
  });

  it('signs by default within the longest lifetime the app accepts, and refuses a longer --expires-in (exit 2)', async () => {
    const env = { DATA_DIR: dataDir };
    const result = await run(['--role', 'auditor', '--sub', 'u-7'], env);
    const claims = JSON.parse(Buffer.from(result.stdout.split('.')[1] ?? '', 'base64url').toString()) as Record<string, number>;
    expect((claims.exp ?? 0) - (claims.iat ?? 0)).toBe(8 * 3600);
    const tooLong = await run(['--role', 'auditor', '--sub', 'u-7', '--expires-in', '13h'], env);
    expect(tooLong).toMatchObject({ code: 2, stdout: '', stderr: expect.stringContaining('at most the maximum token lifetime, 43200 seconds (AUTH_TOKEN_MAX_LIFETIME)') });
    expect((await run(['--role', 'auditor', '--sub', 'u-7', '--expires-in', '2h'], { ...env, AUTH_TOKEN_MAX_LIFETIME: '1h' })).code).toBe(2);
  });

  it('refuses an unknown role with a clear message and exit code 2', async () => {
    const result = await run(['--role', 'handler', '--role', 'superuser', '--sub', 'u-1'], { DATA_DIR: dataDir });
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('unknown role "superuser"; known roles: intake, handler, department-head');
  });

  it('refuses missing --sub or --role, unknown options and bad --expires-in with exit code 2', async () => {
    const env = { DATA_DIR: dataDir };
    for (const argv of [['--role', 'handler'], ['--sub', 'u-1'], ['--role', 'handler', '--sub', 'u-1', '--admin'], ['--role', 'handler', '--sub', 'u-1', '--expires-in', 'soon']]) {
      const result = await run(argv, env);
      expect(result.code).toBe(2);
      expect(result.stdout).toBe('');
    }
  });

  it('cannot sign when the app verifies with AUTH_JWKS_URL, nor in production without a secret (exit 1)', async () => {
    for (const env of [{ AUTH_JWKS_URL: 'https://idp.example/jwks' }, { NODE_ENV: 'production', DATA_DIR: dataDir }]) {
      const result = await run(['--role', 'handler', '--sub', 'u-1', '--department', 'inspection'], env);
      expect(result.code).toBe(1);
      expect(result.stdout).toBe('');
    }
  });

  it('a DATA_DIR that does not exist is a mistyped one: exit 1, nothing created, no secret invented (the operator tester got tokens no service accepts)', async () => {
    const typo = join(dataDir, 'typo');
    expect(await run(['--role', 'admin', '--sub', 'x'], { DATA_DIR: typo })).toMatchObject({ code: 1, stdout: '', stderr: expect.stringMatching(/^token: DATA_DIR \S+typo does not exist: give the service's DATA_DIR/) });
    expect(existsSync(typo)).toBe(false);
  });

  it('a handler or department head needs a department of the catalog (exit 2)', async () => {
    const env = { DATA_DIR: dataDir };
    expect(await run(['--role', 'handler', '--sub', 'h'], env)).toMatchObject({ code: 2, stdout: '', stderr: expect.stringMatching(/--department is required for the role handler: one of .*inspection/) });
    expect(await run(['--role', 'department-head', '--sub', 'h', '--department', 'roads'], env)).toMatchObject({ code: 2, stdout: '', stderr: expect.stringMatching(/--department must be one of the catalog's: /) });
  });
});

describe('npm run token (scripts/tool.mjs) on a checkout whose dist/ is current', () => {
  it('prints a token the app verifies, without building again (dist/ is not rewritten under a running service)', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'auth-token-'));
    try {
      const env = { ...process.env, DATA_DIR: dataDir };
      // The first call builds when the sources are newer than dist/ (as on a checkout just edited); the second must not.
      await promisify(execFile)(process.execPath, ['scripts/tool.mjs', 'token', '--role', 'intake', '--sub', 'u-7'], { env });
      const built = async () => (await stat('dist/scripts/token.js')).mtimeMs;
      const before = await built();
      const { stdout } = await promisify(execFile)(process.execPath, ['scripts/tool.mjs', 'token', '--role', 'intake', '--sub', 'u-7'], { env });
      expect(await built()).toBe(before);
      expect(stdout).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+\n$/);
      const verifier = TokenVerifier.fromConfig(await loadAuthConfig({ DATA_DIR: dataDir }));
      expect(await verifier.verify(stdout.trim())).toMatchObject({ id: 'u-7', roles: ['intake'] });
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  }, 120_000);
});
