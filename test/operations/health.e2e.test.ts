import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { connectAdmin, dropSchema, TEST_DATABASE_URL, uniqueSchemaName } from '../support/postgres.js';
import { complaintBody, staff, startTestApi, type TestApi } from '../support/api.js';
import { startTcpProxy, type TcpProxy } from '../support/tcp-proxy.js';
import { repeatOffendersReadModel } from '../../src/reports/index.js';

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

const poll = (path: string, status: number, timeoutMs?: number) => pollOf(api, path, status, timeoutMs);
const pollOf = async (service: TestApi, path: string, status: number, timeoutMs = 20_000) => {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const response = await service.call('GET', path);
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
    // Commands and reads: a passing outage to try again after, not an internal error.
    for (const [method, path, as, body] of [['POST', '/complaints', staff.intake, complaintBody()], ['GET', '/complaints', staff.manager, undefined]] as const) {
      const unavailable = await api.call(method, path, { as, body });
      expect({ method, status: unavailable.status, retryAfter: unavailable.headers.get('retry-after') }).toEqual({ method, status: 503, retryAfter: '5' });
      expect(unavailable.body).toMatchObject({ error: 'Service Unavailable', message: expect.stringMatching(/^the database cannot be reached right now: try again/) });
    }

    await proxy.restore();
    const ready = await poll('/health/ready', 200);
    expect(ready.status).toBe(200);
    expect((await api.call('GET', '/health')).status).toBe(200);
    const metrics = (await api.call('GET', '/metrics', { as: staff.admin })).body as string;
    expect(metrics).toContain('complaint_engine_commands_total{aggregate="complaints",command="receive",outcome="503"} 1');
    expect(metrics).not.toContain('outcome="500"');
  });

  it('turns unready when a read model is further behind than READY_MAX_LAG_EVENTS', async () => {
    const strict = await startTestApi({ config: { projections: 'off', operations: { readyMaxLagEvents: 0, readyMaxNoticeDelaySeconds: 900, shutdownDrainMs: 0, shutdownTimeoutMs: 10_000 } } });
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

  it('turns unready, naming the read model, while a read model cannot apply events; GET /projections says why; ready again once it can', async () => {
    const other = await startTestApi();
    const admin = await connectAdmin();
    try {
      // A read model that fails on every attempt: its table is gone (an operator's mistake, or an event it cannot take).
      await admin.query(`DROP TABLE "${other.schema}".repeat_cases`);
      expect((await other.call('POST', '/complaints', { as: staff.intake, body: complaintBody() })).status).toBe(201);
      const unready = await pollOf(other, '/health/ready', 503);
      expect(unready.status).toBe(503);
      expect(unready.body.details.readModels).toMatchObject({
        status: 'down',
        message: expect.stringMatching(/^read model repeat-offenders cannot apply events since \S+ \(\d+ attempts\): repeat-offenders: relation ".*repeat_cases" does not exist$/),
      });
      const status = async () => ((await other.call('GET', '/projections', { as: staff.manager })).body as { projections: { lag: number; failing: { readModel: string; attempts: number } | null }[] }).projections;
      // One transaction feeds them all: every read model is held back by the one that fails.
      expect((await status()).every((p) => p.failing?.readModel === 'repeat-offenders' && p.failing.attempts >= 5)).toBe(true);

      await repeatOffendersReadModel.migrate({ query: async (sql) => (await admin.query(sql)).rows }, `"${other.schema}"`);
      expect((await pollOf(other, '/health/ready', 200)).status).toBe(200);
      expect((await status()).every((p) => p.failing === null && p.lag === 0)).toBe(true);
    } finally {
      await admin.end();
      await other.close();
    }
  });
});
