import { Body, Controller, HttpCode, Inject, Post, Req } from '@nestjs/common';
import { CommandHandler, CommandBus, QueryBus, type ICommandHandler } from '@nestjs/cqrs';
import { ApiBody, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsNotEmpty, IsObject, IsOptional, IsString, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import type { Request } from 'express';
import { v7 as uuidv7 } from 'uuid';
import type { Actor } from '../../domain/access.js';
import { SUBJECT_KINDS } from '../../domain/catalog.js';
import { JUDGES, judgeRepeatOffender, repeatOffenceStreamId, VERDICTS, type JudgeRepeatOffender, type RepeatOffenderJudged } from '../../domain/repeat-offender/judgement.js';
import { CurrentActor, Roles } from '../auth/nest.js';
import { CLOCK, type Clock } from '../config/index.js';
import { EVENT_STORE, WrongExpectedRevisionError, type EventStore } from '../event-store/index.js';
import { commandMetadata } from '../commands/index.js';
import { ApplicationError, correlationIdOf, YEARS } from '../http/index.js';
import { IsSubjectId, parseBody } from '../http/nest.js';
import { GetRepeatOffenders, type RepeatOffenderReport } from './repeat-offenders.queries.js';

class SubjectBody {
  @IsString() @IsNotEmpty() @IsSubjectId() @MaxLength(100) id!: string;
  @IsIn(SUBJECT_KINDS) kind!: (typeof SUBJECT_KINDS)[number];
}

export class JudgeRepeatOffenderBody {
  @IsObject() @ValidateNested() @Type(() => SubjectBody) subject!: SubjectBody;
  /** The finding reason the rule counted ("the same reason"). */
  @IsString() @IsNotEmpty() @MaxLength(100) reason!: string;
  @IsInt() @Min(YEARS.first) @Max(YEARS.last) year!: number;
  @IsIn(VERDICTS) verdict!: (typeof VERDICTS)[number];
  /** Why fit or unfit. */
  @IsString() @IsNotEmpty() @MaxLength(2_000) explanation!: string;
  /** If unfit: the personnel measure asked of the personnel department. */
  @IsOptional() @IsString() @IsNotEmpty() @MaxLength(2_000) personnelMeasure?: string;
}

/** Each flagged subject, reason and year is judged once (409). */
class AlreadyJudged extends ApplicationError {
  override readonly name = 'AlreadyJudged';
  readonly status = 409;
}

export class JudgeRepeatOffenderCommand {
  constructor(
    readonly command: JudgeRepeatOffender,
    readonly actor: Actor,
    readonly correlationId: string,
  ) {}
}

/** Judge a flagged subject once: the report says whether the rule flags it; its stream takes one judgement. */
@CommandHandler(JudgeRepeatOffenderCommand)
export class JudgeRepeatOffenderHandler implements ICommandHandler<JudgeRepeatOffenderCommand, RepeatOffenderJudged> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly queries: QueryBus,
  ) {}

  async execute({ command, actor, correlationId }: JudgeRepeatOffenderCommand): Promise<RepeatOffenderJudged> {
    const { offence } = command;
    const report = await this.queries.execute<GetRepeatOffenders, RepeatOffenderReport>(new GetRepeatOffenders(offence.year));
    const flagged = report.offenders.some((o) => o.flagged && o.subject.id === offence.subject.id && o.subject.kind === offence.subject.kind && o.reason === offence.reason);
    const event = judgeRepeatOffender(command, flagged);
    const commandId = uuidv7();
    try {
      await this.store.append(repeatOffenceStreamId(offence), [{
        type: event.type, schemaVersion: 1, data: event.data as unknown as Record<string, unknown>,
        metadata: { ...commandMetadata(actor, commandId, correlationId), occurredAt: event.occurredAt },
      }], { expectedRevision: 'no-stream' });
    } catch (error) {
      if (error instanceof WrongExpectedRevisionError) throw new AlreadyJudged(`${offence.subject.kind} ${offence.subject.id} is already judged for ${offence.reason} in ${offence.year}`);
      throw error;
    }
    return event;
  }
}

@ApiTags('reports')
@Controller('reports/repeat-offenders/judgements')
export class RepeatOffenceJudgementsController {
  constructor(
    private readonly commands: CommandBus,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** The complaints office judges a flagged subject fit or unfit, with a reason, and if unfit refers it for a personnel measure. */
  @ApiOperation({ summary: 'Judge a flagged repeat offender fit or unfit' })
  @ApiBody({ schema: { $ref: '#/components/schemas/JudgeRepeatOffenderBody' } })
  @ApiResponse({ status: 201, description: 'The judgement as recorded' })
  @ApiResponse({ status: 409, description: 'The subject was judged already for this reason and year' })
  @Post()
  @HttpCode(201)
  @Roles(...JUDGES)
  async judge(@Body() body: unknown, @CurrentActor() actor: Actor, @Req() request: Request): Promise<RepeatOffenderJudged> {
    const { subject, reason, year, verdict, explanation, personnelMeasure } = parseBody(JudgeRepeatOffenderBody, body);
    const command: JudgeRepeatOffender = { offence: { subject: { id: subject.id, kind: subject.kind }, reason, year }, verdict, explanation, now: this.clock().toISOString(), ...(personnelMeasure === undefined ? {} : { personnelMeasure }) };
    return this.commands.execute(new JudgeRepeatOffenderCommand(command, actor, correlationIdOf(request)));
  }
}
