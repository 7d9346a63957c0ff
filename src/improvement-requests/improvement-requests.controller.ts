import { Body, Controller, Get, HttpCode, Inject, Param, Post, Query, Req, Res } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import type { Request, Response } from 'express';
import { v7 as uuidv7 } from 'uuid';
import { ROLES, type Actor } from '../../domain/access.js';
import { improvementRefusal } from '../../domain/improvement/access.js';
import type { ImprovementCommand, ImprovementCommandType } from '../../domain/improvement/commands.js';
import { localDateOf, type WorkingCalendar } from '../../domain/working-time/index.js';
import { ApiOperation, ApiQuery } from '@nestjs/swagger';
import { improvementStateRefusal, replayImprovement } from '../../domain/improvement/decider.js';
import { eventsAt } from '../audit/index.js';
import { checkRevisionWithin, momentOf } from '../audit/nest.js';
import { CurrentActor, Roles } from '../auth/nest.js';
import type { Catalog } from '../../domain/catalog.js';
import { CALENDAR, CATALOG, CLOCK, type Clock } from '../config/index.js';
import { ComplaintFilterPipe } from '../complaint-stream/index.js';
import { idempotentId, idempotentRequest } from '../commands/index.js';
import { AccessDenied, checkedId, checkIfMatch, correlationIdOf, idempotencyKey, ifMatch, noQueryParameters, NotFound, UnknownCommand } from '../http/index.js';
import { FromReadModels, parseCommandBody } from '../http/nest.js';
import { improvementEventOf } from './stream.js';
import { IMPROVEMENT_COMMAND_ROUTES, isImprovementCommandType, type ImprovementFileBody } from './command-routes.js';
import { ExecuteImprovementCommand } from './execute-improvement-command.js';
import { viewImprovement, viewImprovementEvents, type ImprovementView } from './improvement-view.js';
import type { ImprovementAtRevision, LoadedImprovementRequest } from './load-request.js';
import { GetImprovementRequest, ImprovementReport, ListImprovementRequests, type ImprovementListItem, type ImprovementReportView } from './queries.js';

/** Improvement requests (제도개선 요구): filed by the complaints office, acted on by the department's head, decided by the CS operating committee when declined or overdue. */
@Controller('improvement-requests')
export class ImprovementRequestsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(CALENDAR) private readonly calendar: WorkingCalendar,
    @Inject(CATALOG) private readonly catalog: Catalog,
  ) {}

  @Post()
  @Roles('complaints-office')
  async file(@Body() body: unknown, @CurrentActor() actor: Actor, @Req() request: Request, @Res({ passthrough: true }) response: Response): Promise<ImprovementView> {
    const key = idempotencyKey(request);
    const requestId = key ? idempotentId(actor.id, `improvement-request:${key}`) : uuidv7();
    const result = await this.run(requestId, 'file', body, actor, request);
    response.status(201).location(`/improvement-requests/${requestId}`);
    return this.answer(requestId, result, actor, response);
  }

  @Post(':id/:command')
  @HttpCode(200)
  // Any role reaches the command's own role check (run), which names the command and who may give it.
  @Roles(...ROLES)
  async command(
    @Param('id') id: string,
    @Param('command') command: string,
    @Body() body: unknown,
    @CurrentActor() actor: Actor,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<ImprovementView> {
    if (!isImprovementCommandType(command) || command === 'file') throw new UnknownCommand(command, 'an improvement request', Object.keys(IMPROVEMENT_COMMAND_ROUTES).filter((c) => c !== 'file'));
    const requestId = checkedId(id);
    return this.answer(requestId, await this.run(requestId, command, body, actor, request), actor, response);
  }

  @ApiOperation({ summary: 'Improvement requests, filtered (by complaint, department, state, overdue)' })
  @Get()
  @Roles(...ROLES)
  @FromReadModels()
  list(@Query(ComplaintFilterPipe) query: Record<string, unknown>): Promise<{ items: ImprovementListItem[] }> {
    return this.queries.execute(ListImprovementRequests.from(query, this.today(), this.catalog));
  }

  @ApiOperation({ summary: 'Improvement requests per quarter filed and where each stands now' })
  @Get('report')
  @Roles(...ROLES)
  @FromReadModels()
  report(@Query() query: Record<string, unknown>): Promise<ImprovementReportView> {
    noQueryParameters(query);
    return this.queries.execute(new ImprovementReport(this.today(), this.calendar.timeZone));
  }

  @ApiOperation({ summary: 'One improvement request as it stands now' })
  @Get(':id')
  @Roles(...ROLES)
  async get(@Param('id') id: string, @CurrentActor() actor: Actor, @Res({ passthrough: true }) response: Response): Promise<ImprovementView> {
    const requestId = checkedId(id);
    const loaded: LoadedImprovementRequest = await this.queries.execute(new GetImprovementRequest(requestId));
    return this.answer(requestId, loaded, actor, response);
  }

  /** Time travel: the request as it was at a revision, or at an instant of business time (overdue judged then). */
  @ApiOperation({ summary: 'An improvement request as it was at a revision or an instant (time travel)' })
  @Get(':id/at')
  @Roles(...ROLES)
  @ApiQuery({ name: 'time', required: false, description: 'ISO-8601 date-time with an offset; business time (the events\' occurredAt)' })
  @ApiQuery({ name: 'revision', required: false, description: 'A revision of the request, from 0' })
  async at(@Param('id') id: string, @Query() query: Record<string, unknown>, @CurrentActor() actor: Actor): Promise<ImprovementView & { asOf: object }> {
    const requestId = checkedId(id);
    const moment = momentOf(query, this.clock());
    const loaded: LoadedImprovementRequest = await this.queries.execute(new GetImprovementRequest(requestId));
    checkRevisionWithin(moment, loaded.revision, "the request's");
    const past = loaded.events.slice(0, eventsAt(loaded.events, moment));
    const last = past.at(-1);
    if (!last) throw new NotFound(`improvement request ${requestId} did not exist yet at ${'time' in moment ? moment.time : `revision ${moment.revision}`}: it was filed at ${loaded.events[0]!.metadata.occurredAt}`);
    const instant = 'time' in moment ? moment.time : last.metadata.occurredAt;
    const state = replayImprovement(past.map(improvementEventOf));
    return {
      ...viewImprovement(requestId, { state, revision: last.revision }, actor, instant, this.calendar),
      asOf: { requested: moment, instant, eventId: last.eventId, occurredAt: last.metadata.occurredAt, recordedAt: last.recordedAt, currentRevision: loaded.revision },
    };
  }

  @ApiOperation({ summary: "An improvement request's events" })
  @Get(':id/events')
  @Roles(...ROLES)
  async events(@Param('id') id: string): Promise<{ events: ReturnType<typeof viewImprovementEvents> }> {
    const loaded: LoadedImprovementRequest = await this.queries.execute(new GetImprovementRequest(checkedId(id)));
    return { events: viewImprovementEvents(loaded.events) };
  }

  private async run(requestId: string, type: ImprovementCommandType, body: unknown, actor: Actor, request: Request): Promise<ImprovementAtRevision> {
    // The role decides before the body is read; the state and the department are checked against the request later.
    const refused = improvementRefusal(actor, type, undefined);
    if (refused) throw new AccessDenied(refused);
    const parsed = await parseCommandBody(IMPROVEMENT_COMMAND_ROUTES[type].body, body, async () => {
      if (type === 'file') return;
      const loaded: LoadedImprovementRequest = await this.queries.execute(new GetImprovementRequest(requestId));
      checkIfMatch(request, 'improvement request', loaded.revision);
      const notNow = improvementStateRefusal(type, loaded.state, this.clock().toISOString(), this.calendar);
      if (notNow) throw notNow;
    });
    const data = type === 'file' ? { ...(parsed as ImprovementFileBody), requestId, complaints: (parsed as ImprovementFileBody).complaints ?? [] } : parsed;
    const command = { type, data, now: this.clock().toISOString() } as ImprovementCommand;
    const key = idempotencyKey(request);
    const idempotency = key === undefined ? undefined : idempotentRequest(key, request.method, type === 'file' ? '/improvement-requests' : `/improvement-requests/${requestId}/${type}`, body);
    return this.commands.execute(new ExecuteImprovementCommand(requestId, command, actor, { expectedRevision: ifMatch(request, 'improvement request'), idempotency, correlationId: correlationIdOf(request) }));
  }

  private answer(requestId: string, result: ImprovementAtRevision, actor: Actor, response: Response): ImprovementView {
    response.setHeader('ETag', `"${result.revision}"`);
    return viewImprovement(requestId, result, actor, this.clock().toISOString(), this.calendar);
  }

  private today(): string {
    return localDateOf(this.clock().toISOString(), this.calendar);
  }
}
