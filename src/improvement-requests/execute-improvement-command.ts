import { Inject } from '@nestjs/common';
import { CommandHandler, QueryBus, type ICommandHandler } from '@nestjs/cqrs';
import type { Actor } from '../../domain/access.js';
import type { Catalog } from '../../domain/catalog.js';
import { improvementRefusal } from '../../domain/improvement/access.js';
import type { ImprovementCommand } from '../../domain/improvement/commands.js';
import { decideImprovement, evolveImprovement, improvementStateRefusal, replayImprovement, requestOf } from '../../domain/improvement/decider.js';
import { localDateOf, type WorkingCalendar } from '../../domain/working-time/index.js';
import type { FlaggedSubject } from '../../domain/improvement/events.js';
import { complaintIdsFor } from '../complaint-stream/index.js';
import { CALENDAR, CATALOG } from '../config/index.js';
import { executeOnStream, IdempotencyKeys, type CommandOptions } from '../commands/index.js';
import { EVENT_STORE, type EventStore } from '../event-store/index.js';
import { AccessDenied, BadRequest } from '../http/index.js';
import { GetRepeatOffenders, type RepeatOffenderReport } from '../reports/nest.js';
import { commandSpan, type CommandTrace } from '../tracing/index.js';
import { ImprovementRequestNotFound } from './errors.js';
import type { ImprovementAtRevision } from './load-request.js';
import { improvementEventOf, improvementStreamId, toStoredImprovementEvent } from './stream.js';

export class ExecuteImprovementCommand {
  constructor(
    readonly requestId: string,
    readonly command: ImprovementCommand,
    readonly actor: Actor,
    readonly options: CommandOptions,
  ) {}
}

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
    // The complaints by id or reference (as case routes take them), stored as ids.
    if (command.type === 'file') command = { ...command, data: { ...command.data, complaints: await complaintIdsFor(this.store, command.data.complaints) } };
    const given = command;
    return executeOnStream(this.store, this.idempotencyKeys, actor, options, traced, {
      streamId: improvementStreamId(requestId),
      what: `improvement request ${requestId}`,
      starts: given.type === 'file',
      notFound: () => new ImprovementRequestNotFound(requestId),
      replay: (events) => replayImprovement(events.map(improvementEventOf)),
      evolve: evolveImprovement,
      toStored: toStoredImprovementEvent,
      decide: async (state) => {
        // As for complaints: a command the state refuses (409) before the department is asked.
        const notNow = improvementStateRefusal(given.type, state, given.now, this.calendar);
        if (notNow) throw notNow;
        const refused = improvementRefusal(actor, given.type, requestOf(state));
        if (refused) throw new AccessDenied(refused);
        const events = decideImprovement(given, state, this.catalog, this.calendar);
        if (given.type === 'file' && given.data.subject) await this.checkFlagged(given.data.subject, given.now);
        return events;
      },
    });
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
