import { CommandNotAllowed } from '../errors.js';
import type { ComplaintCommandType } from './commands.js';
import type { LifecycleState } from './lifecycle.js';

/** The command does not fit the case as it stands now (HTTP 409). */
export class ComplaintCommandNotAllowed extends CommandNotAllowed<ComplaintCommandType, LifecycleState> {
  override readonly name = 'ComplaintCommandNotAllowed';
}
