/** Injection token of the {@link AuthConfig} inside the Nest container. */
export const AUTH_CONFIG = Symbol('AUTH_CONFIG');

/** Default leeway on `exp`, `nbf` and `iat`, for clock skew between the token issuer and this server. */
export const DEFAULT_CLOCK_TOLERANCE_SECONDS = 30;

/** Default longest lifetime (`exp` - `iat`) of an accepted token: a stolen token is good for a working day at most. */
export const DEFAULT_MAX_TOKEN_LIFETIME_SECONDS = 12 * 3600;

interface CommonAuthConfig {
  /** When set, the token's `iss` must equal it. */
  issuer?: string;
  /** When set, the token's `aud` must contain it. */
  audience?: string;
  /** Leeway on `exp`, `nbf` and `iat`; {@link DEFAULT_CLOCK_TOLERANCE_SECONDS} when absent. */
  clockToleranceSeconds?: number;
  /** AUTH_TOKEN_MAX_LIFETIME: longest `exp` - `iat` accepted; {@link DEFAULT_MAX_TOKEN_LIFETIME_SECONDS} when absent. */
  maxTokenLifetimeSeconds?: number;
}

/** HS256 tokens signed with a secret shared with the issuer (or with `npm run token`). */
export interface SharedSecretAuthConfig extends CommonAuthConfig {
  kind: 'shared-secret';
  /** The secret's UTF-8 bytes are the HMAC key. Never log it. */
  secret: string;
  /** `env`: AUTH_JWT_SECRET; `dev-file`: generated for development and kept in {@link secretFile}. */
  secretSource: 'env' | 'dev-file';
  secretFile?: string;
}

/** RS256 or ES256 tokens, verified with the public keys published at a JWKS URL. */
export interface JwksAuthConfig extends CommonAuthConfig {
  kind: 'jwks';
  jwksUrl: string;
}

export type AuthConfig = SharedSecretAuthConfig | JwksAuthConfig;

export const maxTokenLifetimeOf = (config: AuthConfig): number => config.maxTokenLifetimeSeconds ?? DEFAULT_MAX_TOKEN_LIFETIME_SECONDS;
