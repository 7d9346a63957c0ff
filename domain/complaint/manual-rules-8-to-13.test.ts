import { describe, expect, it } from '@jest/globals';
import { given } from '../../test/support/complaint-scenario.js';
import { assigned, at, decided, investigated, receiveCommand, received } from '../../test/support/complaint-fixtures.js';
import { maySeePersonalData, refusal, type Actor } from '../access.js';
import { DEFAULT_CATALOG, deadlineOf, type Catalog } from '../catalog.js';
import { allowedCommands, complaintOf, decide, initialState, lifecycleState, replay } from './decider.js';
import { ComplaintCommandNotAllowed } from './errors.js';
import { InvalidCommand } from '../errors.js';
import type { ComplaintEvent } from './events.js';

/**
 * Issue 16, rules 8 to 13: what the manual (the 004 seed, CCMS ch.4 II) says, quoted in each block,
 * and what the decider makes of it. Given these events, when this command, then these events or this error.
 */
const now = at(200);

describe('rule 8: materials from other departments are due on the date asked or D+1 ("요청기일내(또는 D+1일)에 제출")', () => {
  it('given an assigned case, when materials are asked of another department without a date, then they are due at the end of the next working day', () => {
    // T0 is Monday 9 March 2026 10:00 in Seoul; asked at 13:20, due Tuesday 18:00.
    const [event] = given(received, assigned).when({ type: 'request-information', data: { requestId: 'r1', department: 'testing', request: 'Lab report' }, now }).thenEvents();
    expect(event).toMatchObject({ type: 'InformationRequested', data: { requestId: 'r1', department: 'testing', request: 'Lab report' } });
    expect(Date.parse((event!.data as { dueAt: string }).dueAt)).toBe(Date.parse('2026-03-10T18:00:00+09:00'));
  });

  it('given a request on a Friday, when no date is given, then D+1 skips the weekend: due Monday 18:00', () => {
    const friday = '2026-03-13T10:00:00+09:00';
    const [event] = given(received, assigned).when({ type: 'request-information', data: { requestId: 'r1', department: 'testing', request: 'Lab report' }, now: friday }).thenEvents();
    expect(Date.parse((event!.data as { dueAt: string }).dueAt)).toBe(Date.parse('2026-03-16T18:00:00+09:00'));
  });

  it('when a date is asked, then the request carries it', () => {
    given(received, assigned)
      .when({ type: 'request-information', data: { requestId: 'r1', department: 'testing', request: 'Lab report', dueAt: '2026-03-12T12:00:00+09:00' }, now })
      .then([{ type: 'InformationRequested', data: { requestId: 'r1', department: 'testing', request: 'Lab report', dueAt: '2026-03-12T12:00:00+09:00' }, occurredAt: now }]);
  });

  it('when the date asked is not after the request, then it is refused naming dueAt', () => {
    given(received, assigned)
      .when({ type: 'request-information', data: { requestId: 'r1', department: 'testing', request: 'Lab report', dueAt: '2026-03-09T09:00:00+09:00' }, now })
      .thenRejects(InvalidCommand, /dueAt: must be after the request/);
  });
});

describe('rule 9: urgent cases first, with a shorter deadline per severity ("긴급성(고객의 건강, 안전 관련사항 등)에 따라 처리의 우선순위를 조정함")', () => {
  it('a safety issue makes the case urgent at assessment', () => {
    given(received).when({ type: 'assess', data: { severity: 'medium', safetyIssue: true }, now }).then([
      { type: 'ComplaintAssessed', data: { severity: 'medium', safetyIssue: true, priority: 'urgent' }, occurredAt: now },
    ]);
  });

  it('the catalog may give a category a shorter deadline for a severity; never a longer one', () => {
    const category = { code: 'c', name: { ko: 'c', en: 'c' }, defaultDepartment: 'inspection', deadlineDays: 3, severityDeadlineDays: { critical: 1, low: 5 } };
    expect(deadlineOf(category, 'critical')).toEqual({ days: 1 });
    expect(deadlineOf(category, 'low')).toEqual({ days: 3 });
    expect(deadlineOf(category, 'medium')).toEqual({ days: 3 });
    expect(deadlineOf(category)).toEqual({ days: 3 });
  });
});

describe('rule 10: re-investigation of a case in progress or done ("처리중에 있거나 처리 완료된 건에 대하여 … 재조사 및 재검토를 요구할 수 있음")', () => {
  it('given a case in progress (assigned), the complaints office may send it back for re-investigation', () => {
    expect(allowedCommands(replay([...received, ...assigned]))).toContain('reopen');
    const state = given(received, assigned).when({ type: 'reopen', data: { reason: 'Handled carelessly' }, now }).thenState();
    expect(lifecycleState(state)).toBe('assigned');
    expect(complaintOf(state)?.reopenings).toBe(1);
  });

  it('given investigated findings, a re-investigation sends the case back to be investigated again', () => {
    const [event] = given(received, assigned, investigated).when({ type: 'reopen', data: { kind: 're-investigation', reason: 'Findings incomplete' }, now }).thenEvents();
    expect(event).toEqual({ type: 'ComplaintReopened', data: { kind: 're-investigation', reason: 'Findings incomplete' }, occurredAt: now });
    expect(lifecycleState(replay([...received, ...assigned, ...investigated, event!]))).toBe('assigned');
  });

  it('an appeal is against a decision: a case in progress cannot be appealed', () => {
    given(received, assigned, investigated).when({ type: 'reopen', data: { kind: 'appeal', reason: 'x' }, now }).thenRejects(InvalidCommand, /kind: an appeal is against a decision/);
  });

  it('a decided case is still reopened as before', () => {
    expect(lifecycleState(given(received, assigned, investigated, decided).when({ type: 'reopen', data: { kind: 'appeal', reason: 'Appealed' }, now }).thenState())).toBe('assigned');
  });
});

describe('rule 11: external complaints route by content ("대외기관 접수 일반 고객불만: 고객지원처; 특정부서 관련 고객불만: 소관부서")', () => {
  const external = (department?: string) => ({ kind: 'external' as const, body: 'audit-board', reference: 'BAI-2026-7', ...(department ? { department } : {}) });
  const assignedBy = (route: ReturnType<typeof external> | { kind: 'internal' }, category = 'defective-facility') => {
    const receipt = decide(receiveCommand({ route, category }), initialState());
    return given(receipt).when({ type: 'assign', data: {}, now }).thenEvents()[0]?.data;
  };

  it('by content: a general matter from an external body goes to the customer support office (고객지원처), one department’s matter by its category to that department', () => {
    expect(assignedBy(external(), 'inquiry')).toEqual({ department: 'customer-support' });
    expect(assignedBy(external(), 'cyber-audit')).toEqual({ department: 'audit' });
    expect(assignedBy(external())).toEqual({ department: 'inspection' });
  });

  it('the route may name the department whose matter it is (소관부서), whatever the category', () => {
    expect(assignedBy(external('testing'))).toEqual({ department: 'testing' });
  });

  it('a complaint received internally goes to its category’s department', () => {
    expect(assignedBy({ kind: 'internal' })).toEqual({ department: 'inspection' });
  });

  it('an external route naming an unknown department is refused naming route.department', () => {
    given().when(receiveCommand({ route: external('nowhere') })).thenRejects(InvalidCommand, /route.department: unknown department nowhere/);
  });

  it('the departments carry the manual’s names: 고객지원처, 감사실, 기획조정실, 검사지도처, 시험검사실', () => {
    expect(DEFAULT_CATALOG.departments.map((d) => d.name.ko)).toEqual(['고객지원처', '감사실', '기획조정실', '검사지도처', '시험검사실']);
  });
});

describe('rule 12: joint handling ("여러 부서와 관련된 불만 처리시에는 공동 대응 또는 일괄처리가 가능토록 함")', () => {
  const jointly: ComplaintEvent[] = [{ type: 'ComplaintAssigned', occurredAt: at(30), data: { department: 'inspection', cooperatingDepartments: ['testing', 'audit'] } }];
  const contribution = (department: string, minutes: number): ComplaintEvent => ({ type: 'ContributionRecorded', occurredAt: at(minutes), data: { department, summary: `${department} findings` } });
  const decideCommand = { type: 'decide' as const, data: { outcome: 'upheld' as const, basis: 'Gas Safety Act art. 17' }, now };
  const handler = (department: string): Actor => ({ id: `u-${department}`, name: department, roles: ['handler'], department });

  it('a case is assigned to a lead department with cooperating departments', () => {
    given(received).when({ type: 'assign', data: { cooperatingDepartments: ['testing'] }, now }).then([
      { type: 'ComplaintAssigned', data: { department: 'inspection', cooperatingDepartments: ['testing'] }, occurredAt: now },
    ]);
  });

  it('the lead department cannot also cooperate, nor an unknown department', () => {
    given(received).when({ type: 'assign', data: { cooperatingDepartments: ['inspection'] }, now }).thenRejects(InvalidCommand, /cooperatingDepartments\[0\]: inspection leads the handling/);
    given(received).when({ type: 'assign', data: { cooperatingDepartments: ['nowhere'] }, now }).thenRejects(InvalidCommand, /cooperatingDepartments\[0\]: unknown department/);
  });

  it('given cooperating departments that have not contributed, the lead department may not decide (409 naming them)', () => {
    given(received, jointly, investigated, [contribution('testing', 70)])
      .when(decideCommand)
      .thenRejects(ComplaintCommandNotAllowed, /decide is not allowed: the cooperating department\(s\) audit have not recorded their contribution yet/);
  });

  it('given each cooperating department’s contribution, the lead department decides', () => {
    const [event] = given(received, jointly, investigated, [contribution('testing', 70), contribution('audit', 80)]).when(decideCommand).thenEvents();
    expect(event?.type).toBe('DecisionMade');
  });

  it('a cooperating department records findings of its own; a department not cooperating is refused naming department', () => {
    given(received, jointly).when({ type: 'record-contribution', data: { department: 'testing', summary: 'Lab test: LPG within limits', rootCause: 'None' }, now }).then([
      { type: 'ContributionRecorded', data: { department: 'testing', summary: 'Lab test: LPG within limits', rootCause: 'None' }, occurredAt: now },
    ]);
    given(received, jointly).when({ type: 'record-contribution', data: { department: 'planning', summary: 'x' }, now }).thenRejects(InvalidCommand, /department: planning does not cooperate on this case/);
  });

  it('a case handled by one department takes no contributions', () => {
    given(received, assigned).when({ type: 'record-contribution', data: { department: 'testing', summary: 'x' }, now }).thenRejects(ComplaintCommandNotAllowed);
  });

  it('a contribution to a case handled by one department is refused saying no department cooperates on it', () => {
    given(received, assigned, investigated)
      .when({ type: 'record-contribution', data: { department: 'testing', summary: 'x' }, now })
      .thenRejects(ComplaintCommandNotAllowed, 'record-contribution is not allowed: the case is not handled jointly: no department cooperates on it;');
  });

  it('a re-investigation asks the cooperating departments again', () => {
    const state = replay([...received, ...jointly, ...investigated, contribution('testing', 70), contribution('audit', 80), ...decided, { type: 'ComplaintReopened', occurredAt: at(120), data: { kind: 're-investigation', reason: 'x' } }]);
    expect(complaintOf(state)?.contributions).toEqual([]);
  });

  it('a cooperating department’s handler may record its own contribution and see the case; the lead handler records findings, not contributions', () => {
    const complaint = complaintOf(replay([...received, ...jointly]))!;
    expect(refusal(handler('testing'), 'record-contribution', complaint, 'testing')).toBeUndefined();
    expect(refusal(handler('testing'), 'record-contribution', complaint, 'audit')).toMatchObject({ reason: 'department' });
    expect(refusal(handler('testing'), 'record-findings', complaint)).toMatchObject({ reason: 'department' });
    expect(refusal(handler('inspection'), 'record-contribution', complaint)).toMatchObject({ reason: 'department' });
    expect(refusal(handler('planning'), 'record-contribution', complaint)).toMatchObject({ reason: 'department' });
    expect(maySeePersonalData(handler('testing'), complaint)).toBe(true);
    expect(maySeePersonalData(handler('planning'), complaint)).toBe(false);
  });
});

describe('rule 13: findings give a reason for each substantiated subject ("동일한 사유로 고객불만을 년 3회 이상 받은 직원")', () => {
  const findings = (subjects: unknown[]) => ({ type: 'record-findings', data: { summary: 'Looked into it', subjects }, now }) as Parameters<typeof decide>[0];

  it('a substantiated subject is recorded with its reason code', () => {
    const [event] = given(received, assigned).when(findings([{ id: 'emp-7', kind: 'employee', substantiated: true, reason: 'discourtesy' }])).thenEvents();
    expect(event?.data).toEqual({ summary: 'Looked into it', subjects: [{ id: 'emp-7', kind: 'employee', substantiated: true, reason: 'discourtesy' }] });
  });

  it('a substantiated subject without a reason, or with one not in the list, is refused naming the subject’s reason', () => {
    given(received, assigned).when(findings([{ id: 'emp-7', kind: 'employee', substantiated: true }])).thenRejects(InvalidCommand, /subjects\[0\]\.reason: a substantiated subject needs a reason, one of discourtesy, delay, wrong-information, procedure-error/);
    given(received, assigned).when(findings([{ id: 'emp-7', kind: 'employee', substantiated: true, reason: 'unrecorded' }])).thenRejects(InvalidCommand, /subjects\[0\]\.reason/);
  });

  it('a subject not substantiated has no reason', () => {
    given(received, assigned).when(findings([{ id: 'emp-7', kind: 'employee', substantiated: false, reason: 'delay' }])).thenRejects(InvalidCommand, /subjects\[0\]\.reason: only a substantiated subject has a reason/);
  });

  it('the list of reasons is the catalog’s: an operator may replace it', () => {
    const catalog: Catalog = { ...DEFAULT_CATALOG, findingReasons: [{ code: 'rude', name: { ko: '불친절', en: 'Rude' } }] };
    given(received, assigned).when(findings([{ id: 'emp-7', kind: 'employee', substantiated: true, reason: 'rude' }]), catalog).thenEvents();
    given(received, assigned).when(findings([{ id: 'emp-7', kind: 'employee', substantiated: true, reason: 'discourtesy' }]), catalog).thenRejects(InvalidCommand, /one of rude$/);
  });
});
