import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { TokenClaims } from '../../src/auth/sign-token.js';
import { PROJECTIONS, type ProjectionRunner } from '../../src/projections/index.js';
import { staff, startTestApi, type TestApi } from '../support/api.js';
import { recordSteps, type StaffStep } from '../support/history.js';

/**
 * Issue 17 §3 over HTTP, the 004 seed, ch. 3 ⑤ 가: "동일한 사유로 고객불만을 년 3회 이상 받은 직원에 대하여 해당
 * 업무에 부적격하다 인정될 경우에는 인사상 필요한 조치를 취한다".
 */
let api: TestApi;

const discourteous = (...ids: string[]) => ({ summary: 'Rude', subjects: ids.map((id) => ({ id, kind: 'employee', substantiated: true, reason: 'discourtesy' })) });
const investigated = (at: string, findings: unknown, n: number): StaffStep[] => [
  [staff.intake, 'receive', { complainant: { name: `민원인 ${n}`, phone: `010-4444-${String(n).padStart(4, '0')}` }, consent: { sms: false, email: false } }, at],
  [staff.intake, 'assign', {}, at.replace('T10:00', 'T11:00')],
  [staff.handler, 'record-findings', findings, at.replace('T10:00', 'T14:00')],
];

beforeAll(async () => {
  api = await startTestApi();
  // emp-7 and emp-8 three times for discourtesy in 2026: both flagged; emp-9 twice: not flagged.
  await recordSteps(api.app, 'j-1', investigated('2026-02-02T10:00:00+09:00', discourteous('emp-7', 'emp-8', 'emp-9'), 1));
  await recordSteps(api.app, 'j-2', investigated('2026-04-06T10:00:00+09:00', discourteous('emp-7', 'emp-8', 'emp-9'), 2));
  await recordSteps(api.app, 'j-3', investigated('2026-06-01T10:00:00+09:00', discourteous('emp-7', 'emp-8'), 3));
  await api.app.get<ProjectionRunner>(PROJECTIONS).caughtUp();
});
afterAll(async () => {
  await api.close();
});

const judge = (as: TokenClaims, body: object) => api.call('POST', '/reports/repeat-offenders/judgements', { as, body });
const judgement = (id: string, verdict: string, more: object = {}) => ({ subject: { id, kind: 'employee' }, reason: 'discourtesy', year: 2026, verdict, explanation: `Interview of ${id}`, ...more });
const offender = async (as: TokenClaims, id: string, headers: Record<string, string> = {}) => {
  await api.app.get<ProjectionRunner>(PROJECTIONS).caughtUp();
  const { body } = await api.call('GET', '/reports/repeat-offenders?year=2026', { as, headers });
  return (body.offenders as { subject: { id: string }; measures?: unknown }[]).find((o) => o.subject.id === id)!;
};

describe('"부적격하다 인정될 경우에는 인사상 필요한 조치": the complaints office judges a flagged subject', () => {
  it('given emp-7 flagged, the report says the judgement is pending', async () => {
    expect((await offender(staff.office, 'emp-7')).measures).toEqual({ judgement: null, training: [], pending: ['judgement'] });
    expect((await offender(staff.office, 'emp-9')).measures).toBeUndefined();
  });

  it('only the complaints office judges (403); a subject the rule does not flag is refused naming subject (400)', async () => {
    expect((await judge(staff.head, judgement('emp-7', 'fit'))).status).toBe(403);
    const notFlagged = await judge(staff.office, judgement('emp-9', 'fit'));
    expect(notFlagged).toMatchObject({ status: 400, body: { errors: [{ field: 'subject', rule: 'employee emp-9 is not flagged by the repeat-offender rule for discourtesy in 2026' }] } });
  });

  it('unfit without a personnel measure is refused naming personnelMeasure; unfit with one is recorded, once, and the report shows it done', async () => {
    const missing = await judge(staff.office, judgement('emp-7', 'unfit'));
    expect(missing).toMatchObject({ status: 400, body: { errors: [{ field: 'personnelMeasure', rule: 'an unfit verdict refers the subject for a personnel measure: say which' }] } });
    const judged = await judge(staff.office, judgement('emp-7', 'unfit', { personnelMeasure: 'Move to a back-office post' }));
    expect(judged.status).toBe(201);
    expect(judged.body).toMatchObject({ type: 'RepeatOffenderJudged', data: { verdict: 'unfit', personnelMeasure: 'Move to a back-office post' } });
    expect((await judge(staff.office, judgement('emp-7', 'fit'))).status).toBe(409);
    expect((await offender(staff.office, 'emp-7')).measures).toEqual({
      judgement: { verdict: 'unfit', explanation: 'Interview of emp-7', personnelMeasure: 'Move to a back-office post', judgedAt: expect.any(String), judgedBy: staff.office.sub },
      training: [],
      pending: [],
    });
  });

  it('fit with a reason needs no personnel measure (and may not give one)', async () => {
    expect((await judge(staff.office, judgement('emp-8', 'fit', { personnelMeasure: 'x' }))).body.errors[0].field).toBe('personnelMeasure');
    expect((await judge(staff.office, judgement('emp-8', 'fit'))).status).toBe(201);
  });

  it('the judgement is the employee’s personal data: a manager and an auditor read it redacted, an auditor’s break-glass read shows it', async () => {
    for (const reader of [staff.manager, staff.auditor]) {
      expect((await offender(reader, 'emp-7')).measures).toEqual({
        judgement: { verdict: '[redacted]', explanation: '[redacted]', personnelMeasure: '[redacted]', judgedAt: expect.any(String), judgedBy: staff.office.sub },
        training: [],
        pending: [],
      });
    }
    const glass = await offender(staff.auditor, 'emp-7', { 'X-Access-Reason': encodeURIComponent('Personnel measures audit 2026') });
    expect(glass.measures).toMatchObject({ judgement: { verdict: 'unfit', personnelMeasure: 'Move to a back-office post' } });
    // The access log records the break-glass read with its reason, as for a case.
    const log = await api.call('GET', '/audit/access-log?action=break-glass-read', { as: staff.auditor });
    expect(log.body.items).toContainEqual(expect.objectContaining({
      actorId: staff.auditor.sub, complaintId: null, personalData: true, detail: { route: 'GET /reports/repeat-offenders', reason: 'Personnel measures audit 2026' },
    }));
    const refused = await api.call('GET', '/reports/repeat-offenders?year=2026', { as: staff.manager, headers: { 'X-Access-Reason': 'curious about it' } });
    expect(refused.status).toBe(403);
  });
});

describe('"CS교육 등 관련부서에 조치 의뢰": the report shows the CS training referrals of a flagged subject, done or pending', () => {
  const post = (id: string, command: string, body: object) => api.call('POST', `/complaints/${id}/${command}`, { as: staff.head, body });

  it('a referral in one case is pending until its completion is recorded, then done; a subject not flagged shows none', async () => {
    expect((await post('j-2', 'refer-to-training', { subjectId: 'emp-8', programme: 'Courtesy 1' })).status).toBe(200);
    expect((await post('j-2', 'refer-to-training', { subjectId: 'emp-9', programme: 'Courtesy 1' })).status).toBe(200);
    const referred = (await offender(staff.office, 'emp-8')).measures as { training: unknown[]; pending: string[] };
    expect(referred.training).toEqual([{ complaintId: 'j-2', programme: 'Courtesy 1', referredAt: expect.any(String), referredBy: staff.head.sub, completedAt: null }]);
    expect(referred.pending).toEqual(['training']);
    expect((await offender(staff.office, 'emp-9')).measures).toBeUndefined();

    expect((await post('j-2', 'record-training-completed', { subjectId: 'emp-8' })).status).toBe(200);
    expect((await offender(staff.office, 'emp-8')).measures).toMatchObject({
      training: [{ complaintId: 'j-2', programme: 'Courtesy 1', completedAt: expect.any(String) }],
      pending: [],
    });
  });

  it('the referral is the employee’s personal data, like the judgement: the complaints office reads it; a manager and an auditor read it redacted; a break-glass read shows it', async () => {
    const programmeAs = async (as: TokenClaims, headers: Record<string, string> = {}) =>
      ((await offender(as, 'emp-8', headers)).measures as { training: { programme: string; complaintId: string }[] }).training.map((t) => `${t.complaintId} ${t.programme}`);
    expect(await programmeAs(staff.office)).toEqual(['j-2 Courtesy 1']);
    for (const reader of [staff.manager, staff.auditor]) expect({ reader: reader.sub, training: await programmeAs(reader) }).toEqual({ reader: reader.sub, training: ['j-2 [redacted]'] });
    expect(await programmeAs(staff.auditor, { 'X-Access-Reason': encodeURIComponent('Personnel measures audit 2026') })).toEqual(['j-2 Courtesy 1']);
  });
});
