import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { connect, createServer, type Server, type Socket } from 'node:net';
import { signSharedSecretToken } from '../../src/auth/sign-token.js';
import { idempotentId } from '../../src/commands/index.js';
import { complaintStreamId } from '../../src/complaint-stream/index.js';
import { SERVICE_STATEMENT_LIMIT_MS } from '../../src/sql/pg-client.js';
import { complaintBody, staff, TEST_AUTH } from '../support/api.js';
import { buildService, envOnSchema, startBuiltService, type BuiltService } from '../support/built-service.js';
import { validBody, type CaseView } from '../support/command-bodies.js';
import { connectAdmin, dropSchema, TEST_DATABASE_URL, uniqueSchemaName } from '../support/postgres.js';

/**
 * A TCP proxy to PostgreSQL that breaks the connections through it the two ways a network does:
 * `reset` ends each at TCP level (RST), as a restarted firewall or load balancer does; `stall` stops
 * forwarding without closing anything, as a cut network does (the sockets stay open, nothing arrives,
 * not even the client's goodbye, so the server keeps its sessions). `forward` lets new connections
 * through again; stalled ones stay stalled.
 */
class BreakingProxy {
  readonly sockets = new Set<Socket>();
  private stalled = false;
  private constructor(private readonly server: Server) {}

  static async start(target: { host: string; port: number }): Promise<BreakingProxy> {
    const server = createServer();
    const proxy = new BreakingProxy(server);
    server.on('connection', (client) => proxy.accept(client, target));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return proxy;
  }

  get port(): number {
    return (this.server.address() as { port: number }).port;
  }

  private accept(client: Socket, target: { host: string; port: number }): void {
    this.track(client);
    if (this.stalled) return; // accepted by the system, never answered
    const upstream = connect(target.port, target.host);
    this.track(upstream);
    client.pipe(upstream).pipe(client);
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
  }

  private track(socket: Socket): void {
    this.sockets.add(socket);
    socket.on('close', () => this.sockets.delete(socket));
    socket.on('error', () => socket.destroy());
  }

  /** Every proxied connection, both of its ends, reset (RST). */
  reset(): number {
    const count = this.sockets.size;
    for (const socket of this.sockets) socket.resetAndDestroy();
    return count;
  }

  /** Nothing forwarded any more, nothing closed. */
  stall(): void {
    this.stalled = true;
    for (const socket of this.sockets) {
      socket.unpipe();
      socket.pause();
      socket.removeAllListeners('close'); // the other end must not hear of it either
    }
  }

  forward(): void {
    this.stalled = false;
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise((resolve) => this.server.close(resolve));
  }
}

const schema = uniqueSchemaName();
let proxy: BreakingProxy;
let service: BuiltService;
let token = '';
/** Every receipt sent, by its Idempotency-Key: whether the service acknowledged it. */
const receipts = new Map<string, boolean>();

interface Answer {
  status: number;
  retryAfter: string | null;
  body: Record<string, unknown> | undefined;
  ms: number;
}

async function call(method: string, path: string, body?: unknown, key?: string): Promise<Answer> {
  const started = Date.now();
  const response = await fetch(`${service.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...(key && { 'idempotency-key': key }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  }).catch(async (error: unknown) => {
    // A process that died under the request may be reported a moment after the request failed.
    await Promise.race([service.exited, new Promise((resolve) => setTimeout(resolve, 1_000))]);
    if (alive()) throw error;
    throw new Error(`the service exited (${String(await service.exited)}) under ${method} ${path}:\n${service.output().slice(-3000)}`);
  });
  const text = await response.text();
  return { status: response.status, retryAfter: response.headers.get('retry-after'), body: text ? (JSON.parse(text) as Record<string, unknown>) : undefined, ms: Date.now() - started };
}

async function receive(key: string): Promise<Answer> {
  receipts.set(key, receipts.get(key) ?? false);
  const answer = await call('POST', '/complaints', complaintBody(), key);
  if (answer.status === 201 || answer.status === 200) receipts.set(key, true);
  return answer;
}

/** Sends `send` again while it answers 503, for up to `withinMs`. */
async function untilAnswered(send: () => Promise<Answer>, withinMs: number): Promise<Answer> {
  const until = Date.now() + withinMs;
  for (;;) {
    const answer = await send();
    if (answer.status !== 503 || Date.now() > until) return answer;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

const alive = (): boolean => service.child.exitCode === null && service.child.signalCode === null;
const unavailable = (answer: Answer) => ({ status: answer.status, retryAfter: answer.retryAfter });

beforeAll(async () => {
  await buildService();
  const server = new URL(TEST_DATABASE_URL);
  proxy = await BreakingProxy.start({ host: server.hostname, port: Number(server.port || 5432) });
  const url = new URL(TEST_DATABASE_URL);
  url.host = `127.0.0.1:${proxy.port}`;
  service = await startBuiltService({ ...(await envOnSchema(schema)), DATABASE_URL: url.toString(), NODE_ENV: 'production', LOG_LEVEL: 'warn' });
  token = await signSharedSecretToken(TEST_AUTH, { sub: staff.office.sub, roles: ['complaints-office'] });
}, 120_000);

afterAll(async () => {
  if (service && alive()) {
    service.child.kill('SIGKILL');
    await service.exited;
  }
  await proxy?.close();
  await dropSchema(schema);
});

describe('PostgreSQL connections reset or cut under load', () => {
  it('a reset of every connection during concurrent commands: the process lives, each command answers 503 or succeeds, and nothing acknowledged is lost', async () => {
    for (let i = 0; i < 5; i++) expect((await receive(`before-${i}`)).status).toBe(201);

    let resets = 0;
    let slowest = 0;
    for (let round = 0; round < 3; round++) {
      const burst = Array.from({ length: 60 }, (_, i) => receive(`round-${round}-${i}`));
      // Some commands in their transactions by then, others waiting for a connection.
      await new Promise((resolve) => setTimeout(resolve, 15 + round * 10));
      resets += proxy.reset();
      const answers = await Promise.all(burst);
      slowest = Math.max(slowest, ...answers.map((answer) => answer.ms));
      for (const answer of answers) {
        expect([201, 200, 503]).toContain(answer.status);
        if (answer.status === 503) expect(unavailable(answer)).toEqual({ status: 503, retryAfter: '5' });
      }
      expect(alive()).toBe(true);
    }
    expect(resets).toBeGreaterThan(0);
    expect(service.output()).not.toMatch(/Emitted 'error' event|ECONNRESET\n\s+at /);

    // Commands succeed again; those not acknowledged, sent again with their key, are stored once.
    for (const [key, acknowledged] of receipts) {
      if (!acknowledged) expect((await untilAnswered(() => receive(key), 10_000)).status).toBe(201);
    }
    const admin = await connectAdmin();
    try {
      const ids = [...receipts.keys()].map((key) => complaintStreamId(idempotentId(staff.office.sub, `complaint:${key}`)));
      const { rows } = await admin.query<{ stream_id: string; receipts: string }>(
        `SELECT stream_id, count(*) FILTER (WHERE type = 'ComplaintReceived') AS receipts FROM "${schema}".events WHERE stream_id = ANY($1) GROUP BY stream_id`,
        [ids],
      );
      expect(rows.length).toBe(ids.length);
      expect(rows.every((row) => Number(row.receipts) === 1)).toBe(true);
      const { rows: all } = await admin.query<{ n: string }>(`SELECT count(*) AS n FROM "${schema}".events WHERE type = 'ComplaintReceived'`);
      expect(Number(all[0]!.n)).toBe(receipts.size);
    } finally {
      await admin.end();
    }
    console.log(`broken connections: ${resets} proxied sockets reset under 3 bursts of 60 receipts (the slowest answered in ${slowest} ms); ${receipts.size} receipts, each stored once`);
  }, 60_000);

  it('a cut network: a command answers 503 within the answer timeout, the process lives, and commands succeed once the network is back', async () => {
    const created = await receive('cut-case');
    expect(created.status).toBe(201);
    const caseId = idempotentId(staff.office.sub, 'complaint:cut-case');
    const view = (await call('GET', `/complaints/${caseId}`)).body as unknown as CaseView & { yourCommands: string[] };
    const command = view.yourCommands.includes('amend') ? 'amend' : view.yourCommands.find((c) => c !== 'withdraw')!;
    const body = validBody(command as Parameters<typeof validBody>[0], view, 1);

    proxy.stall();
    // Each waits for a pooled connection (up to the connection timeout, 5 s) or for its statement's answer.
    const bound = SERVICE_STATEMENT_LIMIT_MS + 2_000 + 5_000 + 1_000;
    const [onCase, receipt] = await Promise.all([call('POST', `/complaints/${caseId}/${command}`, body, 'cut-command'), receive('cut-receipt')]);
    for (const answer of [onCase, receipt]) {
      expect(unavailable(answer)).toEqual({ status: 503, retryAfter: '5' });
      expect(answer.ms).toBeLessThan(bound);
    }
    expect(alive()).toBe(true);

    proxy.forward();
    // The server's sessions on the cut connections may hold locks (the reference counter's row) until it ends them.
    const again = await untilAnswered(() => call('POST', `/complaints/${caseId}/${command}`, body, 'cut-command'), SERVICE_STATEMENT_LIMIT_MS + 10_000);
    expect(again.status).toBe(200);
    expect((await untilAnswered(() => receive('cut-receipt'), SERVICE_STATEMENT_LIMIT_MS + 10_000)).status).toBe(201);
    expect(alive()).toBe(true);
    console.log(`cut network: ${command} answered 503 after ${onCase.ms} ms, a receipt after ${receipt.ms} ms (bound ${bound} ms)`);
  }, 90_000);
});
