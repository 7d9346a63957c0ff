import type { ComplaintCommandType } from './commands.js';
import type { LifecycleState } from './lifecycle.js';

/** The command does not fit the case as it stands now (HTTP 409). */
export class CommandNotAllowed extends Error {
  override readonly name = 'CommandNotAllowed';
  /**
   * `allowed`: the commands the state takes now; the refused one is among them when a rule, not the state,
   * refused it (`reason`): it may be given again once the rule holds. The message lists only the others.
   */
  constructor(
    readonly command: ComplaintCommandType,
    readonly state: LifecycleState,
    readonly allowed: ComplaintCommandType[],
    readonly reason?: string,
  ) {
    const others = allowed.filter((c) => c !== command);
    super(`${command} is not allowed${reason ? `: ${reason}` : ` in state ${state}`}; ${others.length < allowed.length ? 'otherwise ' : ''}allowed now: ${others.join(', ') || 'none'}`);
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
