import type { Conformity } from '../../projections/iso10002.js';
import type { QuarterlyReport } from '../../projections/quarterly.js';
import type { ActionKind, ActionStatus } from './indicators.js';

/**
 * What the engine knew of the quarter when the evaluation was drafted (or its evidence refreshed):
 * stored in the event, so the signed record keeps the figures it was judged on. Each part names the
 * indicator it informs.
 */
export interface EvaluationEvidence {
  quarter: string;
  /** The quarter's bounds in the calendar's time zone, and when the evidence was gathered. */
  from: string;
  to: string;
  gatheredAt: string;
  timeZone: string;
  /** Exactly what `GET /reports/quarterly?quarter=` answered (바, 차, satisfaction). */
  quarterly: QuarterlyReport & { timeZone: string; filters: Record<string, string> };
  /** 바: complaints received in the quarter (as they stand now: not withdrawn nor excluded) by assessed severity; urgent ones. */
  severity: { received: number; bySeverity: Record<string, number>; unassessed: number; urgent: number };
  /** 사: `closed`: distinct complaints closed as resolved in the quarter (latest closing); of them with findings recorded, and with a root cause. */
  causes: { closed: number; withFindings: number; withRootCause: number; completeness: number | null };
  /** 아: improvement requests filed in the quarter by state, and those implemented in it. */
  corrective: { filed: number; byState: Record<string, number>; implementedInQuarter: number; open: number };
  /** 자: repeat offenders flagged, judged (and with a personnel measure), training referrals on complaints. */
  violations: { flaggedRepeatOffenders: number | null; judged: number; unfit: number; personnelMeasures: number; trainingReferrals: number };
  /** 차: SLA and interim-notice compliance (from the quarterly figures) and ISO 10002 conformity per clause of the cases closed in it. */
  policy: { slaCompliance: number | null; interimNoticeCompliance: number | null; conformity: Conformity };
  /** 카: ad-hoc inspections (수시 평가) recorded in the quarter. */
  monitoring: { inspections: number; inspectionIds: string[] };
  /** 타: CS training referred and completed in the quarter, and the employees referred. */
  training: { referred: number; completed: number; employees: number };
  /** The quarterly satisfaction figures (QPSI elements and index); `responses`: surveys recorded in the quarter. */
  satisfaction: { responses: number; index: number | null; elements: Record<string, number | null> };
}

/**
 * An action of an earlier evaluation to follow up ("이전의 운영성과 평가에 따른 후속조치"): open when this one was
 * drafted, or completed since the evaluated quarter began; with its status then.
 */
export interface CarriedAction {
  quarter: string;
  actionId: string;
  kind: ActionKind;
  text: string;
  owner: string;
  dueOn: string;
  status: ActionStatus;
}
