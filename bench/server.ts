/**
 * The real service (`createApp`) on 127.0.0.1 in a process of its own, so the load generator does
 * not share its event loop; with BENCH_PEER=emmett, item 2's peer instead (bench/peer/emmett-app.ts).
 * Started by the bench with the schema in BENCH_SCHEMA; tells its parent the port over IPC and stops
 * on SIGTERM.
 */
import type { INestApplication } from '@nestjs/common';
import { createApp } from '../src/app.module.js';
import { createEmmettPeerApp } from './peer/emmett-app.js';
import { benchConfig, BENCH_AUTH, BENCH_MASTER_KEY } from './support/config.js';
import { DATABASE_URL } from './support/databases.js';

async function main(): Promise<void> {
  const schema = process.env.BENCH_SCHEMA;
  if (!schema) throw new Error('BENCH_SCHEMA is required');
  const seal = process.env.BENCH_SEAL_INTERVAL_MS;
  let app: INestApplication;
  let close: () => Promise<void>;
  if (process.env.BENCH_PEER === 'emmett') {
    ({ app, close } = await createEmmettPeerApp(DATABASE_URL, schema, BENCH_AUTH));
  } else {
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
