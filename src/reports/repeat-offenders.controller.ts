import { Controller, Get, Query, Req } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';
import type { Request } from 'express';
import type { Actor } from '../../domain/access.js';
import { QueryBus } from '@nestjs/cqrs';
import { ApiQuery } from '@nestjs/swagger';
import { CurrentActor, Roles } from '../auth/nest.js';
import { accessReason, TakesAccessReason } from '../http/index.js';
import { FromReadModels } from '../http/nest.js';
import { GetRepeatOffenders, type RepeatOffenderReport } from './repeat-offenders.queries.js';

@Controller('reports/repeat-offenders')
@FromReadModels()
export class RepeatOffendersController {
  constructor(private readonly queries: QueryBus) {}

  /** Subjects with substantiated complaints for the same reason in the year, repeat complainants, the frequent categories. */
  @ApiOperation({
    summary: "A year's repeat offenders, repeat complainants and frequent categories",
    description:
      'Each case is `{complaintId, reference, department, receivedAt, category}`: its id, its human reference (`2026-000123`; null where the store gave none) and the department handling it (null while none does). ' +
      'The measures of a flagged subject (`measures`: the judgement and the CS training referrals) are an employee’s personal data: `"[redacted]"` but for the complaints office and an auditor’s break-glass read.',
  })
  @Get()
  @ApiQuery({ name: 'year', required: true, example: 2026, description: 'A calendar year, by receipt' })
  @Roles('complaints-office', 'manager', 'auditor', 'admin')
  @TakesAccessReason('Auditors: a break-glass read of the judgements of flagged subjects (an employee’s personal data), with the reason.')
  report(@Query() query: Record<string, unknown>, @CurrentActor() actor: Actor, @Req() request: Request): Promise<RepeatOffenderReport> {
    return this.queries.execute(GetRepeatOffenders.from(query, { actor, reason: accessReason(request, actor) }));
  }
}
