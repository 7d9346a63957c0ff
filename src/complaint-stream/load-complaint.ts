import { replay, type ComplaintState } from '../../domain/complaint/decider.js';
import type { EventStore, StoredEvent } from '../event-store/index.js';
import { ApplicationError } from '../http/index.js';
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

/**
 * A case's stream whose revisions are not 0, 1, 2 … in order (an event deleted or renumbered in the
 * database): no command can be decided on it, since the revision it would append after is not its
 * events' count, and trying again never helps (500, logged). `npm run audit:verify` names the event.
 */
export class DamagedStream extends ApplicationError {
  override readonly name = 'DamagedStream';
  readonly status = 500;
  constructor(
    readonly complaintId: string,
    readonly streamId: string,
    readonly expectedRevision: number,
    readonly foundRevision: number,
  ) {
    super(
      `complaint ${complaintId} cannot be read: its stream ${streamId} is damaged, revision ${foundRevision} stands where revision ${expectedRevision} should; ` +
        'its stored history was altered (npm run audit:verify names the event): nothing can be recorded on it until it is restored',
    );
  }

  override details(): Record<string, unknown> {
    return { retry: false, streamId: this.streamId };
  }
}

/** A case read from its stream, personal data opened: `events` are the opened records. Throws `DamagedStream` when its revisions are not 0..n-1. */
export async function loadComplaint(store: EventStore, codec: ComplaintCodec, complaintId: string, toRevision?: number): Promise<LoadedComplaint> {
  const streamId = complaintStreamId(complaintId);
  const stored = await store.readStream(streamId, toRevision === undefined ? {} : { toRevision });
  const misplaced = stored.findIndex((event, i) => event.revision !== i);
  if (misplaced !== -1) throw new DamagedStream(complaintId, streamId, misplaced, stored[misplaced]!.revision);
  const events = await codec.open(stored);
  return { state: replay(events.map(toDomainEvent)), revision: events.length - 1, events };
}

