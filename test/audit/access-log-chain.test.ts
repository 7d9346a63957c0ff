import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { AccessLog, type AccessRecord } from '../../src/audit/access-log.js';
import { PgClient, type SqlClient } from '../../src/sql/index.js';
import { scratchPglite } from '../support/pglite.js';
import { dropSchema, TEST_DATABASE_URL, uniqueSchemaName } from '../support/postgres.js';

const auditor = { id: 'u-aud', name: '감사 Kim', roles: ['auditor' as const] };
const read = (complaintId: string, reason = '2026-Q3 audit sample'): AccessRecord => ({
  actor: auditor,
  action: 'break-glass-read',
  complaintId,
  personalData: true,
  reason,
  detail: { route: `GET /complaints/${complaintId}`, note: 'quotes " and \\ and 한글 and emoji 🙂' },
  correlationId: 'corr-1',
});

/** The same SQL runs on both: a chain made by one is checked the same way on the other. */
describe.each(['the PostgreSQL server', 'PGlite'])('the access log’s hash chain on %s', (store) => {
  let sql: SqlClient;
  let close: () => Promise<void>;
  let schemas: string[] = [];
  const openLog = async (): Promise<{ log: AccessLog; s: string }> => {
    const schema = uniqueSchemaName();
    schemas.push(schema);
    const s = `"${schema}"`;
    await sql.query(`CREATE SCHEMA ${s}`);
    return { log: await AccessLog.open(sql, s), s };
  };
  const filled = async (n = 5) => {
    const { log, s } = await openLog();
    for (let i = 1; i <= n; i++) await log.record(read(`case-${i}`));
    const ids = (await sql.query<{ id: string }>(`SELECT id::text AS id FROM ${s}.access_log ORDER BY id`)).map((r) => r.id);
    return { log, s, ids };
  };

  beforeAll(async () => {
    if (store === 'PGlite') ({ sql, cleanup: close } = await scratchPglite());
    else {
      sql = new PgClient(TEST_DATABASE_URL, { max: 6 });
      close = () => sql.close();
    }
  });
  afterAll(async () => {
    await close();
    if (store !== 'PGlite') for (const schema of schemas) await dropSchema(schema);
    schemas = [];
  });

  it('an untouched log verifies, its head naming the newest entry', async () => {
    const { log, ids } = await filled();
    await log.recordAll([read('list-a'), read('list-b')]);
    const report = await log.verify();
    expect(report).toMatchObject({ ok: true, entries: 7, findings: [] });
    expect(report.head?.entry).toBe(String(Number(ids[ids.length - 1]) + 2));
  });

  it('an empty log verifies', async () => {
    const { log } = await openLog();
    expect(await log.verify()).toMatchObject({ ok: true, entries: 0, head: { entry: null } });
  });

  it('a deleted break-glass read is named, by the entry after it', async () => {
    const { log, s, ids } = await filled();
    await sql.query(`DELETE FROM ${s}.access_log WHERE id = $1`, [ids[2]]);
    const report = await log.verify();
    expect(report.ok).toBe(false);
    expect(report.findings).toEqual([expect.objectContaining({ problem: 'entry-deleted', entry: ids[3] })]);
    expect(report.findings[0]!.message).toMatch(new RegExp(`^entry ${ids[3]} \\(\\d{4}-\\d\\d-\\d\\dT[\\d:.]+Z, break-glass-read by u-aud\\) was written after an entry that is no longer there as it was: entries between entry ${ids[1]} .* and it were deleted`));
  });

  it('deleting every break-glass read is detected (the auditor’s DELETE … WHERE action = ‘break-glass-read’)', async () => {
    const { log, s } = await filled();
    await log.record({ ...read('case-x'), action: 'time-travel', reason: undefined, personalData: false });
    await sql.query(`DELETE FROM ${s}.access_log WHERE action = 'break-glass-read'`);
    const report = await log.verify();
    expect(report.ok).toBe(false);
    expect(report.firstMismatch?.problem).toBe('entry-deleted');
  });

  it('deleting the newest entries is detected against the head, and the next append does not hide it', async () => {
    const { log, s, ids } = await filled();
    await sql.query(`DELETE FROM ${s}.access_log WHERE id >= $1`, [ids[3]]);
    expect((await log.verify()).findings).toEqual([expect.objectContaining({ problem: 'newest-deleted' })]);
    expect((await log.verify()).findings[0]!.message).toContain(`its head names entry ${ids[4]}, but the log ends at entry ${ids[2]}`);
    await log.record(read('after'));
    const report = await log.verify();
    expect(report.ok).toBe(false);
    expect(report.findings.map((f) => f.problem)).toEqual(['entry-deleted']);
  });

  it('an altered entry is named: its reason, its time, its actor', async () => {
    for (const change of [`detail = jsonb_set(detail, '{reason}', '"routine"')`, `at = at + interval '1 hour'`, `actor_id = 'someone-else'`, `action = 'time-travel'`]) {
      const { log, s, ids } = await filled(3);
      await sql.query(`UPDATE ${s}.access_log SET ${change} WHERE id = $1`, [ids[1]]);
      const report = await log.verify();
      expect(report.findings).toEqual([expect.objectContaining({ problem: 'entry-altered', entry: ids[1] })]);
      expect(report.findings[0]!.message).toMatch(/was altered after it was written: its content no longer matches its hash$/);
    }
  });

  it('an altered entry whose hash was recomputed breaks the chain at the next entry', async () => {
    const { log, s, ids } = await filled(3);
    await sql.query(
      `UPDATE ${s}.access_log SET detail = '{"reason": "routine"}', hash = ${s}.access_log_hash(previous_hash, id, at, actor_id, actor_name, actor_roles, action, complaint_id, personal_data, '{"reason": "routine"}', correlation_id) WHERE id = $1`,
      [ids[1]],
    );
    const report = await log.verify();
    expect(report.findings).toEqual([expect.objectContaining({ problem: 'entry-deleted', entry: ids[2] })]);
    expect(report.findings[0]!.message).toContain(`entry ${ids[1]}`);
    expect(report.findings[0]!.message).toContain('was rewritten');
  });

  it('an entry inserted by hand is named, with or without a hash', async () => {
    const { log, s, ids } = await filled(3);
    const last = Number(ids[2]);
    // Without a hash, as a plain INSERT writes it.
    await sql.query(
      `INSERT INTO ${s}.access_log (actor_id, actor_roles, action, complaint_id, personal_data, detail) VALUES ('u-fake', '["auditor"]', 'time-travel', 'case-1', false, '{}')`,
    );
    // With a hash made by the log's own rule, chained onto the newest entry, the head left as it was.
    await sql.query(
      `INSERT INTO ${s}.access_log (id, at, actor_id, actor_roles, action, complaint_id, personal_data, detail, previous_hash, hash) OVERRIDING SYSTEM VALUE
       SELECT $2::bigint, e.at, 'u-fake', '["auditor"]', 'export', NULL, false, '{}', e.hash,
              ${s}.access_log_hash(e.hash, $2::bigint, e.at, 'u-fake', NULL, '["auditor"]', 'export', NULL, false, '{}', NULL)
       FROM ${s}.access_log e WHERE e.id = $1`,
      [String(last), String(last + 10)],
    );
    const report = await log.verify();
    expect(report.findings.map((f) => [f.problem, f.entry])).toEqual([
      ['entry-unchained', String(last + 1)],
      ['entry-after-head', String(last + 10)],
    ]);
    expect(report.findings[0]!.message).toMatch(/time-travel by u-fake\) carries no hash: it was written outside the access log's append/);
  });

  it('an entry chained in among the others is named as inserted', async () => {
    const { log, s, ids } = await filled(3);
    // Renumber the last two to leave room, as someone hiding an insertion would (the number is hashed: they no longer match).
    await sql.query(
      `WITH moved AS (DELETE FROM ${s}.access_log WHERE id > $1 RETURNING *)
       INSERT INTO ${s}.access_log OVERRIDING SYSTEM VALUE SELECT id * 100, at, actor_id, actor_name, actor_roles, action, complaint_id, personal_data, detail, correlation_id, previous_hash, hash FROM moved`,
      [ids[0]],
    );
    await sql.query(`UPDATE ${s}.access_log_head SET entry_id = entry_id * 100`);
    const fake = Number(ids[0]) * 100 - 1;
    await sql.query(
      `INSERT INTO ${s}.access_log (id, at, actor_id, actor_roles, action, complaint_id, personal_data, detail, previous_hash, hash) OVERRIDING SYSTEM VALUE
       SELECT $2::bigint, e.at, 'u-fake', '["auditor"]', 'export', NULL, false, '{}', e.hash,
              ${s}.access_log_hash(e.hash, $2::bigint, e.at, 'u-fake', NULL, '["auditor"]', 'export', NULL, false, '{}', NULL)
       FROM ${s}.access_log e WHERE e.id = $1`,
      [ids[0], fake],
    );
    const report = await log.verify();
    // The renumbered entries no longer match their hashes (the number is covered), and the fake one is named as inserted.
    expect(report.findings).toContainEqual(expect.objectContaining({ problem: 'entry-inserted', entry: String(fake) }));
    expect(report.findings.find((f) => f.problem === 'entry-inserted')!.message).toMatch(new RegExp(`^entry ${fake} \\(.*export by u-fake\\) was inserted afterwards: entry ${Number(ids[1]) * 100} .* was written right after entry ${ids[0]} `));
  });

  it('entries written before the chain are chained when the log is opened, and verify', async () => {
    const schema = uniqueSchemaName();
    schemas.push(schema);
    const s = `"${schema}"`;
    await sql.query(`CREATE SCHEMA ${s}`);
    // The table as the version before the chain made it, with its entries.
    await sql.query(`CREATE TABLE ${s}.access_log (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, at timestamptz NOT NULL DEFAULT clock_timestamp(), actor_id text NOT NULL, actor_name text,
      actor_roles jsonb NOT NULL, action text NOT NULL, complaint_id text, personal_data boolean NOT NULL, detail jsonb NOT NULL, correlation_id text)`);
    for (let i = 0; i < 3; i++) {
      await sql.query(`INSERT INTO ${s}.access_log (actor_id, actor_roles, action, complaint_id, personal_data, detail) VALUES ('u-aud', '["auditor"]', 'break-glass-read', $1, true, '{"reason": "old"}')`, [`old-${i}`]);
    }
    const log = await AccessLog.open(sql, s);
    await log.record(read('new'));
    expect(await log.verify()).toMatchObject({ ok: true, entries: 4 });
    // Opened again, nothing is chained anew: a deletion stays visible.
    await sql.query(`DELETE FROM ${s}.access_log WHERE complaint_id = 'old-1'`);
    const again = await AccessLog.open(sql, s);
    expect((await again.verify()).findings.map((f) => f.problem)).toEqual(['entry-deleted']);
  });

  it('writers at the same time on several connections make one chain', async () => {
    const { s } = await openLog();
    const writers = store === 'PGlite' ? [sql] : await Promise.all([1, 2, 3, 4].map(() => new PgClient(TEST_DATABASE_URL, { max: 1 })));
    try {
      const logs = writers.map((w) => new AccessLog(w, s));
      await Promise.all(logs.flatMap((log, w) => Array.from({ length: 10 }, (_, i) => log.recordAll([read(`w${w}-${i}`), read(`w${w}-${i}b`)]))));
      const report = await new AccessLog(sql, s).verify();
      expect(report).toMatchObject({ ok: true, entries: writers.length * 20 });
      // Times follow the numbers: each is taken under the head's lock.
      const rows = await sql.query<{ ordered: boolean }>(`SELECT bool_and(at >= lag_at) IS NOT FALSE AS ordered FROM (SELECT at, lag(at) OVER (ORDER BY id) AS lag_at FROM ${s}.access_log) t`);
      expect(rows[0]!.ordered).toBe(true);
    } finally {
      if (store !== 'PGlite') await Promise.all(writers.map((w) => w.close()));
    }
  });

  it('a deleted head record is named, and no entry is written without it', async () => {
    const { log, s } = await filled(2);
    await sql.query(`DELETE FROM ${s}.access_log_head`);
    expect((await log.verify()).findings.map((f) => f.problem)).toEqual(['head-missing']);
    await expect(log.record(read('after'))).rejects.toThrow(/the access log has no head record/);
  });
});
