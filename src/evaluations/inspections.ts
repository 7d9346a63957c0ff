import { Body, Controller, Get, Inject, Param, Post, Query, Res } from '@nestjs/common';
import { CommandHandler, QueryBus, QueryHandler, type ICommandHandler, type IQueryHandler, CommandBus } from '@nestjs/cqrs';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { randomInt } from 'node:crypto';
import { v7 as uuidv7 } from 'uuid';
import type { Actor } from '../../domain/access.js';
import { decideInspection, evolveInspection, INSPECTION_ITEMS, sampleCases, type Inspection, type InspectionEvent } from '../../domain/evaluation/inspection.js';
import type { ChecklistItem } from '../../projections/iso10002.js';
import { CurrentActor, Roles } from '../auth/nest.js';
import { CLOCK, type Clock } from '../config/index.js';
import { EVENT_STORE, type EventStore } from '../event-store/index.js';
import { commandMetadata } from '../commands/index.js';
import { checkedId, noQueryParameters } from '../http/index.js';
import { FromReadModels, parseBody } from '../http/nest.js';
import { READ_MODELS, type ReadModelDatabase } from '../read-models/index.js';
import { NOT_A_COMPLIMENT } from '../reports/index.js';
import { GetAuditTrail, type AuditTrail } from '../reports/nest.js';
import { InspectionBody } from './command-routes.js';
import { InspectionNotFound } from './errors.js';
import { ListInspections } from './queries.js';
import { EVALUATION_READERS } from './evaluations.controller.js';
import { inspectionStreamId } from './stream.js';

export class RecordInspection {
  constructor(
    readonly body: InspectionBody,
    readonly actor: Actor,
    readonly now: string,
  ) {}
}

/**
 * Records an ad-hoc inspection: for a sample, the engine picks the complaints received in the period at
 * random with the seed given (or one it draws), from the cases in a fixed order (by id), and stores
 * the seed and the ids picked: the same seed and period pick the same cases.
 */
@CommandHandler(RecordInspection)
export class RecordInspectionHandler implements ICommandHandler<RecordInspection, Inspection> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(READ_MODELS) private readonly db: ReadModelDatabase,
  ) {}

  async execute({ body, actor, now }: RecordInspection): Promise<Inspection> {
    const period = { from: body.from, to: body.to ?? now };
    let sample;
    if (body.sample) {
      const { sql, s } = this.db;
      // The inspection is of complaint handling: a compliment (counted apart from complaints) is not sampled.
      const rows = await sql.query<{ complaint_id: string }>(
        `SELECT a.complaint_id FROM ${s}.audit_cases a WHERE a.received_at >= $1::timestamptz AND a.received_at < $2::timestamptz AND ${NOT_A_COMPLIMENT(s, 'a')} ORDER BY a.complaint_id COLLATE "C"`,
        [period.from, period.to],
      );
      const population = rows.map((r) => r.complaint_id);
      const seed = body.sample.seed ?? randomInt(0, 2 ** 32 - 1);
      sample = { seed, size: body.sample.size, population: population.length, complaintIds: sampleCases(population, body.sample.size, seed) };
    }
    const inspectionId = uuidv7();
    const events = decideInspection({ inspectionId, recordedBy: actor.id, period, findings: body.findings, ...(sample ? { sample } : {}) }, now);
    const commandId = uuidv7();
    await this.store.append(
      inspectionStreamId(inspectionId),
      events.map((e) => ({
        type: e.type, schemaVersion: 1, data: e.data as unknown as Record<string, unknown>,
        metadata: { ...commandMetadata(actor, commandId, commandId), occurredAt: e.occurredAt },
      })),
      { expectedRevision: 'no-stream' },
    );
    return evolveInspection(undefined, events[0]!)!;
  }
}

export interface InspectionView extends Inspection {
  items: typeof INSPECTION_ITEMS;
  /** Each sampled case with its ISO 10002 checklist (as `GET /audit/complaints/{id}/trail` gives it) and the link to it. */
  cases: { complaintId: string; trail: string; checklist: ChecklistItem[] }[];
}

export class GetInspection {
  constructor(readonly inspectionId: string) {}
}

@QueryHandler(GetInspection)
export class GetInspectionHandler implements IQueryHandler<GetInspection, InspectionView> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly queries: QueryBus,
  ) {}

  async execute({ inspectionId }: GetInspection): Promise<InspectionView> {
    const [stored] = await this.store.readStream(inspectionStreamId(inspectionId));
    if (!stored) throw new InspectionNotFound(inspectionId);
    const inspection = evolveInspection(undefined, { type: stored.type, data: stored.data, occurredAt: stored.metadata.occurredAt } as InspectionEvent)!;
    const cases = [];
    for (const complaintId of inspection.sample?.complaintIds ?? []) {
      const trail: AuditTrail = await this.queries.execute(new GetAuditTrail(complaintId));
      cases.push({ complaintId, trail: `/audit/complaints/${complaintId}/trail`, checklist: trail.checklist });
    }
    return { ...inspection, items: INSPECTION_ITEMS, cases };
  }
}

/** Ad-hoc inspections (수시 평가, 004 seed ch. 5 §3 (2)): the four items' findings, for a period or a random sample of its cases. */
@ApiTags('evaluations')
@Controller('inspections')
export class InspectionsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Post()
  @Roles('complaints-office', 'manager')
  async record(@Body() body: unknown, @CurrentActor() actor: Actor, @Res({ passthrough: true }) response: Response): Promise<InspectionView> {
    const parsed = parseBody(InspectionBody, body);
    const inspection: Inspection = await this.commands.execute(new RecordInspection(parsed, actor, this.clock().toISOString()));
    response.status(201).location(`/inspections/${inspection.inspectionId}`);
    return this.queries.execute(new GetInspection(inspection.inspectionId));
  }

  @ApiOperation({ summary: 'The ad-hoc inspections recorded' })
  @Get()
  @Roles(...EVALUATION_READERS)
  @FromReadModels()
  list(@Query() query: Record<string, unknown>): Promise<{ items: Inspection[] }> {
    noQueryParameters(query);
    return this.queries.execute(new ListInspections());
  }

  @ApiOperation({ summary: 'One ad-hoc inspection with its findings and sampled cases' })
  @Get(':id')
  @Roles(...EVALUATION_READERS)
  // The sampled cases' checklists come from the audit trail's read model.
  @FromReadModels()
  get(@Param('id') id: string): Promise<InspectionView> {
    return this.queries.execute(new GetInspection(checkedId(id)));
  }
}
