import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { CarriedAction } from '../../domain/evaluation/evidence.js';
import type { ActionKind, ActionStatus } from '../../domain/evaluation/indicators.js';
import type { Inspection } from '../../domain/evaluation/inspection.js';
import { EVENT_STORE, type EventStore } from '../event-store/index.js';
import { fromJson, READ_MODELS, type ReadModelDatabase } from '../read-models/index.js';
import { EvaluationNotFound } from './errors.js';
import { loadEvaluation, type LoadedEvaluation } from './execute-evaluation-command.js';

/** One evaluation from its stream, and the current status of the actions its draft carried over. */
export class GetEvaluation {
  /** `followUp: false` where only the stream counts (its events, a command's check): the read model is not asked. */
  constructor(
    readonly quarter: string,
    readonly followUp = true,
  ) {}
}

@QueryHandler(GetEvaluation)
export class GetEvaluationHandler implements IQueryHandler<GetEvaluation, LoadedEvaluation & { followUp: CarriedAction[] }> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(READ_MODELS) private readonly db: ReadModelDatabase,
  ) {}

  async execute({ quarter, followUp }: GetEvaluation): Promise<LoadedEvaluation & { followUp: CarriedAction[] }> {
    const loaded = await loadEvaluation(this.store, quarter);
    if (!loaded.evaluation) throw new EvaluationNotFound(quarter);
    return { ...loaded, followUp: followUp ? await followUpNow(this.db, loaded.evaluation.carriedOver) : [] };
  }
}

/** The actions a draft carried over, as they stand now in the read model. */
export async function followUpNow({ sql, s }: ReadModelDatabase, carried: readonly CarriedAction[]): Promise<CarriedAction[]> {
  if (carried.length === 0) return [];
  const rows = await sql.query<{ quarter: string; action_id: string; status: ActionStatus; owner: string; due_on: string }>(
    `SELECT quarter, action_id, status, owner, to_char(due_on, 'YYYY-MM-DD') AS due_on FROM ${s}.evaluation_actions
     WHERE (quarter, action_id) IN (SELECT * FROM unnest($1::text[], $2::text[]))`,
    [carried.map((a) => a.quarter), carried.map((a) => a.actionId)],
  );
  const now = new Map(rows.map((r) => [`${r.quarter} ${r.action_id}`, r]));
  return carried.map((a) => {
    const row = now.get(`${a.quarter} ${a.actionId}`);
    return row ? { ...a, status: row.status, owner: row.owner, dueOn: row.due_on } : a;
  });
}

/** The follow-up of a draft's carried-over actions as it stands now (for a command's answer). */
export class GetFollowUp {
  constructor(readonly carried: readonly CarriedAction[]) {}
}

@QueryHandler(GetFollowUp)
export class GetFollowUpHandler implements IQueryHandler<GetFollowUp, CarriedAction[]> {
  constructor(@Inject(READ_MODELS) private readonly db: ReadModelDatabase) {}

  execute({ carried }: GetFollowUp): Promise<CarriedAction[]> {
    return followUpNow(this.db, carried);
  }
}

export interface EvaluationListItem {
  quarter: string;
  status: 'draft' | 'signed';
  draftedAt: string;
  signedAt: string | null;
  signedBy: string | null;
  judged: number;
  actions: { actionId: string; kind: ActionKind; text: string; owner: string; dueOn: string; status: ActionStatus }[];
  openActions: number;
}

/** Every evaluation, newest quarter first, with its actions and how many are still open. */
export class ListEvaluations {}

@QueryHandler(ListEvaluations)
export class ListEvaluationsHandler implements IQueryHandler<ListEvaluations, { items: EvaluationListItem[] }> {
  constructor(@Inject(READ_MODELS) private readonly db: ReadModelDatabase) {}

  async execute(): Promise<{ items: EvaluationListItem[] }> {
    const { sql, s } = this.db;
    const rows = await sql.query<{ quarter: string; status: 'draft' | 'signed'; drafted_at: Date | string; signed_at: Date | string | null; signed_by: string | null; judged: number; actions: unknown }>(
      `SELECT e.quarter, e.status, e.drafted_at, e.signed_at, e.signed_by, e.judged,
         coalesce((SELECT json_agg(json_build_object('actionId', a.action_id, 'kind', a.kind, 'text', a.text, 'owner', a.owner, 'dueOn', to_char(a.due_on, 'YYYY-MM-DD'), 'status', a.status)
                   ORDER BY a.added_at, a.action_id) FROM ${s}.evaluation_actions a WHERE a.quarter = e.quarter), '[]') AS actions
       FROM ${s}.evaluations e ORDER BY e.quarter DESC`,
    );
    return {
      items: rows.map((r) => {
        const actions = fromJson<EvaluationListItem['actions']>(r.actions);
        return {
          quarter: r.quarter, status: r.status, draftedAt: new Date(r.drafted_at).toISOString(), signedAt: r.signed_at === null ? null : new Date(r.signed_at).toISOString(),
          signedBy: r.signed_by, judged: Number(r.judged), actions, openActions: actions.filter((a) => a.status !== 'completed').length,
        };
      }),
    };
  }
}

/** The latest quarter evaluated (drafted or signed), if any: a new draft goes forward from it. */
export class LatestEvaluatedQuarter {}

@QueryHandler(LatestEvaluatedQuarter)
export class LatestEvaluatedQuarterHandler implements IQueryHandler<LatestEvaluatedQuarter, string | undefined> {
  constructor(@Inject(READ_MODELS) private readonly db: ReadModelDatabase) {}

  async execute(): Promise<string | undefined> {
    const { sql, s } = this.db;
    const [row] = await sql.query<{ quarter: string | null }>(`SELECT max(quarter) AS quarter FROM ${s}.evaluations`);
    return row?.quarter ?? undefined;
  }
}

/** The ad-hoc inspections, newest first. */
export class ListInspections {}

@QueryHandler(ListInspections)
export class ListInspectionsHandler implements IQueryHandler<ListInspections, { items: Inspection[] }> {
  constructor(@Inject(READ_MODELS) private readonly db: ReadModelDatabase) {}

  async execute(): Promise<{ items: Inspection[] }> {
    const { sql, s } = this.db;
    const rows = await sql.query<{ inspection: unknown }>(`SELECT inspection FROM ${s}.inspections ORDER BY recorded_at DESC, id`);
    return { items: rows.map((r) => fromJson<Inspection>(r.inspection)) };
  }
}
