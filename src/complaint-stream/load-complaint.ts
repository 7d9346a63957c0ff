import { complaintStreamId, EVENT_SCHEMA_VERSION, type ComplaintEvent } from '../../domain/complaint/events.js';
import { replay, type ComplaintState } from '../../domain/complaint/decider.js';
import type { EventMetadata, EventStore, NewEvent, StoredEvent } from '../event-store/event-store.js';
import type { ComplaintCodec } from './complaint-codec.js';

/**
 * The store's record of an event, read back as the domain's fact. Personal data stays sealed unless
 * the events were opened first (`ComplaintCodec.open`); projections never need it.
 */
export function toDomainEvent(stored: StoredEvent): ComplaintEvent {
  return { type: stored.type, data: stored.data, occurredAt: stored.metadata.occurredAt } as ComplaintEvent;
}

export function toNewEvent(event: ComplaintEvent, metadata: Omit<EventMetadata, 'occurredAt'>): NewEvent {
  return {
    type: event.type,
    schemaVersion: EVENT_SCHEMA_VERSION,
    data: event.data as unknown as Record<string, unknown>,
    metadata: { ...metadata, occurredAt: event.occurredAt },
  };
}

export interface ComplaintAtRevision {
  state: ComplaintState;
  /** The stream's last revision, -1 before receipt. */
  revision: number;
}

export interface LoadedComplaint extends ComplaintAtRevision {
  events: StoredEvent[];
}

/** A case read from its stream, personal data opened: `events` are the opened records. */
export async function loadComplaint(store: EventStore, codec: ComplaintCodec, complaintId: string, toRevision?: number): Promise<LoadedComplaint> {
  const stored = await store.readStream(complaintStreamId(complaintId), toRevision === undefined ? {} : { toRevision });
  const events = await codec.open(stored);
  return { state: replay(events.map(toDomainEvent)), revision: events.length - 1, events };
}
