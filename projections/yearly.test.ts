import { describe, expect, it } from '@jest/globals';
import { DEFAULT_DEPARTMENT_EVALUATION } from '../domain/catalog.js';
import { itemWeights } from './satisfaction-index.js';
import { evaluateDepartment, gradeOf, measuresOf, satisfactionFigures, scoreOf, staffSurveyFigures, sumOf, type DepartmentFigures } from './yearly.js';

const policy = DEFAULT_DEPARTMENT_EVALUATION;

describe('the complainants’ satisfaction of a year', () => {
  it('sums the quarters, each element’s mean over its own answers, and the index by the handbook’s formula', () => {
    const q1 = { counters: { surveys: 2, 'scoreTotal:courtesy': 9, 'scoreCount:courtesy': 2, 'scoreTotal:overall': 8, 'scoreCount:overall': 2 }, compensation: {}, durations: {} };
    const q2 = { counters: { surveys: 1, 'scoreTotal:courtesy': 2, 'scoreCount:courtesy': 1, 'scoreTotal:explanation': 3, 'scoreCount:explanation': 1, 'scoreTotal:overall': 3, 'scoreCount:overall': 1 }, compensation: {}, durations: {} };
    const elements = ['courtesy', 'explanation', 'overall'];
    const figures = satisfactionFigures(sumOf([q1, q2]), elements, itemWeights(['courtesy', 'explanation']));
    // courtesy (5+4+2)/3 = 11/3 → (11/3 − 1)/4 × 100 = 66.67; explanation 3 → 50 (one answer: the others were not asked); overall 11/3 → 66.67
    expect(figures.surveys).toBe(3);
    expect(figures.elements).toEqual({ courtesy: { answers: 3, mean: 66.67 }, explanation: { answers: 1, mean: 50 }, overall: { answers: 3, mean: 66.67 } });
    // Equal weights: dimension (66.667 + 50) / 2 = 58.333; index (58.333 + 66.667) / 2 = 62.5
    expect(figures.index).toBe(62.5);
  });

  it('a year without surveys has no means and no index', () => {
    expect(satisfactionFigures(sumOf([]), ['courtesy', 'overall'], itemWeights(['courtesy']))).toEqual({ surveys: 0, elements: { courtesy: { answers: 0, mean: null }, overall: { answers: 0, mean: null } }, index: null });
  });
});

describe('the departments’ evaluation (000 seed 만족업무평가)', () => {
  const figures: DepartmentFigures = { closed: 40, closedWithinDeadline: 36, satisfactionIndex: 70, repeatOffendersFlagged: 1, improvementsDue: 4, improvementsOnTime: 3 };

  it('each measure on 0–100: SLA compliance, the index, 100 less the points per flagged repeat offender, the share of requests done on time', () => {
    expect(measuresOf(figures, policy)).toEqual({ slaCompliance: 90, satisfactionIndex: 70, repeatOffenders: 75, improvementsOnTime: 75 });
  });

  it('the score is the weighted mean of the measures: worked out by hand with the default weights 30/40/15/15', () => {
    // (30 × 90 + 40 × 70 + 15 × 75 + 15 × 75) / 100 = (2700 + 2800 + 1125 + 1125) / 100 = 77.5
    expect(scoreOf(measuresOf(figures, policy), policy)).toBe(77.5);
    expect(gradeOf(77.5, policy)).toBe('B');
  });

  it('a measure without figures (no request due) is left out and the weights of the others normalised', () => {
    const none = { ...figures, improvementsDue: 0, improvementsOnTime: 0 };
    // (2700 + 2800 + 1125) / 85 = 77.94
    expect(scoreOf(measuresOf(none, policy), policy)).toBe(77.94);
  });

  it('a department that handled nothing (nothing closed, surveyed or due, no offender) has no score and no grade, not 100 and S', () => {
    const idle = { closed: 0, closedWithinDeadline: 0, satisfactionIndex: null, repeatOffendersFlagged: 0, improvementsDue: 0, improvementsOnTime: 0 };
    expect(evaluateDepartment('planning', idle, idle, policy)).toMatchObject({ measures: { repeatOffenders: null }, score: null, grade: null, previous: { score: null, grade: null } });
    // A flagged offender is judged even so.
    expect(scoreOf(measuresOf({ ...idle, repeatOffendersFlagged: 1 }, policy), policy)).toBe(75);
  });

  it('the grade is the highest band reached; the increase over the previous year in points and the satisfaction increase rate', () => {
    const previous = { ...figures, closedWithinDeadline: 30, satisfactionIndex: 56 };
    const evaluation = evaluateDepartment('inspection', figures, previous, policy);
    // Previous: (30 × 75 + 40 × 56 + 1125 + 1125) / 100 = 67.4 → C
    expect(evaluation.previous).toMatchObject({ score: 67.4, grade: 'C' });
    expect(evaluation).toMatchObject({ score: 77.5, grade: 'B', scoreIncrease: 10.1, satisfactionIncreaseRate: 0.25 });
    expect([90, 89.99, 60, 0].map((score) => gradeOf(score, policy))).toEqual(['S', 'A', 'C', 'D']);
  });
});

describe('the staff survey’s figures', () => {
  it('per question the answers and the mean on 0–100; overall is the overall question’s', () => {
    expect(staffSurveyFigures(4, { workload: { total: 10, count: 4 }, overall: { total: 18, count: 4 } }, ['workload', 'support', 'overall'])).toEqual({
      answers: 4, questions: { workload: { answers: 4, mean: 37.5 }, support: { answers: 0, mean: null }, overall: { answers: 4, mean: 87.5 } }, overall: 87.5,
    });
  });
});
