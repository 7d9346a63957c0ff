export { documentEvaluationRoutes } from './command-docs.js';
export { EvaluationsModule } from './evaluations.module.js';
export { evaluationsReadModel } from './evaluations.read-model.js';
