import type { IncomingMessage } from 'node:http';
// Not through config/index.js, which would load pg and express before the tracing hooks: environment.ts imports nothing.
// eslint-disable-next-line no-restricted-imports
import { ConfigError, settingsOf } from './config/environment.js';

/** The trace exporters the OpenTelemetry SDK knows (`OTEL_TRACES_EXPORTER`); it skips any other name without a word. */
const TRACE_EXPORTERS = ['otlp', 'console', 'zipkin', 'none'];
/** The OTLP protocols it knows; it takes any other for `http/protobuf`, without a word. */
const OTLP_PROTOCOLS = ['http/protobuf', 'http/json', 'grpc'];

/**
 * Whether the standard `OTEL_*` variables ask for traces: an exporter other than `none`, or an OTLP
 * endpoint, and the SDK not disabled. Off by default; `OTEL_SERVICE_NAME` alone turns nothing on.
 * An exporter or protocol the SDK does not know (`oltp`) is refused ({@link ConfigError}): the SDK
 * would start without traces, or with another protocol, and say nothing.
 */
export function tracingWanted(variables: NodeJS.ProcessEnv): boolean {
  const env = settingsOf(variables);
  const exporters = (env.OTEL_TRACES_EXPORTER ?? '').split(',').map((name) => name.trim()).filter((name) => name !== '');
  const unknown = exporters.filter((name) => !TRACE_EXPORTERS.includes(name));
  if (unknown.length > 0) throw new ConfigError('OTEL_TRACES_EXPORTER', `must name exporters among ${TRACE_EXPORTERS.join(', ')} (comma-separated), not ${unknown.map((name) => JSON.stringify(name)).join(', ')}`);
  for (const variable of ['OTEL_EXPORTER_OTLP_PROTOCOL', 'OTEL_EXPORTER_OTLP_TRACES_PROTOCOL']) {
    const protocol = env[variable]?.trim();
    if (protocol !== undefined && !OTLP_PROTOCOLS.includes(protocol)) throw new ConfigError(variable, `must be one of ${OTLP_PROTOCOLS.join(', ')}, not ${JSON.stringify(protocol)}`);
  }
  if (env.OTEL_SDK_DISABLED?.trim().toLowerCase() === 'true') return false;
  if (exporters.length > 0) return !exporters.includes('none');
  return Boolean(env.OTEL_EXPORTER_OTLP_ENDPOINT || env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT);
}

/** Probes and scrapes every few seconds would each make a trace of their own. */
const UNTRACED_PATHS = /^\/(health|metrics)(\/|$|\?)/;

/** The segment after `/portal/cases/`, wherever the path puts it and however it spells it (Express routes by it case-insensitively). */
const FOLLOW_UP_TOKEN = /(\/portal\/+cases\/+)[^/]+/gi;

/**
 * A request's path as the service's records show it (the request log, the traces): a follow-up link's
 * token is the complainant's credential, so `/portal/cases/<token>/withdraw` reads
 * `/portal/cases/[token]/withdraw`. Here, since tracing starts before the rest of the service loads.
 */
export function pathWithoutSecrets(path: string): string {
  return path.replace(FOLLOW_UP_TOKEN, '$1[token]');
}

/**
 * The attributes an incoming request's span starts with, replacing the instrumentation's: no query
 * string (it may hold a name searched for), no client address, and the path without secrets.
 */
export function incomingSpanAttributes(request: Pick<IncomingMessage, 'url'>): Record<string, string | undefined> {
  return {
    'url.path': pathWithoutSecrets((request.url ?? '/').split('?')[0]!),
    'url.query': undefined,
    // The attributes of before the stable conventions (OTEL_SEMCONV_STABILITY_OPT_IN=http/dup).
    'http.target': undefined,
    'http.url': undefined,
    'client.address': undefined,
    'network.peer.address': undefined,
    'network.peer.port': undefined,
    'net.peer.ip': undefined,
    'net.peer.port': undefined,
    'http.client_ip': undefined,
  };
}

/**
 * Starts the OpenTelemetry SDK, configured by the `OTEL_*` variables, with the HTTP, Express and `pg`
 * instrumentations. Must run before express and pg load: ESM imports reach them only through
 * import-in-the-middle's loader hook, so the service is imported after this resolves. The hook runs in
 * the thread where Node allows it (`module.registerHooks`, Node 22.22.3+, 24.11.1+, 26), else on the
 * loader thread of `module.register` (Node 20), and only for the modules instrumented. Loaded only when
 * tracing is wanted. Returns what exports the spans still pending and stops the SDK.
 */
export async function startTracing(): Promise<() => Promise<void>> {
  const hooks = await import('import-in-the-middle/register-hooks.mjs');
  let hooked = Promise.resolve();
  if (!hooks.supportsSyncHooks()) {
    const { register } = await import('node:module');
    const { createAddHookMessageChannel } = await import('import-in-the-middle');
    const { registerOptions, waitForAllMessagesAcknowledged } = createAddHookMessageChannel();
    register('import-in-the-middle/hook.mjs', import.meta.url, registerOptions);
    hooked = waitForAllMessagesAcknowledged();
  }
  const { NodeSDK } = await import('@opentelemetry/sdk-node');
  const { HttpInstrumentation } = await import('@opentelemetry/instrumentation-http');
  const { ExpressInstrumentation } = await import('@opentelemetry/instrumentation-express');
  const { PgInstrumentation } = await import('@opentelemetry/instrumentation-pg');
  const instrumentations = [
    new HttpInstrumentation({
      ignoreIncomingRequestHook: (request: IncomingMessage) => UNTRACED_PATHS.test(request.url ?? ''),
      // As in the request log.
      startIncomingSpanHook: incomingSpanAttributes,
    }),
    new ExpressInstrumentation(),
    // Only the queries of a request or a command: the projections' polling would be a trace a second.
    new PgInstrumentation({ requireParentSpan: true }),
  ];
  if (hooks.supportsSyncHooks()) hooks.register({ include: instrumentations.flatMap((i) => i.getModuleDefinitions().map((d) => d.name)) });
  // Traces only: metrics are at GET /metrics, logs on stdout.
  const sdk = new NodeSDK({ serviceName: settingsOf(process.env).OTEL_SERVICE_NAME ?? 'complaint-engine', instrumentations, metricReaders: [], logRecordProcessors: [] });
  sdk.start();
  await hooked;
  return () => sdk.shutdown();
}
