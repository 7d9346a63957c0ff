import { ApplicationError, NotFound } from '../http/index.js';

export class EvaluationNotFound extends NotFound {
  override readonly name = 'EvaluationNotFound';
  constructor(readonly quarter: string) {
    super(`no evaluation of ${quarter}`);
  }
}

export class InspectionNotFound extends NotFound {
  override readonly name = 'InspectionNotFound';
  constructor(readonly inspectionId: string) {
    super(`no inspection ${inspectionId}`);
  }
}

/** The client's If-Match revision is not the evaluation's current one (412). */
export class StaleEvaluation extends ApplicationError {
  override readonly name = 'StaleEvaluation';
  readonly status = 412;
  constructor(
    readonly expected: number,
    readonly actual: number,
  ) {
    super(`the evaluation is at revision ${actual}, not ${expected}: reload it and try again`);
  }

  override details(): Record<string, unknown> {
    return { currentRevision: this.actual };
  }
}

/** The command does not fit the evaluation as it stands (409), with its status and the commands allowed now. */
export class EvaluationConflict extends ApplicationError {
  override readonly name = 'EvaluationConflict';
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
