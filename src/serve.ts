import { createApp } from './app.module.js';
import { loadAuthConfig } from './auth/index.js';
import { describeStartFailure, loadConfig, LOGGER, operationsOf, portInUse } from './config/index.js';
import { createLogger } from './http/index.js';
import { exitGracefully } from './graceful-shutdown.js';
import { loadMasterKey } from './personal-data/index.js';

/** Starts the service; `stopTracing`, when tracing is on, flushes the last spans on the way out. */
export async function serve(stopTracing?: () => Promise<void>): Promise<void> {
  try {
    const config = loadConfig(process.env);
    const auth = await loadAuthConfig(process.env, config);
    const app = await createApp(config, auth, await loadMasterKey(process.env, config));
    await app.listen(config.port).catch((error: unknown) => {
      throw portInUse(error, config) ?? error;
    });
    const logger = app.get(LOGGER);
    exitGracefully(app, operationsOf(config), logger, stopTracing);
    const store = config.store.kind === 'pglite' ? `embedded PostgreSQL in ${config.store.dataDir}` : 'PostgreSQL server';
    // A JSON line like every other (docs/running-at-scale.md), its message for the person starting it.
    logger.info({ port: config.port, store: config.store.kind }, `complaint engine listening on http://localhost:${config.port} (${store}); the console at /, API docs at /docs`);
  } catch (error) {
    failedToStart(error);
  }
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
