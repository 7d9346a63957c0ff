import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { AccessLog, type AccessRecord } from '../../src/audit/access-log.js';
import { PgClient, type SqlClient } from '../../src/sql/index.js';
import { scratchPglite } from '../support/pglite.js';
import { dropSchema, TEST_DATABASE_URL, uniqueSchemaName } from '../support/postgres.js';

const auditor = { id: 'u-auditor', name: 'Auditor', roles: ['auditor' as const] };
const entry = (complaintId: string, extra: Partial<AccessRecord> = {}): AccessRecord => ({
  actor: auditor,
  action: 'time-travel',
  complaintId,
  personalData: false,
  detail: { route: `/complaints/${complaintId}/at` },
  ...extra,
});

describe.each(['the PostgreSQL server', 'PGlite'])('the access log on %s', (store) => {
  const schema = uniqueSchemaName();
  const s = `"${schema}"`;
  let sql: SqlClient;
  let close: () => Promise<void>;
  let log: AccessLog;
  let inserts = 0;

  beforeAll(async () => {
    if (store === 'PGlite') ({ sql, cleanup: close } = await scratchPglite());
    else {
      sql = new PgClient(TEST_DATABASE_URL);
      close = () => sql.close();
    }
    await sql.query(`CREATE SCHEMA ${s}`);
    log = await AccessLog.open(sql, s);
    const query = sql.query.bind(sql);
    sql.query = ((...args: Parameters<typeof sql.query>) => {
      if (String(args[0]).includes('append_access_log(')) inserts++;
      return query(...args);
    }) as typeof sql.query;
  });
  afterAll(async () => {
    await close();
    if (store !== 'PGlite') await dropSchema(schema);
  });

  const stored = async (prefix: string) =>
    (await log.list({ limit: 1000 })).items.filter((e) => e.complaintId?.startsWith(prefix)).reverse();

  it('writes a list’s entries in one statement, in order, with the reason in the detail', async () => {
    inserts = 0;
    await log.recordAll([
      entry('list-a', { action: 'break-glass-read', personalData: true, reason: 'complaint about the handler', correlationId: 'c-1' }),
      entry('list-b', { action: 'break-glass-read', personalData: true, reason: 'complaint about the handler', correlationId: 'c-1' }),
      entry('list-c', { action: 'break-glass-read', personalData: true, reason: 'complaint about the handler', correlationId: 'c-1' }),
    ]);
    expect(inserts).toBe(1);
    const entries = await stored('list-');
    expect(entries.map((e) => [e.complaintId, e.action, e.detail.reason, e.correlationId])).toEqual([
      ['list-a', 'break-glass-read', 'complaint about the handler', 'c-1'],
      ['list-b', 'break-glass-read', 'complaint about the handler', 'c-1'],
      ['list-c', 'break-glass-read', 'complaint about the handler', 'c-1'],
    ]);
    await log.recordAll([]);
    await log.record(entry('list-d'));
    expect(inserts).toBe(2);
    expect((await stored('list-d'))[0]).toMatchObject({ actorId: 'u-auditor', actorName: 'Auditor', actorRoles: ['auditor'], action: 'time-travel', personalData: false, detail: { route: '/complaints/list-d/at' }, correlationId: null });
  });

  it('keeps text as given: quotes, backslashes, braces, commas and no name', async () => {
    const odd = { id: 'u-"odd", \\{x}', name: '', roles: ['complaints-office' as const, 'auditor' as const] };
    await log.record(entry('odd-1', { actor: odd, detail: { route: '/a,b', note: '"{}\\' } }));
    const [stored1] = await stored('odd-');
    expect(stored1).toMatchObject({ actorId: 'u-"odd", \\{x}', actorName: null, actorRoles: ['complaints-office', 'auditor'], detail: { route: '/a,b', note: '"{}\\' } });
  });
});
