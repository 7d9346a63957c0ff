export { type Actor, isRole, type Role, ROLES } from './actor.js';
export {
  AUTH_CONFIG,
  type AuthConfig,
  DEFAULT_CLOCK_TOLERANCE_SECONDS,
  type JwksAuthConfig,
  maxTokenLifetimeOf,
  type SharedSecretAuthConfig,
} from './auth-config.js';
export {
  AuthConfigError,
  devSecretPath,
  loadAuthConfig,
  MIN_SECRET_BYTES,
  PRODUCTION_WITHOUT_KEYS_MESSAGE,
  resolveSigningSecret,
  type ResolvedSecret,
} from './secret.js';
export { signSharedSecretToken, type TokenClaims } from './sign-token.js';
export {
  actorFromClaims,
  JWKS_ALGORITHMS,
  KeySetUnavailableError,
  SHARED_SECRET_ALGORITHMS,
  TokenRejectedError,
  type TokenRejectionReason,
  TokenVerifier,
} from './token-verifier.js';
