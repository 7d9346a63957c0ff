import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { signSharedSecretToken } from '../../src/auth/index.js';
import { tracingWanted } from '../../src/telemetry.js';
import { complaintBody, staff, TEST_AUTH } from '../support/api.js';
import { buildService, envOnSchema, startBuiltService, type BuiltService } from '../support/built-service.js';
import { startOtlpReceiver, type ExportedSpan, type OtlpReceiver } from '../support/otlp-receiver.js';
import { dropSchema, uniqueSchemaName } from '../support/postgres.js';

const SERVER = 2;

/**
 * Preloaded into the service: at exit it writes the OpenTelemetry packages it loaded (every package
 * here is CommonJS, so in require's cache whether imported or required).
 */
const REPORT_OPENTELEMETRY_MODULES = `data:text/javascript,${encodeURIComponent(`
  import { createRequire } from 'node:module';
  const cache = createRequire(process.cwd() + '/').cache;
  process.on('exit', () => {
    const packages = new Set(Object.keys(cache).flatMap((file) => file.match(/node_modules\\/(@opentelemetry\\/[^/]+|import-in-the-middle)\\//)?.[1] ?? []));
    process.stderr.write('loaded: ' + JSON.stringify([...packages].sort()) + '\\n');
  });
`)}`;

function loadedPackages(service: BuiltService): string[] {
  const line = service.output().split('\n').find((l) => l.startsWith('loaded: '));
  expect(line).toBeDefined();
  return JSON.parse(line!.slice('loaded: '.length)) as string[];
}

const schemas = [uniqueSchemaName(), uniqueSchemaName()];
let receiver: OtlpReceiver;

beforeAll(async () => {
  await buildService();
  receiver = await startOtlpReceiver();
}, 120_000);
afterAll(async () => {
  receiver?.server.close();
  for (const schema of schemas) await dropSchema(schema);
});

/** The built service on PostgreSQL (so pg is what it queries with), with `otel` added to its environment. */
async function start(schema: string, otel: Record<string, string>): Promise<BuiltService> {
  return startBuiltService({
    ...(await envOnSchema(schema)),
    ...otel,
  }, ['--import', REPORT_OPENTELEMETRY_MODULES, 'dist/src/main.js']);
}

async function post(service: BuiltService, path: string, as: (typeof staff)[keyof typeof staff], body: Record<string, unknown>, status: number): Promise<Response> {
  const token = await signSharedSecretToken(TEST_AUTH, as);
  const response = await fetch(`${service.url}${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  expect(response.status).toBe(status);
  return response;
}

async function stop(service: BuiltService): Promise<void> {
  service.child.kill('SIGTERM');
  expect(await service.exited).toBe(0);
}

describe('tracing', () => {
  it('is on when an exporter or an OTLP endpoint is named, unless OTEL_SDK_DISABLED', () => {
    expect(tracingWanted({})).toBe(false);
    expect(tracingWanted({ OTEL_SERVICE_NAME: 'complaints' })).toBe(false);
    expect(tracingWanted({ OTEL_TRACES_EXPORTER: 'none' })).toBe(false);
    expect(tracingWanted({ OTEL_TRACES_EXPORTER: 'otlp' })).toBe(true);
    expect(tracingWanted({ OTEL_TRACES_EXPORTER: 'console,otlp' })).toBe(true);
    expect(tracingWanted({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318' })).toBe(true);
    expect(tracingWanted({ OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'http://collector:4318/v1/traces' })).toBe(true);
    expect(tracingWanted({ OTEL_TRACES_EXPORTER: 'none', OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318' })).toBe(false);
    expect(tracingWanted({ OTEL_SDK_DISABLED: 'true', OTEL_TRACES_EXPORTER: 'otlp' })).toBe(false);
    expect(tracingWanted({ OTEL_SDK_DISABLED: 'false', OTEL_TRACES_EXPORTER: 'otlp' })).toBe(true);
  });

  it('exports a command as one trace: the HTTP server span, Express, the command with read, decide and append, and pg; a refusal is its outcome; the log correlates by the trace id', async () => {
    const service = await start(schemas[0]!, {
      OTEL_TRACES_EXPORTER: 'otlp',
      OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json',
      OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url,
      OTEL_SERVICE_NAME: 'complaint-engine-test',
      OTEL_BSP_SCHEDULE_DELAY: '50',
    });
    const body = complaintBody();
    const response = await post(service, '/complaints', staff.intake, body, 201);
    const correlationId = response.headers.get('x-correlation-id')!;
    const { id } = (await response.json()) as { id: string };
    const refused = await post(service, `/complaints/${id}/decide`, staff.office, { outcome: 'upheld', basis: 'x' }, 409);
    const complainant = body.complainant as Record<string, string>;
    const search = await fetch(`${service.url}/complaints?category=${encodeURIComponent(complainant.name!)}`, { headers: { authorization: `Bearer ${await signSharedSecretToken(TEST_AUTH, staff.office)}` } });
    await stop(service);

    expect(receiver.elsewhere()).toBe(0);
    const trace = receiver.spans.filter((span) => span.traceId === correlationId);
    const named = (name: string) => trace.filter((span) => span.name === name);
    const childrenOf = (parent: ExportedSpan) => trace.filter((span) => span.parentSpanId === parent.spanId).map((span) => span.name);
    const ancestors = (span: ExportedSpan): ExportedSpan[] => {
      const parent = trace.find((other) => other.spanId === span.parentSpanId);
      return parent ? [parent, ...ancestors(parent)] : [];
    };

    expect(correlationId).toMatch(/^[0-9a-f]{32}$/);
    expect(new Set(trace.map((span) => span.service))).toEqual(new Set(['complaint-engine-test']));
    const [server] = trace.filter((span) => span.scope === '@opentelemetry/instrumentation-http' && span.kind === SERVER);
    expect(server).toMatchObject({ name: 'POST /complaints', attributes: { 'http.route': '/complaints', 'http.response.status_code': 201 } });
    expect(server!.parentSpanId).toBeUndefined();
    expect(server!.attributes).not.toHaveProperty(['client.address']);
    expect(server!.attributes).not.toHaveProperty(['network.peer.address']);
    const handler = trace.find((span) => span.scope === '@opentelemetry/instrumentation-express' && span.attributes['express.type'] === 'request_handler');
    expect(handler).toMatchObject({ parentSpanId: server!.spanId, attributes: { 'http.route': '/complaints' } });
    const [command] = named('command complaints.receive');
    expect(command!.attributes).toEqual({ 'command.aggregate': 'complaints', 'command.type': 'receive', 'command.outcome': 'stored', 'command.attempts': 1 });
    expect(ancestors(command!)).toEqual([handler, server]);
    // A receipt presumes a new case: it recalls the empty one rather than reading the stream.
    expect(childrenOf(command!)).toEqual(['recall', 'decide', 'append']);
    const queries = trace.filter((span) => span.scope === '@opentelemetry/instrumentation-pg');
    expect(queries.length).toBeGreaterThan(0);
    const [append] = named('append');
    expect(queries.filter((query) => ancestors(query).includes(append!)).length).toBeGreaterThan(0);

    // A refusal is an answer, not an error: its outcome is its status, and it stops before deciding.
    const refusal = receiver.spans.filter((span) => span.traceId === refused.headers.get('x-correlation-id'));
    const decide = refusal.find((span) => span.name === 'command complaints.decide');
    // The case as the receipt left it refuses first; only the stream read refuses for good.
    expect(decide).toMatchObject({ attributes: { 'command.outcome': '409', 'command.attempts': 2 } });
    expect(decide!.status?.code ?? 0).toBe(0);
    expect(refusal.filter((span) => span.parentSpanId === decide!.spanId).map((span) => span.name)).toEqual(['recall', 'read']);

    const log = service.output().split('\n').filter((line) => line.includes('"msg":"request"')).map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(log.find((line) => line.method === 'POST' && line.path === '/complaints')?.correlationId).toBe(correlationId);

    // Nothing of the person in any span: not the name, the phone, the address or the description; not a name searched for.
    const exported = JSON.stringify(trace);
    for (const personal of [complainant.name!, complainant.phone!, complainant.email!, body.description as string]) expect(exported).not.toContain(personal);
    const searched = receiver.spans.filter((span) => span.traceId === search.headers.get('x-correlation-id'));
    expect(searched.find((span) => span.kind === SERVER)).toMatchObject({ name: 'GET /complaints', attributes: { 'url.path': '/complaints' } });
    expect(searched.find((span) => span.kind === SERVER)!.attributes).not.toHaveProperty(['url.query']);
    expect(JSON.stringify(searched)).not.toContain(encodeURIComponent(complainant.name!));
    expect(JSON.stringify(searched)).not.toContain(complainant.name!);
    expect(loadedPackages(service)).toEqual(expect.arrayContaining(['@opentelemetry/sdk-node', '@opentelemetry/instrumentation-pg', 'import-in-the-middle']));
    // Node 26 deprecates module.register(): the hook goes through module.registerHooks() where it can.
    expect(service.output()).not.toContain('DeprecationWarning');
    console.log(`tracing on: ${trace.length} spans in the command's trace (${[...new Set(trace.map((span) => span.scope))].join(', ')}); ${receiver.spans.length} spans exported in all`);
  }, 60_000);

  it('with OTEL_SDK_DISABLED=true exports nothing and loads no OpenTelemetry package but the no-op API', async () => {
    const before = receiver.posts();
    const service = await start(schemas[1]!, {
      OTEL_SDK_DISABLED: 'true',
      OTEL_TRACES_EXPORTER: 'otlp',
      OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json',
      OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url,
      OTEL_BSP_SCHEDULE_DELAY: '50',
    });
    const response = await post(service, '/complaints', staff.intake, complaintBody(), 201);
    expect(response.headers.get('x-correlation-id')).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4/);
    await stop(service);
    expect(receiver.posts()).toBe(before);
    expect(loadedPackages(service)).toEqual(['@opentelemetry/api']);
  }, 60_000);
});
