import { applyDecorators, createParamDecorator, type ExecutionContext, SetMetadata } from '@nestjs/common';
import { ApiExtension } from '@nestjs/swagger';
import { PUBLIC_ROUTE, RESTRICTED_ROUTE } from '../http/nest.js';
import { type Actor, isRole, type Role, ROLES } from './actor.js';

export const IS_PUBLIC_KEY = 'auth:public';
export const ROLES_KEY = 'auth:roles';

/** The route (or every route of the controller) is served without a token: health, docs. */
export const Public = (): MethodDecorator & ClassDecorator => applyDecorators(SetMetadata(IS_PUBLIC_KEY, true), ApiExtension(PUBLIC_ROUTE, true));

/**
 * Only actors holding at least one of these roles get through (403 otherwise). No role implies another:
 * list `admin` explicitly where it belongs. On a method, overrides the controller's list.
 */
export const Roles = (...roles: Role[]): MethodDecorator & ClassDecorator => {
  if (roles.length === 0) throw new Error('@Roles() needs at least one role');
  const unknown = roles.filter((role) => !isRole(role));
  if (unknown.length > 0) throw new Error(`@Roles(): unknown role(s) ${unknown.join(', ')}; known roles: ${ROLES.join(', ')}`);
  const granted = Object.freeze([...new Set(roles)]);
  // The API docs list a 403 for the routes some roles may not use (src/http/openapi.ts).
  const restricted = ROLES.some((role) => !granted.includes(role));
  return applyDecorators(SetMetadata(ROLES_KEY, granted), ApiExtension(RESTRICTED_ROUTE, restricted));
};

/** The request's authenticated {@link Actor}. Only on routes the AuthGuard protects (not on @Public() ones). */
export const CurrentActor = createParamDecorator((_data: unknown, context: ExecutionContext): Actor => {
  const actor = context.switchToHttp().getRequest<{ actor?: Actor }>().actor;
  if (actor === undefined) throw new Error('@CurrentActor() used on a route without an authenticated actor (is it @Public()?)');
  return actor;
});
