export { complaintListReadModel } from './complaint-list.read-model.js';
export { viewComplaint, viewEvents, type ComplaintView, type EventView } from './complaint-view.js';
export { ComplaintNotFound, IdempotencyKeyReused } from './errors.js';
export { idempotentId, idempotentRequest, IdempotencyKeys, type IdempotentRequest } from './idempotency-keys.js';
