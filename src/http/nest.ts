// What needs Nest's web or bus machinery, kept out of index.ts (README, "The modules of src/"): the
// service's HTTP set-up, the marks controllers put in the API description, the parsing of request bodies
// (class-validator).
export { configureHttp } from './configure-http.js';
export { ServiceExpressAdapter } from './express-adapter.js';
export { errorAnswers, PUBLIC_ROUTE, RESTRICTED_ROUTE } from './openapi.js';
export { FromReadModels, ReadsYourWrites } from './read-your-writes-routes.js';
export { IsDay, IsInstant, IsSubjectId, parseBody, parseCommandBody } from './parse-body.js';
