import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { ComplaintCommand } from '../../domain/complaint/commands.js';
import type { EventStore } from '../../src/event-store/event-store.js';
import type { ProjectionRunner } from '../../src/projections/projection-runner.js';
import { EVENT_STORE } from '../../src/event-store/index.js';
import { PROJECTIONS } from '../../src/projections/index.js';
import { complaintBody, staff, startTestApi, type TestApi } from '../support/api.js';
import { receiveCommand } from '../support/complaint-fixtures.js';
import { recordHistory } from '../support/history.js';
import { connectAdmin } from '../support/postgres.js';

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(async () => {
  await api.close();
});

const storedRows = async () => {
  const admin = await connectAdmin();
  try {
    return (await admin.query(`SELECT stream_id, revision, data::text, hash FROM "${api.schema}".events ORDER BY sequence`)).rows;
  } finally {
    await admin.end();
  }
};

describe('personal data in the store', () => {
  it('is never stored in the clear', async () => {
    const { body } = await api.call('POST', '/complaints', { as: staff.intake, body: complaintBody({ remedySought: '배상 요청 홍길동' }) });
    await api.call('POST', `/complaints/${body.id}/assign`, { as: staff.intake, body: {} });
    await api.call('POST', `/complaints/${body.id}/amend`, { as: staff.handler, body: { description: '보일러도 고장 났습니다', reason: 'phone call' } });
    const text = JSON.stringify(await storedRows());
    for (const secret of ['김민수', '010-1234-5678', 'minsu@example.kr', 'gas meter', '홍길동', '보일러']) expect(text).not.toContain(secret);
    const seen = await api.call('GET', `/complaints/${body.id}`, { as: staff.handler });
    expect(seen.body).toMatchObject({ complainant: { name: '김민수' }, description: '보일러도 고장 났습니다', remedySought: '배상 요청 홍길동' });
  });
});

describe('erasure', () => {
  it('makes every read show [erased], changes no stored byte, keeps the chain verifiable, and is itself recorded', async () => {
    const { body } = await api.call('POST', '/complaints', { as: staff.intake, body: complaintBody({ complainant: { name: '이영희', email: 'younghee@example.kr' }, consent: { sms: false, email: true, phone: false } }) });
    await api.call('POST', `/complaints/${body.id}/assign`, { as: staff.intake, body: {} });
    const key = body.complainantKey as string;
    const before = await storedRows();

    expect((await api.call('POST', `/complainants/${key}/erasure`, { as: staff.handler, body: { reason: 'asked' } })).status).toBe(403);
    expect((await api.call('POST', `/complainants/${key}/erasure`, { as: staff.office, body: {} })).body.errors).toEqual([{ field: 'reason', rule: 'is required' }]);
    const erased = await api.call('POST', `/complainants/${key}/erasure`, { as: staff.office, body: { reason: 'The complainant asked to be forgotten' } });
    expect(erased).toMatchObject({ status: 200, body: { complainantKey: key, keysDestroyed: 1 } });
    expect((await api.call('POST', `/complainants/${key}/erasure`, { as: staff.office, body: { reason: 'again' } })).status).toBe(404);

    // No stored byte of the complaint changed; the chain verifies.
    const after = await storedRows();
    expect(after.filter((r) => r.stream_id === `complaint-${body.id}`)).toEqual(before.filter((r) => r.stream_id === `complaint-${body.id}`));
    const verify = await api.call('GET', '/audit/verify', { as: staff.auditor });
    expect(verify.body.ok).toBe(true);

    // Every read shows the data as erased, and the case goes on.
    const view = await api.call('GET', `/complaints/${body.id}`, { as: staff.office });
    expect(view.body).toMatchObject({ complainant: { name: '[erased]' }, description: '[erased]', state: 'assigned', department: 'inspection' });
    const events = await api.call('GET', `/complaints/${body.id}/events`, { as: staff.office });
    expect(JSON.stringify(events.body)).not.toMatch(/이영희|younghee/);
    const replay = await api.call('GET', `/complaints/${body.id}/replay`, { as: staff.office });
    expect(JSON.stringify(replay.body)).not.toMatch(/이영희|younghee/);
    const past = await api.call('GET', `/complaints/${body.id}/at?revision=0`, { as: staff.office });
    expect(past.body.complainant).toEqual({ name: '[erased]' });
    expect((await api.call('POST', `/complaints/${body.id}/record-findings`, { as: staff.handler, body: { summary: 'x', subjects: [] } })).status).toBe(200);

    // The erasure is an audited event of the complainant's own stream.
    const [record] = await api.app.get<EventStore>(EVENT_STORE).readStream(`complainant-${key}`);
    expect(record).toMatchObject({ type: 'ComplainantDataErased', data: { complainantKey: key, keysDestroyed: 1 }, metadata: { actorId: staff.office.sub, actorRole: 'complaints-office' } });
  });

  it('the retention rule erases complainants whose cases were all closed long enough ago, and nobody else', async () => {
    const walk = (id: string, email: string, closed: boolean): { command: ComplaintCommand }[] => {
      const now = (d: string) => `${d}T10:00:00+09:00`;
      const steps: ComplaintCommand[] = [
        { ...receiveCommand({ complaintId: id, complainant: { name: 'Old', email }, consent: { sms: false, email: true, phone: false }, receivedAt: now('2020-03-02') }), now: now('2020-03-02') },
        { type: 'assign', data: {}, now: now('2020-03-03') },
        { type: 'withdraw', data: { reason: 'resolved' }, now: now('2020-03-04') },
      ];
      return (closed ? steps : steps.slice(0, 2)).map((command) => ({ command }));
    };
    await recordHistory(api.app, 'old-closed', walk('old-closed', 'old@x.kr', true));
    await recordHistory(api.app, 'old-open', walk('old-open', 'open@x.kr', false));
    await api.app.get<ProjectionRunner>(PROJECTIONS).caughtUp();

    const run = await api.call('POST', '/personal-data/retention', { as: staff.office, body: { years: 3 } });
    expect(run.status).toBe(200);
    const erasedKeys = run.body.erased.map((e: { complainantKey: string }) => e.complainantKey);
    const keyOf = async (id: string) => (await api.call('GET', `/complaints/${id}`, { as: staff.office })).body.complainantKey;
    expect(erasedKeys).toContain(await keyOf('old-closed'));
    expect(erasedKeys).not.toContain(await keyOf('old-open'));
    expect((await api.call('GET', '/complaints/old-closed', { as: staff.office })).body.complainant).toEqual({ name: '[erased]' });
    expect((await api.call('GET', '/complaints/old-open', { as: staff.office })).body.complainant).toMatchObject({ name: 'Old' });
    expect((await api.call('POST', '/personal-data/retention', { as: staff.office, body: { years: 0 } })).status).toBe(400);
  });
});
