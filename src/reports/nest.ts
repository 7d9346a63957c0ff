// What needs Nest's web or bus machinery, kept out of index.ts (README, "The modules of src/"): the queries
// other features send through the query bus.
export { GetAuditTrail, type AuditTrail, GetConformity, type QuarterConformity } from './audit.queries.js';
export { GetQuarterlyReport, type QuarterlyAnswer } from './quarterly.queries.js';
export { GetRepeatOffenders, type RepeatOffenderReport } from './repeat-offenders.queries.js';
export { CountOpenCases, type OpenCaseCount, STATUS_SQL as SLA_STATUS_SQL } from './sla.queries.js';
