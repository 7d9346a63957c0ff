import { describe, expect, it } from '@jest/globals';
import { InvalidCommand } from '../errors.js';
import type { EvaluationCommand } from './commands.js';
import { allowedEvaluationCommands, decideEvaluation } from './decider.js';
import { EvaluationCommandNotAllowed } from './errors.js';
import { replayEvaluation } from './evaluation.js';
import type { EvaluationEvent } from './events.js';
import type { EvaluationEvidence } from './evidence.js';
import { INDICATOR_CODES } from './indicators.js';
import { INSPECTION_ITEM_CODES, sampleCases } from './inspection.js';

/** The decider does not read the evidence: any snapshot stands for the one the service gathers. */
const evidence = { quarter: '2026-Q3' } as EvaluationEvidence;
const NOW = '2026-10-05T10:00:00+09:00';
const drafted: EvaluationEvent[] = [{ type: 'EvaluationDrafted', data: { quarter: '2026-Q3', evidence, carriedOver: [] }, occurredAt: NOW }];
const judged: EvaluationEvent[] = INDICATOR_CODES.map((indicator) => ({ type: 'IndicatorJudged', data: { indicator, rating: 'met', notes: `Interviews on ${indicator}`, attachments: [] }, occurredAt: NOW }));
const actionAdded: EvaluationEvent[] = [{ type: 'ActionAdded', data: { actionId: 'a-1', kind: 'process-improvement', text: 'Interim notice template', owner: 'Customer support office', dueOn: '2026-12-31' }, occurredAt: NOW }];
const signed: EvaluationEvent[] = [{ type: 'EvaluationSigned', data: { signedBy: 'u-manager', name: 'Manager Kang', role: 'manager' }, occurredAt: '2026-10-10T10:00:00+09:00' }];

const given = (...history: EvaluationEvent[][]) => {
  const evaluation = replayEvaluation(history.flat());
  return {
    decide: (command: Omit<EvaluationCommand, 'now'>) => decideEvaluation({ ...command, now: NOW } as EvaluationCommand, evaluation),
    rejects(command: Omit<EvaluationCommand, 'now'>, errorClass: new (...args: never[]) => Error, message: RegExp): Error {
      let caught: unknown;
      try {
        decideEvaluation({ ...command, now: NOW } as EvaluationCommand, evaluation);
      } catch (error) {
        caught = error;
      }
      expect(caught).toBeInstanceOf(errorClass);
      expect((caught as Error).message).toMatch(message);
      return caught as Error;
    },
  };
};

describe('the quarterly evaluation: "분기마다 전분기의 CCMS의 운영성과를 평가하고 평가기록을 보존하며 개선토록 함"', () => {
  it('given a draft, when an indicator is judged again, the later judgement stands', () => {
    const again = given(drafted).decide({ type: 'record-judgement', data: { indicator: '바', rating: 'partly-met', notes: 'Severity not recorded for 12 cases', attachments: ['VOC-2026-31'] } });
    const evaluation = replayEvaluation([...drafted, ...judged, ...again]);
    expect(evaluation?.judgements['바']).toMatchObject({ rating: 'partly-met', attachments: ['VOC-2026-31'] });
  });

  it('is signed only when all twelve indicators 가–타 are judged', () => {
    const error = given(drafted, judged.slice(0, 11)).rejects({ type: 'sign', data: { signedBy: 'u-manager', name: 'Kang', role: 'manager' } }, EvaluationCommandNotAllowed, /not judged: 타/);
    expect((error as EvaluationCommandNotAllowed).allowed).toContain('sign');
    // Its message lists the other commands, not the one it refused (the manager tester read "sign is not allowed … allowed now: … sign").
    expect((error as Error).message).toMatch(/; otherwise allowed now: refresh-evidence, record-judgement, add-action, update-action, complete-action$/);
    expect(given(drafted, judged).decide({ type: 'sign', data: { signedBy: 'u-manager', name: 'Kang', role: 'manager' } })).toEqual([
      { type: 'EvaluationSigned', data: { signedBy: 'u-manager', name: 'Kang', role: 'manager' }, occurredAt: NOW },
    ]);
  });

  it('signed is sealed: a judgement, an action or new evidence after signing is refused (409), with what is still allowed', () => {
    const sealed = given(drafted, judged, actionAdded, signed);
    const commands: Omit<EvaluationCommand, 'now'>[] = [
      { type: 'record-judgement', data: { indicator: '가', rating: 'not-met', notes: 'Changed my mind' } },
      { type: 'add-action', data: { actionId: 'a-2', kind: 'resource-need', text: 'One more handler', owner: 'HR', dueOn: '2027-01-31' } },
      { type: 'refresh-evidence', data: { evidence, carriedOver: [] } },
      { type: 'sign', data: { signedBy: 'u-manager', name: 'Kang', role: 'manager' } },
    ];
    for (const command of commands) {
      const error = sealed.rejects(command, EvaluationCommandNotAllowed, /signed and sealed/) as EvaluationCommandNotAllowed;
      expect(error.allowed).toEqual(['update-action', 'complete-action', 'add-addendum']);
    }
  });

  it('after signing an addendum may be added, and the actions followed up and completed: follow-up alters nothing signed', () => {
    const sealed = given(drafted, judged, actionAdded, signed);
    expect(sealed.decide({ type: 'add-addendum', data: { text: 'Committee minutes attached', attachments: ['CS-2026-10'] } })).toEqual([
      { type: 'AddendumAdded', data: { text: 'Committee minutes attached', attachments: ['CS-2026-10'] }, occurredAt: NOW },
    ]);
    const completed = sealed.decide({ type: 'complete-action', data: { actionId: 'a-1', note: 'Template in use' } });
    const evaluation = replayEvaluation([...drafted, ...judged, ...actionAdded, ...signed, ...completed]);
    expect(evaluation?.actions[0]).toMatchObject({ status: 'completed', completion: { note: 'Template in use' } });
    expect(evaluation?.status).toBe('signed');
    given(drafted, judged, actionAdded, signed, completed).rejects({ type: 'complete-action', data: { actionId: 'a-1', note: 'Again' } }, EvaluationCommandNotAllowed, /action a-1 is completed/);
  });

  it('a completed action is not completed again: the refusal says when it was (two members of staff recording the same completion)', () => {
    // Completed at 08:30 on 7 October in Seoul, stored in UTC as the day before: the day is Seoul's.
    const completed: EvaluationEvent[] = [{ type: 'ActionCompleted', data: { actionId: 'a-1', note: 'Template in use' }, occurredAt: '2026-10-06T23:30:00.000Z' }];
    given(drafted, actionAdded, completed).rejects(
      { type: 'complete-action', data: { actionId: 'a-1', note: 'Done as well' } },
      EvaluationCommandNotAllowed,
      /^complete-action is not allowed: action a-1 is completed \(on 2026-10-07\): a completed action is followed up no more;/,
    );
  });

  it('a completed action is not followed up any more: the refusal says when it was completed', () => {
    const completed: EvaluationEvent[] = [{ type: 'ActionCompleted', data: { actionId: 'a-1', note: 'Template in use' }, occurredAt: '2026-10-06T23:30:00.000Z' }];
    const error = given(drafted, judged, actionAdded, signed, completed).rejects(
      { type: 'update-action', data: { actionId: 'a-1', note: 'Later', dueOn: '2027-01-31' } },
      EvaluationCommandNotAllowed,
      /^update-action is not allowed: action a-1 is completed \(on 2026-10-07\): a completed action is followed up no more;/,
    ) as EvaluationCommandNotAllowed;
    expect(error).toMatchObject({ state: 'signed', reason: 'action a-1 is completed (on 2026-10-07): a completed action is followed up no more' });
  });

  it('an addendum needs a signed evaluation; a draft is only drafted once per quarter', () => {
    given(drafted).rejects({ type: 'add-addendum', data: { text: 'Too early' } }, EvaluationCommandNotAllowed, /not allowed in state draft/);
    given(drafted).rejects({ type: 'draft', data: { quarter: '2026-Q3', evidence, carriedOver: [] } }, EvaluationCommandNotAllowed, /not allowed in state draft/);
    expect(allowedEvaluationCommands(undefined)).toEqual(['draft']);
  });

  it('an action has an owner and a due date; follow-up names an action of the evaluation', () => {
    given(drafted).rejects({ type: 'add-action', data: { actionId: 'a-1', kind: 'service-proposal', text: 'x', owner: 'y', dueOn: '2026-02-30' } }, InvalidCommand, /dueOn: must be a date/);
    given(drafted).rejects({ type: 'add-action', data: { actionId: 'a-1', kind: 'service-proposal', text: 'x', owner: ' ', dueOn: '2026-12-01' } }, InvalidCommand, /owner: must not be empty/);
    given(drafted).rejects({ type: 'update-action', data: { actionId: 'a-9', note: 'x' } }, InvalidCommand, /actionId: .*no action a-9/);
  });

  it('an action\'s due date is not before the day it is recorded (local date), when added or moved', () => {
    given(drafted).rejects({ type: 'add-action', data: { actionId: 'a-1', kind: 'service-proposal', text: 'x', owner: 'y', dueOn: '2020-01-01' } }, InvalidCommand, /^dueOn: must not be before the day it is recorded \(2026-10-05\)/);
    given(drafted, actionAdded).rejects({ type: 'update-action', data: { actionId: 'a-1', note: 'Later', dueOn: '2026-10-04' } }, InvalidCommand, /^dueOn: must not be before the day it is recorded/);
    expect(given(drafted).decide({ type: 'add-action', data: { actionId: 'a-1', kind: 'service-proposal', text: 'x', owner: 'y', dueOn: '2026-10-05' } })[0]?.type).toBe('ActionAdded');
  });
});

describe('ad-hoc inspections (수시 평가): a random sample the engine picks', () => {
  const population = Array.from({ length: 200 }, (_, i) => `c-${String(i).padStart(3, '0')}`);

  it('the same seed and population give the same sample; another seed another one; never more than the population', () => {
    expect(sampleCases(population, 10, 42)).toEqual(sampleCases(population, 10, 42));
    expect(sampleCases(population, 10, 43)).not.toEqual(sampleCases(population, 10, 42));
    expect(new Set(sampleCases(population, 10, 42)).size).toBe(10);
    expect(sampleCases(population.slice(0, 3), 10, 1).sort()).toEqual(population.slice(0, 3));
  });

  it('covers the four items of the seed, 가–라', () => {
    expect(INSPECTION_ITEM_CODES).toEqual(['가', '나', '다', '라']);
  });
});
