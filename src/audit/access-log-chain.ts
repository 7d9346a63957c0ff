/**
 * Tamper evidence of the access log: each entry's hash covers the hash of the entry before it and the
 * entry as stored, so deleting, altering or inserting an entry breaks the chain somewhere, and the
 * log's head record (the newest entry's number and hash, moved by every append) shows entries cut off
 * its end. The hash is made in the database as the entry is written (`appendFunction` in
 * `access-log.ts`, one statement under the head's row lock, so entries of every node form one chain)
 * and recomputed here from the columns read back, independently of the SQL.
 *
 * `hash = sha256hex(previousHash + field(id) + field(at) + field(actorId) + field(actorName) +
 * field(actorRoles) + field(action) + field(complaintId) + field(personalData) + field(detail) +
 * field(correlationId))`, where `field(x)` is `~` for a missing value, else the byte length of x in
 * UTF-8, `:`, and x; `at` is UTC to the microsecond (`2026-12-04T10:00:00.123456Z`), `personalData`
 * `true` or `false`, `actorRoles` and `detail` PostgreSQL's text of their jsonb (one text per value).
 *
 * A database administrator can rewrite the whole log, head included: keep the head `audit:verify`
 * prints outside the database and compare it later.
 */
import { createHash } from 'node:crypto';
import { GENESIS_HASH } from '../event-store/index.js';

/** An entry as the chain covers it, every column as text as the database gives it. */
export interface ChainedEntry {
  id: string;
  at: string;
  actorId: string;
  actorName: string | null;
  actorRoles: string;
  action: string;
  complaintId: string | null;
  personalData: boolean;
  detail: string;
  correlationId: string | null;
  previousHash: string | null;
  hash: string | null;
}

const field = (value: string | null): string => (value === null ? '~' : `${Buffer.byteLength(value, 'utf8')}:${value}`);

export function accessEntryHash(previousHash: string, e: Omit<ChainedEntry, 'previousHash' | 'hash'>): string {
  const content = [e.id, e.at, e.actorId, e.actorName, e.actorRoles, e.action, e.complaintId, String(e.personalData), e.detail, e.correlationId].map(field).join('');
  return createHash('sha256').update(previousHash + content).digest('hex');
}

export type AccessLogProblem =
  /** The entry's content no longer matches its hash. */
  | 'entry-altered'
  /** The entry was chained to an entry no longer there as it was: entries before it deleted, or the one before it rewritten. */
  | 'entry-deleted'
  /** Entries stand between an entry and the one it was chained to: they were added afterwards. */
  | 'entry-inserted'
  /** The entry carries no hash: written outside the log's append. */
  | 'entry-unchained'
  /** The log's head names a newer entry than the log holds, or another hash: its newest entries were deleted or rewritten. */
  | 'newest-deleted'
  /** Entries stand after the one the head names: written outside the log's append. */
  | 'entry-after-head'
  /** The log's head record is gone. */
  | 'head-missing';

export interface AccessLogFinding {
  problem: AccessLogProblem;
  /** In words, naming the entry by its number, time, actor and action. */
  message: string;
  /** The entry's number (its `id`); absent for the head. */
  entry?: string;
}

/** The head record: the newest entry appended (null before the first) and its hash. */
export interface AccessLogHead {
  entry: string | null;
  hash: string;
}

export interface AccessLogIntegrity {
  ok: boolean;
  checkedAt: string;
  /** Entries read. */
  entries: number;
  /** The head as the log records it; keep it outside the database to notice a rewrite of the whole log. Null when the record is gone. */
  head: AccessLogHead | null;
  firstMismatch?: AccessLogFinding;
  /** Findings in entry order, up to the limit asked. */
  findings: AccessLogFinding[];
  truncated: boolean;
}

const named = (e: Pick<ChainedEntry, 'id' | 'at' | 'action' | 'actorId'>) => `entry ${e.id} (${e.at}, ${e.action} by ${e.actorId})`;

/** How many recent hashes are kept to tell an inserted entry from a deleted one. */
const RECENT = 1_000;

/**
 * Walks the log in entry order and reports what does not match: an entry's content against its hash,
 * each entry's previous hash against the hash of the entry before it (naming what was deleted or
 * inserted), and the end of the log against its head record.
 */
export class AccessLogChainCheck {
  private previous: ChainedEntry | undefined;
  private expected = GENESIS_HASH;
  private readonly recent = new Map<string, ChainedEntry>();
  private readonly since = new Map<string, number>();
  entries = 0;

  constructor(private readonly report: (finding: AccessLogFinding) => void) {}

  add(entry: ChainedEntry): void {
    this.entries += 1;
    const name = named(entry);
    if (entry.hash === null || entry.previousHash === null) {
      // Not part of the chain: the entries after it chain past it.
      this.report({ problem: 'entry-unchained', entry: entry.id, message: `${name} carries no hash: it was written outside the access log's append (inserted by hand, or by a node of an earlier version still running)` });
      return;
    }
    if (accessEntryHash(entry.previousHash, entry) !== entry.hash) {
      this.report({ problem: 'entry-altered', entry: entry.id, message: `${name} was altered after it was written: its content no longer matches its hash` });
    }
    if (entry.previousHash !== this.expected) {
      const chainedTo = entry.previousHash === GENESIS_HASH ? 'start' : this.recent.get(entry.previousHash);
      const before = this.previous ? named(this.previous) : 'the start of the log';
      if (chainedTo !== undefined && this.previous) {
        const after = chainedTo === 'start' ? 'the start of the log' : named(chainedTo);
        const extra = this.entriesSince(entry.previousHash);
        this.report({
          problem: 'entry-inserted',
          entry: this.previous.id,
          message: `${extra === 1 ? `${before} was` : `${extra} entries up to ${before} were`} inserted afterwards: ${name} was written right after ${after}`,
        });
      } else {
        this.report({
          problem: 'entry-deleted',
          entry: entry.id,
          message: `${name} was written after an entry that is no longer there as it was: entries between ${before} and it were deleted, or ${this.previous ? `${before} was rewritten` : 'the first entries were deleted'}`,
        });
      }
    }
    this.expected = entry.hash;
    this.previous = entry;
    this.remember(entry);
  }

  /** Call once after the last entry, with the head record (null when it is gone). */
  end(head: AccessLogHead | null): void {
    const last = this.previous;
    if (head === null) {
      if (this.entries > 0) this.report({ problem: 'head-missing', message: `the access log's head record (its newest entry's number and hash) was deleted; ${last ? `the newest chained entry is ${named(last)}` : 'no entry is chained'}` });
      return;
    }
    const lastId = last ? BigInt(last.id) : undefined;
    const headId = head.entry === null ? undefined : BigInt(head.entry);
    if (headId === undefined ? lastId !== undefined : lastId === undefined || lastId < headId) {
      if (headId === undefined) {
        this.report({ problem: 'entry-after-head', entry: last!.id, message: `the access log's head says no entry was written, yet ${named(last!)} is there: entries were added outside the log's append` });
      } else {
        this.report({ problem: 'newest-deleted', message: `the access log's newest entries were deleted: its head names entry ${head.entry}, but the log ${last ? `ends at ${named(last)}` : 'holds no chained entry'}` });
      }
    } else if (lastId !== undefined && headId !== undefined && lastId > headId) {
      this.report({ problem: 'entry-after-head', entry: last!.id, message: `the entries after entry ${head.entry}, up to ${named(last!)}, stand after the log's head: they were added outside the log's append` });
    } else if (last && last.hash !== head.hash) {
      this.report({ problem: 'newest-deleted', entry: last.id, message: `${named(last)} is not the entry the log's head names (hash ${head.hash}): the newest entries were deleted or rewritten` });
    }
  }

  private remember(entry: ChainedEntry): void {
    this.since.set(entry.hash!, this.entries);
    this.recent.set(entry.hash!, entry);
    if (this.recent.size > RECENT) {
      const oldest = this.recent.keys().next().value!;
      this.recent.delete(oldest);
      this.since.delete(oldest);
    }
  }

  /** Chained entries read after the one with `hash` (up to the current one, excluded). */
  private entriesSince(hash: string): number {
    return hash === GENESIS_HASH ? this.entries - 1 : this.entries - 1 - this.since.get(hash)!;
  }
}
