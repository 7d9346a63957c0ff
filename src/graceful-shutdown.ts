import type { INestApplication } from '@nestjs/common';
import type { Server } from 'node:http';
import { Server as NetServer, type Socket } from 'node:net';
import type { Logger } from 'pino';
import type { OperationsConfig } from './config/index.js';
import { Readiness } from './health/index.js';
import { onShutdownSignal, type ShutdownSignal } from './shutdown-signals.js';

/** Once the port is closed, a connection with no request in flight that received nothing for this long is closed. */
const QUIET_MS = 1_000;
const TICK_MS = 100;


/**
 * On SIGTERM: first the drain. `GET /health/ready` answers 503 so that the load balancer takes this
 * node out, while every request is still answered, new connections too (each answer then closes its
 * connection), for SHUTDOWN_DRAIN_MS. Then the port closes; the connections already open are answered and
 * close after their answer, and one that stays quiet (no request in flight, nothing received for a
 * second since the port closed) is closed. Only then the service closes — the projection batch
 * commits, the leader lock is released, the last seal is written, the store closes —, `last` runs
 * (tracing exports its last spans) and the process exits. SIGINT (Ctrl-C in a terminal) skips the
 * drain. Whatever still runs SHUTDOWN_TIMEOUT_MS after the drain is cut off: the process exits with status 1.
 * A signal that comes again while it shuts down is logged and ignored: a process manager that forwards
 * the signal to a process group that also received it delivers it twice, and the shutdown is already
 * under way, bounded by SHUTDOWN_TIMEOUT_MS.
 */
export function exitGracefully(app: INestApplication, { shutdownDrainMs: drainMs, shutdownTimeoutMs: timeoutMs }: OperationsConfig, logger: Logger, last?: () => Promise<void>): void {
  const server = app.getHttpServer() as Server;
  const connections = trackConnections(server);
  let draining = false;
  // First, so that it comes before any answer's headers are sent.
  server.prependListener('request', (_request, response) => {
    if (draining) response.setHeader('Connection', 'close');
  });
  let first: ShutdownSignal | undefined;
  const stop = async (signal: ShutdownSignal): Promise<void> => {
    if (first) {
      logger.info({ signal, shuttingDownSince: first }, 'signal again while shutting down: ignored, the shutdown goes on (at most SHUTDOWN_TIMEOUT_MS after the drain)');
      return;
    }
    first = signal;
    draining = true;
    app.get(Readiness).drain();
    const drain = signal === 'SIGTERM' ? drainMs : 0;
    logger.info({ signal, drainMs: drain, timeoutMs }, 'shutting down: not ready; answering every request until the drain ends, then closing the port');
    await new Promise((resolve) => setTimeout(resolve, drain));
    setTimeout(() => {
      logger.error({ timeoutMs }, 'shutdown took longer than SHUTDOWN_TIMEOUT_MS: exiting with requests or batches unfinished');
      process.exit(1);
    }, timeoutMs).unref();
    logger.info('drained: port closed; finishing the requests in flight');
    // The listener only: http.Server's own close() destroys every connection without a request in
    // flight at once, a request that has arrived but is not read yet among them (the client gets a reset).
    const closed = new Promise<void>((resolve) => NetServer.prototype.close.call(server, () => resolve()));
    const closedAt = Date.now();
    let done = false;
    void closed.then(() => (done = true));
    while (!done) {
      // A turn of the event loop between the timer and the check reads whatever has arrived meanwhile.
      await new Promise((resolve) => setTimeout(() => setImmediate(resolve), TICK_MS));
      connections.closeQuiet(QUIET_MS, closedAt);
    }
    await app.close();
    await last?.();
    logger.info('shut down');
    process.exit(0);
  };
  onShutdownSignal((signal) => void stop(signal));
}

/** The server's connections: the requests each has in flight, and since when it has been quiet. */
function trackConnections(server: Server): { closeQuiet(quietMs: number, since: number): void } {
  const open = new Map<Socket, { requests: number; bytesRead: number; quietSince: number }>();
  server.on('connection', (socket: Socket) => {
    open.set(socket, { requests: 0, bytesRead: 0, quietSince: Date.now() });
    socket.once('close', () => open.delete(socket));
  });
  server.on('request', (request, response) => {
    const connection = open.get(request.socket);
    if (!connection) return;
    connection.requests++;
    response.once('close', () => {
      connection.requests--;
      connection.quietSince = Date.now();
    });
  });
  return {
    /** Closes each connection with no request in flight that received nothing for `quietMs` (counted from `since` at the earliest). */
    closeQuiet(quietMs, since) {
      const now = Date.now();
      for (const [socket, connection] of open) {
        if (socket.bytesRead !== connection.bytesRead) {
          connection.bytesRead = socket.bytesRead;
          connection.quietSince = now;
        } else if (connection.requests === 0 && now - Math.max(connection.quietSince, since) >= quietMs) {
          socket.destroy();
        }
      }
    },
  };
}
