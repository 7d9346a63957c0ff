import { Controller, Get, Param, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { Roles } from '../auth/decorators.js';
import { BadRequest } from '../http/error-filter.js';
import { GetAuditTrail, GetConformity, type AuditTrail, type QuarterConformity } from './audit.queries.js';

const ID_PATTERN = /^[A-Za-z0-9-]{1,64}$/;

/** ISO 10002 for auditors: read only, and without the complainant's personal data. */
@Controller('audit')
@Roles('auditor', 'complaints-office', 'manager', 'admin')
export class AuditController {
  constructor(private readonly queries: QueryBus) {}

  /** Every event with the clause it evidences, and the case's 7.2–7.9 checklist. */
  @Get('complaints/:id/trail')
  trail(@Param('id') id: string): Promise<AuditTrail> {
    if (!ID_PATTERN.test(id)) throw new BadRequest([{ field: 'id', rule: 'must be 1 to 64 letters, digits or dashes' }]);
    return this.queries.execute(new GetAuditTrail(id));
  }

  /** The share of cases closed in the quarter conforming to each clause. */
  @Get('conformity')
  conformity(@Query() query: Record<string, unknown>): Promise<QuarterConformity> {
    return this.queries.execute(GetConformity.from(query));
  }
}
