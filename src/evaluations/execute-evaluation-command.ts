import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { Actor } from '../../domain/access.js';
import { evaluationRefusal } from '../../domain/evaluation/access.js';
import type { EvaluationCommand } from '../../domain/evaluation/commands.js';
import { allowedEvaluationCommands, decideEvaluation } from '../../domain/evaluation/decider.js';
import { evolveEvaluation, replayEvaluation, type Evaluation } from '../../domain/evaluation/evaluation.js';
import type { WorkingCalendar } from '../../domain/working-time/index.js';
import { executeOnStream, IdempotencyKeys, type CommandOptions } from '../commands/index.js';
import { CALENDAR } from '../config/index.js';
import { EVENT_STORE, type EventStore, type StoredEvent } from '../event-store/index.js';
import { AccessDenied } from '../http/index.js';
import { commandSpan, type CommandTrace } from '../tracing/index.js';
import { EvaluationNotFound } from './errors.js';
import { EvaluationEvidenceSource } from './evidence.js';
import { evaluationEventOf, evaluationStreamId, toStoredEvaluationEvent } from './stream.js';

export interface EvaluationAtRevision {
  quarter: string;
  evaluation: Evaluation | undefined;
  /** The stream's last revision; -1 when the quarter has no evaluation. */
  revision: number;
}

export interface LoadedEvaluation extends EvaluationAtRevision {
  events: StoredEvent[];
}

export async function loadEvaluation(store: EventStore, quarter: string): Promise<LoadedEvaluation> {
  const events = await store.readStream(evaluationStreamId(quarter));
  return { quarter, events, evaluation: replayEvaluation(events.map(evaluationEventOf)), revision: events.length - 1 };
}

export class ExecuteEvaluationCommand {
  constructor(
    readonly quarter: string,
    readonly command: EvaluationCommand,
    readonly actor: Actor,
    readonly options: CommandOptions,
  ) {}
}

/** Read the evaluation's stream, fold it, decide, append with the expected revision (as for improvement requests). */
@CommandHandler(ExecuteEvaluationCommand)
export class ExecuteEvaluationCommandHandler implements ICommandHandler<ExecuteEvaluationCommand, EvaluationAtRevision> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly evidence: EvaluationEvidenceSource,
    private readonly idempotencyKeys: IdempotencyKeys,
    @Inject(CALENDAR) private readonly calendar: WorkingCalendar,
  ) {}

  execute(command: ExecuteEvaluationCommand): Promise<EvaluationAtRevision> {
    return commandSpan('evaluations', command.command.type, (traced) => this.run(command, traced));
  }

  private async run({ quarter, command, actor, options }: ExecuteEvaluationCommand, traced: CommandTrace): Promise<EvaluationAtRevision> {
    const { state, revision } = await executeOnStream(this.store, this.idempotencyKeys, actor, options, traced, {
      streamId: evaluationStreamId(quarter),
      what: `evaluation of ${quarter}`,
      starts: command.type === 'draft',
      notFound: () => new EvaluationNotFound(quarter),
      replay: (events) => replayEvaluation(events.map(evaluationEventOf)),
      evolve: evolveEvaluation,
      toStored: toStoredEvaluationEvent,
      decide: async (evaluation) => {
        const refused = evaluationRefusal(actor, command.type);
        if (refused) throw new AccessDenied(refused);
        // The evidence is gathered only for a command the evaluation takes now.
        const ready = allowedEvaluationCommands(evaluation).includes(command.type) ? await this.withEvidence(quarter, command) : command;
        return decideEvaluation(ready, evaluation, this.calendar);
      },
    });
    return { quarter, evaluation: state, revision };
  }

  /** A draft and a refresh carry the evidence gathered now and the follow-up of earlier evaluations' actions. */
  private async withEvidence(quarter: string, command: EvaluationCommand): Promise<EvaluationCommand> {
    if (command.type !== 'draft' && command.type !== 'refresh-evidence') return command;
    const evidence = await this.evidence.gather(quarter, command.now);
    const carriedOver = await this.evidence.actionsToFollowUp(quarter);
    return command.type === 'draft' ? { ...command, data: { quarter, evidence, carriedOver } } : { ...command, data: { ...command.data, evidence, carriedOver } };
  }
}
