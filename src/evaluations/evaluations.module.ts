import { Module } from '@nestjs/common';
import { IdempotencyKeys } from '../commands/index.js';
import { READ_MODELS, type ReadModelDatabase } from '../read-models/index.js';
import { EvaluationsController } from './evaluations.controller.js';
import { EvaluationEvidenceSource } from './evidence.js';
import { ExecuteEvaluationCommandHandler } from './execute-evaluation-command.js';
import { GetInspectionHandler, InspectionsController, RecordInspectionHandler } from './inspections.js';
import { GetEvaluationHandler, GetFollowUpHandler, LatestEvaluatedQuarterHandler, ListEvaluationsHandler, ListInspectionsHandler } from './queries.js';

/** Quarterly operating-performance evaluations and ad-hoc inspections: their streams, commands over HTTP, the list, the printable report. */
@Module({
  controllers: [EvaluationsController, InspectionsController],
  providers: [
    { provide: IdempotencyKeys, inject: [READ_MODELS], useFactory: ({ sql, s }: ReadModelDatabase) => IdempotencyKeys.open(sql, s) },
    EvaluationEvidenceSource, ExecuteEvaluationCommandHandler, GetEvaluationHandler, GetFollowUpHandler, ListEvaluationsHandler, LatestEvaluatedQuarterHandler,
    RecordInspectionHandler, GetInspectionHandler, ListInspectionsHandler,
  ],
})
export class EvaluationsModule {}
