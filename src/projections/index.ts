export { ProjectionRunner, type ProjectionStatus, type RebuildProgress } from './projection-runner.js';
export { ProjectionsModule } from './projections.module.js';
export { PROJECTIONS } from './tokens.js';
export { readModelsFor } from './registry.js';
