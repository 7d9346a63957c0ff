import { describe, expect, it } from '@jest/globals';
import { declined, DUE_ON, filed, FILED_AT, givenRequest, implemented, planned, resultReported } from '../../test/support/improvement-scenario.js';
import { InvalidCommand } from '../errors.js';
import { allowedImprovementCommands, improvementState, improvementStateRefusal, replayImprovement, requestOf, restoreImprovement } from './decider.js';
import { ImprovementCommandNotAllowed } from './errors.js';
import type { ImprovementEvent } from './events.js';

const state = (...history: ImprovementEvent[][]) => improvementState(replayImprovement(history.flat()));
const beforeDue = '2027-02-20T10:00:00+09:00';
const afterDue = '2027-03-03T10:00:00+09:00';

describe('improvement request: requested → planned → implemented → result reported → verified', () => {
  it('given nothing, when the complaints office files a request from two complaints, then it is requested and due three months later', () => {
    givenRequest()
      .when({ type: 'file', data: { requestId: 'ir-1', department: 'inspection', complaints: ['c-1', 'c-2'], change: 'Inspect gas meters yearly', reason: 'Two leaks in a year' }, now: FILED_AT })
      .then(filed);
    expect(state(filed)).toBe('requested');
  });

  it('given a filed request, then the department plans, implements and reports, and the office verifies', () => {
    expect(state(filed, planned)).toBe('planned');
    expect(state(filed, planned, implemented)).toBe('implemented');
    expect(state(filed, planned, implemented, resultReported)).toBe('result-reported');
    const verified = givenRequest(filed, planned, implemented, resultReported).when({ type: 'verify', data: { note: 'Checked on site' }, now: '2027-02-20T10:00:00+09:00' }).thenState();
    expect(improvementState(verified)).toBe('verified');
    expect(allowedImprovementCommands(verified, afterDue)).toEqual([]);
  });

  it('the steps go in order: a result cannot be reported before the change is implemented', () => {
    givenRequest(filed, planned).when({ type: 'report-result', data: { result: 'Done' }, now: beforeDue }).thenRejects(ImprovementCommandNotAllowed, /report-result is not allowed in state planned/);
    expect(allowedImprovementCommands(replayImprovement(filed), beforeDue)).toEqual(['plan', 'decline', 'request-extension']);
    // Past the due date it goes to the committee, and the department's reason for a delay comes too late.
    expect(allowedImprovementCommands(replayImprovement(filed), afterDue)).toEqual(['plan', 'decline', 'record-committee-decision']);
  });

  it('a request follows from a complaint, a category or a repeat-offender subject: with none of them it is refused naming complaints', () => {
    givenRequest()
      .when({ type: 'file', data: { requestId: 'ir-1', department: 'inspection', complaints: [], change: 'x', reason: 'y' }, now: FILED_AT })
      .thenRejects(InvalidCommand, /^complaints: .*at least one/);
    const fromSubject = givenRequest()
      .when({ type: 'file', data: { requestId: 'ir-2', department: 'inspection', complaints: [], subject: { id: 'emp-7', kind: 'employee', reason: 'procedure-error' }, change: 'Training', reason: 'Three substantiated complaints' }, now: FILED_AT })
      .thenState();
    expect(requestOf(fromSubject)).toMatchObject({ complaints: [], subject: { id: 'emp-7', kind: 'employee' } });
  });

  it('an unknown department or category is refused naming the field', () => {
    givenRequest().when({ type: 'file', data: { requestId: 'ir-1', department: 'nowhere', complaints: ['c-1'], change: 'x', reason: 'y' }, now: FILED_AT }).thenRejects(InvalidCommand, /^department: unknown department nowhere/);
    givenRequest().when({ type: 'file', data: { requestId: 'ir-1', department: 'inspection', complaints: [], category: 'nothing', change: 'x', reason: 'y' }, now: FILED_AT }).thenRejects(InvalidCommand, /^category: unknown category/);
  });

  it('a plan expected after the due date needs an extension with a written reason; one expected before the day it is made is refused', () => {
    givenRequest(filed).when({ type: 'plan', data: { plan: 'Later', expectedOn: '2027-04-01' }, now: beforeDue }).thenRejects(InvalidCommand, /^expectedOn: must be on or before the due date 2027-03-02/);
    // A plan expected before the day it is made is no plan (as an evaluation's action due date, domain/evaluation/decider.ts).
    givenRequest(filed).when({ type: 'plan', data: { plan: 'Earlier', expectedOn: '2020-01-31' }, now: beforeDue }).thenRejects(InvalidCommand, /^expectedOn: must not be before the day the plan is recorded \(\d{4}-\d{2}-\d{2}\)/);
  });
});

describe('declined with a written reason ("그 사유를 서면으로")', () => {
  it('given a requested or planned request, when the head declines with a reason, then it is declined', () => {
    givenRequest(filed).when({ type: 'decline', data: { reason: 'The meters belong to the gas company' }, now: '2026-12-10T10:00:00+09:00' }).then(declined);
    expect(state(filed, planned, declined)).toBe('declined');
  });

  it('a decline without a reason is refused naming reason', () => {
    givenRequest(filed).when({ type: 'decline', data: { reason: ' ' }, now: beforeDue }).thenRejects(InvalidCommand, /^reason: must not be empty/);
  });

  it('an implemented change cannot be declined any more', () => {
    givenRequest(filed, planned, implemented).when({ type: 'decline', data: { reason: 'No' }, now: beforeDue }).thenRejects(ImprovementCommandNotAllowed);
  });
});

describe('needing longer: a written reason and a new date (extension request)', () => {
  it('given an open request, when the head asks for a later date with a reason, then the request is due then', () => {
    const after = givenRequest(filed, planned).when({ type: 'request-extension', data: { reason: 'Parts on order', dueOn: '2027-04-30' }, now: beforeDue }).thenState();
    expect(improvementState(after)).toBe('planned');
    expect(requestOf(after)).toMatchObject({ dueOn: '2027-04-30', extensions: [{ reason: 'Parts on order', dueOn: '2027-04-30' }] });
  });

  it('"다만, 기간 내 조치가 곤란한 경우 그 사유를 서면으로 작성하여 … 통보": within the period, and once; after that the committee decides', () => {
    givenRequest(filed).when({ type: 'request-extension', data: { reason: 'Parts', dueOn: '2027-04-30' }, now: afterDue }).thenRejects(ImprovementCommandNotAllowed, /the period ended on 2027-03-02: the reason for a delay is given within it/);
    const extended: ImprovementEvent[] = [{ type: 'ImprovementExtensionRequested', data: { reason: 'Parts on order', dueOn: '2027-04-30' }, occurredAt: beforeDue }];
    givenRequest(filed, extended).when({ type: 'request-extension', data: { reason: 'Still waiting', dueOn: '2030-12-31' }, now: beforeDue }).thenRejects(ImprovementCommandNotAllowed, /gave its written reason for a delay on .* \(new date 2027-04-30\): a further delay goes to the committee/);
    expect(allowedImprovementCommands(replayImprovement([...filed, ...extended]), beforeDue)).toEqual(['plan', 'decline']);
  });

  it('an extension the dates refuse is refused by the state, before its body and its department are judged, saying what already happened', () => {
    const refusal = (...history: ImprovementEvent[][]) => improvementStateRefusal('request-extension', replayImprovement(history.flat()), beforeDue);
    expect(improvementStateRefusal('request-extension', replayImprovement(filed), afterDue)).toMatchObject({
      state: 'requested',
      allowed: ['plan', 'decline', 'record-committee-decision'],
      reason: 'the period ended on 2027-03-02: the reason for a delay is given within it ("기간 내"), and an overdue request goes to the committee',
    });
    // Given at 08:00 on 5 January in Seoul, stored in UTC as the day before: the day is Seoul's.
    const extended: ImprovementEvent[] = [{ type: 'ImprovementExtensionRequested', data: { reason: 'Parts on order', dueOn: '2027-04-30' }, occurredAt: '2027-01-04T23:00:00.000Z' }];
    expect(refusal(filed, extended)?.reason).toBe('the department gave its written reason for a delay on 2027-01-05 (new date 2027-04-30): a further delay goes to the committee once that date has passed');
    // A body that breaks a rule (no reason) is refused for the date all the same (409, not 400).
    givenRequest(filed, extended).when({ type: 'request-extension', data: { reason: '', dueOn: 'soon' }, now: beforeDue }).thenRejects(ImprovementCommandNotAllowed, /^request-extension is not allowed: the department gave its written reason/);
    expect(refusal(filed)).toBeUndefined();
  });

  it('the date asked must be after the current due date', () => {
    givenRequest(filed).when({ type: 'request-extension', data: { reason: 'Parts', dueOn: DUE_ON }, now: beforeDue }).thenRejects(InvalidCommand, /^dueOn: must be after the current due date 2027-03-02/);
    givenRequest(filed).when({ type: 'request-extension', data: { reason: 'Parts', dueOn: '2027-02-30' }, now: beforeDue }).thenRejects(InvalidCommand, /^dueOn: must be a date/);
  });

  it('"조치 요구일로부터 3월내": the new date is at most three months after the current due date, the manual\'s period once more', () => {
    givenRequest(filed)
      .when({ type: 'request-extension', data: { reason: 'Parts', dueOn: '9998-12-31' }, now: beforeDue })
      .thenRejects(InvalidCommand, /^dueOn: must be at most three months after the current due date 2027-03-02, on or before 2027-06-02: the manual's period \("3월내"\) once more/);
    expect(requestOf(givenRequest(filed).when({ type: 'request-extension', data: { reason: 'Parts', dueOn: '2027-06-02' }, now: beforeDue }).thenState())?.dueOn).toBe('2027-06-02');
  });

  it('a new date that is no working day moves to the next working day, as the first due date does', () => {
    // Sunday 28 March 2027 → Monday 29 March.
    expect(requestOf(givenRequest(filed).when({ type: 'request-extension', data: { reason: 'Parts', dueOn: '2027-03-28' }, now: beforeDue }).thenState())?.dueOn).toBe('2027-03-29');
  });
});

describe('a decline or an overdue request goes to the CS operating committee (CS운영위원회 재부의)', () => {
  const committee = 'CS운영위원회 2027-1차 (위원장 박지현)';

  it('given a declined request, when the committee upholds it with a new due date, then it is requested again, due then, and the decision says who decided', () => {
    const after = givenRequest(filed, declined).when({ type: 'record-committee-decision', data: { decision: 'uphold', decidedBy: committee, dueOn: '2027-03-31' }, now: '2027-01-05T10:00:00+09:00' }).thenState();
    expect(improvementState(after)).toBe('requested');
    expect(requestOf(after)).toMatchObject({ dueOn: '2027-03-31', committeeDecisions: [{ decision: 'uphold', decidedBy: committee, dueOn: '2027-03-31' }] });
    expect(requestOf(after)?.decline).toBeUndefined();
  });

  it('given a declined request, when the committee accepts the decline, then it stays declined and goes to the committee no more', () => {
    const after = givenRequest(filed, declined).when({ type: 'record-committee-decision', data: { decision: 'accept-decline', decidedBy: committee }, now: '2027-01-05T10:00:00+09:00' }).thenState();
    expect(improvementState(after)).toBe('declined');
    expect(allowedImprovementCommands(after, afterDue)).toEqual([]);
  });

  it('given a declined request, when the committee changes the request, then the new change is requested with its due date', () => {
    const after = givenRequest(filed, planned, declined)
      .when({ type: 'record-committee-decision', data: { decision: 'change', decidedBy: committee, change: 'Inspect the meters of public buildings only', dueOn: '2027-04-15' }, now: '2027-01-05T10:00:00+09:00' })
      .thenState();
    expect(improvementState(after)).toBe('requested');
    expect(requestOf(after)).toMatchObject({ change: 'Inspect the meters of public buildings only', dueOn: '2027-04-15' });
    expect(requestOf(after)?.plan).toBeUndefined();
  });

  it('given a planned request past its due date, when the committee upholds it, then it stays planned with the new due date', () => {
    const after = givenRequest(filed, planned).when({ type: 'record-committee-decision', data: { decision: 'uphold', decidedBy: committee, dueOn: '2027-04-30' }, now: afterDue }).thenState();
    expect(improvementState(after)).toBe('planned');
    expect(requestOf(after)?.dueOn).toBe('2027-04-30');
  });

  it('"재검증절차(CS운영위원회 재부의 …)": once the committee has set a due date it stands; the department cannot move it with an extension', () => {
    const upheld: ImprovementEvent[] = [{ type: 'CommitteeUpheldRequest', data: { decidedBy: committee, dueOn: '2027-04-30' }, occurredAt: '2027-01-05T10:00:00+09:00' }];
    const ruled = replayImprovement([...filed, ...declined, ...upheld]);
    expect(allowedImprovementCommands(ruled, beforeDue)).toEqual(['plan', 'decline']);
    givenRequest(filed, declined, upheld)
      .when({ type: 'request-extension', data: { reason: 'Parts', dueOn: '2027-05-31' }, now: beforeDue })
      .thenRejects(ImprovementCommandNotAllowed, /the committee \(CS운영위원회 2027-1차 \(위원장 박지현\)\) set the due date 2027-04-30 on 2027-01-05: the committee's date stands/);
  });

  it('the committee\'s date, on no working day, moves to the next working day as the first due date does', () => {
    // Sunday 25 April 2027 → Monday 26 April.
    const after = givenRequest(filed, declined).when({ type: 'record-committee-decision', data: { decision: 'uphold', decidedBy: committee, dueOn: '2027-04-25' }, now: '2027-01-05T10:00:00+09:00' }).thenState();
    expect(requestOf(after)).toMatchObject({ dueOn: '2027-04-26', committeeDecisions: [{ decision: 'uphold', dueOn: '2027-04-26' }] });
  });

  it('a request neither declined nor overdue does not go to the committee (409, saying why)', () => {
    givenRequest(filed, planned)
      .when({ type: 'record-committee-decision', data: { decision: 'uphold', decidedBy: committee, dueOn: '2027-04-30' }, now: '2027-03-02T18:00:00+09:00' })
      .thenRejects(ImprovementCommandNotAllowed, /neither declined nor overdue \(due on 2027-03-02\)/);
  });

  it('only a declined request has a decline to accept; an upheld request needs a new due date after the decision, and who decided', () => {
    givenRequest(filed).when({ type: 'record-committee-decision', data: { decision: 'accept-decline', decidedBy: committee }, now: afterDue }).thenRejects(InvalidCommand, /^decision: only a declined request/);
    givenRequest(filed, declined).when({ type: 'record-committee-decision', data: { decision: 'uphold', decidedBy: committee }, now: afterDue }).thenRejects(InvalidCommand, /^dueOn: is required/);
    givenRequest(filed, declined).when({ type: 'record-committee-decision', data: { decision: 'uphold', decidedBy: committee, dueOn: '2027-03-03' }, now: afterDue }).thenRejects(InvalidCommand, /^dueOn: must be after the decision \(2027-03-03\)/);
    givenRequest(filed, declined).when({ type: 'record-committee-decision', data: { decision: 'accept-decline', decidedBy: '' }, now: afterDue }).thenRejects(InvalidCommand, /^decidedBy: must not be empty/);
  });

  it('once the committee accepted the decline, another decision is refused saying who accepted it, and when (the same meeting recorded twice)', () => {
    const accepted: ImprovementEvent[] = [{ type: 'CommitteeAcceptedDecline', data: { decidedBy: committee }, occurredAt: '2027-01-04T23:00:00.000Z' }];
    givenRequest(filed, declined, accepted)
      .when({ type: 'record-committee-decision', data: { decision: 'uphold', decidedBy: committee, dueOn: '2027-04-30' }, now: afterDue })
      .thenRejects(ImprovementCommandNotAllowed, `record-committee-decision is not allowed: the committee (${committee}) already accepted the decline on 2027-01-05: the request stays declined and goes to the committee no more; allowed now: none`);
    // Neither declined nor overdue: refused by the state, before the body's rules are judged.
    expect(improvementStateRefusal('record-committee-decision', replayImprovement([...filed, ...planned]), beforeDue)?.reason).toBe('the request is neither declined nor overdue (due on 2027-03-02): it goes to the committee only then');
    givenRequest(filed, planned).when({ type: 'record-committee-decision', data: { decision: 'uphold', decidedBy: '' }, now: beforeDue }).thenRejects(ImprovementCommandNotAllowed, /neither declined nor overdue/);
  });

  it('a reported result is no longer owed: it does not go to the committee however late it was', () => {
    givenRequest(filed, planned, implemented, resultReported)
      .when({ type: 'record-committee-decision', data: { decision: 'uphold', decidedBy: committee, dueOn: '2027-06-30' }, now: '2027-06-01T10:00:00+09:00' })
      .thenRejects(ImprovementCommandNotAllowed, /in state result-reported/);
  });
});

describe('read models fold new events through the machine restored from what they stored', () => {
  it('restoring each state with its request and folding the next event gives the state of the full replay', () => {
    const histories = [filed, planned, implemented, resultReported];
    for (let i = 1; i < histories.length; i++) {
      const before = replayImprovement(histories.slice(0, i).flat());
      const restored = restoreImprovement(improvementState(before), requestOf(before)!);
      expect(improvementState(restored)).toBe(improvementState(before));
      expect(allowedImprovementCommands(restored, afterDue)).toEqual(allowedImprovementCommands(before, afterDue));
    }
  });
});
