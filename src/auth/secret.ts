import { join } from 'node:path';
import { DevSecretError, readOrCreateDevSecret } from '../config/index.js';
import type { AuthConfig, SharedSecretAuthConfig } from './auth-config.js';

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
 * - `AUTH_JWT_ISSUER` / `AUTH_JWT_AUDIENCE`: when set, required values of `iss` / `aud`;
 * - `AUTH_TOKEN_MAX_LIFETIME`: the longest `exp` - `iat` accepted (`12h`, `30m`, `3600`; default 12 hours).
 * Empty variables count as unset.
 */
export async function loadAuthConfig(env: NodeJS.ProcessEnv): Promise<AuthConfig> {
  const issuer = nonEmpty(env.AUTH_JWT_ISSUER);
  const audience = nonEmpty(env.AUTH_JWT_AUDIENCE);
  const maxLifetime = nonEmpty(env.AUTH_TOKEN_MAX_LIFETIME);
  const checks = {
    ...(issuer === undefined ? {} : { issuer }),
    ...(audience === undefined ? {} : { audience }),
    ...(maxLifetime === undefined ? {} : { maxTokenLifetimeSeconds: lifetimeSeconds(maxLifetime) }),
  };
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
  try {
    const { secret, created } = await readOrCreateDevSecret(file, MIN_SECRET_BYTES);
    return { secret, source: 'dev-file', file, created };
  } catch (error) {
    if (error instanceof DevSecretError) throw new AuthConfigError(error.message);
    throw error;
  }
}

export function devSecretPath(env: NodeJS.ProcessEnv): string {
  return join(env.DATA_DIR ?? './data', DEV_SECRET_FILE_NAME);
}

const UNIT_SECONDS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86_400 };

function lifetimeSeconds(value: string): number {
  const match = /^(\d{1,7})\s*([smhd]?)$/.exec(value.trim());
  const seconds = match ? Number(match[1]) * UNIT_SECONDS[match[2] || 's']! : 0;
  if (seconds <= 0) throw new AuthConfigError(`AUTH_TOKEN_MAX_LIFETIME must be a positive duration such as 12h, 30m or 3600 (seconds), not "${value}".`);
  return seconds;
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
