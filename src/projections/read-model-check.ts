import { jsonDifferences, shownValue, type ReadModel } from '../read-models/index.js';
import type { SqlExecutor } from '../sql/index.js';

/** One row where a live read-model table and its rebuild from the events differ. */
export interface ReadModelDifference {
  readModel: string;
  table: string;
  /** `changed`: the row is in both, some columns differ; `extra`: only the live table has it; `missing`: only the events give it. */
  kind: 'changed' | 'extra' | 'missing';
  /** The row's primary key (every compared column where the table has none). */
  key: Record<string, unknown>;
  /** The case the row is of, where it is of one: its id and its human reference. */
  complaintId?: string;
  reference?: string;
  /** The columns that differ (`changed`). */
  columns: string[];
  /** In words: where, which column, what the table holds and what the events give. */
  message: string;
}

export interface ReadModelComparison {
  /** Every read model compared equals its rebuild from the events. */
  ok: boolean;
  checkedAt: string;
  /** Events read from the store to rebuild them. */
  events: number;
  readModels: {
    name: string;
    compared: boolean;
    /** The checkpoint it was compared at: the live table and the rebuild both hold the events up to there. */
    position?: { commit: string; prepare: string };
    differences: number;
    /** Why it was not compared. */
    note?: string;
  }[];
  /** The differences, up to the limit asked, in read-model and key order. */
  differences: ReadModelDifference[];
  truncated: boolean;
}

const quote = (name: string) => `"${name.replaceAll('"', '""')}"`;

/** The table's columns in order, as `information_schema` names them. */
async function columnsOf(tx: SqlExecutor, schema: string, table: string): Promise<string[]> {
  const rows = await tx.query<{ column_name: string }>(
    `SELECT column_name FROM information_schema.columns WHERE table_schema = $1 AND table_name = $2 ORDER BY ordinal_position`,
    [schema, table],
  );
  return rows.map((r) => r.column_name);
}

async function primaryKeyOf(tx: SqlExecutor, schema: string, table: string): Promise<string[]> {
  const rows = await tx.query<{ attname: string }>(
    `SELECT a.attname FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY(i.indkey::int2[])
     WHERE i.indrelid = $1::regclass AND i.indisprimary ORDER BY array_position(i.indkey::int2[], a.attnum)`,
    [`${quote(schema)}.${quote(table)}`],
  );
  return rows.map((r) => r.attname);
}

/** The rows of one table that differ, live against rebuilt, up to `limit`, with how many in all. */
async function differingRows(
  tx: SqlExecutor,
  live: string,
  rebuilt: string,
  columns: readonly string[],
  key: readonly string[],
  limit: number,
): Promise<{ rows: { live: Record<string, unknown> | null; rebuilt: Record<string, unknown> | null }[]; total: number }> {
  const list = columns.map(quote).join(', ');
  let rows: { live: unknown; rebuilt: unknown; total: string | number }[];
  if (key.length > 0) {
    const on = key.map((k) => `l.${quote(k)} = r.${quote(k)}`).join(' AND ');
    const order = key.map((k) => `coalesce(l.${quote(k)}, r.${quote(k)})`).join(', ');
    const first = quote(key[0]!);
    rows = await tx.query(
      `SELECT CASE WHEN l.${first} IS NULL THEN NULL ELSE to_jsonb(l) END AS live, CASE WHEN r.${first} IS NULL THEN NULL ELSE to_jsonb(r) END AS rebuilt, count(*) OVER () AS total
       FROM (SELECT ${list} FROM ${live}) l FULL JOIN (SELECT ${list} FROM ${rebuilt}) r ON ${on}
       WHERE l.${first} IS NULL OR r.${first} IS NULL OR to_jsonb(l) <> to_jsonb(r)
       ORDER BY ${order} LIMIT $1`,
      [limit],
    );
  } else {
    // No key to pair rows by: the rows only one side has, as whole rows.
    rows = await tx.query(
      `WITH l AS (SELECT to_jsonb(t) AS j FROM (SELECT ${list} FROM ${live}) t), r AS (SELECT to_jsonb(t) AS j FROM (SELECT ${list} FROM ${rebuilt}) t),
         d AS ((SELECT j AS live, NULL::jsonb AS rebuilt FROM l EXCEPT ALL SELECT j, NULL FROM r) UNION ALL (SELECT NULL, j FROM r EXCEPT ALL SELECT NULL, j FROM l))
       SELECT live, rebuilt, count(*) OVER () AS total FROM d ORDER BY coalesce(live, rebuilt)::text LIMIT $1`,
      [limit],
    );
  }
  const parse = (value: unknown) => (value === null || value === undefined ? null : ((typeof value === 'string' ? JSON.parse(value) : value) as Record<string, unknown>));
  return { rows: rows.map((r) => ({ live: parse(r.live), rebuilt: parse(r.rebuilt) })), total: rows.length === 0 ? 0 : Number(rows[0]!.total) };
}

/** The case a row is of: `complaint_id`, or the complaint list's `id`. */
function complaintOf(table: string, row: Record<string, unknown>): string | undefined {
  const id = row.complaint_id ?? (table === 'complaint_list' ? row.id : undefined);
  return typeof id === 'string' ? id : undefined;
}

function describe(d: Omit<ReadModelDifference, 'message'>, live: Record<string, unknown> | null, rebuilt: Record<string, unknown> | null): string {
  const keyText = Object.entries(d.key)
    .filter(([column]) => !(d.complaintId !== undefined && (column === 'complaint_id' || (d.table === 'complaint_list' && column === 'id'))))
    .map(([column, value]) => `${column} ${shownValue(value)}`);
  const where = [
    `table ${d.table} (read model ${d.readModel})`,
    d.complaintId !== undefined ? `case ${d.reference ? `${d.reference} (${d.complaintId})` : d.complaintId}` : undefined,
    ...keyText,
  ].filter(Boolean).join(', ');
  if (d.kind === 'extra') return `${where}: the table has a row the events do not give`;
  if (d.kind === 'missing') return `${where}: the events give a row the table does not have`;
  // A jsonb column (the audit facts) is named down to the field that differs.
  const columns = d.columns.flatMap((c) => jsonDifferences(live?.[c], rebuilt?.[c], c)).map((x) => `column ${x.path} holds ${shownValue(x.stored)} where the events give ${shownValue(x.fromEvents)}`);
  return `${where}: ${columns.join('; ')}`;
}

/**
 * Compares each read model's live tables (in `liveSchema`) with the same tables rebuilt from the
 * events (in `scratchSchema`), both unquoted schema names. Leaves out the columns another writer
 * keeps (`keptElsewhere`). References come from the rebuilt complaint list, not the live one.
 */
export async function compareTables(
  tx: SqlExecutor,
  liveSchema: string,
  scratchSchema: string,
  readModels: readonly ReadModel[],
  limit: number,
): Promise<{ differences: ReadModelDifference[]; counts: Map<string, number>; truncated: boolean }> {
  const found: { difference: Omit<ReadModelDifference, 'message'>; live: Record<string, unknown> | null; rebuilt: Record<string, unknown> | null; message?: string }[] = [];
  const counts = new Map<string, number>();
  let truncated = false;
  for (const readModel of readModels) {
    let count = 0;
    for (const table of readModel.tables) {
      const expected = await columnsOf(tx, scratchSchema, table);
      const present = await columnsOf(tx, liveSchema, table);
      const lacking = expected.filter((c) => !present.includes(c));
      if (present.length === 0 || lacking.length > 0) {
        count++;
        const what = present.length === 0 ? 'the table is missing' : `the table lacks the columns ${lacking.join(', ')}`;
        found.push({ difference: { readModel: readModel.name, table, kind: 'missing', key: {}, columns: lacking }, live: null, rebuilt: null, message: `table ${table} (read model ${readModel.name}): ${what}` });
        continue;
      }
      const kept = readModel.keptElsewhere?.[table] ?? [];
      const columns = expected.filter((c) => !kept.includes(c));
      const key = await primaryKeyOf(tx, scratchSchema, table);
      const left = Math.max(limit - found.length, 1);
      const { rows, total } = await differingRows(tx, `${quote(liveSchema)}.${quote(table)}`, `${quote(scratchSchema)}.${quote(table)}`, columns, key, left);
      count += total;
      if (total > rows.length || found.length + rows.length > limit) truncated = true;
      for (const { live, rebuilt } of rows) {
        if (found.length >= limit) break;
        const row = (live ?? rebuilt)!;
        const keyColumns = key.length > 0 ? key : columns;
        const kind = live === null ? 'missing' : rebuilt === null ? 'extra' : 'changed';
        const differing = kind === 'changed' ? columns.filter((c) => JSON.stringify(live![c]) !== JSON.stringify(rebuilt![c])) : [];
        const complaintId = complaintOf(table, row);
        found.push({
          difference: { readModel: readModel.name, table, kind, key: Object.fromEntries(keyColumns.map((c) => [c, row[c]])), ...(complaintId ? { complaintId } : {}), columns: differing },
          live,
          rebuilt,
        });
      }
    }
    counts.set(readModel.name, count);
  }
  const ids = [...new Set(found.map((f) => f.difference.complaintId).filter((id): id is string => id !== undefined))];
  const references = new Map<string, string>();
  if (ids.length > 0 && (await columnsOf(tx, scratchSchema, 'complaint_list')).includes('reference')) {
    const rows = await tx.query<{ id: string; reference: string | null }>(`SELECT id, reference FROM ${quote(scratchSchema)}.complaint_list WHERE id = ANY($1::text[])`, [ids]);
    for (const { id, reference } of rows) if (reference) references.set(id, reference);
  }
  const differences = found.map(({ difference, live, rebuilt, message }) => {
    const reference = difference.complaintId === undefined ? undefined : references.get(difference.complaintId);
    const d = { ...difference, ...(reference ? { reference } : {}) };
    return { ...d, message: message ?? describe(d, live, rebuilt) };
  });
  return { differences, counts, truncated };
}
