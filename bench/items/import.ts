/**
 * Item 8: importing history (`npm run import`'s pipeline: stream the CSV, turn each row into its case
 * history through the decider, seal the personal data, append in batches), against a raw multi-row
 * insert of the same events into a plain table of the same store, in the same run. Rows are the NYC
 * 311 sample replicated under new case ids; the peak resident memory of the process is sampled.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import type { Catalog } from '../../domain/catalog.js';
import type { Storage } from '../../src/event-store/create-event-store.js';
import { openCsv } from '../../src/import/csv-files.js';
import { importCases } from '../../src/import/import-cases.js';
import { parseMapping } from '../../src/import/mapping.js';
import { openCodec } from '../../src/personal-data/index.js';
import { BENCH_MASTER_KEY } from '../support/config.js';
import { log, timed } from '../support/stats.js';

export interface ImportResult {
  store: 'postgres' | 'pglite';
  rows: number;
  events: number;
  seconds: number;
  rowsPerSecond: number;
  eventsPerSecond: number;
  /** The same events, 1,000 rows per INSERT statement, into a plain table. */
  rawEventsPerSecond: number;
  ratio: number;
  /** Peak resident memory of the process during the import, and before it, MB. */
  peakRssMb: number;
  rssBeforeMb: number;
}

const repo = (path: string): string => fileURLToPath(new URL(`../../../${path}`, import.meta.url));

/** The NYC sample's rows, replicated under new case ids to `rows`, written to a temp CSV. */
async function sourceFile(rows: number): Promise<{ file: string; cleanup: () => Promise<void> }> {
  const [header, ...records] = parse(readFileSync(repo('test/import/sample/nyc311-sample-999.csv')), { bom: true }) as string[][];
  const key = header!.indexOf('Unique Key');
  const out: string[][] = [header!];
  for (let i = 0; i < rows; i++) {
    const record = [...records[i % records.length]!];
    record[key] = `${record[key]}-${Math.floor(i / records.length)}`;
    out.push(record);
  }
  const dir = await mkdtemp(join(tmpdir(), 'bench-import-'));
  const file = join(dir, 'rows.csv');
  await writeFile(file, stringify(out));
  return { file, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

export async function measureImport(storage: Storage, rows: number): Promise<ImportResult> {
  const catalog = JSON.parse(readFileSync(repo('mappings/nyc311-catalog.json'), 'utf8')) as Catalog;
  const mapping = parseMapping(JSON.parse(readFileSync(repo('mappings/nyc311.json'), 'utf8')), catalog);
  const { file, cleanup } = await sourceFile(rows);
  const { codec } = await openCodec(storage, BENCH_MASTER_KEY);
  const label = storage.sql.kind;
  try {
    const rssBefore = process.memoryUsage().rss;
    let peak = rssBefore;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 100);
    const source = await openCsv(file);
    const { seconds, result: report } = await timed(() =>
      importCases(source.records, {
        into: { store: storage.store, codec },
        catalog,
        mapping,
        sourceName: 'bench.csv',
        now: new Date().toISOString(),
        correlationId: randomUUID(),
        rejects: { add: async () => undefined },
      }),
    );
    clearInterval(sampler);
    const s = `"${storage.schema}"`;
    const [{ count }] = (await storage.sql.query<{ count: string }>(`SELECT count(*) FROM ${s}.events`)) as [{ count: string }];
    const events = Number(count);
    const rawSeconds = await rawInsert(storage, events);
    const result: ImportResult = {
      store: label,
      rows: report.imported,
      events,
      seconds,
      rowsPerSecond: report.imported / seconds,
      eventsPerSecond: events / seconds,
      rawEventsPerSecond: events / rawSeconds,
      ratio: events / seconds / (events / rawSeconds),
      peakRssMb: peak / 2 ** 20,
      rssBeforeMb: rssBefore / 2 ** 20,
    };
    log(`import (${label}): ${report.imported} rows, ${events} events in ${seconds.toFixed(1)} s = ${result.rowsPerSecond.toFixed(0)} rows/s; raw ${result.rawEventsPerSecond.toFixed(0)} events/s; ratio ${result.ratio.toFixed(2)}; peak RSS ${result.peakRssMb.toFixed(0)} MB (from ${result.rssBeforeMb.toFixed(0)})`);
    return result;
  } finally {
    await cleanup();
  }
}

/** Copies the stored events, 1,000 a statement, into a plain table; the seconds spent inserting (the reads are not counted). */
async function rawInsert(storage: Storage, events: number): Promise<number> {
  const s = `"${storage.schema}"`;
  await storage.sql.query(`CREATE TABLE ${s}.raw_import (stream_id text, revision bigint, type text, data jsonb, metadata jsonb)`);
  let spent = 0;
  let after: [string, string] = ['', '-1'];
  for (let copied = 0; copied < events; ) {
    const chunk = await storage.sql.query<{ stream_id: string; revision: string; type: string; data: unknown; metadata: unknown }>(
      `SELECT stream_id, revision, type, data, metadata FROM ${s}.events WHERE (stream_id, revision) > ($1, $2::bigint) ORDER BY stream_id, revision LIMIT 1000`,
      after,
    );
    if (chunk.length === 0) break;
    copied += chunk.length;
    after = [chunk.at(-1)!.stream_id, String(chunk.at(-1)!.revision)];
    const values = chunk.map((_, i) => `($${i * 5 + 1}, $${i * 5 + 2}, $${i * 5 + 3}, $${i * 5 + 4}::jsonb, $${i * 5 + 5}::jsonb)`).join(', ');
    const params = chunk.flatMap((e) => [e.stream_id, e.revision, e.type, JSON.stringify(e.data), JSON.stringify(e.metadata)]);
    const { seconds } = await timed(() => storage.sql.query(`INSERT INTO ${s}.raw_import VALUES ${values}`, params));
    spent += seconds;
  }
  return spent;
}
