import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { connectAdmin, dropSchema, TEST_DATABASE_URL, uniqueSchemaName } from '../support/postgres.js';
import { complaintBody, staff, startTestApi, type TestApi } from '../support/api.js';
import { startTcpProxy, type TcpProxy } from '../support/tcp-proxy.js';
import { repeatOffendersReadModel } from '../../src/reports/index.js';
import { loadOperationsConfig } from '../../src/config/index.js';

type LogLine = { level: number; msg: string };
const logLines: LogLine[] = [];
let proxy: TcpProxy;
let api: TestApi;
const schema = uniqueSchemaName();

beforeAll(async () => {
  const server = new URL(TEST_DATABASE_URL);
  proxy = await startTcpProxy({ host: server.hostname, port: Number(server.port || 5432) });
  const url = new URL(TEST_DATABASE_URL);
  url.host = `127.0.0.1:${proxy.port}`;
  api = await startTestApi({ schema, config: { store: { kind: 'postgres', url: url.toString(), schema, pollIntervalMs: 50 }, logLevel: 'info' }, logDestination: { write: (line: string) => void logLines.push(JSON.parse(line) as LogLine) } });
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
      // Its warning carries the request's correlation id, as its request line does (operator tester: it could not be joined).
      const correlationId = unavailable.headers.get('x-correlation-id');
      expect(logLines.filter((line) => (line as { correlationId?: string }).correlationId === correlationId).map((line) => line.level).sort()).toEqual([30, 40]);
    }

    // Scraped twice in the outage: its three read-outs fail each time, logged once (the operator tester saw three lines a scrape).
    for (let i = 0; i < 2; i++) expect((await api.call('GET', '/metrics', { as: staff.admin })).status).toBe(200);
    expect(logLines.filter((line) => line.msg.startsWith('metrics read-out failed'))).toHaveLength(1);

    await proxy.restore();
    const ready = await poll('/health/ready', 200);
    expect(ready.status).toBe(200);
    expect((await api.call('GET', '/health')).status).toBe(200);
    const metrics = (await api.call('GET', '/metrics', { as: staff.admin })).body as string;
    expect(metrics).toContain('complaint_engine_commands_total{aggregate="complaints",command="receive",outcome="503"} 1');
    expect(metrics).not.toContain('outcome="500"');

    // The outage is logged when it starts and when it ends, not once a probe or a retry (the sealer tries every second).
    const logged = (start: string) => logLines.filter((line) => line.msg.startsWith(start));
    expect(logLines.filter((line) => line.msg.includes('Health Check'))).toEqual([]);
    expect(logged('readiness failed').map((line) => line.level)).toEqual([40]);
    expect(logged('readiness failed')[0]!.msg).toMatch(/not ready \(GET \/health\/ready answers 503\): store: /);
    expect(logged('readiness works again')).toHaveLength(1);
    expect(logged('readiness still failing')).toEqual([]);
    expect(logged('sealing failed').length).toBeLessThanOrEqual(1);
    expect(logged('sealing still failing')).toEqual([]);
  });

  it('turns unready when a read model is further behind than READY_MAX_LAG_EVENTS on a node that feeds them; a node with PROJECTIONS=off stays ready and says how far behind', async () => {
    const shared = uniqueSchemaName();
    const operations = { ...loadOperationsConfig({}), readyMaxLagEvents: 5, shutdownDrainMs: 0 };
    // The projection leader's lock, held here: the node with projections on stands by and nothing feeds the read models (the projection nodes are down).
    const lock = await connectAdmin();
    await lock.query(`SELECT pg_advisory_lock(hashtextextended($1, 0))`, [`projections:"${shared}"`]);
    const projecting = await startTestApi({ schema: shared, config: { operations } });
    const apiOnly = await startTestApi({ schema: shared, config: { projections: 'off', operations } });
    try {
      expect((await apiOnly.call('GET', '/health/ready')).status).toBe(200);
      for (let i = 0; i < 8; i++) expect((await apiOnly.call('POST', '/complaints', { as: staff.intake, body: complaintBody() })).status).toBe(201);

      const stale = await apiOnly.call('GET', '/health/ready');
      expect(stale.status).toBe(200);
      expect(stale.body.info.readModels).toMatchObject({
        status: 'up',
        maxLagEvents: 5,
        behind: expect.objectContaining({ 'complaint-list': 8 }),
        message: expect.stringMatching(/^more than 5 events behind: .*complaint-list.*; ready all the same, as this node does not feed the read models \(PROJECTIONS=off\)/),
      });
      const metrics = (await apiOnly.call('GET', '/metrics', { as: staff.admin })).body as string;
      expect(metrics).toContain('complaint_engine_read_model_lag_events{read_model="complaint-list"} 8');

      const behind = await projecting.call('GET', '/health/ready');
      expect(behind.status).toBe(503);
      expect(behind.body.details.readModels).toMatchObject({ status: 'down', message: expect.stringContaining('more than 5 events behind') });

      // A projection node comes back: the read models catch up, and the node that feeds them is ready again.
      await lock.query(`SELECT pg_advisory_unlock(hashtextextended($1, 0))`, [`projections:"${shared}"`]);
      expect((await pollOf(projecting, '/health/ready', 200)).status).toBe(200);
      const caughtUp = await apiOnly.call('GET', '/health/ready');
      expect(caughtUp.body.info.readModels).not.toHaveProperty('behind');
    } finally {
      await lock.end();
      await apiOnly.close();
      await projecting.close();
      await dropSchema(shared);
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
