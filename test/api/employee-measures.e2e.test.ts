import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { TokenClaims } from '../../src/auth/sign-token.js';
import { complaintBody, staff, startTestApi, type TestApi } from '../support/api.js';

/**
 * Issue 17 §3 over HTTP, the 004 seed, ch. 3 ⑤ 가: "직접적인 원인을 제공한 경우 관련 직원에 대하여 CS교육 등
 * 관련부서에 조치 의뢰를 할 수 있음", and who sees those records.
 */
let api: TestApi;
let id: string;
beforeAll(async () => {
  api = await startTestApi();
  id = (await api.call('POST', '/complaints', { as: staff.intake, body: complaintBody() })).body.id as string;
  await post('assign', staff.intake, {});
  await post('record-findings', staff.handler, { summary: 'Rude on the phone', subjects: [{ id: 'emp-7', kind: 'employee', substantiated: true, reason: 'discourtesy' }] });
});
afterAll(async () => {
  await api.close();
});

const post = (command: string, as: TokenClaims, body: unknown) => api.call('POST', `/complaints/${id}/${command}`, { as, body });
const otherHead: TokenClaims = { sub: 'u-head-audit', roles: ['department-head'], department: 'audit' };

describe('"관련 직원에 대하여 CS교육 등 … 조치 의뢰": referral to CS training and its completion', () => {
  it('a handler may not refer (403), an employee not substantiated is refused naming subjectId (400); the head refers emp-7 and records the completion', async () => {
    expect((await post('refer-to-training', staff.handler, { subjectId: 'emp-7', programme: 'Courtesy 1' })).status).toBe(403);
    expect((await post('refer-to-training', otherHead, { subjectId: 'emp-7', programme: 'Courtesy 1' })).status).toBe(403);
    const unknown = await post('refer-to-training', staff.head, { subjectId: 'emp-99', programme: 'Courtesy 1' });
    expect(unknown).toMatchObject({ status: 400, body: { errors: [{ field: 'subjectId', rule: 'must be an employee the findings substantiate: emp-7' }] } });

    const referred = await post('refer-to-training', staff.head, { subjectId: 'emp-7', programme: 'Courtesy 1', note: 'Phone manner' });
    expect(referred.status).toBe(200);
    expect(referred.body.trainingReferrals).toEqual([{ subjectId: 'emp-7', programme: 'Courtesy 1', note: 'Phone manner', referredAt: expect.any(String) }]);
    expect(referred.body.yourCommands).toContain('record-training-completed');

    const done = await post('record-training-completed', staff.head, { subjectId: 'emp-7' });
    expect(done.status).toBe(200);
    expect(done.body.trainingReferrals[0].completedAt).toEqual(expect.any(String));
  });
});

describe('the records are the employee’s personal data: the complaints office and the subject’s department head only', () => {
  const referralsAs = async (as: TokenClaims, headers: Record<string, string> = {}) => {
    const view = await api.call('GET', `/complaints/${id}`, { as, headers });
    const events = await api.call('GET', `/complaints/${id}/events`, { as, headers });
    const referredEvent = (events.body.events as { type: string; data: Record<string, unknown> }[]).find((e) => e.type === 'TrainingReferred');
    return { referral: view.body.trainingReferrals[0], event: referredEvent!.data };
  };

  it('the complaints office and the handling department’s head read them', async () => {
    for (const reader of [staff.office, staff.head]) {
      const { referral, event } = await referralsAs(reader);
      expect(referral).toMatchObject({ subjectId: 'emp-7', programme: 'Courtesy 1' });
      expect(event).toMatchObject({ subjectId: 'emp-7', programme: 'Courtesy 1', note: 'Phone manner' });
    }
  });

  it('the handling department’s handler (who reads the complainant’s details), a manager and an auditor read them redacted, the subject as the findings name it', async () => {
    for (const reader of [staff.handler, staff.manager, staff.auditor]) {
      const { referral, event } = await referralsAs(reader);
      expect(referral).toMatchObject({ subjectId: 'emp-7', programme: '[redacted]', referredAt: expect.any(String), completedAt: expect.any(String) });
      expect(event).toEqual({ subjectId: 'emp-7', programme: '[redacted]', note: '[redacted]' });
      // The same subject every role reads in the findings: redacting it in the referral hid nothing.
      expect((await api.call('GET', `/complaints/${id}`, { as: reader })).body.findings.subjects[0].id).toBe('emp-7');
    }
    // The handler still reads the complainant's data: the two rules are apart.
    expect((await api.call('GET', `/complaints/${id}`, { as: staff.handler })).body.complainant.name).toBe('김민수');
  });

  it('the evidence export agrees with itself: the referral names the subject the findings name, only the programme and note redacted', async () => {
    const exported = await api.call('GET', `/audit/evidence?complaint=${id}`, { as: staff.auditor });
    expect(exported.status).toBe(200);
    const { case: c, timeline } = exported.body as { case: { findings: { subjects: { id: string }[] }; trainingReferrals: unknown[] }; timeline: { type: string; details: string }[] };
    expect(c.findings.subjects.map((s) => s.id)).toEqual(['emp-7']);
    expect(c.trainingReferrals).toEqual([expect.objectContaining({ subjectId: 'emp-7', programme: '[redacted]', note: '[redacted]' })]);
    expect(JSON.parse(timeline.find((t) => t.type === 'TrainingReferred')!.details)).toEqual({ subjectId: 'emp-7', programme: '[redacted]', note: '[redacted]' });
  });

  it('an auditor’s break-glass read (X-Access-Reason) shows them, also in the replay', async () => {
    const headers = { 'X-Access-Reason': encodeURIComponent('CS training follow-up audit') };
    const { referral, event } = await referralsAs(staff.auditor, headers);
    expect(referral).toMatchObject({ subjectId: 'emp-7', programme: 'Courtesy 1' });
    expect(event).toMatchObject({ subjectId: 'emp-7' });
    const replay = await api.call('GET', `/complaints/${id}/replay`, { as: staff.auditor });
    const step = (replay.body.steps as { type: string; data: Record<string, unknown>; after: { complaint: { trainingReferrals?: unknown[] } } }[]).find((s) => s.type === 'TrainingReferred')!;
    expect(step.data).toMatchObject({ subjectId: 'emp-7', programme: '[redacted]' });
    expect(step.after.complaint.trainingReferrals).toEqual([expect.objectContaining({ subjectId: 'emp-7', programme: '[redacted]' })]);
  });
});
