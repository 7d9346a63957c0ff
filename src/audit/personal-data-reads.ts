import { Inject, Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { concatMap, type Observable } from 'rxjs';
import type { Actor } from '../../domain/access.js';
import type { Complaint } from '../../domain/complaint/complaint.js';
import { holdsPersonalData, isHidden, personalDataOfEvent } from '../../domain/complaint/redaction.js';
import { correlationIdOf, honouredAccessReason, refuseAccessReason, TAKES_ACCESS_REASON } from '../http/index.js';
import { AccessLog } from './access-log.js';

const LOGGED = Symbol('access logged');

/** The route wrote its own access-log entry: the interceptor adds none. */
export function markAccessLogged(request: Request): void {
  (request as Request & { [LOGGED]?: boolean })[LOGGED] = true;
}

/**
 * The complaint whose personal data a response body shows, if any: a case view (`id`, `complainant`,
 * `description`...) with any of its personal data not hidden, or a case's events (`complaintId`,
 * `events`) with any event's personal data not hidden. Hidden is the `[redacted]` or `[erased]`
 * marker (domain/complaint/redaction.ts), so a redacted response names none. The case is named by its
 * id as the body gives it, never by the route's spelling (a reference), so its access log finds it.
 */
export function personalDataIn(body: unknown): string | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const view = body as Partial<Complaint> & { complaintId?: unknown; events?: unknown };
  if (typeof view.id === 'string' && holdsPersonalData(view as Complaint)) return view.id;
  if (Array.isArray(view.events) && typeof view.complaintId === 'string') {
    const shown = view.events.some((e: { type?: unknown; data?: unknown } | null) =>
      typeof e?.type === 'string' && typeof e.data === 'object' && e.data !== null && personalDataOfEvent(e.type, e.data as Record<string, unknown>).some((value) => !isHidden(value)),
    );
    if (shown) return view.complaintId;
  }
  return undefined;
}

/** The case a response body is about (a case view, or a case's events), personal data shown or not. */
function caseIn(body: unknown): string | undefined {
  const view = body as { id?: unknown; complaintId?: unknown; events?: unknown; state?: unknown } | null;
  if (typeof view?.id === 'string' && typeof view.state === 'string') return view.id;
  if (typeof view?.complaintId === 'string' && Array.isArray(view.events)) return view.complaintId;
  return undefined;
}

/** The cases whose subject lines (their description's first words) a response of `GET /complaints/subjects` shows. */
export function subjectsIn(body: unknown): string[] {
  const subjects = (body as { subjects?: unknown } | null)?.subjects;
  if (!Array.isArray(subjects)) return [];
  return subjects.filter((s: { id?: unknown; subject?: unknown } | null) => typeof s?.id === 'string' && typeof s.subject === 'string').map((s: { id: string }) => s.id);
}

/**
 * Whether a response body shows the measures for employees who caused complaints: a report's
 * judgements of flagged subjects not hidden (domain/repeat-offender/judgement.ts). An employee's
 * personal data, logged like a complainant's.
 */
export function employeeMeasuresIn(body: unknown): boolean {
  const offenders = (body as { offenders?: unknown } | null)?.offenders;
  if (!Array.isArray(offenders)) return false;
  return offenders.some((o: { measures?: { judgement?: { explanation?: unknown } | null } } | null) => {
    const explanation = o?.measures?.judgement?.explanation;
    return explanation !== undefined && !isHidden(explanation);
  });
}

/**
 * Writes an access-log entry for every response that showed a complaint's personal data (one per case
 * of a list of subject lines), whichever route gave it, before the response leaves: a read that cannot be logged is not served. One shown
 * by a break-glass read (`X-Access-Reason`) is logged as such, with its reason; the header on a route
 * that does not honour it is refused before the route runs.
 */
@Injectable()
export class PersonalDataReads implements NestInterceptor {
  constructor(
    @Inject(AccessLog) private readonly accessLog: AccessLog,
    private readonly reflector: Reflector,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context.switchToHttp().getRequest<Request & { actor?: Actor; [LOGGED]?: boolean }>();
    if (context.getType() === 'http') refuseAccessReason(request, this.reflector.get<boolean>(TAKES_ACCESS_REASON, context.getHandler()) === true);
    return next.handle().pipe(
      concatMap(async (body: unknown) => {
        // A HEAD is answered without its body: nothing was shown.
        if (context.getType() !== 'http' || !request.actor || request[LOGGED] || request.method === 'HEAD') return body;
        const one = personalDataIn(body) ?? (employeeMeasuresIn(body) ? null : undefined);
        const shown = one === undefined ? subjectsIn(body) : [one];
        // An auditor who gave a reason on a route that honours it broke the glass: logged as such even
        // where nothing personal was there to show (an erased case), since the read was asked for.
        const reason = honouredAccessReason(request);
        const actor = request.actor;
        const route = `${request.method} ${request.path}`;
        if (shown.length === 0) {
          if (reason !== undefined) {
            await this.accessLog.record({ actor, action: 'break-glass-read', reason, complaintId: caseIn(body) ?? null, personalData: false, detail: { route }, correlationId: correlationIdOf(request) });
          }
          return body;
        }
        await this.accessLog.recordAll(
          shown.map((complaintId) => ({
            actor,
            action: reason === undefined ? ('personal-data-read' as const) : ('break-glass-read' as const),
            reason,
            complaintId,
            personalData: true,
            detail: { route },
            correlationId: correlationIdOf(request),
          })),
        );
        return body;
      }),
    );
  }
}
