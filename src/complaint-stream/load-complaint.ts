import type { ComplaintState } from '../../domain/complaint/decider.js';
import type { EventStore, StoredEvent } from '../event-store/index.js';
import type { ComplaintCodec } from './complaint-codec.js';
import { folding, foldHistory, readComplaintHistory } from './damaged-history.js';

export interface ComplaintAtRevision {
  state: ComplaintState;
  /** The stream's last revision, -1 before receipt. */
  revision: number;
}

export interface LoadedComplaint extends ComplaintAtRevision {
  events: StoredEvent[];
}

/**
 * A case read from its stream, personal data opened: `events` are the opened records. Throws
 * `HistoryDamaged` (damaged-history.ts) when its stored events are not the ones recorded or do not fold:
 * no command can be decided on it, and trying again never helps.
 */
export async function loadComplaint(store: EventStore, codec: ComplaintCodec, complaintId: string, toRevision?: number): Promise<LoadedComplaint> {
  const stored = await readComplaintHistory(store, complaintId, toRevision === undefined ? {} : { toRevision });
  const events = await codec.open(stored);
  const state = await folding(store, complaintId, () => foldHistory(events));
  return { state, revision: events.length - 1, events };
}
