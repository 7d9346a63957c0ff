/**
 * Who looked at what: every read of a complainant's personal data, every replay, time travel and
 * evidence export. Kept in a table beside the read models, not as events of the complaint: a read is
 * not a fact of the complaint's life, and writing one would move the case's revision (and so every
 * handler's If-Match) each time someone looked at it.
 */
import type { Actor, PersonalDataAccess } from '../../domain/access.js';
import { changeSchema, type SqlClient } from '../sql/index.js';

/**
 * `break-glass-read`: an auditor read a case's personal data giving a reason (over any route, or in an
 * export). `import`: someone started an import of history over HTTP (`POST /imports`): the job, the
 * file and the mapping in `detail`; its events carry the same correlation id.
 */
export const ACCESS_ACTIONS = ['personal-data-read', 'time-travel', 'replay', 'export', 'break-glass-read', 'import'] as const;
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
 * personal data as `access` says: one shown by a break-glass read is a `break-glass-read` with its reason.
 */
export function readRecord(kind: AccessAction, access: PersonalDataAccess, reason: string | undefined): Pick<AccessRecord, 'action' | 'personalData' | 'reason'> {
  return access === 'break-glass' ? { action: 'break-glass-read', personalData: true, reason } : { action: kind, personalData: access === 'handling' };
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

  /** The log, its table created if missing. */
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
    });
  }

  async record(entry: AccessRecord): Promise<void> {
    await this.recordAll([entry]);
  }

  /** Several entries in one statement (a list that showed many cases' personal data). */
  async recordAll(entries: readonly AccessRecord[]): Promise<void> {
    if (entries.length === 0) return;
    const columns: unknown[][] = [[], [], [], [], [], [], [], []];
    for (const { actor, action, complaintId, personalData, detail = {}, reason, correlationId } of entries) {
      const row = [actor.id, actor.name || null, JSON.stringify(actor.roles), action, complaintId, personalData, JSON.stringify(reason === undefined ? detail : { ...detail, reason }), correlationId ?? null];
      row.forEach((value, i) => columns[i]!.push(value));
    }
    await this.sql.query(
      `INSERT INTO ${this.table} (actor_id, actor_name, actor_roles, action, complaint_id, personal_data, detail, correlation_id)
       SELECT * FROM unnest($1::text[], $2::text[], $3::jsonb[], $4::text[], $5::text[], $6::boolean[], $7::jsonb[], $8::text[])`,
      columns,
    );
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
