import { CommandNotAllowed } from '../errors.js';
import type { EvaluationCommandType, EvaluationStatus } from './commands.js';

/** The command does not fit the evaluation as it stands now (HTTP 409). */
export class EvaluationCommandNotAllowed extends CommandNotAllowed<EvaluationCommandType, EvaluationStatus> {
  override readonly name = 'EvaluationCommandNotAllowed';
}
