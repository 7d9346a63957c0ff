import { Controller, Get, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { SLA_STATUSES } from '../../projections/sla.js';
import { Roles } from '../auth/nest.js';
import { ComplaintFilterPipe } from '../complaint-stream/index.js';
import { FromReadModels } from '../http/nest.js';
import { Reporting } from './reporting.js';
import { GetSlaReport, type SlaReport } from './sla.queries.js';

@ApiTags('reports')
@Controller('reports/sla')
@FromReadModels()
export class SlaController {
  constructor(
    private readonly queries: QueryBus,
    private readonly reporting: Reporting,
  ) {}

  /**
   * Each case's SLA period: due time, working time used and paused, status now (breached, at-risk,
   * on-track; met once stopped in time; not-applicable without a deadline to judge), the moment of breach,
   * interim notice missing. Urgent cases first, then the newest receipt.
   */
  @ApiOperation({ summary: "Each case's SLA position: due, used, paused, status" })
  @Get()
  @ApiQuery({ name: 'complaint', required: false, description: "One case's periods, by its id or its reference, 2026-000123 (the case page's SLA position)" })
  @ApiQuery({ name: 'status', required: false, enum: SLA_STATUSES, description: 'met: the clock stopped within the deadline; not-applicable: no deadline to judge (a compliment, or a case withdrawn or excluded at initial assessment before its deadline ran out)' })
  @ApiQuery({ name: 'department', required: false, description: 'A department code of the catalog, or `unassigned`: the cases no department handled (never assigned)' })
  @ApiQuery({ name: 'category', required: false, description: 'A category code of the catalog' })
  @ApiQuery({ name: 'open', required: false, enum: ['true', 'false'], description: 'Only open (or only ended) cases' })
  @ApiQuery({ name: 'limit', required: false, description: '1 to 1000, default 100' })
  @ApiQuery({ name: 'cursor', required: false, description: 'The nextCursor of the previous page' })
  @Roles('intake', 'handler', 'department-head', 'complaints-office', 'manager', 'auditor', 'admin')
  report(@Query(ComplaintFilterPipe) query: Record<string, unknown>): Promise<SlaReport> {
    return this.queries.execute(GetSlaReport.from(query, this.reporting.catalog, this.reporting.now()));
  }
}
