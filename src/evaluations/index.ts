export { evaluationsReadModel } from './evaluations.read-model.js';
