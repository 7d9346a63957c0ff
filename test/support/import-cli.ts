import { afterAll, beforeAll } from '@jest/globals';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../scripts/import.js';
import type { EventStore } from '../../src/event-store/event-store.js';
import { TEST_MASTER_KEY } from './api.js';
import { dropSchema, openTestStore, TEST_DATABASE_URL, uniqueSchemaName } from './postgres.js';

/** `npm run import` in-process: its exit code and what it printed. */
export async function runImport(argv: string[], env: NodeJS.ProcessEnv): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, env, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), progress: undefined });
  return { code, stdout, stderr };
}

/**
 * Where a suite's imports go: a schema of its own on the PostgreSQL server, the environment `npm run import`
 * runs in (with `catalogFile`), a folder for its files, and the store to read what it wrote. Made before the
 * suite's tests, removed after.
 */
export function importTarget(catalogFile: string): { readonly dir: string; readonly schema: string; readonly env: NodeJS.ProcessEnv; readonly store: EventStore } {
  const target = {} as { dir: string; schema: string; env: NodeJS.ProcessEnv; store: EventStore };
  beforeAll(async () => {
    target.dir = await mkdtemp(join(tmpdir(), 'import-'));
    target.schema = uniqueSchemaName();
    target.env = { EVENT_STORE: 'postgres', DATABASE_URL: TEST_DATABASE_URL, DATABASE_SCHEMA: target.schema, CATALOG_FILE: catalogFile, DATA_DIR: target.dir, MASTER_KEY: TEST_MASTER_KEY.toString('hex') };
    target.store = await openTestStore(target.schema);
  });
  afterAll(async () => {
    await target.store?.close();
    if (target.schema) await dropSchema(target.schema);
    if (target.dir) await rm(target.dir, { recursive: true, force: true });
  });
  return target;
}
