import type { EvaluationCommandType, EvaluationStatus } from './commands.js';

/** The command does not fit the evaluation as it stands now (HTTP 409). */
export class EvaluationCommandNotAllowed extends Error {
  override readonly name = 'EvaluationCommandNotAllowed';
  constructor(
    readonly command: EvaluationCommandType,
    readonly state: EvaluationStatus,
    readonly allowed: EvaluationCommandType[],
    readonly reason?: string,
  ) {
    super(`${command} is not allowed${reason ? `: ${reason}` : ` in state ${state}`}; allowed now: ${allowed.join(', ') || 'none'}`);
  }
}
