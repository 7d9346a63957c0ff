import { Controller, Get, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiQuery } from '@nestjs/swagger';
import { Roles } from '../auth/index.js';
import { GetRepeatOffenders, type RepeatOffenderReport } from './repeat-offenders.queries.js';

@Controller('reports/repeat-offenders')
export class RepeatOffendersController {
  constructor(private readonly queries: QueryBus) {}

  /** Subjects with substantiated complaints for the same reason in the year, repeat complainants, the frequent categories. */
  @Get()
  @ApiQuery({ name: 'year', required: true, example: 2026, description: 'A calendar year, by receipt' })
  @Roles('complaints-office', 'manager', 'auditor', 'admin')
  report(@Query() query: Record<string, unknown>): Promise<RepeatOffenderReport> {
    return this.queries.execute(GetRepeatOffenders.from(query));
  }
}
