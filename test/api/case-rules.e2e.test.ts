import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { complaintBody, staff, startTestApi, type TestApi } from '../support/api.js';

/** The case rules of the manual (CCMS, the 004 seed) over HTTP: issue 16, rules 2–4, 6 and 7. */
let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(async () => {
  await api.close();
});

const receive = async (overrides: Record<string, unknown> = {}) => {
  const response = await api.call('POST', '/complaints', { as: staff.intake, body: complaintBody(overrides) });
  expect(response.status).toBe(201);
  return response.body.id as string;
};
const post = (id: string, command: string, as: (typeof staff)[keyof typeof staff], body: unknown = {}) => api.call('POST', `/complaints/${id}/${command}`, { as, body });
const NO_CONSENT = { sms: false, email: false, phone: false };

describe('rule 2, an interim notice must reach the complainant', () => {
  it('given no channel, or one the complainant did not consent to, then 400 naming channel, and nothing is stored', async () => {
    const id = await receive({ consent: { sms: true, email: false } });
    await post(id, 'assign', staff.intake);
    const before = await api.eventsStoredByRequests();
    expect(await post(id, 'send-interim-notice', staff.handler, { progress: 'p', delayReason: 'd' })).toMatchObject({ status: 400, body: { errors: [{ field: 'channel' }] } });
    expect(await post(id, 'send-interim-notice', staff.handler, { channel: 'email', progress: 'p', delayReason: 'd' })).toMatchObject({
      status: 400, body: { errors: [{ field: 'channel', rule: 'the complainant did not consent to e-mail notices' }] },
    });
    expect(await api.eventsStoredByRequests()).toBe(before);
    expect((await post(id, 'send-interim-notice', staff.handler, { channel: 'sms', progress: 'p', delayReason: 'd' })).status).toBe(200);
  });
});

describe('rule 3, result by phone only with consent; the homepage needs none', () => {
  const decided = async (consent: object) => {
    const id = await receive({ consent });
    await post(id, 'assign', staff.intake);
    await post(id, 'record-findings', staff.handler, { summary: 'Seal worn', subjects: [] });
    expect((await post(id, 'decide', staff.head, { outcome: 'upheld', basis: 'Gas Safety Act' })).status).toBe(200);
    return id;
  };
  const tell = (channel: string) => ({ channel, basis: 'Gas Safety Act', appeal: 'Within 90 days' });

  it('given no consent to phone, then communicating by phone is 400 naming channel and the rule', async () => {
    const id = await decided({ sms: true, email: true });
    expect(await post(id, 'communicate-decision', staff.head, tell('phone'))).toMatchObject({
      status: 400, body: { errors: [{ field: 'channel', rule: expect.stringContaining('고객의 동의가 있을 때 전화로 그 결과를 통지할 수 있음') }] },
    });
  });

  it('given consent to phone given by amend after the decision, then communicating by phone is accepted', async () => {
    const id = await decided({ sms: true, email: true });
    const amended = await post(id, 'amend', staff.handler, { consent: { phone: true }, reason: 'Asked to be called' });
    expect(amended).toMatchObject({ status: 200, body: { state: 'decided', consent: { sms: true, email: true, phone: true } } });
    expect((await post(id, 'communicate-decision', staff.head, tell('phone'))).status).toBe(200);
  });

  it('given consent to phone at receipt, then it is kept; given no consent at all, the homepage may be used', async () => {
    const withPhone = await decided({ sms: false, email: false, phone: true });
    expect((await post(withPhone, 'communicate-decision', staff.head, tell('phone'))).status).toBe(200);
    const none = await decided(NO_CONSENT);
    expect((await post(none, 'communicate-decision', staff.head, tell('homepage'))).status).toBe(200);
  });
});

describe('rule 4, receipt may not be refused', () => {
  it('given no name and no contact, then 201, flagged unidentified; the acknowledgement is withheld and assessment may exclude it', async () => {
    const id = await receive({ complainant: {}, consent: NO_CONSENT });
    expect(await api.call('GET', `/complaints/${id}`, { as: staff.intake })).toMatchObject({ status: 200, body: { unidentified: true } });
    expect(await post(id, 'acknowledge', staff.intake)).toMatchObject({ status: 200, body: { acknowledgement: { withheld: 'unidentified' } } });
    expect(await post(id, 'assess', staff.intake, { exclusion: 'unidentified', note: 'No name, no address' })).toMatchObject({ status: 200, body: { state: 'closed' } });
  });
});

describe('rule 6, the handling officer confirms a withdrawal', () => {
  it("given an assigned case, then the handling department's handler records the complainant's withdrawal", async () => {
    const id = await receive();
    await post(id, 'assign', staff.intake);
    expect(await post(id, 'withdraw', staff.otherHandler, { reason: 'Asked by phone' })).toMatchObject({ status: 403 });
    expect(await post(id, 'withdraw', staff.handler, { reason: 'Asked by phone' })).toMatchObject({ status: 200, body: { state: 'closed' } });
  });
});

describe('rule 6, no withdrawal once decided: "고객불만사무의 처리가 종결되기 전에 … 철회 또는 취하할 수 있음"', () => {
  it('given a decided case, then withdraw is 409 and the case stays decided', async () => {
    const id = await receive();
    await post(id, 'assign', staff.intake);
    await post(id, 'record-findings', staff.handler, { summary: 'Seal worn', subjects: [] });
    await post(id, 'decide', staff.head, { outcome: 'upheld', basis: 'Gas Safety Act art. 17' });
    expect(await post(id, 'withdraw', staff.handler, { reason: 'I disagree with the result' })).toMatchObject({
      status: 409, body: { message: expect.stringContaining('the complaint was decided: handling is concluded') },
    });
    expect(await api.call('GET', `/complaints/${id}`, { as: staff.head })).toMatchObject({ status: 200, body: { state: 'decided' } });
  });
});

describe('rule 5, a supplement request stops the clock until the complainant answers: "고객불만 서류의 보완 또는 보정에 소요되는 기간 … 산입하지 아니 함"', () => {
  it('given a supplement request, then the case is paused for document supplement, and the complainant’s amendment resumes it', async () => {
    const id = await receive();
    await post(id, 'assign', staff.intake);
    expect(await post(id, 'request-supplement', staff.handler, { channel: 'email', request: 'The meter number, please' })).toMatchObject({ status: 200, body: { pause: { reason: 'document-supplement' } } });
    const answered = await post(id, 'amend', staff.handler, { description: 'Meter 4471 leaks', reason: 'The complainant answered by e-mail' });
    expect(answered.status).toBe(200);
    expect(answered.body.pause).toBeUndefined();
  });
});

describe('rule 7, deemed withdrawn only when no request can reach the complainant, after the deadline', () => {
  const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString();
  const unreachable = { reason: 'complainant-unreachable' };
  const handedOver = { channel: 'in-person', request: 'The meter number, please', note: 'Asked at the counter to call back' };

  it('given no supplement request, then closing as unreachable is 409 saying what it needs', async () => {
    const id = await receive({ receivedAt: daysAgo(20) });
    await post(id, 'assign', staff.intake);
    expect(await post(id, 'close', staff.head, unreachable)).toMatchObject({ status: 409, body: { message: expect.stringContaining('needs an unidentified complainant or a supplement request (request-supplement) that could not reach them') } });
  });

  it('given an e-mailed supplement request with no failed delivery on record, then closing as unreachable is 409: the complainant may be reachable', async () => {
    const id = await receive({ receivedAt: daysAgo(20) });
    await post(id, 'assign', staff.intake);
    await post(id, 'request-supplement', staff.handler, { channel: 'email', request: 'The meter number, please' });
    expect(await post(id, 'close', staff.head, unreachable)).toMatchObject({ status: 409, body: { message: expect.stringContaining('no failed delivery of the supplement request by email is recorded') } });
  });

  it('given a handed-over supplement request that did not reach them and the deadline long past, then with a note saying why it closes without a decision', async () => {
    const id = await receive({ receivedAt: daysAgo(20) });
    await post(id, 'assign', staff.intake);
    expect((await post(id, 'request-supplement', staff.handler, handedOver)).status).toBe(200);
    expect(await post(id, 'close', staff.head, unreachable)).toMatchObject({ status: 400, body: { errors: [{ field: 'note' }] } });
    expect(await post(id, 'close', staff.head, { ...unreachable, note: 'Never called back; the number given is not in service' })).toMatchObject({
      status: 200, body: { state: 'closed', closure: { as: 'complainant-unreachable' } },
    });
  });

  it('given a supplement request on a case received now, then closing as unreachable waits for the deadline (409)', async () => {
    const id = await receive();
    await post(id, 'assign', staff.intake);
    await post(id, 'request-supplement', staff.handler, handedOver);
    expect(await post(id, 'close', staff.head, { ...unreachable, note: 'No answer' })).toMatchObject({ status: 409, body: { message: expect.stringContaining('waits for the handling deadline to pass') } });
  });
});
