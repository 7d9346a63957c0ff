import { ApplicationError, NotFound } from '../http/index.js';

export class ComplaintNotFound extends NotFound {
  override readonly name = 'ComplaintNotFound';
  constructor(readonly complaintId: string) {
    super(`complaint ${complaintId} not found`);
  }
}

/** Others kept changing the case while the command was decided again and again: the client may retry (409). */
export class BusyComplaint extends ApplicationError {
  override readonly name = 'BusyComplaint';
  readonly status = 409;
  constructor(readonly complaintId: string) {
    super(`complaint ${complaintId} is being changed by others right now: try again`);
  }

  override details(): Record<string, unknown> {
    return { retry: true };
  }
}

/** The Idempotency-Key was sent before with a different request (422): a new request needs a new key. */
export class IdempotencyKeyReused extends ApplicationError {
  override readonly name = 'IdempotencyKeyReused';
  readonly status = 422;
  constructor(key: string, firstRequest: string | undefined) {
    super(`Idempotency-Key "${key}" was already used for a different request${firstRequest ? ` (${firstRequest})` : ''}: send a new key with a new request`);
  }
}
