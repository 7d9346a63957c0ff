import { createServer, type Server } from 'node:http';
import { freePort } from './built-service.js';

/** A span as OTLP/JSON carries it, with its instrumentation scope and its attributes as plain values. */
export interface ExportedSpan {
  service: string;
  scope: string;
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  kind: number;
  attributes: Record<string, unknown>;
  status?: { code?: number };
}

export interface OtlpReceiver {
  server: Server;
  url: string;
  /** Every span posted, in the order posted. */
  spans: ExportedSpan[];
  /** Every body posted, as sent, one per line. */
  posted: () => string;
  /** How many posts arrived. */
  posts: () => number;
  /** How many posts were not OTLP/JSON at /v1/traces (their spans are not read). */
  elsewhere: () => number;
}

type Attributes = { key: string; value: Record<string, unknown> }[];
type Posted = { resourceSpans: { resource: { attributes: Attributes }; scopeSpans: { scope: { name: string }; spans: (Omit<ExportedSpan, 'service' | 'scope' | 'attributes'> & { attributes?: Attributes })[] }[] }[] };

/** A collector's OTLP/HTTP endpoint for traces (OTLP/JSON at /v1/traces): keeps what is posted, and the spans of what it can read. */
export async function startOtlpReceiver(): Promise<OtlpReceiver> {
  const spans: ExportedSpan[] = [];
  const bodies: string[] = [];
  let elsewhere = 0;
  const plain = (attributes: Attributes = []) => Object.fromEntries(attributes.map(({ key, value }) => [key, Object.values(value)[0]]));
  const server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', () => {
      bodies.push(body);
      if (request.url !== '/v1/traces' || request.headers['content-type'] !== 'application/json') elsewhere++;
      else {
        for (const { resource, scopeSpans } of (JSON.parse(body) as Posted).resourceSpans) {
          for (const { scope, spans: posted } of scopeSpans) {
            for (const span of posted) spans.push({ ...span, service: plain(resource.attributes)['service.name'] as string, scope: scope.name, attributes: plain(span.attributes) });
          }
        }
      }
      response.setHeader('content-type', 'application/json');
      response.end('{}');
    });
  });
  const port = await freePort();
  await new Promise<void>((listening) => server.listen(port, '127.0.0.1', listening));
  return { server, url: `http://127.0.0.1:${port}`, spans, posted: () => bodies.join('\n'), posts: () => bodies.length, elsewhere: () => elsewhere };
}
