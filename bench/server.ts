/**
 * The real service (`createApp`) on 127.0.0.1 in a process of its own, so the load generator does
 * not share its event loop, on the schema in BENCH_SCHEMA; or item 2's peer (bench/peer/emmett-app.ts)
 * on the Emmett database in BENCH_EMMETT_URL. Tells its parent the port over IPC and stops on SIGTERM.
 */
import type { INestApplication } from '@nestjs/common';
import { createApp } from '../src/app.module.js';
import { createEmmettPeerApp } from './peer/emmett-app.js';
import { benchConfig, BENCH_AUTH, BENCH_MASTER_KEY } from './support/config.js';
import { DATABASE_URL } from './support/databases.js';

async function main(): Promise<void> {
  const { BENCH_SCHEMA: schema, BENCH_EMMETT_URL: emmett, BENCH_SEAL_INTERVAL_MS: seal } = process.env;
  let app: INestApplication;
  let close: () => Promise<void>;
  if (emmett) {
    ({ app, close } = await createEmmettPeerApp(emmett, BENCH_AUTH));
  } else {
    if (!schema) throw new Error('BENCH_SCHEMA or BENCH_EMMETT_URL is required');
    app = await createApp(benchConfig({ kind: 'postgres', url: DATABASE_URL, schema }, seal === undefined ? undefined : Number(seal)), BENCH_AUTH, BENCH_MASTER_KEY);
    close = () => app.close();
  }
  await app.listen(0, '127.0.0.1');
  const { port } = app.getHttpServer().address() as { port: number };
  process.send?.({ port });
  const stop = () => void close().then(() => process.exit(0));
  process.once('SIGTERM', stop);
  process.once('disconnect', stop);
}

main().catch((error: unknown) => {
  console.error(`bench server failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  process.exit(1);
});
