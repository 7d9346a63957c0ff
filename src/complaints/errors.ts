import { ApplicationError, NotFound } from '../http/index.js';

export class ComplaintNotFound extends NotFound {
  override readonly name = 'ComplaintNotFound';
  constructor(readonly complaintId: string) {
    super(`complaint ${complaintId} not found`);
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
