/**
 * Item 4: time travel to the middle of a 50-event case, in a store already holding the item-3
 * events: `GET /complaints/{id}/at?time=…` over HTTP against the real service, one request at a time;
 * beside it the same query in-process (read the stream, open the personal data, fold the prefix),
 * which is the part that grows with the store, to show what the HTTP figure is made of; and the
 * liveness probe the same way, the floor of a request to the service on this machine.
 */
import { randomUUID } from 'node:crypto';
import type { Actor } from '../../domain/access.js';
import { DEFAULT_CATALOG } from '../../domain/catalog.js';
import { DEFAULT_KOREAN_CALENDAR } from '../../domain/working-time/index.js';
import type { ComplaintCommand } from '../../domain/complaint/commands.js';
import { GetComplaintAt, GetComplaintAtHandler } from '../../src/audit/queries.js';
import { openCodec } from '../../src/personal-data/index.js';
import { ExecuteComplaintCommand, ExecuteComplaintCommandHandler } from '../../src/complaints/execute-complaint-command.js';
import { IdempotencyKeys } from '../../src/commands/index.js';
import type { Storage } from '../../src/event-store/index.js';
import { benchConfig, BENCH_MASTER_KEY } from '../support/config.js';
import { startServer } from '../support/server.js';
import { latencies, log, now, type Latencies } from '../support/stats.js';

export interface TimeTravelResult {
  storedEvents: number;
  caseEvents: number;
  revision: number;
  http: Latencies;
  inProcess: Latencies;
  /** `GET /health/live` the same way, against the same service: a request that does no work, what no query can beat here. Absent in results from before it was measured. */
  floor?: Latencies;
}

const OFFICE: Actor = { id: 'bench-office', name: 'bench-office', roles: ['complaints-office'] };
const AUDITOR: Actor = { id: 'bench-auditor', name: 'bench-auditor', roles: ['auditor'] };

/** Receipt, acknowledgement, assessment, assignment, 21 information requests answered, findings, decision, notice, closing: 50 events. */
async function writeLongCase(storage: Storage): Promise<{ complaintId: string; times: string[] }> {
  const { codec } = await openCodec(storage, BENCH_MASTER_KEY);
  const handler = new ExecuteComplaintCommandHandler(storage.store, DEFAULT_CATALOG, codec, await IdempotencyKeys.open(storage.sql, `"${storage.schema}"`), DEFAULT_KOREAN_CALENDAR);
  const complaintId = `long-${randomUUID().slice(0, 8)}`;
  const start = Date.parse('2025-06-02T10:00:00+09:00');
  const times: string[] = [];
  const commands: Omit<ComplaintCommand, 'now'>[] = [
    {
      type: 'receive',
      data: {
        complaintId, channel: 'web', route: { kind: 'internal' }, category: 'defective-facility', description: '가스 계량기 누출이 반복됩니다',
        complainant: { name: '김민수', phone: '010-1234-5678', email: 'minsu@example.kr' }, consent: { sms: true, email: true, phone: false },
      },
    },
    { type: 'acknowledge', data: {} },
    { type: 'assess', data: { severity: 'medium', safetyIssue: false } },
    { type: 'assign', data: { department: 'inspection' } },
  ] as Omit<ComplaintCommand, 'now'>[];
  for (let i = 0; i < 21; i++) {
    commands.push({ type: 'request-information', data: { requestId: `r${i}`, department: 'testing', request: '시험 기록 요청' } });
    commands.push({ type: 'receive-information', data: { requestId: `r${i}`, summary: '시험 기록 회신' } });
  }
  commands.push(
    { type: 'record-findings', data: { summary: '밸브 마모', subjects: [] } },
    { type: 'decide', data: { outcome: 'upheld', basis: '가스안전법 제17조', remedy: '밸브 교체' } },
    { type: 'communicate-decision', data: { channel: 'email', basis: '가스안전법 제17조', appeal: '90일 이내 이의 신청' } },
    { type: 'close', data: {} },
  );
  for (const [i, command] of commands.entries()) {
    const at = new Date(start + i * 20 * 60_000).toISOString().replace('Z', '+00:00');
    times.push(at);
    await handler.execute(new ExecuteComplaintCommand(complaintId, { ...command, now: at } as ComplaintCommand, OFFICE, { correlationId: randomUUID() }));
  }
  return { complaintId, times };
}

export async function measureTimeTravel(storage: Storage, storedEvents: number, requests: number): Promise<TimeTravelResult> {
  const { complaintId, times } = await writeLongCase(storage);
  const revision = Math.floor(times.length / 2) - 1;
  const time = times[revision]!;
  log(`time travel: case ${complaintId} of ${times.length} events, to revision ${revision} (${time})`);

  const { codec } = await openCodec(storage, BENCH_MASTER_KEY);
  const query = new GetComplaintAtHandler(storage.store, codec, benchConfig({ kind: 'postgres', url: 'unused', schema: storage.schema }));
  const asked = GetComplaintAt.from(complaintId, { time }, { actor: AUDITOR }, new Date());
  const first = await query.execute(asked);
  if (first.view.revision !== revision) throw new Error(`time travel landed on revision ${first.view.revision}, not ${revision}`);

  // Sealing is left off: the bulk-loaded store would otherwise be sealed (a million events) while measuring.
  const server = await startServer({ schema: storage.schema }, { sealIntervalMs: 0, sockets: 1 });
  try {
    const token = await server.token(AUDITOR);
    const path = `/complaints/${complaintId}/at?time=${encodeURIComponent(time)}`;
    const sample = async (fn: () => Promise<void>): Promise<Latencies> => {
      for (let i = 0; i < Math.min(200, requests / 5); i++) await fn(); // warm-up
      const samples: number[] = [];
      for (let i = 0; i < requests; i++) {
        const t = now();
        await fn();
        samples.push(now() - t);
      }
      return latencies(samples);
    };
    const http = await sample(async () => {
      const response = await server.call('GET', path, token);
      if (response.status !== 200) throw new Error(`time travel answered ${response.status}: ${response.body.slice(0, 300)}`);
    });
    const inProcess = await sample(async () => {
      await query.execute(asked);
    });
    const floor = await sample(async () => {
      const response = await server.call('GET', '/health/live', token);
      if (response.status !== 200) throw new Error(`the liveness probe answered ${response.status}`);
    });
    log(`time travel: HTTP p50 ${http.p50.toFixed(2)} ms, p99 ${http.p99.toFixed(2)} ms; in-process p99 ${inProcess.p99.toFixed(2)} ms; liveness probe p99 ${floor.p99.toFixed(2)} ms`);
    return { storedEvents, caseEvents: times.length, revision, http, inProcess, floor };
  } finally {
    await server.stop();
  }
}
