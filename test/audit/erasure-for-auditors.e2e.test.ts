import { describe, expect, it } from '@jest/globals';
import { complaintBody, serviceForSuite, staff } from '../support/api.js';

const suite = serviceForSuite();
const fresh = { 'X-Read-Your-Writes': 'true' };

/** A case of its own complainant, received by the office (who sees its key), assigned, its data erased now. */
async function erasedCase(reason: string): Promise<{ id: string; key: string; erasedBetween: [string, string] }> {
  const { api } = suite;
  const received = await api.call('POST', '/complaints', {
    as: staff.office,
    body: complaintBody({ complainant: { name: '박지민', email: `jimin-${Date.now()}@example.kr` }, consent: { sms: false, email: true, phone: false } }),
  });
  await api.call('POST', `/complaints/${received.body.id}/assign`, { as: staff.intake, body: {} });
  const before = new Date().toISOString();
  const erased = await api.call('POST', `/complainants/${received.body.complainantKey}/erasure`, { as: staff.office, body: { reason } });
  expect(erased.status).toBe(200);
  return { id: received.body.id as string, key: received.body.complainantKey as string, erasedBetween: [before, new Date().toISOString()] };
}

describe('an erasure, as auditors see it', () => {
  it('the evidence export says the complainant’s data was erased, when, by whom and why, beside the [erased] fields', async () => {
    const { api } = suite;
    const { id, key, erasedBetween } = await erasedCase('The complainant asked to be forgotten (call of 3 March)');
    const exported = await api.call('GET', `/audit/evidence?complaint=${id}`, { as: staff.auditor });
    expect(exported.status).toBe(200);
    expect(exported.body.case.complainant).toEqual({ name: '[erased]' });
    expect(exported.body.erasures).toEqual([
      {
        erasedAt: expect.any(String),
        recordedAt: expect.any(String),
        actorId: 'u-office',
        actorRole: 'complaints-office',
        reason: 'The complainant asked to be forgotten (call of 3 March)',
        linked: false,
        eventId: expect.any(String),
        complainantKey: key,
      },
    ]);
    const at = Date.parse(exported.body.erasures[0].erasedAt);
    expect(at).toBeGreaterThanOrEqual(Date.parse(erasedBetween[0]));
    expect(at).toBeLessThanOrEqual(Date.parse(erasedBetween[1]));

    const page = await api.call('GET', `/audit/evidence?complaint=${id}&format=html`, { as: staff.auditor });
    expect(page.body).toContain('<h2>Personal data erased</h2>');
    expect(page.body).toMatch(/The complainant's personal data was erased on \d{4}-\d\d-\d\d [\d:]+ \+09:00 by u-office \(complaints-office\)\. Reason given: The complainant asked to be forgotten \(call of 3 March\)/);
  });

  it('the audit trail says it too; a manager reads when, who and why but not the complainant key', async () => {
    const { api } = suite;
    const { id, key } = await erasedCase('retention asked early by the complainant');
    const asAuditor = await api.call('GET', `/audit/complaints/${id}/trail`, { as: staff.auditor, headers: fresh });
    expect(asAuditor.status).toBe(200);
    expect(asAuditor.body.erasures).toEqual([expect.objectContaining({ actorId: 'u-office', actorRole: 'complaints-office', reason: 'retention asked early by the complainant', complainantKey: key })]);
    const asManager = await api.call('GET', `/audit/complaints/${id}/trail`, { as: staff.manager, headers: fresh });
    expect(asManager.body.erasures).toEqual([expect.objectContaining({ actorId: 'u-office', actorRole: 'complaints-office', reason: 'retention asked early by the complainant' })]);
    expect(JSON.stringify(asManager.body)).not.toContain(key);
    // A case never erased says so by an empty list.
    const kept = await api.call('POST', '/complaints', { as: staff.intake, body: complaintBody() });
    expect((await api.call('GET', `/audit/complaints/${kept.body.id}/trail`, { as: staff.auditor, headers: fresh })).body.erasures).toEqual([]);
  });

  it('erasures over a period are listed in the access log (action=erasure), with who, when, why and the case', async () => {
    const { api } = suite;
    const { id, key, erasedBetween } = await erasedCase('asked in writing');
    const listed = await api.call('GET', `/audit/access-log?action=erasure&from=${encodeURIComponent(erasedBetween[0])}&to=${encodeURIComponent(new Date(Date.parse(erasedBetween[1]) + 1000).toISOString())}`, { as: staff.auditor });
    expect(listed.status).toBe(200);
    expect(listed.body.items).toEqual([
      expect.objectContaining({
        action: 'erasure',
        complaintId: id,
        actorId: 'u-office',
        actorRoles: ['complaints-office'],
        personalData: false,
        detail: expect.objectContaining({ reason: 'asked in writing', complainantKey: key, keysDestroyed: 1 }),
      }),
    ]);
    const before = await api.call('GET', `/audit/access-log?action=erasure&to=${encodeURIComponent(erasedBetween[0])}`, { as: staff.auditor });
    expect(before.body.items.map((e: { complaintId: string }) => e.complaintId)).not.toContain(id);
  });
});

describe('the access log is tamper-evident on the running service', () => {
  it('verifies untouched; a break-glass read deleted from it is named by GET /audit/verify', async () => {
    const { api, admin } = suite;
    const { body } = await api.call('POST', '/complaints', { as: staff.intake, body: complaintBody() });
    for (const reason of ['2026-Q3 audit sample', 'complaint about the handler']) {
      expect((await api.call('GET', `/complaints/${body.id}`, { as: staff.auditor, headers: { 'X-Access-Reason': encodeURIComponent(reason) } })).status).toBe(200);
    }
    await api.call('GET', `/complaints/${body.id}`, { as: staff.office });
    const untouched = await api.call('GET', '/audit/verify', { as: staff.auditor });
    expect(untouched.body).toMatchObject({ ok: true, accessLog: { ok: true, findings: [] } });

    await admin.query(`DELETE FROM "${api.schema}".access_log WHERE action = 'break-glass-read' AND detail->>'reason' = 'complaint about the handler'`);
    const tampered = await api.call('GET', '/audit/verify', { as: staff.auditor });
    expect(tampered.body.ok).toBe(false);
    expect(tampered.body.accessLog.firstMismatch).toMatchObject({ problem: 'entry-deleted' });
    expect(tampered.body.accessLog.firstMismatch.message).toMatch(/^entry \d+ \(\d{4}-.*Z, personal-data-read by u-office\) was written after an entry that is no longer there as it was: entries between entry \d+ \(.*, break-glass-read by u-auditor\) and it were deleted/);
  });
});
