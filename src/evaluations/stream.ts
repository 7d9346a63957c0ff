import type { EvaluationEvent } from '../../domain/evaluation/events.js';
import type { EventMetadata, NewEvent, StoredEvent } from '../event-store/index.js';

/** Each quarter's evaluation is one stream of the event store (`evaluation-2026-Q3`): at most one per quarter. */
const PREFIX = 'evaluation-';

export const evaluationStreamId = (quarter: string): string => `${PREFIX}${quarter}`;

/** The quarter a stream's evaluation is of, or undefined for another kind of stream. */
export function evaluationQuarterOf(streamId: string): string | undefined {
  return streamId.startsWith(PREFIX) ? streamId.slice(PREFIX.length) : undefined;
}

/** Every event type is at its first version: no upcasters yet. */
const SCHEMA_VERSION = 1;

export function toStoredEvaluationEvent(event: EvaluationEvent, metadata: Omit<EventMetadata, 'occurredAt'>): NewEvent {
  return { type: event.type, schemaVersion: SCHEMA_VERSION, data: event.data as unknown as Record<string, unknown>, metadata: { ...metadata, occurredAt: event.occurredAt } };
}

export function evaluationEventOf(stored: StoredEvent): EvaluationEvent {
  return { type: stored.type, data: stored.data, occurredAt: stored.metadata.occurredAt } as EvaluationEvent;
}

/** Each ad-hoc inspection (수시 평가) is a stream of its own, `inspection-<id>`. */
const INSPECTION_PREFIX = 'inspection-';

export const inspectionStreamId = (id: string): string => `${INSPECTION_PREFIX}${id}`;

export function inspectionIdOf(streamId: string): string | undefined {
  return streamId.startsWith(INSPECTION_PREFIX) ? streamId.slice(INSPECTION_PREFIX.length) : undefined;
}
