import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { DEFAULT_CATALOG } from '../../domain/catalog.js';
import { createApp } from '../../src/app.module.js';
import { ConfigError, describeStartFailure, loadConfig, type StartFailure } from '../../src/config/index.js';
import { openStorage } from '../../src/event-store/index.js';
import { loadMasterKey } from '../../src/personal-data/index.js';
import { complaintBody, staff, startTestApi, TEST_AUTH, TEST_MASTER_KEY } from '../support/api.js';
import { buildService } from '../support/built-service.js';
import { connectAdmin, dropSchema, TEST_DATABASE_URL, uniqueSchemaName } from '../support/postgres.js';

// What an operator sees when the service cannot start on its database: the setting at fault, the rule
// and an example, in a JSON line like the rest of the log; the privileges its role needs; and a
// master key that every node of a shared store must have the same.

const ROOT = resolve(import.meta.dirname, '../..');
let folder: string;
beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'start-up-'));
});
afterAll(async () => {
  await rm(folder, { recursive: true, force: true });
});

/** Starts the built service with `env`, which must fail; its exit code and its output's lines, each parsed as JSON. */
async function failedStart(env: Record<string, string>): Promise<{ code: number | null; lines: Record<string, unknown>[] }> {
  const child = spawn(process.execPath, ['dist/src/main.js'], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', PORT: '0', DATA_DIR: folder, AUTH_JWT_SECRET: TEST_AUTH.secret, MASTER_KEY: TEST_MASTER_KEY.toString('hex'), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const code = await new Promise<number | null>((done) => child.once('exit', done));
  return { code, lines: output.split('\n').filter((line) => line.trim() !== '').map((line) => JSON.parse(line) as Record<string, unknown>) };
}

/** What the start says when the store does not open with `env`. */
async function openingFails(env: NodeJS.ProcessEnv): Promise<StartFailure> {
  try {
    const storage = await openStorage(loadConfig(env).store);
    await storage.store.close();
  } catch (error) {
    return describeStartFailure(error, env);
  }
  throw new Error('the store opened');
}

const postgresAs = (user: string, password: string, database?: string): string => {
  const url = new URL(TEST_DATABASE_URL);
  url.username = user;
  url.password = password;
  if (database !== undefined) url.pathname = `/${database}`;
  return url.href;
};

describe('a wrong DATABASE_URL or DATABASE_SCHEMA', () => {
  it('exits 1 with one JSON log line naming the setting, the rule and an example (no scheme: not "ENOTFOUND base"; a schema name not taken; nothing listening)', async () => {
    await buildService();
    const cases: [Record<string, string>, string, RegExp][] = [
      [{ DATABASE_URL: '127.0.0.1:5432/test' }, 'DATABASE_URL', /^failed to start: configuration DATABASE_URL: must be a postgres:\/\/ or postgresql:\/\/ URL, such as postgres:\/\/complaints:<password>@db\.example\.org:5432\/complaints .*; it has no scheme/],
      [{ DATABASE_URL: TEST_DATABASE_URL, DATABASE_SCHEMA: 'Complaints' }, 'DATABASE_SCHEMA', /configuration DATABASE_SCHEMA: "Complaints" is not a schema name the service takes: use lower-case letters a-z, digits and _, starting with a letter or _, at most 40 characters \(such as complaints or minwon_prod\)/],
      [{ DATABASE_URL: 'postgres://postgres@127.0.0.1:1/test' }, 'DATABASE_URL', /^failed to start: DATABASE_URL: cannot connect to 127\.0\.0\.1:1 \(connection refused\): no PostgreSQL listens there; check the host and port in DATABASE_URL/],
    ];
    const starts = await Promise.all(cases.map(([env]) => failedStart({ EVENT_STORE: 'postgres', ...env })));
    starts.forEach(({ code, lines }, i) => {
      const [, setting, message] = cases[i]!;
      expect(code).toBe(1);
      expect(lines).toEqual([expect.objectContaining({ level: 60, service: 'complaint-engine', setting, msg: expect.stringMatching(message) })]);
    });
  }, 120_000);

  it('a database that is not there, or a role the server does not know, is named with the fix', async () => {
    const missing = await openingFails({ EVENT_STORE: 'postgres', DATABASE_URL: postgresAs('postgres', '', 'no_such_database') });
    expect(missing).toEqual({ setting: 'DATABASE_URL', message: expect.stringMatching(/^DATABASE_URL: the database no_such_database does not exist on [^ ]+:\d+: create it \(CREATE DATABASE no_such_database\) or name an existing one/) });
    const stranger = await openingFails({ EVENT_STORE: 'postgres', DATABASE_URL: postgresAs('no_such_role', 'x') });
    expect(stranger).toEqual({ setting: 'DATABASE_URL', message: expect.stringMatching(/^DATABASE_URL: the server at [^ ]+ (refused the role no_such_role|refused the password of the role no_such_role)/) });
  });
});

describe('the database privileges the service needs', () => {
  const role = `complaints_${randomBytes(4).toString('hex')}`;
  const password = randomBytes(12).toString('hex');
  const schema = uniqueSchemaName();
  afterAll(async () => {
    await dropSchema(schema);
    const admin = await connectAdmin();
    try {
      await admin.query(`DROP ROLE IF EXISTS ${role}`);
    } finally {
      await admin.end();
    }
  });

  it('a role that owns its schema and may create nothing else runs the service; without the schema, the error names the grant', async () => {
    const admin = await connectAdmin();
    try {
      await admin.query(`CREATE ROLE ${role} LOGIN PASSWORD '${password}'`);
      const env = { EVENT_STORE: 'postgres', DATABASE_URL: postgresAs(role, password), DATABASE_SCHEMA: schema };
      const denied = await openingFails(env);
      expect(denied.setting).toBe('DATABASE_URL');
      expect(denied.message).toMatch(
        new RegExp(`^DATABASE_URL: the role ${role} lacks a privilege the service needs \\(permission denied for database \\w+\\): have a DBA create the schema for it \\(CREATE SCHEMA ${schema} AUTHORIZATION ${role}\\), or GRANT CREATE ON DATABASE \\w+ TO ${role}\\. The service's role needs: its schema ${schema} \\(DATABASE_SCHEMA\\)`),
      );
      // What a DBA does for a least-privileged role: a schema it owns, nothing else.
      await admin.query(`CREATE SCHEMA ${schema} AUTHORIZATION ${role}`);
    } finally {
      await admin.end();
    }
    const api = await startTestApi({ schema, config: { store: { kind: 'postgres', url: postgresAs(role, password), schema, pollIntervalMs: 50 } } });
    try {
      expect((await api.call('POST', '/complaints', { as: staff.intake, body: complaintBody() })).status).toBe(201);
    } finally {
      await api.close();
    }
  }, 60_000);
});

describe('one master key for every node of a store on a server', () => {
  it('EVENT_STORE=postgres without MASTER_KEY is refused, naming it, and no key is generated', async () => {
    const dataDir = join(folder, 'node-without-key');
    const env = { EVENT_STORE: 'postgres', DATABASE_URL: TEST_DATABASE_URL, DATA_DIR: dataDir };
    const refusal = loadMasterKey(env, loadConfig(env));
    await expect(refusal).rejects.toThrow(ConfigError);
    await expect(refusal).rejects.toThrow(/^configuration MASTER_KEY: is required with EVENT_STORE=postgres: every node shares the store.*NODE_ENV=development keeps a generated key/);
    // EventStoreDB with its vault and read models on the PostgreSQL server: shared too.
    const eventStoreDb = { EVENT_STORE: 'eventstoredb', EVENTSTORE_URL: 'esdb://localhost:2113?tls=false', DATABASE_URL: TEST_DATABASE_URL, DATA_DIR: dataDir };
    await expect(loadMasterKey(eventStoreDb, loadConfig(eventStoreDb))).rejects.toThrow(/^configuration MASTER_KEY: is required with EVENT_STORE=eventstoredb and DATABASE_URL/);
    expect(existsSync(join(dataDir, 'master-key'))).toBe(false);
  });

  it('a second node with another key is refused on a new store, before any data key exists: the generated one in development, another MASTER_KEY anywhere', async () => {
    const schema = uniqueSchemaName();
    /** Starts a node and closes it again. */
    const node = async (masterKey: Buffer, dataDir = '/nonexistent'): Promise<void> => {
      const app = await createApp({ port: 0, production: false, dataDir, store: { kind: 'postgres', url: TEST_DATABASE_URL, schema }, catalog: DEFAULT_CATALOG, logLevel: 'silent' }, TEST_AUTH, masterKey);
      try {
        await app.init();
      } finally {
        await app.close();
      }
    };
    try {
      await node(TEST_MASTER_KEY);
      // NODE_ENV=development: each node generates a key into its own DATA_DIR.
      const dataDir = join(folder, 'second-node');
      const store = { kind: 'postgres' as const, url: TEST_DATABASE_URL, schema };
      const generated = await loadMasterKey({ NODE_ENV: 'development' }, { dataDir, store });
      await expect(node(generated, dataDir)).rejects.toThrow(
        new RegExp(`the master key file ${join(dataDir, 'master-key')} is missing, yet the store was started with a master key before \\(it keeps a check value of it\\)`),
      );
      expect(existsSync(join(dataDir, 'master-key'))).toBe(false);
      const other = await loadMasterKey({ MASTER_KEY: randomBytes(32).toString('hex') }, { dataDir, store });
      await expect(node(other)).rejects.toThrow(/the master key MASTER_KEY is not the master key this store was started with/);
      await node(TEST_MASTER_KEY);
    } finally {
      await dropSchema(schema);
    }
  }, 60_000);
});
