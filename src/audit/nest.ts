// What needs Nest's web or bus machinery, kept out of index.ts (README, "The modules of src/"): the query
// bus's time-travel checks.
export { checkRevisionWithin, momentOf } from './queries.js';
