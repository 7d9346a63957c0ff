export { ProjectionRunner, type ProjectionStatus, type RebuildProgress } from './projection-runner.js';
export type { ReadModelComparison, ReadModelDifference } from './read-model-check.js';
export { PROJECTIONS } from './tokens.js';
export { readModelsFor } from './registry.js';
