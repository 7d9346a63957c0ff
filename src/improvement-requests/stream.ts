import type { ImprovementEvent } from '../../domain/improvement/events.js';
import type { EventMetadata, NewEvent, StoredEvent } from '../event-store/index.js';

/** Each improvement request's history is one stream of the event store, beside the complaints'. */
const PREFIX = 'improvement-request-';

export const improvementStreamId = (requestId: string): string => `${PREFIX}${requestId}`;

/** The request a stream belongs to, or undefined for another kind of stream. */
export function improvementRequestIdOf(streamId: string): string | undefined {
  return streamId.startsWith(PREFIX) ? streamId.slice(PREFIX.length) : undefined;
}

/** Every event type is at its first version: no upcasters yet (see src/complaint-stream/upcasting.ts when one changes). */
const SCHEMA_VERSION = 1;

export function toStoredImprovementEvent(event: ImprovementEvent, metadata: Omit<EventMetadata, 'occurredAt'>): NewEvent {
  return { type: event.type, schemaVersion: SCHEMA_VERSION, data: event.data as unknown as Record<string, unknown>, metadata: { ...metadata, occurredAt: event.occurredAt } };
}

export function improvementEventOf(stored: StoredEvent): ImprovementEvent {
  return { type: stored.type, data: stored.data, occurredAt: stored.metadata.occurredAt } as ImprovementEvent;
}
