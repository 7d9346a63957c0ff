import { UNRECORDED_REASON } from '../../domain/catalog.js';
import { isComplaintEventType, type ComplaintEvent, type ComplaintEventType } from '../../domain/complaint/events.js';
import type { EventMetadata, NewEvent, StoredEvent } from '../event-store/index.js';

type Data = Record<string, unknown>;

/** Turns an event's data of one schema version into the next version's. */
export type Upcaster = (data: Data) => Data;

/**
 * How each event type's data changed shape since it was first stored: the i-th upcaster turns
 * version i+1 into version i+2. An event is written at its type's current version (the number of its
 * upcasters plus one) and read back through the upcasters after its stored version, so the domain
 * only ever sees today's shape and no stored event is rewritten.
 *
 * To change an event's data: change its type in domain/complaint/events.ts and append here the
 * function that makes the old shape the new one (with a test that reads an event stored the old way).
 */
export const UPCASTERS: { readonly [T in ComplaintEventType]?: readonly Upcaster[] } = {
  FindingsRecorded: [
    // 1 → 2: each substantiated subject carries the reason it was at fault ("the same reason" of the
    // repeat-offender rule); findings recorded before then say it was not recorded.
    (data) => ({
      ...data,
      subjects: (data.subjects as Data[]).map((s) => (s.substantiated === true && s.reason === undefined ? { ...s, reason: UNRECORDED_REASON } : s)),
    }),
  ],
  ComplaintReceived: [
    // 1 → 2: consent to be told by phone was not asked before, and every receipt then had a name and a contact.
    (data) => ({ ...data, consent: { ...(data.consent as object), phone: false }, unidentified: false }),
  ],
};

export function currentVersion(type: string, upcasters: typeof UPCASTERS = UPCASTERS): number {
  return 1 + (isComplaintEventType(type) ? (upcasters[type]?.length ?? 0) : 0);
}

/** The data in today's shape, from the version it was stored at. */
export function upcast(type: string, schemaVersion: number, data: Data, upcasters: typeof UPCASTERS = UPCASTERS): Data {
  const chain = isComplaintEventType(type) ? (upcasters[type] ?? []) : [];
  if (schemaVersion > chain.length + 1) throw new Error(`${type} version ${schemaVersion} is newer than this service reads (${chain.length + 1}): upgrade the service`);
  return chain.slice(Math.max(schemaVersion - 1, 0)).reduce((shaped, step) => step(shaped), data);
}

/**
 * The store's record of an event, read back as the domain's fact in today's shape. Personal data
 * stays sealed unless the events were opened first (`ComplaintCodec.open`); read models never need it.
 */
export function toDomainEvent(stored: StoredEvent): ComplaintEvent {
  return { type: stored.type, data: upcast(stored.type, stored.schemaVersion, stored.data), occurredAt: stored.metadata.occurredAt } as ComplaintEvent;
}

/** The domain's fact as the store takes it, at its type's current schema version. */
export function toNewEvent(event: ComplaintEvent, metadata: Omit<EventMetadata, 'occurredAt'>): NewEvent {
  return {
    type: event.type,
    schemaVersion: currentVersion(event.type),
    data: event.data as unknown as Data,
    metadata: { ...metadata, occurredAt: event.occurredAt },
  };
}
