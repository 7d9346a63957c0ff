import type { SqlClient } from '../sql/index.js';
import { AccessLog, chainUnchained, type AccessLogRow } from './access-log.js';

/** Where a store's access log is: its read-model database (the schema unquoted). */
export interface AccessLogDatabase {
  sql: SqlClient;
  schema: string;
}

export interface AccessLogCopyReport {
  /** False when the source has no access log (a store no service ever answered from). */
  found: boolean;
  /** Entries in the source, and of those the entries the target holds equal. */
  source: number;
  target: number;
  /** Entries the target holds otherwise than the source (the first 20). */
  mismatches: string[];
}

const COLUMNS = `id::text AS id, to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS at, actor_id, actor_name,
  actor_roles::text AS actor_roles, action, complaint_id, personal_data, detail::text AS detail, correlation_id,
  to_jsonb(access_log)->>'previous_hash' AS previous_hash, to_jsonb(access_log)->>'hash' AS hash`;

type Row = AccessLogRow;

/**
 * Copies the access log (who read personal data, time-travelled, exported, broke the glass: an
 * auditor's record) as it is, each entry under its own id, so a store moved elsewhere keeps it.
 * Idempotent: an entry already there is left as it is, then each page is read back and compared;
 * `mismatches` names the entries the target holds otherwise. The target's own numbering continues
 * after the copied entries. Copies the entries there were when it began (up to the highest number
 * then); `source` counts them apart from the paging (`count(*)`), so an entry the pages missed shows
 * as one found fewer in the target, never as a match.
 */
export async function copyAccessLog(from: AccessLogDatabase, to: AccessLogDatabase, { batchSize = 1000 }: { batchSize?: number } = {}): Promise<AccessLogCopyReport> {
  const present = await from.sql.query(`SELECT 1 FROM information_schema.tables WHERE table_schema = $1 AND table_name = 'access_log'`, [from.schema]);
  if (present.length === 0) return { found: false, source: 0, target: 0, mismatches: [] };
  const [source, target] = [`"${from.schema}"`, `"${to.schema}"`];
  await AccessLog.open(to.sql, target);
  const report: AccessLogCopyReport = { found: true, source: 0, target: 0, mismatches: [] };
  // By the number, not by its text (the column's name in the select list): "10" sorts before "2".
  const select = (s: string, where: string) => `SELECT ${COLUMNS} FROM ${s}.access_log WHERE ${where} ORDER BY access_log.id`;
  // The last entry and the head in one snapshot: an append moves both in one transaction.
  const chained = (await from.sql.query(`SELECT to_regclass($1) AS head WHERE to_regclass($1) IS NOT NULL`, [`${source}.access_log_head`])).length > 0;
  const [ends] = await from.sql.query<{ last: string | null; head_entry?: string | null; head_hash?: string | null }>(
    `SELECT (SELECT max(id)::text FROM ${source}.access_log) AS last${chained ? `, h.entry_id::text AS head_entry, h.hash AS head_hash FROM (SELECT 1) one LEFT JOIN ${source}.access_log_head h ON true` : ''}`,
  );
  const last = ends?.last ?? null;
  const [headEntry, headHash] = [ends?.head_entry ?? null, ends?.head_hash ?? null];
  let read = 0;
  for (let after = '0'; last !== null; ) {
    const page = await from.sql.query<Row>(`${select(source, 'id > $1::bigint AND id <= $2::bigint')} LIMIT ${batchSize}`, [after, last]);
    if (page.length === 0) break;
    after = page[page.length - 1]!.id;
    await to.sql.query(
      `INSERT INTO ${target}.access_log (id, at, actor_id, actor_name, actor_roles, action, complaint_id, personal_data, detail, correlation_id, previous_hash, hash) OVERRIDING SYSTEM VALUE
       SELECT id::bigint, at::timestamptz, actor_id, actor_name, actor_roles::jsonb, action, complaint_id, personal_data, detail::jsonb, correlation_id, previous_hash, hash
       FROM json_to_recordset($1::json) AS r (id text, at text, actor_id text, actor_name text, actor_roles text, action text, complaint_id text, personal_data boolean, detail text, correlation_id text,
         previous_hash text, hash text)
       ON CONFLICT (id) DO NOTHING`,
      [JSON.stringify(page)],
    );
    const copied = new Map((await to.sql.query<Row>(select(target, 'id = ANY($1::bigint[])'), [page.map((row) => row.id)])).map((row) => [row.id, row]));
    read += page.length;
    for (const row of page) {
      const there = copied.get(row.id);
      if (there && JSON.stringify(there) === JSON.stringify(row)) report.target++;
      else if (report.mismatches.length < 20) report.mismatches.push(`access-log entry ${row.id} (${row.at}, ${row.action} by ${row.actor_id}): ${there ? "the target's differs" : 'missing in the target'}`);
    }
  }
  // Counted after the pages, apart from them: an entry written before `last` and committed after its page was read counts too (run the copy again).
  const [counted] = await from.sql.query<{ n: number }>(`SELECT count(*)::integer AS n FROM ${source}.access_log WHERE id <= $1::bigint`, [last ?? '0']);
  report.source = counted!.n;
  if (read < report.source) report.mismatches.push(`${report.source - read} of the source's ${report.source} entries up to number ${last} were not read from it (committed while the copy ran?): run the copy again`);
  await to.sql.query(`SELECT setval(pg_get_serial_sequence('${target}.access_log', 'id'), max(id)) FROM ${target}.access_log HAVING max(id) IS NOT NULL`);
  // The chain moves with the entries: the target's head is the source's as the copy began (unless the
  // target's own appends are past it), so the copy verifies as the source did. A source written before
  // the chain is chained in the target, as opening it would have chained it.
  if (headHash !== null) {
    await to.sql.query(
      `UPDATE ${target}.access_log_head SET entry_id = $1::bigint, hash = $2 WHERE entry_id IS NULL OR entry_id <= $1::bigint`,
      [headEntry, headHash],
    );
  } else if (!chained) {
    await to.sql.transaction((tx) => chainUnchained(tx, target));
  }
  return report;
}
