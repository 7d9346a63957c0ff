import { Controller, Get, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { Roles } from '../auth/nest.js';
import { FromReadModels } from '../http/nest.js';
import { GetCompensationReport, type CompensationReport } from './compensation.queries.js';

@ApiTags('reports')
@Controller('reports/compensation')
@FromReadModels()
export class CompensationController {
  constructor(private readonly queries: QueryBus) {}

  /** Compensation granted and handed over in the quarter, per department, trigger and currency (004 seed, ch. 3 ⑤ 나). */
  @ApiOperation({ summary: 'Compensation granted and handed over in a quarter' })
  @Get()
  @ApiQuery({ name: 'quarter', required: true, example: '2026-Q3', description: 'A calendar quarter in the working calendar’s time zone' })
  @Roles('complaints-office', 'manager', 'auditor', 'admin', 'department-head')
  report(@Query() query: Record<string, unknown>): Promise<CompensationReport> {
    return this.queries.execute(GetCompensationReport.from(query));
  }
}
