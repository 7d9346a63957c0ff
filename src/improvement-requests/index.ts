export { improvementRequestsReadModel } from './improvement-requests.read-model.js';
export { ImprovementRequestsModule } from './improvement-requests.module.js';
export { documentImprovementRoutes } from './command-docs.js';
export { improvementEventOf, improvementRequestIdOf, improvementStreamId } from './stream.js';
