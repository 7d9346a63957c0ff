import { Controller, Get, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { CHANNELS } from '../../domain/catalog.js';
import { Roles } from '../auth/nest.js';
import { FromReadModels } from '../http/nest.js';
import { GetQuarterlyReport, type QuarterlyAnswer } from './quarterly.queries.js';
import { Reporting } from './reporting.js';

@ApiTags('reports')
@Controller('reports/quarterly')
@FromReadModels()
export class QuarterlyController {
  constructor(
    private readonly queries: QueryBus,
    private readonly reporting: Reporting,
  ) {}

  /** The quarter's performance figures (see projections/quarterly.ts for what each counts), each beside the previous quarter's. */
  @ApiOperation({
    summary: "A quarter's performance figures beside the previous quarter's",
    description:
      'Each figure is `{value, previous}`. `period` and `previousPeriod` give each quarter’s bounds (`start`, and `end`, the next quarter’s first instant) and whether, ' +
      'at `asOf` (when the answer was made), it is `not-started` (no figures yet; `openAtQuarterEnd` and `repeatOffendersFlagged` null, its end being still to come), `in-progress` (its figures so far; `openAtQuarterEnd` counts the cases open now) or `complete`. ' +
      '`figures.closed` counts handling periods closed in the quarter, not cases: a case closed, reopened and closed again counts once per closing ' +
      '(the yearly satisfaction’s `coverage.closed` and an evaluation’s `evidence.causes.closed` count distinct cases). ' +
      '`figures.satisfactionResponses` counts the satisfaction surveys recorded in the quarter, whichever quarter their case was closed in ' +
      '(`GET /audit/conformity`’s `satisfactionSurveyed` counts the cases closed in the quarter that were ever surveyed).',
  })
  @Get()
  @ApiQuery({ name: 'quarter', required: true, example: '2026-Q3', description: 'A calendar quarter in the working calendar’s time zone' })
  @ApiQuery({
    name: 'department',
    required: false,
    description: 'A department code of the catalog, or `unassigned`: the cases no department handled (never assigned: excluded at assessment, withdrawn before routing, not routed yet), so that the departments add up to the whole',
  })
  @ApiQuery({ name: 'category', required: false, description: 'A category code of the catalog' })
  @ApiQuery({ name: 'channel', required: false, enum: CHANNELS })
  @Roles('complaints-office', 'manager', 'auditor', 'admin', 'department-head')
  report(@Query() query: Record<string, unknown>): Promise<QuarterlyAnswer> {
    return this.queries.execute(GetQuarterlyReport.from(query, this.reporting.catalog));
  }
}
