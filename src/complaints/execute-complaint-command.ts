import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { refusal, type Actor } from '../../domain/access.js';
import type { Catalog } from '../../domain/catalog.js';
import type { WorkingCalendar } from '../../domain/working-time/index.js';
import type { ComplaintCommand } from '../../domain/complaint/commands.js';
import { complaintOf, decide, evolve, initialState, replay, stateRefusal, type ComplaintState } from '../../domain/complaint/decider.js';
import type { ComplaintEvent } from '../../domain/complaint/events.js';
import { formatReference, referenceCounter } from '../../domain/complaint/reference.js';
import { COMPLAINT_CODEC, complainantKeyOf, complaintStreamId, loadComplaint, toDomainEvent, type ComplaintAtRevision, type ComplaintCodec } from '../complaint-stream/index.js';
import { commandIdOf, commandMetadata, IdempotencyKeyReused, IdempotencyKeys, MAX_ATTEMPTS, type CommandOptions } from '../commands/index.js';
import { CALENDAR, CATALOG } from '../config/index.js';
import { CommandIdReusedError, EVENT_STORE, WrongExpectedRevisionError, type EventStore, type StoredEvent } from '../event-store/index.js';
import { AccessDenied, BusyStream, StaleRevision } from '../http/index.js';
import { commandSpan, type CommandTrace } from '../tracing/index.js';
import { ComplaintNotFound } from './errors.js';
import { RecentComplaints, type RecentComplaint } from './recent-complaints.js';

export class ExecuteComplaintCommand {
  constructor(
    readonly complaintId: string,
    readonly command: ComplaintCommand,
    readonly actor: Actor,
    readonly options: CommandOptions,
  ) {}
}

/** The case a command decides on: as read (with its events), or as this process's last command left it (or none yet), unread. */
type CurrentComplaint = RecentComplaint & { events?: StoredEvent[] };

/**
 * What a command answers: the case as the command left it. For a repeated request, the case as the
 * first one left it, and `standing`: the case as it stands now, by which access to it is judged (who
 * may no longer see the complainant does not see them in a replayed answer either).
 */
export interface CommandAnswer extends ComplaintAtRevision {
  standing?: ComplaintState;
}

/**
 * Read the stream, fold it, decide, append with the expected revision: the whole command path. A case
 * this process wrote a moment ago is taken as its last command left it (`RecentComplaints`), unread.
 */
@CommandHandler(ExecuteComplaintCommand)
export class ExecuteComplaintCommandHandler implements ICommandHandler<ExecuteComplaintCommand, CommandAnswer> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CATALOG) private readonly catalog: Catalog,
    @Inject(COMPLAINT_CODEC) private readonly codec: ComplaintCodec,
    private readonly idempotencyKeys: IdempotencyKeys,
    @Inject(CALENDAR) private readonly calendar: WorkingCalendar,
  ) {
    this.recent = new RecentComplaints(codec);
  }

  private readonly recent: RecentComplaints;

  execute(command: ExecuteComplaintCommand): Promise<CommandAnswer> {
    return commandSpan('complaints', command.command.type, (traced) => this.run(command, traced));
  }

  private async run({ complaintId, command, actor, options }: ExecuteComplaintCommand, traced: CommandTrace): Promise<CommandAnswer> {
    const { idempotency } = options;
    if (idempotency) await this.idempotencyKeys.check(actor.id, idempotency);
    const commandId = commandIdOf(actor, idempotency);
    // A repeated key must find its earlier command among the stream's events: it reads them.
    let useRecent = !idempotency;
    for (let conflicts = 0; ; ) {
      // A receipt is presumably of a new case, a stream not there to read: the append finds out otherwise.
      const remembered = useRecent ? (this.recent.get(complaintId) ?? (command.type === 'receive' ? this.unreceived() : undefined)) : undefined;
      const recent = remembered && remembered.revision === (options.expectedRevision ?? remembered.revision) ? remembered : undefined;
      const current: CurrentComplaint = recent ? traced.step('recall', () => recent) : await traced.step('read', () => this.read(complaintId));
      if (current.events) {
        const earlier = current.events.findIndex((e) => e.metadata.commandId === commandId);
        if (earlier >= 0) {
          // Stored by a request that bound the key while this one was on its way: it must be this request.
          if (idempotency) await this.idempotencyKeys.check(actor.id, idempotency);
          traced.repeated();
          return this.asOf(current.events, current.state, lastEventOfCommand(current.events, commandId, earlier));
        }
      }
      let events: ComplaintEvent[];
      try {
        events = this.decide(complaintId, command, actor, current, options.expectedRevision, traced);
      } catch (refused) {
        // A case remembered may have moved on elsewhere: only the stored case refuses.
        if (current.events) throw refused;
        this.recent.forget(complaintId);
        useRecent = false;
        continue;
      }
      const metadata = commandMetadata(actor, commandId, options.correlationId);
      // Bound only now: a request refused above binds nothing, and of two different requests racing with one key, one stores.
      if (idempotency) await this.idempotencyKeys.bind(actor.id, idempotency);
      try {
        // Sealing the person's data (its key is stored on first use) belongs to the append.
        const { recorded, numbering, result } = await traced.step('append', async () => {
          const { stored, recorded } = await this.codec.encode(events, metadata, current.complainantKey);
          const numbering = this.referenceOf(recorded[0]!);
          const result = await this.store.append(complaintStreamId(complaintId), stored, {
            expectedRevision: current.revision < 0 ? 'no-stream' : current.revision,
            numbering: numbering && { counter: numbering.counter, apply: (taken) => withReference(stored, numbering.reference(taken)) },
          });
          return { recorded, numbering, result };
        });
        if (result.duplicate) {
          traced.repeated();
          const stored = await loadComplaint(this.store, this.codec, complaintId);
          return this.asOf(stored.events, stored.state, result.nextExpectedRevision);
        }
        const final = result.number === undefined ? recorded : withReference(recorded, numbering!.reference(result.number));
        const done = { state: final.reduce(evolve, current.state), revision: result.nextExpectedRevision };
        this.recent.remember(complaintId, { ...done, complainantKey: current.complainantKey ?? receiptKeyOf(final), opened: current.opened });
        return done;
      } catch (error) {
        // The key's command was stored on another case before keys were bound to requests.
        if (error instanceof CommandIdReusedError && idempotency) throw new IdempotencyKeyReused(idempotency.key, undefined);
        if (!(error instanceof WrongExpectedRevisionError)) throw error;
        this.recent.forget(complaintId);
        if (!current.events) {
          useRecent = false;
          continue;
        }
        if (options.expectedRevision !== undefined) throw new StaleRevision('complaint', options.expectedRevision, Number(error.actual));
        if (++conflicts >= MAX_ATTEMPTS) throw new BusyStream(`complaint ${complaintId}`);
        // Writers that collided all re-read at once otherwise: spread them out a little.
        await new Promise((resolve) => setTimeout(resolve, Math.random() * 10 * conflicts));
      }
    }
  }

  /** The case as stored, its personal data opened. */
  private async read(complaintId: string): Promise<CurrentComplaint> {
    const opened = this.recent.opening();
    const loaded = await loadComplaint(this.store, this.codec, complaintId);
    return { ...loaded, complainantKey: complainantKeyOf(loaded.events), opened };
  }

  private unreceived(): CurrentComplaint {
    return { state: initialState(), revision: -1, complainantKey: undefined, opened: this.recent.opening() };
  }

  /** The events the command gives on the case as it stands, or the refusal. */
  private decide(complaintId: string, command: ComplaintCommand, actor: Actor, current: CurrentComplaint, expectedRevision: number | undefined, traced: CommandTrace): ComplaintEvent[] {
    if (current.revision < 0 && command.type !== 'receive') throw new ComplaintNotFound(complaintId);
    // The client decided on a revision the case has moved past (412): whatever else would refuse the
    // command now follows from that change, and "someone changed this case, reload" is what they need.
    // A case remembered is used with If-Match only at the revision the client saw.
    if (expectedRevision !== undefined && current.events && changedSince(current.events, current.revision, expectedRevision)) {
      throw new StaleRevision('complaint', expectedRevision, current.revision);
    }
    // A command the state refuses is refused as such (409), before asking whose department the case is.
    const notNow = stateRefusal(command.type, current.state);
    if (notNow) throw notNow;
    const refused = refusal(actor, command.type, complaintOf(current.state), command.type === 'record-contribution' || command.type === 'reassign' ? command.data.department : undefined);
    if (refused) throw new AccessDenied(refused.message);
    return traced.step('decide', () => decide({ ...command, by: { roles: actor.roles } }, current.state, this.catalog, this.calendar));
  }

  /** A receipt takes the next number of its year of receipt (in the calendar's time zone), where the store numbers. */
  private referenceOf(first: ComplaintEvent): { counter: string; reference(taken: number): string } | undefined {
    if (first.type !== 'ComplaintReceived' || !this.store.numbers) return undefined;
    const { counter, year } = referenceCounter(first.data.receivedAt, this.calendar.timeZone);
    return { counter, reference: (taken) => formatReference(year, taken) };
  }

  /** The answer a repeated request gets: the case as the first request left it, and as it stands. */
  private asOf(events: StoredEvent[], standing: ComplaintState, revision: number): CommandAnswer {
    return { state: replay(events.slice(0, revision + 1).map(toDomainEvent)), revision, standing };
  }
}

/**
 * Whether the case changed after the revision the client saw. A notice's delivery report, appended by
 * the sender a moment after a command, changes nothing the client decided on: it does not make them stale.
 */
function changedSince(events: StoredEvent[], current: number, revision: number): boolean {
  if (revision > current || revision < -1) return true;
  return events.slice(revision + 1).some((e) => !NOTICE_OUTCOMES.has(e.type));
}

const NOTICE_OUTCOMES: ReadonlySet<string> = new Set(['NoticeDelivered', 'NoticeFailed']);

function lastEventOfCommand(events: StoredEvent[], commandId: string, first: number): number {
  let last = first;
  while (events[last + 1]?.metadata.commandId === commandId) last++;
  return last;
}

/** The complainant key the codec gave a receipt among the events. */
function receiptKeyOf(events: ComplaintEvent[]): string | undefined {
  const receipt = events.find((e) => e.type === 'ComplaintReceived');
  return receipt?.type === 'ComplaintReceived' ? receipt.data.complainantKey : undefined;
}

/** The receipt (the first event) with its reference. */
function withReference<E extends { data: object }>(events: E[], reference: string): E[] {
  return events.map((event, i) => (i === 0 ? ({ ...event, data: { ...event.data, reference } } as E) : event));
}
