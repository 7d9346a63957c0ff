import { describe, expect, it } from '@jest/globals';
import { DEFAULT_STAFF_SURVEY_QUESTIONS } from '../catalog.js';
import { InvalidCommand } from '../errors.js';
import { decideNomination, nominate, NominationAlreadyDecided, NominationMissing, type Nominate } from './nomination.js';
import { answerStaffSurvey } from './staff-survey.js';

describe('an anonymous answer to the staff survey', () => {
  const answer = (scores: Record<string, unknown>) => answerStaffSurvey({ year: 2026, department: 'inspection', scores, today: '2026-11-02' }, DEFAULT_STAFF_SURVEY_QUESTIONS);

  it('carries the year, the department and the scores, and of time the day only: no person', () => {
    expect(answer({ workload: 3, overall: 4 })).toEqual({ type: 'StaffSurveyAnswered', data: { year: 2026, department: 'inspection', scores: { workload: 3, overall: 4 } }, occurredAt: '2026-11-02T00:00:00Z' });
  });

  it('refuses a question not in the catalog, a score outside 1–5 and an answer without the overall rating, naming the question', () => {
    const refusal = (scores: Record<string, unknown>) => {
      try {
        answer(scores);
      } catch (error) {
        return error instanceof InvalidCommand ? [error.field, error.rule] : error;
      }
      return undefined;
    };
    expect(refusal({ salary: 3, overall: 3 })).toEqual(['scores.salary', expect.stringContaining('not a question')]);
    expect(refusal({ workload: 6, overall: 3 })).toEqual(['scores.workload', 'must be a whole number from 1 to 5']);
    expect(refusal({ workload: 2.5, overall: 3 })).toEqual(['scores.workload', 'must be a whole number from 1 to 5']);
    expect(refusal({ workload: 3 })).toEqual(['scores.overall', 'is required']);
  });

  it('a year’s survey is not answered before that year, nor after the next: this year’s or last year’s only', () => {
    expect(() => answerStaffSurvey({ year: 2027, department: null, scores: { overall: 3 }, today: '2026-11-02' }, DEFAULT_STAFF_SURVEY_QUESTIONS)).toThrow(InvalidCommand);
    expect(answerStaffSurvey({ year: 2025, department: null, scores: { overall: 3 }, today: '2026-01-05' }, DEFAULT_STAFF_SURVEY_QUESTIONS).data.year).toBe(2025);
    for (const year of [2024, 1971]) {
      expect(() => answerStaffSurvey({ year, department: null, scores: { overall: 3 }, today: '2026-01-05' }, DEFAULT_STAFF_SURVEY_QUESTIONS)).toThrow(expect.objectContaining({ field: 'year' }));
    }
  });
});

describe('a nomination for a reward (특별포상)', () => {
  const command: Nominate = { nominationId: 'n1', year: 2026, kind: 'handling', department: 'inspection', nominee: { kind: 'employee', id: 'emp-7' }, complaints: ['c-1'], reason: 'Same-day fix', now: '2026-11-02T10:00:00+09:00' };
  const recorded = nominate(command, ['inspection']);

  it('is recorded with the case and why', () => {
    expect(recorded).toEqual({ type: 'NominationRecorded', data: { nominationId: 'n1', year: 2026, kind: 'handling', department: 'inspection', nominee: { kind: 'employee', id: 'emp-7' }, complaints: ['c-1'], reason: 'Same-day fix' }, occurredAt: command.now });
    expect(() => nominate({ ...command, department: 'nowhere' }, ['inspection'])).toThrow(InvalidCommand);
  });

  it('is decided once; an award names its reward, a refusal none', () => {
    const now = '2026-12-01T10:00:00+09:00';
    expect(decideNomination({ decision: 'awarded', reward: 'Commendation', note: 'Exemplary', now }, [recorded])).toEqual({ type: 'NominationDecided', data: { decision: 'awarded', reward: 'Commendation', note: 'Exemplary' }, occurredAt: now });
    expect(() => decideNomination({ decision: 'awarded', note: 'x', now }, [recorded])).toThrow(InvalidCommand);
    expect(() => decideNomination({ decision: 'not-awarded', reward: 'x', note: 'x', now }, [recorded])).toThrow(InvalidCommand);
    const decided = decideNomination({ decision: 'not-awarded', note: 'Routine', now }, [recorded]);
    expect(() => decideNomination({ decision: 'not-awarded', note: 'again', now }, [recorded, decided])).toThrow(NominationAlreadyDecided);
    expect(() => decideNomination({ decision: 'not-awarded', note: 'x', now }, [])).toThrow(NominationMissing);
  });
});
