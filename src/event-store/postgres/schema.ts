import { backfillEventHashes } from './integrity.js';
import { changeSchema, type SqlClient, type SqlExecutor } from '../../sql/index.js';
import { NoStoreError } from '../no-store.js';

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
  {
    version: 3,
    name: 'append in one statement; the head hash in the streams row',
    statements: (s) => [
      // The append checks the hash it chains onto against this copy of the head event's hash, in the row
      // it updates anyway: with millions of events, reading the previous event's page costs a random read.
      `ALTER TABLE ${s}.streams ADD COLUMN hash text`,
      // Every append updates its stream's row: room on the page keeps the update there (HOT), so the
      // streams key is not touched. Rows already stored move to such pages as they are next updated.
      `ALTER TABLE ${s}.streams SET (fillfactor = 80)`,
      `UPDATE ${s}.streams st SET hash = e.hash FROM ${s}.events e WHERE e.stream_id = st.stream_id AND e.revision = st.revision`,
      appendFunction(s),
    ],
  },
  {
    version: 4,
    name: 'gap-free numbers taken in the append',
    statements: (s) => [
      // The last number taken of each counter; a rolled-back append gives its number back.
      `CREATE TABLE ${s}.counters (counter text PRIMARY KEY, last bigint NOT NULL CHECK (last >= 1))`,
      // Which stream each number went to.
      `CREATE TABLE ${s}.numbered_streams (
        counter text NOT NULL, number bigint NOT NULL, stream_id text NOT NULL REFERENCES ${s}.streams (stream_id),
        PRIMARY KEY (counter, number)
      )`,
    ],
  },
  {
    version: 5,
    name: 'many streams appended in one statement',
    statements: (s) => [appendManyFunction(s)],
  },
  {
    version: 6,
    name: 'the seals that name a stream found by index',
    // One stream's verification (an evidence export checks each case) looks up the seals whose heads
    // name it with `heads @> …`: without this every case scanned every seal's heads.
    statements: (s) => [`CREATE INDEX seals_heads ON ${s}.seals USING gin (heads jsonb_path_ops)`],
  },
  {
    version: 7,
    name: 'seals digest the recorded times',
    // Seals made before keep format 1 (ids and hashes) and are checked as they were made.
    statements: (s) => [`ALTER TABLE ${s}.seals ADD COLUMN format smallint NOT NULL DEFAULT 1`],
  },
  {
    version: 8,
    name: 'seals digest their own record',
    statements: (s) => [
      // Format 3 keeps the digest of its events apart from the digest over them and the seal's record,
      // so a check tells an altered seal from altered events. Older seals have none.
      `ALTER TABLE ${s}.seals ADD COLUMN events_digest text`,
      // One case's verification finds the seal covering each of its events: the first ending at or after it.
      `CREATE INDEX seals_last ON ${s}.seals (last_commit, last_prepare)`,
    ],
  },
];

/** The SQLSTATEs `append_events` raises; the adapter turns them into the port's errors. */
export const APPEND_ERRORS = { wrongRevision: 'ES409', previousHashMoved: 'ES428' } as const;

/**
 * One append as one statement (one round trip, committed on its own): serialise the stream, claim
 * the command, move the revision, check the hash the events were chained to, insert them. The hashes
 * and the event ids are made by the caller (canonical JSON and SHA-256 in the application); the
 * function checks, under the stream lock, that the hashes start from the stream's latest hash.
 *
 * `expected` is the stream's revision the caller saw, -1 for a stream that must not exist. Raises
 * ES409 (detail: the actual revision, or -1) when the stream is elsewhere, ES428 (detail: the hash)
 * when `previous_hash` is not that revision's hash. Returns the revisions written, or, for a command
 * appended before, the revisions it wrote and its stream (`duplicate`).
 */
function appendFunction(s: string): string {
  return `CREATE FUNCTION ${s}.append_events(lock_key text, stream text, expected bigint, previous_hash text, command text, new_events jsonb)
  RETURNS TABLE (duplicate boolean, first_revision bigint, last_revision bigint, first_stream_id text)
  LANGUAGE plpgsql AS $fn$
  DECLARE
    n bigint := jsonb_array_length(new_events);
    actual bigint;
    actual_hash text;
  BEGIN
    -- First, before anything gives this transaction an id: its id is then taken after the previous
    -- writer's, so within a stream global order is revision order. (A row lock would take the id
    -- before the wait.)
    PERFORM pg_advisory_xact_lock(hashtextextended(lock_key, 0));
    -- Claim the command before checking the revision: a repeat (queued behind the first on the stream
    -- lock, or racing it on another stream, where it waits on this key) then finds the first one's
    -- result instead of failing on the revision the first one moved.
    INSERT INTO ${s}.commands (command_id, stream_id, first_revision, last_revision)
      VALUES (command, stream, expected + 1, expected + n) ON CONFLICT DO NOTHING;
    IF NOT FOUND THEN
      RETURN QUERY SELECT true, c.first_revision, c.last_revision, c.stream_id FROM ${s}.commands c WHERE c.command_id = command;
      RETURN;
    END IF;
    -- Under the stream lock nobody else moves the stream's row between this read and the write below.
    SELECT st.revision, st.hash INTO actual, actual_hash FROM ${s}.streams st WHERE st.stream_id = stream;
    IF coalesce(actual, -1) <> expected THEN
      RAISE EXCEPTION 'stream % is at revision %, not %', stream, coalesce(actual, -1), expected
        USING ERRCODE = '${APPEND_ERRORS.wrongRevision}', DETAIL = coalesce(actual, -1)::text;
    END IF;
    IF expected = -1 THEN
      INSERT INTO ${s}.streams (stream_id, revision, hash) VALUES (stream, n - 1, new_events->-1->>'hash');
    ELSE
      IF actual_hash IS DISTINCT FROM previous_hash THEN
        RAISE EXCEPTION 'stream % revision % has another hash', stream, expected
          USING ERRCODE = '${APPEND_ERRORS.previousHashMoved}', DETAIL = coalesce(actual_hash, '');
      END IF;
      UPDATE ${s}.streams SET revision = revision + n, hash = new_events->-1->>'hash' WHERE stream_id = stream;
    END IF;
    INSERT INTO ${s}.events (event_id, stream_id, revision, type, schema_version, data, metadata, command_id, previous_hash, hash)
      SELECT (e.value->>'eventId')::uuid, stream, expected + e.ordinality, e.value->>'type', (e.value->>'schemaVersion')::integer,
             e.value->'data', e.value->'metadata', command, e.value->>'previousHash', e.value->>'hash'
      FROM jsonb_array_elements(new_events) WITH ORDINALITY AS e
      ORDER BY e.ordinality;
    RETURN QUERY SELECT false, expected + 1, expected + n, stream;
  END
  $fn$`;
}

/**
 * `append_events` for many streams at once (imports): one statement, set-based, instead of one call
 * per stream. Element i of each array is one stream's append (each stream once); `events` is a JSON
 * array of each append's events. Same rules as `append_events`, in the same order: every stream's lock
 * first, before anything gives the transaction an id (so it is taken after each stream's previous
 * writer's, and global order stays revision order), in one order (so two batches cannot deadlock); then
 * the commands claimed, so a repeated one
 * returns its first result; then the claimed streams' revisions and hashes checked (ES409, ES428, the
 * stream named in the HINT); then the events inserted in batch order. Returns one row per append, in order.
 */
function appendManyFunction(s: string): string {
  const batch = `unnest(streams, expected, previous_hashes, commands) WITH ORDINALITY AS a(stream, expected, previous_hash, command, ord)`;
  const claimedOnly = `(a.command, a.stream) IN (SELECT c.command, c.stream FROM unnest(claimed_commands, claimed_streams) AS c(command, stream))`;
  return `CREATE FUNCTION ${s}.append_many(lock_keys text[], streams text[], expected bigint[], previous_hashes text[], commands text[], events jsonb)
  RETURNS TABLE (duplicate boolean, first_revision bigint, last_revision bigint, first_stream_id text)
  LANGUAGE plpgsql AS $fn$
  DECLARE
    claimed_commands text[];
    claimed_streams text[];
    wrong record;
  BEGIN
    PERFORM count(pg_advisory_xact_lock(hashtextextended(k.key, 0))) FROM (SELECT key FROM unnest(lock_keys) AS key ORDER BY key) k;
    WITH claimed AS (
      INSERT INTO ${s}.commands (command_id, stream_id, first_revision, last_revision)
        SELECT a.command, a.stream, a.expected + 1, a.expected + jsonb_array_length(events->(a.ord::int - 1))
        FROM ${batch} ORDER BY a.ord
        ON CONFLICT DO NOTHING RETURNING command_id, stream_id
    )
    SELECT coalesce(array_agg(command_id), '{}'), coalesce(array_agg(stream_id), '{}') INTO claimed_commands, claimed_streams FROM claimed;
    SELECT a.stream, a.expected, coalesce(st.revision, -1) AS actual INTO wrong
      FROM ${batch} LEFT JOIN ${s}.streams st ON st.stream_id = a.stream
      WHERE ${claimedOnly} AND coalesce(st.revision, -1) <> a.expected ORDER BY a.ord LIMIT 1;
    IF FOUND THEN
      RAISE EXCEPTION 'stream % is at revision %, not %', wrong.stream, wrong.actual, wrong.expected
        USING ERRCODE = '${APPEND_ERRORS.wrongRevision}', DETAIL = wrong.actual::text, HINT = wrong.stream;
    END IF;
    SELECT a.stream, a.expected, coalesce(st.hash, '') AS hash INTO wrong
      FROM ${batch} JOIN ${s}.streams st ON st.stream_id = a.stream
      WHERE ${claimedOnly} AND st.hash IS DISTINCT FROM a.previous_hash ORDER BY a.ord LIMIT 1;
    IF FOUND THEN
      RAISE EXCEPTION 'stream % revision % has another hash', wrong.stream, wrong.expected
        USING ERRCODE = '${APPEND_ERRORS.previousHashMoved}', DETAIL = wrong.hash, HINT = wrong.stream;
    END IF;
    INSERT INTO ${s}.streams AS st (stream_id, revision, hash)
      SELECT a.stream, a.expected + jsonb_array_length(events->(a.ord::int - 1)), events->(a.ord::int - 1)->-1->>'hash'
      FROM ${batch} WHERE ${claimedOnly} ORDER BY a.ord
      ON CONFLICT (stream_id) DO UPDATE SET revision = excluded.revision, hash = excluded.hash;
    INSERT INTO ${s}.events (event_id, stream_id, revision, type, schema_version, data, metadata, command_id, previous_hash, hash)
      SELECT (e.value->>'eventId')::uuid, a.stream, a.expected + e.ordinality, e.value->>'type', (e.value->>'schemaVersion')::integer,
             e.value->'data', e.value->'metadata', a.command, e.value->>'previousHash', e.value->>'hash'
      FROM ${batch}, jsonb_array_elements(events->(a.ord::int - 1)) WITH ORDINALITY AS e
      WHERE ${claimedOnly}
      ORDER BY a.ord, e.ordinality;
    RETURN QUERY
      SELECT NOT ${claimedOnly}, coalesce(c.first_revision, a.expected + 1), coalesce(c.last_revision, a.expected + jsonb_array_length(events->(a.ord::int - 1))), coalesce(c.stream_id, a.stream)
      FROM ${batch} LEFT JOIN ${s}.commands c ON c.command_id = a.command AND NOT ${claimedOnly}
      ORDER BY a.ord;
  END
  $fn$`;
}

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,39}$/;

/** What `DATABASE_SCHEMA` (and every schema option of the tools) must be, for the operator to read. */
export const SCHEMA_NAME_RULE = 'lower-case letters a-z, digits and _, starting with a letter or _, at most 40 characters (such as complaints or minwon_prod)';

/** Schema names are plain lower-case identifiers, so they can name the NOTIFY channel as well. */
export const isSchemaName = (schema: string): boolean => SCHEMA_NAME.test(schema);

export function assertSchemaName(schema: string): void {
  if (!isSchemaName(schema)) throw new RangeError(`invalid event store schema name: ${JSON.stringify(schema)}: use ${SCHEMA_NAME_RULE}`);
}

/**
 * Creates the schema when it is missing. Not `CREATE SCHEMA IF NOT EXISTS` alone: PostgreSQL checks the
 * database's CREATE privilege before it looks whether the schema exists, so a role that owns its
 * schema (created for it by a DBA) and may create nothing else in the database could not start.
 */
export async function createSchemaIfMissing(sql: SqlExecutor, schema: string): Promise<void> {
  const [found] = await sql.query<{ name: string | null }>(`SELECT to_regnamespace($1)::text AS name`, [`"${schema}"`]);
  if (!found?.name) await sql.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
}

/** Creates the schema and applies missing migrations; safe to run from several processes at once. */
export async function migrate(client: SqlClient, schema: string): Promise<void> {
  assertSchemaName(schema);
  const s = `"${schema}"`;
  await changeSchema(client, s, async (tx) => {
    await createSchemaIfMissing(tx, schema);
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

/** The migrations of this code not yet applied to `schema` (for the readiness probe); all of them when it has none. */
export async function missingMigrations(client: SqlClient, schema: string): Promise<number[]> {
  assertSchemaName(schema);
  const [table] = await client.query<{ name: string | null }>(`SELECT to_regclass($1) AS name`, [`"${schema}".schema_migrations`]);
  const applied = table?.name
    ? new Set((await client.query<{ version: number }>(`SELECT version FROM "${schema}".schema_migrations`)).map((row) => Number(row.version)))
    : new Set<number>();
  return MIGRATIONS.map((m) => m.version).filter((version) => !applied.has(version));
}

/**
 * Refuses (`NoStoreError`), changing nothing, a schema that holds no event store or one this code
 * would first have to migrate: for tools that read or copy a store as it is.
 */
export async function assertMigrated(client: SqlClient, schema: string): Promise<void> {
  const missing = await missingMigrations(client, schema);
  if (missing.length === MIGRATIONS.length) {
    throw new NoStoreError(`schema ${schema} holds no event store (no migrated ${schema}.schema_migrations table); nothing was created there`);
  }
  if (missing.length > 0) {
    throw new NoStoreError(
      `the event store in schema ${schema} lacks migrations ${missing.join(', ')} of this version: start the service of this version once (it applies them), then run this again; nothing was changed`,
    );
  }
}
