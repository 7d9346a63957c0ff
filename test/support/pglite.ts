import { existsSync, readFileSync } from 'node:fs';
import { cp, mkdir, mkdtemp, rename, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createEventStore } from '../../src/event-store/create-event-store.js';
import type { EventStore } from '../../src/event-store/event-store.js';
import { PgliteClient } from '../../src/sql/index.js';

/**
 * Makes `dataDir` an empty embedded database (a PostgreSQL cluster with nothing in it) by copying one
 * made once per PGlite version, unless it holds a database already. A new data folder costs PGlite's
 * initdb, about 5 CPU-seconds; a copy opens in about 1. What the service does on a new folder (its
 * tables, its numbering) still happens on the copy: only the cluster is shared.
 */
export async function emptyPgliteCluster(dataDir: string): Promise<void> {
  if (existsSync(join(dataDir, 'PG_VERSION'))) return;
  // The folder holding it (DATA_DIR) as the service makes it, its owner's alone: else the service warns that it is open to others.
  await mkdir(dirname(dataDir), { recursive: true, mode: 0o700 });
  await cp(await template(), dataDir, { recursive: true });
}

/** An empty cluster copied into a new temporary folder: its data folder, and what removes the folder. */
async function scratchCluster(prefix: string): Promise<{ dataDir: string; remove: () => Promise<void> }> {
  const folder = await mkdtemp(join(tmpdir(), prefix));
  await emptyPgliteCluster(join(folder, 'pglite'));
  return { dataDir: join(folder, 'pglite'), remove: () => rm(folder, { recursive: true, force: true }) };
}

/** A new embedded event store in a temporary folder of its own (an empty cluster copied in), and what removes both. */
export async function embeddedTestStore(): Promise<{ store: EventStore; cleanup: () => Promise<void> }> {
  const { dataDir, remove } = await scratchCluster('embedded-store-');
  const store = await createEventStore({ kind: 'pglite', dataDir });
  return { store, cleanup: async () => { await store.close(); await remove(); } };
}

/**
 * An embedded database of its own for a test, and what closes and removes it: in memory, PGlite would
 * run its initdb on every open, about 5 CPU-seconds.
 */
export async function scratchPglite(): Promise<{ sql: PgliteClient; cleanup: () => Promise<void> }> {
  const { dataDir, remove } = await scratchCluster('scratch-pglite-');
  const sql = await PgliteClient.open(dataDir);
  return { sql, cleanup: async () => { await sql.close(); await remove(); } };
}

let made: Promise<string> | undefined;
function template(): Promise<string> {
  made ??= (async () => {
    const { version } = JSON.parse(readFileSync('node_modules/@electric-sql/pglite/package.json', 'utf8')) as { version: string };
    const folder = join(tmpdir(), `complaints-test-pglite-${version}`);
    if (existsSync(join(folder, 'PG_VERSION'))) return folder;
    // Made beside and renamed into place: a worker never copies a half-made cluster, and of two
    // workers making it at once the second finds the first's and drops its own.
    const scratch = await mkdtemp(`${folder}-`);
    const cluster = join(scratch, 'pglite');
    await (await PgliteClient.open(cluster)).close();
    await rename(cluster, folder).catch(() => undefined);
    await rm(scratch, { recursive: true, force: true });
    return folder;
  })();
  return made;
}
