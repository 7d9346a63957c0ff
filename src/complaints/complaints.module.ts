import { Module } from '@nestjs/common';
import { ComplaintsController } from './complaints.controller.js';
import { ExecuteComplaintCommandHandler } from './execute-complaint-command.js';
import { GetComplaintEventsHandler, GetComplaintHandler, ListComplaintsHandler } from './queries.js';

/** Complaints: every command over HTTP, the case as it stands, its events, and the case list. */
@Module({
  controllers: [ComplaintsController],
  providers: [ExecuteComplaintCommandHandler, GetComplaintHandler, GetComplaintEventsHandler, ListComplaintsHandler],
})
export class ComplaintsModule {}
