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
 * recorded times (the store's clock at commit, outside the events' hashes) of its events in that
 * order, chained to the previous seal's digest, and, per stream it touches, the newest event
 * (revision, id, hash). Format 3 digests the seal's own record after its events (`sealRecordDigest`:
 * number, range, count, previous digest, heads, time), so no stored field of a seal can change
 * unseen. Older seals are checked as they were made: format 2 digests events only, format 1 (before
 * December 2026) ids and hashes only; their heads and count are checked against the events they
 * cover, their time against their events' and the previous seal's. Deleting or rewriting a sealed
 * event, even with the stream's chain recomputed, or moving its recorded time, breaks its seal; so
 * does an edit of the seal itself, reported as such. An event not yet sealed is protected by its stream's chain
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

/** The seals made now digest each event's recorded time (format 2) and their own record (format 3). */
export const SEAL_FORMAT = 3;

/** A checkpoint over the global order: the events after `after` up to and including `last`. */
export interface Seal {
  number: number;
  /** 1: ids and hashes; 2: ids, hashes and recorded times (`SealDigest`); 3: and the seal's own record (`sealRecordDigest`). */
  format: number;
  after: GlobalPosition;
  last: GlobalPosition;
  eventCount: number;
  previousDigest: string;
  /** Format 3: the digest of the events alone (format 2's `digest`), which `digest` covers with the seal's record. */
  eventsDigest?: string;
  digest: string;
  heads: SealHead[];
  sealedAt: string;
}

/**
 * Format 3: the seal's digest, over the digest of its events and everything else the seal stores, in
 * canonical JSON: `sha256hex(eventsDigest + "\n" + JCS({number, format, after, last, eventCount,
 * previousDigest, heads, sealedAt}))`.
 */
export function sealRecordDigest(eventsDigest: string, seal: Omit<Seal, 'digest' | 'eventsDigest'>): string {
  const record = canonicalize({
    number: seal.number,
    format: seal.format,
    after: positionText(seal.after),
    last: positionText(seal.last),
    eventCount: seal.eventCount,
    previousDigest: seal.previousDigest,
    heads: seal.heads.map(({ streamId, revision, eventId, hash, position }) => ({ streamId, revision, eventId, hash, position })),
    sealedAt: seal.sealedAt,
  });
  return createHash('sha256').update(eventsDigest).update('\n').update(record!).digest('hex');
}

/** Where a seal's heads differ from those its events show, in words; empty when they agree. */
export function headsDiffer(stored: readonly SealHead[], found: readonly SealHead[]): string[] {
  const text = (h: SealHead) => `revision ${h.revision} (event ${h.eventId}, hash ${h.hash}, position ${h.position.commit}/${h.position.prepare})`;
  const byStream = new Map(found.map((h) => [h.streamId, h]));
  const differences: string[] = [];
  for (const head of stored) {
    const now = byStream.get(head.streamId);
    byStream.delete(head.streamId);
    if (now === undefined) differences.push(`it names stream ${head.streamId} at ${text(head)}, a stream none of its events belong to`);
    else if (text(now) !== text(head)) differences.push(`it names stream ${head.streamId} at ${text(head)}, where its events end at ${text(now)}`);
  }
  for (const missing of byStream.values()) differences.push(`it leaves out stream ${missing.streamId}, whose events end at ${text(missing)}`);
  return differences;
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
  /** Not digested: read to name the event in a finding. */
  type?: string;
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
  | 'seal-chain-broken'
  /** The seal's own record (digest, count, heads, time, previous digest) was changed; its events are as sealed. */
  | 'seal-altered'
  /** An event of a stream is recorded earlier than the revision before it: a recorded time was moved. */
  | 'recorded-time-backwards';

/** An event a finding names, as far as the store knows it; `caseReference` is added by the service (`nameFindings`). */
export interface NamedEvent {
  streamId: string;
  revision: number;
  eventId: string;
  type?: string;
  recordedAt?: string;
  caseReference?: string;
}

/** One thing that does not match, naming the event (or the place where one is missing). */
/**
 * The first revision of a stream its verification does not vouch for: the lowest a hash-chain finding
 * names (the event whose content or link does not match). A seal's finding names the newest event of
 * the stream in the seal, not the one rewritten, and a rewrite recomputes the chain after it: then no
 * revision is vouched for (0), as when no finding names one. Undefined when the stream verifies.
 */
export function untrustedFrom(report: { ok: boolean; findings: readonly IntegrityFinding[] }): number | undefined {
  if (report.ok) return undefined;
  if (report.findings.some(isSealFinding)) return 0;
  const named = report.findings.flatMap((f) => (f.revision === undefined ? [] : [f.revision]));
  return named.length === 0 ? 0 : Math.min(...named);
}

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
  /** The named event's type and recorded time, where it is still stored. */
  type?: string;
  recordedAt?: string;
  /** The case's human reference (`2026-000001`), where the stream is a complaint's that has one. */
  caseReference?: string;
  /** A seal's finding: the events its range holds now, when they are few (`NAMED_SEAL_EVENTS`). */
  events?: NamedEvent[];
}

/** A seal finding names the events of its range up to this many. */
export const NAMED_SEAL_EVENTS = 20;

/** Recorded times are the store's clock at each append's start: a later revision may read this much earlier (ms) without a finding. */
export const RECORDED_TIME_SLACK_MS = 1_000;

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
  /** When the store recorded it (ISO 8601); its revisions must not go back in time. */
  recordedAt?: string;
}

/** How many revisions past its own a moved event's original revision is looked for. */
const MOVED_EVENT_SEARCH = 64;

/**
 * The revision (other than its own, up to `upTo`) at which an event whose hash no longer matches its
 * content would match it: where it was written, when only its revision was changed (events swapped or
 * renumbered). Undefined when none: its content itself changed.
 */
function revisionWrittenAt(event: CheckedEvent, upTo: number): number | undefined {
  if (event.hash === null || event.previousHash === null) return undefined;
  for (let revision = 0; revision <= upTo; revision++) {
    if (revision !== event.revision && eventHash(event.previousHash, { ...event, revision }) === event.hash) return revision;
  }
  return undefined;
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
  private latestRecorded: CheckedEvent | undefined;
  /** Events in a row recorded before the same earlier revision, reported together (`reportBackwards`). */
  private backwards: { before: CheckedEvent; events: { named: Omit<IntegrityFinding, 'problem' | 'message'>; where: string; event: CheckedEvent }[] } | undefined;
  /** The hashes of the stream's events read so far: a previousHash naming one of them tells a reorder from a replacement. */
  private seenHashes = new Map<string, { revision: number; eventId: string }>();
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
      this.latestRecorded = undefined;
      this.seenHashes = new Map();
    }
    this.events += 1;
    this.head = head;
    const named = {
      streamId: event.streamId,
      revision: event.revision,
      eventId: event.eventId,
      position: positionText(event.position),
      type: event.type,
      ...(event.recordedAt !== undefined ? { recordedAt: event.recordedAt } : {}),
    };
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
      const writtenAt = revisionWrittenAt(event, event.revision + MOVED_EVENT_SEARCH);
      this.report({
        ...named,
        problem: 'content-altered',
        message:
          writtenAt === undefined
            ? `${where}: its content no longer matches its hash; its data, metadata, type, schema version or revision were changed after it was written`
            : `${where}: its content matches its hash only at revision ${writtenAt}, where it was written: it was moved from revision ${writtenAt} to ${event.revision}`,
      });
    } else if (!gap && event.previousHash !== this.previousHash) {
      const earlier = this.seenHashes.get(event.previousHash);
      this.report({
        ...named,
        problem: 'chain-broken',
        message:
          `${where}: its previousHash ${event.previousHash} is not the hash ${this.previousHash} of the event now at revision ${event.revision - 1}; ` +
          (earlier === undefined
            ? `the event that stood before it when it was written is no longer there as written (altered, replaced, moved or deleted)`
            : `it names the event now at revision ${earlier.revision} (event ${earlier.eventId}): the stream's events no longer stand in the order they were written`),
      });
    }
    if (event.hash !== null) this.seenHashes.set(event.hash, { revision: event.revision, eventId: event.eventId });
    const before = this.latestRecorded;
    const backwards = before?.recordedAt !== undefined && event.recordedAt !== undefined && Date.parse(event.recordedAt) < Date.parse(before.recordedAt) - RECORDED_TIME_SLACK_MS;
    if (backwards && this.backwards?.before === before) this.backwards.events.push({ named, where, event });
    else {
      this.reportBackwards();
      if (backwards) this.backwards = { before: before!, events: [{ named, where, event }] };
    }
    if (event.recordedAt !== undefined && (before?.recordedAt === undefined || Date.parse(event.recordedAt) > Date.parse(before.recordedAt))) this.latestRecorded = event;
    this.expectedRevision = event.revision + 1;
    this.previousHash = event.hash ?? GENESIS_HASH;
    this.last = event;
  }

  /** Call once after the last event. */
  end(): void {
    this.endStream();
    this.streamId = undefined;
  }

  /**
   * The events recorded before one earlier revision, one finding: a single event, named; several in a
   * row, all before the same revision, name that revision, whose recorded time was most likely moved
   * later (one finding per event would send a reader to every event after it).
   */
  private reportBackwards(): void {
    const group = this.backwards;
    this.backwards = undefined;
    if (!group) return;
    const { before, events } = group;
    const [first] = events;
    if (events.length === 1) {
      this.report({
        ...first!.named,
        problem: 'recorded-time-backwards',
        message: `${first!.where} is recorded at ${first!.event.recordedAt}, before revision ${before.revision} (event ${before.eventId}) recorded at ${before.recordedAt}: a recorded time was moved`,
      });
      return;
    }
    const last = events[events.length - 1]!.event;
    this.report({
      streamId: before.streamId,
      revision: before.revision,
      eventId: before.eventId,
      position: positionText(before.position),
      type: before.type,
      ...(before.recordedAt !== undefined ? { recordedAt: before.recordedAt } : {}),
      problem: 'recorded-time-backwards',
      message:
        `stream ${before.streamId}: revisions ${first!.event.revision} to ${last.revision} (${events.length} events) are recorded before revision ${before.revision} ` +
        `(event ${before.eventId}) recorded at ${before.recordedAt}: its recorded time was moved later, or theirs earlier`,
    });
  }

  private endStream(): void {
    this.reportBackwards();
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
const SEAL_PROBLEMS: readonly IntegrityProblem[] = ['sealed-event-missing', 'sealed-event-rewritten', 'seal-mismatch', 'seal-chain-broken', 'seal-altered'];

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
  /**
   * Every event a seal recorded for the stream is still there with its sealed hash, and every seal
   * covering its events (or naming it) still matches what it sealed; null where the store keeps no seals.
   */
  sealsIntact: boolean | null;
  /** No revision is recorded earlier than the one before it (`recorded-time-backwards`). */
  recordedTimesInOrder: boolean;
  /** All hold. */
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
  {
    head,
    sealed,
    sealChecks = [],
    checkedAt,
  }: {
    head?: number;
    sealed: readonly SealedStreamHead[] | null;
    /** What recomputing the seals that cover the stream's events found (`sealed-event-*` ones the heads find too are given once). */
    sealChecks?: readonly IntegrityFinding[];
    checkedAt: string;
  },
): StreamIntegrityReport {
  const chainFindings: IntegrityFinding[] = [];
  const timeFindings: IntegrityFinding[] = [];
  const chain = new StreamChainCheck((finding) => (finding.problem === 'recorded-time-backwards' ? timeFindings : chainFindings).push(finding));
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
    const name = {
      streamId,
      revision: sealedHead.revision,
      eventId: sealedHead.eventId,
      position: sealedHead.position,
      seal,
      ...(now ? { type: now.type, ...(now.recordedAt !== undefined ? { recordedAt: now.recordedAt } : {}) } : {}),
    };
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
  const key = (f: IntegrityFinding) => `${f.problem} ${f.seal} ${f.streamId} ${f.revision}`;
  const given = new Set(sealFindings.map(key));
  for (const finding of sealChecks) if (!given.has(key(finding))) sealFindings.push(finding);
  return {
    streamId,
    checkedAt,
    events: events.length,
    chainIntact: chainFindings.length === 0,
    sealsIntact: sealed === null ? null : sealFindings.length === 0,
    recordedTimesInOrder: timeFindings.length === 0,
    ok: chainFindings.length === 0 && sealFindings.length === 0 && timeFindings.length === 0,
    sealedThrough,
    findings: [...chainFindings, ...timeFindings, ...sealFindings],
  };
}
