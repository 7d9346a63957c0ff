import type { EvaluationCommandType, EvaluationStatus } from './commands.js';

/** The command does not fit the evaluation as it stands now (HTTP 409). */
export class EvaluationCommandNotAllowed extends Error {
  override readonly name = 'EvaluationCommandNotAllowed';
  /**
   * `allowed`: the commands the state takes now; the refused one is among them when a rule, not the state,
   * refused it (`reason`): it may be given again once the rule holds. The message lists only the others.
   */
  constructor(
    readonly command: EvaluationCommandType,
    readonly state: EvaluationStatus,
    readonly allowed: EvaluationCommandType[],
    readonly reason?: string,
  ) {
    const others = allowed.filter((c) => c !== command);
    super(`${command} is not allowed${reason ? `: ${reason}` : ` in state ${state}`}; ${others.length < allowed.length ? 'otherwise ' : ''}allowed now: ${others.join(', ') || 'none'}`);
  }
}
