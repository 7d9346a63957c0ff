import {
  type CanActivate,
  type ExecutionContext,
  ForbiddenException,
  Inject,
  Injectable,
  Logger,
  ServiceUnavailableException,
  UnauthorizedException,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { type Actor, type Role } from './actor.js';
import { IS_PUBLIC_KEY, ROLES_KEY } from './decorators.js';
import { KeySetUnavailableError, TokenRejectedError, TokenVerifier } from './token-verifier.js';

/** What the guard needs from the HTTP request; it adds `actor` once the token is verified. */
export interface AuthenticatedRequest {
  headers: Record<string, string | string[] | undefined>;
  actor?: Actor;
}

interface ChallengeableResponse {
  setHeader(name: string, value: string): unknown;
}

const BEARER = /^Bearer[ \t]+([^\s]+)[ \t]*$/i;

/**
 * Every route needs a valid bearer token unless it is @Public(); @Roles() routes also need one of the roles.
 * 401 (with `WWW-Authenticate: Bearer`) when the token is missing or invalid, 403 when the actor lacks the role.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  private readonly logger = new Logger(AuthGuard.name);

  constructor(
    @Inject(Reflector) private readonly reflector: Reflector,
    @Inject(TokenVerifier) private readonly verifier: TokenVerifier,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean | undefined>(IS_PUBLIC_KEY, targets) === true) return true;
    // Only HTTP is authenticated here: fail closed for any other transport.
    if (context.getType() !== 'http') return false;

    const http = context.switchToHttp();
    const request = http.getRequest<AuthenticatedRequest>();
    const response = http.getResponse<ChallengeableResponse>();

    const header = request.headers.authorization;
    if (header === undefined || header === '') {
      response.setHeader('WWW-Authenticate', 'Bearer');
      throw new UnauthorizedException('missing bearer token');
    }
    const token = typeof header === 'string' ? BEARER.exec(header)?.[1] : undefined;
    if (token === undefined) {
      response.setHeader('WWW-Authenticate', 'Bearer error="invalid_request"');
      throw new UnauthorizedException('the Authorization header must be "Bearer <token>"');
    }

    let actor: Actor;
    try {
      actor = await this.verifier.verify(token);
    } catch (error) {
      if (error instanceof TokenRejectedError) {
        response.setHeader('WWW-Authenticate', 'Bearer error="invalid_token"');
        throw new UnauthorizedException(error.message);
      }
      if (error instanceof KeySetUnavailableError) {
        this.logger.error(error.message, error.cause instanceof Error ? error.cause.stack : undefined);
        throw new ServiceUnavailableException('cannot verify tokens right now');
      }
      throw error;
    }
    request.actor = actor;

    if (actor.roles.length === 0) throw new ForbiddenException('the token grants no known role');
    const required = this.reflector.getAllAndOverride<readonly Role[] | undefined>(ROLES_KEY, targets);
    if (required !== undefined && !required.some((role) => actor.roles.includes(role))) {
      throw new ForbiddenException(`requires one of the roles: ${required.join(', ')}`);
    }
    return true;
  }
}
