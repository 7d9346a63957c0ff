import { afterAll, describe, expect, it } from '@jest/globals';
import { complaintBody, staff, startTestApi, type TestApi } from '../support/api.js';
import { connectAdmin, dropSchema, uniqueSchemaName } from '../support/postgres.js';

const schema = uniqueSchemaName();
const started: TestApi[] = [];
afterAll(async () => {
  for (const api of started.reverse()) await api.close().catch(() => undefined);
  await dropSchema(schema);
});

const roles = async (api: TestApi) => {
  const response = await api.call('GET', '/projections', { as: staff.manager });
  if (response.status !== 200) throw new Error(`GET /projections: ${response.status} ${JSON.stringify(response.body)}`);
  return new Set(response.body.projections.map((p: { role: string }) => p.role));
};

async function until(condition: () => Promise<boolean>, ms = 10_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('two service nodes on one database', () => {
  it('one feeds the read models and the other stands by, then takes over when the leader goes', async () => {
    const first = await startTestApi({ schema });
    started.push(first);
    const second = await startTestApi({ schema });
    started.push(second);
    expect(await roles(first)).toEqual(new Set(['leader']));
    expect(await roles(second)).toEqual(new Set(['standby']));

    // A write through the standby node shows in the read models the leader keeps.
    const { body } = await second.call('POST', '/complaints', { as: staff.intake, body: complaintBody() });
    await until(async () => (await second.call('GET', '/complaints', { as: staff.manager })).body.items.some((c: { id: string }) => c.id === body.id));

    await first.close();
    started.shift();
    await until(async () => (await roles(second)).has('leader'));
    const next = await second.call('POST', '/complaints', { as: staff.intake, body: complaintBody() });
    await until(async () => (await second.call('GET', '/complaints', { as: staff.manager })).body.items.some((c: { id: string }) => c.id === next.body.id));
    await until(async () => (await second.call('GET', '/projections', { as: staff.manager })).body.projections.every((p: { lag: number }) => p.lag === 0));
  }, 60_000);
});

describe('a leader whose connection to the database breaks', () => {
  it('stands by once its lock session is gone, and the other node leads: never two leaders', async () => {
    const own = uniqueSchemaName();
    const first = await startTestApi({ schema: own });
    const second = await startTestApi({ schema: own });
    const admin = await connectAdmin();
    try {
      expect(await roles(first)).toEqual(new Set(['leader']));
      expect(await roles(second)).toEqual(new Set(['standby']));
      // The leader's session, as PostgreSQL shows the lock (a bigint key: its halves in classid and objid).
      const holder = async () =>
        (
          await admin.query<{ pid: number }>(
            `SELECT pid FROM pg_locks, hashtextextended($1, 0) AS key WHERE locktype = 'advisory' AND objsubid = 1 AND granted
             AND classid::bigint = (key >> 32) & 4294967295 AND objid::bigint = key & 4294967295`,
            [`projections:"${own}"`],
          )
        ).rows.map((row) => row.pid);
      const [session] = await holder();
      expect(session).toBeDefined();
      await admin.query('SELECT pg_terminate_backend($1)', [session]);

      await until(async () => (await roles(second)).has('leader'));
      await until(async () => (await roles(first)).has('standby'));
      const stood = await first.call('GET', '/projections', { as: staff.manager });
      expect(stood.body.projections.every((p: { role: string; running: boolean }) => p.role === 'standby' && !p.running)).toBe(true);
      // The first keeps trying, and keeps finding the lock taken.
      await new Promise((resolve) => setTimeout(resolve, 2_500));
      expect(await roles(first)).toEqual(new Set(['standby']));
      expect((await holder()).length).toBe(1);
      const filed = await first.call('POST', '/complaints', { as: staff.intake, body: complaintBody() });
      await until(async () => (await first.call('GET', '/complaints', { as: staff.manager })).body.items.some((c: { id: string }) => c.id === filed.body.id));
    } finally {
      await admin.end();
      await second.close();
      await first.close();
      await dropSchema(own);
    }
  }, 60_000);
});
