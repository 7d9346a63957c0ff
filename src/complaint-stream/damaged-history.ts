/**
 * A case whose stored history is damaged: its events are not the ones written (a revision missing or
 * out of place, an event that no longer matches its hash or its place in the chain, events deleted
 * with the stream's record left), or the lifecycle machine refuses to fold them. Such a case cannot be
 * shown as it stands, nor at any moment of its past (who may read its personal data is judged on the
 * case as it stands now), so every read and command of it answers `HistoryDamaged`: never a partial
 * answer. The evidence export exports its events as stored instead (src/audit/export).
 */
import { evolve, initialState, type ComplaintState } from '../../domain/complaint/decider.js';
import { checkStream, type EventStore, type IntegrityFinding, type StoredEvent } from '../event-store/index.js';
import { ApplicationError } from '../http/index.js';
import { complaintStreamId } from './stream.js';
import { toDomainEvent } from './upcasting.js';

/** What a read of the case found wrong, at which revision (null: none in particular). */
export interface Damage {
  revision: number | null;
  found: string;
}

/**
 * 500 with `code: "history-damaged"`: the request was sound and the service is not at fault in a way a
 * retry mends; the store holds a history that is not the one recorded. A 4xx would tell the client to
 * change its request, and a 409 that it may resolve a conflict: neither can. `retry: false`, the case,
 * the revision and what `audit:verify` says of the stream (its findings) go with it.
 */
export class HistoryDamaged extends ApplicationError {
  override readonly name = 'HistoryDamaged';
  readonly status = 500;
  readonly code = 'history-damaged';

  constructor(
    readonly complaintId: string,
    readonly streamId: string,
    readonly damage: Damage,
    /** What verifying the stream (its chain, head and seals) finds: `npm run audit:verify` names the same. */
    readonly findings: readonly IntegrityFinding[],
  ) {
    super(
      `complaint ${complaintId} cannot be read: its stored history (stream ${streamId}) is damaged: ${damage.found}. ` +
        (findings.length > 0 ? `Verification says: ${findings.map((f) => f.message).join('; ')}. ` : '') +
        'Its events as stored are in the evidence export (GET /audit/evidence?complaint=…); nothing can be shown or recorded on it until it is restored',
    );
  }

  override details(): Record<string, unknown> {
    return {
      code: this.code,
      retry: false,
      complaintId: this.complaintId,
      streamId: this.streamId,
      revision: this.damage.revision,
      found: this.damage.found,
      findings: this.findings.map(({ problem, revision, eventId, message }) => ({ problem, revision, eventId, message })),
    };
  }
}

/** An event the lifecycle machine (or its upcasting) refuses, at its revision: thrown while folding, made `HistoryDamaged` where the store can be asked. */
export class UnfoldableHistory extends Error {
  override readonly name = 'UnfoldableHistory';
  constructor(
    readonly revision: number,
    readonly eventType: string,
    cause: string,
  ) {
    super(`the ${eventType} at revision ${revision} cannot follow the events before it (${cause})`);
  }

  get damage(): Damage {
    return { revision: this.revision, found: this.message };
  }
}

/** One stored event folded into the case; an event the machine refuses throws `UnfoldableHistory`. */
export function foldEvent(state: ComplaintState, event: StoredEvent): ComplaintState {
  try {
    return evolve(state, toDomainEvent(event));
  } catch (error) {
    throw new UnfoldableHistory(event.revision, event.type, (error as Error).message);
  }
}

export function foldHistory(events: readonly StoredEvent[], from: ComplaintState = initialState()): ComplaintState {
  return events.reduce(foldEvent, from);
}

/**
 * What reading the events finds wrong without the store's help: revisions that are not 0, 1, 2 … in
 * order, an event whose hash does not match its content, or whose previous hash is not its
 * predecessor's, or recorded before an earlier revision. Undefined when none. (A newest event deleted
 * with the stream's head lowered leaves no trace here: the stream's newest seal shows it, `sealedDamage`.)
 */
export function damageIn(stored: readonly StoredEvent[]): Damage | undefined {
  const misplaced = stored.findIndex((event, i) => event.revision !== i);
  if (misplaced !== -1) {
    const found = stored[misplaced]!.revision;
    const missing = found > misplaced ? (found - 1 === misplaced ? `revision ${misplaced} is missing` : `revisions ${misplaced} to ${found - 1} are missing`) : `revision ${found} stands again`;
    return { revision: misplaced, found: `${missing}: revision ${found} stands where revision ${misplaced} should` };
  }
  if (stored.length === 0) return undefined;
  const { findings } = checkStream(stored[0]!.streamId, stored, { sealed: null, checkedAt: '' });
  const first = findings[0];
  if (first === undefined) return undefined;
  // The first finding in its own words (a hash, the chain, a recorded time): the others are in `findings`.
  const more = findings.length - 1;
  return { revision: first.revision ?? null, found: more === 0 ? first.message : `${first.message} (and ${more} more finding${more === 1 ? '' : 's'})` };
}

/** `HistoryDamaged` for the case, with what verifying its stream finds (where the store verifies one). */
export async function historyDamaged(store: EventStore, complaintId: string, damage: Damage): Promise<HistoryDamaged> {
  const streamId = complaintStreamId(complaintId);
  const report = await store.verifyStream?.(streamId);
  return new HistoryDamaged(complaintId, streamId, damage, report?.findings ?? []);
}

/**
 * A case's stored events, checked (`damageIn`); [] for no such case. Throws `HistoryDamaged` when they
 * are damaged, or when the stream has none though the store records it (all its events deleted).
 */
export async function readComplaintHistory(store: EventStore, complaintId: string, options: { toRevision?: number } = {}): Promise<StoredEvent[]> {
  const streamId = complaintStreamId(complaintId);
  const stored = await store.readStream(streamId, options);
  if (stored.length === 0) {
    // Rare (an unknown id): ask the store whether the stream is recorded with its events gone.
    const report = await store.verifyStream?.(streamId);
    if (report && !report.ok) throw new HistoryDamaged(complaintId, streamId, { revision: 0, found: 'the store records the case but holds none of its events' }, report.findings);
    return [];
  }
  const damage = damageIn(stored) ?? (await sealedDamage(store, stored, options.toRevision));
  if (damage) throw await historyDamaged(store, complaintId, damage);
  return stored;
}

/**
 * What the stream's newest seal finds wrong with its events, cheaply (the seal's record is not
 * recomputed: `audit:verify` does that): a sealed revision no longer there (deleted, the stream's
 * head lowered), or standing with another hash (rewritten, the chain recomputed after it).
 */
async function sealedDamage(store: EventStore, stored: readonly StoredEvent[], toRevision: number | undefined): Promise<Damage | undefined> {
  const sealed = await store.sealedHead?.(stored[0]!.streamId);
  if (!sealed) return undefined;
  const { seal, head } = sealed;
  // A read up to an earlier revision is checked by the seals that recorded it: by audit:verify.
  if (toRevision !== undefined && head.revision > toRevision) return undefined;
  const event = stored[head.revision];
  if (event === undefined) {
    return { revision: head.revision, found: `seal ${seal} recorded it up to revision ${head.revision} (event ${head.eventId}), but its events end at revision ${stored.length - 1}: sealed events were deleted` };
  }
  if (event.hash !== head.hash) {
    return { revision: head.revision, found: `its event at revision ${head.revision} is not the one seal ${seal} recorded (hash ${head.hash}): the history up to it was rewritten and its hash chain recomputed` };
  }
  return undefined;
}

/** Runs a fold of the case's events; an `UnfoldableHistory` becomes `HistoryDamaged` naming the case. */
export async function folding<T>(store: EventStore, complaintId: string, fold: () => T): Promise<T> {
  try {
    return fold();
  } catch (error) {
    if (error instanceof UnfoldableHistory) throw await historyDamaged(store, complaintId, error.damage);
    throw error;
  }
}
