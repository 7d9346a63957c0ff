import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { resolve } from 'node:path';
import { complaintStreamId } from '../../src/complaint-stream/index.js';
import { loadOperationsConfig } from '../../src/config/index.js';
import { EVENT_STORE, WrongExpectedRevisionError, type EventStore } from '../../src/event-store/index.js';
import { PROJECTIONS, type ProjectionRunner } from '../../src/projections/index.js';
import { complaintBody, staff, startTestApi, type TestApi } from '../support/api.js';
import { sample, total } from '../support/prometheus.js';

let api: TestApi;
let text: string;

beforeAll(async () => {
  api = await startTestApi();
  const ids: string[] = [];
  for (let i = 0; i < 3; i++) ids.push((await api.call('POST', '/complaints', { as: staff.intake, body: complaintBody() })).body.id);
  expect((await api.call('POST', '/complaints', { as: staff.intake, body: complaintBody({ channel: 'pigeon' }) })).status).toBe(400);
  expect((await api.call('POST', `/complaints/${ids[0]}/decide`, { as: staff.office, body: { outcome: 'upheld', basis: 'x' } })).status).toBe(409);
  expect((await api.call('POST', '/complaints', { as: staff.handler, body: complaintBody() })).status).toBe(403);
  // The public's own entry point, and a refused filing there.
  const filing = { category: 'defective-facility', description: '계량기에서 가스 냄새가 납니다.', name: '김민수', email: 'minsu@example.kr', consent: { personalData: true, email: true, sms: false }, language: 'ko' };
  expect((await api.call('POST', '/portal/complaints', { body: filing })).status).toBe(201);
  expect((await api.call('POST', '/portal/complaints', { body: { ...filing, category: 'parking' } })).status).toBe(400);
  await api.app.get<ProjectionRunner>(PROJECTIONS).caughtUp();
  const scrape = await api.call('GET', '/metrics', { as: staff.admin });
  expect(scrape.status).toBe(200);
  expect(scrape.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
  text = scrape.body as string;
});
afterAll(async () => {
  await api?.close();
});

describe('GET /metrics after 3 receipts, one 400, one 409 and one 403, and a portal filing stored and one refused', () => {
  it('counts the commands by type and outcome', () => {
    const receipts = { aggregate: 'complaints', command: 'receive' };
    expect(sample(text, 'complaint_engine_commands_total', { ...receipts, outcome: 'stored' })).toBe(3);
    expect(sample(text, 'complaint_engine_commands_total', { ...receipts, outcome: '400' })).toBe(1);
    expect(sample(text, 'complaint_engine_commands_total', { ...receipts, outcome: '403' })).toBe(1);
    expect(sample(text, 'complaint_engine_commands_total', { aggregate: 'complaints', command: 'decide', outcome: '409' })).toBe(1);
    expect(sample(text, 'complaint_engine_command_duration_seconds_count', receipts)).toBe(5);
    expect(sample(text, 'complaint_engine_command_duration_seconds_bucket', { ...receipts, le: '+Inf' })).toBe(5);
    // Every write is a command: the portal's too (the operator tester saw its filings in no command count).
    expect(sample(text, 'complaint_engine_commands_total', { aggregate: 'portal', command: 'file', outcome: 'stored' })).toBe(1);
    expect(sample(text, 'complaint_engine_commands_total', { aggregate: 'portal', command: 'file', outcome: '400' })).toBe(1);
  });

  it('counts the appends: one per stored receipt, no conflict', () => {
    expect(sample(text, 'complaint_engine_appends_total', { result: 'stored' })).toBeGreaterThanOrEqual(3);
    expect(sample(text, 'complaint_engine_appends_total', { result: 'conflict' })).toBeUndefined();
  });

  it('shows every read model caught up, in events and seconds', () => {
    expect(sample(text, 'complaint_engine_read_model_lag_events', { read_model: 'complaint-list' })).toBe(0);
    expect(sample(text, 'complaint_engine_read_model_lag_seconds', { read_model: 'complaint-list' })).toBe(0);
    expect(total(text, 'complaint_engine_read_model_lag_events')).toBe(0);
  });

  it('counts the four open cases (three received by staff, one filed on the portal) by SLA status and department (not routed yet: unassigned, as in the reports), and the notice outbox by status', () => {
    expect(total(text, 'complaint_engine_open_cases')).toBe(4);
    expect(total(text, 'complaint_engine_open_cases', { sla_status: 'on-track' })).toBe(4);
    expect(total(text, 'complaint_engine_open_cases', { department: 'unassigned' })).toBe(4);
    expect(total(text, 'complaint_engine_notices', { status: 'failed' })).toBe(0);
    expect(total(text, 'complaint_engine_notice_retries')).toBe(0);
  });

  it('shows no verification result before this process verified: never verified is not a mismatch (0)', () => {
    expect(text).toContain('# TYPE complaint_engine_integrity_last_verify_ok gauge');
    expect(sample(text, 'complaint_engine_integrity_last_verify_ok')).toBeUndefined();
    expect(sample(text, 'complaint_engine_integrity_last_verify_timestamp_seconds')).toBeUndefined();
  });

  it("has Node's default metrics and no case id or person in any label", () => {
    expect(sample(text, 'process_cpu_seconds_total')).toBeGreaterThan(0);
    expect(text).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-/);
    expect(text).not.toContain(staff.intake.sub);
  });
});

describe('appends, seals and verification', () => {
  it('counts a write conflict, the seals written and the result of the last verification', async () => {
    const id = (await api.call('POST', '/complaints', { as: staff.intake, body: complaintBody() })).body.id as string;
    const store = api.app.get<EventStore>(EVENT_STORE);
    const [first] = await store.readStream(complaintStreamId(id));
    const stale = { ...first!, metadata: { ...first!.metadata, commandId: 'c0ffee00-0000-4000-8000-000000000000' } };
    await expect(store.append(complaintStreamId(id), [stale], { expectedRevision: 'no-stream' })).rejects.toBeInstanceOf(WrongExpectedRevisionError);
    // The service seals every second (AUDIT_SEAL_INTERVAL_MS).
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect((await api.call('GET', '/audit/verify', { as: staff.auditor })).body.ok).toBe(true);
    const after = (await api.call('GET', '/metrics', { as: staff.admin })).body as string;
    expect(sample(after, 'complaint_engine_appends_total', { result: 'conflict' })).toBe(1);
    expect(sample(after, 'complaint_engine_seals_written_total')).toBeGreaterThan(0);
    expect(sample(after, 'complaint_engine_integrity_last_verify_ok')).toBe(1);
    expect(sample(after, 'complaint_engine_integrity_last_verify_timestamp_seconds')).toBeGreaterThan(Date.now() / 1000 - 60);
  });
});

describe('a command sent again with its Idempotency-Key', () => {
  it('counts the repeat as repeated, not stored: it stored nothing, and made no append', async () => {
    const id = (await api.call('POST', '/complaints', { as: staff.intake, body: complaintBody() })).body.id as string;
    const scrape = async () => (await api.call('GET', '/metrics', { as: staff.admin })).body as string;
    const before = await scrape();
    const acknowledge = () => api.call('POST', `/complaints/${id}/acknowledge`, { as: staff.intake, body: {}, headers: { 'idempotency-key': 'k1' } });
    const first = await acknowledge();
    const again = await acknowledge();
    expect([first.status, again.status]).toEqual([200, 200]);
    expect(again.headers.get('etag')).toBe(first.headers.get('etag'));
    const after = await scrape();
    const acknowledged = (outcome: string, text: string) => sample(text, 'complaint_engine_commands_total', { aggregate: 'complaints', command: 'acknowledge', outcome }) ?? 0;
    expect(acknowledged('stored', after) - acknowledged('stored', before)).toBe(1);
    expect(acknowledged('repeated', after) - acknowledged('repeated', before)).toBe(1);
    // Found among the stream's events before any append: `duplicate` counts only a repeat that raced its first to the append.
    const appended = (text: string) => sample(text, 'complaint_engine_appends_total', { result: 'stored' }) ?? 0;
    expect(appended(after) - appended(before)).toBe(1);
    expect(sample(after, 'complaint_engine_appends_total', { result: 'duplicate' })).toBeUndefined();
  });
});

describe('the notice outbox by channel', () => {
  it('gives each channel of the outbox its own series, so that an alert can leave out a channel no node sends on', () => {
    for (const channel of ['email', 'sms']) {
      expect(sample(text, 'complaint_engine_notice_oldest_due_seconds', { channel })).toBeGreaterThanOrEqual(0);
      expect(sample(text, 'complaint_engine_notice_retries', { channel })).toBe(0);
      expect(sample(text, 'complaint_engine_notices', { channel, status: 'sent' })).toBe(0);
    }
    expect(sample(text, 'complaint_engine_notice_oldest_due_seconds')).toBeUndefined();
  });
});

describe('the Grafana dashboard (docs/grafana-dashboard.json)', () => {
  it('queries only metrics the service exposes', () => {
    const dashboard = JSON.parse(readFileSync(resolve(import.meta.dirname, '../../docs/grafana-dashboard.json'), 'utf8')) as { panels: { targets: { expr: string }[] }[] };
    const exposed = new Set([...text.matchAll(/^# TYPE (\S+) (\S+)$/gm)].flatMap(([, name, type]) => (type === 'histogram' ? [`${name}_bucket`, `${name}_sum`, `${name}_count`] : [name!])));
    const queried = dashboard.panels.flatMap((p) => p.targets.flatMap((t) => t.expr.match(/\b(complaint_engine|process|nodejs)_[a-z0-9_]+/g) ?? []));
    expect(queried.length).toBeGreaterThan(10);
    expect(queried.filter((name) => !exposed.has(name))).toEqual([]);
  });
});

describe('who may scrape', () => {
  it('needs a token of role admin on the service port', async () => {
    expect((await api.call('GET', '/metrics')).status).toBe(401);
    expect((await api.call('GET', '/metrics', { as: staff.office })).status).toBe(403);
  });

  it('serves the same without a token on METRICS_PORT', async () => {
    const port = await freePort();
    const other = await startTestApi({ config: { operations: { ...loadOperationsConfig({}), metricsPort: port, shutdownDrainMs: 0 } } });
    try {
      const response = await fetch(`http://127.0.0.1:${port}/metrics`);
      expect(response.status).toBe(200);
      expect(await response.text()).toContain('# TYPE complaint_engine_commands_total counter');
      expect((await fetch(`http://127.0.0.1:${port}/other`)).status).toBe(404);
    } finally {
      await other.close();
    }
  });

  it('listens on METRICS_HOST only when it is set', async () => {
    const port = await freePort();
    const operations = { ...loadOperationsConfig({ METRICS_PORT: String(port), METRICS_HOST: '127.0.0.2' }), shutdownDrainMs: 0 };
    expect(operations).toMatchObject({ metricsPort: port, metricsHost: '127.0.0.2' });
    const other = await startTestApi({ config: { operations } });
    try {
      expect((await fetch(`http://127.0.0.2:${port}/metrics`)).status).toBe(200);
      // Another address of the same machine (the loopback network answers on all of 127/8) is not listened on.
      await expect(fetch(`http://127.0.0.1:${port}/metrics`)).rejects.toThrow();
    } finally {
      await other.close();
    }
    expect(() => loadOperationsConfig({ METRICS_HOST: '127.0.0.1' })).toThrow(/METRICS_HOST: is the address of METRICS_PORT/);
    expect(() => loadOperationsConfig({ METRICS_PORT: '9464', METRICS_HOST: 'not a host' })).toThrow(/METRICS_HOST: must be an IP address or a host name/);
  });
});

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}
