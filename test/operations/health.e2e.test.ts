import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { dropSchema, TEST_DATABASE_URL, uniqueSchemaName } from '../support/postgres.js';
import { complaintBody, staff, startTestApi, type TestApi } from '../support/api.js';
import { startTcpProxy, type TcpProxy } from '../support/tcp-proxy.js';

let proxy: TcpProxy;
let api: TestApi;
const schema = uniqueSchemaName();

beforeAll(async () => {
  const server = new URL(TEST_DATABASE_URL);
  proxy = await startTcpProxy({ host: server.hostname, port: Number(server.port || 5432) });
  const url = new URL(TEST_DATABASE_URL);
  url.host = `127.0.0.1:${proxy.port}`;
  api = await startTestApi({ schema, config: { store: { kind: 'postgres', url: url.toString(), schema, pollIntervalMs: 50 } } });
});
afterAll(async () => {
  await api?.close();
  await proxy?.close();
  await dropSchema(schema);
});

const poll = async (path: string, status: number, timeoutMs = 20_000) => {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const response = await api.call('GET', path);
    if (response.status === status || Date.now() > until) return response;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
};

describe('the probes', () => {
  it('answers live and ready without a token while PostgreSQL answers', async () => {
    const live = await api.call('GET', '/health/live');
    expect(live).toMatchObject({ status: 200, body: { status: 'ok' } });
    const ready = await api.call('GET', '/health/ready');
    expect(ready.status).toBe(200);
    expect(ready.body).toMatchObject({ status: 'ok', info: { store: { status: 'up' }, migrations: { status: 'up' }, readModels: { status: 'up' } } });
  });

  it('turns unready when PostgreSQL cannot be reached, stays live, and is ready again when it returns', async () => {
    await proxy.cut();
    const unready = await poll('/health/ready', 503);
    expect(unready.status).toBe(503);
    expect(unready.body).toMatchObject({ status: 'error', details: { store: { status: 'down' } } });
    expect((await api.call('GET', '/health/live')).status).toBe(200);
    expect((await api.call('GET', '/health')).status).toBe(503);

    await proxy.restore();
    const ready = await poll('/health/ready', 200);
    expect(ready.status).toBe(200);
    expect((await api.call('GET', '/health')).status).toBe(200);
  });

  it('turns unready when a read model is further behind than READY_MAX_LAG_EVENTS', async () => {
    const strict = await startTestApi({ config: { projections: 'off', operations: { readyMaxLagEvents: 0, readyMaxNoticeDelaySeconds: 900, shutdownTimeoutMs: 10_000 } } });
    try {
      expect((await strict.call('GET', '/health/ready')).status).toBe(200);
      expect((await strict.call('POST', '/complaints', { as: staff.intake, body: complaintBody() })).status).toBe(201);
      const behind = await strict.call('GET', '/health/ready');
      expect(behind.status).toBe(503);
      expect(behind.body.details.readModels).toMatchObject({ status: 'down', message: expect.stringContaining('more than 0 events behind') });
    } finally {
      await strict.close();
    }
  });
});
