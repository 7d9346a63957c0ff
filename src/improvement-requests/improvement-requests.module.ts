import { Module } from '@nestjs/common';
import { ExecuteImprovementCommandHandler } from './execute-improvement-command.js';
import { ImprovementRequestsController } from './improvement-requests.controller.js';
import { GetImprovementRequestHandler, ImprovementReportHandler, ListImprovementRequestsHandler } from './queries.js';

/** Improvement requests: their commands over HTTP, the request as it stands, its events, the list and the report. */
@Module({
  controllers: [ImprovementRequestsController],
  providers: [ExecuteImprovementCommandHandler, GetImprovementRequestHandler, ListImprovementRequestsHandler, ImprovementReportHandler],
})
export class ImprovementRequestsModule {}
