/**
 * What the complainant reads on the portal of what staff wrote: staff's words never read as the
 * complainant's own, and how a case ended says what happened (src/portal/portal-view.ts).
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { TokenClaims } from '../../src/auth/sign-token.js';
import { loadNoticesConfig } from '../../src/config/config.js';
import { SEEN_ON_THE_PORTAL } from '../../src/portal/portal-docs.js';
import { complaintBody, staff, startTestApi, type TestApi } from '../support/api.js';
import { eventually, startMailServer, type MailServer } from '../notices/servers.js';

let api: TestApi;
let mail: MailServer;
let now = new Date();

beforeAll(async () => {
  mail = await startMailServer();
  api = await startTestApi({
    clock: () => new Date(now),
    config: {
      notices: loadNoticesConfig({ SMTP_URL: mail.url, NOTICE_FROM: 'minwon@example.go.kr' }),
      portal: { linkLifetimeDays: 365, rateLimits: { perAddressPerMinute: 1_000, perCasePerMinute: 1_000 }, filingLimit: { filings: 1_000, windowMs: 3_600_000 } },
    },
  });
});
afterAll(async () => {
  await api?.close();
  await mail?.close();
});

const tokenOf = (url: string) => /#\/portal\/case\/([A-Za-z0-9_-]{43})/.exec(url)![1]!;

/** A case filed on the portal, its staff commands and what its link shows. */
async function filed(description = '계량기에서 가스 냄새가 납니다.') {
  const answer = await api.call('POST', '/portal/complaints', {
    body: { category: 'defective-facility', description, name: '김민수', phone: '010-1234-5678', consent: { personalData: true, email: false, sms: false }, language: 'ko' },
  });
  expect(answer.status).toBe(201);
  const { reference, followUpUrl } = answer.body as { reference: string; followUpUrl: string };
  const token = tokenOf(followUpUrl);
  const step = async (as: TokenClaims, command: string, body: object = {}) => {
    const done = await api.call('POST', `/complaints/${reference}/${command}`, { as, body });
    expect({ command, status: done.status, body: done.status === 200 ? undefined : done.body }).toEqual({ command, status: 200, body: undefined });
    return done.body;
  };
  const follow = async () => (await api.call('GET', `/portal/cases/${token}`)).body;
  const portal = async (action: string, body: object) => {
    const done = await api.call('POST', `/portal/cases/${token}/${action}`, { body });
    expect(done.status).toBe(200);
    return done.body;
  };
  return { reference, token, step, follow, portal };
}

describe("staff's words never read as the complainant's", () => {
  it('an answer staff recorded to a request addressed to the complainant shows only that and when it was answered, never its text; an answer given on the portal shows as theirs', async () => {
    const { step, follow, portal } = await filed();
    await step(staff.intake, 'assign');
    await step(staff.handler, 'request-information', { addressee: 'complainant', request: 'When did you first notice the smell?' });
    await step(staff.handler, 'request-information', { addressee: 'complainant', request: 'Send a photo of the meter' });
    const [byPhone, onThePortal] = (await follow()).informationRequests as { requestId: string }[];
    await step(staff.handler, 'receive-information', { requestId: byPhone!.requestId, summary: 'Phoned by Officer Choi (ext 4412): since Monday; hostile; flag as difficult complainant' });
    await portal('answers', { requestId: onThePortal!.requestId, answer: 'Photo sent by post.' });

    const shown = await follow();
    expect(shown.informationRequests).toEqual([
      { requestId: byPhone!.requestId, request: 'When did you first notice the smell?', dueAt: expect.any(String), answeredAt: expect.any(String), answeredBy: 'staff', answer: null },
      { requestId: onThePortal!.requestId, request: 'Send a photo of the meter', dueAt: expect.any(String), answeredAt: expect.any(String), answeredBy: 'complainant', answer: 'Photo sent by post.' },
    ]);
    expect(JSON.stringify(shown)).not.toMatch(/Choi|4412|hostile|difficult/);
  });

  it('the description staff amended reads as the complaint as recorded (descriptionBy staff) until the complainant changes it on the portal', async () => {
    const { step, follow, portal } = await filed('가스 냄새');
    expect(await follow()).toMatchObject({ description: '가스 냄새', descriptionBy: 'complainant' });
    await step(staff.intake, 'assign');
    await step(staff.handler, 'amend', { description: 'Gas smell at meter GM-4471 (as told by phone)', reason: 'Complainant phoned with the meter number' });
    const recorded = await follow();
    expect(recorded).toMatchObject({ description: 'Gas smell at meter GM-4471 (as told by phone)', descriptionBy: 'staff', mayAmend: true });
    // Staff's reason for amending stays theirs.
    expect(JSON.stringify(recorded)).not.toContain('phoned with the meter number');
    expect(await portal('amend', { description: '계량기 GM-4471에서 가스 냄새가 납니다.', reason: '번호를 적었습니다' })).toMatchObject({ descriptionBy: 'complainant', description: '계량기 GM-4471에서 가스 냄새가 납니다.' });
  });

  it('a complaint staff received (by phone, at the counter) reads as the complaint as recorded when its complainant follows it with a link', async () => {
    const received = await api.call('POST', '/complaints', {
      as: staff.intake,
      body: complaintBody({ description: 'Caller reports a gas smell near the meter', complainant: { name: '이영희', email: 'younghee@example.kr' }, consent: { sms: false, email: true } }),
    });
    expect(received.status).toBe(201);
    const { reference } = received.body as { reference: string };
    expect((await api.call('POST', '/follow-up-links', { as: staff.office, body: { complaint: reference, channel: 'email' } })).status).toBe(201);
    const message = await eventually(async () => mail.messages.find((m) => JSON.stringify(m.to).includes('younghee@example.kr') && m.text?.includes('#/portal/case/')), 'the link by e-mail');
    expect((await api.call('GET', `/portal/cases/${tokenOf(message.text!)}`)).body).toMatchObject({ description: 'Caller reports a gas smell near the meter', descriptionBy: 'staff' });
  });

  it('of every staff command, the portal shows the texts the API description says it shows, and none of those it says it never shows', async () => {
    const { step, follow } = await filed();
    await step(staff.intake, 'assign');
    await step(staff.handler, 'request-information', { addressee: 'complainant', request: 'shown:request' });
    const [request] = (await follow()).informationRequests as { requestId: string }[];
    await step(staff.handler, 'receive-information', { requestId: request!.requestId, summary: 'never:summary' });
    await step(staff.handler, 'send-interim-notice', { channel: 'homepage', progress: 'shown:progress', delayReason: 'shown:delayReason', expectedBy: '2099-12-30T18:00:00+09:00' });
    // The date the notice told them to expect the answer by, beside the due date (the mail says it too).
    expect(await follow()).toMatchObject({ expectedBy: '2099-12-30T09:00:00.000Z', interimNotices: [{ progress: 'shown:progress', delayReason: 'shown:delayReason', expectedBy: '2099-12-30T09:00:00.000Z' }] });
    await step(staff.handler, 'request-supplement', { channel: 'in-person', request: 'shown:supplement', note: 'never:supplementNote' });
    const asked = JSON.stringify(await follow());
    await step(staff.handler, 'amend', { description: 'shown:amendedDescription', reason: 'never:amendReason' });
    await step(staff.handler, 'record-findings', { summary: 'never:findings', subjects: [{ id: 'emp-7', kind: 'employee', substantiated: true, reason: 'procedure-error' }] });
    await step(staff.head, 'decide', { outcome: 'upheld', basis: 'never:decisionBasis', remedy: 'shown:remedy', compensation: { amount: 10_000, currency: 'KRW', description: 'shown:compensation' } });
    await step(staff.head, 'communicate-decision', { channel: 'homepage', basis: 'shown:toldBasis', appeal: 'shown:appeal' });
    await step(staff.handler, 'provide-compensation', { form: 'goods', description: 'shown:handedOver', amount: 10_000, currency: 'KRW', providedBy: 'never:providedBy' });
    await step(staff.head, 'close', { note: 'never:closeNote' });
    const shown = `${asked} ${JSON.stringify(await follow())}`;
    for (const text of ['request', 'progress', 'delayReason', 'supplement', 'amendedDescription', 'remedy', 'compensation', 'toldBasis', 'appeal', 'handedOver']) expect(shown).toContain(`shown:${text}`);
    expect(shown).not.toContain('never:');

    // The API description tells whoever writes each of these who reads it.
    const { components, paths } = (await api.call('GET', '/openapi.json')).body;
    for (const { schema, fields } of SEEN_ON_THE_PORTAL) {
      for (const [field, said] of Object.entries(fields)) expect({ schema, field, description: components.schemas[schema].properties[field].description }).toEqual({ schema, field, description: expect.stringContaining(said) });
    }
    expect(components.schemas.ReceiveInformationBody.properties.summary.description).toMatch(/^Never shown on the complaint portal when recorded by staff/);
    expect(components.schemas.AmendBody.properties.description.description).toContain('The complainant sees this on the complaint portal');
    expect(paths['/complaints/{id}/send-interim-notice'].post.description).toBe('The complainant reads `progress`, `delayReason`, `expectedBy` on the complaint portal: see each field.');
    expect(paths['/complaints'].post.description).toContain('`description`, `attachments`');
  });
});

describe('how a case ended, in terms of what happened', () => {
  it('a case closed because the complainant could not be reached reads as such (closed-unreachable), not as withdrawn; one they withdrew reads as withdrawn', async () => {
    const { step, follow } = await filed();
    await step(staff.intake, 'assign');
    now = new Date(now.getTime() + 30 * 86_400_000);
    await step(staff.handler, 'request-supplement', { channel: 'in-person', request: 'The meter number, please', note: 'Asked at the counter to call back' });
    await step(staff.head, 'close', { reason: 'complainant-unreachable', note: 'Never called back; the number given is not in service' });
    expect(await follow()).toMatchObject({ stage: 'closed-unreachable', exclusion: null, mayWithdraw: false });

    const withdrawn = await filed();
    expect((await withdrawn.portal('withdraw', { reason: 'Fixed by the landlord' })).stage).toBe('withdrawn');
  });

  it('a case reopened says so and keeps the result told before as the earlier result, never the reason staff gave (a portal tester saw the result vanish)', async () => {
    const { step, follow } = await filed();
    expect(await follow()).toMatchObject({ reopenedAt: null, earlierDecision: null });
    await step(staff.intake, 'assign');
    await step(staff.handler, 'record-findings', { summary: 'Seal worn', subjects: [{ id: 'emp-7', kind: 'employee', substantiated: true, reason: 'procedure-error' }] });
    await step(staff.head, 'decide', { outcome: 'upheld', basis: 'never:decisionBasis', remedy: 'Seal replaced', compensation: { amount: 10_000, currency: 'KRW', description: 'Gift card' } });
    await step(staff.head, 'communicate-decision', { channel: 'homepage', basis: 'Gas Safety Act art. 17', appeal: 'Within 90 days' });
    await step(staff.head, 'close', {});
    const told = (await follow()).decision;
    expect(told).toMatchObject({ outcome: 'upheld', basis: 'Gas Safety Act art. 17', remedy: 'Seal replaced' });
    now = new Date(now.getTime() + 3_600_000);
    await step(staff.office, 'reopen', { reason: 'never:reopenReason (the inspector missed the second meter)' });
    const reopened = await follow();
    expect(reopened).toMatchObject({ stage: 'in-progress', decision: null, reopenedAt: now.toISOString(), earlierDecision: told });
    expect(JSON.stringify(reopened)).not.toContain('never:');
  });

  it('a case excluded at the initial assessment carries the ground of its exclusion, never the note', async () => {
    const { step, follow } = await filed();
    expect((await follow()).exclusion).toBeNull();
    await step(staff.intake, 'assess', { exclusion: 'private-law', note: 'Tenancy dispute between neighbours: court matter (Officer Choi)' });
    const shown = await follow();
    expect(shown).toMatchObject({ stage: 'not-a-complaint', exclusion: 'private-law' });
    expect(JSON.stringify(shown)).not.toMatch(/Tenancy|Choi/);
  });
});
