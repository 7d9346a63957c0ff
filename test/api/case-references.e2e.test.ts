import { describe, expect, it } from '@jest/globals';
import { PROJECTIONS, type ProjectionRunner } from '../../src/projections/index.js';
import { complaintBody, serviceForSuite, staff } from '../support/api.js';

const suite = serviceForSuite();

describe('human case references (ISO 10002 7.2: a unique identifier): YYYY-NNNNNN per year of receipt, gap-free', () => {
  it('concurrent receipts on the real PostgreSQL each get their own number, 1 to n without a gap, in the year of receipt in Seoul', async () => {
    // 2023-12-31T15:30Z is already 2024 in Seoul.
    const bodies = Array.from({ length: 12 }, (_, i) => complaintBody({ receivedAt: i % 2 === 0 ? '2023-03-09T10:00:00+09:00' : '2023-12-31T15:30:00Z' }));
    const answers = await Promise.all(bodies.map((body) => suite.api.call('POST', '/complaints', { as: staff.intake, body })));
    expect(answers.map((a) => a.status)).toEqual(bodies.map(() => 201));
    const references = answers.map((a) => a.body.reference as string);
    const of = (year: string) => references.filter((r) => r.startsWith(`${year}-`)).sort();
    expect(of('2023')).toEqual(['2023-000001', '2023-000002', '2023-000003', '2023-000004', '2023-000005', '2023-000006']);
    expect(of('2024')).toEqual(['2024-000001', '2024-000002', '2024-000003', '2024-000004', '2024-000005', '2024-000006']);
  });

  it('a refused receipt spends no number', async () => {
    const refused = await suite.api.call('POST', '/complaints', { as: staff.intake, body: complaintBody({ category: 'no-such', receivedAt: '2025-05-01T10:00:00+09:00' }) });
    expect(refused.status).toBe(400);
    const stored = await suite.api.call('POST', '/complaints', { as: staff.intake, body: complaintBody({ receivedAt: '2025-05-01T10:00:00+09:00' }) });
    expect(stored.body.reference).toBe('2025-000001');
  });

  it('the reference names the case wherever its id does: reading it, its events, a command, and the case list shows it', async () => {
    const received = await suite.api.call('POST', '/complaints', { as: staff.intake, body: complaintBody({ receivedAt: '2022-02-01T10:00:00+09:00' }) });
    const { id, reference } = received.body;
    expect(reference).toBe('2022-000001');
    expect((await suite.api.call('GET', `/complaints/${reference}`, { as: staff.intake })).body).toMatchObject({ id, reference });
    expect((await suite.api.call('GET', `/complaints/${reference}/events`, { as: staff.intake })).body.events[0].data.reference).toBe(reference);
    expect((await suite.api.call('POST', `/complaints/${reference}/acknowledge`, { as: staff.intake, body: {} })).body).toMatchObject({ id, reference, state: 'received' });
    for (let i = 0; i < 50; i++) {
      const list = await suite.api.call('GET', '/complaints?limit=100', { as: staff.intake });
      const row = list.body.items.find((item: { id: string }) => item.id === id);
      if (row?.revision === 1) {
        expect(row.reference).toBe(reference);
        break;
      }
      if (i === 49) throw new Error('the case list did not catch up');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  });

  it('the audit routes take the reference too: the trail, the replay and the case at a revision', async () => {
    const { id, reference } = (await suite.api.call('POST', '/complaints', { as: staff.intake, body: complaintBody({ receivedAt: '2021-06-01T10:00:00+09:00' }) })).body;
    await suite.api.app.get<ProjectionRunner>(PROJECTIONS).caughtUp();
    expect((await suite.api.call('GET', `/audit/complaints/${reference}/trail`, { as: staff.auditor })).status).toBe(200);
    expect((await suite.api.call('GET', `/complaints/${reference}/replay`, { as: staff.auditor })).status).toBe(200);
    expect((await suite.api.call('GET', `/complaints/${reference}/at?revision=0`, { as: staff.auditor })).body).toMatchObject({ id, reference });
  });

  it('an unknown reference is not found; text that is neither an id nor a reference is refused', async () => {
    expect((await suite.api.call('GET', '/complaints/2022-999999', { as: staff.intake })).status).toBe(404);
    expect((await suite.api.call('GET', '/complaints/2022-0001%20', { as: staff.intake })).status).toBe(400);
  });
});
