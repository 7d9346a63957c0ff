export { complaintListReadModel } from './complaint-list.read-model.js';
export { viewComplaint, viewEvents, type ComplaintView, type EventView } from './complaint-view.js';
export { ComplaintNotFound } from './errors.js';
