import { ApplicationError, NotFound } from '../http/index.js';

export class ImprovementRequestNotFound extends NotFound {
  override readonly name = 'ImprovementRequestNotFound';
  constructor(readonly requestId: string) {
    super(`improvement request ${requestId} not found`);
  }
}

/** The client's If-Match revision is not the request's current one (412). */
export class StaleImprovementRequest extends ApplicationError {
  override readonly name = 'StaleImprovementRequest';
  readonly status = 412;
  constructor(
    readonly expected: number,
    readonly actual: number,
  ) {
    super(`the improvement request is at revision ${actual}, not ${expected}: reload it and try again`);
  }

  override details(): Record<string, unknown> {
    return { currentRevision: this.actual };
  }
}

/** The command does not fit the request as it stands (409), with the state and the commands allowed now. */
export class ImprovementConflict extends ApplicationError {
  override readonly name = 'ImprovementConflict';
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
