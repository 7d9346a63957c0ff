import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ROLES, type Role } from '../../domain/access.js';
import { COMMAND_TYPES, type ComplaintCommandType } from '../../domain/complaint/commands.js';
import { complaintBody, staff, startTestApi, type TestApi } from '../support/api.js';

/** Who may give which command, as the brief assigns them (the policy under test is domain/access.ts). */
const MAY: Record<Role, readonly ComplaintCommandType[]> = {
  intake: ['receive', 'acknowledge', 'assess', 'assign', 'record-satisfaction'],
  // record-contribution: a cooperating department's handler (the department is checked against the case).
  handler: ['request-information', 'receive-information', 'pause-clock', 'resume-clock', 'send-interim-notice', 'amend', 'request-supplement', 'record-findings', 'record-contribution', 'withdraw', 'provide-compensation'],
  // reassign: a handler within the head's own department (the department is checked against the case).
  'department-head': ['reassign', 'decide', 'communicate-decision', 'close', 'mark-confidential', 'provide-compensation', 'refer-to-training', 'record-training-completed'],
  'complaints-office': COMMAND_TYPES,
  manager: [],
  auditor: [],
  admin: [],
};

let api: TestApi;
let caseId: string;
beforeAll(async () => {
  api = await startTestApi();
  caseId = (await api.call('POST', '/complaints', { as: staff.intake, body: complaintBody() })).body.id;
  await api.call('POST', `/complaints/${caseId}/assign`, { as: staff.intake, body: {} }); // to inspection
});
afterAll(async () => {
  await api.close();
});

const matrix = ROLES.flatMap((role) => COMMAND_TYPES.map((command) => [role, command, MAY[role].includes(command)] as const));

describe('the role matrix, every role against every command', () => {
  it.each(matrix)('%s gives %s: allowed %s', async (role, command, allowed) => {
    const actor = { sub: `u-${role}`, roles: [role], department: 'inspection' };
    const before = await api.eventsStoredByRequests();
    const response =
      command === 'receive'
        ? await api.call('POST', '/complaints', { as: actor, body: { channel: 'web' } })
        : await api.call('POST', `/complaints/${caseId}/${command}`, { as: actor, body: {} });
    if (allowed) {
      expect(response.status).not.toBe(403);
    } else {
      expect(response).toMatchObject({ status: 403, body: { statusCode: 403 } });
      expect(await api.eventsStoredByRequests()).toBe(before);
    }
  });
});

describe('departments and reading', () => {
  it("a handler of another department may not act on the case; the handling department's may", async () => {
    const other = await api.call('POST', `/complaints/${caseId}/send-interim-notice`, { as: staff.otherHandler, body: { channel: 'email', progress: 'p', delayReason: 'd' } });
    expect(other).toMatchObject({ status: 403, body: { message: 'send-interim-notice is for the handling department (inspection) only' } });
    const own = await api.call('POST', `/complaints/${caseId}/send-interim-notice`, { as: staff.handler, body: { channel: 'email', progress: 'p', delayReason: 'd' } });
    expect(own.status).toBe(200);
  });

  it("the handling department's head names the case's handler within the department; another department's head may not, nor may the head move the case", async () => {
    const otherHead = { ...staff.head, sub: 'u-head-audit', department: 'audit' };
    const other = await api.call('POST', `/complaints/${caseId}/reassign`, { as: otherHead, body: { department: 'audit', handler: 'u-other' } });
    expect(other).toMatchObject({ status: 403, body: { message: 'reassign is for the handling department (inspection) only' } });
    const moved = await api.call('POST', `/complaints/${caseId}/reassign`, { as: staff.head, body: { department: 'testing', handler: 'u-handler' } });
    expect(moved).toMatchObject({ status: 403, body: { message: 'reassign by the handling department names a handler within inspection; moving the case to testing is for the complaints office' } });
    const named = await api.call('POST', `/complaints/${caseId}/reassign`, { as: staff.head, body: { department: 'inspection', handler: 'u-handler' } });
    expect(named).toMatchObject({ status: 200, body: { department: 'inspection', handler: 'u-handler' } });
  });

  it.each(ROLES)('%s may read cases, the list, the catalog and the events', async (role) => {
    const actor = { sub: `u-${role}`, roles: [role] };
    for (const path of [`/complaints/${caseId}`, '/complaints', '/catalog', `/complaints/${caseId}/events`, '/projections']) {
      expect({ path, status: (await api.call('GET', path, { as: actor })).status }).toEqual({ path, status: 200 });
    }
  });

  it('personal data is shown to those who handle the case only (intake no more once a department handles it)', async () => {
    const seen = async (actor: { sub: string; roles: Role[]; department?: string }) => (await api.call('GET', `/complaints/${caseId}`, { as: actor })).body.complainant;
    expect(await seen({ sub: 'b', roles: ['handler'], department: 'inspection' })).toMatchObject({ name: '김민수' });
    expect(await seen({ sub: 'f', roles: ['complaints-office'] })).toMatchObject({ name: '김민수' });
    expect(await seen({ sub: 'a', roles: ['intake'] })).toEqual({ name: '[redacted]' });
    expect(await seen({ sub: 'c', roles: ['handler'], department: 'audit' })).toEqual({ name: '[redacted]' });
    expect(await seen({ sub: 'd', roles: ['manager'] })).toEqual({ name: '[redacted]' });
    expect(await seen({ sub: 'e', roles: ['auditor'] })).toEqual({ name: '[redacted]' });
  });

  it('no token is a 401; a token with no known role is a 403', async () => {
    expect((await api.call('GET', '/complaints')).status).toBe(401);
    expect((await api.call('POST', '/complaints', { body: complaintBody() })).status).toBe(401);
    expect((await api.call('GET', '/complaints', { as: { sub: 'x', roles: [] } })).status).toBe(403);
  });
});
