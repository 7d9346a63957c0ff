import { Module } from '@nestjs/common';
import { CaseIdPipe } from '../complaint-stream/index.js';
import { READ_MODELS, type ReadModelDatabase } from '../read-models/index.js';
import { ComplaintsController } from './complaints.controller.js';
import { ExecuteComplaintCommandHandler } from './execute-complaint-command.js';
import { IdempotencyKeys } from '../commands/index.js';
import { GetComplaintEventsHandler, GetComplaintHandler, GetSubjectsHandler, ListComplaintsHandler, ListHandlersHandler } from './queries.js';

/** Complaints: every command over HTTP, the case as it stands, its events, and the case list. */
@Module({
  controllers: [ComplaintsController],
  providers: [
    { provide: IdempotencyKeys, inject: [READ_MODELS], useFactory: ({ sql, s }: ReadModelDatabase) => IdempotencyKeys.open(sql, s) },
    CaseIdPipe, ExecuteComplaintCommandHandler, GetComplaintHandler, GetComplaintEventsHandler, GetSubjectsHandler, ListComplaintsHandler, ListHandlersHandler],
})
export class ComplaintsModule {}
