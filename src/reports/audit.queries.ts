import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { auditChecklist, conformity, parseQuarter, quarterBounds, type CaseAudit, type ChecklistItem, type Conformity, type Quarter, type TrailEntry } from '../../projections/iso10002.js';
import { complaintStreamId } from '../complaint-stream/index.js';
import { ComplaintNotFound } from '../complaints/index.js';
import { comparePositions, EVENT_STORE, untrustedFrom, type EventStore, type StoredEvent, type StreamIntegrityReport } from '../event-store/index.js';
import { erasuresOfCase, nameFindings, type ErasureRecord } from '../audit/index.js';
import { BadRequest, queryParameters, type FieldError } from '../http/index.js';
import { caseEventOf, fromJson } from '../read-models/index.js';
import { auditFromEvents, auditRowDifferences, type AuditRowDifference, type StoredAuditCase, type StoredTrailRow } from './audit-trail-check.js';
import { auditTrailReadModel } from './audit-trail.read-model.js';
import { NOT_A_COMPLIMENT } from './handling-periods.read-model.js';
import { quarterParameter } from './quarter-parameter.js';
import { Reporting } from './reporting.js';

export interface AuditTrail {
  complaintId: string;
  /** The moment an open case was judged at (a closed one is judged on its history alone). */
  asOf: string;
  events: TrailEntry[];
  checklist: ChecklistItem[];
  /**
   * `ok`: the case's stored history verifies and the read model's rows of it match its events.
   * `chainIntact`, `sealsIntact`, `findings`: the store's verification of the case's stream now (its
   * hash chain, and its events against the seals), where the store can verify one stream; when the
   * stored history does not verify, it may not be what was recorded, and 7.3 is a gap.
   * `readModel`: the case's rows in the audit-trail read model against the fold of its events.
   */
  integrity: Pick<StreamIntegrityReport, 'ok' | 'checkedAt' | 'findings'> & Partial<Pick<StreamIntegrityReport, 'chainIntact' | 'sealsIntact'>> & { readModel: ReadModelCheck };
  /**
   * The complainant's personal data erased: when, by whom (actor and role) and the reason given, read
   * from the erasure's event in the store (always current); the complainant key only for those who see
   * pseudonymous keys. Empty: never erased.
   */
  erasures: ErasureRecord[];
}

/** The case's rows in the audit-trail read model, checked against the same fold of its events on every request. */
export interface ReadModelCheck {
  /** The rows match the events the read model had been given (up to its checkpoint); null: not checked (`note` says why). */
  ok: boolean | null;
  /** The case's newest revision the read model had been given; later ones are not in it yet (it lags) and were not compared. */
  checkedThrough: number;
  /** What differs, each naming the table, the column (down to the field of the audit facts) and the revision. */
  differs: AuditRowDifference[];
  /** Where `events` and `checklist` come from: the rows, or the case's events when the rows do not match them. */
  evidenceFrom: 'read model' | 'events';
  note?: string;
}

export class GetAuditTrail {
  constructor(
    readonly complaintId: string,
    /** The reader sees pseudonymous keys (`seesPseudonymousKeys`): an erasure names the complainant key. */
    readonly showKeys = false,
  ) {}
}

/** The ISO 10002 checklist, judged against the configured thresholds on the working calendar. */
function judge(audit: CaseAudit, { calendar, thresholds }: Reporting, asOf: string, verified?: StreamIntegrityReport): ChecklistItem[] {
  const integrity = verified && { ok: verified.ok, problems: verified.findings.map((f) => f.message), untrustedFrom: untrustedFrom(verified) };
  return auditChecklist(audit, { calendar, policy: thresholds.audit, asOf, ...(integrity ? { integrity } : {}) });
}

@QueryHandler(GetAuditTrail)
export class GetAuditTrailHandler implements IQueryHandler<GetAuditTrail, AuditTrail> {
  constructor(
    private readonly reporting: Reporting,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  async execute({ complaintId, showKeys }: GetAuditTrail): Promise<AuditTrail> {
    const { sql, s } = this.reporting.db;
    const [found] = await sql.query<StoredAuditCase>(`SELECT received_at, closed_at, revision, audit FROM ${s}.audit_cases WHERE complaint_id = $1`, [complaintId]);
    const rows = await sql.query<StoredTrailRow>(
      `SELECT revision, type, clause, actor_id, actor_role, occurred_at FROM ${s}.audit_trail WHERE complaint_id = $1 ORDER BY revision`,
      [complaintId],
    );
    const stored = found && { ...found, audit: fromJson<CaseAudit>(found.audit) };
    const history = await this.store.readStream(complaintStreamId(complaintId));
    const check = await this.checkRows(complaintId, stored, rows, history);
    if (!stored && check.evidenceFrom === 'read model') throw new ComplaintNotFound(complaintId);
    const verified = await this.store.verifyStream?.(complaintStreamId(complaintId));
    const asOf = this.reporting.now();
    // Rows that do not match the events are not evidence: the checklist is judged on the events themselves.
    const fromEvents = check.evidenceFrom === 'events' ? auditFromEvents(history.map((e) => caseEventOf(complaintId, e))) : undefined;
    const audit = fromEvents ? fromEvents.audit : stored?.audit;
    if (!audit) throw new ComplaintNotFound(complaintId);
    const events = fromEvents
      ? fromEvents.trail
      : rows.map((r) => ({ revision: r.revision, type: r.type as TrailEntry['type'], clause: r.clause as TrailEntry['clause'], actorId: r.actor_id, actorRole: r.actor_role, occurredAt: r.occurred_at }));
    return {
      complaintId,
      asOf,
      events,
      checklist: judge(audit, this.reporting, asOf, verified),
      integrity: {
        ok: (verified?.ok ?? true) && check.ok !== false,
        ...(verified ? { chainIntact: verified.chainIntact, sealsIntact: verified.sealsIntact } : {}),
        checkedAt: verified?.checkedAt ?? asOf,
        findings: verified ? await nameFindings(this.store, verified.findings) : [],
        readModel: check,
      },
      erasures: await erasuresOfCase(this.store, history[0], showKeys),
    };
  }

  /**
   * The case's rows against the fold of its events up to the read model's checkpoint: a read model that
   * lags is compared as far as it got, one built by another version (awaiting a rebuild) not at all.
   */
  private async checkRows(complaintId: string, stored: StoredAuditCase | undefined, rows: StoredTrailRow[], history: StoredEvent[]): Promise<ReadModelCheck> {
    const { sql, s } = this.reporting.db;
    const [checkpoint] = await sql.query<{ commit_position: string; prepare_position: string | number; version: number }>(
      `SELECT commit_position::text, prepare_position, version FROM ${s}.projection_checkpoints WHERE name = $1`,
      [auditTrailReadModel.name],
    );
    const seen = checkpoint ? history.filter((e) => comparePositions(e.position, { commit: BigInt(checkpoint.commit_position), prepare: BigInt(checkpoint.prepare_position) }) <= 0) : [];
    const checkedThrough = seen.length === 0 ? -1 : seen[seen.length - 1]!.revision;
    if (checkpoint && checkpoint.version !== auditTrailReadModel.version) {
      return { ok: null, checkedThrough, differs: [], evidenceFrom: 'read model', note: 'the audit-trail read model was built by another version: not checked until rebuilt (npm run projections:rebuild -- --stale)' };
    }
    let differs: AuditRowDifference[];
    try {
      differs = auditRowDifferences(stored, rows, seen.map((e) => caseEventOf(complaintId, e)));
    } catch (error) {
      return { ok: null, checkedThrough, differs: [], evidenceFrom: 'read model', note: `the case's events could not be read to check the rows: ${(error as Error).message}` };
    }
    return { ok: differs.length === 0, checkedThrough, differs, evidenceFrom: differs.length === 0 ? 'read model' : 'events' };
  }
}

/** What `GET /audit/conformity` counts; the quarter's evidence export counts the cases received in it instead. */
export const CLOSED_IN_QUARTER =
  'cases closed in the quarter (their latest closing), withdrawn and excluded ones included, compliments apart, in the calendar’s time zone';

export interface QuarterConformity extends Conformity {
  quarter: string;
  /** Which cases the figures cover: those closed in the quarter. */
  population: string;
  from: string;
  to: string;
}

export class GetConformity {
  constructor(readonly quarter: Quarter & { text: string }) {}

  /** `?quarter=2026-Q3`, required; anything else is a 400 naming the field. */
  static from(query: Record<string, unknown>): GetConformity {
    const errors: FieldError[] = [];
    const text = quarterParameter(queryParameters(query, ['quarter'], errors).quarter, errors);
    const quarter = text === undefined ? undefined : parseQuarter(text);
    if (errors.length > 0 || !text || !quarter) throw new BadRequest(errors);
    return new GetConformity({ ...quarter, text });
  }
}

/**
 * The share of cases conforming per clause, over the cases closed in the quarter: only a closed
 * case has its whole 7.2–7.9 checklist. A reopened case counts in the quarter of its latest closing.
 * A withdrawal or a rejection at assessment ends the handling too, and the checklist judges it
 * (7.9 wants the reason recorded; the clauses it never reached are not applicable), so it counts;
 * a compliment is no complaint to handle ("counted apart from complaints") and does not.
 */
@QueryHandler(GetConformity)
export class GetConformityHandler implements IQueryHandler<GetConformity, QuarterConformity> {
  constructor(
    private readonly reporting: Reporting,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  /**
   * Each case is judged as its trail judges it: a case whose stored history does not verify (its
   * chain, the seals covering its events) has 7.3 as a gap. The quarter's streams are verified
   * together, each seal they share recomputed once: 3,000 cases of 8 events in import-sized seals
   * (5,000 events each) took 2.8 s on the 2-core test server, twice a whole-store verification.
   */
  async execute({ quarter }: GetConformity): Promise<QuarterConformity> {
    const { sql, s } = this.reporting.db;
    const { from, to } = quarterBounds(quarter, this.reporting.calendar.timeZone);
    const rows = await sql.query<{ complaint_id: string; audit: CaseAudit }>(
      `SELECT a.complaint_id, a.audit FROM ${s}.audit_cases a WHERE a.closed_at >= $1::timestamptz AND a.closed_at < $2::timestamptz AND ${NOT_A_COMPLIMENT(s, 'a')} ORDER BY a.complaint_id`,
      [from, to],
    );
    const verified = await this.verifyAll(rows.map((row) => complaintStreamId(row.complaint_id)));
    const asOf = this.reporting.now();
    const figures = conformity(
      rows.map(({ complaint_id, audit }) => ({
        checklist: judge(audit, this.reporting, asOf, verified.get(complaintStreamId(complaint_id))),
        surveyed: audit.satisfaction !== undefined,
      })),
    );
    return { quarter: quarter.text, population: CLOSED_IN_QUARTER, from, to, ...figures };
  }

  private async verifyAll(streamIds: string[]): Promise<Map<string, StreamIntegrityReport>> {
    if (this.store.verifyStreams) return this.store.verifyStreams(streamIds);
    const reports = new Map<string, StreamIntegrityReport>();
    if (!this.store.verifyStream) return reports;
    for (const streamId of streamIds) reports.set(streamId, await this.store.verifyStream(streamId));
    return reports;
  }
}
