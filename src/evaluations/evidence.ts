import { Inject, Injectable } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import type { CarriedAction, EvaluationEvidence } from '../../domain/evaluation/evidence.js';
import type { ActionKind, ActionStatus } from '../../domain/evaluation/indicators.js';
import type { WorkingCalendar } from '../../domain/working-time/index.js';
import { parseQuarter } from '../../projections/iso10002.js';
import { quarterBounds } from '../../projections/quarterly.js';
import { CALENDAR } from '../config/index.js';
import { READ_MODELS, type ReadModelDatabase } from '../read-models/index.js';
import { NOT_A_COMPLIMENT } from '../reports/index.js';
import { GetConformity, GetQuarterlyReport, type QuarterConformity, type QuarterlyAnswer } from '../reports/nest.js';

const count = (value: unknown): number => Number(value ?? 0);
const share = (part: number, whole: number): number | null => (whole === 0 ? null : Math.round((part / whole) * 10_000) / 10_000);

/**
 * Gathers an evaluation's evidence from the read models at drafting time. The quarterly figures and
 * the ISO 10002 conformity are the answers of the same queries as `GET /reports/quarterly` and
 * `GET /audit/conformity` (through the query bus); the rest is SQL over the read models, never a replay.
 */
@Injectable()
export class EvaluationEvidenceSource {
  constructor(
    private readonly queries: QueryBus,
    @Inject(READ_MODELS) private readonly db: ReadModelDatabase,
    @Inject(CALENDAR) private readonly calendar: WorkingCalendar,
  ) {}

  async gather(quarter: string, now: string): Promise<EvaluationEvidence> {
    const { sql, s } = this.db;
    const zone = this.calendar.timeZone;
    const { start: from, end: to } = quarterBounds(quarter, zone);
    const range = [from, to];
    const quarterly: QuarterlyAnswer = await this.queries.execute(new GetQuarterlyReport(quarter, {}));
    const conformity: QuarterConformity = await this.queries.execute(new GetConformity({ ...parseQuarter(quarter)!, text: quarter }));

    // 바: each complaint received in the quarter as it stands now (not withdrawn, nor deemed so, nor excluded at
    // assessment), at its latest period's severity and priority.
    const severities = await sql.query<{ severity: string | null; urgent: boolean; n: number | string }>(
      `SELECT severity, coalesce(priority = 'urgent', false) AS urgent, count(*) AS n FROM (
         SELECT DISTINCT ON (complaint_id) * FROM ${s}.handling_periods WHERE received_quarter = $1 AND NOT compliment ORDER BY complaint_id, period DESC) p
       WHERE exclusion IS NULL AND coalesce(ended_as, '') <> 'withdrawn' AND coalesce(close_reason, '') <> 'complainant-unreachable' GROUP BY 1, 2`,
      [quarter],
    );
    const bySeverity: Record<string, number> = {};
    let unassessed = 0;
    let urgent = 0;
    for (const row of severities) {
      if (row.severity === null) unassessed += count(row.n);
      else bySeverity[row.severity] = (bySeverity[row.severity] ?? 0) + count(row.n);
      if (row.urgent) urgent += count(row.n);
    }

    // 사: the findings' evidence of the ISO 10002 trail names the root cause when one was recorded; of complaints
    // closed as resolved in the quarter (their latest closing), compliments apart as in the quarterly figures.
    const [causes] = await sql.query<{ closed: string; with_findings: string; with_root_cause: string }>(
      `SELECT count(*) AS closed, count(*) FILTER (WHERE a.audit ? 'findings') AS with_findings,
         count(*) FILTER (WHERE a.audit->'findings'->>'basis' LIKE '%root cause: %') AS with_root_cause
       FROM ${s}.audit_cases a WHERE a.closed_at >= $1::timestamptz AND a.closed_at < $2::timestamptz AND a.audit->'closure'->>'as' = 'resolved'
         AND ${NOT_A_COMPLIMENT(s, 'a')}`,
      range,
    );

    // 아: improvement requests filed in the quarter, by state; implemented in it; open now.
    const requests = await sql.query<{ state: string; n: string }>(
      `SELECT state, count(*) AS n FROM ${s}.improvement_requests WHERE requested_at >= $1::timestamptz AND requested_at < $2::timestamptz GROUP BY state ORDER BY state`,
      range,
    );
    const [implemented] = await sql.query<{ implemented: string; open: string }>(
      `SELECT count(*) FILTER (WHERE implemented_at >= $1::timestamptz AND implemented_at < $2::timestamptz) AS implemented,
         count(*) FILTER (WHERE state IN ('requested', 'planned', 'implemented') AND requested_at < $2::timestamptz) AS open FROM ${s}.improvement_requests`,
      range,
    );

    // 자 and 타: judgements of repeat offenders and CS training referrals (the employee measures recorded on complaints).
    const [judgements] = await sql.query<{ judged: string; unfit: string; measures: string }>(
      `SELECT count(*) AS judged, count(*) FILTER (WHERE verdict = 'unfit') AS unfit, count(personnel_measure) AS measures
       FROM ${s}.repeat_offence_judgements WHERE judged_at::timestamptz >= $1::timestamptz AND judged_at::timestamptz < $2::timestamptz`,
      range,
    );
    const [training] = await sql.query<{ referred: string; completed: string; employees: string }>(
      `SELECT count(*) FILTER (WHERE referred_at::timestamptz >= $1::timestamptz AND referred_at::timestamptz < $2::timestamptz) AS referred,
         count(*) FILTER (WHERE completed_at::timestamptz >= $1::timestamptz AND completed_at::timestamptz < $2::timestamptz) AS completed,
         count(DISTINCT subject_id) FILTER (WHERE referred_at::timestamptz >= $1::timestamptz AND referred_at::timestamptz < $2::timestamptz) AS employees
       FROM ${s}.repeat_offence_trainings`,
      range,
    );

    // 카: the ad-hoc inspections recorded in the quarter.
    const inspections = await sql.query<{ id: string }>(`SELECT id FROM ${s}.inspections WHERE recorded_at >= $1::timestamptz AND recorded_at < $2::timestamptz ORDER BY recorded_at, id`, range);

    const f = quarterly.figures;
    const withFindings = count(causes?.with_findings);
    return {
      quarter, from, to, gatheredAt: now, timeZone: zone,
      quarterly,
      severity: { received: severities.reduce((sum, r) => sum + count(r.n), 0), bySeverity, unassessed, urgent },
      causes: { closed: count(causes?.closed), withFindings, withRootCause: count(causes?.with_root_cause), completeness: share(count(causes?.with_root_cause), count(causes?.closed)) },
      corrective: {
        filed: requests.reduce((sum, r) => sum + count(r.n), 0), byState: Object.fromEntries(requests.map((r) => [r.state, count(r.n)])),
        implementedInQuarter: count(implemented?.implemented), open: count(implemented?.open),
      },
      violations: {
        flaggedRepeatOffenders: f.repeatOffendersFlagged.value, judged: count(judgements?.judged), unfit: count(judgements?.unfit),
        personnelMeasures: count(judgements?.measures), trainingReferrals: count(training?.referred),
      },
      policy: { slaCompliance: f.slaCompliance.value, interimNoticeCompliance: f.interimNoticeCompliance.value, conformity },
      monitoring: { inspections: inspections.length, inspectionIds: inspections.map((i) => i.id) },
      training: { referred: count(training?.referred), completed: count(training?.completed), employees: count(training?.employees) },
      satisfaction: {
        responses: f.satisfactionResponses.value, index: f.satisfactionIndex.value,
        elements: Object.fromEntries(Object.entries(f.satisfaction).map(([element, beside]) => [element, beside.value])),
      },
    };
  }

  /**
   * The follow-up of earlier evaluations ("이전의 운영성과 평가에 따른 후속조치"): their actions still open, and
   * those completed since the evaluated quarter began, each with its status.
   */
  async actionsToFollowUp(quarter: string): Promise<CarriedAction[]> {
    const { sql, s } = this.db;
    const { start } = quarterBounds(quarter, this.calendar.timeZone);
    const rows = await sql.query<{ quarter: string; action_id: string; kind: ActionKind; text: string; owner: string; due_on: string; status: ActionStatus }>(
      `SELECT quarter, action_id, kind, text, owner, to_char(due_on, 'YYYY-MM-DD') AS due_on, status FROM ${s}.evaluation_actions
       WHERE quarter < $1 AND (completed_at IS NULL OR completed_at >= $2::timestamptz) ORDER BY quarter, added_at, action_id`,
      [quarter, start],
    );
    return rows.map((r) => ({ quarter: r.quarter, actionId: r.action_id, kind: r.kind, text: r.text, owner: r.owner, dueOn: r.due_on, status: r.status }));
  }
}
