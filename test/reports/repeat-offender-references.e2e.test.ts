import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { TokenClaims } from '../../src/auth/sign-token.js';
import { PROJECTIONS, type ProjectionRunner } from '../../src/projections/index.js';
import { complaintBody, staff, startTestApi, type TestApi } from '../support/api.js';

/**
 * The repeat-offender report names each case by its reference (`2027-000001`) beside its id, with the
 * department handling it, for cases received over HTTP (numbered at receipt); the measures stay redacted
 * as before for those who may not read an employee's personal data.
 */
let api: TestApi;
const NOW = new Date('2027-03-10T10:00:00+09:00');
const ids: string[] = [];
const read = { 'X-Read-Your-Writes': 'true' };
const post = (as: TokenClaims, path: string, body: unknown) => api.call('POST', path, { as, body });
/** A complaint about emp-31 from one person, known by phone. */
const about31 = (phone: string) => complaintBody({ complainant: { name: '박지민', phone }, consent: { sms: true, email: false, phone: false }, subjects: [{ id: 'emp-31', kind: 'employee' }] });

beforeAll(async () => {
  api = await startTestApi({ clock: () => NOW });
  // emp-31 substantiated for discourtesy in three cases: flagged; the third reassigned to the audit office.
  for (let n = 1; n <= 3; n++) {
    const received = await post(staff.intake, '/complaints', { ...about31(`010-3131-000${n}`), description: `The clerk was rude, time ${n}.` });
    expect({ status: received.status, errors: received.body.errors }).toEqual({ status: 201, errors: undefined });
    const id = received.body.id as string;
    ids.push(id);
    expect((await post(staff.intake, `/complaints/${id}/assign`, {})).status).toBe(200);
    if (n === 3) expect((await post(staff.office, `/complaints/${id}/reassign`, { department: 'audit' })).status).toBe(200);
    const handler = n === 3 ? staff.otherHandler : staff.handler;
    const findings = { summary: 'Rude at the counter', subjects: [{ id: 'emp-31', kind: 'employee', substantiated: true, reason: 'discourtesy' }] };
    expect((await post(handler, `/complaints/${id}/record-findings`, findings)).status).toBe(200);
  }
  expect((await post(staff.head, `/complaints/${ids[0]}/refer-to-training`, { subjectId: 'emp-31', programme: 'Courtesy at the counter' })).status).toBe(200);
  // The judgement asks the report whether the rule flags emp-31: once the read models have the findings.
  await api.app.get<ProjectionRunner>(PROJECTIONS).caughtUp();
  expect((await post(staff.office, '/reports/repeat-offenders/judgements', {
    subject: { id: 'emp-31', kind: 'employee' }, reason: 'discourtesy', year: 2027, verdict: 'unfit', explanation: 'Three times rude', personnelMeasure: 'Back-office post',
  })).status).toBe(201);
});
afterAll(async () => {
  await api.close();
});

const report = async (as: TokenClaims, headers: Record<string, string> = {}) => {
  const answer = await api.call('GET', '/reports/repeat-offenders?year=2027', { as, headers: { ...read, ...headers } });
  expect(answer.status).toBe(200);
  return answer.body;
};

describe('GET /reports/repeat-offenders: each case by its reference beside its id, with its handling department', () => {
  it('gives each case of a flagged subject its reference, as the case has it, and the department handling it', async () => {
    const references: string[] = [];
    for (const id of ids) references.push((await api.call('GET', `/complaints/${id}`, { as: staff.office })).body.reference as string);
    expect(references).toEqual(['2027-000001', '2027-000002', '2027-000003']);
    const [offender] = (await report(staff.manager)).offenders;
    expect(offender).toMatchObject({ subject: { id: 'emp-31', kind: 'employee' }, reason: 'discourtesy', count: 3, flagged: true });
    expect(offender.cases).toEqual(ids.map((complaintId, i) => ({
      complaintId, reference: references[i], department: i === 2 ? 'audit' : 'inspection', receivedAt: NOW.toISOString(), category: 'defective-facility',
    })));
  });

  it('a repeat complainant’s cases carry them too (the same person by phone)', async () => {
    const answer = await api.call('POST', '/complaints', { as: staff.intake, body: about31('010-3131-0001') });
    const { repeatComplainants } = await report(staff.office);
    expect(repeatComplainants).toEqual([
      expect.objectContaining({ count: 2, cases: [expect.objectContaining({ complaintId: ids[0], reference: '2027-000001', department: 'inspection' }), expect.objectContaining({ complaintId: answer.body.id, reference: '2027-000004', department: null })] }),
    ]);
  });

  it('widens nothing: references and departments carry no personal data, and the measures stay redacted for a manager and an auditor, shown to the complaints office', async () => {
    const manager = await report(staff.manager);
    expect(JSON.stringify(manager)).not.toMatch(/박지민|3131|rude|Three times|Back-office|Courtesy at/i);
    for (const reader of [staff.manager, staff.auditor]) {
      expect((await report(reader)).offenders[0].measures).toEqual({
        judgement: { verdict: '[redacted]', explanation: '[redacted]', personnelMeasure: '[redacted]', judgedAt: NOW.toISOString(), judgedBy: staff.office.sub },
        training: [{ complaintId: ids[0], programme: '[redacted]', referredAt: NOW.toISOString(), referredBy: staff.head.sub, completedAt: null }],
        pending: ['training'],
      });
    }
    expect((await report(staff.office)).offenders[0].measures).toMatchObject({ judgement: { verdict: 'unfit' }, training: [{ programme: 'Courtesy at the counter' }] });
    // The report stays closed to the roles it was closed to.
    for (const role of [staff.head, staff.handler, staff.intake]) expect((await api.call('GET', '/reports/repeat-offenders?year=2027', { as: role })).status).toBe(403);
  });
});
