import { replayImprovement, type ImprovementSnapshot } from '../../domain/improvement/decider.js';
import type { EventStore, StoredEvent } from '../event-store/index.js';
import { improvementEventOf, improvementStreamId } from './stream.js';

export interface ImprovementAtRevision {
  state: ImprovementSnapshot;
  /** The stream's last revision; -1 when there is no such request. */
  revision: number;
}

export interface LoadedImprovementRequest extends ImprovementAtRevision {
  events: StoredEvent[];
}

/** The request's stream, replayed through its machine. */
export async function loadImprovementRequest(store: EventStore, requestId: string): Promise<LoadedImprovementRequest> {
  const events = await store.readStream(improvementStreamId(requestId));
  return { events, state: replayImprovement(events.map(improvementEventOf)), revision: events.length - 1 };
}
