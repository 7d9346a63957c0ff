import { Body, Controller, Get, HttpCode, Inject, Param, Post, Query, Req, Res } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiParam, ApiQuery, ApiResponse } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { v7 as uuidv7 } from 'uuid';
import type { Catalog } from '../../domain/catalog.js';
import { maySeePersonalData, personalDataAccess, refusal, ROLES, showsEmployeeMeasures, type Actor } from '../../domain/access.js';
import { complaintOf, stateRefusal } from '../../domain/complaint/decider.js';
import { COMMAND_TYPES, type ComplaintCommand, type ComplaintCommandType } from '../../domain/complaint/commands.js';
import { SLA_STATUSES } from '../../projections/sla.js';
import { CurrentActor, Roles } from '../auth/nest.js';
import { CaseIdPipe, type ComplaintAtRevision } from '../complaint-stream/index.js';
import { CATALOG, CLOCK, type Clock } from '../config/index.js';
import { AccessDenied, accessReason, checkIfMatch, correlationIdOf, idempotencyKey, ifMatch, noQueryParameters, TakesAccessReason, UnknownCommand } from '../http/index.js';
import { FromReadModels, parseCommandBody } from '../http/nest.js';
import { COMMAND_ROUTES, isCommandType } from './command-routes.js';
import { viewComplaint, type ComplaintView } from './complaint-view.js';
import { ExecuteComplaintCommand, type CommandAnswer } from './execute-complaint-command.js';
import { idempotentId, idempotentRequest } from '../commands/index.js';
import { GetComplaint, GetComplaintEvents, GetSubjects, LIST_ORDERS, ListComplaints, ListHandlers, MAX_SUBJECT_IDS, STATE_FILTERS, type CaseSubject, type ComplaintPage, type DepartmentHandler } from './queries.js';

const CASE_ID = { name: 'id', description: "The case's id or its reference (2026-000123)" };

@Controller('complaints')
export class ComplaintsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(CATALOG) private readonly catalog: Catalog,
    /** Resolved after the command's name is checked: an unknown command says so whatever the id. */
    private readonly caseIds: CaseIdPipe,
  ) {}

  @Post()
  @Roles('intake', 'complaints-office')
  async receive(@Body() body: unknown, @CurrentActor() actor: Actor, @Req() request: Request, @Res({ passthrough: true }) response: Response): Promise<ComplaintView> {
    const key = idempotencyKey(request);
    const complaintId = key ? idempotentId(actor.id, `complaint:${key}`) : uuidv7();
    const result = await this.run(complaintId, 'receive', body, actor, request, '/complaints');
    response.status(201).location(`/complaints/${complaintId}`);
    return this.answer(result, actor, response);
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
  ): Promise<ComplaintView> {
    if (!isCommandType(command) || command === 'receive') throw new UnknownCommand(command, 'a complaint', COMMAND_TYPES.filter((c) => c !== 'receive'));
    const complaintId = await this.caseIds.transform(id);
    return this.answer(await this.run(complaintId, command, body, actor, request, `/complaints/${complaintId}/${command}`), actor, response);
  }

  @ApiOperation({ summary: 'Cases, filtered, urgent first then newest, or most urgent first' })
  @Get()
  @ApiQuery({ name: 'state', required: false, enum: STATE_FILTERS, description: 'A lifecycle state, or open: received, assigned, investigated and decided together' })
  @ApiQuery({ name: 'department', required: false, description: 'A department code of the catalog' })
  @ApiQuery({ name: 'involving', required: false, description: 'A department code: the cases it leads or cooperates on' })
  @ApiQuery({ name: 'sla', required: false, enum: SLA_STATUSES, description: "The SLA status now of the case's latest handling period (as GET /reports/sla reports it)" })
  @ApiQuery({
    name: 'order',
    required: false,
    enum: LIST_ORDERS,
    description: 'newest (default): urgent cases first, then newest first; urgency: urgent cases first, then breached, at risk, on track, met, then due first, then oldest',
  })
  @ApiQuery({ name: 'category', required: false, description: 'A category code of the catalog' })
  @ApiQuery({ name: 'assignee', required: false, description: 'The handler id (token subject)' })
  @ApiQuery({ name: 'limit', required: false, description: '1 to 100 (default 20)' })
  @ApiQuery({ name: 'cursor', required: false, description: 'nextCursor of the previous page' })
  @Roles(...ROLES)
  @FromReadModels()
  list(@Query() query: Record<string, unknown>): Promise<ComplaintPage> {
    return this.queries.execute(ListComplaints.from(query, this.clock().toISOString(), this.catalog));
  }

  @ApiOperation({
    summary: 'The subject lines of many cases at once',
    description:
      "The first words of each case's description (at most eight, at most 100 characters, `…` where it goes on), where the asker may read the case's personal data (as `GET /complaints/{id}` would show it); `null` where not. Each subject shown is recorded in the access log.",
  })
  @Get('subjects')
  @ApiQuery({ name: 'ids', required: true, description: `1 to ${MAX_SUBJECT_IDS} case ids or references (2026-000123), comma-separated` })
  @ApiOkResponse({
    description: 'One subject per case asked, in the order asked',
    schema: {
      type: 'object',
      required: ['subjects'],
      properties: {
        subjects: {
          type: 'array',
          items: { type: 'object', required: ['id', 'subject'], properties: { id: { type: 'string', description: "The case's id" }, subject: { type: 'string', nullable: true } } },
        },
      },
    },
  })
  @ApiResponse({ status: 404, description: 'A case asked for does not exist' })
  @Roles(...ROLES)
  subjects(@Query() query: Record<string, unknown>, @CurrentActor() actor: Actor): Promise<{ subjects: CaseSubject[] }> {
    return this.queries.execute(GetSubjects.from(query, actor));
  }

  @ApiOperation({
    summary: "A department's handlers",
    description:
      'The handler ids (token subjects) the running cases (assigned, investigated, decided) of the department are assigned to, with how many each holds, by id: ' +
      'the names a department head or the complaints office chooses from when assigning. There is no staff directory: a handler who holds none of its running cases is not listed.',
  })
  @Get('handlers')
  @ApiQuery({ name: 'department', required: true, description: 'A department code of the catalog' })
  @ApiOkResponse({
    schema: {
      type: 'object',
      required: ['items'],
      properties: {
        items: {
          type: 'array',
          items: { type: 'object', required: ['handler', 'openCases'], properties: { handler: { type: 'string' }, openCases: { type: 'integer' } } },
        },
      },
    },
  })
  @Roles(...ROLES)
  @FromReadModels()
  handlers(@Query() query: Record<string, unknown>): Promise<{ items: DepartmentHandler[] }> {
    return this.queries.execute(ListHandlers.from(query, this.catalog));
  }

  @ApiOperation({ summary: 'One case as it stands now' })
  @Get(':id')
  @ApiParam(CASE_ID)
  @Roles(...ROLES)
  @TakesAccessReason()
  async get(@Param('id', CaseIdPipe) id: string, @Query() query: Record<string, unknown>, @CurrentActor() actor: Actor, @Req() request: Request, @Res({ passthrough: true }) response: Response): Promise<ComplaintView> {
    noQueryParameters(query);
    const reason = accessReason(request, actor);
    const result: ComplaintAtRevision = await this.queries.execute(new GetComplaint(id));
    response.setHeader('ETag', `"${result.revision}"`);
    return viewComplaint(result, actor, personalDataAccess(actor, complaintOf(result.state)!, reason) !== 'none');
  }

  @ApiOperation({ summary: "A case's events" })
  @Get(':id/events')
  @ApiParam(CASE_ID)
  @Roles(...ROLES)
  @TakesAccessReason()
  events(@Param('id', CaseIdPipe) id: string, @Query() query: Record<string, unknown>, @CurrentActor() actor: Actor, @Req() request: Request): Promise<unknown> {
    noQueryParameters(query);
    return this.queries.execute(new GetComplaintEvents(id, actor, accessReason(request, actor)));
  }

  private async run(complaintId: string, type: ComplaintCommandType, body: unknown, actor: Actor, request: Request, path: string): Promise<CommandAnswer> {
    // The role decides before the body is read; the state and the department are checked against the case later.
    const refused = refusal(actor, type, undefined);
    if (refused?.reason === 'role') throw new AccessDenied(refused.message);
    const route = COMMAND_ROUTES[type];
    const parsed = await parseCommandBody(route.body, body, async () => {
      if (type === 'receive') return;
      const current: ComplaintAtRevision = await this.queries.execute(new GetComplaint(complaintId));
      checkIfMatch(request, 'complaint', current.revision);
      const notNow = stateRefusal(type, current.state);
      if (notNow) throw notNow;
    });
    const data = route.toData ? route.toData(parsed as never, complaintId) : parsed;
    const command = { type, data, now: this.clock().toISOString() } as ComplaintCommand;
    const key = idempotencyKey(request);
    return this.commands.execute(
      new ExecuteComplaintCommand(complaintId, command, actor, {
        expectedRevision: ifMatch(request, 'complaint'),
        idempotency: key === undefined ? undefined : idempotentRequest(key, request.method, path, body),
        correlationId: correlationIdOf(request),
      }),
    );
  }

  private answer(result: CommandAnswer, actor: Actor, response: Response): ComplaintView {
    response.setHeader('ETag', `"${result.revision}"`);
    // Judged on the case as it stands (a repeated request's answer is the case as it was then).
    const standing = complaintOf(result.standing ?? result.state)!;
    const personal = maySeePersonalData(actor, standing);
    return viewComplaint(result, actor, personal, showsEmployeeMeasures(actor, standing, personal));
  }
}
