import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openStorage, type Storage } from '../../src/event-store/create-event-store.js';
import { emmettStore } from '../peer/emmett-store.js';

export const DATABASE_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/** What to undo when the run ends, however it ends: schemas dropped, temp dirs removed, children killed. */
const cleanups: (() => Promise<void>)[] = [];

export function onCleanup(fn: () => Promise<void>): () => Promise<void> {
  let done = false;
  const once = async () => {
    if (done) return;
    done = true;
    cleanups.splice(cleanups.indexOf(once), 1);
    await fn();
  };
  cleanups.push(once);
  return once;
}

export async function cleanupAll(): Promise<void> {
  for (const fn of [...cleanups].reverse()) await fn().catch((error: unknown) => process.stderr.write(`cleanup failed: ${String(error)}\n`));
}

export async function adminQuery<R extends pg.QueryResultRow = pg.QueryResultRow>(sql: string, params: unknown[] = []): Promise<R[]> {
  const client = new pg.Client({ connectionString: DATABASE_URL });
  await client.connect();
  try {
    return (await client.query<R>(sql, params)).rows;
  } finally {
    await client.end();
  }
}

/** A fresh schema name; dropped (with everything in it) at cleanup. */
export function freshSchema(purpose: string): string {
  const schema = `bench_${purpose}_${randomBytes(3).toString('hex')}`;
  onCleanup(() => adminQuery(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`).then(() => undefined));
  return schema;
}

/**
 * A fresh database on the same server for Emmett's store, migrated, dropped at cleanup; its URL.
 * A database of its own because Emmett's migration looks for its functions by name in every schema
 * (`pg_proc`), so a second Emmett schema in one database gets none of them.
 */
export async function freshEmmettDatabase(): Promise<string> {
  const name = `bench_emmett_${randomBytes(3).toString('hex')}`;
  await adminQuery(`CREATE DATABASE ${name}`);
  onCleanup(() => adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).then(() => undefined));
  const url = new URL(DATABASE_URL);
  url.pathname = `/${name}`;
  const { store, close } = emmettStore(url.href, 1);
  await store.schema.migrate();
  await close();
  return url.href;
}

/** The event store on the PostgreSQL server in `schema`, migrated. */
export function openPostgres(schema: string, poolSize = 10): Promise<Storage> {
  return openStorage({ kind: 'postgres', url: DATABASE_URL, schema, poolSize });
}

/** The embedded store in a temp dir, removed at cleanup. */
export async function openPglite(purpose: string): Promise<{ storage: Storage; dir: string }> {
  const dir = await mkdtemp(join(tmpdir(), `bench-${purpose}-`));
  onCleanup(() => rm(dir, { recursive: true, force: true }));
  return { storage: await openStorage({ kind: 'pglite', dataDir: dir }), dir };
}
