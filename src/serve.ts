import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from 'pino';
import { loadAuthConfig, type AuthConfig } from './auth/index.js';
import { describeStartFailure, listenFailure, loadConfig, LOGGER, operationsOf, type AppConfig } from './config/index.js';
import { createLogger } from './http/index.js';
import { exitGracefully } from './graceful-shutdown.js';
import { loadMasterKey } from './personal-data/index.js';
import { onShutdownSignal, type ShutdownSignal } from './shutdown-signals.js';

/** Starts the service; `stopTracing`, when tracing is on, flushes the last spans on the way out. */
export async function serve(stopTracing?: () => Promise<void>): Promise<void> {
  try {
    const config = loadConfig(process.env);
    const stopping = stopDuringStartUp(createLogger(config.logLevel));
    const { auth, masterKey } = await secretsOf(process.env, config);
    if (stopping.asked()) return stopping.exit(stopTracing);
    // The modules load only now: a start refused for its settings or secrets is told without loading them.
    const { createApp } = await import('./app.module.js');
    const app = await createApp(config, auth, masterKey);
    // The start-up's last step ends before the store is closed again: the migrations run, the folder lock is released.
    if (stopping.asked()) {
      return stopping.exit(async () => {
        await app.close();
        await stopTracing?.();
      });
    }
    const logger = app.get(LOGGER);
    exitGracefully(app, operationsOf(config), logger, stopTracing);
    await app.listen(config.port).catch(async (error: unknown) => {
      // The store is open: closed, so that the embedded store's folder lock is not left behind.
      await app.close().catch(() => undefined);
      throw listenFailure(error, config) ?? error;
    });
    const store = config.store.kind === 'pglite' ? `embedded PostgreSQL in ${config.store.dataDir}` : 'PostgreSQL server';
    // The port listened on: PORT=0 asks the system for a free one.
    const { port } = (app.getHttpServer() as Server).address() as AddressInfo;
    // A JSON line like every other (docs/running-at-scale.md), its message for the person starting it.
    logger.info({ port, store: config.store.kind }, `complaint engine listening on http://localhost:${port} (${store}); the console at /, API docs at /docs`);
  } catch (error) {
    failedToStart(error);
  }
}

/** The secrets the start reads after the settings, before it opens the store: how tokens are verified, and the master key. */
export async function secretsOf(env: NodeJS.ProcessEnv, config: AppConfig): Promise<{ auth: AuthConfig; masterKey: Buffer }> {
  return { auth: await loadAuthConfig(env, config), masterKey: await loadMasterKey(env, config) };
}

/**
 * Logs why the start failed as a JSON line like every other, naming the setting at fault (a pipeline
 * that parses the log keeps the line that explains a crash loop), and exits 1.
 */
export function failedToStart(error: unknown): never {
  const { setting, message } = describeStartFailure(error, process.env);
  createLogger('info').fatal(setting === undefined ? {} : { setting }, `failed to start: ${message}`);
  process.exit(1);
}

/**
 * A signal during the start-up (opening the store, migrations, the read models' tables): logged at once;
 * the step in progress ends, nothing after it starts, what started is closed and the process exits 0.
 * Not cut off after a while: a step cut off half-way (an embedded store's first creation takes a while)
 * would leave the store's lock behind; the orchestrator's grace period bounds it.
 */
function stopDuringStartUp(logger: Logger): { asked(): boolean; exit(close?: () => Promise<void>): Promise<void> } {
  let signal: ShutdownSignal | undefined;
  onShutdownSignal((received) => {
    if (signal) return void logger.info({ signal: received }, 'signal again during the start-up: ignored, the start-up is already stopping');
    signal = received;
    logger.info({ signal }, 'signal during the start-up: stopping once the step in progress ends, then exiting without serving');
  });
  return {
    asked: () => signal !== undefined,
    async exit(close) {
      await close?.();
      logger.info({ signal }, 'start-up stopped: shut down');
      process.exit(0);
    },
  };
}
