import { Controller, Get, Param, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOperation, ApiQuery } from '@nestjs/swagger';
import { seesPseudonymousKeys, type Actor } from '../../domain/access.js';
import { CurrentActor, Roles } from '../auth/nest.js';
import { CaseIdPipe } from '../complaint-stream/index.js';
import { noQueryParameters } from '../http/index.js';
import { FromReadModels } from '../http/nest.js';
import { GetAuditTrail, GetConformity, type AuditTrail, type QuarterConformity } from './audit.queries.js';

/** ISO 10002 for auditors: read only, and without the complainant's personal data. */
@Controller('audit')
@Roles('auditor', 'complaints-office', 'manager', 'admin')
@FromReadModels()
export class AuditController {
  constructor(private readonly queries: QueryBus) {}

  /** Every event with the clause it evidences, and the case's 7.2–7.9 checklist. */
  @ApiOperation({ summary: "A case's audit trail: every event with the ISO 10002 clause it evidences" })
  @Get('complaints/:id/trail')
  trail(@Param('id', CaseIdPipe) id: string, @Query() query: Record<string, unknown>, @CurrentActor() actor: Actor): Promise<AuditTrail> {
    noQueryParameters(query);
    return this.queries.execute(new GetAuditTrail(id, seesPseudonymousKeys(actor)));
  }

  /** The share of cases closed in the quarter conforming to each clause. */
  @ApiOperation({
    summary: "The share of a quarter's closed cases conforming to each ISO 10002 clause",
    description:
      '`population` names what is counted: the distinct cases closed in the quarter (a reopened case by its latest closing), withdrawn and excluded ones included, compliments apart. ' +
      '(The quarter’s evidence export counts the cases received in the quarter instead, open ones included.) `cases`: how many. ' +
      '`conforming`: cases judged whole without a gap (every clause evidenced or not applicable); `open`: cases without a gap whose checklist still has a "not yet" ' +
      '(a closed case has none); `withGaps`: cases with at least one gap; each with its share of `cases`. ' +
      '`satisfactionSurveyed`: of these cases, those whose complainant answered the satisfaction survey, whenever it was recorded ' +
      '(not the quarterly report’s `satisfactionResponses`, the surveys recorded in the quarter).',
  })
  @Get('conformity')
  @ApiQuery({ name: 'quarter', required: true, example: '2026-Q3', description: 'A calendar quarter in the working calendar’s time zone' })
  conformity(@Query() query: Record<string, unknown>): Promise<QuarterConformity> {
    return this.queries.execute(GetConformity.from(query));
  }
}
