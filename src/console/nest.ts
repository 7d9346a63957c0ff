// What needs Nest's web or bus machinery, kept out of index.ts (README, "The modules of src/"): what the
// API description takes from here.
export { documentDevRoutes } from './demo-tokens.js';
