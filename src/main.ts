import { createApp } from './app.module.js';
import { loadAuthConfig } from './auth/index.js';
import { loadConfig, LOGGER, operationsOf } from './config/index.js';
import { exitGracefully } from './graceful-shutdown.js';
import { loadMasterKey } from './personal-data/index.js';

async function main(): Promise<void> {
  const config = loadConfig(process.env);
  const auth = await loadAuthConfig({ ...process.env, DATA_DIR: config.dataDir });
  const app = await createApp(config, auth, await loadMasterKey(process.env, config.dataDir));
  await app.listen(config.port);
  exitGracefully(app, operationsOf(config).shutdownTimeoutMs, app.get(LOGGER));
  const store = config.store.kind === 'pglite' ? `embedded PostgreSQL in ${config.store.dataDir}` : 'PostgreSQL server';
  console.log(`complaint engine listening on http://localhost:${config.port} (${store}); the console at /, API docs at /docs`);
}

main().catch((error: unknown) => {
  console.error(`failed to start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
