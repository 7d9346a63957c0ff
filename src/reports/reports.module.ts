import { Module } from '@nestjs/common';
import { AuditController } from './audit.controller.js';
import { CompensationController } from './compensation.controller.js';
import { JudgeRepeatOffenderHandler, RepeatOffenceJudgementsController } from './repeat-offence-judgements.js';
import { GetCompensationReportHandler } from './compensation.queries.js';
import { GetAuditTrailHandler, GetConformityHandler } from './audit.queries.js';
import { QuarterlyController } from './quarterly.controller.js';
import { GetQuarterlyReportHandler } from './quarterly.queries.js';
import { RepeatOffendersController } from './repeat-offenders.controller.js';
import { GetRepeatOffendersHandler } from './repeat-offenders.queries.js';
import { Reporting } from './reporting.js';
import { NominationsController } from './nominations.js';
import { SlaController } from './sla.controller.js';
import { StaffSurveyController, staffSurveyParticipationProvider } from './staff-survey.js';
import { YearlyReportsController } from './yearly.controller.js';
import { YearlyReports } from './yearly.queries.js';
import { CountOpenCasesHandler, GetSlaReportHandler } from './sla.queries.js';

/** Reports over the read models: SLA per case, the quarter's performance, repeat offenders, compensation, the ISO 10002 trail and conformity, the yearly reports (with the staff survey and the nominations for a reward). */
@Module({
  controllers: [SlaController, QuarterlyController, RepeatOffendersController, AuditController, CompensationController, RepeatOffenceJudgementsController, YearlyReportsController, StaffSurveyController, NominationsController],
  providers: [Reporting, GetSlaReportHandler, CountOpenCasesHandler, GetQuarterlyReportHandler, GetRepeatOffendersHandler, GetAuditTrailHandler, GetConformityHandler, GetCompensationReportHandler, JudgeRepeatOffenderHandler, YearlyReports, staffSurveyParticipationProvider],
})
export class ReportsModule {}
