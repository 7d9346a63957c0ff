/**
 * A 409's message, for a case, an improvement request or an evaluation. `allowed`, what the state takes
 * now, holds the refused command when a rule, not the state, refused it (`reason`): it may be given again
 * once the rule holds. The message lists only the others.
 */
export function notAllowedMessage(command: string, state: string, allowed: readonly string[], reason: string | undefined): string {
  const others = allowed.filter((c) => c !== command);
  return `${command} is not allowed${reason ? `: ${reason}` : ` in state ${state}`}; ${others.length < allowed.length ? 'otherwise ' : ''}allowed now: ${others.join(', ') || 'none'}`;
}

/** The command does not fit the case, improvement request or evaluation as it stands now (HTTP 409). */
export class CommandNotAllowed<Command extends string = string, State extends string = string> extends Error {
  override readonly name: string = 'CommandNotAllowed';
  /** `allowed`: the commands the state takes now (see `notAllowedMessage`). */
  constructor(
    readonly command: Command,
    readonly state: State,
    readonly allowed: Command[],
    readonly reason?: string,
  ) {
    super(notAllowedMessage(command, state, allowed, reason));
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
