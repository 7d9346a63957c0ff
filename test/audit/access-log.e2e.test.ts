import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { complaintBody, staff, startTestApi, type TestApi } from '../support/api.js';

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(async () => {
  await api.close();
});

const log = async (query: string) => {
  const response = await api.call('GET', `/audit/access-log?${query}`, { as: staff.auditor });
  expect(response.status).toBe(200);
  return response.body as { items: { action: string; actorId: string; complaintId: string | null; personalData: boolean; at: string; detail: Record<string, unknown> }[]; nextCursor?: string };
};

async function newCase(): Promise<string> {
  const response = await api.call('POST', '/complaints', { as: staff.intake, body: complaintBody() });
  expect(response.status).toBe(201);
  return response.body.id as string;
}

describe('the access log', () => {
  it('records each read that showed the complainant’s personal data, and none that did not', async () => {
    const id = await newCase();
    await api.call('GET', `/complaints/${id}`, { as: staff.office });
    await api.call('GET', `/complaints/${id}/events`, { as: staff.office });
    // Redacted for these roles: nothing personal was read.
    await api.call('GET', `/complaints/${id}`, { as: staff.auditor });
    await api.call('GET', `/complaints/${id}/events`, { as: staff.manager });
    await api.call('GET', '/complaints', { as: staff.office });

    const { items } = await log(`complaintId=${id}`);
    // Newest first: the two reads by the office, then the receipt's answer to intake (which showed the complainant too).
    expect(items.map((e) => [e.action, e.actorId, e.detail.route])).toEqual([
      ['personal-data-read', 'u-office', `GET /complaints/${id}/events`],
      ['personal-data-read', 'u-office', `GET /complaints/${id}`],
      ['personal-data-read', 'u-intake', 'POST /complaints'],
    ]);
    expect(items.every((e) => e.personalData)).toBe(true);
  });

  it('records every replay and time travel, with or without personal data', async () => {
    const id = await newCase();
    await api.call('GET', `/complaints/${id}/replay`, { as: staff.auditor });
    await api.call('GET', `/complaints/${id}/at?revision=0`, { as: staff.auditor });
    await api.call('GET', `/complaints/${id}/at?revision=0`, { as: staff.office });
    // A refused request shows nothing and is not logged.
    await api.call('GET', `/complaints/${id}/at?revision=9`, { as: staff.auditor });

    const { items } = await log(`complaintId=${id}&limit=3`);
    expect(items.map((e) => [e.action, e.actorId, e.personalData])).toEqual([
      ['time-travel', 'u-office', true],
      ['time-travel', 'u-auditor', false],
      ['replay', 'u-auditor', false],
    ]);
    expect(items[0]!.detail).toMatchObject({ revision: 0 });
  });

  it('filters by actor, action and time and pages newest first', async () => {
    const id = await newCase();
    const before = new Date().toISOString();
    for (let i = 0; i < 5; i++) await api.call('GET', `/complaints/${id}/replay`, { as: staff.head });
    const after = new Date(Date.now() + 1).toISOString();

    const first = await log(`actor=u-head&action=replay&from=${encodeURIComponent(before)}&to=${encodeURIComponent(after)}&limit=2`);
    expect(first.items).toHaveLength(2);
    const second = await log(`actor=u-head&action=replay&from=${encodeURIComponent(before)}&limit=2&cursor=${first.nextCursor}`);
    const third = await log(`actor=u-head&action=replay&from=${encodeURIComponent(before)}&limit=2&cursor=${second.nextCursor}`);
    expect(third.nextCursor).toBeUndefined();
    const all = [...first.items, ...second.items, ...third.items];
    expect(all).toHaveLength(5);
    expect(all.every((e) => e.actorId === 'u-head' && e.action === 'replay' && e.complaintId === id)).toBe(true);
    expect(all.map((e) => e.at)).toEqual([...all.map((e) => e.at)].sort().reverse());
    expect((await log(`actor=u-head&to=${encodeURIComponent(before)}`)).items).toEqual([]);
  });

  it('is for auditors (and admins) only, and refuses bad filters naming them', async () => {
    expect((await api.call('GET', '/audit/access-log', { as: staff.office })).status).toBe(403);
    expect((await api.call('GET', '/audit/access-log', { as: staff.admin })).status).toBe(200);
    for (const [query, field] of [
      ['from=yesterday', 'from'],
      ['to=2026-01-01', 'to'],
      ['limit=0', 'limit'],
      ['limit=500', 'limit'],
      ['cursor=abc', 'cursor'],
      ['action=delete', 'action'],
      ['complaintId=a%20b', 'complaintId'],
      ['who=me', 'who'],
    ]) {
      const response = await api.call('GET', `/audit/access-log?${query}`, { as: staff.auditor });
      expect({ query, status: response.status, field: response.body.errors?.[0]?.field }).toEqual({ query, status: 400, field });
    }
  });
});
