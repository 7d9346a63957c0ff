import { describe, expect, it } from '@jest/globals';
import { replay, complaintOf } from './complaint/decider.js';
import { assigned, received } from '../test/support/complaint-fixtures.js';
import { maySeePersonalData, refusal, type Actor } from './access.js';

const complaint = complaintOf(replay([...received, ...assigned]))!; // assigned to inspection
const actor = (roles: Actor['roles'], department?: string): Actor => ({ id: 'u', name: 'U', roles, department });

describe('who may do what', () => {
  it('intake receives and routes, but does not decide', () => {
    expect(refusal(actor(['intake']), 'assign', complaint)).toBeUndefined();
    expect(refusal(actor(['intake']), 'decide', complaint)).toEqual({ reason: 'role', message: 'decide requires one of the roles: department-head, complaints-office' });
  });

  it('a handler acts only on cases of their own department', () => {
    expect(refusal(actor(['handler'], 'inspection'), 'record-findings', complaint)).toBeUndefined();
    expect(refusal(actor(['handler'], 'audit'), 'record-findings', complaint)).toEqual({ reason: 'department', message: 'record-findings is for the handling department (inspection) only' });
  });

  it('only the complaints office reopens and reassigns', () => {
    for (const command of ['reopen', 'reassign'] as const) {
      expect(refusal(actor(['complaints-office']), command, complaint)).toBeUndefined();
      expect(refusal(actor(['department-head'], 'inspection'), command, complaint)).toBeDefined();
    }
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
    expect(maySeePersonalData(actor(['handler'], 'audit'), complaint)).toBe(false);
    expect(maySeePersonalData(actor(['auditor']), complaint)).toBe(false);
    expect(maySeePersonalData(actor(['manager']), complaint)).toBe(false);
  });
});
