import { v7 as uuidv7 } from 'uuid';
import { actorRoleOf, type Actor } from '../../domain/access.js';
import { CommandIdReusedError, WrongExpectedRevisionError, type EventMetadata, type EventStore, type NewEvent, type StoredEvent } from '../event-store/index.js';
import { BusyStream, StaleRevision } from '../http/index.js';
import type { CommandTrace } from '../tracing/index.js';
import { idempotentId, IdempotencyKeyReused, type IdempotencyKeys, type IdempotentRequest } from './idempotency-keys.js';

/** How often a write conflict without If-Match is retried by re-reading and re-deciding. */
export const MAX_ATTEMPTS = 5;

/** What a request brings to any command besides the command itself. */
export interface CommandOptions {
  /** From If-Match: the revision the client last saw. A mismatch fails instead of re-deciding. */
  expectedRevision?: number;
  /** From Idempotency-Key: the key is bound to this request once it stores; the same request again runs the command once. */
  idempotency?: IdempotentRequest;
  correlationId: string;
}

/** The metadata every event of one command carries. */
export function commandMetadata(actor: Actor, commandId: string, correlationId: string): Omit<EventMetadata, 'occurredAt'> {
  return { actorId: actor.id, actorRole: actorRoleOf(actor), commandId, correlationId, causationId: commandId };
}

/** The id a command's events are stored under: from the Idempotency-Key, so that the same request again finds them. */
export function commandIdOf(actor: Actor, idempotency: IdempotentRequest | undefined): string {
  return idempotency ? idempotentId(actor.id, idempotency.key) : uuidv7();
}

/** One stream (an improvement request, a quarter's evaluation) and what its command does to it. */
export interface StreamCommand<State, Event> {
  streamId: string;
  /** How a 412 or a 409 names the stream: "improvement request <id>", "evaluation of 2026-Q3". */
  what: string;
  /** Whether the command may start the stream (filing a request, drafting an evaluation); another command on no stream is `notFound`. */
  starts: boolean;
  notFound(): Error;
  replay(events: StoredEvent[]): State;
  evolve(state: State, event: Event): State;
  /** The command's events on the state as stored, or its refusal (the state's first, then the actor's, as each aggregate orders them). */
  decide(state: State): Event[] | Promise<Event[]>;
  toStored(event: Event, metadata: Omit<EventMetadata, 'occurredAt'>): NewEvent;
}

/**
 * Read the stream, fold it, decide, append with the expected revision: the command path of every
 * aggregate but the case (which also seals personal data, numbers receipts and remembers recent cases:
 * `src/complaints/execute-complaint-command.ts`). A stale If-Match is refused (412) before the command
 * is decided; a conflict without one is decided again on the stream as it now stands, at most
 * `MAX_ATTEMPTS` times (then 409, `retry: true`).
 */
export async function executeOnStream<State, Event>(
  store: EventStore,
  idempotencyKeys: IdempotencyKeys,
  actor: Actor,
  { expectedRevision, idempotency, correlationId }: CommandOptions,
  traced: CommandTrace,
  command: StreamCommand<State, Event>,
): Promise<{ state: State; revision: number }> {
  if (idempotency) await idempotencyKeys.check(actor.id, idempotency);
  const commandId = commandIdOf(actor, idempotency);
  for (let attempt = 1; ; attempt++) {
    const events = await traced.step('read', () => store.readStream(command.streamId));
    const revision = events.length - 1;
    const earlier = events.findLastIndex((e) => e.metadata.commandId === commandId);
    if (earlier >= 0) {
      // Stored by this request before: its first answer.
      if (idempotency) await idempotencyKeys.check(actor.id, idempotency);
      traced.repeated();
      return { state: command.replay(events.slice(0, earlier + 1)), revision: earlier };
    }
    if (revision < 0 && !command.starts) throw command.notFound();
    if (expectedRevision !== undefined && expectedRevision !== revision) throw new StaleRevision(command.what, expectedRevision, revision);
    const state = command.replay(events);
    const decided = await traced.step('decide', () => command.decide(state));
    const metadata = commandMetadata(actor, commandId, correlationId);
    // Bound only now: a request refused above binds nothing, and of two different requests racing with one key, one stores.
    if (idempotency) await idempotencyKeys.bind(actor.id, idempotency);
    try {
      const result = await traced.step('append', () => store.append(command.streamId, decided.map((e) => command.toStored(e, metadata)), {
        expectedRevision: revision < 0 ? 'no-stream' : revision,
      }));
      return { state: decided.reduce(command.evolve, state), revision: result.nextExpectedRevision };
    } catch (error) {
      // The key's command was stored on another stream before keys were bound to requests.
      if (error instanceof CommandIdReusedError && idempotency) throw new IdempotencyKeyReused(idempotency.key, undefined);
      if (!(error instanceof WrongExpectedRevisionError)) throw error;
      if (expectedRevision !== undefined) throw new StaleRevision(command.what, expectedRevision, Number(error.actual));
      if (attempt >= MAX_ATTEMPTS) throw new BusyStream(command.what);
    }
  }
}
