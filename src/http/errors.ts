/** Field-level reasons a request was refused. */
export interface FieldError {
  field: string;
  rule: string;
}

/**
 * An error of the application that says which answer it is: its HTTP status, and what the answer
 * carries besides the message. The error filter turns any of them into that answer.
 */
export abstract class ApplicationError extends Error {
  abstract readonly status: number;

  details(): Record<string, unknown> {
    return {};
  }
}

/** A field or parameter breaks a rule (400): `errors` names each with its rule. */
export class BadRequest extends ApplicationError {
  override readonly name = 'BadRequest';
  readonly status = 400;
  constructor(readonly errors: FieldError[]) {
    super(errors.map((e) => `${e.field}: ${e.rule}`).join('; '));
  }

  override details(): Record<string, unknown> {
    return { errors: this.errors };
  }
}

/** No such thing (404). */
export class NotFound extends ApplicationError {
  override readonly name: string = 'NotFound';
  readonly status = 404;
}

/** A command route that names no command (`POST /complaints/{id}/fly`): the commands there are, listed. */
export class UnknownCommand extends NotFound {
  override readonly name = 'UnknownCommand';
  constructor(command: string, of: string, known: readonly string[]) {
    super(`unknown command "${command.slice(0, 64)}": ${of} takes ${known.join(', ')}`);
  }
}

/** The actor's role or department may not do this (403). */
export class AccessDenied extends ApplicationError {
  override readonly name = 'AccessDenied';
  readonly status = 403;
}

/** The body is larger than the route takes (413). */
export class PayloadTooLarge extends ApplicationError {
  override readonly name = 'PayloadTooLarge';
  readonly status = 413;
}

/** The body is not of the media type the route takes (415). */
export class UnsupportedMediaType extends ApplicationError {
  override readonly name = 'UnsupportedMediaType';
  readonly status = 415;
}

/** The client's If-Match revision is not the current one of the case, request or evaluation (412). */
export class StaleRevision extends ApplicationError {
  override readonly name = 'StaleRevision';
  readonly status = 412;
  constructor(
    what: string,
    readonly expected: number,
    readonly actual: number,
  ) {
    super(`the ${what} is at revision ${actual}, not ${expected}: reload it and try again`);
  }

  override details(): Record<string, unknown> {
    return { currentRevision: this.actual };
  }
}

/** Other writers kept changing the case, request or evaluation while the command was retried (409): the client may send it again. */
export class BusyStream extends ApplicationError {
  override readonly name = 'BusyStream';
  readonly status = 409;
  constructor(what: string) {
    super(`${what} is being changed by others right now: try again`);
  }

  override details(): Record<string, unknown> {
    return { retry: true };
  }
}

/** The command does not fit the request or evaluation as it stands (409), with its state and the commands allowed now. */
export class StateConflict extends ApplicationError {
  override readonly name = 'StateConflict';
  readonly status = 409;
  constructor(
    message: string,
    readonly state: string,
    readonly allowed: string[],
    readonly reason?: string,
  ) {
    super(message);
  }

  override details(): Record<string, unknown> {
    return { state: this.state, allowedCommands: this.allowed, ...(this.reason ? { reason: this.reason } : {}) };
  }
}
