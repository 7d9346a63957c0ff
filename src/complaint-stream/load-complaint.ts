import { replay, type ComplaintState } from '../../domain/complaint/decider.js';
import type { EventStore, StoredEvent } from '../event-store/index.js';
import type { ComplaintCodec } from './complaint-codec.js';
import { complaintStreamId } from './stream.js';
import { toDomainEvent } from './upcasting.js';

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

/** Of the complaints a record names (an improvement request, a nomination), the ones never received: `complaints[i]: no complaint <id>`. */
export async function complaintsMissing(store: EventStore, ids: readonly string[]): Promise<{ field: string; rule: string }[]> {
  const missing = [];
  for (const [i, id] of ids.entries()) {
    const [first] = await store.readStream(complaintStreamId(id), { toRevision: 0 });
    if (!first) missing.push({ field: `complaints[${i}]`, rule: `no complaint ${id}` });
  }
  return missing;
}
