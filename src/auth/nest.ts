// What needs Nest's web or bus machinery, kept out of index.ts (README, "The modules of src/"): the guard
// and the marks controllers put on their routes.
export { AuthGuard, type AuthenticatedRequest } from './auth.guard.js';
export { CurrentActor, IS_PUBLIC_KEY, Public, Roles, ROLES_KEY } from './decorators.js';
