import type { ImprovementCommandType } from './commands.js';
import type { ImprovementState } from './lifecycle.js';

/** The command does not fit the improvement request as it stands now (HTTP 409). */
export class ImprovementCommandNotAllowed extends Error {
  override readonly name = 'ImprovementCommandNotAllowed';
  constructor(
    readonly command: ImprovementCommandType,
    readonly state: ImprovementState,
    readonly allowed: ImprovementCommandType[],
    readonly reason?: string,
  ) {
    super(`${command} is not allowed${reason ? `: ${reason}` : ` in state ${state}`}; allowed now: ${allowed.join(', ') || 'none'}`);
  }
}
