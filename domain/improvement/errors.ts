import { notAllowedMessage } from '../complaint/errors.js';
import type { ImprovementCommandType } from './commands.js';
import type { ImprovementState } from './lifecycle.js';

/** The command does not fit the improvement request as it stands now (HTTP 409). */
export class ImprovementCommandNotAllowed extends Error {
  override readonly name = 'ImprovementCommandNotAllowed';
  /** `allowed`: the commands the state takes now (see `notAllowedMessage`). */
  constructor(
    readonly command: ImprovementCommandType,
    readonly state: ImprovementState,
    readonly allowed: ImprovementCommandType[],
    readonly reason?: string,
  ) {
    super(notAllowedMessage(command, state, allowed, reason));
  }
}
