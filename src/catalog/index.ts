export { CatalogModule } from './catalog.module.js';
export { documentSurveys } from './survey-docs.js';
