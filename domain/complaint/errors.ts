import type { ComplaintCommandType } from './commands.js';
import type { LifecycleState } from './lifecycle.js';

/** The command does not fit the case as it stands now (HTTP 409). */
export class CommandNotAllowed extends Error {
  override readonly name = 'CommandNotAllowed';
  constructor(
    readonly command: ComplaintCommandType,
    readonly state: LifecycleState,
    readonly allowed: ComplaintCommandType[],
    readonly reason?: string,
  ) {
    super(
      `${command} is not allowed${reason ? `: ${reason}` : ` in state ${state}`}; allowed now: ${allowed.join(', ') || 'none'}`,
    );
  }
}

/** A field of the command breaks a rule of the domain (HTTP 400). */
export class InvalidCommand extends Error {
  override readonly name = 'InvalidCommand';
  constructor(
    readonly field: string,
    readonly rule: string,
  ) {
    super(`${field}: ${rule}`);
  }
}
