import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { complaintBody, staff, startTestApi, type TestApi } from '../support/api.js';

/**
 * `GET /complaints?sla=&order=urgency`: the inbox asks the server for the cases of an SLA status and for the
 * most urgent first, so a long list never cuts the oldest, most overdue cases (it kept the newest 300 before).
 */
let api: TestApi;
let now = new Date('2026-03-02T10:00:00+09:00');
const old: string[] = [];
const recent: string[] = [];

const file = async (description: string) => {
  const answer = await api.call('POST', '/complaints', { as: staff.intake, body: complaintBody({ description }) });
  expect(answer.status).toBe(201);
  return answer.body.id as string;
};
const ids = (answer: { body: { items: { id: string }[] } }) => answer.body.items.map((c) => c.id);

async function until(condition: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('the read models did not catch up in time');
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Every page of a list, following nextCursor. */
async function everyPage(path: string): Promise<string[]> {
  const all: string[] = [];
  let cursor: string | undefined;
  do {
    const answer = await api.call('GET', `${path}&limit=2${cursor ? `&cursor=${cursor}` : ''}`, { as: staff.office });
    expect(answer.status).toBe(200);
    all.push(...ids(answer));
    cursor = answer.body.nextCursor;
  } while (cursor);
  return all;
}

beforeAll(async () => {
  api = await startTestApi({ clock: () => now });
  for (let i = 0; i < 3; i++) old.push(await file(`Filed two weeks before the others, number ${i}.`));
  now = new Date('2026-03-16T10:00:00+09:00');
  for (let i = 0; i < 4; i++) recent.push(await file(`Filed this morning, number ${i}.`));
  await until(async () => (await api.call('GET', '/reports/sla?open=true&limit=100', { as: staff.office })).body.items.length === 7);
  await until(async () => (await api.call('GET', '/complaints?limit=100', { as: staff.office })).body.items.length === 7);
});
afterAll(async () => {
  await api.close();
});

describe('the case list by SLA status and urgency', () => {
  it('filters by the SLA status now, as the SLA report judges it', async () => {
    const breached = await api.call('GET', '/complaints?sla=breached&limit=100', { as: staff.office });
    expect(breached.status).toBe(200);
    expect(ids(breached).sort()).toEqual([...old].sort());
    const report = await api.call('GET', '/reports/sla?status=breached&open=true&limit=100', { as: staff.office });
    expect(ids(breached).sort()).toEqual(ids(report).sort());
    expect(ids(await api.call('GET', '/complaints?sla=on-track&limit=100', { as: staff.office })).sort()).toEqual([...recent].sort());
  });

  it('orders the most urgent first, page after page: breached before on track, the oldest first', async () => {
    expect(await everyPage('/complaints?order=urgency')).toEqual([...old, ...recent]);
    expect(await everyPage('/complaints?order=urgency&sla=breached')).toEqual(old);
  });

  it('keeps urgent cases (safety, health) first whatever their SLA', async () => {
    const urgent = recent[3]!;
    expect((await api.call('POST', `/complaints/${urgent}/assess`, { as: staff.intake, body: { severity: 'high', safetyIssue: true, priority: 'urgent' } })).status).toBe(200);
    await until(async () => ids(await api.call('GET', '/complaints?order=urgency&limit=1', { as: staff.office }))[0] === urgent);
    expect(await everyPage('/complaints?order=urgency')).toEqual([urgent, ...old, ...recent.slice(0, 3)]);
  });

  it('still lists urgent cases first and then the newest by default', async () => {
    expect(await everyPage('/complaints?state=received')).toEqual([recent[3], recent[2], recent[1], recent[0], old[2], old[1], old[0]]);
  });

  it('lists the open cases of every state as one list (state=open), page after page in one order; closed cases apart', async () => {
    const [urgent, withdrawn] = [recent[3]!, recent[0]!];
    expect((await api.call('POST', `/complaints/${old[0]}/assign`, { as: staff.intake, body: {} })).status).toBe(200);
    expect((await api.call('POST', `/complaints/${withdrawn}/withdraw`, { as: staff.office, body: { reason: 'The complainant withdrew it' } })).status).toBe(200);
    await until(async () => (await api.call('GET', '/complaints?state=closed&limit=100', { as: staff.office })).body.items.length === 1);
    await until(async () => (await api.call('GET', '/complaints?state=assigned&limit=100', { as: staff.office })).body.items.length === 1);
    // An assigned case among received ones keeps its place by urgency: the inbox asks for one list, not one per state.
    expect(await everyPage('/complaints?state=open&order=urgency')).toEqual([urgent, ...old, recent[1], recent[2]]);
    expect(await everyPage('/complaints?state=closed&order=urgency')).toEqual([withdrawn]);
  });

  it('refuses an unknown SLA status, order, or a cursor of the other order', async () => {
    const answer = await api.call('GET', '/complaints?sla=late&order=oldest', { as: staff.office });
    expect(answer.status).toBe(400);
    expect(answer.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['order', 'sla']);
    const page = await api.call('GET', '/complaints?limit=1', { as: staff.office });
    expect((await api.call('GET', `/complaints?order=urgency&cursor=${page.body.nextCursor}`, { as: staff.office })).status).toBe(400);
  });
});
