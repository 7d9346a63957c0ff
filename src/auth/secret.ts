import { randomBytes } from 'node:crypto';
import { link, mkdir, readFile, unlink, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { type AuthConfig, type SharedSecretAuthConfig } from './auth-config.js';

export type { AuthConfig } from './auth-config.js';

/** HS256 needs a key at least as long as its hash (RFC 7518, section 3.2). */
export const MIN_SECRET_BYTES = 32;
export const DEV_SECRET_FILE_NAME = 'auth-secret';

export const PRODUCTION_WITHOUT_KEYS_MESSAGE =
  'The app refuses to start without AUTH_JWT_SECRET or AUTH_JWKS_URL in production (NODE_ENV=production): ' +
  `set AUTH_JWT_SECRET (at least ${MIN_SECRET_BYTES} bytes) to verify HS256 tokens, or AUTH_JWKS_URL to verify RS256/ES256 tokens.`;

/** The authentication settings are missing or wrong: the app must not start. */
export class AuthConfigError extends Error {
  override readonly name = 'AuthConfigError';
}

export type ResolvedSecret =
  | { secret: string; source: 'env' }
  | { secret: string; source: 'dev-file'; file: string; created: boolean };

/**
 * Reads the authentication settings from the environment:
 * - `AUTH_JWKS_URL`: RS256/ES256 tokens verified with the keys published there;
 * - `AUTH_JWT_SECRET`: HS256 tokens signed with this shared secret;
 * - neither, in production: refuses ({@link AuthConfigError});
 * - neither, elsewhere: HS256 with a development secret generated once in `${DATA_DIR ?? './data'}/auth-secret`;
 * - `AUTH_JWT_ISSUER` / `AUTH_JWT_AUDIENCE`: when set, required values of `iss` / `aud`.
 * Empty variables count as unset.
 */
export async function loadAuthConfig(env: NodeJS.ProcessEnv): Promise<AuthConfig> {
  const issuer = nonEmpty(env.AUTH_JWT_ISSUER);
  const audience = nonEmpty(env.AUTH_JWT_AUDIENCE);
  const checks = { ...(issuer === undefined ? {} : { issuer }), ...(audience === undefined ? {} : { audience }) };
  const jwksUrl = nonEmpty(env.AUTH_JWKS_URL);
  if (jwksUrl !== undefined) {
    if (nonEmpty(env.AUTH_JWT_SECRET) !== undefined) {
      throw new AuthConfigError('Both AUTH_JWT_SECRET and AUTH_JWKS_URL are set: set only one, tokens are verified one way.');
    }
    return { kind: 'jwks', jwksUrl: parseJwksUrl(jwksUrl), ...checks };
  }
  const resolved = await resolveSigningSecret(env);
  const config: SharedSecretAuthConfig = { kind: 'shared-secret', secret: resolved.secret, secretSource: resolved.source, ...checks };
  if (resolved.source === 'dev-file') config.secretFile = resolved.file;
  return config;
}

/** The HS256 secret: `AUTH_JWT_SECRET`, else (outside production) the development secret file. */
export async function resolveSigningSecret(env: NodeJS.ProcessEnv): Promise<ResolvedSecret> {
  const fromEnv = nonEmpty(env.AUTH_JWT_SECRET);
  if (fromEnv !== undefined) {
    if (Buffer.byteLength(fromEnv, 'utf8') < MIN_SECRET_BYTES) {
      throw new AuthConfigError(`AUTH_JWT_SECRET is too short: it must be at least ${MIN_SECRET_BYTES} bytes.`);
    }
    return { secret: fromEnv, source: 'env' };
  }
  if (env.NODE_ENV === 'production') throw new AuthConfigError(PRODUCTION_WITHOUT_KEYS_MESSAGE);
  const file = devSecretPath(env);
  const existing = await readDevSecret(file);
  if (existing !== undefined) return { secret: existing, source: 'dev-file', file, created: false };
  const created = await createDevSecret(file);
  return { secret: created.secret, source: 'dev-file', file, created: created.created };
}

export function devSecretPath(env: NodeJS.ProcessEnv): string {
  return join(env.DATA_DIR ?? './data', DEV_SECRET_FILE_NAME);
}

async function readDevSecret(file: string): Promise<string | undefined> {
  let content: string;
  try {
    content = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  const secret = content.trim();
  if (Buffer.byteLength(secret, 'utf8') < MIN_SECRET_BYTES) {
    throw new AuthConfigError(`The development secret in ${file} is shorter than ${MIN_SECRET_BYTES} bytes: delete the file to generate a new one.`);
  }
  return secret;
}

/**
 * Writes the secret to a private temporary file, then links it in place: the link fails if another process
 * created the file first (its secret wins), and no reader ever sees a partly written file.
 */
async function createDevSecret(file: string): Promise<{ secret: string; created: boolean }> {
  await mkdir(dirname(file), { recursive: true, mode: 0o700 });
  const secret = randomBytes(32).toString('base64url');
  const temporary = `${file}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
  await writeFile(temporary, `${secret}\n`, { mode: 0o600, flag: 'wx' });
  try {
    await link(temporary, file);
    return { secret, created: true };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    const existing = await readDevSecret(file);
    if (existing === undefined) throw error;
    return { secret: existing, created: false };
  } finally {
    await unlink(temporary).catch(() => undefined);
  }
}

function parseJwksUrl(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new AuthConfigError('AUTH_JWKS_URL is not a valid URL.');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new AuthConfigError('AUTH_JWKS_URL must be an http(s) URL.');
  return url.href;
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value;
}
