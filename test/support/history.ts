import type { INestApplication } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { ComplaintCommand } from '../../domain/complaint/commands.js';
import { decide, evolve, replay } from '../../domain/complaint/decider.js';
import type { ComplaintEvent } from '../../domain/complaint/events.js';
import { complaintStreamId, complainantKeyOf, toDomainEvent, COMPLAINT_CODEC, type ComplaintCodec } from '../../src/complaint-stream/index.js';
import type { EventStore } from '../../src/event-store/event-store.js';
import { EVENT_STORE } from '../../src/event-store/index.js';
import { receiveCommand } from './complaint-fixtures.js';

export interface Actor {
  sub: string;
  roles: readonly string[];
}

/**
 * Records a history at chosen business times, as the command handler would have: each command is
 * decided by the real decider on the case so far (so it is one the machine allows), sealed by the
 * service's codec and appended with the expected revision. The API stamps "now"; reports need the
 * past. `between` runs after each append (e.g. to let the projections meet the case in batches).
 */
export async function recordHistory(
  app: INestApplication,
  complaintId: string,
  steps: { command: ComplaintCommand; actor?: Actor }[],
  between?: () => Promise<void>,
): Promise<ComplaintEvent[]> {
  const store = app.get<EventStore>(EVENT_STORE);
  const codec = app.get<ComplaintCodec>(COMPLAINT_CODEC);
  const stored = await codec.open(await store.readStream(complaintStreamId(complaintId)));
  let state = replay(stored.map(toDomainEvent));
  let revision = stored.length - 1;
  let complainantKey = complainantKeyOf(stored);
  const recorded: ComplaintEvent[] = [];
  for (const { command, actor = { sub: 'u-office', roles: ['complaints-office'] } } of steps) {
    const events = decide(command, state);
    const commandId = randomUUID();
    const metadata = { actorId: actor.sub, actorRole: actor.roles.join(' '), commandId, correlationId: commandId, causationId: commandId };
    const encoded = await codec.encode(events, metadata, complainantKey);
    const receipt = encoded.recorded.find((e) => e.type === 'ComplaintReceived');
    if (receipt?.type === 'ComplaintReceived') complainantKey = receipt.data.complainantKey;
    revision = (await store.append(complaintStreamId(complaintId), encoded.stored, { expectedRevision: revision < 0 ? 'no-stream' : revision })).nextExpectedRevision;
    state = encoded.recorded.reduce(evolve, state);
    recorded.push(...encoded.recorded);
    await between?.();
  }
  return recorded;
}

/** A step as the report tests write them: who, which command, its body, and when (ISO with offset). */
export type StaffStep = [actor: Actor, type: ComplaintCommand['type'], data: unknown, now: string];

/** recordHistory for steps written as tuples; a receipt's body fills in the fixtures' complaint. */
export function recordSteps(app: INestApplication, complaintId: string, steps: StaffStep[]): Promise<ComplaintEvent[]> {
  return recordHistory(
    app,
    complaintId,
    steps.map(([actor, type, data, now]) => ({
      actor,
      command: { type, now, data: type === 'receive' ? { ...(receiveCommand().data as object), complaintId, receivedAt: now, ...(data as object) } : data } as ComplaintCommand,
    })),
  );
}
