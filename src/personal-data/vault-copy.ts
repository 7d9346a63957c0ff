import type { SqlClient } from '../sql/index.js';
import { createVaultTables, VAULT_TABLES } from './vault.js';

/** Where a vault's tables are: the read-model database of a store (its schema unquoted). */
export interface VaultDatabase {
  sql: SqlClient;
  schema: string;
}

export interface VaultTableCopy {
  table: string;
  /** Rows in the source. */
  source: number;
  /** Of those, the rows the target holds equal. */
  target: number;
}

export interface VaultCopyReport {
  /** False when the source has no vault (a store that never sealed personal data). */
  found: boolean;
  tables: VaultTableCopy[];
  /** Rows the target holds otherwise than the source (the first 20). */
  mismatches: string[];
}

const UTC = (column: string) => `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

/**
 * Copies every vault table (`VAULT_TABLES`) as it is: the data keys stay wrapped under the master
 * key they were wrapped with, so the target opens them with the same master key, and nothing here
 * needs it. Idempotent, and erasure wins: a key erased in either store stays erased in the target (a
 * re-run never brings a destroyed key back). Then reads each page back from the target: `tables`
 * counts the rows found equal, `mismatches` names those that are not. Refuses a source with a vault
 * table it does not know: copying part of the vault would lose the rest.
 */
export async function copyVault(from: VaultDatabase, to: VaultDatabase, { batchSize = 1000 }: { batchSize?: number } = {}): Promise<VaultCopyReport> {
  const present = (
    await from.sql.query<{ table_name: string }>(
      `SELECT table_name FROM information_schema.tables WHERE table_schema = $1 AND table_name LIKE 'personal\\_data\\_%' ORDER BY 1`,
      [from.schema],
    )
  ).map((row) => row.table_name);
  const unknown = present.filter((table) => !(VAULT_TABLES as readonly string[]).includes(table));
  if (unknown.length > 0) throw new Error(`the source's vault has tables this copy does not know (${unknown.join(', ')}): copying the rest alone would lose them`);
  if (present.length === 0) return { found: false, tables: [], mismatches: [] };
  const [source, target] = [`"${from.schema}"`, `"${to.schema}"`];
  await createVaultTables(to.sql, target);
  const mismatches: string[] = [];
  const tables: VaultTableCopy[] = [];

  // Data keys, by key id.
  const keys: VaultTableCopy = { table: 'personal_data_keys', source: 0, target: 0 };
  const selectKeys = (s: string, where: string) =>
    `SELECT key_id, complainant_key, generation, wrapped_key::text AS wrapped_key, ${UTC('created_at')} AS created_at, ${UTC('erased_at')} AS erased_at
     FROM ${s}.personal_data_keys WHERE ${where} ORDER BY key_id`;
  type KeyRow = { key_id: string; complainant_key: string; generation: number; wrapped_key: string | null; created_at: string; erased_at: string | null };
  for (let after = ''; present.includes(keys.table); ) {
    const page = await from.sql.query<KeyRow>(`${selectKeys(source, 'key_id > $1')} LIMIT ${batchSize}`, [after]);
    if (page.length === 0) break;
    after = page[page.length - 1]!.key_id;
    await to.sql.query(
      `INSERT INTO ${target}.personal_data_keys AS k (key_id, complainant_key, generation, wrapped_key, created_at, erased_at)
       SELECT key_id, complainant_key, generation, wrapped_key::jsonb, created_at::timestamptz, erased_at::timestamptz
       FROM json_to_recordset($1::json) AS r (key_id text, complainant_key text, generation integer, wrapped_key text, created_at text, erased_at text)
       ON CONFLICT (key_id) DO UPDATE SET wrapped_key = NULL, erased_at = EXCLUDED.erased_at
       WHERE EXCLUDED.erased_at IS NOT NULL AND k.erased_at IS NULL`,
      [JSON.stringify(page)],
    );
    const copied = new Map((await to.sql.query<KeyRow>(selectKeys(target, 'key_id = ANY($1::text[])'), [page.map((row) => row.key_id)])).map((row) => [row.key_id, row]));
    keys.source += page.length;
    for (const row of page) {
      const there = copied.get(row.key_id);
      if (there && JSON.stringify(there) === JSON.stringify(row)) keys.target++;
      else if (mismatches.length < 20) mismatches.push(`data key ${row.key_id}: ${there ? `the target's differs${there.erased_at && !row.erased_at ? ' (erased there)' : ''}` : 'missing in the target'}`);
    }
  }
  tables.push(keys);

  // Links between a person's complainant keys, by both columns.
  const links: VaultTableCopy = { table: 'personal_data_links', source: 0, target: 0 };
  type LinkRow = { complainant_key: string; identity_key: string };
  for (let after: LinkRow = { complainant_key: '', identity_key: '' }; present.includes(links.table); ) {
    const page = await from.sql.query<LinkRow>(
      `SELECT complainant_key, identity_key FROM ${source}.personal_data_links WHERE (complainant_key, identity_key) > ($1, $2)
       ORDER BY complainant_key, identity_key LIMIT ${batchSize}`,
      [after.complainant_key, after.identity_key],
    );
    if (page.length === 0) break;
    after = page[page.length - 1]!;
    const pairs = JSON.stringify(page);
    await to.sql.query(
      `INSERT INTO ${target}.personal_data_links (complainant_key, identity_key)
       SELECT complainant_key, identity_key FROM json_to_recordset($1::json) AS r (complainant_key text, identity_key text) ON CONFLICT DO NOTHING`,
      [pairs],
    );
    const [found] = await to.sql.query<{ n: number }>(
      `SELECT count(*)::integer AS n FROM ${target}.personal_data_links l
       JOIN json_to_recordset($1::json) AS r (complainant_key text, identity_key text) USING (complainant_key, identity_key)`,
      [pairs],
    );
    links.source += page.length;
    links.target += found!.n;
    if (found!.n !== page.length) mismatches.push(`${page.length - found!.n} links between complainant keys after ${page[0]!.complainant_key} missing in the target`);
  }
  tables.push(links);

  // The check value of the master key (one row): the copied data keys are wrapped under the same key.
  const check: VaultTableCopy = { table: 'personal_data_master_key', source: 0, target: 0 };
  const [recorded] = present.includes(check.table)
    ? await from.sql.query<{ check_value: string; recorded_at: string }>(`SELECT check_value, ${UTC('recorded_at')} AS recorded_at FROM ${source}.personal_data_master_key`)
    : [];
  if (recorded) {
    await to.sql.query(`INSERT INTO ${target}.personal_data_master_key (check_value, recorded_at) VALUES ($1, $2::timestamptz) ON CONFLICT DO NOTHING`, [recorded.check_value, recorded.recorded_at]);
    const [there] = await to.sql.query<{ check_value: string }>(`SELECT check_value FROM ${target}.personal_data_master_key`);
    check.source = 1;
    if (there?.check_value === recorded.check_value) check.target = 1;
    else mismatches.push("the target's master-key check value differs: it was started with another master key than the one the source's data keys are wrapped under");
  }
  tables.push(check);
  return { found: true, tables, mismatches };
}
