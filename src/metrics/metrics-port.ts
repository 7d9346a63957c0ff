import { createServer, type Server } from 'node:http';
import type { Metrics } from './metrics.js';

/** METRICS_PORT: `GET /metrics` without a token on a port of its own, for a network only Prometheus reaches; on `host` (METRICS_HOST) or every address. */
export async function serveMetrics(metrics: Metrics, port: number, host?: string): Promise<Server> {
  const server = createServer((request, response) => {
    if (request.method !== 'GET' || request.url?.split('?')[0] !== '/metrics') {
      response.writeHead(404).end();
      return;
    }
    metrics.text().then(
      (text) => response.writeHead(200, { 'Content-Type': metrics.registry.contentType }).end(text),
      () => response.writeHead(500).end(),
    );
  });
  await new Promise<void>((resolve, reject) => server.once('error', reject).listen(port, host, resolve));
  return server;
}
