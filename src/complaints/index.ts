export { documentCommandRoutes } from './command-docs.js';
export { complaintListReadModel } from './complaint-list.read-model.js';
export { viewComplaint, viewEvents, type ComplaintView, type EventView } from './complaint-view.js';
export { ComplaintsModule } from './complaints.module.js';
export { ComplaintNotFound, IdempotencyKeyReused } from './errors.js';
export { idempotentId } from './execute-complaint-command.js';
export { idempotentRequest, IdempotencyKeys, type IdempotentRequest } from './idempotency-keys.js';
export { AmendBody, ComplainantBody, RecordSatisfactionBody } from './command-routes.js';
export { ExecuteComplaintCommand, type CommandAnswer } from './execute-complaint-command.js';
