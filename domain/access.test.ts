import { describe, expect, it } from '@jest/globals';
import { replay, complaintOf } from './complaint/decider.js';
import { assigned, received } from '../test/support/complaint-fixtures.js';
import { actorRoleOf, complainantActor, maySeePersonalData, personalDataAccess, refusal, type Actor } from './access.js';
import type { Complaint } from './complaint/complaint.js';

const complaint = complaintOf(replay([...received, ...assigned]))!; // assigned to inspection
const actor = (roles: Actor['roles'], department?: string, id = 'u'): Actor => ({ id, name: 'U', roles, department });
const unassigned = complaintOf(replay(received))!;

describe('who may do what', () => {
  it('intake receives and routes, but does not decide', () => {
    expect(refusal(actor(['intake']), 'assign', complaint)).toBeUndefined();
    expect(refusal(actor(['intake']), 'decide', complaint)).toEqual({ reason: 'role', message: 'decide requires one of the roles: department-head, complaints-office' });
  });

  it('a handler acts only on cases of their own department', () => {
    expect(refusal(actor(['handler'], 'inspection'), 'record-findings', complaint)).toBeUndefined();
    expect(refusal(actor(['handler'], 'audit'), 'record-findings', complaint)).toEqual({ reason: 'department', message: 'record-findings is for the handling department (inspection) only' });
  });

  it('only the complaints office reopens', () => {
    expect(refusal(actor(['complaints-office']), 'reopen', complaint)).toBeUndefined();
    expect(refusal(actor(['department-head'], 'inspection'), 'reopen', complaint)).toBeDefined();
  });

  it('"접수부서에서는 불만내용에 따라 처리부서를 지정하여 이관함": the handling department’s head names its handler, but moves no case to another department, and names none of another department’s cases', () => {
    const head = actor(['department-head'], 'inspection');
    expect(refusal(head, 'reassign', complaint)).toBeUndefined();
    expect(refusal(head, 'reassign', complaint, 'inspection')).toBeUndefined();
    expect(refusal(head, 'reassign', complaint, 'testing')).toEqual({
      reason: 'department',
      message: 'reassign by the handling department names a handler within inspection; moving the case to testing is for the complaints office',
    });
    expect(refusal(actor(['department-head'], 'audit'), 'reassign', complaint, 'audit')).toEqual({ reason: 'department', message: 'reassign is for the handling department (inspection) only' });
    expect(refusal(actor(['department-head'], 'inspection'), 'reassign', unassigned, 'inspection')?.reason).toBe('department');
    expect(refusal(actor(['handler'], 'inspection'), 'reassign', complaint, 'inspection')?.reason).toBe('role');
    expect(refusal(actor(['complaints-office']), 'reassign', complaint, 'testing')).toBeUndefined();
  });

  it('rule 6, "고객불만 처리담당자는 철회 또는 취하 의사를 확인하고 내부적으로 종결처리 할 수 있음": the handling department’s handler records a withdrawal the complainant asked for, another department’s may not', () => {
    expect(refusal(actor(['handler'], 'inspection'), 'withdraw', complaint)).toBeUndefined();
    expect(refusal(actor(['handler'], 'audit'), 'withdraw', complaint)).toEqual({ reason: 'department', message: 'withdraw is for the handling department (inspection) only' });
    expect(refusal(actor(['complaints-office']), 'withdraw', complaint)).toBeUndefined();
    expect(refusal(actor(['department-head'], 'inspection'), 'withdraw', complaint)).toBeDefined();
  });

  it('managers and auditors give no commands', () => {
    expect(refusal(actor(['manager', 'auditor']), 'acknowledge', complaint)).toBeDefined();
  });

  it('personal data is shown to those who handle the case only', () => {
    expect(maySeePersonalData(actor(['handler'], 'inspection'), complaint)).toBe(true);
    expect(maySeePersonalData(actor(['department-head'], 'inspection'), complaint)).toBe(true);
    expect(maySeePersonalData(actor(['complaints-office']), complaint)).toBe(true);
    expect(maySeePersonalData(actor(['handler'], 'audit'), complaint)).toBe(false);
    expect(maySeePersonalData(actor(['department-head'], 'audit'), complaint)).toBe(false);
    for (const role of ['auditor', 'manager', 'admin'] as const) expect(maySeePersonalData(actor([role]), complaint)).toBe(false);
  });

  it('intake sees the personal data while it routes the case, not once a department handles it', () => {
    expect(maySeePersonalData(actor(['intake']), unassigned)).toBe(true);
    expect(maySeePersonalData(actor(['intake']), complaint)).toBe(false);
  });

  it('intake no longer sees the personal data of a case closed before any department had it (withdrawn, excluded at assessment)', () => {
    expect(maySeePersonalData(actor(['intake']), { ...unassigned, closure: { as: 'withdrawn', at: unassigned.receivedAt } })).toBe(false);
    expect(maySeePersonalData(actor(['intake']), { ...unassigned, closure: { as: 'rejected-at-assessment', at: unassigned.receivedAt } })).toBe(false);
  });

  it('of a confidential case, only the assignee among the handlers, the head and the office see the personal data', () => {
    const confidential = { ...complaint, confidential: true, handler: 'u-lee' };
    expect(maySeePersonalData(actor(['handler'], 'inspection', 'u-lee'), confidential)).toBe(true);
    expect(maySeePersonalData(actor(['handler'], 'inspection', 'u-park'), confidential)).toBe(false);
    expect(maySeePersonalData(actor(['handler'], 'inspection', 'u-park'), { ...confidential, confidential: false })).toBe(true);
    expect(maySeePersonalData(actor(['department-head'], 'inspection'), confidential)).toBe(true);
    expect(maySeePersonalData(actor(['complaints-office']), confidential)).toBe(true);
  });

  it('an auditor reads the personal data only by a break-glass read with a reason; nobody else breaks the glass', () => {
    expect(personalDataAccess(actor(['auditor']), complaint, undefined)).toBe('none');
    expect(personalDataAccess(actor(['auditor']), complaint, 'Quarterly sample check')).toBe('break-glass');
    expect(personalDataAccess(actor(['manager']), complaint, 'Quarterly sample check')).toBe('none');
    expect(personalDataAccess(actor(['handler'], 'inspection'), complaint, undefined)).toBe('handling');
  });
});

describe('the complainant (the portal, by a case link) gives their own commands on their own case only', () => {
  const own = { id: 'c-1', department: 'inspection', cooperatingDepartments: [] } as unknown as Complaint;
  const other = { ...own, id: 'c-2' } as Complaint;
  const complainant = complainantActor('c-1');

  it('files, answers, amends, withdraws and answers the survey on their own case', () => {
    for (const command of ['receive-information', 'amend', 'withdraw', 'record-satisfaction'] as const) expect(refusal(complainant, command, own)).toBeUndefined();
    expect(refusal(complainant, 'receive', undefined)).toBeUndefined();
  });

  it('gives no staff command, and nothing on another case', () => {
    expect(refusal(complainant, 'decide', own)?.reason).toBe('role');
    expect(refusal(complainant, 'request-information', own)?.reason).toBe('role');
    expect(refusal(complainant, 'withdraw', other)?.message).toBe('the complainant acts on their own case only');
  });

  it('is recorded as the complainant in the events, and sees no personal data through the staff rules', () => {
    expect(actorRoleOf(complainant)).toBe('complainant');
    expect(maySeePersonalData(complainant, own)).toBe(false);
  });
});
