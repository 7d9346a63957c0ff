import { fork, type ChildProcess } from 'node:child_process';
import { Agent, request } from 'node:http';
import { fileURLToPath } from 'node:url';
import type { Actor } from '../../domain/access.js';
import { signSharedSecretToken } from '../../src/auth/sign-token.js';
import { BENCH_AUTH } from './config.js';
import { onCleanup } from './databases.js';

export interface BenchServer {
  url: string;
  /** The service's process. */
  pid: number;
  /** Signs (once per actor) a bearer token for them. */
  token(actor: Pick<Actor, 'id' | 'roles' | 'department'>): Promise<string>;
  call(method: string, path: string, token: string, body?: unknown): Promise<{ status: number; body: string; location?: string }>;
  stop(): Promise<void>;
}

/**
 * Starts `dist/bench/server.js`: the service on `schema`, or item 2's peer on the Emmett database at
 * `emmett`. options.sealIntervalMs: the service's sealing interval (default: the service's).
 */
export async function startServer(target: { schema: string } | { emmett: string }, options: { sealIntervalMs?: number; sockets?: number } = {}): Promise<BenchServer> {
  const script = fileURLToPath(new URL('../server.js', import.meta.url));
  const env: NodeJS.ProcessEnv = { ...process.env, ...('schema' in target ? { BENCH_SCHEMA: target.schema } : { BENCH_EMMETT_URL: target.emmett }) };
  if (options.sealIntervalMs !== undefined) env.BENCH_SEAL_INTERVAL_MS = String(options.sealIntervalMs);
  // BENCH_SERVER_NODE_OPTIONS: flags for the service's process, e.g. --cpu-prof to profile it.
  const execArgv = process.env.BENCH_SERVER_NODE_OPTIONS?.split(' ').filter(Boolean) ?? [];
  const child: ChildProcess = fork(script, [], { env, execArgv, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const port = await new Promise<number>((resolve, reject) => {
    child.once('message', (message) => resolve((message as { port: number }).port));
    child.once('exit', (code) => reject(new Error(`the bench server exited with ${code}`)));
  });
  const agent = new Agent({ keepAlive: true, maxSockets: options.sockets ?? 32 });
  const tokens = new Map<string, Promise<string>>();
  const stop = onCleanup(async () => {
    agent.destroy();
    child.kill('SIGTERM');
    await exited;
  });
  return {
    url: `http://127.0.0.1:${port}`,
    pid: child.pid!,
    token(actor) {
      const key = `${actor.id}|${actor.roles.join(',')}|${actor.department ?? ''}`;
      let token = tokens.get(key);
      if (!token) {
        const claims = { sub: actor.id, name: actor.id, roles: actor.roles, ...(actor.department ? { department: actor.department } : {}) };
        token = signSharedSecretToken(BENCH_AUTH, claims, { expiresIn: '12h' });
        tokens.set(key, token);
      }
      return token;
    },
    call(method, path, token, body) {
      const payload = body === undefined ? undefined : JSON.stringify(body);
      return new Promise((resolve, reject) => {
        const req = request(
          {
            host: '127.0.0.1',
            port,
            path,
            method,
            agent,
            headers: { authorization: `Bearer ${token}`, ...(payload ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) } : {}) },
          },
          (res) => {
            const chunks: Buffer[] = [];
            res.on('data', (c: Buffer) => chunks.push(c));
            res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString(), location: res.headers.location }));
            res.on('error', reject);
          },
        );
        req.on('error', reject);
        req.end(payload);
      });
    },
    stop,
  };
}
