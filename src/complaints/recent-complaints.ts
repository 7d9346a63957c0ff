import type { ComplaintState } from '../../domain/complaint/decider.js';
import { ExpiringCache } from '../cache/index.js';
import type { ComplaintCodec } from '../complaint-stream/index.js';

/** Whether data opened at a read may still be used: until when, and the erasures this process had begun before it. */
export interface Opened {
  until: number;
  erasures: number;
}

/** A case as a command of this process left it: enough to decide the next command without reading the stream. */
export interface RecentComplaint {
  state: ComplaintState;
  revision: number;
  complainantKey: string | undefined;
  /** The read whose opened personal data the state still holds. */
  opened: Opened;
}

/** Cases kept at most (the least recently written go first). */
const CAPACITY = 10_000;

/**
 * The folded state of the cases this process wrote last, by stream revision, so that the next command
 * on one skips reading and replaying its stream. Never trusted for correctness: the append still
 * expects the revision remembered, and a stream moved elsewhere fails it. What the append cannot see
 * is an erasure (it writes to the complainant's stream, not the case's), so the personal data a state
 * holds is used only as long as the codec would still open it (`openedDataMaxAgeMs` after the read
 * that opened it), and not at all once an erasure began in this process.
 */
export class RecentComplaints {
  private readonly cases = new ExpiringCache<string, RecentComplaint>(CAPACITY);

  constructor(private readonly codec: Pick<ComplaintCodec, 'openedDataMaxAgeMs' | 'erasures'>) {}

  /** Taken before a read: how long what it opens may be used. */
  opening(now = Date.now()): Opened {
    return { until: now + this.codec.openedDataMaxAgeMs, erasures: this.codec.erasures };
  }

  get(complaintId: string): RecentComplaint | undefined {
    const recent = this.cases.get(complaintId);
    if (recent?.opened.erasures === this.codec.erasures) return recent;
    this.cases.delete(complaintId);
    return undefined;
  }

  remember(complaintId: string, complaint: RecentComplaint): void {
    this.cases.set(complaintId, complaint, complaint.opened.until);
  }

  forget(complaintId: string): void {
    this.cases.delete(complaintId);
  }
}
