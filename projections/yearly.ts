/**
 * The yearly reports' pure figures (004 seed ch. 5 §2, 000 seed 만족업무평가): the complainants'
 * satisfaction (QPSI, "조사주기 : 연 1회") from the year's quarterly summaries, the departments' evaluation,
 * the handling staff's satisfaction. A year is the four calendar quarters of the working calendar's zone,
 * so a yearly figure is the sum of the quarterly report's four.
 */
import { OVERALL, type DepartmentEvaluationPolicy, type EvaluationMeasure, type SatisfactionElement } from '../domain/catalog.js';
import { addInto, emptySummary, type Quarter, type QuarterSummary } from './quarterly.js';
import { satisfactionIndex, toHundred } from './satisfaction-index.js';

export const quartersOf = (year: number): Quarter[] => [1, 2, 3, 4].map((q) => `${year}-Q${q}`);

export function sumOf(summaries: readonly QuarterSummary[]): QuarterSummary {
  const sum = emptySummary();
  for (const s of summaries) addInto(sum, s);
  return sum;
}

const round = (value: number, digits = 2) => Math.round(value * 10 ** digits) / 10 ** digits;

export interface ElementFigure {
  /** Answers to the element (a survey that did not ask it is not one). */
  answers: number;
  /** Mean on 0–100; null without answers. */
  mean: number | null;
}

export interface SatisfactionFigures {
  surveys: number;
  elements: Record<SatisfactionElement, ElementFigure>;
  /** The handbook's index (satisfaction-index.ts) from the element means; null without surveys. */
  index: number | null;
}

/** The survey figures of summed quarterly summaries (their `scoreTotal:`/`scoreCount:` counters). */
export function satisfactionFigures(summary: QuarterSummary, elements: readonly SatisfactionElement[], weights: Readonly<Record<SatisfactionElement, number>>): SatisfactionFigures {
  const count = (key: string) => (summary.counters as Record<string, number>)[key] ?? 0;
  const figures = Object.fromEntries(elements.map((e) => {
    const answers = count(`scoreCount:${e}`);
    return [e, { answers, mean: answers === 0 ? null : toHundred(count(`scoreTotal:${e}`) / answers) }];
  })) as Record<SatisfactionElement, ElementFigure>;
  const index = satisfactionIndex(Object.fromEntries(elements.map((e) => [e, figures[e]!.mean])), weights);
  return {
    surveys: count('surveys'),
    elements: Object.fromEntries(Object.entries(figures).map(([e, f]) => [e, { answers: f.answers, mean: f.mean === null ? null : round(f.mean) }])),
    index: index === null ? null : round(index),
  };
}

/** Each measure of a department's evaluation on 0–100; null where the year has no figure for it. */
export type EvaluationMeasures = Record<EvaluationMeasure, number | null>;

export interface DepartmentFigures {
  /** Complaint periods closed in the year and, of those, within their deadline. */
  closed: number;
  closedWithinDeadline: number;
  satisfactionIndex: number | null;
  /** Subjects the repeat-offender rule flags in the year (on their findings across the organisation) with a counted case of the department. */
  repeatOffendersFlagged: number;
  /** Improvement requests to the department due in the year (by now), and of those implemented by their due day. */
  improvementsDue: number;
  improvementsOnTime: number;
}

export function measuresOf(f: DepartmentFigures, policy: DepartmentEvaluationPolicy): EvaluationMeasures {
  const slaCompliance = f.closed === 0 ? null : (100 * f.closedWithinDeadline) / f.closed;
  const improvementsOnTime = f.improvementsDue === 0 ? null : (100 * f.improvementsOnTime) / f.improvementsDue;
  // No offender is full marks only beside some work to judge: a department that handled nothing gets no grade, not S.
  const judged = slaCompliance !== null || f.satisfactionIndex !== null || improvementsOnTime !== null || f.repeatOffendersFlagged > 0;
  return {
    slaCompliance,
    satisfactionIndex: f.satisfactionIndex,
    repeatOffenders: judged ? Math.max(0, 100 - policy.pointsPerRepeatOffender * f.repeatOffendersFlagged) : null,
    improvementsOnTime,
  };
}

/**
 * The weighted score on 0–100: Σ weight × measure / Σ weight over the measures the department has a
 * figure for (a department without improvement requests is not marked down for it); null when none.
 */
export function scoreOf(measures: EvaluationMeasures, policy: DepartmentEvaluationPolicy): number | null {
  const given = (Object.keys(measures) as EvaluationMeasure[]).filter((m) => measures[m] !== null && policy.weights[m] > 0);
  const weight = given.reduce((sum, m) => sum + policy.weights[m], 0);
  if (weight === 0) return null;
  return round(given.reduce((sum, m) => sum + policy.weights[m] * (measures[m] as number), 0) / weight);
}

/** The highest band whose minimum the score reaches. */
export function gradeOf(score: number | null, policy: DepartmentEvaluationPolicy): string | null {
  if (score === null) return null;
  const bands = [...policy.grades].sort((a, b) => b.minScore - a.minScore);
  return bands.find((band) => score >= band.minScore)?.grade ?? null;
}

export interface DepartmentEvaluation {
  department: string;
  figures: DepartmentFigures;
  measures: EvaluationMeasures;
  score: number | null;
  grade: string | null;
  previous: { figures: DepartmentFigures; score: number | null; grade: string | null };
  /** Score points over the previous year; null when either year has none. */
  scoreIncrease: number | null;
  /** 전년 대비 고객만족도 증가율 (000 seed): the satisfaction index's change over the previous year, as a share of it. */
  satisfactionIncreaseRate: number | null;
}

export function evaluateDepartment(department: string, current: DepartmentFigures, previous: DepartmentFigures, policy: DepartmentEvaluationPolicy): DepartmentEvaluation {
  const measures = measuresOf(current, policy);
  const score = scoreOf(measures, policy);
  const previousScore = scoreOf(measuresOf(previous, policy), policy);
  const now = current.satisfactionIndex;
  const before = previous.satisfactionIndex;
  return {
    department,
    figures: current,
    measures: Object.fromEntries(Object.entries(measures).map(([m, v]) => [m, v === null ? null : round(v)])) as EvaluationMeasures,
    score,
    grade: gradeOf(score, policy),
    previous: { figures: previous, score: previousScore, grade: gradeOf(previousScore, policy) },
    scoreIncrease: score === null || previousScore === null ? null : round(score - previousScore),
    satisfactionIncreaseRate: now === null || before === null || before === 0 ? null : round((now - before) / before, 4),
  };
}

export interface StaffSurveyFigures {
  answers: number;
  /** Per question: answers and mean on 0–100. */
  questions: Record<string, ElementFigure>;
  /** The mean of the overall rating on 0–100. */
  overall: number | null;
}

/** Staff answers' figures, from per-question sums and counts. */
export function staffSurveyFigures(answers: number, sums: Readonly<Record<string, { total: number; count: number }>>, questions: readonly string[]): StaffSurveyFigures {
  const figures = Object.fromEntries(questions.map((q) => {
    const s = sums[q];
    return [q, { answers: s?.count ?? 0, mean: s && s.count > 0 ? round(toHundred(s.total / s.count)) : null }];
  }));
  return { answers, questions: figures, overall: figures[OVERALL]?.mean ?? null };
}
