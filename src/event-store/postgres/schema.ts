import { backfillEventHashes } from './integrity.js';
import { type SqlClient, type SqlExecutor } from './sql-client.js';

/**
 * Versioned migrations, applied in order at startup. Append new ones; never edit one that has
 * shipped. `s` is the quoted schema name.
 */
export interface Migration {
  version: number;
  name: string;
  statements: (s: string) => string[];
  /** Runs after the statements, in the same transaction: data the SQL alone cannot compute. */
  then?: (tx: SqlExecutor, s: string) => Promise<void>;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'streams, events, commands',
    statements: (s) => [
      `CREATE TABLE ${s}.streams (
        stream_id text PRIMARY KEY,
        revision bigint NOT NULL CHECK (revision >= 0)
      )`,
      `CREATE TABLE ${s}.events (
        sequence bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        event_id uuid NOT NULL DEFAULT gen_random_uuid() UNIQUE,
        stream_id text NOT NULL REFERENCES ${s}.streams (stream_id),
        revision bigint NOT NULL,
        type text NOT NULL,
        schema_version integer NOT NULL,
        data jsonb NOT NULL,
        metadata jsonb NOT NULL,
        command_id text NOT NULL,
        transaction_id xid8 NOT NULL DEFAULT pg_current_xact_id(),
        recorded_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT events_stream_revision_unique UNIQUE (stream_id, revision)
      )`,
      `CREATE INDEX events_global_order ON ${s}.events (transaction_id, sequence)`,
      // One row per append, claimed first in the append's transaction: a concurrent append of the
      // same command waits on this key and then sees the first one's result.
      `CREATE TABLE ${s}.commands (
        command_id text PRIMARY KEY,
        stream_id text NOT NULL,
        first_revision bigint,
        last_revision bigint,
        recorded_at timestamptz NOT NULL DEFAULT now()
      )`,
    ],
  },
  {
    version: 2,
    name: 'hash chain per stream, seals over the global order',
    statements: (s) => [
      `ALTER TABLE ${s}.events ADD COLUMN previous_hash text, ADD COLUMN hash text`,
      // One row per seal: the events after (after_commit, after_prepare) up to (last_commit, last_prepare).
      `CREATE TABLE ${s}.seals (
        seal_number bigint PRIMARY KEY CHECK (seal_number >= 1),
        after_commit xid8 NOT NULL,
        after_prepare bigint NOT NULL,
        last_commit xid8 NOT NULL,
        last_prepare bigint NOT NULL,
        event_count integer NOT NULL CHECK (event_count > 0),
        previous_digest text NOT NULL,
        digest text NOT NULL,
        heads jsonb NOT NULL,
        sealed_at timestamptz NOT NULL DEFAULT now()
      )`,
    ],
    // Events stored before the chain existed are hashed once, here; from then on only appends write hashes.
    then: async (tx, s) => {
      await backfillEventHashes(tx, s);
      await tx.query(`ALTER TABLE ${s}.events ALTER COLUMN previous_hash SET NOT NULL, ALTER COLUMN hash SET NOT NULL`);
    },
  },
];

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,39}$/;

/** Schema names are plain lower-case identifiers, so they can name the NOTIFY channel as well. */
export function assertSchemaName(schema: string): void {
  if (!SCHEMA_NAME.test(schema)) throw new RangeError(`invalid event store schema name: ${JSON.stringify(schema)}`);
}

/** Creates the schema and applies missing migrations; safe to run from several processes at once. */
export async function migrate(client: SqlClient, schema: string): Promise<void> {
  assertSchemaName(schema);
  const s = `"${schema}"`;
  await client.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`event-store migrations ${schema}`]);
    await tx.query(`CREATE SCHEMA IF NOT EXISTS ${s}`);
    await tx.query(`CREATE TABLE IF NOT EXISTS ${s}.schema_migrations (
      version integer PRIMARY KEY,
      name text NOT NULL,
      applied_at timestamptz NOT NULL DEFAULT now()
    )`);
    const applied = new Set(
      (await tx.query<{ version: number }>(`SELECT version FROM ${s}.schema_migrations`)).map((row) => Number(row.version)),
    );
    const unknown = [...applied].filter((version) => !MIGRATIONS.some((m) => m.version === version));
    if (unknown.length > 0) {
      throw new Error(`event store schema ${schema} has migrations this code does not know: ${unknown.join(', ')}`);
    }
    for (const migration of MIGRATIONS) {
      if (applied.has(migration.version)) continue;
      for (const statement of migration.statements(s)) await tx.query(statement);
      await migration.then?.(tx, s);
      await tx.query(`INSERT INTO ${s}.schema_migrations (version, name) VALUES ($1, $2)`, [migration.version, migration.name]);
    }
  });
}
