export { auditTrailReadModel } from './audit-trail.read-model.js';
export { compensationReadModel } from './compensation.read-model.js';
export { handlingPeriodsReadModel } from './handling-periods.read-model.js';
export { quarterParameter } from './quarter-parameter.js';
export { repeatOffenceJudgementsReadModel } from './repeat-offence-judgements.read-model.js';
export { repeatOffendersReadModel } from './repeat-offenders.read-model.js';
export { HANDLING_PERIODS_TABLE, NOT_A_COMPLIMENT } from './handling-periods.read-model.js';
export { nominationsReadModel, staffSurveyAnswersReadModel } from './yearly-records.read-model.js';
