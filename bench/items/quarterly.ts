/**
 * Item 5: the quarterly report over a million complaints. The report reads only the quarterly
 * summaries (a row per quarter and filter combination), which the handling-periods projection keeps.
 * They are made by the projection's own `apply`, fed the generated events of `generated` complaints in
 * business-time order in batches of 2 000 (as a rebuild feeds it, without storing the events), then
 * added up `replicas` times with the projection's own `addSummaries`: the summaries of a million
 * complaints made of `replicas` copies of the generated ones.
 */
import { DEFAULT_CATALOG } from '../../domain/catalog.js';
import { addSummaries, emptySummary, type QuarterSummary } from '../../projections/quarterly.js';
import { systemClock } from '../../src/config/index.js';
import type { Storage } from '../../src/event-store/index.js';
import { readModelsFor } from '../../src/projections/index.js';
import { readModelDatabase } from '../../src/read-models/index.js';
import { QUARTERLY_TABLE } from '../../src/reports/handling-periods.read-model.js';
import { GetQuarterlyReport, GetQuarterlyReportHandler } from '../../src/reports/quarterly.queries.js';
import { Reporting } from '../../src/reports/reporting.js';
import { benchConfig, workloadOf } from '../support/config.js';
import { asStoredEvents, interleaved } from '../support/load.js';
import { startServer } from '../support/server.js';
import { latencies, log, now, type Latencies } from '../support/stats.js';

export interface QuarterlyResult {
  complaints: number;
  generated: number;
  replicas: number;
  summaryRows: number;
  fillSeconds: number;
  http: Latencies;
  inProcess: Latencies;
}

const QUARTER = '2025-Q4';
const QUERIES = [
  `quarter=${QUARTER}`,
  `quarter=${QUARTER}&department=inspection`,
  `quarter=${QUARTER}&category=defective-facility`,
  `quarter=${QUARTER}&channel=web`,
  `quarter=${QUARTER}&department=customer-support&channel=call-centre`,
];

export async function measureQuarterly(storage: Storage, generated: number, replicas: number, requests: number): Promise<QuarterlyResult> {
  const s = `"${storage.schema}"`;
  const projection = readModelsFor(benchConfig({ kind: 'postgres', url: 'unused', schema: storage.schema })).find((p) => p.name === 'handling-periods');
  if (!projection) throw new Error('the registry has no handling-periods projection');
  const started = now();
  await projection.migrate(storage.sql, s);
  let sequence = 0;
  for await (const batch of interleaved(workloadOf(4, generated, 'q'), undefined, 2_000)) {
    const events = asStoredEvents(batch.events, sequence);
    sequence += events.length;
    await storage.sql.transaction((tx) => projection.apply(tx, s, events));
    if (sequence % 200_000 < 2_000) log(`quarterly: applied ${sequence} events`);
  }
  const rows = await storage.sql.query<{ quarter: string; filter_by: string; filter_values: string; summary: QuarterSummary | string }>(`SELECT * FROM ${s}.${QUARTERLY_TABLE}`);
  const scaled = rows.map((row) => {
    const one = typeof row.summary === 'string' ? (JSON.parse(row.summary) as QuarterSummary) : row.summary;
    let summary = emptySummary();
    for (let i = 0; i < replicas; i++) summary = addSummaries(summary, one);
    return { quarter: row.quarter, filter_by: row.filter_by, filter_values: row.filter_values, summary };
  });
  await storage.sql.query(
    `UPDATE ${s}.${QUARTERLY_TABLE} t SET summary = r.summary
     FROM jsonb_to_recordset($1::jsonb) AS r(quarter text, filter_by text, filter_values text, summary jsonb)
     WHERE (t.filter_by, t.filter_values, t.quarter) = (r.filter_by, r.filter_values, r.quarter)`,
    [JSON.stringify(scaled)],
  );
  await storage.sql.query(`ANALYZE ${s}.${QUARTERLY_TABLE}`);
  const fillSeconds = (now() - started) / 1000;
  log(`quarterly: ${sequence} events of ${generated} complaints applied, ×${replicas}: ${rows.length} summary rows, in ${fillSeconds.toFixed(0)} s`);

  const config = benchConfig({ kind: 'postgres', url: 'unused', schema: storage.schema });
  const handler = new GetQuarterlyReportHandler(new Reporting(readModelDatabase(storage.sql, storage.schema), config, systemClock));
  const asks = QUERIES.map((q) => GetQuarterlyReport.from(Object.fromEntries(new URLSearchParams(q)), DEFAULT_CATALOG));
  const server = await startServer({ schema: storage.schema }, { sealIntervalMs: 0, sockets: 1 });
  try {
    const token = await server.token({ id: 'bench-manager', roles: ['manager'] });
    const sample = async (fn: (i: number) => Promise<void>): Promise<Latencies> => {
      for (let i = 0; i < Math.min(200, requests / 5); i++) await fn(i);
      const samples: number[] = [];
      for (let i = 0; i < requests; i++) {
        const t = now();
        await fn(i);
        samples.push(now() - t);
      }
      return latencies(samples);
    };
    const http = await sample(async (i) => {
      const response = await server.call('GET', `/reports/quarterly?${QUERIES[i % QUERIES.length]}`, token);
      if (response.status !== 200) throw new Error(`the quarterly report answered ${response.status}: ${response.body.slice(0, 300)}`);
    });
    const inProcess = await sample(async (i) => {
      await handler.execute(asks[i % asks.length]!);
    });
    log(`quarterly: HTTP p50 ${http.p50.toFixed(2)} ms, p99 ${http.p99.toFixed(2)} ms; in-process p99 ${inProcess.p99.toFixed(2)} ms`);
    return { complaints: generated * replicas, generated, replicas, summaryRows: rows.length, fillSeconds, http, inProcess };
  } finally {
    await server.stop();
  }
}
