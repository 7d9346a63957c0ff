/**
 * Item 6: append latency with few and with many events stored. One event appended to an existing
 * case (a stream chosen at random, uniformly over the store, with its current revision expected),
 * through the store's `append`, one at a time; rounds alternate between the two stores.
 */
import { randomUUID } from 'node:crypto';
import { v7 as uuidv7 } from 'uuid';
import type { Storage } from '../../src/event-store/create-event-store.js';
import type { NewEvent } from '../../src/event-store/event-store.js';
import { latencies, log, now, type Latencies } from '../support/stats.js';

export interface AppendSide {
  storedEvents: number;
  latency: Latencies;
  /** WAL the server wrote during this side's rounds, per append (the whole server's: autovacuum counts too). */
  walBytesPerAppend: number;
}

export interface AppendLatencyResult {
  small: AppendSide;
  large: AppendSide;
  /** large over small, at the median and the mean. */
  ratioP50: number;
  ratioMean: number;
  /** The large store's tables and indexes, bytes on disk. */
  largeRelations: { name: string; bytes: number }[];
}

/** An event as the command handler would append it: its command id time-ordered, as the service makes them. */
function interimNotice(): NewEvent {
  const commandId = uuidv7();
  return {
    type: 'InterimNoticeSent',
    schemaVersion: 1,
    data: { progress: '현장 확인 중입니다', delayReason: '관계 부서 자료 확인이 필요합니다' },
    metadata: { actorId: 'inspection-emp-3', actorRole: 'handler', occurredAt: new Date().toISOString(), commandId, correlationId: randomUUID(), causationId: commandId },
  };
}

async function randomStreams(storage: Storage, n: number): Promise<{ stream_id: string; revision: number }[]> {
  const rows = await storage.sql.query<{ stream_id: string; revision: string | number }>(
    `SELECT stream_id, revision FROM "${storage.schema}".streams ORDER BY random() LIMIT $1`,
    [n],
  );
  return rows.map((r) => ({ stream_id: r.stream_id, revision: Number(r.revision) }));
}

const walPosition = async (storage: Storage): Promise<string> =>
  (await storage.sql.query<{ lsn: string }>(`SELECT pg_current_wal_insert_lsn()::text AS lsn`))[0]!.lsn;

async function appendRound(storage: Storage, n: number): Promise<{ samples: number[]; walBytes: number }> {
  const streams = await randomStreams(storage, n);
  const samples: number[] = [];
  const walBefore = await walPosition(storage);
  for (const { stream_id, revision } of streams) {
    const t = now();
    await storage.store.append(stream_id, [interimNotice()], { expectedRevision: revision });
    samples.push(now() - t);
  }
  const [wal] = await storage.sql.query<{ bytes: string }>(`SELECT pg_wal_lsn_diff(pg_current_wal_insert_lsn(), $1::pg_lsn) AS bytes`, [walBefore]);
  return { samples, walBytes: Number(wal!.bytes) };
}

export async function measureAppendLatency(small: Storage, smallEvents: number, large: Storage, largeEvents: number, appends: number): Promise<AppendLatencyResult> {
  const rounds = 4;
  const per = Math.ceil(appends / rounds);
  await appendRound(small, 50);
  await appendRound(large, 50);
  const a: number[] = [];
  const b: number[] = [];
  let walA = 0;
  let walB = 0;
  for (let round = 0; round < rounds; round++) {
    const onSmall = await appendRound(small, per);
    const onLarge = await appendRound(large, per);
    a.push(...onSmall.samples);
    b.push(...onLarge.samples);
    walA += onSmall.walBytes;
    walB += onLarge.walBytes;
  }
  const result = {
    small: { storedEvents: smallEvents, latency: latencies(a), walBytesPerAppend: walA / a.length },
    large: { storedEvents: largeEvents, latency: latencies(b), walBytesPerAppend: walB / b.length },
    ratioP50: 0,
    ratioMean: 0,
    largeRelations: await relationSizes(large),
  };
  result.ratioP50 = result.large.latency.p50 / result.small.latency.p50;
  result.ratioMean = result.large.latency.mean / result.small.latency.mean;
  log(`append: p50 ${result.small.latency.p50.toFixed(2)} ms at ${smallEvents} vs ${result.large.latency.p50.toFixed(2)} ms at ${largeEvents}: ${result.ratioP50.toFixed(2)}; WAL per append ${result.small.walBytesPerAppend.toFixed(0)} vs ${result.large.walBytesPerAppend.toFixed(0)} bytes`);
  return result;
}

async function relationSizes(storage: Storage): Promise<{ name: string; bytes: number }[]> {
  const rows = await storage.sql.query<{ name: string; bytes: string }>(
    `SELECT c.relname AS name, pg_relation_size(c.oid) AS bytes FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE n.nspname = $1 AND c.relkind IN ('r', 'i') AND c.relname IN (
       'events', 'streams', 'commands', 'events_pkey', 'events_event_id_key', 'events_stream_revision_unique', 'events_global_order', 'streams_pkey', 'commands_pkey')
     ORDER BY pg_relation_size(c.oid) DESC`,
    [storage.schema],
  );
  return rows.map((r) => ({ name: r.name, bytes: Number(r.bytes) }));
}
