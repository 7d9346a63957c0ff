import { describe, expect, it } from '@jest/globals';
import { given } from '../../test/support/complaint-scenario.js';
import { assigned, at, closed, communicated, decided, investigated, received } from '../../test/support/complaint-fixtures.js';
import { maySeeEmployeeMeasures, refusal, showsEmployeeMeasures, type Actor } from '../access.js';
import type { ComplaintCommand } from './commands.js';
import { allowedCommands, complaintOf, replay } from './decider.js';
import { ComplaintCommandNotAllowed } from './errors.js';
import { InvalidCommand } from '../errors.js';
import type { ComplaintEvent } from './events.js';
import { redactEmployeeData, redactEmployeeMeasures, REDACTED } from './redaction.js';

/**
 * Issue 17 §3, the 004 seed, ch. 3 ⑤ 가 (관련자 조치): "고객불만 전담부서장(처리부서장 포함)은 업무처리과정에서
 * 고객불만과 관련하여 직접적인 원인을 제공한 경우 관련 직원에 대하여 CS교육 등 관련부서에 조치 의뢰를 할 수 있음".
 */
const now = at(200);
const refer = (subjectId = 'emp-7', programme = 'Customer courtesy, level 1'): ComplaintCommand => ({ type: 'refer-to-training', data: { subjectId, programme }, now });
const complete = (subjectId = 'emp-7', completedAt?: string): ComplaintCommand => ({ type: 'record-training-completed', data: { subjectId, ...(completedAt ? { completedAt } : {}) }, now });
const referred: ComplaintEvent[] = [{ type: 'TrainingReferred', occurredAt: at(150), data: { subjectId: 'emp-7', programme: 'Customer courtesy, level 1' } }];

describe('"직접적인 원인을 제공한 경우 관련 직원에 대하여 CS교육 등 … 조치 의뢰": referral of an employee who caused the complaint to CS training', () => {
  it('given findings that substantiate employee emp-7, when the head refers emp-7 to CS training, then TrainingReferred records who and which programme', () => {
    given(received, assigned, investigated).when(refer()).then([{ type: 'TrainingReferred', occurredAt: now, data: { subjectId: 'emp-7', programme: 'Customer courtesy, level 1' } }]);
  });

  it('given a decided and closed case, the referral may still follow', () => {
    const [event] = given(received, assigned, investigated, decided, communicated, closed).when(refer()).thenEvents();
    expect(event).toMatchObject({ type: 'TrainingReferred' });
  });

  it('given no findings yet, the referral is not allowed', () => {
    given(received, assigned).when(refer()).thenRejects(ComplaintCommandNotAllowed, /refer-to-training is not allowed/);
  });

  it('a referral the findings do not allow says what is missing: findings, or an employee they substantiate', () => {
    given(received, assigned).when(refer()).thenRejects(ComplaintCommandNotAllowed, 'refer-to-training is not allowed: no findings are recorded yet: a referral to CS training is for an employee they substantiate;');
    const noneSubstantiated: ComplaintEvent[] = [{ type: 'FindingsRecorded', occurredAt: at(60), data: { summary: 's', subjects: [{ id: 'emp-7', kind: 'employee', substantiated: false }] } }];
    given(received, assigned, noneSubstantiated).when(refer()).thenRejects(ComplaintCommandNotAllowed, 'refer-to-training is not allowed: the findings substantiate no employee: a referral to CS training is for one they do;');
  });

  it('an employee the findings do not substantiate (or a unit, or a supplier) is refused naming subjectId', () => {
    const mixed: ComplaintEvent[] = [{
      type: 'FindingsRecorded', occurredAt: at(60),
      data: { summary: 's', subjects: [{ id: 'emp-7', kind: 'employee', substantiated: true, reason: 'discourtesy' }, { id: 'emp-8', kind: 'employee', substantiated: false }, { id: 'sup-1', kind: 'supplier', substantiated: true, reason: 'delay' }] },
    }];
    given(received, assigned, mixed).when(refer('emp-8')).thenRejects(InvalidCommand, /^subjectId: must be an employee the findings substantiate: emp-7$/);
    given(received, assigned, mixed).when(refer('sup-1')).thenRejects(InvalidCommand, /^subjectId: must be an employee the findings substantiate: emp-7$/);
  });

  it('an employee already referred who has not completed the training is not referred again; a programme is required', () => {
    given(received, assigned, investigated, referred).when(refer()).thenRejects(InvalidCommand, /^subjectId: emp-7 is already referred and has not completed the training/);
    given(received, assigned, investigated).when(refer('emp-7', ' ')).thenRejects(InvalidCommand, /^programme: must not be empty/);
  });

  it('only the head of the handling department or the complaints office refers: not its handlers, not another department’s head', () => {
    const complaint = complaintOf(replay([...received, ...assigned, ...investigated]));
    const actor = (roles: Actor['roles'], department?: string): Actor => ({ id: 'u', name: 'u', roles, department });
    expect(refusal(actor(['department-head'], 'inspection'), 'refer-to-training', complaint)).toBeUndefined();
    expect(refusal(actor(['complaints-office']), 'refer-to-training', complaint)).toBeUndefined();
    expect(refusal(actor(['handler'], 'inspection'), 'refer-to-training', complaint)).toMatchObject({ reason: 'role' });
    expect(refusal(actor(['department-head'], 'audit'), 'refer-to-training', complaint)).toMatchObject({ reason: 'department' });
  });
});

describe('the completion of the CS training', () => {
  it('given emp-7 referred, when the completion is recorded, then TrainingCompleted says when, and nothing is outstanding', () => {
    const state = given(received, assigned, investigated, referred).when(complete('emp-7', at(180))).thenState();
    expect(complaintOf(state)?.trainingReferrals).toEqual([{ subjectId: 'emp-7', programme: 'Customer courtesy, level 1', referredAt: at(150), completedAt: at(180) }]);
    expect(allowedCommands(state)).not.toContain('record-training-completed');
  });

  it('a completion without a referral outstanding, in the future or before the referral is refused naming the field', () => {
    given(received, assigned, investigated).when(complete()).thenRejects(ComplaintCommandNotAllowed);
    given(received, assigned, investigated, referred).when(complete('emp-9')).thenRejects(InvalidCommand, /^subjectId: no outstanding training referral for emp-9/);
    given(received, assigned, investigated, referred).when(complete('emp-7', at(300))).thenRejects(InvalidCommand, /^completedAt: must not be in the future/);
    given(received, assigned, investigated, referred).when(complete('emp-7', at(100))).thenRejects(InvalidCommand, /^completedAt: must not be before the referral/);
  });

  it('a completion recorded twice, or without a referral, is refused saying what already happened or what is missing', () => {
    given(received, assigned, investigated).when(complete()).thenRejects(ComplaintCommandNotAllowed, 'record-training-completed is not allowed: no employee was referred to CS training for this case;');
    const completed: ComplaintEvent[] = [{ type: 'TrainingCompleted', occurredAt: at(190), data: { subjectId: 'emp-7', completedAt: at(180) } }];
    given(received, assigned, investigated, referred, completed).when(complete()).thenRejects(ComplaintCommandNotAllowed, `record-training-completed is not allowed: no CS training referral is open: each was already completed, the last on ${at(180)};`);
    // Another employee's referral still open: emp-7's was completed (the subject is the command's, so after the department's check).
    const other: ComplaintEvent[] = [{ type: 'TrainingReferred', occurredAt: at(185), data: { subjectId: 'emp-8', programme: 'Customer courtesy, level 1' } }];
    given(received, assigned, investigated, referred, completed, other).when(complete()).thenRejects(InvalidCommand, `subjectId: no outstanding training referral for emp-7: the training was already completed on ${at(180)}`);
  });
});

describe('these records are the employee’s personal data: the complaints office and the subject’s department head only', () => {
  const complaint = complaintOf(replay([...received, ...assigned, ...investigated, ...referred]))!;
  const actor = (roles: Actor['roles'], department?: string): Actor => ({ id: 'u', name: 'u', roles, department });

  it('the complaints office and the head of the department handling the case see them; its handlers, managers, auditors and other heads do not', () => {
    expect(maySeeEmployeeMeasures(actor(['complaints-office']), complaint)).toBe(true);
    expect(maySeeEmployeeMeasures(actor(['department-head'], 'inspection'), complaint)).toBe(true);
    expect(maySeeEmployeeMeasures(actor(['handler'], 'inspection'), complaint)).toBe(false);
    expect(maySeeEmployeeMeasures(actor(['department-head'], 'audit'), complaint)).toBe(false);
    expect(maySeeEmployeeMeasures(actor(['manager']), complaint)).toBe(false);
    expect(maySeeEmployeeMeasures(actor(['auditor']), complaint)).toBe(false);
  });

  it('an auditor sees them by a break-glass read only; a handler who sees the complainant’s data still does not', () => {
    expect(showsEmployeeMeasures(actor(['auditor']), complaint, true)).toBe(true);
    expect(showsEmployeeMeasures(actor(['auditor']), complaint, false)).toBe(false);
    expect(showsEmployeeMeasures(actor(['handler'], 'inspection'), complaint, true)).toBe(false);
  });

  it('redacted, each referral keeps its place, dates and subject (the findings’ subject every role reads); the events keep their shape', () => {
    expect(redactEmployeeMeasures(complaint).trainingReferrals).toEqual([{ subjectId: 'emp-7', programme: REDACTED, referredAt: at(150) }]);
    expect(redactEmployeeData('TrainingReferred', { subjectId: 'emp-7', programme: 'p', note: 'n' })).toEqual({ subjectId: 'emp-7', programme: REDACTED, note: REDACTED });
    expect(redactEmployeeData('TrainingCompleted', { subjectId: 'emp-7', completedAt: at(180), note: 'n' })).toEqual({ subjectId: 'emp-7', completedAt: at(180), note: REDACTED });
  });
});
