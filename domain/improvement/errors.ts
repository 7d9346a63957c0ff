import { CommandNotAllowed } from '../errors.js';
import type { ImprovementCommandType } from './commands.js';
import type { ImprovementState } from './lifecycle.js';

/** The command does not fit the improvement request as it stands now (HTTP 409). */
export class ImprovementCommandNotAllowed extends CommandNotAllowed<ImprovementCommandType, ImprovementState> {
  override readonly name = 'ImprovementCommandNotAllowed';
}
