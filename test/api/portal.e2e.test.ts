import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createHash } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import { DEFAULT_CATALOG } from '../../domain/catalog.js';
import type { TokenClaims } from '../../src/auth/sign-token.js';
import { loadConfig, loadNoticesConfig } from '../../src/config/config.js';
import { READ_MODELS, type ReadModelDatabase } from '../../src/read-models/index.js';
import { startTestApi, staff, type TestApi } from '../support/api.js';
import { eventually, logCapture, startMailServer, type MailServer } from '../notices/servers.js';

let api: TestApi;
let mail: MailServer;
const logs = logCapture();

beforeAll(async () => {
  mail = await startMailServer();
  // The rate limits have a service of their own below: these tests together send more than a minute's worth from one address, and file more than an hour's.
  const portal = { linkLifetimeDays: 365, rateLimits: { perAddressPerMinute: 1_000, perCasePerMinute: 100 }, filingLimit: { filings: 1_000, windowMs: 3_600_000 } };
  api = await startTestApi({ config: { notices: loadNoticesConfig({ SMTP_URL: mail.url, NOTICE_FROM: 'minwon@example.go.kr' }), logLevel: 'info', portal }, logDestination: logs });
});
afterAll(async () => {
  await api?.close();
  await mail?.close();
});

const filing = (overrides: Record<string, unknown> = {}) => ({
  category: 'defective-facility', description: '계량기에서 가스 냄새가 납니다.', name: '김민수', email: 'minsu@example.kr',
  consent: { personalData: true, email: true, sms: false }, language: 'ko', ...overrides,
});
const tokenOf = (url: string) => url.split('/').pop()!;

async function fileComplaint(overrides: Record<string, unknown> = {}) {
  const answer = await api.call('POST', '/portal/complaints', { body: filing(overrides) });
  expect(answer.status).toBe(201);
  return { ...answer.body, token: tokenOf(answer.body.followUpUrl) } as { reference: string; followUpUrl: string; token: string; emailed: boolean };
}

describe('the complaint portal: the complainant files and follows a case without a staff token', () => {
  it('filing answers the reference and a follow-up link, mails the link when consented, and keeps the consents as worded', async () => {
    const filed = await fileComplaint();
    expect(filed.reference).toMatch(/^\d{4}-\d{6}$/);
    expect(filed.emailed).toBe(true);
    const message = await eventually(async () => mail.messages.find((m) => m.text?.includes(filed.reference)), 'the link by e-mail');
    expect(message.text).toContain(filed.followUpUrl);
    const staffView = await api.call('GET', `/complaints/${filed.reference}`, { as: staff.intake });
    expect(staffView.body).toMatchObject({ channel: 'web', consent: { email: true, sms: false }, consentWording: { personalData: expect.stringContaining('동의합니다') } });
    const events = await api.call('GET', `/complaints/${filed.reference}/events`, { as: staff.intake });
    expect(events.body.events[0]).toMatchObject({ type: 'ComplaintReceived', actorRole: 'complainant' });
    // Only the token's SHA-256 is stored, with an expiry.
    const { sql, s } = api.app.get<ReadModelDatabase>(READ_MODELS);
    const token = tokenOf(filed.followUpUrl);
    const rows = await sql.query<{ token_hash: string; expires_at: Date }>(`SELECT token_hash, expires_at FROM ${s}.portal_links`);
    expect(rows.map((r) => r.token_hash)).toContain(createHash('sha256').update(token).digest('hex'));
    expect(JSON.stringify(rows)).not.toContain(token);
  });

  it("the names of the documents enclosed are kept with the receipt, sealed as personal data, shown to the complainant and to those who handle the case", async () => {
    const names = ['영수증-2026-03.pdf', 'meter-photo.jpg'];
    const filed = await fileComplaint({ attachments: names });
    expect((await api.call('GET', `/portal/cases/${filed.token}`)).body.attachments).toEqual(names);
    expect((await api.call('GET', `/complaints/${filed.reference}`, { as: staff.intake })).body.attachments).toEqual(names);
    expect((await api.call('GET', `/complaints/${filed.reference}`, { as: staff.manager })).body.attachments).toEqual(['[redacted]']);
    const refused = await api.call('POST', '/portal/complaints', { body: filing({ attachments: ['x'.repeat(201)] }) });
    expect(refused).toMatchObject({ status: 400, body: { errors: [{ field: 'attachments', rule: expect.stringContaining('200') }] } });
  });

  it('the link shows the case in plain terms, the complainant answers a request addressed to them, reads the decision and answers the survey', async () => {
    const { reference, token } = await fileComplaint();
    const follow = () => api.call('GET', `/portal/cases/${token}`);
    expect((await follow()).body).toMatchObject({ reference, stage: 'received', decision: null, survey: 'not-yet', mayWithdraw: true });
    const step = (as: TokenClaims, command: string, body: object = {}) => api.call('POST', `/complaints/${reference}/${command}`, { as, body });
    await step(staff.intake, 'assign');
    expect((await step(staff.handler, 'request-information', { addressee: 'complainant', request: 'Send a photo of the meter' })).status).toBe(200);
    const asked = (await follow()).body;
    expect(asked.stage).toBe('in-progress');
    const [request] = asked.informationRequests;
    expect(request).toMatchObject({ request: 'Send a photo of the meter', answeredAt: null });
    const answered = await api.call('POST', `/portal/cases/${token}/answers`, { body: { requestId: request.requestId, answer: 'The meter is in the basement, photo attached.' } });
    expect(answered.status).toBe(200);
    // The complainant sees what they answered.
    expect(answered.body.informationRequests[0]).toMatchObject({ answeredAt: expect.any(String), answer: 'The meter is in the basement, photo attached.' });
    const events = (await api.call('GET', `/complaints/${reference}/events`, { as: staff.handler })).body.events;
    // The notice sender appends its deliveries (actor `system`) whenever they go out: the last event a person gave.
    expect(events.filter((e: { actorRole: string }) => e.actorRole !== 'system').at(-1)).toMatchObject({ type: 'InformationReceived', actorRole: 'complainant', data: { summary: 'The meter is in the basement, photo attached.' } });
    await step(staff.handler, 'record-findings', { summary: 'Valve seal worn', subjects: [{ id: 'emp-7', kind: 'employee', substantiated: true, reason: 'procedure-error' }] });
    await step(staff.head, 'decide', { outcome: 'upheld', basis: 'Gas Safety Act art. 17', remedy: 'Seal replaced', compensation: { amount: 10_000, currency: 'KRW', description: '온누리상품권' } });
    expect((await follow()).body).toMatchObject({ stage: 'in-progress', decision: null });
    await step(staff.head, 'communicate-decision', { channel: 'homepage', basis: 'Gas Safety Act art. 17', appeal: 'Within 90 days to the ministry' });
    // The compensation granted, as the decision's e-mail names it: not handed over yet.
    const granted = { amount: 10_000, currency: 'KRW', form: 'goods', description: '온누리상품권' };
    expect((await follow()).body.decision.compensation).toEqual({ ...granted, handedOver: null });
    expect((await step(staff.handler, 'provide-compensation', { form: 'goods', description: '온누리상품권 1매', amount: 10_000, currency: 'KRW', providedBy: 'Handler Lee' })).status).toBe(200);
    await step(staff.head, 'close');
    const closed = (await follow()).body;
    expect(closed).toMatchObject({ stage: 'closed', survey: 'open', decision: { outcome: 'upheld', basis: 'Gas Safety Act art. 17', remedy: 'Seal replaced', appeal: 'Within 90 days to the ministry' } });
    expect(closed.decision.compensation).toEqual({ ...granted, handedOver: { form: 'goods', description: '온누리상품권 1매', amount: 10_000, currency: 'KRW', at: expect.any(String) } });
    // Never who handed it over, nor the policy's trigger.
    expect(JSON.stringify(closed)).not.toMatch(/emp-7|Valve seal|Handler|u-handler|inspection|complainantKey|handling-error|trigger/);
    const scores = { easeOfFiling: 5, interimNotice: 4, proactiveness: 4, courtesy: 5, processingTime: 3, overall: 4 };
    expect((await api.call('POST', `/portal/cases/${token}/survey`, { body: { scores } })).body.survey).toBe('answered');
    // Once: a second answer is told the survey was answered, not that it "cannot be answered now".
    expect((await api.call('POST', `/portal/cases/${token}/survey`, { body: { scores } })).body).toMatchObject({ statusCode: 409, message: 'the survey was already answered: thank you' });
  });

  it('the decision shows the basis and the appeal route as told to the complainant, never the basis decided (internal; it may name staff)', async () => {
    const { reference, token } = await fileComplaint();
    const step = (as: TokenClaims, command: string, body: object = {}) => api.call('POST', `/complaints/${reference}/${command}`, { as, body });
    await step(staff.intake, 'assign');
    await step(staff.handler, 'record-findings', { summary: 'Seal worn', subjects: [] });
    await step(staff.head, 'decide', { outcome: 'partly-upheld', basis: 'Handler Lee: meter reading checked on site, seal worn (internal)', remedy: 'Seal replaced' });
    expect((await step(staff.head, 'communicate-decision', { channel: 'homepage', basis: 'Gas Safety Act art. 17', appeal: 'Within 90 days to the ministry' })).status).toBe(200);
    const shown = (await api.call('GET', `/portal/cases/${token}`)).body;
    expect(shown.decision).toEqual({ outcome: 'partly-upheld', basis: 'Gas Safety Act art. 17', remedy: 'Seal replaced', appeal: 'Within 90 days to the ministry', communicatedAt: expect.any(String), compensation: null });
    expect(JSON.stringify(shown)).not.toMatch(/Handler Lee|on site|internal/);
  });

  it('an open supplement request is shown with its words, holds the deadline, and the complainant answers it with the amend form', async () => {
    const { reference, token } = await fileComplaint();
    const follow = async () => (await api.call('GET', `/portal/cases/${token}`)).body;
    const step = async (as: TokenClaims, command: string, body: object = {}) => expect((await api.call('POST', `/complaints/${reference}/${command}`, { as, body })).status).toBe(200);
    await step(staff.intake, 'assign');
    expect(await follow()).toMatchObject({ supplementRequest: null, dueAt: expect.any(String) });
    await step(staff.handler, 'request-supplement', { channel: 'email', request: 'Please add the meter number and the building address.', note: 'Handler Lee: ask twice if no answer' });
    const asked = await follow();
    expect(asked).toMatchObject({
      supplementRequest: { request: 'Please add the meter number and the building address.', requestedAt: expect.any(String), holdsTheDeadline: true },
      dueAt: null,
      mayAmend: true,
    });
    expect(JSON.stringify(asked)).not.toMatch(/Handler Lee|ask twice/);
    const amended = await api.call('POST', `/portal/cases/${token}/amend`, { body: { description: 'The meter GM-4471 at 12 Jongno-ro smells of gas.', reason: 'Added what was asked' } });
    expect(amended.status).toBe(200);
    expect(amended.body).toMatchObject({ supplementRequest: null, dueAt: expect.any(String), description: 'The meter GM-4471 at 12 Jongno-ro smells of gas.' });
    const events = (await api.call('GET', `/complaints/${reference}/events`, { as: staff.handler })).body.events as { type: string; actorRole: string }[];
    expect(events.filter((e) => e.actorRole === 'complainant').map((e) => e.type).slice(-2)).toEqual(['ComplaintAmended', 'ClockResumed']);
  });

  it('the complainant withdraws while the case allows it, as their own act', async () => {
    const { reference, token } = await fileComplaint();
    const withdrawn = await api.call('POST', `/portal/cases/${token}/withdraw`, { body: { reason: 'Fixed by the landlord' } });
    expect(withdrawn.body).toMatchObject({ stage: 'withdrawn', mayWithdraw: false, survey: 'none' });
    const events = (await api.call('GET', `/complaints/${reference}/events`, { as: staff.intake })).body.events;
    // The notice sender appends its deliveries (actor `system`) whenever they go out: the last event a person gave.
    expect(events.filter((e: { actorRole: string }) => e.actorRole !== 'system').at(-1)).toMatchObject({ type: 'ComplaintWithdrawn', actorRole: 'complainant' });
    expect((await api.call('POST', `/portal/cases/${token}/withdraw`, { body: { reason: 'again' } })).status).toBe(409);
  });

  it("a refusal says only that it cannot be done now: not the staff's state or commands, nor that the case was decided before it was told", async () => {
    const { reference, token } = await fileComplaint();
    const step = (as: TokenClaims, command: string, body: object = {}) => api.call('POST', `/complaints/${reference}/${command}`, { as, body });
    await step(staff.intake, 'assign');
    await step(staff.handler, 'record-findings', { summary: 'Seal worn', subjects: [] });
    expect((await step(staff.head, 'decide', { outcome: 'upheld', basis: 'Gas Safety Act art. 17', remedy: 'Seal replaced' })).status).toBe(200);
    expect((await api.call('GET', `/portal/cases/${token}`)).body.stage).toBe('in-progress');
    const amended = await api.call('POST', `/portal/cases/${token}/amend`, { body: { description: 'More detail', reason: 'Forgot something' } });
    expect(amended.body).toEqual({ statusCode: 409, error: 'Conflict', message: 'the complaint can no longer be changed: the page shows what you can do now' });
    const withdrawn = await api.call('POST', `/portal/cases/${token}/withdraw`, { body: { reason: 'Changed my mind' } });
    expect(withdrawn.body).toEqual({ statusCode: 409, error: 'Conflict', message: 'the complaint can no longer be withdrawn: the page shows what you can do now' });
    const survey = await api.call('POST', `/portal/cases/${token}/survey`, { body: { scores: { overall: 3 } } });
    expect(survey.body).toEqual({ statusCode: 409, error: 'Conflict', message: 'the survey cannot be answered now: the page shows what you can do now' });
    expect(JSON.stringify([amended.body, withdrawn.body, survey.body])).not.toMatch(/decided|decide|provide-compensation|communicate|allowed|state/i);
  });

  it('a link opens its own case only; an unknown or malformed link gets the same answer', async () => {
    const { token } = await fileComplaint();
    const other = await fileComplaint({ description: 'Another case' });
    expect((await api.call('GET', `/portal/cases/${other.token}`)).body.description).toBe('Another case');
    const unknown = await api.call('GET', `/portal/cases/${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`);
    const malformed = await api.call('GET', '/portal/cases/nope');
    expect(unknown.status).toBe(404);
    expect(malformed.body).toEqual(unknown.body);
  });

  it('the request log never holds a follow-up link\'s token: its path reads [token]', async () => {
    const { token } = await fileComplaint();
    await api.call('GET', `/portal/cases/${token}`);
    await api.call('POST', `/portal/cases/${token}/amend`, { body: { description: 'The smell is in the kitchen too.', reason: 'More detail' } });
    await api.call('POST', `/portal/cases/${token}/withdraw`, { body: { reason: 'Fixed' } });
    // Express routes without regard to case: so is the token found.
    await api.call('GET', `/Portal/CASES/${token}`);
    const requests = () => logs.text().split('\n').filter((line) => line.includes('"msg":"request"')).map((line) => JSON.parse(line) as { path: string });
    const paths = await eventually(async () => {
      const logged = requests().map((line) => line.path).filter((path) => /portal\/cases/i.test(path));
      return logged.length >= 4 && logged;
    }, 'the log lines of the portal requests');
    expect(paths).toEqual(expect.arrayContaining(['/portal/cases/[token]', '/portal/cases/[token]/amend', '/portal/cases/[token]/withdraw', '/Portal/CASES/[token]']));
    expect(logs.text()).not.toContain(token);
  });

  it('erasing the complainant revokes the case\'s links', async () => {
    const { reference, token } = await fileComplaint({ email: 'erase-me@example.kr' });
    const { complainantKey } = (await api.call('GET', `/complaints/${reference}`, { as: staff.office })).body;
    expect((await api.call('POST', `/complainants/${complainantKey}/erasure`, { as: staff.office, body: { reason: 'The complainant asked for erasure' } })).status).toBe(200);
    // The process that erased applies it at once.
    expect((await api.call('GET', `/portal/cases/${token}`)).status).toBe(404);
    const { sql, s } = api.app.get<ReadModelDatabase>(READ_MODELS);
    expect(await sql.query(`SELECT 1 FROM ${s}.portal_links WHERE token_hash = $1`, [createHash('sha256').update(token).digest('hex')])).toEqual([]);
  });

  it('the reference and a one-time code sent to the e-mail on record open the case, in the language filed in; the same answer for an unknown reference and a wrong code', async () => {
    const { reference } = await fileComplaint({ email: 'code@example.kr', language: 'en' });
    const asked = await api.call('POST', '/portal/codes', { body: { reference, email: 'CODE@example.kr' } });
    const unknownAsked = await api.call('POST', '/portal/codes', { body: { reference: '2020-999999', email: 'code@example.kr' } });
    const wrongAddress = await api.call('POST', '/portal/codes', { body: { reference, email: 'someone@example.kr' } });
    expect([asked.status, unknownAsked.status, wrongAddress.status]).toEqual([202, 202, 202]);
    expect(unknownAsked.body).toEqual(asked.body);
    expect(wrongAddress.body).toEqual(asked.body);
    const message = await eventually(async () => mail.messages.find((m) => m.subject?.includes('one-time code')), 'the code by e-mail');
    expect(JSON.stringify(message.to)).toContain('code@example.kr');
    expect(mail.messages.filter((m) => JSON.stringify(m.to).includes('someone@example.kr'))).toEqual([]);
    const code = /^(\d{6})$/m.exec(message.text!)![1]!;
    const wrong = code === '000000' ? '000001' : '000000';

    // No enumeration: an unknown reference and a wrong code get the same answer, in comparable time.
    const timed = async (body: object) => {
      const started = performance.now();
      const answer = await api.call('POST', '/portal/access', { body });
      return { answer, ms: performance.now() - started };
    };
    // The fastest of each: a load elsewhere on the machine only ever adds time, a path doing more work shows in its fastest too.
    const fastest = (values: number[]) => Math.min(...values);
    const unknownTimes: number[] = [];
    const wrongTimes: number[] = [];
    let unknown: Awaited<ReturnType<typeof timed>> | undefined;
    for (let i = 0; i < 4; i++) {
      unknown = await timed({ reference: '2020-999999', code: wrong });
      unknownTimes.push(unknown.ms);
      const wrongCode = await timed({ reference, code: wrong });
      wrongTimes.push(wrongCode.ms);
      expect(wrongCode.answer.status).toBe(404);
      expect(wrongCode.answer.body).toEqual(unknown.answer.body);
    }
    expect(Math.abs(fastest(unknownTimes) - fastest(wrongTimes))).toBeLessThan(25);

    const opened = await api.call('POST', '/portal/access', { body: { reference, code } });
    expect(opened.status).toBe(201);
    // In the language filed in, as the filing's link.
    expect(opened.body.followUpUrl).toMatch(/\/\?lang=en#\/portal\/case\/[A-Za-z0-9_-]{43}$/);
    expect((await api.call('GET', `/portal/cases/${tokenOf(opened.body.followUpUrl)}`)).body.reference).toBe(reference);
    // A code works once.
    expect((await api.call('POST', '/portal/access', { body: { reference, code } })).status).toBe(404);
  });

  it('a code stops working after five wrong tries', async () => {
    const { reference } = await fileComplaint({ email: 'tries@example.kr', language: 'en' });
    await api.call('POST', '/portal/codes', { body: { reference, email: 'tries@example.kr' } });
    const message = await eventually(async () => mail.messages.find((m) => m.subject?.includes('one-time code') && JSON.stringify(m.to).includes('tries@')), 'the code');
    const code = /^(\d{6})$/m.exec(message.text!)![1]!;
    const wrong = code === '000000' ? '000001' : '000000';
    for (let i = 0; i < 5; i++) await api.call('POST', '/portal/access', { body: { reference, code: wrong } });
    expect((await api.call('POST', '/portal/access', { body: { reference, code } })).status).toBe(404);
  });

  it('a reference is taken in its canonical form: its padded spellings share one code and one count of tries; what names no case is refused naming reference', async () => {
    const { reference } = await fileComplaint({ email: 'padded@example.kr', language: 'en' });
    const [year, number] = reference.split('-') as [string, string];
    const padded = (zeros: number) => `${year}-${'0'.repeat(zeros)}${number}`;
    const codeSent = async (after: number) => {
      const message = await eventually(async () => mail.messages.slice(after).find((m) => m.subject?.includes('one-time code') && JSON.stringify(m.to).includes('padded@')), 'the code');
      expect(message.text).toContain(`complaint ${reference},`);
      return /^(\d{6})$/m.exec(message.text!)![1]!;
    };
    // Asked for by a padded spelling, the code opens the case by the reference as it is.
    let before = mail.messages.length;
    expect((await api.call('POST', '/portal/codes', { body: { reference: padded(1), email: 'padded@example.kr' } })).status).toBe(202);
    const first = await codeSent(before);
    expect((await api.call('POST', '/portal/access', { body: { reference, code: first } })).status).toBe(201);
    // Five wrong tries, each by another spelling, spend the code's tries: the right code no longer opens it.
    before = mail.messages.length;
    await api.call('POST', '/portal/codes', { body: { reference, email: 'padded@example.kr' } });
    const second = await codeSent(before);
    const wrong = second === '000000' ? '000001' : '000000';
    for (let zeros = 1; zeros <= 5; zeros++) expect((await api.call('POST', '/portal/access', { body: { reference: padded(zeros), code: wrong } })).status).toBe(404);
    expect((await api.call('POST', '/portal/access', { body: { reference: padded(2), code: second } })).status).toBe(404);
    // What names no case: a 400 naming the field and the rule, on both routes.
    const rule = 'must be a case reference: the year, a dash and the case number from 000001, e.g. 2026-000123';
    // A number (2026) too: the tester was told "must be shorter than or equal to 20 characters".
    for (const notAReference of [`${year}-000000`, '0999-000001', `${year}-12`, `${year}-00000a`, Number(year)]) {
      for (const [path, body] of [['/portal/codes', { reference: notAReference, email: 'padded@example.kr' }], ['/portal/access', { reference: notAReference, code: '123456' }]] as const) {
        const refused = await api.call('POST', path, { body });
        expect({ notAReference, path, status: refused.status, errors: refused.body.errors }).toEqual({ notAReference, path, status: 400, errors: [{ field: 'reference', rule }] });
      }
    }
  });

  it('a staff command cannot be given through the portal, nor may a complainant give a staff command', async () => {
    const { token } = await fileComplaint();
    expect((await api.call('POST', `/portal/cases/${token}/decide`, { body: {} })).status).toBe(404);
    expect((await api.call('POST', `/portal/cases/${token}/answers`, { body: { requestId: 'x', answer: 'y' } })).body.errors).toEqual([{ field: 'requestId', rule: 'must be a request addressed to you on this case' }]);
  });

  it('refuses a filing without consent to the use of the data, naming the field', async () => {
    const refused = await api.call('POST', '/portal/complaints', { body: filing({ consent: { personalData: false, email: false, sms: false } }) });
    expect(refused.status).toBe(400);
    expect(refused.body.errors.map((e: { field: string }) => e.field)).toEqual(['consent.personalData']);
  });
});

/** A POST whose Host and forwarding headers the test chooses (fetch will not send another Host). */
function postWithHeaders(url: string, path: string, body: object, headers: Record<string, string>): Promise<{ status: number; body: { followUpUrl: string } }> {
  return new Promise((resolve, reject) => {
    const sent = httpRequest(`${url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers } }, (response) => {
      let text = '';
      response.on('data', (chunk: Buffer) => (text += chunk.toString()));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body: JSON.parse(text) as { followUpUrl: string } }));
    });
    sent.on('error', reject);
    sent.end(JSON.stringify(body));
  });
}

describe("the follow-up link's address is the service's, never the request's", () => {
  const forged = { host: 'evil.example', 'x-forwarded-host': 'evil.example', 'x-forwarded-proto': 'https' };

  it('without PORTAL_URL the link, on the page and in the mail, names the service on localhost, whatever Host the request gives', async () => {
    const filed = await postWithHeaders(api.url, '/portal/complaints', filing({ email: 'host@example.kr' }), forged);
    expect(filed.status).toBe(201);
    expect(filed.body.followUpUrl).toMatch(new RegExp(`^http://localhost:${new URL(api.url).port}/\\?lang=ko#/portal/case/[A-Za-z0-9_-]{43}$`));
    const message = await eventually(async () => mail.messages.find((m) => JSON.stringify(m.to).includes('host@example.kr')), 'the link by e-mail');
    expect(message.text).toContain(filed.body.followUpUrl);
    expect(message.text).not.toContain('evil.example');
    // A Host that names the service itself is kept (a browser on this machine, or on the network, reaches it by that).
    const own = await postWithHeaders(api.url, '/portal/complaints', filing({ consent: { personalData: true, email: false, sms: false } }), { host: new URL(api.url).host });
    expect(own.body.followUpUrl.startsWith(`${api.url}/?lang=ko#/portal/case/`)).toBe(true);
  });

  it('with PORTAL_URL the link starts with it; in production without it the service warns at start', async () => {
    expect(loadConfig({ PORTAL_URL: 'https://minwon.example.go.kr/' }).portal?.publicUrl).toBe('https://minwon.example.go.kr');
    const configured = await startTestApi({ config: { portal: { publicUrl: 'https://minwon.example.go.kr', linkLifetimeDays: 365 } } });
    try {
      const filed = await postWithHeaders(configured.url, '/portal/complaints', filing({ consent: { personalData: true, email: false, sms: false } }), forged);
      expect(filed.body.followUpUrl).toMatch(/^https:\/\/minwon\.example\.go\.kr\/\?lang=ko#\/portal\/case\//);
    } finally {
      await configured.close();
    }
    const startLog = logCapture();
    const production = await startTestApi({ config: { production: true, port: 3000, logLevel: 'warn' }, logDestination: startLog });
    await production.close();
    expect(startLog.text()).toContain('PORTAL_URL is not set, so the follow-up links complainants are sent name this service\'s own address (http://localhost:3000');
  });
});

describe("the survey asks the catalog's elements", () => {
  const satisfactionElements = [
    { code: 'reachability', name: { ko: '연락의 용이성', en: 'How easy we were to reach' } },
    { code: 'explanation', name: { ko: '처리결과 설명의 충분성', en: 'Explanation of the result' } },
    { code: 'overall', name: { ko: '전반적 만족도', en: 'Overall satisfaction' } },
  ];
  let operated: TestApi;
  beforeAll(async () => {
    operated = await startTestApi({ config: { catalog: { ...DEFAULT_CATALOG, satisfactionElements } } });
  });
  afterAll(() => operated?.close());

  it("an operator's satisfactionElements are what the portal case offers, and every one answered is stored", async () => {
    const filed = await operated.call('POST', '/portal/complaints', { body: filing({ consent: { personalData: true, email: false, sms: false } }) });
    const { reference } = filed.body as { reference: string };
    const token = tokenOf(filed.body.followUpUrl);
    expect((await operated.call('GET', `/portal/cases/${token}`)).body.surveyQuestions).toEqual(satisfactionElements);
    const step = async (as: TokenClaims, command: string, body: object = {}) => expect((await operated.call('POST', `/complaints/${reference}/${command}`, { as, body })).status).toBe(200);
    await step(staff.intake, 'assign');
    await step(staff.handler, 'record-findings', { summary: 'Seal worn', subjects: [] });
    await step(staff.head, 'decide', { outcome: 'upheld', basis: 'Gas Safety Act art. 17' });
    await step(staff.head, 'communicate-decision', { channel: 'homepage', basis: 'Gas Safety Act art. 17', appeal: 'Within 90 days to the ministry' });
    await step(staff.head, 'close');
    const scores = { reachability: 2, explanation: 5, overall: 4 };
    const answered = await operated.call('POST', `/portal/cases/${token}/survey`, { body: { scores } });
    expect(answered.body).toMatchObject({ survey: 'answered', surveyQuestions: satisfactionElements });
    expect((await operated.call('GET', `/complaints/${reference}`, { as: staff.office })).body.satisfaction.scores).toEqual(scores);
  });
});

describe('the portal against abuse', () => {
  let limited: TestApi;
  let now = new Date();
  beforeAll(async () => {
    limited = await startTestApi({ clock: () => new Date(now), config: { portal: { linkLifetimeDays: 2, rateLimits: { perAddressPerMinute: 12, perCasePerMinute: 4 } } } });
  });
  afterAll(() => limited?.close());

  it('every portal route is in the API document with its body schema (the hostile-input test sends hostile values to each)', async () => {
    const doc = (await api.call('GET', '/openapi.json')).body;
    for (const [path, schema] of [['/portal/complaints', 'PortalComplaintBody'], ['/portal/cases/{token}/answers', 'PortalAnswerBody'], ['/portal/cases/{token}/withdraw', 'PortalReasonBody'], ['/portal/cases/{token}/amend', 'PortalAmendBody'], ['/portal/cases/{token}/survey', 'RecordSatisfactionBody']]) {
      expect(doc.paths[path!].post.requestBody.content['application/json'].schema.$ref).toBe(`#/components/schemas/${schema}`);
    }
    expect(doc.paths['/portal/cases/{token}'].get).toBeDefined();
  });

  it('a link stops working when it expires, with the answer an unknown link gets', async () => {
    const filed = await limited.call('POST', '/portal/complaints', { body: filing() });
    const token = tokenOf(filed.body.followUpUrl);
    expect((await limited.call('GET', `/portal/cases/${token}`)).status).toBe(200);
    now = new Date(now.getTime() + 3 * 86_400_000);
    const expired = await limited.call('GET', `/portal/cases/${token}`);
    const unknown = await limited.call('GET', `/portal/cases/${'A'.repeat(43)}`);
    expect(expired.status).toBe(404);
    expect(expired.body).toEqual(unknown.body);
  });

  it('a complaint text over the size limit is refused naming the field', async () => {
    const refused = await limited.call('POST', '/portal/complaints', { body: filing({ description: 'x'.repeat(5_001) }) });
    expect(refused.status).toBe(400);
    expect(refused.body.errors[0].field).toBe('description');
  });

  it('a blank name or a phone without digits is refused naming the field, not taken as an unidentified complainant', async () => {
    for (const [changes, field, rule] of [
      [{ name: '   ' }, 'name', 'must not be blank'],
      [{ phone: '+++' }, 'phone', 'must be at least three digits, with spaces, +, - or brackets (3 to 30 characters)'],
      [{ phone: '   ' }, 'phone', 'must be at least three digits, with spaces, +, - or brackets (3 to 30 characters)'],
    ] as const) {
      const refused = await api.call('POST', '/portal/complaints', { body: filing(changes) });
      expect(refused).toMatchObject({ status: 400, body: { errors: [{ field, rule }] } });
    }
    expect((await api.call('POST', '/portal/complaints', { body: filing({ phone: '+82 (10) 1234-5678' }) })).status).toBe(201);
  });

  it('limits requests per case link and per address (429 with the seconds to wait)', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await limited.call('GET', `/portal/cases/${'B'.repeat(43)}`)).status);
    expect(statuses).toEqual([404, 404, 404, 404, 429, 429]);
    const refused = await limited.call('GET', `/portal/cases/${'B'.repeat(43)}`);
    expect(refused.body).toMatchObject({ statusCode: 429, retryAfterSeconds: expect.any(Number) });
    const other: number[] = [];
    for (let i = 0; i < 8; i++) other.push((await limited.call('GET', '/portal/form')).status);
    expect(other).toContain(429);
  });

});
