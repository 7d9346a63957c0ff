import type { Actor } from '../access.js';
import { IMPROVEMENT_COMMANDS, type ImprovementCommandType } from './commands.js';
import type { ImprovementRequest } from './request.js';

/**
 * Why the actor may not give this command to this request, or undefined when they may: the role must
 * give it, and a department's command is for the head of the request's department only.
 */
export function improvementRefusal(actor: Actor, command: ImprovementCommandType, request: ImprovementRequest | undefined): string | undefined {
  const { roles, departmentBound } = IMPROVEMENT_COMMANDS[command];
  if (!actor.roles.some((role) => roles.includes(role))) return `${command} requires one of the roles: ${roles.join(', ')}`;
  if (departmentBound && request && request.department !== actor.department) return `${command} is for the head of ${request.department}, the department the request is made to`;
  return undefined;
}

/** The commands the actor may give to the request now (of those the machine allows). */
export function yourImprovementCommands(actor: Actor, allowed: readonly ImprovementCommandType[], request: ImprovementRequest | undefined): ImprovementCommandType[] {
  return allowed.filter((command) => improvementRefusal(actor, command, request) === undefined);
}
