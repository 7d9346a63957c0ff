/**
 * Item 2: commands over HTTP at 32 connections against the real service in its own process: each
 * connection walks generated cases step by step (POST /complaints, then POST /complaints/{id}/{command}),
 * with each step's actor's token. The service runs as in production: projections and sealing on.
 * The same client against the peer (bench/peer/emmett-app.ts) on an Emmett database gives the figure beside it.
 */
import { randomUUID } from 'node:crypto';
import { generateWorkload, type GeneratedCase } from '../../test/support/workload/generator.js';
import { workloadOf } from '../support/config.js';
import { cpuTimes } from '../support/machine.js';
import { startServer } from '../support/server.js';
import { latencies, log, now, type Latencies } from '../support/stats.js';

export interface HttpResult {
  connections: number;
  seconds: number;
  requests: number;
  perSecond: number;
  latency: Latencies;
  /** Responses other than 2xx, by status. */
  failures: Record<string, number>;
  /** CPU time per request (ms) while measuring, by whom: what the two cores were busy with. Absent in results from before it was measured. */
  cpuPerRequest?: { service: number; postgres: number; rest: number; machineBusyShare: number };
}

/** Information requests carry an id the server makes up: the steps that name one are left out. */
const SKIPPED = new Set(['request-information', 'receive-information']);

/** What the client runs against: the engine's service on `schema`, or the peer on the Emmett database at `emmett`. */
export type HttpTarget = { schema: string } | { emmett: string };

export async function measureHttp(target: HttpTarget, connections: number, warmupSeconds: number, seconds: number): Promise<HttpResult> {
  const server = await startServer(target, { sockets: connections });
  const peer = 'emmett' in target ? ' (Emmett peer)' : '';
  try {
    // No case closes as complainant-unreachable: that waits for the handling deadline, which the
    // service measures on the real clock, so within a run it would only be refused.
    const cases = generateWorkload({ ...workloadOf(5, 10_000_000, `h${randomUUID().slice(0, 6)}`), rates: { unreachable: 0 } });
    const run = async (duration: number) => {
      const samples: number[] = [];
      const failures: Record<string, number> = {};
      const start = now();
      const end = start + duration * 1000;
      await Promise.all(
        Array.from({ length: connections }, async () => {
          while (now() < end) {
            const generated = cases.next().value as GeneratedCase;
            let id: string | undefined;
            for (const { actor, command } of generated.steps) {
              if (now() >= end) break;
              if (SKIPPED.has(command.type)) continue;
              const token = await server.token(actor);
              const body = command.type === 'receive' ? (({ complaintId: _, ...rest }) => rest)(command.data) : command.data;
              const t = now();
              const response = id === undefined ? await server.call('POST', '/complaints', token, body) : await server.call('POST', `/complaints/${id}/${command.type}`, token, body);
              samples.push(now() - t);
              if (response.status >= 300) {
                const key = `${response.status} ${command.type}`;
                failures[key] = (failures[key] ?? 0) + 1;
                if (failures[key] === 1) log(`http: ${key}: ${response.body.slice(0, 300)}`);
                break;
              }
              id ??= response.location?.split('/').pop();
            }
          }
        }),
      );
      const elapsed = (now() - start) / 1000;
      return { connections, seconds: elapsed, requests: samples.length, perSecond: samples.length / elapsed, latency: latencies(samples), failures };
    };
    await run(warmupSeconds);
    const before = await cpuTimes(server.pid);
    const result: HttpResult = await run(seconds);
    const after = await cpuTimes(server.pid);
    const per = (ms: number) => ms / result.requests;
    const service = after.processMs - before.processMs;
    const postgres = after.postgresMs - before.postgresMs;
    const busy = after.machineBusyMs - before.machineBusyMs;
    result.cpuPerRequest = { service: per(service), postgres: per(postgres), rest: per(busy - service - postgres), machineBusyShare: busy / (after.machineTotalMs - before.machineTotalMs) };
    const cpu = result.cpuPerRequest;
    log(`http${peer}, ${connections} connection(s): ${result.perSecond.toFixed(0)} requests/s, p50 ${result.latency.p50.toFixed(1)} ms, p99 ${result.latency.p99.toFixed(1)} ms; CPU per request: service ${cpu.service.toFixed(2)} ms, PostgreSQL ${cpu.postgres.toFixed(2)} ms, rest ${cpu.rest.toFixed(2)} ms, machine ${(cpu.machineBusyShare * 100).toFixed(0)} % busy`);
    return result;
  } finally {
    await server.stop();
  }
}
