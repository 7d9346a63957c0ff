import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { SqlClient } from '../../src/event-store/postgres/sql-client.js';
import type { ProjectionRunner } from '../../src/projections/projection-runner.js';
import { PROJECTIONS, READ_MODELS } from '../../src/tokens.js';
import { complaintBody, staff, startTestApi, type TestApi } from '../support/api.js';

let api: TestApi;
let runner: ProjectionRunner;
let sql: SqlClient;
const rows = async () => sql.query(`SELECT * FROM "${api.schema}".complaint_list ORDER BY id`);

beforeAll(async () => {
  api = await startTestApi();
  runner = api.app.get(PROJECTIONS);
  sql = api.app.get<{ sql: SqlClient }>(READ_MODELS).sql;
  for (let i = 0; i < 30; i++) {
    const { body } = await api.call('POST', '/complaints', { as: staff.intake, body: complaintBody({ category: i % 2 ? 'inquiry' : 'budget-waste' }) });
    if (i % 3 === 0) await api.call('POST', `/complaints/${body.id}/assign`, { as: staff.intake, body: {} });
  }
  await runner.caughtUp();
});
afterAll(async () => {
  await api.close();
});

describe('rebuilding a projection', () => {
  it('gives the same rows as the live projection', async () => {
    const live = await rows();
    const progress: number[] = [];
    const { events } = await runner.rebuild('complaint-list', ({ done }) => progress.push(done));
    expect(events).toBe(await api.storedEvents());
    expect(progress[progress.length - 1]).toBe(events);
    expect(await rows()).toEqual(live);
  });

  it('keeps answering queries while it runs, and misses nothing written meanwhile', async () => {
    let writes = 0;
    let failedQueries = 0;
    const rebuilding = runner.rebuild('complaint-list');
    const traffic = (async () => {
      for (let i = 0; i < 10; i++) {
        const created = await api.call('POST', '/complaints', { as: staff.intake, body: complaintBody() });
        if (created.status === 201) writes++;
        const list = await api.call('GET', '/complaints?limit=5', { as: staff.manager });
        if (list.status !== 200) failedQueries++;
      }
    })();
    await Promise.all([rebuilding, traffic]);
    await runner.caughtUp();
    expect(failedQueries).toBe(0);
    expect(writes).toBe(10);
    const [{ n }] = (await sql.query(`SELECT count(*)::int AS n FROM "${api.schema}".complaint_list`)) as [{ n: number }];
    expect(n).toBe(40);
    const live = await rows();
    await runner.rebuild('complaint-list');
    expect(await rows()).toEqual(live);
  });

  it('refuses an unknown projection by name', async () => {
    await expect(runner.rebuild('nonsense')).rejects.toThrow(/unknown projection nonsense; known: .*complaint-list/);
  });

  it('reports each projection with its position and no lag once caught up', async () => {
    await runner.caughtUp();
    const status = await api.call('GET', '/projections', { as: staff.manager });
    expect(status.body.projections).toContainEqual(expect.objectContaining({ name: 'complaint-list', lag: 0, running: true }));
  });
});
