/**
 * "동일한 사유로 고객불만을 년 3회 이상 받은 직원에 대하여 해당 업무에 부적격하다 인정될 경우에는 인사상 필요한
 * 조치를 취한다" (004 seed, ch. 3 ⑤ 가): once the repeat-offender rule flags a subject for a reason in a
 * year, the complaints office judges whether it is fit for its work and, if unfit, refers it for a
 * personnel measure.
 *
 * The judgement is about the subject across the year's cases, not about one complaint, so it is a
 * stream of its own per flagged subject, reason and year (`repeatOffenceStreamId`), not an event of a
 * case. Pure: whether the subject is flagged comes in from the report.
 */
import { mayBreakGlass, type Actor, type Role } from '../access.js';
import { REDACTED } from '../complaint/redaction.js';
import type { Subject } from '../complaint/events.js';
import { InvalidCommand } from '../errors.js';

export const VERDICTS = ['fit', 'unfit'] as const;
export type Verdict = (typeof VERDICTS)[number];

/** Who judges: the complaints office, the programme owner. */
export const JUDGES: readonly Role[] = ['complaints-office'];

/** A flagged subject: the repeat-offender rule counts per subject, reason and year. */
export interface RepeatOffence {
  subject: Subject;
  reason: string;
  year: number;
}

export interface JudgeRepeatOffender {
  offence: RepeatOffence;
  verdict: Verdict;
  /** Why fit or unfit: a written reason. */
  explanation: string;
  /** If unfit: the personnel measure the personnel department is asked to take (인사상 필요한 조치). */
  personnelMeasure?: string;
  now: string;
}

export interface RepeatOffenderJudged {
  type: 'RepeatOffenderJudged';
  data: RepeatOffence & { verdict: Verdict; explanation: string; personnelMeasure?: string };
  occurredAt: string;
}

/** The stream of one flagged subject's judgement: each subject, reason and year once. */
export function repeatOffenceStreamId({ subject, reason, year }: RepeatOffence): string {
  return `repeat-offence-${year}-${subject.kind}-${encodeURIComponent(subject.id)}-${encodeURIComponent(reason)}`;
}

/**
 * The judgement, or `InvalidCommand`: only of a subject the rule flags, with an explanation; a
 * personnel measure if and only if unfit. `flagged`: what the repeat-offender report says now.
 */
export function judgeRepeatOffender(command: JudgeRepeatOffender, flagged: boolean): RepeatOffenderJudged {
  const { offence, verdict, explanation, personnelMeasure, now } = command;
  if (!flagged) {
    throw new InvalidCommand('subject', `${offence.subject.kind} ${offence.subject.id} is not flagged by the repeat-offender rule for ${offence.reason} in ${offence.year}`);
  }
  if (!VERDICTS.includes(verdict)) throw new InvalidCommand('verdict', `must be one of ${VERDICTS.join(', ')}`);
  if (explanation.trim() === '') throw new InvalidCommand('explanation', 'must not be empty');
  if (verdict === 'unfit' && (personnelMeasure === undefined || personnelMeasure.trim() === '')) {
    throw new InvalidCommand('personnelMeasure', 'an unfit verdict refers the subject for a personnel measure: say which');
  }
  if (verdict === 'fit' && personnelMeasure !== undefined) throw new InvalidCommand('personnelMeasure', 'only an unfit verdict refers the subject for a personnel measure');
  return { type: 'RepeatOffenderJudged', data: { ...offence, verdict, explanation, ...(personnelMeasure === undefined ? {} : { personnelMeasure }) }, occurredAt: now };
}

/** A CS training referral of the subject in one of its cases (`refer-to-training`), and its completion. */
export interface TrainingMeasure {
  complaintId: string;
  programme: string;
  referredAt: string;
  referredBy: string;
  /** When the training was completed, or null while it is pending. */
  completedAt: string | null;
}

/** What was done for a flagged subject and what is pending. */
export interface OffenceMeasures {
  judgement: { verdict: Verdict; explanation: string; personnelMeasure?: string; judgedAt: string; judgedBy: string } | null;
  /** The CS training referrals recorded on the subject's cases in the year, oldest first. */
  training: TrainingMeasure[];
  /** `judgement`: not judged yet; `training`: a referral not completed yet. */
  pending: ('judgement' | 'training')[];
}

/** The measures of a flagged subject: the judgement (or none yet) and the training referrals of its cases. */
export function offenceMeasures(judgement: OffenceMeasures['judgement'], training: TrainingMeasure[]): OffenceMeasures {
  const pending: OffenceMeasures['pending'] = [];
  if (!judgement) pending.push('judgement');
  if (training.some((t) => t.completedAt === null)) pending.push('training');
  return { judgement, training, pending };
}

/**
 * The judgement and the training referrals are the subject's personal data: the complaints office
 * reads them, an auditor by a break-glass read (`reason` given); everyone else reads whether they
 * were done, not what they say.
 */
export function showsRepeatOffenceMeasures(actor: Actor, reason: string | undefined): boolean {
  return actor.roles.includes('complaints-office') || (reason !== undefined && mayBreakGlass(actor));
}

/** What a reader who may not see the measures reads: that they were done and when, not what they say. */
export function redactOffenceMeasures(measures: OffenceMeasures): OffenceMeasures {
  const j = measures.judgement;
  return {
    ...measures,
    judgement: j && { ...j, verdict: REDACTED as Verdict, explanation: REDACTED, ...(j.personnelMeasure === undefined ? {} : { personnelMeasure: REDACTED }) },
    training: measures.training.map((t) => ({ ...t, programme: REDACTED })),
  };
}
