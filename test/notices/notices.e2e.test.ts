import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_SATISFACTION_ELEMENTS } from '../../domain/catalog.js';
import type { Complainant, Consent } from '../../domain/complaint/events.js';
import { loadNoticesConfig, type NoticesConfig } from '../../src/config/config.js';
import type { EventStore, StoredEvent } from '../../src/event-store/event-store.js';
import type { SqlClient } from '../../src/sql/index.js';
import type { ProjectionRunner } from '../../src/projections/projection-runner.js';
import { EVENT_STORE } from '../../src/event-store/index.js';
import { PROJECTIONS } from '../../src/projections/index.js';
import { READ_MODELS } from '../../src/read-models/index.js';
import { complaintBody, staff, startTestApi, type TestApi } from '../support/api.js';
import { emptyPgliteCluster } from '../support/pglite.js';
import { dropSchema, uniqueSchemaName } from '../support/postgres.js';
import { eventually, logCapture, startMailServer, startSmsGateway, type MailServer, type SmsGateway } from './servers.js';

const JANE: Complainant = { name: 'Jane Roe', phone: '010-5555-0101', email: 'jane.roe@example.org', language: 'en' };
const MINSU: Complainant = { name: '김민수', phone: '010-1234-5678', email: 'minsu@example.kr' };
const SEOYEON: Complainant = { name: '박서연', phone: '010-2222-3333', email: 'seoyeon@example.kr' };
const UNREACHABLE_PHONE: Complainant = { name: '최가람', phone: '010-9999-0000' };
const FLAKY_PHONE: Complainant = { name: '정하늘', phone: '010-7777-0000', language: 'en' };
const UNKNOWN_MAILBOX: Complainant = { name: '이몽룡', email: 'mongryong@example.kr' };
const FORGOTTEN: Complainant = { name: '성춘향', email: 'chunhyang@example.kr' };
const KEPT: Complainant = { name: '윤도현', email: 'dohyun@example.kr' };
const many = (i: number): Complainant => ({ name: `홍길동${i}`, email: `gildong${i}@example.kr` });
const DESCRIPTION = complaintBody().description as string;

const BOTH: Consent = { sms: true, email: true, phone: false };
const SMS_ONLY: Consent = { sms: true, email: false, phone: false };
const EMAIL_ONLY: Consent = { sms: false, email: true, phone: false };
const NONE: Consent = { sms: false, email: false, phone: false };

let mail: MailServer;
let sms: SmsGateway;
const logs = logCapture();
let api: TestApi;

const noticesConfig = (): NoticesConfig => ({
  ...loadNoticesConfig({}),
  email: { smtpUrl: mail.url, from: 'Complaints office <minwon@example.go.kr>' },
  sms: { gatewayUrl: sms.url },
  pollIntervalMs: 50,
  retry: { firstDelayMs: 150, maxDelayMs: 1_000, maxAttempts: 3 },
  sendTimeoutMs: 5_000,
});
const PORTAL = { publicUrl: 'https://minwon.example.go.kr', linkLifetimeDays: 365 };
const start = (options: { schema?: string; notices?: NoticesConfig } = {}) =>
  startTestApi({ schema: options.schema, config: { notices: options.notices ?? noticesConfig(), portal: PORTAL, logLevel: 'debug' }, logDestination: logs });

beforeAll(async () => {
  mail = await startMailServer((to) => (to === UNKNOWN_MAILBOX.email ? `<${to}>: no mailbox for ${UNKNOWN_MAILBOX.name} here` : undefined));
  sms = await startSmsGateway((request, earlierTries) => {
    if (request.to === UNREACHABLE_PHONE.phone) return 503;
    if (request.to === FLAKY_PHONE.phone && earlierTries === 0) return 502;
    return 200;
  });
  api = await start();
});
afterAll(async () => {
  await api?.close();
  await mail?.close();
  await sms?.close();
});

async function file(on: TestApi, complainant: Complainant, consent: Consent): Promise<{ id: string; reference: string; complainantKey: string }> {
  const { status, body } = await on.call('POST', '/complaints', { as: staff.intake, body: complaintBody({ complainant, consent }) });
  expect(status).toBe(201);
  // The pseudonymous key is the complaints office's to read (intake's answer does not show it).
  const { complainantKey } = (await on.call('GET', `/complaints/${body.id}`, { as: staff.office })).body;
  return { id: body.id as string, reference: body.reference as string, complainantKey: complainantKey as string };
}

async function step(on: TestApi, id: string, actor: (typeof staff)[keyof typeof staff], command: string, body: unknown = {}): Promise<void> {
  const response = await on.call('POST', `/complaints/${id}/${command}`, { as: actor, body });
  expect({ command, status: response.status }).toEqual({ command, status: 200 });
}

async function walkToClosure(on: TestApi, id: string, channel: 'sms' | 'email'): Promise<void> {
  await step(on, id, staff.intake, 'acknowledge');
  await step(on, id, staff.intake, 'assign');
  await step(on, id, staff.handler, 'send-interim-notice', { channel, progress: 'Site visit done', delayReason: 'Waiting for the lab', expectedBy: '2026-12-24T18:00:00+09:00' });
  await step(on, id, staff.handler, 'record-findings', { summary: 'Seal worn', subjects: [] });
  await step(on, id, staff.head, 'decide', { outcome: 'partly-upheld', basis: 'Gas Safety Act art. 17', remedy: 'Seal replaced' });
  await step(on, id, staff.head, 'communicate-decision', { channel, basis: 'Gas Safety Act art. 17', appeal: 'Write to the ministry within 90 days' });
  await step(on, id, staff.head, 'close');
}

const streamOf = (on: TestApi, id: string): Promise<StoredEvent[]> => on.app.get<EventStore>(EVENT_STORE).readStream(`complaint-${id}`);
const outcomesOf = async (on: TestApi, id: string) => (await streamOf(on, id)).filter((e) => e.type === 'NoticeDelivered' || e.type === 'NoticeFailed');
const sqlOf = (on: TestApi) => on.app.get<{ sql: SqlClient }>(READ_MODELS).sql;
const rowsOf = (on: TestApi, id: string) =>
  sqlOf(on).query<{ notice_id: string; kind: string; channel: string; status: string; attempts: number; last_error: string | null }>(
    `SELECT notice_id, kind, channel, status, attempts, last_error FROM "${on.schema}".notices WHERE complaint_id = $1 ORDER BY kind, channel`,
    [id],
  );
const delivered = async (on: TestApi, id: string, count: number) =>
  eventually(async () => {
    const events = (await outcomesOf(on, id)).filter((e) => e.type === 'NoticeDelivered');
    return events.length >= count && events;
  }, `${count} notices delivered for ${id}`);
const mailTo = (address: string | undefined) => mail.messages.filter((m) => m.to && !Array.isArray(m.to) && m.to.value[0]?.address === address);
const smsTo = (phone: string | undefined) => sms.delivered().filter((r) => r.to === phone);
const settle = () => new Promise((resolve) => setTimeout(resolve, 600));

describe('the notices a complaint walked through the API brings', () => {
  it('are exactly the acknowledgement, the interim notice, the decision and the survey invitation, on the consented channels, in the complainant\'s language', async () => {
    const { id, reference } = await file(api, JANE, BOTH);
    await walkToClosure(api, id, 'sms');
    const deliveries = await delivered(api, id, 5);
    await settle();

    // E-mail first for the acknowledgement; the interim notice and the decision on the channel staff chose (rule 2); the survey on both.
    const emails = mailTo(JANE.email);
    expect(emails.map((m) => m.subject)).toEqual([
      // Notices print the case's human reference.
      `We have received your complaint (reference ${reference})`,
      `How did we handle your complaint? (reference ${reference})`,
    ]);
    expect(emails[0]!.text).toContain('Dear Jane Roe,');
    expect(emails[0]!.html).toContain('<p>Dear Jane Roe,</p>');
    const texts = smsTo(JANE.phone).map((r) => r.text);
    expect(texts).toHaveLength(3);
    expect(texts[0]).toContain('Progress: Site visit done');
    expect(texts[0]).toContain('Expected by: 24 December 2026');
    expect(texts[1]).toBe(`Your complaint ${reference}\nDecision: partly upheld\nBasis: Gas Safety Act art. 17\nWhat we will do: Seal replaced\nTo appeal: Write to the ministry within 90 days`);
    expect(texts[2]).toContain(`How did we handle your complaint ${reference}?`);

    // Each message carries its notice id: the Message-ID of an e-mail, the id of an SMS.
    const ids = deliveries.map((e) => e.data.noticeId as string);
    expect(new Set(ids).size).toBe(5);
    expect(emails.map((m) => m.messageId).sort()).toEqual(
      deliveries.filter((e) => e.data.channel === 'email').map((e) => `<${e.data.noticeId as string}@example.go.kr>`).sort(),
    );
    expect(smsTo(JANE.phone).map((r) => r.id).sort()).toEqual(deliveries.filter((e) => e.data.channel === 'sms').map((e) => e.data.noticeId).sort());
    expect(deliveries[0]).toMatchObject({ metadata: { actorId: 'notice-sender', actorRole: 'system' } });

    // The outbox holds no personal data, and every row is sent after one try.
    await eventually(async () => (await rowsOf(api, id)).every((r) => r.status === 'sent') || undefined, 'every row sent');
    const rows = await rowsOf(api, id);
    expect(rows.map((r) => [r.kind, r.channel, r.status, r.attempts])).toEqual([
      ['acknowledgement', 'email', 'sent', 1],
      ['decision', 'sms', 'sent', 1],
      ['interim-notice', 'sms', 'sent', 1],
      ['satisfaction-survey', 'email', 'sent', 1],
      ['satisfaction-survey', 'sms', 'sent', 1],
    ]);
    const table = JSON.stringify(await sqlOf(api).query(`SELECT * FROM "${api.schema}".notices`));
    for (const personal of [JANE.name, JANE.email!, JANE.phone!]) expect(table).not.toContain(personal);

    // The case shows what became of each notice; the outcomes moved nothing.
    const view = await api.call('GET', `/complaints/${id}`, { as: staff.office });
    expect(view.body.state).toBe('closed');
    expect(view.body.notices).toHaveLength(5);
    expect(view.body.allowedCommands).toEqual(['reopen', 'record-satisfaction', 'mark-confidential']);
  });

  it('a delivery report appended after a command does not make the revision the client saw stale', async () => {
    const { id } = await file(api, { ...MINSU, email: 'stale-check@example.kr', phone: '010-9999-0001' }, BOTH);
    const acknowledged = await api.call('POST', `/complaints/${id}/acknowledge`, { as: staff.intake, body: {} });
    await delivered(api, id, 1);
    const etag = acknowledged.headers.get('etag')!;
    const assess = await api.call('POST', `/complaints/${id}/assess`, { as: staff.intake, body: { severity: 'low', safetyIssue: false }, headers: { 'if-match': etag } });
    expect(assess.status).toBe(200);
    const stale = await api.call('POST', `/complaints/${id}/assign`, { as: staff.intake, body: {}, headers: { 'if-match': etag } });
    expect(stale.status).toBe(412);
  });

  it('are in Korean unless the complainant chose another language', async () => {
    const { id, reference } = await file(api, MINSU, BOTH);
    await step(api, id, staff.intake, 'acknowledge');
    await delivered(api, id, 1);
    expect(mailTo(MINSU.email).map((m) => m.subject)).toEqual([`[민원 접수] 민원이 접수되었습니다 (접수번호 ${reference})`]);
    expect(mailTo(MINSU.email)[0]!.text).toContain('김민수 님, 안녕하십니까.');
  });
});

describe('consent', () => {
  it('to SMS only brings no e-mail', async () => {
    const { id, reference } = await file(api, SEOYEON, SMS_ONLY);
    await step(api, id, staff.intake, 'acknowledge');
    await step(api, id, staff.intake, 'assign');
    await step(api, id, staff.handler, 'send-interim-notice', { channel: 'sms', progress: '현장 확인 완료', delayReason: '검사 결과 대기' });
    await delivered(api, id, 2);
    await settle();
    expect(mailTo(SEOYEON.email)).toEqual([]);
    expect(smsTo(SEOYEON.phone).map((r) => r.text.split('\n')[0])).toEqual(['[민원 접수] 박서연 님의 민원이 접수되었습니다.', `[민원 중간 안내] 접수번호 ${reference}`]);
  });

  it('to nothing brings no notice at all', async () => {
    const { id } = await file(api, { ...SEOYEON, name: '무동의' }, NONE);
    await step(api, id, staff.intake, 'acknowledge');
    await step(api, id, staff.intake, 'assign');
    await step(api, id, staff.handler, 'send-interim-notice', { channel: 'homepage', progress: 'x', delayReason: 'y' });
    await api.app.get<ProjectionRunner>(PROJECTIONS).caughtUp();
    expect(await rowsOf(api, id)).toEqual([]);
    expect(await outcomesOf(api, id)).toEqual([]);
  });
});

describe('a complainant who filed on the portal', () => {
  it('agreed to SMS notices worded to name the requests and the survey; each notice says where to act, and an amount reads in plain Korean', async () => {
    const { consentWording } = (await api.call('GET', '/portal/form')).body;
    for (const named of ['보완 요청', '만족도 조사']) expect(consentWording.ko.sms).toContain(named);
    expect(consentWording.en.sms).toContain('the invitation to the satisfaction survey');
    const soonja = { name: '한순자', phone: '010-4444-0101', email: 'soonja@example.kr' };
    const filed = await api.call('POST', '/portal/complaints', {
      body: { category: 'defective-facility', description: DESCRIPTION, ...soonja, consent: { personalData: true, email: true, sms: true }, language: 'ko' },
    });
    expect(filed.status).toBe(201);
    const { id, consentWording: kept } = (await api.call('GET', `/complaints/${filed.body.reference}`, { as: staff.office })).body;
    expect(kept.sms).toBe(consentWording.ko.sms);
    const token = (filed.body.followUpUrl as string).split('/').pop()!;
    await step(api, id, staff.intake, 'assign');
    await step(api, id, staff.handler, 'request-supplement', { channel: 'email', request: '계량기 번호를 알려 주십시오.' });
    expect((await api.call('POST', `/portal/cases/${token}/amend`, { body: { description: `${DESCRIPTION} 계량기 GM-4471.`, reason: '요청하신 번호' } })).status).toBe(200);
    await step(api, id, staff.handler, 'record-findings', { summary: 'Seal worn', subjects: [{ id: 'emp-7', kind: 'employee', substantiated: true, reason: 'procedure-error' }] });
    await step(api, id, staff.head, 'decide', { outcome: 'upheld', basis: '가스안전법 제17조', remedy: '패킹 교체', compensation: { amount: 10_000, currency: 'KRW', description: '온누리상품권' } });
    await step(api, id, staff.head, 'communicate-decision', { channel: 'email', basis: '가스안전법 제17조', appeal: '90일 안에 산업통상자원부에' });
    await step(api, id, staff.head, 'close');
    await delivered(api, id, 4);
    const portal = 'https://minwon.example.go.kr/?lang=ko#/portal';
    const mailed = (subject: string) => mailTo(soonja.email).find((m) => m.subject?.startsWith(subject))!.text!;
    // The supplement is answered on the portal, by changing what was written: no reply to an address nothing reads.
    expect(mailed('[민원 보완 요청]')).toContain("처리 상황 확인 주소(민원을 신청하실 때 받으신 주소)를 열어 '신청 내용 변경'으로 보완해 주시거나");
    expect(mailed('[민원 보완 요청]')).toContain(`민원 포털: ${portal}`);
    expect(mailed('[민원 보완 요청]')).not.toContain('회신');
    expect(mailed('[민원 처리 결과]')).toContain('보상: 10,000원, 온누리상품권');
    // The survey invitation names every question the survey asks, and where it is answered.
    const invitation = mailed('[만족도 조사]');
    for (const { name } of DEFAULT_SATISFACTION_ELEMENTS) expect(invitation).toContain(name.ko);
    expect(invitation).toContain('민원 포털에서 처리 상황 확인 주소(민원을 신청하실 때 받으신 주소)를 여시면 아래쪽에 만족도 조사가 있습니다.');
    expect(invitation).toContain(`민원 포털: ${portal}`);
    const [survey] = smsTo(soonja.phone);
    expect(survey!.text).toContain(`[만족도 조사] 접수번호 ${filed.body.reference as string} 민원 처리에 대한 의견을 민원 포털의 처리 상황 확인 주소에서 들려주십시오`);
    expect(survey!.text).toContain('처리결과 설명의 충분성');
  });
});

describe('a notice that cannot be delivered', () => {
  /** A complaint filed and acknowledged to an address that refuses, and its first three failed tries. */
  const acknowledgedAndFailedThrice = async (complainant: Complainant, consent: Consent) => {
    const { id } = await file(api, complainant, consent);
    await step(api, id, staff.intake, 'acknowledge');
    const failures = await eventually(async () => {
      const events = await outcomesOf(api, id);
      return events.length >= 3 && events;
    }, 'three failed tries');
    return { id, failures };
  };

  it('is tried again with a growing wait, and after the last try its failure is final', async () => {
    const { id, failures } = await acknowledgedAndFailedThrice(UNREACHABLE_PHONE, SMS_ONLY);
    await settle();
    expect(failures.map((e) => e.type)).toEqual(['NoticeFailed', 'NoticeFailed', 'NoticeFailed']);
    expect(failures.map((e) => [e.data.attempt, e.data.final, typeof e.data.retryAt])).toEqual([[1, false, 'string'], [2, false, 'string'], [3, true, 'undefined']]);
    expect(failures[0]!.data).toMatchObject({ kind: 'acknowledgement', channel: 'sms', error: 'the SMS gateway answered 503' });

    const tries = sms.requests.filter((r) => r.to === UNREACHABLE_PHONE.phone);
    expect(tries).toHaveLength(3);
    expect(new Set(tries.map((t) => t.id)).size).toBe(1);
    const [first, second] = [tries[1]!.at - tries[0]!.at, tries[2]!.at - tries[1]!.at];
    expect(first).toBeGreaterThanOrEqual(150);
    expect(second).toBeGreaterThanOrEqual(300);

    await eventually(async () => (await rowsOf(api, id))[0]?.status === 'failed' || undefined, 'the row failed');
    expect(await rowsOf(api, id)).toEqual([expect.objectContaining({ status: 'failed', attempts: 3, last_error: 'the SMS gateway answered 503' })]);
  });

  it('is delivered on a later try when the gateway recovers', async () => {
    const { id } = await file(api, FLAKY_PHONE, SMS_ONLY);
    await step(api, id, staff.intake, 'acknowledge');
    await delivered(api, id, 1);
    expect((await outcomesOf(api, id)).map((e) => e.type)).toEqual(['NoticeFailed', 'NoticeDelivered']);
    await eventually(async () => (await rowsOf(api, id))[0]?.status === 'sent' || undefined, 'the row sent');
    expect((await rowsOf(api, id))[0]).toMatchObject({ status: 'sent', attempts: 2 });
    const view = await api.call('GET', `/complaints/${id}`, { as: staff.office });
    expect(view.body.notices).toEqual([expect.objectContaining({ status: 'delivered', attempts: 2 })]);
  });

  it('records what the mail server said without the address or the name it quoted', async () => {
    const { failures } = await acknowledgedAndFailedThrice(UNKNOWN_MAILBOX, EMAIL_ONLY);
    for (const failure of failures) {
      expect(failure.data.error).toMatch(/^EENVELOPE 550: /);
      expect(failure.data.error).not.toContain(UNKNOWN_MAILBOX.email);
      expect(failure.data.error).not.toContain(UNKNOWN_MAILBOX.name);
    }
    expect(failures[2]!.data.final).toBe(true);
  });
});

describe('across processes', () => {
  const schema = uniqueSchemaName();
  let first: TestApi | undefined;
  let second: TestApi | undefined;
  let third: TestApi | undefined;
  let forgotten: { id: string; complainantKey: string };
  let kept: { id: string; complainantKey: string };
  afterAll(async () => {
    await first?.close();
    await second?.close();
    await third?.close();
    await dropSchema(schema);
  });

  it('without SMTP or an SMS gateway the sender is off, says so once, and the notices wait', async () => {
    first = await start({ schema, notices: loadNoticesConfig({}) });
    expect(logs.text().match(/the sender is off/g)).toHaveLength(1);
    forgotten = await file(first, FORGOTTEN, EMAIL_ONLY);
    kept = await file(first, KEPT, EMAIL_ONLY);
    await step(first, forgotten.id, staff.intake, 'acknowledge');
    await step(first, kept.id, staff.intake, 'acknowledge');
    await first.app.get<ProjectionRunner>(PROJECTIONS).caughtUp();
    await settle();
    expect((await rowsOf(first, kept.id)).map((r) => r.status)).toEqual(['pending']);
    expect((await rowsOf(first, forgotten.id)).map((r) => r.status)).toEqual(['pending']);
    // Erased while the notice waits.
    const erasure = await first.call('POST', `/complainants/${forgotten.complainantKey}/erasure`, { as: staff.office, body: { reason: 'asked to be forgotten' } });
    expect(erasure.status).toBe(200);
    await first.close();
    first = undefined;
  });

  it('a complainant erased before sending gets nothing; the others get their notice once the sender is on', async () => {
    second = await start({ schema });
    await delivered(second, kept.id, 1);
    await eventually(async () => (await rowsOf(second!, forgotten.id))[0]?.status === 'skipped' || undefined, 'the erased notice skipped');
    expect((await rowsOf(second, forgotten.id))[0]).toMatchObject({ status: 'skipped', attempts: 0, last_error: "the complainant's personal data was erased" });
    expect(mailTo(FORGOTTEN.email)).toEqual([]);
    expect(await outcomesOf(second, forgotten.id)).toEqual([]);
    expect(mailTo(KEPT.email)).toHaveLength(1);
  });

  it('two processes sending side by side send each notice once', async () => {
    third = await start({ schema });
    const [one, other] = [second!, third];
    const cases = await Promise.all([0, 1, 2, 3, 4, 5, 6, 7].map((i) => file(i % 2 ? one : other, many(i), EMAIL_ONLY)));
    await Promise.all(cases.map(({ id }, i) => step(i % 2 ? other : one, id, staff.intake, 'acknowledge')));
    await Promise.all(cases.map(({ id }, i) => step(i % 2 ? other : one, id, staff.intake, 'assign')));
    await Promise.all(cases.map(({ id }, i) => step(i % 2 ? one : other, id, staff.handler, 'send-interim-notice', { channel: 'email', progress: 'p', delayReason: 'd' })));
    for (const { id } of cases) await delivered(one, id, 2);
    await settle();
    for (const i of [0, 1, 2, 3, 4, 5, 6, 7]) expect(mailTo(many(i).email)).toHaveLength(2);
    for (const { id } of cases) expect((await outcomesOf(one, id)).map((e) => e.type)).toEqual(['NoticeDelivered', 'NoticeDelivered']);
  });

  it('a rebuild of the outbox and a restart send nothing again', async () => {
    const sent = mail.messages.length;
    const statuses = () => sqlOf(second!).query(`SELECT notice_id, status, attempts FROM "${schema}".notices ORDER BY notice_id`);
    await eventually(async () => (await statuses()).every((r) => r.status !== 'pending') || undefined, 'no notice pending');
    const before = await statuses();
    await second!.app.get<ProjectionRunner>(PROJECTIONS).rebuild(['notices']);
    await eventually(async () => (await statuses()).every((r) => r.status !== 'pending') || undefined, 'no notice pending after the rebuild');
    expect(await statuses()).toEqual(before);

    await second!.close();
    await third!.close();
    second = third = undefined;
    first = await start({ schema });
    await first.app.get<ProjectionRunner>(PROJECTIONS).caughtUp();
    await settle();
    expect(mail.messages.length).toBe(sent);
    expect(new Set(mail.messages.map((m) => m.messageId)).size).toBe(mail.messages.length);
  });
});

describe('on the embedded database (PGlite)', () => {
  it('notices are sent and recorded the same way', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'notices-embedded-'));
    await emptyPgliteCluster(join(folder, 'pglite'));
    const embedded = await startTestApi({ config: { store: { kind: 'pglite', dataDir: join(folder, 'pglite') }, notices: noticesConfig(), logLevel: 'debug' }, logDestination: logs });
    try {
      const { id } = await file(embedded, { ...KEPT, email: 'embedded@example.kr' }, EMAIL_ONLY);
      await step(embedded, id, staff.intake, 'acknowledge');
      await delivered(embedded, id, 1);
      expect(mailTo('embedded@example.kr')).toHaveLength(1);
    } finally {
      await embedded.close();
      await rm(folder, { recursive: true, force: true });
    }
  }, 120_000); // the embedded database starts slower than a schema on the server
});

describe('the logs of the whole run', () => {
  it("hold none of the complainants' personal data", () => {
    const text = logs.text();
    expect(text).toContain('notice delivered');
    expect(text).toContain('notice failed');
    const people = [JANE, MINSU, SEOYEON, UNREACHABLE_PHONE, FLAKY_PHONE, UNKNOWN_MAILBOX, FORGOTTEN, KEPT, ...[0, 1, 2, 3, 4, 5, 6, 7].map(many)];
    const personal = [...people.flatMap((p) => [p.name, p.email, p.phone, p.phone?.replace(/\D/g, '')]), 'embedded@example.kr'].filter((v): v is string => !!v);
    for (const value of [...personal, DESCRIPTION]) expect({ value, found: text.includes(value) }).toEqual({ value, found: false });
  });
});
