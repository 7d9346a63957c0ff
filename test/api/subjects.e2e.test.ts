import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { complaintBody, staff, startTestApi, type TestApi } from '../support/api.js';

/** `GET /complaints/subjects`: many cases' subject lines in one request, each decided on its own case (domain/access.ts: maySeePersonalData). */
let api: TestApi;
let routed: { id: string; reference: string };
let unrouted: { id: string; reference: string };
let confidential: string;

const file = async (description: string) => {
  const answer = await api.call('POST', '/complaints', { as: staff.intake, body: complaintBody({ description }) });
  expect(answer.status).toBe(201);
  return { id: answer.body.id as string, reference: answer.body.reference as string };
};

beforeAll(async () => {
  api = await startTestApi();
  routed = await file('The gas meter in the basement hisses every night since the inspection last week.');
  unrouted = await file('Short one.');
  confidential = (await file('An inspector asked me for money to pass the check.')).id;
  for (const id of [routed.id, confidential]) expect((await api.call('POST', `/complaints/${id}/assign`, { as: staff.intake, body: {} })).status).toBe(200); // to inspection
  expect((await api.call('POST', `/complaints/${confidential}/reassign`, { as: staff.head, body: { department: 'inspection', handler: 'u-other-inspector' } })).status).toBe(200);
  expect((await api.call('POST', `/complaints/${confidential}/mark-confidential`, { as: staff.head, body: { reason: 'Bribery report' } })).status).toBe(200);
});
afterAll(async () => {
  await api.close();
});

const subjects = async (as: (typeof staff)[keyof typeof staff], ids: string[]) => {
  const answer = await api.call('GET', `/complaints/subjects?ids=${ids.join(',')}`, { as });
  expect(answer.status).toBe(200);
  return Object.fromEntries((answer.body.subjects as { id: string; subject: string | null }[]).map((s) => [s.id, s.subject]));
};

describe('subject lines of many cases in one request', () => {
  it('shows the first words of the description to those who handle each case, in the order asked, by id or reference', async () => {
    const answer = await api.call('GET', `/complaints/subjects?ids=${unrouted.reference},${routed.id}`, { as: staff.office });
    expect(answer).toMatchObject({
      status: 200,
      body: {
        subjects: [
          { id: unrouted.id, subject: 'Short one.' },
          { id: routed.id, subject: 'The gas meter in the basement hisses every …' },
        ],
      },
    });
  });

  it('decides per case as a read of that case would: the handling department sees its own, intake only what it still routes, others nothing', async () => {
    const ids = [routed.id, unrouted.id, confidential];
    expect(await subjects(staff.head, ids)).toEqual({ [routed.id]: 'The gas meter in the basement hisses every …', [unrouted.id]: null, [confidential]: 'An inspector asked me for money to pass …' });
    // Of a confidential case only the handler it is assigned to, among the handlers.
    expect(await subjects(staff.handler, ids)).toEqual({ [routed.id]: 'The gas meter in the basement hisses every …', [unrouted.id]: null, [confidential]: null });
    expect(await subjects(staff.intake, ids)).toEqual({ [routed.id]: null, [unrouted.id]: 'Short one.', [confidential]: null });
    for (const reader of [staff.otherHandler, staff.manager, staff.auditor, staff.admin]) {
      expect(await subjects(reader, ids)).toEqual({ [routed.id]: null, [unrouted.id]: null, [confidential]: null });
    }
  });

  it('records each subject shown in the access log, and none withheld', async () => {
    await subjects(staff.handler, [routed.id, confidential]);
    const log = async (id: string) => (await api.call('GET', `/audit/access-log?complaintId=${id}`, { as: staff.auditor })).body.items as { actorId: string; detail: { route: string } }[];
    expect((await log(routed.id)).filter((e) => e.actorId === staff.handler.sub && e.detail.route === 'GET /complaints/subjects').length).toBeGreaterThan(0);
    expect((await log(confidential)).filter((e) => e.actorId === staff.handler.sub)).toEqual([]);
  });

  it('is bounded: more than 100 ids, none, a malformed one or an unknown parameter is a 400 naming it; an unknown case a 404', async () => {
    const many = Array.from({ length: 101 }, () => routed.id).join(',');
    expect(await api.call('GET', `/complaints/subjects?ids=${many}`, { as: staff.office })).toMatchObject({
      status: 400,
      body: { errors: [{ field: 'ids', rule: 'must be 1 to 100 case ids or references (2026-000123), comma-separated, given once' }] },
    });
    expect(await api.call('GET', '/complaints/subjects', { as: staff.office })).toMatchObject({ status: 400, body: { errors: [{ field: 'ids' }] } });
    expect(await api.call('GET', `/complaints/subjects?ids=${routed.id},no%20such`, { as: staff.office })).toMatchObject({ status: 400, body: { errors: [{ field: 'ids[1]' }] } });
    expect(await api.call('GET', `/complaints/subjects?ids=${routed.id}&ids=${routed.id}`, { as: staff.office })).toMatchObject({ status: 400, body: { errors: [{ field: 'ids' }] } });
    expect(await api.call('GET', `/complaints/subjects?ids=${routed.id}&limit=5`, { as: staff.office })).toMatchObject({ status: 400, body: { errors: [{ field: 'limit' }] } });
    expect(await api.call('GET', `/complaints/subjects?ids=${routed.id},00000000-0000-7000-8000-000000000000`, { as: staff.office })).toMatchObject({
      status: 404,
      body: { message: 'complaint 00000000-0000-7000-8000-000000000000 not found' },
    });
    expect((await api.call('GET', `/complaints/subjects?ids=${routed.id}`)).status).toBe(401);
  });
});
