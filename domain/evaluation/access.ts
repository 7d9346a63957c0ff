import type { Actor } from '../access.js';
import { EVALUATION_COMMANDS, type EvaluationCommandType } from './commands.js';

/** Why the actor may not give this command, or undefined when they may. */
export function evaluationRefusal(actor: Actor, command: EvaluationCommandType): string | undefined {
  const { roles } = EVALUATION_COMMANDS[command];
  return actor.roles.some((role) => roles.includes(role)) ? undefined : `${command} requires one of the roles: ${roles.join(', ')}`;
}

export function yourEvaluationCommands(actor: Actor, allowed: readonly EvaluationCommandType[]): EvaluationCommandType[] {
  return allowed.filter((command) => evaluationRefusal(actor, command) === undefined);
}
