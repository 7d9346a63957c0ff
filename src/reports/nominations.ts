import { Body, Controller, Get, HttpCode, Inject, Param, Post, Query, Req } from '@nestjs/common';
import { ApiBody, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsInt, IsNotEmpty, IsObject, IsOptional, IsString, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { v7 as uuidv7 } from 'uuid';
import type { Actor } from '../../domain/access.js';
import {
  decideNomination, nominate, NOMINATION_DECIDERS, NOMINATION_DECISIONS, NOMINATION_KINDS, NominationAlreadyDecided, NominationMissing, nominationStreamId,
  NOMINATORS, NOMINEE_KINDS, nominationRefusal, type NominationEvent,
} from '../../domain/yearly/nomination.js';
import { CurrentActor, Roles } from '../auth/nest.js';
import { complaintIdsFor } from '../complaint-stream/index.js';
import { EVENT_STORE, WrongExpectedRevisionError, type EventStore, type NewEvent } from '../event-store/index.js';
import { commandMetadata } from '../commands/index.js';
import { AccessDenied, ApplicationError, checkedId, correlationIdOf, NotFound, YEARS } from '../http/index.js';
import { FromReadModels, parseBody } from '../http/nest.js';
import { Reporting } from './reporting.js';
import { yearOf } from './yearly.queries.js';

class NomineeBody {
  @IsIn(NOMINEE_KINDS) kind!: (typeof NOMINEE_KINDS)[number];
  @IsString() @IsNotEmpty() @MaxLength(100) id!: string;
}

export class NominateBody {
  @IsInt() @Min(YEARS.first) @Max(YEARS.last) year!: number;
  /** An exemplary prevention (사전예방) or handling (불만처리) case. */
  @IsIn(NOMINATION_KINDS) kind!: (typeof NOMINATION_KINDS)[number];
  @IsString() @IsNotEmpty() @MaxLength(100) department!: string;
  @IsObject() @ValidateNested() @Type(() => NomineeBody) nominee!: NomineeBody;
  /** The complaints the case is about, if any: ids or references (`2026-000123`), stored as ids. */
  @IsOptional() @IsArray() @ArrayMaxSize(50) @IsString({ each: true }) @MaxLength(100, { each: true }) complaints?: string[];
  @IsString() @IsNotEmpty() @MaxLength(2_000) reason!: string;
}

export class DecideNominationBody {
  @IsIn(NOMINATION_DECISIONS) decision!: (typeof NOMINATION_DECISIONS)[number];
  /** What is awarded (by the organisation's rules of reward), when awarded. */
  @IsOptional() @IsString() @IsNotEmpty() @MaxLength(500) reward?: string;
  @IsString() @IsNotEmpty() @MaxLength(2_000) note!: string;
}

class NominationDecidedAlready extends ApplicationError {
  override readonly name = 'NominationDecidedAlready';
  readonly status = 409;
}

export interface NominationView {
  id: string;
  year: number;
  kind: string;
  department: string;
  nominee: { kind: string; id: string };
  complaints: string[];
  reason: string;
  nominatedBy: string;
  nominatedAt: string;
  decision: { decision: string; reward: string | null; note: string; decidedBy: string; decidedAt: string } | null;
}

@ApiTags('reports')
@Controller('nominations')
export class NominationsController {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly reporting: Reporting,
  ) {}

  /** The request's correlation id, as a command's events carry it, so the request log and the events line up. */
  private metadata(actor: Actor, occurredAt: string, request: Request): NewEvent['metadata'] {
    const commandId = uuidv7();
    return { ...commandMetadata(actor, commandId, correlationIdOf(request)), occurredAt };
  }

  /** Nominate an exemplary case of prevention or handling for a reward (특별포상), with why; the nominator is recorded. 201 with its `id`. */
  @ApiOperation({ summary: 'Nominate an exemplary case of prevention or handling for a reward' })
  @Post()
  @ApiBody({ schema: { $ref: '#/components/schemas/NominateBody' } })
  @HttpCode(201)
  @Roles(...NOMINATORS)
  async nominate(@Body() body: unknown, @CurrentActor() actor: Actor, @Req() request: Request): Promise<{ id: string }> {
    const given = parseBody(NominateBody, body);
    const refused = nominationRefusal(actor, given.department);
    if (refused) throw new AccessDenied(refused);
    const complaints = await complaintIdsFor(this.store, given.complaints ?? []);
    const id = uuidv7();
    const event = nominate(
      { nominationId: id, year: given.year, kind: given.kind, department: given.department, nominee: { kind: given.nominee.kind, id: given.nominee.id }, complaints, reason: given.reason, now: this.reporting.now() },
      this.reporting.catalog.departments.map((d) => d.code),
    );
    await this.store.append(nominationStreamId(id), [{ type: event.type, schemaVersion: 1, data: event.data as unknown as Record<string, unknown>, metadata: this.metadata(actor, event.occurredAt, request) }], { expectedRevision: 'no-stream' });
    return { id };
  }

  /** The complaints office's decision on a nomination, once: awarded (with the reward) or not, and why. */
  @ApiOperation({ summary: 'Decide a nomination for a reward' })
  @Post(':id/decision')
  @ApiBody({ schema: { $ref: '#/components/schemas/DecideNominationBody' } })
  @HttpCode(201)
  @Roles(...NOMINATION_DECIDERS)
  async decide(@Param('id') idText: string, @Body() body: unknown, @CurrentActor() actor: Actor, @Req() request: Request): Promise<{ id: string }> {
    const id = checkedId(idText);
    const { decision, reward, note } = parseBody(DecideNominationBody, body);
    const stored = await this.store.readStream(nominationStreamId(id));
    const history = stored.map((e) => ({ type: e.type, data: e.data, occurredAt: e.metadata.occurredAt }) as unknown as NominationEvent);
    try {
      const event = decideNomination({ decision, note, now: this.reporting.now(), ...(reward === undefined ? {} : { reward }) }, history);
      await this.store.append(nominationStreamId(id), [{ type: event.type, schemaVersion: 1, data: event.data as unknown as Record<string, unknown>, metadata: this.metadata(actor, event.occurredAt, request) }], { expectedRevision: stored.length - 1 });
    } catch (error) {
      if (error instanceof NominationMissing) throw new NotFound(`No nomination ${id}`);
      if (error instanceof NominationAlreadyDecided || error instanceof WrongExpectedRevisionError) throw new NominationDecidedAlready(`Nomination ${id} is already decided`);
      throw error;
    }
    return { id };
  }

  /** The year's nominations, with who nominated each and why, and the decision. */
  @ApiOperation({ summary: "A year's nominations for a reward and their decisions" })
  @Get()
  @ApiQuery({ name: 'year', required: true, example: '2026' })
  @Roles('complaints-office', 'department-head', 'manager', 'auditor', 'admin')
  @FromReadModels()
  async list(@Query('year') yearText: string): Promise<{ year: number; nominations: NominationView[] }> {
    const year = yearOf(String(yearText ?? ''));
    const { sql, s } = this.reporting.db;
    const rows = await sql.query<Record<string, unknown>>(`SELECT * FROM ${s}.nominations WHERE year = $1 ORDER BY nominated_at, id`, [year]);
    return {
      year,
      nominations: rows.map((r) => ({
        id: String(r.id), year: Number(r.year), kind: String(r.kind), department: String(r.department), nominee: r.nominee as NominationView['nominee'],
        complaints: r.complaint_ids as string[], reason: String(r.reason), nominatedBy: String(r.nominated_by), nominatedAt: String(r.nominated_at),
        decision: r.decision === null ? null : { decision: String(r.decision), reward: (r.reward as string | null) ?? null, note: String(r.decision_note), decidedBy: String(r.decided_by), decidedAt: String(r.decided_at) },
      })),
    };
  }
}
