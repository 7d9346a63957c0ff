import { afterAll, describe, expect, it } from '@jest/globals';
import { complaintBody, staff, startTestApi, type TestApi } from '../support/api.js';
import { dropSchema, uniqueSchemaName } from '../support/postgres.js';

// Given to both nodes, so that closing the leader leaves it in place.
const schema = uniqueSchemaName();
const started: TestApi[] = [];
afterAll(async () => {
  for (const api of started.reverse()) await api.close().catch(() => undefined);
  await dropSchema(schema);
});

const listed = async (api: TestApi, id: string, headers: Record<string, string>) => {
  const answer = await api.call('GET', '/complaints?state=received&limit=100', { as: staff.office, headers });
  return { status: answer.status, shown: (answer.body.items as { id: string }[]).some((c) => c.id === id), readModels: answer.headers.get('x-read-models') };
};

describe('read-your-writes: a read with X-Read-Your-Writes: true waits for the read models to show every write before it', () => {
  it('on a node that feeds no read model, the list shows a case received a moment before once the leader fed it; with no leader, it answers after the bound, saying behind', async () => {
    const leader = await startTestApi({ schema });
    started.push(leader);
    const node = await startTestApi({ schema, config: { projections: 'off' } });
    started.push(node);

    const received = await node.call('POST', '/complaints', { as: staff.intake, body: complaintBody() });
    expect(await listed(node, received.body.id, { 'x-read-your-writes': 'true' })).toEqual({ status: 200, shown: true, readModels: 'current' });

    await leader.close();
    const unseen = await node.call('POST', '/complaints', { as: staff.intake, body: complaintBody() });
    expect(await listed(node, unseen.body.id, { 'x-read-your-writes': 'true' })).toEqual({ status: 200, shown: false, readModels: 'behind' });

    const wrong = await node.call('GET', '/complaints', { as: staff.office, headers: { 'x-read-your-writes': 'yes' } });
    expect(wrong).toMatchObject({ status: 400, body: { errors: [{ field: 'X-Read-Your-Writes', rule: 'must be true (or left out)' }] } });
  });
});
