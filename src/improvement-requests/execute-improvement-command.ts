import { Inject } from '@nestjs/common';
import { CommandHandler, QueryBus, type ICommandHandler } from '@nestjs/cqrs';
import { v7 as uuidv7 } from 'uuid';
import type { Actor } from '../../domain/access.js';
import type { Catalog } from '../../domain/catalog.js';
import { improvementRefusal } from '../../domain/improvement/access.js';
import type { ImprovementCommand } from '../../domain/improvement/commands.js';
import { decideImprovement, evolveImprovement, improvementStateRefusal, replayImprovement, requestOf } from '../../domain/improvement/decider.js';
import { ImprovementCommandNotAllowed } from '../../domain/improvement/errors.js';
import { localDateOf, type WorkingCalendar } from '../../domain/working-time/index.js';
import type { FlaggedSubject } from '../../domain/improvement/events.js';
import { complaintIdsFor } from '../complaint-stream/index.js';
import { CALENDAR, CATALOG } from '../config/index.js';
import { idempotentId, IdempotencyKeyReused, IdempotencyKeys, type IdempotentRequest } from '../complaints/index.js';
import { CommandIdReusedError, EVENT_STORE, WrongExpectedRevisionError, type EventStore } from '../event-store/index.js';
import { AccessDenied, BadRequest, BusyStream, StaleRevision, StateConflict } from '../http/index.js';
import { GetRepeatOffenders, type RepeatOffenderReport } from '../reports/nest.js';
import { commandSpan, type CommandTrace } from '../tracing/index.js';
import { ImprovementRequestNotFound } from './errors.js';
import { loadImprovementRequest, type ImprovementAtRevision } from './load-request.js';
import { improvementEventOf, improvementStreamId, toStoredImprovementEvent } from './stream.js';

export class ExecuteImprovementCommand {
  constructor(
    readonly requestId: string,
    readonly command: ImprovementCommand,
    readonly actor: Actor,
    readonly options: {
      expectedRevision?: number;
      /** From Idempotency-Key, as for complaints: the same request again gets the first answer and stores nothing. */
      idempotency?: IdempotentRequest;
      correlationId: string;
    },
  ) {}
}

const MAX_ATTEMPTS = 5;

/** Read the request's stream, fold it through the machine, decide, append with the expected revision. */
@CommandHandler(ExecuteImprovementCommand)
export class ExecuteImprovementCommandHandler implements ICommandHandler<ExecuteImprovementCommand, ImprovementAtRevision> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CATALOG) private readonly catalog: Catalog,
    @Inject(CALENDAR) private readonly calendar: WorkingCalendar,
    private readonly idempotencyKeys: IdempotencyKeys,
    private readonly queries: QueryBus,
  ) {}

  execute(command: ExecuteImprovementCommand): Promise<ImprovementAtRevision> {
    return commandSpan('improvement-requests', command.command.type, (traced) => this.run(command, traced));
  }

  private async run({ requestId, command, actor, options }: ExecuteImprovementCommand, traced: CommandTrace): Promise<ImprovementAtRevision> {
    const { idempotency } = options;
    if (idempotency) await this.idempotencyKeys.check(actor.id, idempotency);
    const commandId = idempotency ? idempotentId(actor.id, idempotency.key) : uuidv7();
    // The complaints by id or reference (as case routes take them), stored as ids.
    if (command.type === 'file') command = { ...command, data: { ...command.data, complaints: await complaintIdsFor(this.store, command.data.complaints) } };
    for (let attempt = 1; ; attempt++) {
      const current = await traced.step('read', () => loadImprovementRequest(this.store, requestId));
      const earlier = current.events.findLastIndex((e) => e.metadata.commandId === commandId);
      if (earlier >= 0) {
        // Stored by this request before: its first answer.
        if (idempotency) await this.idempotencyKeys.check(actor.id, idempotency);
        traced.repeated();
        return { state: replayImprovement(current.events.slice(0, earlier + 1).map(improvementEventOf)), revision: earlier };
      }
      if (current.revision < 0 && command.type !== 'file') throw new ImprovementRequestNotFound(requestId);
      // As for complaints: a stale If-Match first (412), then a command the state refuses (409), before the department is asked.
      if (options.expectedRevision !== undefined && options.expectedRevision !== current.revision) throw new StaleRevision('improvement request', options.expectedRevision, current.revision);
      decided(() => {
        const notNow = improvementStateRefusal(command.type, current.state, command.now, this.calendar);
        if (notNow) throw notNow;
      });
      const refused = improvementRefusal(actor, command.type, requestOf(current.state));
      if (refused) throw new AccessDenied(refused);
      const events = traced.step('decide', () => decided(() => decideImprovement(command, current.state, this.catalog, this.calendar)));
      if (command.type === 'file' && command.data.subject) await this.checkFlagged(command.data.subject, command.now);
      const metadata = { actorId: actor.id, actorRole: actor.roles.join(' '), commandId, correlationId: options.correlationId, causationId: commandId };
      if (idempotency) await this.idempotencyKeys.bind(actor.id, idempotency);
      try {
        const result = await traced.step('append', () => this.store.append(improvementStreamId(requestId), events.map((e) => toStoredImprovementEvent(e, metadata)), {
          expectedRevision: current.revision < 0 ? 'no-stream' : current.revision,
        }));
        return { state: events.reduce(evolveImprovement, current.state), revision: result.nextExpectedRevision };
      } catch (error) {
        if (error instanceof CommandIdReusedError && idempotency) throw new IdempotencyKeyReused(idempotency.key, undefined);
        if (!(error instanceof WrongExpectedRevisionError)) throw error;
        if (options.expectedRevision !== undefined) throw new StaleRevision('improvement request', options.expectedRevision, Number(error.actual));
        if (attempt >= MAX_ATTEMPTS) throw new BusyStream(`improvement request ${requestId}`);
      }
    }
  }

  /**
   * A request's subject is "a repeat-offender subject": one the rule flags (`GET /reports/repeat-offenders`),
   * for the reason given (any, if none is), in the year of the request or the year before; else a 400 naming `subject`.
   */
  private async checkFlagged(subject: FlaggedSubject, now: string): Promise<void> {
    const year = Number(localDateOf(now, this.calendar).slice(0, 4));
    for (const y of [year, year - 1]) {
      const report = await this.queries.execute<GetRepeatOffenders, RepeatOffenderReport>(new GetRepeatOffenders(y));
      if (report.offenders.some((o) => o.flagged && o.subject.id === subject.id && o.subject.kind === subject.kind && (subject.reason === undefined || o.reason === subject.reason))) return;
    }
    const what = `${subject.kind} ${subject.id}${subject.reason === undefined ? '' : ` for ${subject.reason}`}`;
    throw new BadRequest([{ field: 'subject', rule: `must be a subject the repeat-offender rule flags (GET /reports/repeat-offenders); ${what} is not flagged in ${year - 1} or ${year}` }]);
  }
}

/** The domain's refusal as the HTTP answer: 409 with the state and the commands allowed now. */
export function decided<T>(decide: () => T): T {
  try {
    return decide();
  } catch (error) {
    if (error instanceof ImprovementCommandNotAllowed) throw new StateConflict(error.message, error.state, error.allowed, error.reason);
    throw error;
  }
}
