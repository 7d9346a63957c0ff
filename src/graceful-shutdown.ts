import type { INestApplication } from '@nestjs/common';
import type { Server } from 'node:http';
import type { Logger } from 'pino';

/**
 * On SIGTERM or SIGINT: stop accepting connections, let the requests in flight finish (their
 * connections close after the answer), then close the service — the projection batch commits, the
 * leader lock is released, the last seal is written, the store closes —, run `last` (tracing exports
 * its last spans) and exit. Whatever is still running after `timeoutMs` is cut off: the process exits
 * with status 1.
 */
export function exitGracefully(app: INestApplication, timeoutMs: number, logger: Logger, last?: () => Promise<void>): void {
  const server = app.getHttpServer() as Server;
  let draining = false;
  server.on('request', (_request, response) => {
    if (draining) response.setHeader('Connection', 'close');
  });
  const stop = async (signal: NodeJS.Signals): Promise<void> => {
    if (draining) return;
    draining = true;
    logger.info({ signal, timeoutMs }, 'shutting down: no new connections; finishing the requests in flight');
    setTimeout(() => {
      logger.error({ timeoutMs }, 'shutdown took longer than SHUTDOWN_TIMEOUT_MS: exiting with requests or batches unfinished');
      process.exit(1);
    }, timeoutMs).unref();
    const drained = new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeIdleConnections();
    await drained;
    await app.close();
    await last?.();
    logger.info('shut down');
    process.exit(0);
  };
  for (const signal of ['SIGTERM', 'SIGINT'] as const) process.once(signal, (s) => void stop(s));
}
