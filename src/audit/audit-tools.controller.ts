import { Controller, Get, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOperation, ApiQuery } from '@nestjs/swagger';
import { Roles } from '../auth/nest.js';
import { ACCESS_ACTIONS } from './access-log.js';
import { ListAccessLog, VerifyStore, type AccessLogPage, type StoreVerification } from './queries.js';

@Controller('audit')
export class AuditToolsController {
  constructor(private readonly queries: QueryBus) {}

  /**
   * Recomputes every event's hash chain and every seal of the global order; `firstMismatch` names the
   * first event that does not match. With `readModels=true` also rebuilds every read model from the
   * events into scratch tables and names each live row that differs (`readModels.differences`).
   * `ok: false` is an answer, not an error: the status is 200.
   */
  @ApiOperation({ summary: "Verify every event's hash chain and the seals of the global order, and on request the read models against the events" })
  @Get('verify')
  @Roles('auditor', 'complaints-office', 'admin')
  @ApiQuery({ name: 'limit', required: false, description: 'Findings (and read-model differences) listed, 1 to 1000 (default 100)' })
  @ApiQuery({
    name: 'readModels',
    required: false,
    enum: ['true', 'false'],
    description: 'true: also compare every read model with a rebuild from the events (as long as `npm run projections:rebuild`; one at a time per process). Default false: `readModels` is null',
  })
  verify(@Query() query: Record<string, unknown>): Promise<StoreVerification> {
    return this.queries.execute(VerifyStore.from(query));
  }

  /** Who read whose personal data (by a break-glass read: why), replayed, time-travelled or exported what, newest first. */
  @ApiOperation({ summary: 'Who read, replayed or exported whose personal data, newest first' })
  @Get('access-log')
  @Roles('auditor', 'admin')
  @ApiQuery({ name: 'complaintId', required: false, description: 'A complaint id or its reference, 2026-000123 (404 for one no case has, unless the log names it)' })
  @ApiQuery({ name: 'actor', required: false, description: 'The actor id (the token subject)' })
  @ApiQuery({ name: 'action', required: false, enum: ACCESS_ACTIONS })
  @ApiQuery({ name: 'from', required: false, description: 'ISO-8601 date-time with an offset, inclusive' })
  @ApiQuery({ name: 'to', required: false, description: 'ISO-8601 date-time with an offset, exclusive' })
  @ApiQuery({ name: 'limit', required: false, description: '1 to 200 (default 50)' })
  @ApiQuery({ name: 'cursor', required: false, description: 'nextCursor of the previous page' })
  accessLog(@Query() query: Record<string, unknown>): Promise<AccessLogPage> {
    return this.queries.execute(ListAccessLog.from(query));
  }
}
