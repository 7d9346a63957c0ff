/**
 * Who looked at what: every read of a complainant's personal data, every replay, time travel and
 * evidence export. Kept in a table beside the read models, not as events of the complaint: a read is
 * not a fact of the complaint's life, and writing one would move the case's revision (and so every
 * handler's If-Match) each time someone looked at it.
 */
import type { Actor, PersonalDataAccess } from '../../domain/access.js';
import { GENESIS_HASH } from '../event-store/index.js';
import { changeSchema, type SqlClient, type SqlExecutor } from '../sql/index.js';
import { AccessLogChainCheck, type AccessLogFinding, type AccessLogHead, type AccessLogIntegrity, type ChainedEntry } from './access-log-chain.js';

/**
 * `break-glass-read`: an auditor read a case's personal data giving a reason (over any route, or in an
 * export). `import`: someone started an import of history over HTTP (`POST /imports`): the job, the
 * file and the mapping in `detail`; its events carry the same correlation id. `erasure`: a
 * complainant's personal data was erased (`POST /complainants/{key}/erasure` or the retention rule),
 * one entry per case it erased (or one without a case): the key, the reason and whether it was a
 * linked key in `detail`; the record of authority is the `ComplainantDataErased` event.
 */
export const ACCESS_ACTIONS = ['personal-data-read', 'time-travel', 'replay', 'export', 'break-glass-read', 'import', 'erasure'] as const;
export type AccessAction = (typeof ACCESS_ACTIONS)[number];

export interface AccessRecord {
  actor: Pick<Actor, 'id' | 'name' | 'roles'>;
  action: AccessAction;
  complaintId: string | null;
  /** Whether what was shown or written included the complainant's personal data. */
  personalData: boolean;
  /** What exactly: the route, the moment travelled to, the export's directory... */
  detail?: Record<string, unknown>;
  /** Why: the reason of a break-glass read, kept in `detail.reason`. */
  reason?: string;
  correlationId?: string;
}

/**
 * The action of a read of `kind` (a replay, a time travel, an export...) that showed the case's
 * personal data as `access` says. A read asked for with a reason (an auditor's break-glass read) is a
 * `break-glass-read` with its reason, whatever it showed: an erased case's shows none (`personalData` false).
 */
export function readRecord(kind: AccessAction, access: PersonalDataAccess, reason: string | undefined): Pick<AccessRecord, 'action' | 'personalData' | 'reason'> {
  if (reason !== undefined || access === 'break-glass') return { action: 'break-glass-read', personalData: access !== 'none', reason };
  return { action: kind, personalData: access === 'handling' };
}

export interface AccessEntry {
  id: string;
  at: string;
  actorId: string;
  actorName: string | null;
  actorRoles: string[];
  action: AccessAction;
  complaintId: string | null;
  personalData: boolean;
  detail: Record<string, unknown>;
  correlationId: string | null;
}

export interface AccessLogFilter {
  complaintId?: string;
  actor?: string;
  action?: AccessAction;
  /** Inclusive. */
  from?: string;
  /** Exclusive. */
  to?: string;
  /** Entries older than this id (newest first). */
  before?: string;
  limit: number;
}

type Row = {
  entry_id: string;
  at: Date | string;
  actor_id: string;
  actor_name: string | null;
  actor_roles: string[];
  action: AccessAction;
  complaint_id: string | null;
  personal_data: boolean;
  detail: Record<string, unknown>;
  correlation_id: string | null;
};

export class AccessLog {
  private readonly table: string;

  constructor(
    private readonly sql: SqlClient,
    /** Quoted schema name. */
    private readonly s: string,
  ) {
    this.table = `${s}.access_log`;
  }

  /** The log, its table created if missing and chained if written before the chain. */
  static async open(sql: SqlClient, s: string): Promise<AccessLog> {
    const log = new AccessLog(sql, s);
    await log.migrate();
    return log;
  }

  private async migrate(): Promise<void> {
    await changeSchema(this.sql, this.s, async (tx) => {
      await tx.query(`CREATE TABLE IF NOT EXISTS ${this.table} (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        at timestamptz NOT NULL DEFAULT clock_timestamp(),
        actor_id text NOT NULL,
        actor_name text,
        actor_roles jsonb NOT NULL,
        action text NOT NULL,
        complaint_id text,
        personal_data boolean NOT NULL,
        detail jsonb NOT NULL,
        correlation_id text
      )`);
      await tx.query(`CREATE INDEX IF NOT EXISTS access_log_complaint ON ${this.table} (complaint_id, id)`);
      await tx.query(`CREATE INDEX IF NOT EXISTS access_log_actor ON ${this.table} (actor_id, id)`);
      await tx.query(`CREATE INDEX IF NOT EXISTS access_log_at ON ${this.table} (at)`);
      // The hash chain (access-log-chain.ts). A log written before it is chained once, here.
      await tx.query(`ALTER TABLE ${this.table} ADD COLUMN IF NOT EXISTS previous_hash text, ADD COLUMN IF NOT EXISTS hash text`);
      await tx.query(`CREATE TABLE IF NOT EXISTS ${this.s}.access_log_head (
        one boolean PRIMARY KEY DEFAULT true CHECK (one), entry_id bigint, hash text NOT NULL
      ) WITH (fillfactor = 50)`);
      await tx.query(hashFunction(this.s));
      await tx.query(appendFunction(this.s));
      const [head] = await tx.query(`SELECT 1 FROM ${this.s}.access_log_head`);
      if (!head) await chainUnchained(tx, this.s);
    });
  }

  async record(entry: AccessRecord): Promise<void> {
    await this.recordAll([entry]);
  }

  /** Several entries in one statement (a list that showed many cases' personal data), chained in order. */
  async recordAll(entries: readonly AccessRecord[]): Promise<void> {
    if (entries.length === 0) return;
    const columns: unknown[][] = [[], [], [], [], [], [], [], []];
    for (const { actor, action, complaintId, personalData, detail = {}, reason, correlationId } of entries) {
      const row = [actor.id, actor.name || null, JSON.stringify(actor.roles), action, complaintId, personalData, JSON.stringify(reason === undefined ? detail : { ...detail, reason }), correlationId ?? null];
      row.forEach((value, i) => columns[i]!.push(value));
    }
    await this.sql.query(`SELECT ${this.s}.append_access_log($1::text[], $2::text[], $3::jsonb[], $4::text[], $5::text[], $6::boolean[], $7::jsonb[], $8::text[])`, columns);
  }

  /**
   * Recomputes the chain from the first entry to the head record and names each entry deleted,
   * altered or inserted (`AccessLogChainCheck`). Reads in pages, each one statement; holds nothing open.
   */
  async verify(limit = 100): Promise<AccessLogIntegrity> {
    return verifyAccessLog(this.sql, this.s, limit);
  }

  /** Newest first; `nextBefore` continues the list. */
  async list(filter: AccessLogFilter): Promise<{ items: AccessEntry[]; nextBefore?: string }> {
    const where: string[] = [];
    const params: unknown[] = [];
    const add = (clause: (p: string) => string, value: unknown) => {
      params.push(value);
      where.push(clause(`$${params.length}`));
    };
    if (filter.complaintId !== undefined) add((p) => `complaint_id = ${p}`, filter.complaintId);
    if (filter.actor !== undefined) add((p) => `actor_id = ${p}`, filter.actor);
    if (filter.action !== undefined) add((p) => `action = ${p}`, filter.action);
    if (filter.from !== undefined) add((p) => `at >= ${p}::timestamptz`, filter.from);
    if (filter.to !== undefined) add((p) => `at < ${p}::timestamptz`, filter.to);
    if (filter.before !== undefined) add((p) => `id < ${p}::bigint`, filter.before);
    params.push(filter.limit + 1);
    const rows = await this.sql.query<Row>(
      `SELECT id::text AS entry_id, at, actor_id, actor_name, actor_roles, action, complaint_id, personal_data, detail, correlation_id
       FROM ${this.table} ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY id DESC LIMIT $${params.length}`,
      params,
    );
    const items = rows.slice(0, filter.limit).map(
      (r): AccessEntry => ({
        id: r.entry_id,
        at: new Date(r.at).toISOString(),
        actorId: r.actor_id,
        actorName: r.actor_name,
        actorRoles: r.actor_roles,
        action: r.action,
        complaintId: r.complaint_id,
        personalData: r.personal_data,
        detail: r.detail,
        correlationId: r.correlation_id,
      }),
    );
    return rows.length > filter.limit ? { items, nextBefore: items[items.length - 1]!.id } : { items };
  }
}

/** An entry's time as the chain covers it: UTC, to the microsecond, the same on every reading. */
const AT_TEXT = (column: string) => `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;
const FIELD = (value: string) => `CASE WHEN ${value} IS NULL THEN '~' ELSE octet_length(convert_to(${value}, 'UTF8'))::text || ':' || ${value} END`;

/** The hash of an entry (access-log-chain.ts gives the rule and recomputes it). */
function hashFunction(s: string): string {
  const fields = ['id::text', AT_TEXT('at'), 'actor_id', 'actor_name', 'actor_roles::text', 'action', 'complaint_id', 'personal_data::text', 'detail::text', 'correlation_id'].map(FIELD);
  return `CREATE OR REPLACE FUNCTION ${s}.access_log_hash(previous_hash text, id bigint, at timestamptz, actor_id text, actor_name text, actor_roles jsonb,
      action text, complaint_id text, personal_data boolean, detail jsonb, correlation_id text)
    RETURNS text LANGUAGE sql STABLE AS $fn$
      SELECT encode(sha256(convert_to(previous_hash || ${fields.join(' || ')}, 'UTF8')), 'hex')
    $fn$`;
}

/**
 * One append of entries, chained in order onto the head: the head's row lock makes every writer (every
 * node, every connection) wait for the one before, so numbers and the chain follow commit order, and
 * each entry's time is taken under it. Raises when the head record is gone (a log tampered with).
 */
function appendFunction(s: string): string {
  return `CREATE OR REPLACE FUNCTION ${s}.append_access_log(actor_ids text[], actor_names text[], roles jsonb[], actions text[], complaint_ids text[],
      personal boolean[], details jsonb[], correlation_ids text[])
    RETURNS void LANGUAGE plpgsql AS $fn$
    DECLARE
      head_id bigint;
      head_hash text;
      new_id bigint;
      new_at timestamptz;
      new_hash text;
    BEGIN
      SELECT h.entry_id, h.hash INTO head_id, head_hash FROM ${s}.access_log_head h FOR UPDATE;
      IF NOT FOUND THEN
        RAISE EXCEPTION 'the access log has no head record: it was tampered with (npm run audit:verify names what)';
      END IF;
      FOR i IN 1 .. coalesce(array_length(actor_ids, 1), 0) LOOP
        new_id := nextval(pg_get_serial_sequence('${s}.access_log', 'id'));
        new_at := clock_timestamp();
        new_hash := ${s}.access_log_hash(head_hash, new_id, new_at, actor_ids[i], actor_names[i], roles[i], actions[i], complaint_ids[i], personal[i], details[i], correlation_ids[i]);
        INSERT INTO ${s}.access_log (id, at, actor_id, actor_name, actor_roles, action, complaint_id, personal_data, detail, correlation_id, previous_hash, hash)
          OVERRIDING SYSTEM VALUE
          VALUES (new_id, new_at, actor_ids[i], actor_names[i], roles[i], actions[i], complaint_ids[i], personal[i], details[i], correlation_ids[i], head_hash, new_hash);
        head_id := new_id;
        head_hash := new_hash;
      END LOOP;
      UPDATE ${s}.access_log_head SET entry_id = head_id, hash = head_hash;
    END
    $fn$`;
}

/**
 * Chains a log none of whose entries carries a hash yet (written before the chain, or copied from such
 * a log), in entry order, and records its head. Writers wait meanwhile. A log with any hash is left as
 * it is: re-chaining it would hide what was done to it.
 */
export async function chainUnchained(tx: SqlExecutor, s: string): Promise<void> {
  await tx.query(`LOCK TABLE ${s}.access_log IN SHARE ROW EXCLUSIVE MODE`);
  const [chained] = await tx.query(`SELECT 1 FROM ${s}.access_log WHERE hash IS NOT NULL LIMIT 1`);
  if (chained) return;
  await tx.query(`DO $chain$
    DECLARE
      r record;
      previous text := '${GENESIS_HASH}';
      last_id bigint;
      next_hash text;
    BEGIN
      FOR r IN SELECT * FROM ${s}.access_log ORDER BY id LOOP
        next_hash := ${s}.access_log_hash(previous, r.id, r.at, r.actor_id, r.actor_name, r.actor_roles, r.action, r.complaint_id, r.personal_data, r.detail, r.correlation_id);
        UPDATE ${s}.access_log SET previous_hash = previous, hash = next_hash WHERE id = r.id;
        previous := next_hash;
        last_id := r.id;
      END LOOP;
      INSERT INTO ${s}.access_log_head (entry_id, hash) VALUES (last_id, previous)
        ON CONFLICT (one) DO UPDATE SET entry_id = EXCLUDED.entry_id, hash = EXCLUDED.hash;
    END
    $chain$`);
}

const PAGE = 2_000;
const MAX_KEPT_FINDINGS = 100_000;

/** An access-log row as the chain and its copy read it, every column as text. */
export type AccessLogRow = {
  id: string;
  at: string;
  actor_id: string;
  actor_name: string | null;
  actor_roles: string;
  action: string;
  complaint_id: string | null;
  personal_data: boolean;
  detail: string;
  correlation_id: string | null;
  /** Null from a log written before the chain (and never opened by this version). */
  previous_hash: string | null;
  hash: string | null;
};

/** The access log of schema `s` (quoted), chained (`accessLogState`), verified. */
export async function verifyAccessLog(sql: SqlClient, s: string, limit = 100): Promise<AccessLogIntegrity> {
  const findings: AccessLogFinding[] = [];
  let dropped = 0;
  const check = new AccessLogChainCheck((finding) => void (findings.length < MAX_KEPT_FINDINGS ? findings.push(finding) : (dropped += 1)));
  // The head first: an entry appended while the pages are read then stands after it, and is not read.
  const [table] = await sql.query<{ head: string | null }>(`SELECT to_regclass($1)::text AS head`, [`${s}.access_log_head`]);
  const [head] = await sql.query<{ entry_id: string | null; hash: string | null; last: string | null }>(
    table?.head
      ? `SELECT h.entry_id::text AS entry_id, h.hash, (SELECT max(id)::text FROM ${s}.access_log) AS last
         FROM (SELECT 1) one LEFT JOIN ${s}.access_log_head h ON true`
      : `SELECT NULL AS entry_id, NULL AS hash, (SELECT max(id)::text FROM ${s}.access_log) AS last`,
  );
  const recorded: AccessLogHead | null = head?.hash ? { entry: head.entry_id, hash: head.hash } : null;
  const last = head?.last ?? '0';
  for (let after = '0'; ; ) {
    const rows = await sql.query<AccessLogRow>(
      `SELECT id::text AS id, ${AT_TEXT('at')} AS at, actor_id, actor_name, actor_roles::text AS actor_roles, action, complaint_id, personal_data,
              detail::text AS detail, correlation_id, previous_hash, hash
       FROM ${s}.access_log WHERE id > $1::bigint AND id <= $2::bigint ORDER BY access_log.id LIMIT ${PAGE}`,
      [after, last],
    );
    for (const r of rows) {
      const entry: ChainedEntry = {
        id: r.id, at: r.at, actorId: r.actor_id, actorName: r.actor_name, actorRoles: r.actor_roles, action: r.action, complaintId: r.complaint_id,
        personalData: r.personal_data, detail: r.detail, correlationId: r.correlation_id, previousHash: r.previous_hash, hash: r.hash,
      };
      check.add(entry);
    }
    if (rows.length < PAGE) break;
    after = rows[rows.length - 1]!.id;
  }
  check.end(recorded);
  return {
    ok: findings.length === 0,
    checkedAt: new Date().toISOString(),
    entries: check.entries,
    head: recorded,
    ...(findings[0] ? { firstMismatch: findings[0] } : {}),
    findings: findings.slice(0, limit),
    truncated: findings.length > limit || dropped > 0,
  };
}

/** Whether schema `schema` (unquoted) holds an access log, and one chained (migrated by this version). */
export async function accessLogState(sql: SqlClient, schema: string): Promise<'absent' | 'unchained' | 'chained'> {
  const [found] = await sql.query<{ log: string | null; chained: boolean }>(
    `SELECT to_regclass($1)::text AS log,
            EXISTS (SELECT 1 FROM information_schema.columns WHERE table_schema = $2 AND table_name = 'access_log' AND column_name = 'hash') AS chained`,
    [`"${schema}".access_log`, schema],
  );
  return !found?.log ? 'absent' : found.chained ? 'chained' : 'unchained';
}
