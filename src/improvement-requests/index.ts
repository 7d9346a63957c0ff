export { improvementRequestsReadModel } from './improvement-requests.read-model.js';
export { ImprovementRequestsModule } from './improvement-requests.module.js';
