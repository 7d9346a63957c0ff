import { Body, Controller, Get, Header, HttpCode, Inject, Param, Post, Query, Req, Res } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { v7 as uuidv7 } from 'uuid';
import { ROLES, type Actor, type Role } from '../../domain/access.js';
import { evaluationRefusal } from '../../domain/evaluation/access.js';
import type { EvaluationCommand, EvaluationCommandType } from '../../domain/evaluation/commands.js';
import { evaluationStateRefusal } from '../../domain/evaluation/decider.js';
import type { WorkingCalendar } from '../../domain/working-time/index.js';
import { previousQuarter, quarterOf } from '../../projections/quarterly.js';
import { CurrentActor, Roles } from '../auth/nest.js';
import { idempotentRequest } from '../commands/index.js';
import { CALENDAR, CLOCK, type Clock } from '../config/index.js';
import { AccessDenied, BadRequest, checkIfMatch, correlationIdOf, idempotencyKey, ifMatch, isYearInRange, noQueryParameters, UnknownCommand, YEAR_RULE, type FieldError } from '../http/index.js';
import { FromReadModels, parseBody, parseCommandBody } from '../http/nest.js';
import { quarterParameter } from '../reports/index.js';
import { EVALUATION_COMMAND_ROUTES, isEvaluationCommandType, type EvaluationDraftBody } from './command-routes.js';
import { ExecuteEvaluationCommand, type EvaluationAtRevision, type LoadedEvaluation } from './execute-evaluation-command.js';
import { evaluationReportHtml } from './report-html.js';
import { viewEvaluation, viewEvaluationEvents, type EvaluationView } from './evaluation-view.js';
import { GetEvaluation, GetFollowUp, LatestEvaluatedQuarter, ListEvaluations, type EvaluationListItem } from './queries.js';

/** Who reads evaluations and inspections: those who read the figures and the ISO 10002 checklists they rest on. */
export const EVALUATION_READERS: Role[] = ['complaints-office', 'manager', 'auditor', 'admin'];

/**
 * The quarterly operating-performance evaluations (운영성과 평가, 004 seed ch. 5 §4): drafted with the
 * engine's evidence, judged per indicator, with decisions and actions, signed and then sealed.
 */
@ApiTags('evaluations')
@Controller('evaluations')
export class EvaluationsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(CALENDAR) private readonly calendar: WorkingCalendar,
  ) {}

  @Post()
  @Roles('complaints-office', 'manager')
  async draft(@Body() body: unknown, @CurrentActor() actor: Actor, @Req() request: Request, @Res({ passthrough: true }) response: Response): Promise<EvaluationView> {
    const refused = evaluationRefusal(actor, 'draft');
    if (refused) throw new AccessDenied(refused);
    const given = parseBody(EVALUATION_COMMAND_ROUTES.draft.body, body) as EvaluationDraftBody;
    if (given.quarter !== undefined && !isYearInRange(Number(given.quarter.slice(0, 4)))) throw new BadRequest([{ field: 'quarter', rule: YEAR_RULE }]);
    const present = quarterOf(this.clock().toISOString(), this.calendar.timeZone);
    // "분기마다 전분기의 … 운영성과를 평가": a quarter is evaluated once it is over. Quarters as 'yyyy-Qn' order as text.
    if (given.quarter !== undefined && given.quarter >= present) throw new BadRequest([{ field: 'quarter', rule: `must be a quarter that has ended: before the present quarter (${present})` }]);
    // "이전의 운영성과 평가에 따른 후속조치": each draft follows up the actions of the evaluations before it, so the chain goes
    // forward; no bound before the first evaluation beyond the years taken (a programme may begin by evaluating its past).
    const latest: string | undefined = given.quarter === undefined ? undefined : await this.queries.execute(new LatestEvaluatedQuarter());
    if (given.quarter !== undefined && latest !== undefined && given.quarter < latest) {
      throw new BadRequest([{ field: 'quarter', rule: `must not be before ${latest}, the latest quarter evaluated: each evaluation follows up the actions of those before it` }]);
    }
    const quarter = given.quarter ?? previousQuarter(present);
    const result = await this.run(quarter, 'draft', {}, actor, request);
    response.status(201).location(`/evaluations/${quarter}`);
    return this.answer(result, actor, response);
  }

  @Post(':quarter/:command')
  @HttpCode(200)
  // Any role reaches the command's own role check (evaluationRefusal), which names the command and who may give it.
  @Roles(...ROLES)
  async command(
    @Param('quarter') quarter: string,
    @Param('command') command: string,
    @Body() body: unknown,
    @CurrentActor() actor: Actor,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<EvaluationView> {
    if (!isEvaluationCommandType(command) || command === 'draft') throw new UnknownCommand(command, 'an evaluation', Object.keys(EVALUATION_COMMAND_ROUTES).filter((c) => c !== 'draft'));
    const refused = evaluationRefusal(actor, command);
    if (refused) throw new AccessDenied(refused);
    const data = await parseCommandBody(EVALUATION_COMMAND_ROUTES[command].body, body, async () => {
      const loaded: LoadedEvaluation = await this.queries.execute(new GetEvaluation(checkedQuarter(quarter), false));
      checkIfMatch(request, 'evaluation', loaded.revision);
      const notNow = evaluationStateRefusal(command, loaded.evaluation);
      if (notNow) throw notNow;
    });
    return this.answer(await this.run(checkedQuarter(quarter), command, data, actor, request), actor, response);
  }

  @ApiOperation({ summary: 'The quarterly operating-performance evaluations, drafts and signed' })
  @Get()
  @Roles(...EVALUATION_READERS)
  @FromReadModels()
  list(@Query() query: Record<string, unknown>): Promise<{ items: EvaluationListItem[] }> {
    noQueryParameters(query);
    return this.queries.execute(new ListEvaluations());
  }

  @ApiOperation({
    summary: "One quarter's evaluation: evidence, judgements, actions and their follow-up",
    description:
      '`evidence.causes.closed`: the distinct complaints closed as resolved in the quarter (a reopened case by its latest closing), compliments apart, ' +
      'not the quarterly report’s `figures.closed` (closings of handling periods, which `evidence.quarterly` carries as answered). ' +
      '`evidence.satisfaction.responses`: the surveys recorded in the quarter (the quarterly report’s `satisfactionResponses`); ' +
      '`evidence.policy.conformity.satisfactionSurveyed`: the cases closed in the quarter that were surveyed.',
  })
  @Get(':quarter')
  @Roles(...EVALUATION_READERS)
  // The follow-up of the actions the draft carried over comes from the read model.
  @FromReadModels()
  async get(@Param('quarter') quarter: string, @CurrentActor() actor: Actor, @Res({ passthrough: true }) response: Response): Promise<EvaluationView> {
    const loaded = await this.queries.execute(new GetEvaluation(checkedQuarter(quarter)));
    response.setHeader('ETag', `"${loaded.revision}"`);
    return viewEvaluation(loaded.evaluation, loaded.revision, actor, loaded.followUp);
  }

  @ApiOperation({ summary: "A quarter's evaluation as its events" })
  @Get(':quarter/events')
  @Roles(...EVALUATION_READERS)
  async events(@Param('quarter') quarter: string): Promise<{ events: ReturnType<typeof viewEvaluationEvents> }> {
    const loaded = await this.queries.execute(new GetEvaluation(checkedQuarter(quarter), false));
    return { events: viewEvaluationEvents(loaded.events) };
  }

  /** The evaluation as a printable A4 report, Korean and English, charts as inline SVG, no scripts. */
  @ApiOperation({ summary: "A quarter's evaluation as a printable report (A4, Korean and English)" })
  @Get(':quarter/report.html')
  @Roles(...EVALUATION_READERS)
  @FromReadModels()
  @ApiProduces('text/html')
  @Header('Content-Type', 'text/html; charset=utf-8')
  @Header('Content-Security-Policy', "default-src 'none'; style-src 'unsafe-inline'")
  async report(@Param('quarter') quarter: string, @CurrentActor() actor: Actor): Promise<string> {
    const loaded = await this.queries.execute(new GetEvaluation(checkedQuarter(quarter)));
    return evaluationReportHtml(viewEvaluation(loaded.evaluation, loaded.revision, actor, loaded.followUp), loaded.events.at(-1)?.hash ?? '', this.clock().toISOString());
  }

  private run(quarter: string, type: EvaluationCommandType, data: object, actor: Actor, request: Request): Promise<EvaluationAtRevision> {
    const now = this.clock().toISOString();
    const withIds = type === 'add-action' ? { ...data, actionId: uuidv7() } : type === 'sign' ? { ...data, signedBy: actor.id, name: actor.name, role: signingRole(actor) } : data;
    // The evidence of a draft or a refresh is gathered by the command's handler.
    const command = { type, now, data: withIds } as EvaluationCommand;
    const key = idempotencyKey(request);
    const idempotency = key === undefined ? undefined : idempotentRequest(key, request.method, type === 'draft' ? '/evaluations' : `/evaluations/${quarter}/${type}`, request.body);
    return this.commands.execute(new ExecuteEvaluationCommand(quarter, command, actor, { expectedRevision: ifMatch(request, 'evaluation'), idempotency, correlationId: correlationIdOf(request) }));
  }

  private async answer(result: EvaluationAtRevision, actor: Actor, response: Response): Promise<EvaluationView> {
    response.setHeader('ETag', `"${result.revision}"`);
    return viewEvaluation(result.evaluation!, result.revision, actor, await this.queries.execute(new GetFollowUp(result.evaluation!.carriedOver)));
  }
}

/** The role the signer signs in: the first of theirs that may sign. */
function signingRole(actor: Actor): string {
  return actor.roles.find((role) => evaluationRefusal({ ...actor, roles: [role] }, 'sign') === undefined) ?? actor.roles.join(' ');
}

/** A quarter in the path; anything else names no evaluation (404), as an unknown id does. */
/** A path's quarter: malformed, a 400 naming it as the query parameter's; well formed, whether it has an evaluation is the route's to say. */
function checkedQuarter(text: string): string {
  const errors: FieldError[] = [];
  const quarter = quarterParameter(text, errors);
  if (quarter === undefined) throw new BadRequest(errors);
  return quarter;
}
