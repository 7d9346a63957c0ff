import { Inject, Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import type { Request } from 'express';
import { concatMap, type Observable } from 'rxjs';
import type { Actor } from '../../domain/access.js';
import { correlationIdOf } from '../http/index.js';
import { AccessLog } from './access-log.js';

const LOGGED = Symbol('access logged');

/** The route wrote its own access-log entry: the interceptor adds none. */
export function markAccessLogged(request: Request): void {
  (request as Request & { [LOGGED]?: boolean })[LOGGED] = true;
}

/**
 * The complaint whose personal data a response body carries, if any: a case view with the
 * complainant shown (`id` and a `complainant` object), or a case's events with the receipt's
 * complainant shown (`events`, the complaint named by the route's `:id`). A redacted complainant is
 * the string "redacted", so a redacted response names none.
 */
export function personalDataIn(body: unknown, routeId: string | undefined): string | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const view = body as { id?: unknown; complainant?: unknown; events?: unknown };
  if (typeof view.complainant === 'object' && view.complainant !== null && typeof view.id === 'string') return view.id;
  if (Array.isArray(view.events) && routeId !== undefined) {
    const shown = view.events.some((e: { data?: { complainant?: unknown } } | null) => typeof e?.data?.complainant === 'object' && e.data.complainant !== null);
    if (shown) return routeId;
  }
  return undefined;
}

/**
 * Writes an access-log entry for every response that showed a complainant's personal data, whichever
 * route gave it, before the response leaves: a read that cannot be logged is not served.
 */
@Injectable()
export class PersonalDataReads implements NestInterceptor {
  constructor(@Inject(AccessLog) private readonly accessLog: AccessLog) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context.switchToHttp().getRequest<Request & { actor?: Actor; [LOGGED]?: boolean }>();
    return next.handle().pipe(
      concatMap(async (body: unknown) => {
        if (context.getType() !== 'http' || !request.actor || request[LOGGED]) return body;
        const routeId = typeof request.params?.id === 'string' ? request.params.id : undefined;
        const complaintId = personalDataIn(body, routeId);
        if (complaintId !== undefined) {
          await this.accessLog.record({
            actor: request.actor,
            action: 'personal-data-read',
            complaintId,
            personalData: true,
            detail: { route: `${request.method} ${request.path}` },
            correlationId: correlationIdOf(request),
          });
        }
        return body;
      }),
    );
  }
}
