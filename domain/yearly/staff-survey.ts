/**
 * 고객불만 처리담당자 만족도 (004 seed ch. 5 §2 (3)): "정기면담, 설문, 워크숍 등을 통해 고객 보호 업무담당자의
 * 직무만족도 조사를 실시함", yearly. Answers are anonymous: the answer event names no person (its actor
 * is `ANONYMOUS`), and who answered is kept apart, only to refuse a second answer (src/reports/staff-survey.ts).
 * Pure: the questions come from the catalog, time comes in.
 */
import type { Role } from '../access.js';
import { OVERALL, type SurveyQuestion } from '../catalog.js';
import { InvalidCommand } from '../errors.js';

/** The staff who handle complaints answer; the department is theirs, from their token. */
export const STAFF_SURVEY_RESPONDENTS: readonly Role[] = ['intake', 'handler', 'department-head', 'complaints-office'];

/** The actor an answer is stored under: nobody in particular. */
export const ANONYMOUS = 'anonymous';

export interface StaffSurveyAnswered {
  type: 'StaffSurveyAnswered';
  /** `department`: the respondent's, or null (the complaints office, or a token without one). */
  data: { year: number; department: string | null; scores: Record<string, number> };
  /** The answer's day only (never the instant): what a reader of the store learns of when it was given. */
  occurredAt: string;
}

/** Each answer is a stream of its own, named by a random id: neither the name nor its order says who answered. */
export const STAFF_SURVEY_STREAM_PREFIX = 'staff-survey-answer-';

/**
 * The answer, or `InvalidCommand` naming the question: every score a whole number from 1 to 5, only the
 * catalog's questions, the overall rating required (the others may be left unanswered); the year this one or
 * the last (`today` is the calendar's day).
 */
export function answerStaffSurvey(
  { year, department, scores, today }: { year: number; department: string | null; scores: Record<string, unknown>; today: string },
  questions: readonly SurveyQuestion[],
): StaffSurveyAnswered {
  const codes = questions.map((q) => q.code);
  for (const [code, score] of Object.entries(scores)) {
    if (!codes.includes(code)) throw new InvalidCommand(`scores.${code}`, `is not a question of the survey; questions: ${codes.join(', ')}`);
    if (typeof score !== 'number' || !Number.isInteger(score) || score < 1 || score > 5) throw new InvalidCommand(`scores.${code}`, 'must be a whole number from 1 to 5');
  }
  if (scores[OVERALL] === undefined) throw new InvalidCommand(`scores.${OVERALL}`, 'is required');
  const thisYear = Number(today.slice(0, 4));
  if (thisYear < year) throw new InvalidCommand('year', `the survey of ${year} has not begun`);
  // A yearly survey of the staff who handle complaints now: this year's, or last year's answered early in this one; not one long past.
  if (year < thisYear - 1) throw new InvalidCommand('year', `must be this year or the last (${thisYear - 1} or ${thisYear}); the survey of ${year} is closed`);
  const kept = Object.fromEntries(codes.filter((c) => scores[c] !== undefined).map((c) => [c, scores[c] as number]));
  return { type: 'StaffSurveyAnswered', data: { year, department, scores: kept }, occurredAt: `${today}T00:00:00Z` };
}
