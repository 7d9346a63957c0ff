import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiHeader } from '@nestjs/swagger';
import type { Request } from 'express';
import { ACCESS_REASON_RULE, isAccessReason, mayBreakGlass, type Actor } from '../../domain/access.js';
import { AccessDenied, BadRequest } from './errors.js';
import { isAcceptableText, TEXT_RULE } from './text.js';

/**
 * `X-Access-Reason`: an auditor's written reason for a break-glass read of one case's personal data
 * (domain/access.ts). Percent-encoded UTF-8, as `encodeURIComponent` gives it, so it may be written
 * in any language (a header carries Latin-1 only); plain ASCII without `%` passes as it is.
 */
export const ACCESS_REASON = 'X-Access-Reason';

/** How the OpenAPI document describes the header on the routes that read a case. */
export const ACCESS_REASON_DOC = {
  name: ACCESS_REASON,
  required: false,
  description:
    "Auditors: a break-glass read. The reason (5 to 500 characters, percent-encoded UTF-8) for reading this case's personal data; " +
    'the answer then carries it and the access log records who, when, which case and this reason. Without it the personal data is redacted.',
};

/** Marks the routes that honour `X-Access-Reason` (with `accessReason`); on any other it is refused (`refuseAccessReason`). */
export const TAKES_ACCESS_REASON = 'takes-access-reason';

/** A route that honours a break-glass read: documented with `description` (else ACCESS_REASON_DOC's) and marked so. */
export function TakesAccessReason(description: string = ACCESS_REASON_DOC.description): MethodDecorator {
  return applyDecorators(ApiHeader({ ...ACCESS_REASON_DOC, description }), SetMetadata(TAKES_ACCESS_REASON, true));
}

/**
 * `X-Access-Reason` on a route that does not honour it is a 400, before the route runs: ignored, an
 * auditor would believe they broke the glass (and read the redacted answer as all there is).
 */
export function refuseAccessReason(request: Request, takesIt: boolean): void {
  if (request.headers['x-access-reason'] !== undefined && !takesIt) {
    throw new BadRequest([{ field: ACCESS_REASON, rule: 'is taken only by the routes that read one case\'s personal data by a break-glass read (their documentation names it): leave it out here' }]);
  }
}

const RULE = `${ACCESS_REASON_RULE}, percent-encoded UTF-8`;

const HONOURED = Symbol('access reason honoured');

/**
 * The reason a route read with `accessReason` (it honours the header), or undefined: every read so
 * asked for is a break-glass read the access log records, whatever it showed (an erased case shows none).
 */
export function honouredAccessReason(request: Request): string | undefined {
  return (request as Request & { [HONOURED]?: string })[HONOURED];
}

/** The reason given, or undefined; a reason from one who may not break the glass is refused (403). */
export function accessReason(request: Request, actor: Actor): string | undefined {
  const reason = givenReason(request, actor);
  if (reason !== undefined) (request as Request & { [HONOURED]?: string })[HONOURED] = reason;
  return reason;
}

function givenReason(request: Request, actor: Actor): string | undefined {
  const header = request.headers['x-access-reason'];
  if (header === undefined) return undefined;
  if (!mayBreakGlass(actor)) throw new AccessDenied(`${ACCESS_REASON} asks for a break-glass read, which is for auditors`);
  // Node joins a header given twice with ", ": two reasons would be logged as one.
  if (request.rawHeaders.filter((name, i) => i % 2 === 0 && name.toLowerCase() === 'x-access-reason').length > 1) {
    throw new BadRequest([{ field: ACCESS_REASON, rule: 'must be given once' }]);
  }
  let reason: string;
  try {
    reason = decodeURIComponent(String(header)).trim();
  } catch {
    throw new BadRequest([{ field: ACCESS_REASON, rule: RULE }]);
  }
  if (!isAccessReason(reason)) throw new BadRequest([{ field: ACCESS_REASON, rule: RULE }]);
  // Read back beside the case in the access log: no bidirectional controls or invisible characters either.
  if (!isAcceptableText(reason, { layout: false })) throw new BadRequest([{ field: ACCESS_REASON, rule: TEXT_RULE }]);
  return reason;
}
