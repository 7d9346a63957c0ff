import { decodeJwt, SignJWT } from 'jose';
import { type Role } from './actor.js';
import { maxTokenLifetimeOf, type SharedSecretAuthConfig } from './auth-config.js';

export interface TokenClaims {
  sub: string;
  name?: string;
  roles: Role[];
  department?: string;
}

/**
 * An HS256 token the {@link TokenVerifier} of the same configuration accepts (with its issuer and audience),
 * for development and tests. `expiresIn`: a jose time span such as `8h`, `30m`, `2 days`, or seconds,
 * at most the configured maximum lifetime (a longer token would be refused).
 */
export async function signSharedSecretToken(
  config: SharedSecretAuthConfig,
  claims: TokenClaims,
  options: { expiresIn?: string | number } = {},
): Promise<string> {
  const payload: Record<string, unknown> = { name: claims.name ?? claims.sub, roles: claims.roles };
  if (claims.department !== undefined) payload.department = claims.department;
  const jwt = new SignJWT(payload)
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(claims.sub)
    .setIssuedAt()
    .setExpirationTime(expiresAt(options.expiresIn ?? '8h'));
  if (config.issuer !== undefined) jwt.setIssuer(config.issuer);
  if (config.audience !== undefined) jwt.setAudience(config.audience);
  const token = await jwt.sign(new TextEncoder().encode(config.secret));
  const { iat, exp } = decodeJwt(token);
  const max = maxTokenLifetimeOf(config);
  if ((exp ?? 0) - (iat ?? 0) > max) throw new TypeError(`expiresIn must be at most the maximum token lifetime, ${max} seconds (AUTH_TOKEN_MAX_LIFETIME)`);
  return token;
}

/** jose reads a bare number as an absolute timestamp; here a number is a duration in seconds. */
function expiresAt(expiresIn: string | number): string | number {
  if (typeof expiresIn === 'number') {
    if (!Number.isFinite(expiresIn) || expiresIn <= 0) throw new TypeError('expiresIn must be a positive number of seconds');
    return Math.floor(Date.now() / 1000) + Math.floor(expiresIn);
  }
  if (/^\d+$/.test(expiresIn.trim())) return expiresAt(Number(expiresIn.trim()));
  if (/ago$|^\s*-/i.test(expiresIn)) throw new TypeError('expiresIn must be in the future');
  return expiresIn;
}
