export { caseEventOf, caseReadModel, fromJson, streamReadModel, type CaseChange, type CaseEvent, type CaseReadModel, type ReadModel, type StreamChange, type StreamReadModel } from './read-model.js';
export { READ_MODELS, readModelDatabase, type ReadModelDatabase } from './read-model-database.js';
export { jsonDifferences, shownValue, type JsonDifference } from './json-differences.js';
