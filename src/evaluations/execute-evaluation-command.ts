import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { v7 as uuidv7 } from 'uuid';
import type { Actor } from '../../domain/access.js';
import { evaluationRefusal } from '../../domain/evaluation/access.js';
import type { EvaluationCommand } from '../../domain/evaluation/commands.js';
import { allowedEvaluationCommands, decideEvaluation } from '../../domain/evaluation/decider.js';
import { EvaluationCommandNotAllowed } from '../../domain/evaluation/errors.js';
import { evolveEvaluation, replayEvaluation, type Evaluation } from '../../domain/evaluation/evaluation.js';
import type { WorkingCalendar } from '../../domain/working-time/index.js';
import { idempotentId, IdempotencyKeyReused, IdempotencyKeys, type IdempotentRequest } from '../complaints/index.js';
import { CALENDAR } from '../config/index.js';
import { CommandIdReusedError, EVENT_STORE, WrongExpectedRevisionError, type EventStore, type StoredEvent } from '../event-store/index.js';
import { AccessDenied, BusyStream, StaleRevision, StateConflict } from '../http/index.js';
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
    readonly options: { expectedRevision?: number; idempotency?: IdempotentRequest; correlationId: string },
  ) {}
}

const MAX_ATTEMPTS = 5;

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
    const { idempotency } = options;
    if (idempotency) await this.idempotencyKeys.check(actor.id, idempotency);
    const commandId = idempotency ? idempotentId(actor.id, idempotency.key) : uuidv7();
    for (let attempt = 1; ; attempt++) {
      const current = await traced.step('read', () => loadEvaluation(this.store, quarter));
      const earlier = current.events.findLastIndex((e) => e.metadata.commandId === commandId);
      if (earlier >= 0) {
        // Stored by this request before: its first answer.
        if (idempotency) await this.idempotencyKeys.check(actor.id, idempotency);
        traced.repeated();
        return { quarter, evaluation: replayEvaluation(current.events.slice(0, earlier + 1).map(evaluationEventOf)), revision: earlier };
      }
      if (current.revision < 0 && command.type !== 'draft') throw new EvaluationNotFound(quarter);
      const refused = evaluationRefusal(actor, command.type);
      if (refused) throw new AccessDenied(refused);
      if (options.expectedRevision !== undefined && options.expectedRevision !== current.revision) throw new StaleRevision('evaluation', options.expectedRevision, current.revision);
      const events = await traced.step('decide', async () => {
        // The evidence is gathered only for a command the evaluation takes now.
        const ready = allowedEvaluationCommands(current.evaluation).includes(command.type) ? await this.withEvidence(quarter, command) : command;
        return decided(() => decideEvaluation(ready, current.evaluation, this.calendar));
      });
      const metadata = { actorId: actor.id, actorRole: actor.roles.join(' '), commandId, correlationId: options.correlationId, causationId: commandId };
      if (idempotency) await this.idempotencyKeys.bind(actor.id, idempotency);
      try {
        const result = await traced.step('append', () => this.store.append(evaluationStreamId(quarter), events.map((e) => toStoredEvaluationEvent(e, metadata)), {
          expectedRevision: current.revision < 0 ? 'no-stream' : current.revision,
        }));
        return { quarter, evaluation: events.reduce(evolveEvaluation, current.evaluation), revision: result.nextExpectedRevision };
      } catch (error) {
        if (error instanceof CommandIdReusedError && idempotency) throw new IdempotencyKeyReused(idempotency.key, undefined);
        if (!(error instanceof WrongExpectedRevisionError)) throw error;
        if (options.expectedRevision !== undefined) throw new StaleRevision('evaluation', options.expectedRevision, Number(error.actual));
        if (attempt >= MAX_ATTEMPTS) throw new BusyStream(`the evaluation of ${quarter}`);
      }
    }
  }

  /** A draft and a refresh carry the evidence gathered now and the follow-up of earlier evaluations' actions. */
  private async withEvidence(quarter: string, command: EvaluationCommand): Promise<EvaluationCommand> {
    if (command.type !== 'draft' && command.type !== 'refresh-evidence') return command;
    const evidence = await this.evidence.gather(quarter, command.now);
    const carriedOver = await this.evidence.actionsToFollowUp(quarter);
    return command.type === 'draft' ? { ...command, data: { quarter, evidence, carriedOver } } : { ...command, data: { ...command.data, evidence, carriedOver } };
  }
}

/** The domain's refusal as the HTTP answer: 409 with the state and the commands allowed now. */
export function decided<T>(decide: () => T): T {
  try {
    return decide();
  } catch (error) {
    if (error instanceof EvaluationCommandNotAllowed) throw new StateConflict(error.message, error.state, error.allowed, error.reason);
    throw error;
  }
}
