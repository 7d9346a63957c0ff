import { notAllowedMessage } from '../complaint/errors.js';
import type { EvaluationCommandType, EvaluationStatus } from './commands.js';

/** The command does not fit the evaluation as it stands now (HTTP 409). */
export class EvaluationCommandNotAllowed extends Error {
  override readonly name = 'EvaluationCommandNotAllowed';
  /** `allowed`: the commands the state takes now (see `notAllowedMessage`). */
  constructor(
    readonly command: EvaluationCommandType,
    readonly state: EvaluationStatus,
    readonly allowed: EvaluationCommandType[],
    readonly reason?: string,
  ) {
    super(notAllowedMessage(command, state, allowed, reason));
  }
}
