import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { resolve } from 'node:path';
import { TEST_AUTH, TEST_MASTER_KEY } from './api.js';
import { TEST_DATABASE_URL } from './postgres.js';

const ROOT = resolve(import.meta.dirname, '../..');
let built = false;

/**
 * Compiles the service as `npm run build` does (without the console, which the service does not need to
 * start), once per test process; test processes running side by side take turns (a directory as lock).
 * Under `npm test` (scripts/test.mjs) it was compiled before any suite started: a build beside a running
 * service would rewrite the files it is loading.
 */
export async function buildService(): Promise<void> {
  if (built || process.env.SERVICE_BUILT === '1') return;
  mkdirSync(resolve(ROOT, 'dist'), { recursive: true });
  const lock = resolve(ROOT, 'dist/.build-lock');
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      // A lock left by a killed run is stale after the longest build.
      if (Date.now() - (statSync(lock, { throwIfNoEntry: false })?.mtimeMs ?? Date.now()) > 300_000) rmSync(lock, { recursive: true, force: true });
      await new Promise((r) => setTimeout(r, 250));
    }
  }
  try {
    execFileSync(process.execPath, [resolve(ROOT, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json'], { cwd: ROOT, stdio: 'inherit' });
    built = true;
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

export interface BuiltService {
  child: ChildProcess;
  url: string;
  /** Everything the process wrote to stdout and stderr so far. */
  output(): string;
  /** Resolves with the exit code (or the signal that ended it). */
  exited: Promise<number | NodeJS.Signals>;
}

/**
 * Starts `args` (by default `node dist/src/main.js`) with exactly `env` (plus PATH, and no drain at
 * SIGTERM unless `env` sets SHUTDOWN_DRAIN_MS: each stop would wait 5 s) and waits until `GET /health/live` answers 200.
 */
export async function startBuiltService(env: Record<string, string>, args: string[] = ['dist/src/main.js'], timeoutMs = 30_000): Promise<BuiltService> {
  const port = Number(env.PORT);
  const child = spawn(process.execPath, args, { cwd: ROOT, env: { PATH: process.env.PATH ?? '', SHUTDOWN_DRAIN_MS: '0', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | NodeJS.Signals>((done) => child.once('exit', (code, signal) => done(code ?? signal!)));
  const url = `http://127.0.0.1:${port}`;
  const until = Date.now() + timeoutMs;
  let running = true;
  void exited.then(() => (running = false));
  for (;;) {
    const status = await fetch(`${url}/health/live`).then((r) => r.status, () => 0);
    if (status === 200) break;
    if (!running || Date.now() > until) {
      child.kill('SIGKILL');
      throw new Error(`the service did not become live (exit ${String(await Promise.race([exited, 'still running']))}):\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return { child, url, output: () => output, exited };
}

export function freePort(): Promise<number> {
  return new Promise((done) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => done(port));
    });
  });
}

/** The environment of the built service on `schema` of the test server, on a free port, logging at info. */
export async function envOnSchema(schema: string): Promise<Record<string, string>> {
  return {
    PORT: String(await freePort()),
    EVENT_STORE: 'postgres',
    DATABASE_URL: TEST_DATABASE_URL,
    DATABASE_SCHEMA: schema,
    AUTH_JWT_SECRET: TEST_AUTH.secret,
    MASTER_KEY: TEST_MASTER_KEY.toString('hex'),
    DATA_DIR: '/nonexistent',
    LOG_LEVEL: 'info',
  };
}
