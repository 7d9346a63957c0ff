/**
 * `docker compose up` as the README tells it, without Docker (issue 23 §7): the app service's
 * environment from docker-compose.yml, the image's ENV and CMD from the Dockerfile, started as built.
 * The compose services' hosts are this machine: the `postgres` service is the test PostgreSQL server
 * (its URL's user, host and database replaced by the test server's). PORT is a free port (inside a
 * container 3000 is free; here another service may hold it). Only the default EventStoreDB mode is
 * not started here (no EventStoreDB server); its variables are checked by the same rules.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse } from 'yaml';
import { TEST_AUTH, TEST_MASTER_KEY } from '../support/api.js';
import { buildService, freePort, startBuiltService } from '../support/built-service.js';
import { dropSchema, TEST_DATABASE_URL, uniqueSchemaName } from '../support/postgres.js';

const ROOT = resolve(import.meta.dirname, '../..');
const compose = parse(readFileSync(resolve(ROOT, 'docker-compose.yml'), 'utf8')) as {
  services: Record<string, { environment?: Record<string, string | number>; command?: string[]; healthcheck?: { test: string[] } }>;
};
const dockerfile = readFileSync(resolve(ROOT, 'Dockerfile'), 'utf8');
const schema = uniqueSchemaName();

/** What the operator gives on the command line (the README's `AUTH_JWT_SECRET=... MASTER_KEY=... EVENT_STORE=postgres docker compose up`). */
const operator: Record<string, string> = { AUTH_JWT_SECRET: TEST_AUTH.secret, MASTER_KEY: TEST_MASTER_KEY.toString('hex'), EVENT_STORE: 'postgres', DATABASE_SCHEMA: schema };

/** Compose's interpolation: `${VAR}`, `${VAR:-default}`, `${VAR:?message}` (fails naming VAR), `$$`. */
function interpolate(value: string, env: Record<string, string>): string {
  return value.replace(/\$\$|\$\{([A-Z0-9_]+)(?::([-?])([^}]*))?\}/g, (whole, name: string | undefined, kind: string | undefined, text: string | undefined) => {
    if (whole === '$$') return '$';
    const given = env[name!];
    if (given !== undefined && given !== '') return given;
    if (kind === '-') return text!;
    if (kind === '?') throw new Error(`docker-compose.yml needs ${name}: ${text}`);
    return '';
  });
}

/** The last stage's ENV and CMD of the Dockerfile. */
function image(): { env: Record<string, string>; cmd: string[] } {
  const last = dockerfile.split(/^FROM /m).at(-1)!;
  const env: Record<string, string> = {};
  for (const [, name, value] of last.matchAll(/^ENV ([A-Z0-9_]+)=(\S+)$/gm)) env[name!] = value!;
  const cmd = /^CMD (\[.*\])$/m.exec(last);
  if (!cmd) throw new Error('the Dockerfile has no CMD in exec form');
  return { env, cmd: JSON.parse(cmd[1]!) as string[] };
}

/** A compose service's host is this machine; the `postgres` service is the test server. */
function onThisMachine(value: string): string {
  return value.replace(/postgres:\/\/[^@/]+@postgres:5432\/[A-Za-z0-9_]+/g, TEST_DATABASE_URL).replace(/@(eventstoredb|esdb-node\d):/g, '@127.0.0.1:');
}

function appEnvironment(service: string, given: Record<string, string>): Record<string, string> {
  const environment = compose.services[service]?.environment;
  if (!environment) throw new Error(`docker-compose.yml has no environment for ${service}`);
  return { ...image().env, ...Object.fromEntries(Object.entries(environment).map(([name, value]) => [name, onThisMachine(interpolate(String(value), given))])) };
}

beforeAll(() => buildService(), 120_000);
afterAll(async () => {
  await dropSchema(schema);
});

describe('docker compose up, without Docker', () => {
  it('the app service starts in production with exactly its compose environment and the image CMD, and its health check passes', async () => {
    const port = await freePort();
    const env: Record<string, string> = { ...appEnvironment('app', operator), PORT: String(port) };
    expect(env.NODE_ENV).toBe('production');
    const args = compose.services.app!.command ?? image().cmd;
    expect(args[0]).toBe('node');
    const service = await startBuiltService(env, args.slice(1)).catch((error: Error) => {
      throw new Error(`the compose app service does not start with the variables compose gives it: ${error.message}`);
    });
    try {
      expect((await fetch(`${service.url}/health/ready`)).status).toBe(200);
      // The compose health check itself, run as Docker runs it inside the container.
      const [kind, ...check] = compose.services.app!.healthcheck!.test;
      expect(kind).toBe('CMD');
      expect(check[0]).toBe('node');
      execFileSync(process.execPath, check.slice(1).map((part) => part.replace('127.0.0.1:3000', `127.0.0.1:${port}`)), { timeout: 10_000 });
    } finally {
      service.child.kill('SIGTERM');
      expect(await service.exited).toBe(0);
    }
  }, 60_000);

  it('every variable the service requires in production comes from the compose file: without one, it fails naming it', async () => {
    for (const variable of ['MASTER_KEY', 'AUTH_JWT_SECRET']) {
      const { [variable]: _left, ...rest }: Record<string, string> = { ...appEnvironment('app', operator), PORT: String(await freePort()) };
      const failed = await startBuiltService(rest, image().cmd.slice(1), 15_000).then(
        (service) => (service.child.kill('SIGKILL'), ''),
        (error: Error) => error.message,
      );
      expect(failed).toContain(variable);
    }
    for (const required of ['AUTH_JWT_SECRET', 'MASTER_KEY']) {
      const { [required]: _left, ...missing } = operator;
      expect(() => appEnvironment('app', missing)).toThrow(`docker-compose.yml needs ${required}`);
      expect(() => appEnvironment('app-cluster', missing)).toThrow(`docker-compose.yml needs ${required}`);
    }
  }, 60_000);

  it('the cluster app service has what the default one has, and a health check', () => {
    const cluster = appEnvironment('app-cluster', operator);
    for (const name of ['EVENT_STORE', 'EVENTSTORE_URL', 'DATABASE_URL', 'AUTH_JWT_SECRET', 'MASTER_KEY', 'NODE_ENV']) expect(cluster[name]).toBeTruthy();
    expect(compose.services['app-cluster']!.healthcheck).toEqual(compose.services.app!.healthcheck);
  });
});
