import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { loadNoticesConfig } from '../../src/config/config.js';
import { complaintBody, staff, startTestApi, type TestApi } from '../support/api.js';
import { eventually, logCapture, startMailServer, type MailServer } from '../notices/servers.js';

let api: TestApi;
let mail: MailServer;
let now = new Date();
const logs = logCapture();

beforeAll(async () => {
  mail = await startMailServer();
  api = await startTestApi({
    clock: () => new Date(now),
    config: { notices: loadNoticesConfig({ SMTP_URL: mail.url, NOTICE_FROM: 'minwon@example.go.kr' }), logLevel: 'info' },
    logDestination: logs,
  });
});
afterAll(async () => {
  await api?.close();
  await mail?.close();
});

const filing = (overrides: Record<string, unknown> = {}) => ({
  category: 'defective-facility', description: '계량기에서 가스 냄새가 납니다.', name: '김순자', phone: '010-3333-4444',
  consent: { personalData: true, email: false, sms: true }, language: 'ko', ...overrides,
});

describe('a portal filing gives a way to reach the complainant', () => {
  it('without an e-mail address or a phone number it is refused naming both, with the other fields to fix; staff intake still receives an unidentified complaint', async () => {
    const rule = 'give an e-mail address or a phone number, or both: without one you cannot be told what becomes of the complaint';
    const refused = await api.call('POST', '/portal/complaints', { body: filing({ phone: undefined, consent: { personalData: true, email: false, sms: false }, description: '' }) });
    expect(refused.status).toBe(400);
    expect(refused.body.errors).toEqual([{ field: 'description', rule: 'should not be empty' }, { field: 'email', rule }, { field: 'phone', rule }]);
    const blank = await api.call('POST', '/portal/complaints', { body: filing({ phone: '', email: '' }) });
    expect(blank.body.errors).toEqual([{ field: 'email', rule }, { field: 'phone', rule }]);
    // A phone number alone will do, and so will an e-mail address alone.
    expect((await api.call('POST', '/portal/complaints', { body: filing() })).status).toBe(201);
    expect((await api.call('POST', '/portal/complaints', { body: filing({ phone: undefined, email: 'soonja@example.kr', consent: { personalData: true, email: true, sms: false } }) })).status).toBe(201);
    // Receipt is never refused: staff take a complaint from someone who gives no contact.
    const unidentified = await api.call('POST', '/complaints', { as: staff.intake, body: complaintBody({ complainant: { name: '익명' }, consent: { sms: false, email: false } }) });
    expect(unidentified).toMatchObject({ status: 201, body: { unidentified: true } });
  });
});

describe('one-time codes', () => {
  const codesTo = (address: string) => mail.messages.filter((m) => m.subject?.includes('one-time code') && JSON.stringify(m.to).includes(address));
  const codeOf = (message: { text?: string }) => /^(\d{6})$/m.exec(message.text!)![1]!;

  it('a case gets at most three codes an hour, and five wrong tries in all: a new code brings no new tries', async () => {
    const address = 'codes@example.kr';
    const filed = await api.call('POST', '/portal/complaints', { body: filing({ email: address, consent: { personalData: true, email: true, sms: true }, language: 'en' }) });
    const { reference } = filed.body as { reference: string };
    const ask = async (count: number) => {
      expect((await api.call('POST', '/portal/codes', { body: { reference, email: address } })).status).toBe(202);
      return codeOf(await eventually(async () => codesTo(address)[count - 1], `code ${count}`));
    };
    const open = async (code: string) => (await api.call('POST', '/portal/access', { body: { reference, code } })).status;
    const wrong = (code: string) => (code === '000000' ? '000001' : '000000');
    const first = await ask(1);
    for (let i = 0; i < 3; i++) expect(await open(wrong(first))).toBe(404);
    const second = await ask(2);
    for (let i = 0; i < 2; i++) expect(await open(wrong(second))).toBe(404);
    // Five wrong tries across the two codes: the right one no longer opens the case.
    expect(await open(second)).toBe(404);
    await ask(3);
    // A fourth request in the hour gets the same answer and sends nothing.
    const answer = await api.call('POST', '/portal/codes', { body: { reference, email: address } });
    expect(answer).toMatchObject({ status: 202, body: { message: expect.stringContaining('at most 3 codes an hour') } });
    await eventually(async () => logs.text().includes('no one-time code sent: the case had its codes of the hour'), 'the refusal in the log');
    expect(codesTo(address)).toHaveLength(3);
    // An hour on, a new window: a code, and its tries.
    now = new Date(now.getTime() + 61 * 60_000);
    const later = await ask(4);
    expect(await open(wrong(later))).toBe(404);
    expect(await open(later)).toBe(201);
  });
});
