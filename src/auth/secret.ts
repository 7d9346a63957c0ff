import { join } from 'node:path';
import { DevSecretError, generatedSecretRefusal, loadConfig, readOrCreateDevSecret, settingsOf, type AppConfig } from '../config/index.js';
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
  constructor(
    /** The environment variable at fault: the failed start's log line names it (`setting`). */
    readonly variable: string,
    message: string,
  ) {
    super(message);
  }
}

/** Where the service keeps its store, which decides whether a secret may be generated ({@link generatedSecretRefusal}). */
type Placement = Pick<AppConfig, 'dataDir' | 'store'>;

export type ResolvedSecret =
  | { secret: string; source: 'env' }
  | { secret: string; source: 'dev-file'; file: string; created: boolean };

/**
 * Reads the authentication settings from the environment:
 * - `AUTH_JWKS_URL`: RS256/ES256 tokens verified with the keys published there;
 * - `AUTH_JWT_SECRET`: HS256 tokens signed with this shared secret;
 * - neither, in production or with a store on a server without `NODE_ENV=development`: refuses
 *   ({@link AuthConfigError}; the rule of {@link generatedSecretRefusal}, the master key's too);
 * - neither, elsewhere: HS256 with a development secret generated once in `DATA_DIR/auth-secret`;
 * - `AUTH_JWT_ISSUER` / `AUTH_JWT_AUDIENCE`: when set, required values of `iss` / `aud`;
 * - `AUTH_TOKEN_MAX_LIFETIME`: the longest `exp` - `iat` accepted (`12h`, `30m`, `3600`; default 12 hours).
 * Empty variables count as unset. `placement` is the service's store and DATA_DIR (by default, as
 * {@link loadConfig} reads them from `env`).
 */
export async function loadAuthConfig(variables: NodeJS.ProcessEnv, placement?: Placement): Promise<AuthConfig> {
  const env = settingsOf(variables);
  const { AUTH_JWT_ISSUER: issuer, AUTH_JWT_AUDIENCE: audience, AUTH_TOKEN_MAX_LIFETIME: maxLifetime } = env;
  const checks = {
    ...(issuer === undefined ? {} : { issuer }),
    ...(audience === undefined ? {} : { audience }),
    ...(maxLifetime === undefined ? {} : { maxTokenLifetimeSeconds: lifetimeSeconds(maxLifetime) }),
  };
  const jwksUrl = env.AUTH_JWKS_URL;
  if (jwksUrl !== undefined) {
    if (env.AUTH_JWT_SECRET !== undefined) {
      throw new AuthConfigError('AUTH_JWKS_URL', 'Both AUTH_JWT_SECRET and AUTH_JWKS_URL are set: set only one, tokens are verified one way.');
    }
    return { kind: 'jwks', jwksUrl: parseJwksUrl(jwksUrl), ...checks };
  }
  const resolved = await resolveSigningSecret(env, placement);
  const config: SharedSecretAuthConfig = { kind: 'shared-secret', secret: resolved.secret, secretSource: resolved.source, ...checks };
  if (resolved.source === 'dev-file') config.secretFile = resolved.file;
  return config;
}

/**
 * The HS256 secret: `AUTH_JWT_SECRET`, else, where {@link generatedSecretRefusal} allows it (the embedded
 * store outside production, or `NODE_ENV=development`), the development secret file.
 */
export async function resolveSigningSecret(variables: NodeJS.ProcessEnv, placement: Placement = loadConfig(variables)): Promise<ResolvedSecret> {
  const env = settingsOf(variables);
  const fromEnv = env.AUTH_JWT_SECRET;
  if (fromEnv !== undefined) {
    if (Buffer.byteLength(fromEnv, 'utf8') < MIN_SECRET_BYTES) {
      throw new AuthConfigError('AUTH_JWT_SECRET', `AUTH_JWT_SECRET is too short: it must be at least ${MIN_SECRET_BYTES} bytes.`);
    }
    return { secret: fromEnv, source: 'env' };
  }
  const file = devSecretPath(placement);
  const refusal = generatedSecretRefusal(env, placement.store);
  if (refusal && 'production' in refusal) throw new AuthConfigError('AUTH_JWT_SECRET', PRODUCTION_WITHOUT_KEYS_MESSAGE);
  if (refusal) {
    throw new AuthConfigError(
      'AUTH_JWT_SECRET',
      `AUTH_JWT_SECRET or AUTH_JWKS_URL is required with ${refusal.sharedStore}: a store on a server is where production runs, and without either ` +
        `this node would generate a signing secret into its own DATA_DIR and hand out a token of any role, without a password, at POST /dev/tokens ` +
        `(the complainants' personal data to anyone who asks; every node with a secret of its own, too). ` +
        `Set AUTH_JWT_SECRET (at least ${MIN_SECRET_BYTES} bytes, the same on every node: openssl rand -base64 48) to verify HS256 tokens, or AUTH_JWKS_URL to verify RS256/ES256 tokens. ` +
        `On a development machine running one node, NODE_ENV=development keeps a generated secret in ${file} instead`,
    );
  }
  try {
    const { secret, created } = await readOrCreateDevSecret(file, MIN_SECRET_BYTES);
    return { secret, source: 'dev-file', file, created };
  } catch (error) {
    if (error instanceof DevSecretError) throw new AuthConfigError('AUTH_JWT_SECRET', error.message);
    throw error;
  }
}

export function devSecretPath({ dataDir }: Pick<AppConfig, 'dataDir'>): string {
  return join(dataDir, DEV_SECRET_FILE_NAME);
}

const UNIT_SECONDS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86_400 };

function lifetimeSeconds(value: string): number {
  const match = /^(\d{1,7})\s*([smhd]?)$/.exec(value.trim());
  const seconds = match ? Number(match[1]) * UNIT_SECONDS[match[2] || 's']! : 0;
  if (seconds <= 0) throw new AuthConfigError('AUTH_TOKEN_MAX_LIFETIME', `AUTH_TOKEN_MAX_LIFETIME must be a positive duration such as 12h, 30m or 3600 (seconds), not "${value}".`);
  return seconds;
}

function parseJwksUrl(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new AuthConfigError('AUTH_JWKS_URL', 'AUTH_JWKS_URL is not a valid URL.');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new AuthConfigError('AUTH_JWKS_URL', 'AUTH_JWKS_URL must be an http(s) URL.');
  return url.href;
}
