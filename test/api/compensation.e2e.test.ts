import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { TokenClaims } from '../../src/auth/sign-token.js';
import { quarterOf } from '../../projections/quarterly.js';
import { PROJECTIONS, type ProjectionRunner } from '../../src/projections/index.js';
import { complaintBody, staff, startTestApi, type TestApi } from '../support/api.js';

/** Issue 17 §2 over HTTP: the compensation policy of the 004 seed, ch. 3 ⑤ 나 (시정 및 보상). */
let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(async () => {
  await api.close();
});

const post = (id: string, command: string, as: TokenClaims, body: unknown) => api.call('POST', `/complaints/${id}/${command}`, { as, body });

/** Received, assigned to inspection, investigated with these subjects substantiated for these reasons. */
const investigated = async (...reasons: string[]): Promise<string> => {
  const received = await api.call('POST', '/complaints', { as: staff.intake, body: complaintBody() });
  const id = received.body.id as string;
  expect((await post(id, 'assign', staff.intake, {})).status).toBe(200);
  const subjects = reasons.map((reason, i) => ({ id: `emp-${i + 1}`, kind: 'employee', substantiated: true, reason }));
  expect((await post(id, 'record-findings', staff.handler, { summary: 'Looked into it', subjects })).status).toBe(200);
  return id;
};
const decide = (id: string, as: TokenClaims, outcome: string, compensation: object) => post(id, 'decide', as, { outcome, basis: 'Gas Safety Act art. 17', compensation });

describe('"업무처리 잘못으로 … 불편을 겪으신 경우 10,000원 상당의 물품으로 보상한다": decide within the policy', () => {
  it('the catalog publishes the policy: triggers, form, value, currency and who approves an exception', async () => {
    const { body } = await api.call('GET', '/catalog', { as: staff.head });
    expect(body.compensationPolicy).toMatchObject({
      triggers: [
        { code: 'handling-error', form: 'goods', value: 10000, currency: 'KRW', reasons: ['procedure-error', 'delay', 'wrong-information'] },
        { code: 'discourtesy', form: 'goods', value: 10000, currency: 'KRW', reasons: ['discourtesy'] },
      ],
      exceptionApprovers: ['complaints-office'],
    });
  });

  it('not upheld with 5,000,000 KRW is refused with 400 naming compensation, and nothing is stored', async () => {
    const id = await investigated('procedure-error');
    const before = await api.eventsStoredByRequests();
    const refused = await decide(id, staff.head, 'not-upheld', { amount: 5_000_000, currency: 'KRW' });
    expect(refused).toMatchObject({ status: 400, body: { errors: [{ field: 'compensation', rule: 'only an upheld or partly upheld complaint is compensated' }] } });
    expect(await api.eventsStoredByRequests()).toBe(before);
  });

  it('above the policy the head is refused naming compensation.amount; with an exception, naming compensation.exception; the complaints office approves it with a reason', async () => {
    const id = await investigated('delay');
    const above = await decide(id, staff.head, 'upheld', { amount: 20_000, currency: 'KRW' });
    expect(above.status).toBe(400);
    expect(above.body.errors[0]).toMatchObject({ field: 'compensation.amount', rule: expect.stringContaining('grants handling-error 10000 KRW as goods per case') });
    const byHead = await decide(id, staff.head, 'upheld', { amount: 20_000, currency: 'KRW', exception: { reason: 'Visited twice' } });
    expect(byHead.body.errors[0]).toMatchObject({ field: 'compensation.exception', rule: 'only complaints-office may approve an exception to the compensation policy' });
    const byOffice = await decide(id, staff.office, 'upheld', { amount: 20_000, currency: 'KRW', exception: { reason: 'Visited twice' } });
    expect(byOffice.status).toBe(200);
    expect(byOffice.body.decision.compensation).toEqual({ amount: 20_000, currency: 'KRW', trigger: 'handling-error', form: 'goods', exception: { reason: 'Visited twice' } });
  });

  it('an unknown form is refused by the body check naming compensation.form', async () => {
    const id = await investigated('discourtesy');
    const refused = await decide(id, staff.head, 'upheld', { amount: 10_000, currency: 'KRW', form: 'voucher' });
    expect(refused.status).toBe(400);
    expect(refused.body.errors[0].field).toBe('compensation.form');
  });
});

describe('"불친절 … 잘못이 확인되면 건당 10,000원 상당의 물품으로 보상한다": the hand-over (provide-compensation → CompensationProvided) and the report', () => {
  it('granted for confirmed discourtesy, handed over by the department (what, when, by whom), once; the report totals it per quarter, department and trigger', async () => {
    const id = await investigated('discourtesy');
    const decided = await decide(id, staff.head, 'upheld', { amount: 10_000, currency: 'KRW', description: 'Gift card' });
    expect(decided.body.decision.compensation).toMatchObject({ trigger: 'discourtesy', form: 'goods', amount: 10_000 });
    expect(decided.body.yourCommands).toContain('provide-compensation');

    const more = await post(id, 'provide-compensation', staff.handler, { form: 'goods', description: 'Gift card', amount: 30_000, currency: 'KRW', providedBy: 'Lee (inspection)' });
    expect(more).toMatchObject({ status: 400, body: { errors: [{ field: 'amount' }] } });
    const handed = await post(id, 'provide-compensation', staff.handler, { form: 'goods', description: 'Gift card 10,000 KRW', amount: 10_000, currency: 'KRW', providedBy: 'Lee (inspection)' });
    expect(handed.status).toBe(200);
    expect(handed.body.compensationProvided).toMatchObject({ form: 'goods', description: 'Gift card 10,000 KRW', amount: 10_000, providedBy: 'Lee (inspection)' });
    const events = await api.call('GET', `/complaints/${id}/events`, { as: staff.office });
    const provided = (events.body.events ?? events.body).find((e: { type: string }) => e.type === 'CompensationProvided');
    expect(provided).toMatchObject({ data: { amount: 10_000, currency: 'KRW', providedBy: 'Lee (inspection)' } });
    expect(Date.parse(provided.data.providedAt)).not.toBeNaN();
    // A second hand-over (another member of staff recording the same one) is refused saying when it was handed over.
    const again = await post(id, 'provide-compensation', staff.handler, { form: 'goods', description: 'Again', amount: 10_000, currency: 'KRW', providedBy: 'Lee' });
    expect(again).toMatchObject({ status: 409, body: { state: 'decided', allowedCommands: expect.any(Array), reason: `the compensation was already handed over on ${handed.body.compensationProvided.providedAt}` } });

    // Upheld for a delay, and nothing granted: the policy's 10,000 KRW is owed.
    const owing = await investigated('delay');
    expect((await post(owing, 'decide', staff.head, { outcome: 'upheld', basis: 'The permit was issued late' })).status).toBe(200);

    await api.app.get<ProjectionRunner>(PROJECTIONS).caughtUp();
    const quarter = quarterOf(new Date().toISOString(), 'Asia/Seoul');
    const report = await api.call('GET', `/reports/compensation?quarter=${quarter}`, { as: staff.manager });
    expect(report.status).toBe(200);
    const none = { count: 0, amount: 0 };
    expect(report.body.totals).toContainEqual({
      department: 'inspection', trigger: 'discourtesy', currency: 'KRW', granted: { count: 1, amount: 10_000, exceptions: 0 }, provided: { count: 1, amount: 10_000 }, owed: none, outstanding: none,
    });
    // The exception granted above is not handed over yet: outstanding.
    expect(report.body.totals).toContainEqual({
      department: 'inspection', trigger: 'handling-error', currency: 'KRW', granted: { count: 1, amount: 20_000, exceptions: 1 }, provided: none,
      owed: { count: 1, amount: 10_000 }, outstanding: { count: 1, amount: 20_000 },
    });
    expect(report.body.followUp).toContainEqual({
      complaintId: owing, reference: expect.stringMatching(/^\d{4}-\d{6}$/), department: 'inspection', kind: 'owed', trigger: 'handling-error', amount: 10_000, currency: 'KRW', decidedAt: expect.any(String),
    });
    expect(report.body.followUp.map((f: { kind: string }) => f.kind).sort()).toEqual(['outstanding', 'owed']);
    expect(report.body).toMatchObject({ period: { status: 'in-progress' }, asOf: expect.any(String) });
    // A quarter still to come: the grant outstanding now is not outstanding at its end (the manager tester read it so).
    const [year, q] = quarter.split('-Q').map(Number) as [number, number];
    const next = q === 4 ? `${year + 1}-Q1` : `${year}-Q${q + 1}`;
    const future = await api.call('GET', `/reports/compensation?quarter=${next}`, { as: staff.manager });
    expect(future.body).toMatchObject({ quarter: next, period: { status: 'not-started' }, totals: [], followUp: [] });
  });

  it('"건당" is per case: a case upheld for a delay, reopened and upheld again in the quarter, nothing granted either time, is owed once and followed up once', async () => {
    const quarter = quarterOf(new Date().toISOString(), 'Asia/Seoul');
    const report = async () => {
      await api.app.get<ProjectionRunner>(PROJECTIONS).caughtUp();
      const { status, body } = await api.call('GET', `/reports/compensation?quarter=${quarter}`, { as: staff.manager });
      expect(status).toBe(200);
      return body as { totals: { department: string; trigger: string; owed: { count: number; amount: number } }[]; followUp: { complaintId: string; kind: string }[] };
    };
    const owedOfInspection = (body: Awaited<ReturnType<typeof report>>) =>
      body.totals.find((t) => t.department === 'inspection' && t.trigger === 'handling-error')?.owed ?? { count: 0, amount: 0 };

    const id = await investigated('delay');
    expect((await post(id, 'decide', staff.head, { outcome: 'upheld', basis: 'The permit was issued late' })).status).toBe(200);
    const once = await report();
    expect(once.followUp.filter((f) => f.complaintId === id)).toEqual([expect.objectContaining({ kind: 'owed', trigger: 'handling-error', amount: 10_000 })]);

    expect((await post(id, 'reopen', staff.office, { kind: 'appeal', reason: 'The complainant appealed' })).status).toBe(200);
    expect((await post(id, 'record-findings', staff.handler, { summary: 'Looked into it again', subjects: [{ id: 'emp-1', kind: 'employee', substantiated: true, reason: 'delay' }] })).status).toBe(200);
    expect((await post(id, 'decide', staff.head, { outcome: 'upheld', basis: 'The permit was issued late, confirmed' })).status).toBe(200);
    const twice = await report();
    expect(twice.followUp.filter((f) => f.complaintId === id)).toEqual([expect.objectContaining({ kind: 'owed', trigger: 'handling-error', amount: 10_000 })]);
    expect(owedOfInspection(twice)).toEqual(owedOfInspection(once));
  });

  it('the report needs a quarter: 400 naming it', async () => {
    const refused = await api.call('GET', '/reports/compensation?quarter=2026-5', { as: staff.manager });
    expect(refused).toMatchObject({ status: 400, body: { errors: [{ field: 'quarter', rule: 'must be a quarter such as 2026-Q3' }] } });
  });
});
