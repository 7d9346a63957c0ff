import { afterAll, describe, expect, it } from '@jest/globals';
import { complaintBody, staff, startTestApi, type TestApi } from '../support/api.js';
import { dropSchema, uniqueSchemaName } from '../support/postgres.js';

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
