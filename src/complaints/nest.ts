// What needs Nest's web or bus machinery, kept out of index.ts (README, "The modules of src/"): the command
// the portal sends through the bus, the bodies it shares, the API description's routes.
export { documentCommandRoutes } from './command-docs.js';
export { AmendBody, ComplainantBody, RecordSatisfactionBody } from './command-routes.js';
export { ExecuteComplaintCommand, type CommandAnswer } from './execute-complaint-command.js';
