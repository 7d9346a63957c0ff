export { improvementRequestsReadModel } from './improvement-requests.read-model.js';
export { improvementEventOf, improvementRequestIdOf, improvementStreamId } from './stream.js';
