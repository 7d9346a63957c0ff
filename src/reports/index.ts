export { GetAuditTrail, type AuditTrail, GetConformity, type QuarterConformity } from './audit.queries.js';
export { GetQuarterlyReport, type QuarterlyAnswer } from './quarterly.queries.js';
export { ReportsModule } from './reports.module.js';
export { auditTrailReadModel } from './audit-trail.read-model.js';
export { compensationReadModel } from './compensation.read-model.js';
export { handlingPeriodsReadModel } from './handling-periods.read-model.js';
export { quarterParameter } from './quarter-parameter.js';
export { repeatOffenceJudgementsReadModel } from './repeat-offence-judgements.read-model.js';
export { repeatOffendersReadModel } from './repeat-offenders.read-model.js';
