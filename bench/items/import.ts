/**
 * Item 8: importing history (`npm run import` itself, in its own process: stream the CSV, turn each row
 * into its case history through the decider, seal the personal data, append in batches), against a
 * raw multi-row insert of the same events into a plain table of the same store, in the same run. Rows
 * are the NYC 311 sample replicated under new case ids; the import process's peak memory is sampled.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import type { Storage } from '../../src/event-store/create-event-store.js';
import { BENCH_MASTER_KEY } from '../support/config.js';
import { DATABASE_URL } from '../support/databases.js';
import { log, now, timed } from '../support/stats.js';

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
  /** Peak resident memory of the import process (VmHWM), MB. */
  peakRssMb: number;
  /** Absent in results from before the import ran as its own process: then the bench process's RSS when the import began. */
  rssBeforeMb?: number;
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

/** Node's flags in `npm run import` (the heap limit that bounds its memory): the bench runs the import as users do. */
function importNodeFlags(): string[] {
  const pkg = JSON.parse(readFileSync(repo('package.json'), 'utf8')) as { scripts: Record<string, string> };
  const flags = /node ((?:--\S+ )*)dist\/scripts\/import\.js/.exec(pkg.scripts.import ?? '');
  if (!flags) throw new Error('package.json: the import script no longer runs node … dist/scripts/import.js');
  return flags[1]!.trim().split(' ').filter(Boolean);
}

/**
 * `npm run import` in a process of its own, on `rows` NYC rows, into `store` (the schema on the
 * server, or the PGlite folder, which the bench opens only after the import has exited): its wall
 * time, and its peak resident memory sampled from /proc (VmHWM: the kernel's high-water mark).
 */
async function runImportCli(rows: number, store: { kind: 'postgres'; schema: string } | { kind: 'pglite'; dir: string }): Promise<{ seconds: number; peakRssMb: number; imported: number }> {
  const { file, cleanup } = await sourceFile(rows);
  try {
    const env = {
      ...process.env,
      CATALOG_FILE: repo('mappings/nyc311-catalog.json'),
      MASTER_KEY: BENCH_MASTER_KEY.toString('hex'),
      ...(store.kind === 'postgres' ? { EVENT_STORE: 'postgres', DATABASE_URL, DATABASE_SCHEMA: store.schema } : { EVENT_STORE: 'pglite', DATA_DIR: store.dir }),
    };
    const started = now();
    const child = spawn(process.execPath, [...importNodeFlags(), repo('dist/scripts/import.js'), '--file', file, '--mapping', repo('mappings/nyc311.json'), '--reject-file', join(dirname(file), 'rejects.csv'), '--quiet'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (out += chunk.toString()));
    let peakKb = 0;
    const sample = () => {
      try {
        const hwm = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'));
        if (hwm) peakKb = Math.max(peakKb, Number(hwm[1]));
      } catch {
        // exited between two samples: the last one stands
      }
    };
    const sampler = setInterval(sample, 50);
    const code = await new Promise<number | null>((resolve) => child.on('exit', (c) => (sample(), resolve(c))));
    clearInterval(sampler);
    const seconds = (now() - started) / 1000;
    const imported = /(\d+) imported/.exec(out);
    if (code !== 0 || !imported) throw new Error(`npm run import exited with ${code}: ${out.slice(-2000)}`);
    return { seconds, peakRssMb: (peakKb * 1024) / 2 ** 20, imported: Number(imported[1]) };
  } finally {
    await cleanup();
  }
}

/** `open` opens the store the import writes to; it is created (and closed) before the import, so the import's time holds no first start of the database. */
export async function measureImport(target: { kind: 'postgres'; schema: string } | { kind: 'pglite'; dir: string }, open: () => Promise<Storage>, rows: number): Promise<ImportResult> {
  await (await open()).store.close();
  const { seconds, peakRssMb, imported } = await runImportCli(rows, target);
  const storage = await open();
  const s = `"${storage.schema}"`;
  const [{ count }] = (await storage.sql.query<{ count: string }>(`SELECT count(*) FROM ${s}.events`)) as [{ count: string }];
  const events = Number(count);
  const rawSeconds = await rawInsert(storage, events);
  const result: ImportResult = {
    store: target.kind,
    rows: imported,
    events,
    seconds,
    rowsPerSecond: imported / seconds,
    eventsPerSecond: events / seconds,
    rawEventsPerSecond: events / rawSeconds,
    ratio: events / seconds / (events / rawSeconds),
    peakRssMb,
  };
  log(`import (${target.kind}): ${imported} rows, ${events} events in ${seconds.toFixed(1)} s = ${result.rowsPerSecond.toFixed(0)} rows/s; raw ${result.rawEventsPerSecond.toFixed(0)} events/s; ratio ${result.ratio.toFixed(2)}; peak RSS of the import ${peakRssMb.toFixed(0)} MB`);
  return result;
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
