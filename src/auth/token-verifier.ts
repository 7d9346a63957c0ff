import { createRemoteJWKSet, errors, jwtVerify, type JWTPayload, type JWTVerifyGetKey, type JWTVerifyOptions } from 'jose';
import { ExpiringCache } from '../cache/index.js';
import { isAcceptableText } from '../http/index.js';
import { isRole, type Actor, type Role } from './actor.js';
import { DEFAULT_CLOCK_TOLERANCE_SECONDS, maxTokenLifetimeOf, type AuthConfig } from './auth-config.js';

/** The only algorithm accepted with a shared secret. */
export const SHARED_SECRET_ALGORITHMS = ['HS256'] as const;
/** The algorithms accepted with keys from a JWKS URL. Never an HMAC one: the public keys are public. */
export const JWKS_ALGORITHMS = ['RS256', 'ES256'] as const;

export type TokenRejectionReason =
  | 'malformed'
  | 'algorithm-not-allowed'
  | 'unknown-key'
  | 'invalid-signature'
  | 'expired'
  | 'not-yet-valid'
  | 'issued-in-the-future'
  | 'lifetime-too-long'
  | 'invalid-claims';

const REJECTION_MESSAGES: Record<TokenRejectionReason, string> = {
  malformed: 'malformed token',
  'algorithm-not-allowed': 'token algorithm not allowed',
  'unknown-key': 'token signed with an unknown key',
  'invalid-signature': 'invalid token signature',
  expired: 'token expired',
  'not-yet-valid': 'token not yet valid',
  'issued-in-the-future': 'token issued in the future (its iat is later than now): check the issuer\'s clock',
  'lifetime-too-long': 'token lifetime (exp - iat) is longer than this service accepts',
  'invalid-claims': 'invalid token claims',
};

/**
 * The token is not acceptable: the caller's fault, answered with 401.
 * The message is fixed per reason (or names the claim at fault) and never contains the token or its claims' values.
 */
export class TokenRejectedError extends Error {
  override readonly name = 'TokenRejectedError';
  constructor(
    readonly reason: TokenRejectionReason,
    options?: { cause?: unknown; message?: string },
  ) {
    super(options?.message ?? REJECTION_MESSAGES[reason], options);
  }
}

/** The keys could not be obtained from the JWKS URL: not the caller's fault, answered with 503. */
export class KeySetUnavailableError extends Error {
  override readonly name = 'KeySetUnavailableError';
}

/** Verifies bearer JWTs and turns their claims into an {@link Actor}. */
/** How long a verified token is taken on trust before its signature is checked again (a key withdrawn from the key set applies within this). */
const VERIFIED_MAX_AGE_MS = 60_000;
const MAX_VERIFIED = 10_000;

export class TokenVerifier {
  /**
   * Tokens already verified, with the actor each names, until the token expires or the max age passes.
   * A client sends the same token with every request: checking its signature each time was a
   * noticeable share of a request's CPU. The token string is the key, so a changed byte is a miss.
   */
  private readonly verified = new ExpiringCache<string, Actor>(MAX_VERIFIED);

  private constructor(
    private readonly key: Uint8Array | JWTVerifyGetKey,
    private readonly options: JWTVerifyOptions,
    private readonly maxLifetimeSeconds: number,
  ) {}

  static fromConfig(config: AuthConfig): TokenVerifier {
    const options: JWTVerifyOptions = {
      clockTolerance: config.clockToleranceSeconds ?? DEFAULT_CLOCK_TOLERANCE_SECONDS,
      requiredClaims: ['exp', 'sub'],
      ...(config.issuer === undefined ? {} : { issuer: config.issuer }),
      ...(config.audience === undefined ? {} : { audience: config.audience }),
    };
    const maxLifetime = maxTokenLifetimeOf(config);
    if (config.kind === 'shared-secret') {
      return new TokenVerifier(new TextEncoder().encode(config.secret), { ...options, algorithms: [...SHARED_SECRET_ALGORITHMS] }, maxLifetime);
    }
    return new TokenVerifier(remoteKeySet(new URL(config.jwksUrl)), { ...options, algorithms: [...JWKS_ALGORITHMS] }, maxLifetime);
  }

  /**
   * Resolves to the actor named by a valid token (whose roles may be empty when it carries no known role).
   * Rejects with {@link TokenRejectedError} or {@link KeySetUnavailableError}.
   */
  async verify(token: string): Promise<Actor> {
    const now = Date.now();
    const known = this.verified.get(token, now);
    if (known) return known;
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, this.key, this.options));
    } catch (error) {
      throw rejection(error);
    }
    // `exp` is required, so a number here; without `iat` the lifetime left is judged.
    const [issuedAt, expires] = [payload.iat ?? Math.floor(now / 1000), payload.exp as number];
    const tolerance = Number(this.options.clockTolerance ?? 0);
    if (issuedAt > now / 1000 + tolerance) throw new TokenRejectedError('issued-in-the-future');
    if (expires - issuedAt > this.maxLifetimeSeconds) {
      throw new TokenRejectedError('lifetime-too-long', { message: `token lifetime (exp - iat) is longer than the ${this.maxLifetimeSeconds} seconds this service accepts` });
    }
    const actor = actorFromClaims(payload);
    // jose accepts a token until exp + the clock tolerance.
    this.verified.set(token, actor, Math.min((expires + tolerance) * 1000, now + VERIFIED_MAX_AGE_MS));
    return actor;
  }
}

/** Validates the application claims of an already verified token. */
export function actorFromClaims(payload: JWTPayload): Actor {
  const { sub, name, roles, department } = payload;
  if (typeof sub !== 'string' || sub.trim() === '') throw new TokenRejectedError('invalid-claims');
  if (name !== undefined && typeof name !== 'string') throw new TokenRejectedError('invalid-claims');
  if (department !== undefined && (typeof department !== 'string' || department === '')) {
    throw new TokenRejectedError('invalid-claims');
  }
  if (roles !== undefined && !Array.isArray(roles)) throw new TokenRejectedError('invalid-claims');
  // The identity goes into events, the access log and log lines: no control characters there.
  for (const [claim, value] of Object.entries({ sub, name, department })) {
    if (typeof value === 'string' && !isAcceptableText(value, { layout: false })) {
      throw new TokenRejectedError('invalid-claims', { message: `invalid token claims: ${claim} holds control characters or unpaired surrogates` });
    }
  }
  const known: Role[] = [...new Set((roles ?? []).filter(isRole))];
  const actor: Actor = { id: sub, name: name === undefined || name === '' ? sub : name, roles: known };
  if (department !== undefined) actor.department = department;
  Object.freeze(actor.roles);
  return Object.freeze(actor);
}

/** The remote key set, with failures to fetch it told apart from tokens naming a key it does not have. */
function remoteKeySet(url: URL): JWTVerifyGetKey {
  const keySet = createRemoteJWKSet(url);
  return async (header, token) => {
    try {
      return await keySet(header, token);
    } catch (error) {
      if (error instanceof errors.JWKSNoMatchingKey || error instanceof errors.JWKSMultipleMatchingKeys) throw error;
      throw new KeySetUnavailableError(`cannot obtain the token verification keys from ${url.origin}`, { cause: error });
    }
  };
}

function rejection(error: unknown): Error {
  if (error instanceof KeySetUnavailableError || error instanceof TokenRejectedError) return error;
  const reason = rejectionReason(error);
  return new TokenRejectedError(reason, { cause: error });
}

function rejectionReason(error: unknown): TokenRejectionReason {
  if (error instanceof errors.JWTExpired) return 'expired';
  if (error instanceof errors.JWTClaimValidationFailed) return error.claim === 'nbf' && error.reason === 'check_failed' ? 'not-yet-valid' : 'invalid-claims';
  if (error instanceof errors.JOSEAlgNotAllowed || error instanceof errors.JOSENotSupported) return 'algorithm-not-allowed';
  if (error instanceof errors.JWSSignatureVerificationFailed) return 'invalid-signature';
  if (error instanceof errors.JWKSNoMatchingKey || error instanceof errors.JWKSMultipleMatchingKeys) return 'unknown-key';
  return 'malformed';
}
