export { caseReadModel, fromJson, type CaseChange, type CaseEvent, type CaseReadModel, type ReadModel } from './read-model.js';
export { READ_MODELS, readModelDatabase, type ReadModelDatabase } from './read-model-database.js';
export { ReadModelsModule } from './read-models.module.js';
