import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { parse } from 'csv-parse/sync';
import { randomUUID } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { foldPeriods, slaAt } from '../../projections/sla.js';
import { complainantKeyOf, complaintStreamId, currentVersion, toDomainEvent } from '../../src/complaint-stream/index.js';
import { openStorage } from '../../src/event-store/index.js';
import { openCodec } from '../../src/personal-data/index.js';
import { loadConfig, slaRulesOf } from '../../src/config/index.js';
import { runImport } from '../support/import-cli.js';
import type { EventStore } from '../../src/event-store/event-store.js';
import { TEST_MASTER_KEY } from '../support/api.js';
import { connectAdmin, dropSchema, openTestStore, TEST_DATABASE_URL, uniqueSchemaName } from '../support/postgres.js';

// A copy of ../shared/data/nyc311-sample-999.csv, so the test runs wherever the repository is cloned.
const SAMPLE = resolve('test/import/sample/nyc311-sample-999.csv');
const MAPPING = resolve('mappings/nyc311.json');
const CATALOG = resolve('mappings/nyc311-catalog.json');

/** The sample's facts, computed here from the CSV alone, not by the importer's code. */
type Row = Record<string, string>;
const sourceRows = async (): Promise<Row[]> => parse(await readFile(SAMPLE), { columns: true, bom: true }) as Row[];
const ADDRESS_COLUMNS = ['Incident Address', 'Intersection Street 1', 'Intersection Street 2', 'City', 'Incident Zip'];
const hasAddress = (row: Row): boolean => ADDRESS_COLUMNS.some((c) => (row[c] ?? '').trim() !== '');

/** Closed rows whose resolution says the customer withdrew: received, assigned, withdrawn (3 events, not 6). */
const withdrawals = (rows: Row[]): number => rows.filter((r) => /withdrawn per the customer's request/.test(r['Resolution Description'] ?? '')).length;

/** "03/01/2011 02:27:57 PM" → "2011-03-01 14:27:57", New York wall-clock time that sorts as text. */
function wallClock(value: string): string {
  const match = /^(\d\d)\/(\d\d)\/(\d{4}) (\d\d):(\d\d):(\d\d) (AM|PM)$/.exec(value);
  if (!match) throw new Error(`not a sample date: ${value}`);
  const [, mm, dd, yyyy, hh, mi, ss, half] = match;
  const hour = (Number(hh) % 12) + (half === 'PM' ? 12 : 0);
  return `${yyyy}-${mm}-${dd} ${String(hour).padStart(2, '0')}:${mi}:${ss}`;
}

/** A stored instant as New York wall-clock time, through the platform's own time-zone data. */
function newYorkWallClock(instant: string): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', { timeZone: 'America/New_York', hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' })
      .formatToParts(new Date(instant))
      .map((p) => [p.type, p.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}:${parts.second}`;
}

/** Every event in the schema, counted in SQL: readAll would wait for other tests' open transactions on the server. */
async function eventCount(schema: string): Promise<number> {
  const admin = await connectAdmin();
  try {
    const { rows } = await admin.query<{ count: string }>(`SELECT count(*) FROM "${schema}".events`);
    return Number(rows[0]!.count);
  } finally {
    await admin.end();
  }
}

let dir: string;
let schema: string;
let env: NodeJS.ProcessEnv;
let store: EventStore;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'import-'));
  schema = uniqueSchemaName();
  env = { EVENT_STORE: 'postgres', DATABASE_URL: TEST_DATABASE_URL, DATABASE_SCHEMA: schema, CATALOG_FILE: CATALOG, DATA_DIR: dir, MASTER_KEY: TEST_MASTER_KEY.toString('hex') };
  store = await openTestStore(schema);
});
afterAll(async () => {
  await store.close();
  await dropSchema(schema);
  await rm(dir, { recursive: true, force: true });
});

describe('importing the NYC 311 sample', () => {
  it('imports every row (those without an address with the placeholder), closes cases at their original times, and judges them by the source’s due dates', async () => {
    const rows = await sourceRows();
    const valid = rows;
    const closed = valid.filter((r) => r.Status === 'Closed');
    const withDue = closed.filter((r) => r['Due Date'] !== '');
    const onTime = withDue.filter((r) => wallClock(r['Closed Date']!) <= wallClock(r['Due Date']!));
    expect(rows).toHaveLength(999);
    expect(rows.filter((r) => !hasAddress(r))).toHaveLength(13);

    const rejectFile = join(dir, 'rejects.csv');
    const first = await runImport(['--file', SAMPLE, '--mapping', MAPPING, '--reject-file', rejectFile], env);
    expect(first).toMatchObject({ code: 0, stderr: '' });
    expect(first.stdout).toContain(`999 rows from ${SAMPLE}: 999 imported, 0 already present, 0 rejected`);
    expect(first.stdout).toContain(`cases: ${closed.length} closed, ${valid.length - closed.length} open`);
    expect(first.stdout).toContain(`closed by the source's due date: ${onTime.length} of ${withDue.length} closed cases`);

    expect(parse(await readFile(rejectFile), { columns: true })).toEqual([]);

    // The store: one stream per valid row, its events at the row's own times.
    expect(await eventCount(schema)).toBeGreaterThan(0);
    let closedInStore = 0;
    let onTimeInStore = 0;
    let breachedWithDue = 0;
    const rules = slaRulesOf(loadConfig({ CATALOG_FILE: CATALOG }));
    const streams = [];
    for (const row of valid) streams.push(await store.readStream(complaintStreamId(`nyc311-${row['Unique Key']}`)));
    for (const [i, row] of valid.entries()) {
      const stream = streams[i]!;
      const [receipt] = stream;
      expect(receipt).toMatchObject({ type: 'ComplaintReceived', schemaVersion: currentVersion('ComplaintReceived'), metadata: { actorId: 'import:nyc311-sample-999.csv', actorRole: 'import' } });
      expect(newYorkWallClock(receipt!.data.receivedAt as string)).toBe(wallClock(row['Created Date']!));
      if (!hasAddress(row)) expect(receipt!.data.identityKeys).toEqual([]);
      const end = stream.find((e) => e.type === 'ComplaintClosed' || e.type === 'ComplaintWithdrawn');
      expect(end !== undefined).toBe(row.Status === 'Closed');
      if (!end) continue;
      closedInStore++;
      const closedAt = newYorkWallClock(end.metadata.occurredAt);
      expect(closedAt).toBe(wallClock(row['Closed Date']!));
      if (row['Due Date'] !== '' && closedAt <= wallClock(row['Due Date']!)) onTimeInStore++;
      // The SLA read model's fold judges the case by the source's due date, not the catalog's deadline.
      const [period] = foldPeriods(stream.map(toDomainEvent), rules);
      if (row['Due Date'] !== '' && slaAt(period!, '2026-01-01T00:00:00Z', { calendar: rules.calendar, atRiskShare: 0.8 }).status === 'breached') breachedWithDue++;
    }
    expect(closedInStore).toBe(closed.length);
    expect(onTimeInStore).toBe(onTime.length);
    // Withdrawn cases stop no clock by communicating a decision: they end at their withdrawal, like the others.
    expect(breachedWithDue).toBe(withDue.length - onTime.length);

    const stored = await eventCount(schema);
    expect(stored).toBe(valid.length * 2 + closed.length * 4 - withdrawals(closed) * 3);

    // A second run writes nothing.
    const second = await runImport(['--file', SAMPLE, '--mapping', MAPPING, '--reject-file', join(dir, 'rejects-2.csv'), '--concurrency', '3'], env);
    expect(second.code).toBe(0);
    expect(second.stdout).toContain(`999 rows from ${SAMPLE}: 0 imported, ${valid.length} already present, 0 rejected`);
    expect(await eventCount(schema)).toBe(stored);
  }, 120_000);
});

describe('importing a messy file', () => {
  it('imports the good rows and rejects each bad one with its row number and reason, the original cells kept', async () => {
    const header = ['Unique Key', 'Created Date', 'Closed Date', 'Due Date', 'Agency', 'Complaint Type', 'Descriptor', 'Incident Address', 'Intersection Street 1', 'Intersection Street 2', 'City', 'Incident Zip', 'Status', 'Resolution Description', 'Open Data Channel Type'];
    const good = ['m-1', '06/01/2011 09:00:00 AM', '06/02/2011 10:00:00 AM', '06/09/2011 09:00:00 AM', 'NYPD', 'Noise - Residential', 'Loud Music/Party', '1 MAIN STREET', '', '', 'BROOKLYN', '11201', 'Closed', 'The Police Department responded to the complaint and took action to fix the condition.', 'ONLINE'];
    const variant = (changes: Record<string, string>): string[] => header.map((h, i) => changes[h] ?? good[i]!);
    const existing = 'm-9';
    const lines = [
      header,
      good,
      variant({ 'Unique Key': 'm-2', 'Created Date': '31/06/2011 09:00:00 AM' }),
      variant({ 'Unique Key': 'm-3', 'Closed Date': '05/31/2011 09:00:00 AM' }),
      variant({ 'Unique Key': 'm-4', 'Open Data Channel Type': 'ONLINE', Status: 'Lost' }),
      variant({ 'Unique Key': '' }),
      variant({ Descriptor: 'the same case again' }),
      ['m-7', '06/01/2011 09:00:00 AM', 'too few cells'],
      variant({ 'Unique Key': 'm-8', Status: 'Pending', 'Closed Date': '' }),
      variant({ 'Unique Key': existing }),
    ];
    const file = join(dir, 'messy.csv');
    const csvOf = (rows: string[][]): string => `${rows.map((cells) => cells.map((c) => (/[",\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(',')).join('\n')}\n`;
    await writeFile(file, csvOf(lines));
    // A complaint with the same id that did not come from an import (the service wrote it).
    const messyEnv = { ...env, DATABASE_SCHEMA: uniqueSchemaName() };
    const other = await openTestStore(messyEnv.DATABASE_SCHEMA);
    try {
      const metadata = { actorId: 'u-1', actorRole: 'intake', occurredAt: '2011-06-01T09:00:00-04:00', commandId: randomUUID(), correlationId: randomUUID(), causationId: randomUUID() };
      await other.append(complaintStreamId(`nyc311-${existing}`), [{ type: 'ComplaintReceived', schemaVersion: 1, data: { complaintId: `nyc311-${existing}` }, metadata }], { expectedRevision: 'no-stream' });

      const rejectFile = join(dir, 'messy-rejects.csv');
      const result = await runImport(['--file', file, '--mapping', MAPPING, '--reject-file', rejectFile], messyEnv);
      expect(result.code).toBe(0);
      expect(result.stdout).toContain('9 rows from');
      expect(result.stdout).toContain('2 imported, 0 already present, 7 rejected');
      expect(result.stdout).toContain('cases: 1 closed, 1 open');

      const rejects = parse(await readFile(rejectFile), { columns: true, relax_column_count: true }) as Row[];
      expect(rejects.map((r) => [r.row, r.line, r.reason])).toEqual([
        ['2', '3', 'unparseable-date'],
        ['3', '4', 'closed-before-received'],
        ['4', '5', 'unknown-value'],
        ['5', '6', 'missing-field'],
        ['6', '7', 'duplicate-case'],
        ['7', '8', 'malformed-row'],
        ['9', '10', 'already-exists'],
      ]);
      expect(rejects[4]).toMatchObject({ detail: 'Unique Key m-1 was already on row 1', Descriptor: 'the same case again' });
      expect(rejects[2]).toMatchObject({ 'Unique Key': 'm-4', Status: 'Lost', 'Incident Address': '1 MAIN STREET', detail: 'Status "Lost" is not in the mapping' });
      expect(rejects[5]).toMatchObject({ detail: '3 cells where the header has 15', 'Unique Key': 'm-7' });

      expect((await other.readStream(complaintStreamId('nyc311-m-1'))).map((e) => e.type)).toEqual([
        'ComplaintReceived', 'ComplaintAssigned', 'FindingsRecorded', 'DecisionMade', 'DecisionCommunicated', 'ComplaintClosed',
      ]);
      expect(await other.readStream(complaintStreamId(`nyc311-${existing}`))).toHaveLength(1);

      // The export again, later: m-8, open then, is closed now. The store keeps what the first import wrote, and the run says so.
      const later = join(dir, 'messy-later.csv');
      await writeFile(later, csvOf([header, good, variant({ 'Unique Key': 'm-8' })]));
      const laterRejects = join(dir, 'messy-later-rejects.csv');
      const rerun = await runImport(['--file', later, '--mapping', MAPPING, '--reject-file', laterRejects], messyEnv);
      expect(rerun.code).toBe(0);
      expect(rerun.stdout).toContain('0 imported, 1 already present, 1 rejected');
      expect(rerun.stdout).toContain('cases: 1 closed, 0 open');
      expect(parse(await readFile(laterRejects), { columns: true }) as Row[]).toMatchObject([
        { row: '2', reason: 'changed-since-import', 'Unique Key': 'm-8', detail: expect.stringMatching(/^the row makes 6 events of nyc311-m-8, an earlier import stored 2: an import never changes a stored case/) },
      ]);
      expect(await other.readStream(complaintStreamId('nyc311-m-8'))).toHaveLength(2);

      // m-1's closed date corrected since, its number of events the same: seen too, not counted as present.
      const corrected = join(dir, 'messy-corrected.csv');
      await writeFile(corrected, csvOf([header, variant({ 'Closed Date': '06/03/2011 10:00:00 AM' })]));
      const correctedRejects = join(dir, 'messy-corrected-rejects.csv');
      const third = await runImport(['--file', corrected, '--mapping', MAPPING, '--reject-file', correctedRejects], messyEnv);
      expect(third.code).toBe(0);
      expect(third.stdout).toContain('0 imported, 0 already present, 1 rejected');
      expect(parse(await readFile(correctedRejects), { columns: true }) as Row[]).toMatchObject([
        { row: '1', reason: 'changed-since-import', 'Unique Key': 'm-1', detail: expect.stringMatching(/^the row gives event \d+ \(\w+\) of nyc311-m-1 otherwise than an earlier import stored it: an import never changes a stored case/) },
      ]);
      expect((await other.readStream(complaintStreamId('nyc311-m-1'))).at(-1)!.metadata.occurredAt).toMatch(/^2011-06-02T10:00:00/);

      // m-1's complainant erased since: the row as first imported is present still, not changed.
      const storage = await openStorage({ kind: 'postgres', url: TEST_DATABASE_URL, schema: messyEnv.DATABASE_SCHEMA });
      try {
        const { vault } = await openCodec(storage, TEST_MASTER_KEY);
        expect(await vault.erase(complainantKeyOf(await other.readStream(complaintStreamId('nyc311-m-1')))!)).toBeGreaterThan(0);
      } finally {
        await storage.store.close();
      }
      const unchanged = join(dir, 'messy-after-erasure.csv');
      await writeFile(unchanged, csvOf([header, good]));
      const afterErasure = await runImport(['--file', unchanged, '--mapping', MAPPING, '--reject-file', join(dir, 'messy-after-erasure-rejects.csv')], messyEnv);
      expect(afterErasure.stdout).toContain('0 imported, 1 already present, 0 rejected');
    } finally {
      await other.close();
      await dropSchema(messyEnv.DATABASE_SCHEMA);
    }
  });
});

describe('npm run import refuses to start', () => {
  it('when the service’s catalog lacks the mapping’s codes (exit 2, nothing imported, CATALOG_FILE named)', async () => {
    const result = await runImport(['--file', SAMPLE, '--mapping', MAPPING], { ...env, CATALOG_FILE: undefined });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/mappings\/nyc311.json: \$.values.categories\["Noise - Residential"\]: "noise" is not in the catalog's categories/);
    expect(result.stderr).toContain('set CATALOG_FILE');
  });

  it('when the file lacks a column the mapping reads, or an argument is missing (exit 2)', async () => {
    const file = join(dir, 'narrow.csv');
    await writeFile(file, 'Unique Key,Created Date\n1,06/01/2011 09:00:00 AM\n');
    const narrow = await runImport(['--file', file, '--mapping', MAPPING], env);
    expect(narrow.code).toBe(2);
    // Each column missing is named with where the mapping reads it.
    expect(narrow.stderr).toMatch(/has no column "Closed Date" \(.*nyc311\.json: \$\.columns\.closedAt\), "Due Date" \(.*nyc311\.json: \$\.columns\.dueAt\), .*which the mapping reads/);
    // A file separated by semicolons (a European spreadsheet's "CSV") is said to be one.
    const semicolons = join(dir, 'semicolons.csv');
    await writeFile(semicolons, 'Unique Key;Created Date;Closed Date\n1;06/01/2011 09:00:00 AM;\n');
    expect((await runImport(['--file', semicolons, '--mapping', MAPPING], env)).stderr).toMatch(/which the mapping reads; its header is one cell holding semicolons: save the file separated by commas/);
    const missing = await runImport(['--mapping', MAPPING], env);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('--file <csv> is required');
    const absent = await runImport(['--file', join(dir, 'absent.csv'), '--mapping', MAPPING], env);
    expect(absent.code).toBe(2);
    expect(absent.stderr).toMatch(/cannot read .*absent.csv: ENOENT/);
  });
});
