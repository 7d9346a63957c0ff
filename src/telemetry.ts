import type { IncomingMessage } from 'node:http';

/**
 * Whether the standard `OTEL_*` variables ask for traces: an exporter other than `none`, or an OTLP
 * endpoint, and the SDK not disabled. Off by default; `OTEL_SERVICE_NAME` alone turns nothing on.
 */
export function tracingWanted(env: NodeJS.ProcessEnv): boolean {
  if (env.OTEL_SDK_DISABLED?.trim().toLowerCase() === 'true') return false;
  const exporters = (env.OTEL_TRACES_EXPORTER ?? '').split(',').map((name) => name.trim()).filter((name) => name !== '');
  if (exporters.length > 0) return !exporters.includes('none');
  return Boolean(env.OTEL_EXPORTER_OTLP_ENDPOINT || env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT);
}

/** Probes and scrapes every few seconds would each make a trace of their own. */
const UNTRACED_PATHS = /^\/(health|metrics)(\/|$|\?)/;

/**
 * Starts the OpenTelemetry SDK, configured by the `OTEL_*` variables, with the HTTP, Express and `pg`
 * instrumentations. Must run before express and pg load: ESM imports reach them only through the
 * import-in-the-middle hook registered here, so the service is imported after this resolves. Loaded
 * only when tracing is wanted, so a service without it loads none of this. Returns what flushes the
 * spans not yet exported and stops the SDK.
 */
export async function startTracing(): Promise<() => Promise<void>> {
  const { register } = await import('node:module');
  const { createAddHookMessageChannel } = await import('import-in-the-middle');
  const { registerOptions, waitForAllMessagesAcknowledged } = createAddHookMessageChannel();
  register('import-in-the-middle/hook.mjs', import.meta.url, registerOptions);
  const { NodeSDK } = await import('@opentelemetry/sdk-node');
  const { HttpInstrumentation } = await import('@opentelemetry/instrumentation-http');
  const { ExpressInstrumentation } = await import('@opentelemetry/instrumentation-express');
  const { PgInstrumentation } = await import('@opentelemetry/instrumentation-pg');
  const sdk = new NodeSDK({
    instrumentations: [
      new HttpInstrumentation({
        ignoreIncomingRequestHook: (request: IncomingMessage) => UNTRACED_PATHS.test(request.url ?? ''),
        // As in the request log: no query string (it may hold a name searched for), no client address.
        startIncomingSpanHook: () => ({ 'url.query': undefined, 'client.address': undefined, 'network.peer.address': undefined, 'network.peer.port': undefined }),
      }),
      new ExpressInstrumentation(),
      // Only the queries of a request or a command: the projections' polling would be a trace a second.
      new PgInstrumentation({ requireParentSpan: true }),
    ],
    // Traces only: metrics are at GET /metrics, logs on stdout.
    metricReaders: [],
    logRecordProcessors: [],
  });
  sdk.start();
  await waitForAllMessagesAcknowledged();
  return () => sdk.shutdown();
}
