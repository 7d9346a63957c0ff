import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { auditChecklist, conformity, parseQuarter, quarterBounds, type CaseAudit, type ChecklistItem, type Conformity, type Quarter, type TrailEntry } from '../../projections/iso10002.js';
import { complaintStreamId } from '../complaint-stream/index.js';
import { ComplaintNotFound } from '../complaints/index.js';
import { EVENT_STORE, type EventStore, type StreamIntegrityReport } from '../event-store/index.js';
import { BadRequest, queryParameters, type FieldError } from '../http/index.js';
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
   * The store's verification of the case's stream now (its hash chain, and its events against the
   * seals), where the store can verify one stream. The trail is a read model of the history as it was
   * recorded: when the stored history does not verify (`ok: false`), it may not be what the store holds
   * now, and 7.3 is a gap.
   */
  integrity?: Pick<StreamIntegrityReport, 'ok' | 'chainIntact' | 'sealsIntact' | 'checkedAt' | 'findings'>;
}

export class GetAuditTrail {
  constructor(readonly complaintId: string) {}
}

/** The ISO 10002 checklist, judged against the configured thresholds on the working calendar. */
function judge(audit: CaseAudit, { calendar, thresholds }: Reporting, asOf: string, verified?: StreamIntegrityReport): ChecklistItem[] {
  const integrity = verified && { ok: verified.ok, problems: verified.findings.map((f) => f.message) };
  return auditChecklist(audit, { calendar, policy: thresholds.audit, asOf, ...(integrity ? { integrity } : {}) });
}

@QueryHandler(GetAuditTrail)
export class GetAuditTrailHandler implements IQueryHandler<GetAuditTrail, AuditTrail> {
  constructor(
    private readonly reporting: Reporting,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  async execute({ complaintId }: GetAuditTrail): Promise<AuditTrail> {
    const { sql, s } = this.reporting.db;
    const [found] = await sql.query<{ audit: CaseAudit }>(`SELECT audit FROM ${s}.audit_cases WHERE complaint_id = $1`, [complaintId]);
    if (!found) throw new ComplaintNotFound(complaintId);
    const rows = await sql.query<{ revision: number; type: TrailEntry['type']; clause: TrailEntry['clause']; actor_id: string; actor_role: string; occurred_at: string }>(
      `SELECT revision, type, clause, actor_id, actor_role, occurred_at FROM ${s}.audit_trail WHERE complaint_id = $1 ORDER BY revision`,
      [complaintId],
    );
    const verified = await this.store.verifyStream?.(complaintStreamId(complaintId));
    const asOf = this.reporting.now();
    return {
      complaintId,
      asOf,
      events: rows.map((r) => ({ revision: r.revision, type: r.type, clause: r.clause, actorId: r.actor_id, actorRole: r.actor_role, occurredAt: r.occurred_at })),
      checklist: judge(found.audit, this.reporting, asOf, verified),
      ...(verified ? { integrity: { ok: verified.ok, chainIntact: verified.chainIntact, sealsIntact: verified.sealsIntact, checkedAt: verified.checkedAt, findings: verified.findings } } : {}),
    };
  }
}

export interface QuarterConformity extends Conformity {
  quarter: string;
  /** Which cases the figures cover. */
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
  constructor(private readonly reporting: Reporting) {}

  async execute({ quarter }: GetConformity): Promise<QuarterConformity> {
    const { sql, s } = this.reporting.db;
    const { from, to } = quarterBounds(quarter, this.reporting.calendar.timeZone);
    const rows = await sql.query<{ audit: CaseAudit }>(
      `SELECT a.audit FROM ${s}.audit_cases a WHERE a.closed_at >= $1::timestamptz AND a.closed_at < $2::timestamptz AND ${NOT_A_COMPLIMENT(s, 'a')} ORDER BY a.complaint_id`,
      [from, to],
    );
    const asOf = this.reporting.now();
    const figures = conformity(rows.map(({ audit }) => ({ checklist: judge(audit, this.reporting, asOf), surveyed: audit.satisfaction !== undefined })));
    return { quarter: quarter.text, population: 'cases closed in the quarter (their latest closing), withdrawn and excluded ones included, compliments apart, in the calendar’s time zone', from, to, ...figures };
  }
}
