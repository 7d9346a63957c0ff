import { Controller, Get, Inject, Param, Query, Req } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOperation, ApiQuery } from '@nestjs/swagger';
import type { Request } from 'express';
import { ROLES, type Actor } from '../../domain/access.js';
import { CurrentActor, Roles } from '../auth/nest.js';
import { CaseIdPipe } from '../complaint-stream/index.js';
import { CLOCK, type Clock } from '../config/index.js';
import { accessReason, correlationIdOf, noQueryParameters, TakesAccessReason } from '../http/index.js';
import { AccessLog, readRecord } from './access-log.js';
import type { CaseAt, CaseAtResult, Replay } from './case-history.js';
import { markAccessLogged } from './personal-data-reads.js';
import { GetComplaintAt, ReplayComplaint } from './queries.js';

/**
 * A case's past for whoever may read the case: time travel and step-by-step replay. Its personal data
 * is shown to those who handle the case now (or to an auditor's break-glass read), redacted for
 * everyone else, and every call is written to the access log.
 */
@Controller('complaints')
@Roles(...ROLES)
export class CaseHistoryController {
  constructor(
    private readonly queries: QueryBus,
    @Inject(AccessLog) private readonly accessLog: AccessLog,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /**
   * The case as it was at a revision, or at an instant of business time: the events whose
   * `occurredAt` is at or before `time` (the longest such prefix of the stream), replayed through the
   * lifecycle machine. The SLA is measured at `time`, or at the revision's event time.
   */
  @ApiOperation({ summary: 'A case as it was at a revision or an instant (time travel)' })
  @Get(':id/at')
  @ApiQuery({ name: 'time', required: false, description: 'ISO-8601 date-time with an offset; business time (the events\' occurredAt)' })
  @ApiQuery({ name: 'revision', required: false, description: 'A revision of the case, from 0' })
  @TakesAccessReason()
  async at(@Param('id', CaseIdPipe) id: string, @Query() query: Record<string, unknown>, @CurrentActor() actor: Actor, @Req() request: Request): Promise<CaseAt> {
    const reason = accessReason(request, actor);
    const asked = GetComplaintAt.from(id, query, { actor, reason }, this.clock());
    const result: Extract<CaseAtResult, { found: true }> = await this.queries.execute(asked);
    // A HEAD is answered without the body: nothing was shown, nothing is logged.
    if (request.method !== 'HEAD') await this.accessLog.record({
      actor,
      ...readRecord('time-travel', result.personalData, reason),
      complaintId: asked.complaintId,
      detail: { ...asked.moment, revision: result.view.revision, route: request.path },
      correlationId: correlationIdOf(request),
    });
    markAccessLogged(request);
    return result.view;
  }

  /** Every event with the case before and after it, its actor, role, time, ISO 10002 clause and hashes. */
  @ApiOperation({ summary: 'A case replayed event by event, with its state before and after each' })
  @Get(':id/replay')
  @TakesAccessReason()
  async replay(@Param('id', CaseIdPipe) complaintId: string, @Query() query: Record<string, unknown>, @CurrentActor() actor: Actor, @Req() request: Request): Promise<Replay> {
    // The whole history: a revision or an instant is GET /complaints/{id}/at's, and a parameter given here would be silently ignored.
    noQueryParameters(query);
    const reason = accessReason(request, actor);
    const replay: Replay = await this.queries.execute(new ReplayComplaint(complaintId, { actor, reason }));
    if (request.method !== 'HEAD') await this.accessLog.record({
      actor,
      ...readRecord('replay', replay.personalData, reason),
      complaintId,
      detail: { revision: replay.revision, route: request.path },
      correlationId: correlationIdOf(request),
    });
    markAccessLogged(request);
    return replay;
  }
}
