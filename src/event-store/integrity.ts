/**
 * Tamper evidence, the part every adapter shares: the canonical form of an event, its hash chained
 * per stream, the seals that chain the global order, and the checks that recompute both.
 *
 * Per stream: `hash = sha256hex(previousHash + JCS(event))`, where JCS is the JSON Canonicalization
 * Scheme (RFC 8785) of `{ streamId, revision, type, schemaVersion, data, metadata }` and
 * `previousHash` is the hash of the stream's previous revision (64 zeros for revision 0). Any change
 * to a stored event's content, revision or predecessor changes its hash, so an edit shows unless the
 * editor also rewrites every later hash of the stream.
 *
 * Store-wide: a seal covers a range of the global order and holds the digest of the ids, hashes and
 * recorded times (the store's clock at commit, outside the events' hashes; seals of format 1, made
 * before December 2026, digest ids and hashes only) of its events in that order, chained to the
 * previous seal's digest, and, per stream it touches, the newest event (revision, id, hash). Deleting
 * or rewriting a sealed event, even with the stream's chain recomputed, or moving its recorded time,
 * breaks its seal. An event not yet sealed is protected by its stream's chain
 * only: deleting the newest event of a stream (and lowering the stream's head) goes unnoticed until
 * the next seal would have covered it, which is the sealing interval.
 *
 * A database administrator can rewrite everything, seals included: keep the digest of the latest seal
 * (`audit:verify` prints it, exports carry it) outside the database and compare it later.
 */
import canonicalize from 'canonicalize';
import { createHash } from 'node:crypto';
import type { GlobalPosition } from './event-store.js';

/** The `previousHash` of a stream's first event, and the `previousDigest` of the first seal. */
export const GENESIS_HASH = '0'.repeat(64);

/** What the hash covers: the event as stored, less what the store assigns at commit (id, position, time). */
export interface HashedContent {
  streamId: string;
  revision: number;
  type: string;
  schemaVersion: number;
  data: unknown;
  metadata: unknown;
}

/** RFC 8785 canonical JSON of the hashed content. */
export function canonicalEvent({ streamId, revision, type, schemaVersion, data, metadata }: HashedContent): string {
  const text = canonicalize({ streamId, revision, type, schemaVersion, data, metadata });
  if (text === undefined) throw new TypeError('an event must be JSON');
  return text;
}

export function eventHash(previousHash: string, content: HashedContent): string {
  return createHash('sha256').update(previousHash).update(canonicalEvent(content)).digest('hex');
}

/** The newest event of a stream inside a seal's range. */
export interface SealHead {
  streamId: string;
  revision: number;
  eventId: string;
  hash: string;
  position: { commit: string; prepare: string };
}

/** The seals made now digest each event's recorded time too; format 1 did not. */
export const SEAL_FORMAT = 2;

/** A checkpoint over the global order: the events after `after` up to and including `last`. */
export interface Seal {
  number: number;
  /** 1: ids and hashes; 2: ids, hashes and recorded times (`SealDigest`). */
  format: number;
  after: GlobalPosition;
  last: GlobalPosition;
  eventCount: number;
  previousDigest: string;
  digest: string;
  heads: SealHead[];
  sealedAt: string;
}

/** The facts a seal needs of each event, in global order. */
export interface SealedEvent {
  eventId: string;
  streamId: string;
  revision: number;
  hash: string;
  position: GlobalPosition;
  /** When the store recorded it, to the microsecond, as `2026-12-04T10:00:00.123456Z`. */
  recordedAt: string;
}

/** Folds events in global order into a seal's digest, count and heads. */
export class SealDigest {
  private readonly sha = createHash('sha256');
  private readonly heads = new Map<string, SealHead>();
  count = 0;

  constructor(
    readonly previousDigest: string,
    readonly format: number,
  ) {
    this.sha.update(previousDigest);
  }

  add(event: SealedEvent): void {
    this.sha.update(this.format >= 2 ? `\n${event.eventId} ${event.hash} ${event.recordedAt}` : `\n${event.eventId} ${event.hash}`);
    this.count += 1;
    this.heads.set(event.streamId, {
      streamId: event.streamId,
      revision: event.revision,
      eventId: event.eventId,
      hash: event.hash,
      position: positionText(event.position),
    });
  }

  finish(): { digest: string; eventCount: number; heads: SealHead[] } {
    return { digest: this.sha.digest('hex'), eventCount: this.count, heads: [...this.heads.values()] };
  }
}

export type IntegrityProblem =
  /** The stored hash does not match the event's content: data, metadata, type, schema version or revision changed. */
  | 'content-altered'
  /** The event's previousHash is not the hash of the stream's previous revision. */
  | 'chain-broken'
  /** Revisions are missing before this event. */
  | 'revision-missing'
  /** The stream's head names a revision its events do not reach (or pass). */
  | 'stream-head-mismatch'
  /** The event has no hash at all. */
  | 'hash-missing'
  /** A sealed stream head is gone. */
  | 'sealed-event-missing'
  /** A sealed stream head is there with another hash: the stream was rewritten with its chain recomputed. */
  | 'sealed-event-rewritten'
  /** A seal's range no longer holds the events it sealed. */
  | 'seal-mismatch'
  /** A seal does not follow the previous one. */
  | 'seal-chain-broken';

/** One thing that does not match, naming the event (or the place where one is missing). */
export interface IntegrityFinding {
  problem: IntegrityProblem;
  /** In words, for a person. */
  message: string;
  streamId?: string;
  revision?: number;
  eventId?: string;
  /** The event's place in the global order (for a missing event, the place of the one after the gap). */
  position?: { commit: string; prepare: string };
  seal?: number;
}

export interface IntegrityReport {
  ok: boolean;
  checkedAt: string;
  /** Events and streams read. */
  events: number;
  streams: number;
  seals: { count: number; latest?: { number: number; digest: string; sealedAt: string; last: { commit: string; prepare: string } } };
  /** Events after the latest seal: protected by their streams' chains only until the next seal. */
  unsealedEvents: number;
  /** The first finding in the global order. */
  firstMismatch?: IntegrityFinding;
  /** Every finding up to `limit`, in the global order. */
  findings: IntegrityFinding[];
  truncated: boolean;
}

export const positionText = (p: GlobalPosition): { commit: string; prepare: string } => ({ commit: p.commit.toString(), prepare: p.prepare.toString() });

/** An event as a check reads it back. */
export interface CheckedEvent extends HashedContent {
  eventId: string;
  position: GlobalPosition;
  hash: string | null;
  previousHash: string | null;
}

/**
 * Walks events in stream order (stream by stream, revisions ascending) and reports what does not
 * match: content against its hash, each previousHash against the hash before it, gaps, and each
 * stream's end against the head the store keeps for it.
 */
export class StreamChainCheck {
  private streamId: string | undefined;
  private expectedRevision = 0;
  private previousHash = GENESIS_HASH;
  private last: CheckedEvent | undefined;
  private head: number | undefined;
  streams = 0;
  events = 0;

  constructor(private readonly report: (finding: IntegrityFinding) => void) {}

  /** `head`: the last revision the store's stream record claims (undefined if it keeps none). */
  add(event: CheckedEvent, head?: number): void {
    if (event.streamId !== this.streamId) {
      this.endStream();
      this.streamId = event.streamId;
      this.streams += 1;
      this.expectedRevision = 0;
      this.previousHash = GENESIS_HASH;
    }
    this.events += 1;
    this.head = head;
    const named = { streamId: event.streamId, revision: event.revision, eventId: event.eventId, position: positionText(event.position) };
    const where = `stream ${event.streamId} revision ${event.revision} (event ${event.eventId})`;
    const gap = event.revision !== this.expectedRevision;
    if (gap) {
      const missing = event.revision - 1 === this.expectedRevision ? `revision ${this.expectedRevision} is` : `revisions ${this.expectedRevision} to ${event.revision - 1} are`;
      this.report({
        ...named,
        revision: this.expectedRevision,
        eventId: undefined,
        problem: 'revision-missing',
        message: `stream ${event.streamId}: ${missing} missing before revision ${event.revision} (event ${event.eventId}), whose previousHash ${event.previousHash ?? '(none)'} names the event that stood there`,
      });
    }
    if (event.hash === null || event.previousHash === null) {
      this.report({ ...named, problem: 'hash-missing', message: `${where} has no hash` });
    } else if (eventHash(event.previousHash, event) !== event.hash) {
      this.report({
        ...named,
        problem: 'content-altered',
        message: `${where}: its content no longer matches its hash; its data, metadata, type, schema version or revision were changed after it was written`,
      });
    } else if (!gap && event.previousHash !== this.previousHash) {
      this.report({
        ...named,
        problem: 'chain-broken',
        message: `${where}: its previousHash ${event.previousHash} is not the hash ${this.previousHash} of revision ${event.revision - 1}; an earlier event of the stream was replaced`,
      });
    }
    this.expectedRevision = event.revision + 1;
    this.previousHash = event.hash ?? GENESIS_HASH;
    this.last = event;
  }

  /** Call once after the last event. */
  end(): void {
    this.endStream();
    this.streamId = undefined;
  }

  private endStream(): void {
    const last = this.last;
    if (last === undefined || this.head === undefined || this.head === last.revision) return;
    const named = { streamId: last.streamId, eventId: last.eventId, position: positionText(last.position) };
    if (this.head > last.revision) {
      this.report({
        ...named,
        revision: last.revision + 1,
        eventId: undefined,
        problem: 'stream-head-mismatch',
        message: `stream ${last.streamId}: the store records revision ${this.head} as its newest, but its events end at revision ${last.revision} (event ${last.eventId}): revisions ${last.revision + 1} to ${this.head} were deleted`,
      });
    } else {
      this.report({
        ...named,
        revision: last.revision,
        problem: 'stream-head-mismatch',
        message: `stream ${last.streamId}: the store records revision ${this.head} as its newest, but an event stands at revision ${last.revision} (event ${last.eventId})`,
      });
    }
    this.last = undefined;
  }
}

/** Orders findings by their place in the global order; those without one go last. */
export function compareFindings(a: IntegrityFinding, b: IntegrityFinding): number {
  if (!a.position || !b.position) return (a.position ? 0 : 1) - (b.position ? 0 : 1);
  const [ac, bc] = [BigInt(a.position.commit), BigInt(b.position.commit)];
  if (ac !== bc) return ac < bc ? -1 : 1;
  const [ap, bp] = [BigInt(a.position.prepare), BigInt(b.position.prepare)];
  return ap === bp ? 0 : ap < bp ? -1 : 1;
}

/** The problems the seals find, as opposed to a stream's own chain. */
const SEAL_PROBLEMS: readonly IntegrityProblem[] = ['sealed-event-missing', 'sealed-event-rewritten', 'seal-mismatch', 'seal-chain-broken'];

export const isSealFinding = (finding: IntegrityFinding): boolean => SEAL_PROBLEMS.includes(finding.problem);

/**
 * One stream verified: its hash chain and head (as `StreamChainCheck` walks every stream), and its
 * events against the heads the seals recorded for it, so a stream rewritten with its chain recomputed
 * shows here as it does in the store-wide check. The seals' own chain and digests are the store's:
 * only the store-wide check recomputes them.
 */
export interface StreamIntegrityReport {
  streamId: string;
  checkedAt: string;
  events: number;
  /** The stream's events recomputed against their hashes, chained, without gaps, up to its head. */
  chainIntact: boolean;
  /** Every event a seal recorded for the stream is still there with its sealed hash; null where the store keeps no seals. */
  sealsIntact: boolean | null;
  /** Both hold. */
  ok: boolean;
  /** The newest revision a seal recorded (-1: none yet); later ones are protected by the chain only. */
  sealedThrough: number;
  /** Chain findings in revision order, then the seals'. */
  findings: IntegrityFinding[];
}

/** A stream's head as a seal recorded it. */
export interface SealedStreamHead {
  seal: number;
  head: SealHead;
}

/**
 * Verifies one stream from what the store holds: its events in revision order, the revision its
 * stream record names as the newest (undefined if it keeps none), and the heads the seals recorded for
 * it (null where the store keeps no seals). Pure.
 */
export function checkStream(
  streamId: string,
  events: readonly CheckedEvent[],
  { head, sealed, checkedAt }: { head?: number; sealed: readonly SealedStreamHead[] | null; checkedAt: string },
): StreamIntegrityReport {
  const chainFindings: IntegrityFinding[] = [];
  const chain = new StreamChainCheck((finding) => chainFindings.push(finding));
  for (const event of events) chain.add(event, head);
  chain.end();
  if (events.length === 0 && head !== undefined) {
    chainFindings.push({
      problem: 'stream-head-mismatch',
      streamId,
      revision: 0,
      message: `stream ${streamId}: the store records revision ${head} as its newest, but the stream has no events: all were deleted`,
    });
  }

  const sealFindings: IntegrityFinding[] = [];
  const byRevision = new Map(events.map((event) => [event.revision, event]));
  let sealedThrough = -1;
  for (const { seal, head: sealedHead } of sealed ?? []) {
    sealedThrough = Math.max(sealedThrough, sealedHead.revision);
    const now = byRevision.get(sealedHead.revision);
    const name = { streamId, revision: sealedHead.revision, eventId: sealedHead.eventId, position: sealedHead.position, seal };
    if (now === undefined) {
      sealFindings.push({ ...name, problem: 'sealed-event-missing', message: `stream ${streamId} revision ${sealedHead.revision} (event ${sealedHead.eventId}) was sealed in seal ${seal} and has been deleted` });
    } else if (now.hash !== sealedHead.hash) {
      sealFindings.push({
        ...name,
        problem: 'sealed-event-rewritten',
        message: `stream ${streamId} revision ${sealedHead.revision} (event ${sealedHead.eventId}) has hash ${now.hash ?? '(none)'}, not the ${sealedHead.hash} sealed in seal ${seal}: the stream was rewritten up to here and its chain recomputed`,
      });
    }
  }
  return {
    streamId,
    checkedAt,
    events: events.length,
    chainIntact: chainFindings.length === 0,
    sealsIntact: sealed === null ? null : sealFindings.length === 0,
    ok: chainFindings.length === 0 && sealFindings.length === 0,
    sealedThrough,
    findings: [...chainFindings, ...sealFindings],
  };
}
