import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { loadConfig, loadNoticesConfig } from '../../src/config/config.js';
import { complaintBody, staff, startTestApi, type ApiResponse, type TestApi } from '../support/api.js';
import { PORTAL_FILING_LIMIT } from '../../src/portal/rate-limit.js';
import { eventually, logCapture, startMailServer, startSmsGateway, type MailServer, type SmsGateway } from '../notices/servers.js';

let api: TestApi;
let mail: MailServer;
let sms: SmsGateway;
let now = new Date();
const logs = logCapture();

beforeAll(async () => {
  mail = await startMailServer();
  sms = await startSmsGateway((request) => (request.to === '010-0000-0503' ? 503 : 200));
  // Behind a proxy on this machine: each test is a client of its own, by the address the proxy forwards.
  api = await startTestApi({
    clock: () => new Date(now),
    config: {
      notices: loadNoticesConfig({ SMTP_URL: mail.url, NOTICE_FROM: 'minwon@example.go.kr', SMS_GATEWAY_URL: sms.url }),
      logLevel: 'info',
      trustProxy: ['loopback'],
      portal: { linkLifetimeDays: 365, rateLimits: { perAddressPerMinute: 40, perCasePerMinute: 30 }, filingLimit: { filings: 2, windowMs: 3_600_000 } },
    },
    logDestination: logs,
  });
});
afterAll(async () => {
  await api?.close();
  await mail?.close();
  await sms?.close();
});

/** A portal client at `address`, as the proxy in front of the service names it in X-Forwarded-For. */
const client = (address: string, on: () => TestApi = () => api) => (method: string, path: string, body?: unknown): Promise<ApiResponse> =>
  on().call(method, path, { body, headers: { 'x-forwarded-for': address } });

const filing = (overrides: Record<string, unknown> = {}) => ({
  category: 'defective-facility', description: '계량기에서 가스 냄새가 납니다.', name: '김순자', phone: '010-3333-4444',
  consent: { personalData: true, email: false, sms: true }, language: 'ko', ...overrides,
});

describe('a portal filing gives a way to reach the complainant', () => {
  it('without an e-mail address or a phone number it is refused naming both, with the other fields to fix; staff intake still receives an unidentified complaint', async () => {
    const rule = 'give an e-mail address or a phone number, or both: without one you cannot be told what becomes of the complaint';
    const call = client('203.0.113.1');
    const refused = await call('POST', '/portal/complaints', filing({ phone: undefined, consent: { personalData: true, email: false, sms: false }, description: '' }));
    expect(refused.status).toBe(400);
    expect(refused.body.errors).toEqual([{ field: 'description', rule: 'should not be empty' }, { field: 'email', rule }, { field: 'phone', rule }]);
    const blank = await call('POST', '/portal/complaints', filing({ phone: '', email: '' }));
    expect(blank.body.errors).toEqual([{ field: 'email', rule }, { field: 'phone', rule }]);
    // A phone number alone will do, and so will an e-mail address alone.
    expect((await call('POST', '/portal/complaints', filing())).status).toBe(201);
    expect((await call('POST', '/portal/complaints', filing({ phone: undefined, email: 'soonja@example.kr', consent: { personalData: true, email: true, sms: false } }))).status).toBe(201);
    // Receipt is never refused: staff take a complaint from someone who gives no contact.
    const unidentified = await api.call('POST', '/complaints', { as: staff.intake, body: complaintBody({ complainant: { name: '익명' }, consent: { sms: false, email: false } }) });
    expect(unidentified).toMatchObject({ status: 201, body: { unidentified: true } });
  });
});

describe('one-time codes', () => {
  const codesTo = (address: string) => mail.messages.filter((m) => m.subject?.includes('one-time code') && JSON.stringify(m.to).includes(address));
  const codeOf = (message: { text?: string }) => /^(\d{6})$/m.exec(message.text!)![1]!;

  it("a code's tries are its own: after five wrong tries by anyone, the complainant's next code opens the case; still at most three codes a case an hour", async () => {
    const address = 'codes@example.kr';
    const call = client('203.0.113.2');
    const filed = await call('POST', '/portal/complaints', filing({ email: address, consent: { personalData: true, email: true, sms: true }, language: 'en' }));
    const { reference } = filed.body as { reference: string };
    const ask = async (count: number) => {
      expect((await call('POST', '/portal/codes', { reference, email: address })).status).toBe(202);
      return codeOf(await eventually(async () => codesTo(address)[count - 1], `code ${count}`));
    };
    // Anyone may try codes against a reference, which is easily guessed.
    const open = async (code: string, by = call) => (await by('POST', '/portal/access', { reference, code })).status;
    const wrong = (code: string) => (code === '000000' ? '000001' : '000000');
    const guesser = client('198.51.100.66');
    const first = await ask(1);
    for (let i = 0; i < 5; i++) expect(await open(wrong(first), guesser)).toBe(404);
    // The code guessed at is spent: five tries, even the right one is refused after them.
    expect(await open(first)).toBe(404);
    // The complainant asks again: the new code comes with five tries of its own, and opens the case.
    const second = await ask(2);
    expect(await open(wrong(second), guesser)).toBe(404);
    expect(await open(second)).toBe(201);

    // Three codes a case an hour (the right one above started a new hour): a fourth request gets the same answer and sends nothing.
    now = new Date(now.getTime() + 61 * 60_000);
    for (let count = 3; count <= 5; count++) await ask(count);
    const answer = await call('POST', '/portal/codes', { reference, email: address });
    expect(answer).toMatchObject({ status: 202, body: { message: expect.stringContaining('at most 3 codes an hour, each with 5 tries') } });
    await eventually(async () => logs.text().includes('no one-time code sent: the case had its codes of the hour'), 'the refusal in the log');
    expect(codesTo(address)).toHaveLength(5);
    // An hour on, a new window: a code, and its tries.
    now = new Date(now.getTime() + 61 * 60_000);
    const later = await ask(6);
    expect(await open(wrong(later))).toBe(404);
    expect(await open(later)).toBe(201);
  });
});

describe('mail to one e-mail address', () => {
  const to = (address: string, subject: string) => mail.messages.filter((m) => m.subject?.includes(subject) && JSON.stringify(m.to).includes(address));

  it('one address is mailed at most three follow-up links an hour, whoever files from wherever: a fourth filing naming it is received and its answer says the link was not e-mailed; at most five codes an hour across its cases', async () => {
    const address = 'flooded@example.kr';
    const fileNaming = (from: string) => client(from)('POST', '/portal/complaints', filing({ email: address, consent: { personalData: true, email: true, sms: true }, language: 'en' }));
    const filed = [];
    for (const from of ['198.51.100.101', '198.51.100.102', '198.51.100.103', '198.51.100.104']) filed.push(await fileNaming(from));
    expect(filed.map((answer) => [answer.status, answer.body.emailed])).toEqual([[201, true], [201, true], [201, true], [201, false]]);
    // Received all the same, with its reference and a link that opens it.
    const [, , , fourth] = filed;
    expect(fourth!.body.reference).toMatch(/^\d{4}-\d{6}$/);
    expect((await client('198.51.100.104')('GET', `/portal/cases/${/#\/portal\/case\/([A-Za-z0-9_-]{43})/.exec(fourth!.body.followUpUrl)![1]}`)).body.reference).toBe(fourth!.body.reference);
    await eventually(async () => logs.text().includes('portal: the follow-up link was not e-mailed: the address was sent its links of the hour'), 'the reason in the log');
    expect(to(address, 'Your link to follow the complaint')).toHaveLength(3);

    // Codes: each case's three, and the address's five across its cases; none issued that is not mailed.
    const [first, second] = filed.map((answer) => answer.body.reference as string);
    const ask = async (reference: string) => expect((await client('198.51.100.105')('POST', '/portal/codes', { reference, email: address })).status).toBe(202);
    const codes = () => to(address, 'one-time code');
    for (const reference of [first!, first!, first!, second!, second!]) {
      const before = codes().length;
      await ask(reference);
      await eventually(async () => codes().length === before + 1, `code ${before + 1}`);
    }
    await ask(second!);
    await eventually(async () => logs.text().includes('portal: no one-time code sent: the address was sent its codes of the hour'), 'the refusal in the log');
    expect(codes()).toHaveLength(5);
    // The code refused was not issued: the one mailed before it still opens the case.
    const latest = /^(\d{6})$/m.exec(codes().at(-1)!.text!)![1]!;
    expect((await client('198.51.100.105')('POST', '/portal/access', { reference: second, code: latest })).status).toBe(201);

    // An hour on, the address is mailed again.
    now = new Date(now.getTime() + 61 * 60_000);
    expect((await fileNaming('198.51.100.106')).body.emailed).toBe(true);
  });
});

describe('the client address behind a reverse proxy (TRUST_PROXY)', () => {
  it('is the one the trusted proxy forwards, so each client has its own count; without the setting a forwarded address never counts', async () => {
    expect(loadConfig({}).trustProxy).toBeUndefined();
    expect(loadConfig({ TRUST_PROXY: '2' }).trustProxy).toBe(2);
    expect(loadConfig({ TRUST_PROXY: '10.0.0.0/8, 2001:db8::1, loopback' }).trustProxy).toEqual(['10.0.0.0/8', '2001:db8::1', 'loopback']);
    for (const refused of ['true', '*', '0', '10.0.0.0/33', 'proxy.example']) expect(() => loadConfig({ TRUST_PROXY: refused })).toThrow('configuration TRUST_PROXY: must be the number of proxies');

    const first = client('198.51.100.7');
    const statuses: number[] = [];
    for (let i = 0; i < 41; i++) statuses.push((await first('GET', '/portal/form')).status);
    expect(statuses.slice(0, 40).every((status) => status === 200)).toBe(true);
    const refused = await first('GET', '/portal/form');
    expect(refused).toMatchObject({ status: 429, body: { statusCode: 429, error: 'Too Many Requests', limit: 'address', retryAfterSeconds: expect.any(Number) } });
    expect(refused.headers.get('retry-after')).toBe(String(refused.body.retryAfterSeconds));
    // Another citizen behind the same proxy is not held back.
    expect((await client('198.51.100.9')('GET', '/portal/form')).status).toBe(200);

    // Not configured: the proxy's (here the client's own) X-Forwarded-For is ignored, so changing it gains nothing.
    const direct = await startTestApi({ config: { portal: { linkLifetimeDays: 1, rateLimits: { perAddressPerMinute: 3, perCasePerMinute: 30 } } } });
    try {
      const answers: number[] = [];
      for (const address of ['192.0.2.1', '192.0.2.2', '192.0.2.3', '192.0.2.4']) answers.push((await client(address, () => direct)('GET', '/portal/form')).status);
      expect(answers).toEqual([200, 200, 200, 429]);
    } finally {
      await direct.close();
    }
  });
});

describe('an IPv6 client', () => {
  it('is counted by its /64: rotating addresses within it gains nothing; the next /64 is another client; an IPv4-mapped address counts as the IPv4 one', async () => {
    const statuses: number[] = [];
    for (let i = 1; i <= 41; i++) statuses.push((await client(`2001:db8:77:1:${i.toString(16)}:0:0:1`)('GET', '/portal/form')).status);
    expect(statuses.slice(0, 40).every((status) => status === 200)).toBe(true);
    expect(statuses[40]).toBe(429);
    expect((await client('2001:db8:77:1:ffff:ffff:ffff:ffff')('GET', '/portal/form')).status).toBe(429);
    expect((await client('2001:db8:77:2::1')('GET', '/portal/form')).status).toBe(200);

    for (let i = 0; i < 40; i++) await client('192.0.2.77')('GET', '/portal/form');
    expect((await client('::ffff:192.0.2.77')('GET', '/portal/form')).status).toBe(429);
  });
});

describe('filing on the portal', () => {
  it('one address files at most PORTAL_FILING_LIMIT complaints a window, then 429 with Retry-After; a refused filing does not count, another address still files', async () => {
    expect(loadConfig({}).portal?.filingLimit).toBeUndefined();
    expect(PORTAL_FILING_LIMIT).toEqual({ filings: 10, windowMs: 3_600_000 });
    expect(loadConfig({ PORTAL_FILING_LIMIT: '3/30m' }).portal?.filingLimit).toEqual({ filings: 3, windowMs: 1_800_000 });
    for (const refused of ['0/1h', '10', '10/30s', 'ten/1h']) expect(() => loadConfig({ PORTAL_FILING_LIMIT: refused })).toThrow('configuration PORTAL_FILING_LIMIT');

    const call = client('203.0.113.50');
    // Refused, by the body's rules or by the domain's (SMS consent without a phone number): not counted.
    expect((await call('POST', '/portal/complaints', filing({ description: '' }))).status).toBe(400);
    const noPhone = await call('POST', '/portal/complaints', filing({ phone: undefined, email: 'limit@example.kr' }));
    expect(noPhone.body.errors).toEqual([{ field: 'consent.sms', rule: 'consent to SMS needs a phone number' }]);
    expect((await call('POST', '/portal/complaints', filing())).status).toBe(201);
    expect((await call('POST', '/portal/complaints', filing())).status).toBe(201);
    const refused = await call('POST', '/portal/complaints', filing());
    expect(refused).toMatchObject({
      status: 429,
      body: { error: 'Too Many Requests', limit: 'filing', message: 'too many complaints filed from this address: you can file again in 60 minutes, or call the complaints office' },
    });
    expect(refused.headers.get('retry-after')).toBe(String(refused.body.retryAfterSeconds));
    expect(refused.body.retryAfterSeconds).toBeGreaterThan(3_500);
    expect((await client('203.0.113.51')('POST', '/portal/complaints', filing())).status).toBe(201);
  });
});

describe('a portal filing sent again with its Idempotency-Key', () => {
  it('files nothing: the first answer again (reference, expiry, emailed; a new link to the same case), nothing mailed again, not counted as a filing; another body with the key gets 422', async () => {
    const from = '203.0.113.90';
    const body = filing({ email: 'again@example.kr', consent: { personalData: true, email: true, sms: true }, language: 'en' });
    const send = (sent: object, key = 'abc-123') => api.call('POST', '/portal/complaints', { body: sent, headers: { 'x-forwarded-for': from, 'idempotency-key': key } });
    const first = await send(body);
    expect(first).toMatchObject({ status: 201, body: { emailed: true } });
    const stored = await api.eventsStoredByRequests();
    // The same filing again, its keys in another order: no second case.
    const again = await send(Object.fromEntries(Object.entries(body).reverse()));
    expect(again.status).toBe(201);
    expect(again.body).toEqual({ ...first.body, followUpUrl: expect.stringMatching(/#\/portal\/case\/[A-Za-z0-9_-]{43}$/) });
    expect(again.body.followUpUrl).not.toBe(first.body.followUpUrl);
    expect(await api.eventsStoredByRequests()).toBe(stored);
    for (const answer of [first, again]) expect((await client(from)('GET', `/portal/cases/${/#\/portal\/case\/(.+)$/.exec(answer.body.followUpUrl)![1]}`)).body.reference).toBe(first.body.reference);
    expect(mail.messages.filter((m) => JSON.stringify(m.to).includes('again@example.kr'))).toHaveLength(1);

    // Another filing with the key: refused as the staff routes refuse it, and nothing stored.
    const other = await send({ ...body, description: 'Another complaint' });
    expect(other).toMatchObject({ status: 422, body: { message: 'Idempotency-Key "abc-123" was already used for a different request (POST /portal/complaints with another body): send a new key with a new request' } });
    expect(await api.eventsStoredByRequests()).toBe(stored);
    expect((await send(body, 'x'.repeat(201))).body.errors).toEqual([{ field: 'Idempotency-Key', rule: 'must be 1 to 200 visible ASCII characters' }]);

    // The repeats did not count as the address's filings (two an hour here): one more goes through, then the limit.
    expect((await client(from)('POST', '/portal/complaints', filing())).status).toBe(201);
    expect((await client(from)('POST', '/portal/complaints', filing())).status).toBe(429);
  });

  it("gives no link once the complainant's data was erased (409)", async () => {
    const keyed = (body: object) => api.call('POST', '/portal/complaints', { body, headers: { 'x-forwarded-for': '203.0.113.91', 'idempotency-key': 'erased-1' } });
    const first = await keyed(filing({ phone: '010-9191-9191' }));
    expect(first.status).toBe(201);
    const { complainantKey } = (await api.call('GET', `/complaints/${first.body.reference}`, { as: staff.office })).body;
    expect((await api.call('POST', `/complainants/${complainantKey}/erasure`, { as: staff.office, body: { reason: 'The complainant asked for erasure' } })).status).toBe(200);
    const again = await keyed(filing({ phone: '010-9191-9191' }));
    expect(again).toMatchObject({ status: 409, body: { message: expect.stringContaining('was erased: it can no longer be followed on the portal') } });
    expect(JSON.stringify(again.body)).not.toContain('#/portal/case/');
  });

  it('gives no link once staff sent the complainant a new one (409): the new link replaced the filing\'s, which may be in other hands', async () => {
    const keyed = (body: object) => api.call('POST', '/portal/complaints', { body, headers: { 'x-forwarded-for': '203.0.113.92', 'idempotency-key': 'replaced-1' } });
    const body = filing({ phone: '010-9292-9292' });
    const first = await keyed(body);
    expect(first.status).toBe(201);
    expect((await keyed(body)).status).toBe(201);
    expect((await api.call('POST', '/follow-up-links', { as: staff.office, body: { complaint: first.body.reference, channel: 'sms' } })).status).toBe(201);
    const again = await keyed(body);
    expect(again).toMatchObject({ status: 409, body: { message: expect.stringContaining('was sent a new follow-up link by the complaints office') } });
    expect(JSON.stringify(again.body)).not.toContain('#/portal/case/');
    // The key is still bound to its filing: nothing new is filed.
    expect((await keyed({ ...body, description: 'Another complaint' })).status).toBe(422);
  });
});

describe('a filing with a phone number and consent to SMS, not e-mailed', () => {
  it('is texted its follow-up link, as the SMS consent says (a second portal tester filed with a phone only and never got it); the answer and the page say so', async () => {
    const body = filing({ phone: '010-7070-7070' });
    const filed = await api.call('POST', '/portal/complaints', { body, headers: { 'x-forwarded-for': '203.0.113.70', 'idempotency-key': 'texted-1' } });
    expect(filed).toMatchObject({ status: 201, body: { emailed: false, texted: true } });
    const message = await eventually(async () => sms.delivered().find((r) => r.to === '010-7070-7070'), 'the link by SMS');
    expect(message.text).toContain(`[민원] 민원이 접수되었습니다. 접수번호 ${filed.body.reference}.`);
    const token = /#\/portal\/case\/([A-Za-z0-9_-]{43})/.exec(message.text)![1]!;
    expect((await api.call('GET', `/portal/cases/${token}`)).body.reference).toBe(filed.body.reference);
    // Sent again with its key: the same answer, nothing texted again.
    const again = await api.call('POST', '/portal/complaints', { body, headers: { 'x-forwarded-for': '203.0.113.70', 'idempotency-key': 'texted-1' } });
    expect(again.body).toMatchObject({ reference: filed.body.reference, emailed: false, texted: true });
    expect(sms.delivered().filter((r) => r.to === '010-7070-7070')).toHaveLength(1);
    // Without consent to SMS, nothing is texted.
    const unasked = await api.call('POST', '/portal/complaints', { body: filing({ phone: '010-7171-7171', consent: { personalData: true, email: false, sms: false } }), headers: { 'x-forwarded-for': '203.0.113.71' } });
    expect(unasked).toMatchObject({ status: 201, body: { emailed: false, texted: false } });
    expect(sms.delivered().filter((r) => r.to === '010-7171-7171')).toEqual([]);
  });
});

describe('a complainant who lost the follow-up link', () => {
  const tokenIn = (text: string) => /#\/portal\/case\/([A-Za-z0-9_-]{43})/.exec(text)![1]!;

  it('is sent a new one by those handling the case, on a channel they consented to; the earlier link stops working, and staff never see the link', async () => {
    const call = client('203.0.113.60');
    // Filed with a phone number only: no code by e-mail can open the case.
    const filed = await call('POST', '/portal/complaints', filing({ phone: '010-6060-6060' }));
    const { reference } = filed.body as { reference: string };
    const earlier = tokenIn(filed.body.followUpUrl);
    const send = (as: (typeof staff)[keyof typeof staff], body: object) => api.call('POST', '/follow-up-links', { as, body });

    const sent = await send(staff.office, { complaint: reference, channel: 'sms' });
    expect(sent).toMatchObject({ status: 201, body: { reference, channel: 'sms', expiresAt: expect.any(String) } });
    expect(JSON.stringify(sent.body)).not.toContain('#/portal/case/');
    const message = await eventually(async () => sms.delivered().find((r) => r.to === '010-6060-6060' && r.text.includes('새 주소')), 'the new link by SMS');
    expect(message.text).toContain(`[민원] 접수번호 ${reference} 처리 상황을 확인하는 새 주소입니다`);
    const token = tokenIn(message.text);
    expect((await call('GET', `/portal/cases/${token}`)).body.reference).toBe(reference);
    const replaced = await call('GET', `/portal/cases/${earlier}`);
    expect(replaced).toMatchObject({ status: 404, body: { message: expect.stringContaining('ask the complaints office to send a new link to your phone or e-mail') } });
    // The log says who sent one for which case, on which channel; never the link.
    expect(logs.text()).toContain('"actorId":"u-office"');
    expect(logs.text()).toContain("portal: a new follow-up link was sent to the complainant; the case's earlier links stopped working");
    expect(logs.text()).not.toContain(token);

    // Those who handle the case only: the department's handler once it is assigned, not another department's, nor a manager.
    expect((await send(staff.handler, { complaint: reference, channel: 'sms' })).status).toBe(403);
    expect((await api.call('POST', `/complaints/${reference}/assign`, { as: staff.intake, body: {} })).status).toBe(200);
    expect((await send(staff.handler, { complaint: reference, channel: 'sms' })).status).toBe(201);
    expect((await send(staff.otherHandler, { complaint: reference, channel: 'sms' })).status).toBe(403);
    expect((await send(staff.manager, { complaint: reference, channel: 'sms' })).status).toBe(403);
    // Only on a consented channel with its contact; an unknown case is a 404.
    expect((await send(staff.office, { complaint: reference, channel: 'email' })).body.errors).toEqual([{ field: 'channel', rule: 'the complainant did not consent to e-mail notices' }]);
    expect((await send(staff.office, { complaint: '2020-999999', channel: 'sms' })).status).toBe(404);
  });

  it('by e-mail as well; when the gateway refuses, 503 and the earlier link still works', async () => {
    const call = client('203.0.113.61');
    const filed = await call('POST', '/portal/complaints', filing({ phone: '010-0000-0503', email: 'lost@example.kr', consent: { personalData: true, email: true, sms: true }, language: 'en' }));
    const { reference } = filed.body as { reference: string };
    const refused = await api.call('POST', '/follow-up-links', { as: staff.office, body: { complaint: reference, channel: 'sms' } });
    expect(refused).toMatchObject({ status: 503, body: { message: "the SMS could not be sent: try again later; the complainant's earlier links still work" } });
    expect((await call('GET', `/portal/cases/${tokenIn(filed.body.followUpUrl)}`)).status).toBe(200);
    expect((await api.call('POST', '/follow-up-links', { as: staff.office, body: { complaint: reference, channel: 'email' } })).status).toBe(201);
    const mailed = await eventually(async () => mail.messages.find((m) => m.subject === `[Complaint] A new link to follow your complaint (reference ${reference})`), 'the new link by e-mail');
    expect((await call('GET', `/portal/cases/${tokenIn(mailed.text!)}`)).body.reference).toBe(reference);
    expect((await call('GET', `/portal/cases/${tokenIn(filed.body.followUpUrl)}`)).status).toBe(404);
  });
});
