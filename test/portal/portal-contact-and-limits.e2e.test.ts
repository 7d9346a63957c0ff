import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { complaintBody, staff, startTestApi, type TestApi } from '../support/api.js';

let api: TestApi;

beforeAll(async () => {
  api = await startTestApi();
});
afterAll(async () => {
  await api?.close();
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
