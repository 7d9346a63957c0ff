import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { DEFAULT_CATALOG } from '../../domain/catalog.js';
import { createApp } from '../../src/app.module.js';
import { loadAuthConfig } from '../../src/auth/index.js';
import { ConfigError, describeStartFailure, loadConfig, type StartFailure } from '../../src/config/index.js';
import { openStorage } from '../../src/event-store/index.js';
import { loadMasterKey } from '../../src/personal-data/index.js';
import { secretsOf } from '../../src/serve.js';
import { tracingWanted } from '../../src/telemetry.js';
import { complaintBody, staff, startTestApi, TEST_AUTH, TEST_MASTER_KEY } from '../support/api.js';
import { emptyPgliteCluster } from '../support/pglite.js';
import { buildService, envOnSchema, freePort, startBuiltService } from '../support/built-service.js';
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

/**
 * Starts the built service with `env` (a variable given as undefined is left out), which must fail;
 * its exit code and its output's lines, each parsed as JSON.
 */
async function failedStart(env: Record<string, string | undefined>): Promise<{ code: number | null; lines: Record<string, unknown>[] }> {
  const given = { PATH: process.env.PATH ?? '', PORT: '0', DATA_DIR: folder, AUTH_JWT_SECRET: TEST_AUTH.secret, MASTER_KEY: TEST_MASTER_KEY.toString('hex'), ...env };
  const child = spawn(process.execPath, ['dist/src/main.js'], {
    cwd: ROOT,
    env: Object.fromEntries(Object.entries(given).filter(([, value]) => value !== undefined)),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const code = await new Promise<number | null>((done) => child.once('exit', done));
  return { code, lines: output.split('\n').filter((line) => line.trim() !== '').map((line) => JSON.parse(line) as Record<string, unknown>) };
}

/**
 * What the start says of `env` when it refuses a setting before it opens the store, found in this process
 * through the start's own steps (main.ts's tracing check, the settings, serve.ts's secrets): the setting
 * and the failed start's message. `failedStart` shows that the process logs them so, as a JSON line, and
 * exits 1; starting a process for every refusal cost the suite a minute of CPU.
 */
async function refusalOf(env: Record<string, string | undefined>): Promise<{ code: number; lines: Record<string, unknown>[] }> {
  const given = Object.fromEntries(
    Object.entries({ PORT: '0', DATA_DIR: folder, AUTH_JWT_SECRET: TEST_AUTH.secret, MASTER_KEY: TEST_MASTER_KEY.toString('hex'), ...env }).filter(([, value]) => value !== undefined),
  );
  try {
    tracingWanted(given);
    await secretsOf(given, loadConfig(given));
  } catch (error) {
    const { setting, message } = describeStartFailure(error, given);
    // In the shape `expectRefused` reads from a failed start's output.
    return { code: 1, lines: [{ level: 60, service: 'complaint-engine', setting, msg: `failed to start: ${message}` }] };
  }
  throw new Error(`nothing was refused: ${JSON.stringify(env)}`);
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

/** Each start's exit code and its one line: level 60, naming `setting`, its message matching. */
function expectRefused(starts: { code: number | null; lines: Record<string, unknown>[] }[], expected: [string, RegExp][]): void {
  starts.forEach(({ code, lines }, i) => {
    const [setting, message] = expected[i]!;
    expect({ code, lines }).toEqual({ code: 1, lines: [expect.objectContaining({ level: 60, service: 'complaint-engine', setting, msg: expect.stringMatching(message) })] });
  });
}

describe('NODE_ENV, and the signing secret of a store on a server', () => {
  it('a store on a server without AUTH_JWT_SECRET does not start unless NODE_ENV=development says so, as without MASTER_KEY; no secret is generated', async () => {
    await buildService();
    const dataDir = join(folder, 'no-signing-secret');
    const server = { EVENT_STORE: 'postgres', DATABASE_URL: TEST_DATABASE_URL, DATA_DIR: dataDir, AUTH_JWT_SECRET: undefined };
    // No NODE_ENV, and `test`, what Jest sets: neither says development.
    const starts = await Promise.all([failedStart(server), refusalOf({ ...server, NODE_ENV: 'test' }), refusalOf({ ...server, NODE_ENV: '' })]);
    const refusal = /^failed to start: AUTH_JWT_SECRET or AUTH_JWKS_URL is required with EVENT_STORE=postgres: .*POST \/dev\/tokens.*NODE_ENV=development keeps a generated secret in /;
    expectRefused(starts, [['AUTH_JWT_SECRET', refusal], ['AUTH_JWT_SECRET', refusal], ['AUTH_JWT_SECRET', refusal]]);
    expect(existsSync(join(dataDir, 'auth-secret'))).toBe(false);
  }, 120_000);

  it('NODE_ENV other than production, development or test is refused, naming NODE_ENV (Production, prod: not silently development)', async () => {
    await buildService();
    const starts = await Promise.all([
      failedStart({ NODE_ENV: 'Production', EVENT_STORE: 'postgres', DATABASE_URL: TEST_DATABASE_URL, AUTH_JWT_SECRET: undefined }),
      refusalOf({ NODE_ENV: 'prod', EVENT_STORE: 'postgres', DATABASE_URL: TEST_DATABASE_URL, AUTH_JWT_SECRET: undefined }),
    ]);
    expectRefused(starts, [
      ['NODE_ENV', /^failed to start: configuration NODE_ENV: must be production, development or test \(lower case\), or unset, not "Production"/],
      ['NODE_ENV', /configuration NODE_ENV: .* not "prod"/],
    ]);
  }, 120_000);

  it('NODE_ENV=development on a store on a server generates the secret in DATA_DIR and hands out development tokens', async () => {
    await buildService();
    const schema = uniqueSchemaName();
    const dataDir = join(folder, 'development-node');
    const { AUTH_JWT_SECRET: _secret, MASTER_KEY: _key, ...env } = await envOnSchema(schema);
    const service = await startBuiltService({ ...env, NODE_ENV: 'development', DATA_DIR: dataDir });
    try {
      const minted = await fetch(`${service.url}/dev/tokens`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ role: 'complaints-office' }) });
      expect(minted.status).toBe(201);
      expect(existsSync(join(dataDir, 'auth-secret'))).toBe(true);
    } finally {
      service.child.kill('SIGTERM');
      await service.exited;
      await dropSchema(schema);
    }
  }, 120_000);

  it("the README's first command (npm start: the embedded store, nothing set) starts with development tokens", async () => {
    await buildService();
    const dataDir = join(folder, 'fresh-machine');
    // Only the empty cluster copied in (initdb's CPU-seconds); the service makes the rest as on a new machine.
    await emptyPgliteCluster(join(dataDir, 'pglite'));
    const [port, metricsPort] = [await freePort(), await freePort()];
    const service = await startBuiltService({ PORT: String(port), DATA_DIR: dataDir, METRICS_PORT: String(metricsPort) });
    try {
      const minted = await fetch(`${service.url}/dev/tokens`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ role: 'complaints-office' }) });
      expect(minted.status).toBe(201);
      // Where it listens, the metrics port too (the operator tester found no line saying so).
      const said = service.output().split('\n').filter((line) => line.startsWith('{')).map((line) => JSON.parse(line) as { msg: string });
      expect(said.map((line) => line.msg)).toEqual(expect.arrayContaining([
        expect.stringMatching(new RegExp(`^complaint engine listening on http://localhost:${port} `)),
        `metrics without a token on http://localhost:${metricsPort}/metrics`,
      ]));
    } finally {
      service.child.kill('SIGTERM');
      await service.exited;
    }
  }, 120_000);
});

describe('an empty value is an unset one, for every variable', () => {
  it('every variable of the README table set to "" (or spaces) reads as its default: PORT not 0, sealing and the drain not off, METRICS_PORT not a random port', async () => {
    const readme = await readFile(join(ROOT, 'README.md'), 'utf8');
    const table = readme.slice(readme.indexOf('## Configuration'), readme.indexOf('## One complaint'));
    const variables = [...table.matchAll(/^\| (.+?) \|/gm)].flatMap(([, names]) => [...names!.matchAll(/`([A-Z][A-Z0-9_]+)`/g)].map(([, name]) => name!));
    expect(variables).toEqual(expect.arrayContaining(['PORT', 'METRICS_PORT', 'AUDIT_SEAL_INTERVAL_MS', 'SHUTDOWN_DRAIN_MS', 'SHUTDOWN_TIMEOUT_MS', 'NODE_ENV', 'LOG_LEVEL', 'NOTICE_IMPROVEMENT_REMINDER_DAYS']));
    for (const empty of ['', '  ']) {
      const env = Object.fromEntries(variables.map((name) => [name, empty]));
      expect(loadConfig(env)).toEqual(loadConfig({}));
      expect(tracingWanted(env)).toBe(false);
      const dataDir = join(folder, `empty-values-${empty.length}`);
      await expect(loadAuthConfig({ ...env, DATA_DIR: dataDir })).resolves.toMatchObject({ kind: 'shared-secret', secretSource: 'dev-file' });
    }
    const { port, sealIntervalMs, operations } = loadConfig({ PORT: '', METRICS_PORT: '', AUDIT_SEAL_INTERVAL_MS: '', SHUTDOWN_DRAIN_MS: '', SHUTDOWN_TIMEOUT_MS: '' });
    expect({ port, sealIntervalMs, operations }).toEqual({ port: 3000, sealIntervalMs: 1000, operations: { readyMaxLagEvents: 1000, readyMaxNoticeDelaySeconds: 900, shutdownDrainMs: 5000, shutdownTimeoutMs: 10000, readYourWritesWaitMs: 2000 } });
  });
});

describe('every refused setting is named in the failed start', () => {
  it('LOG_LEVEL, the AUTH_* settings, METRICS_PORT equal to PORT, OTEL_TRACES_EXPORTER, a MASTER_KEY that is not base64, a READ_YOUR_WRITES_WAIT_MS that is no number, DATABASE_URL without EVENT_STORE, no shutdown time, a DATA_DIR that is a file: exit 1, `setting` and the rule', async () => {
    await buildService();
    const port = String(await freePort());
    const cases: [Record<string, string | undefined>, string, RegExp][] = [
      [{ LOG_LEVEL: 'verbose' }, 'LOG_LEVEL', /^failed to start: configuration LOG_LEVEL: must be one of fatal, error, warn, info, debug, trace, silent, not "verbose"$/],
      [{ NODE_ENV: 'production', AUTH_JWT_SECRET: undefined }, 'AUTH_JWT_SECRET', /refuses to start without AUTH_JWT_SECRET or AUTH_JWKS_URL in production/],
      [{ AUTH_JWT_SECRET: 'short' }, 'AUTH_JWT_SECRET', /AUTH_JWT_SECRET is too short: it must be at least 32 bytes/],
      [{ AUTH_JWT_SECRET: undefined, AUTH_JWKS_URL: 'not-a-url' }, 'AUTH_JWKS_URL', /AUTH_JWKS_URL is not a valid URL/],
      [{ AUTH_TOKEN_MAX_LIFETIME: 'forever' }, 'AUTH_TOKEN_MAX_LIFETIME', /AUTH_TOKEN_MAX_LIFETIME must be a positive duration such as 12h/],
      [{ PORT: port, METRICS_PORT: port }, 'METRICS_PORT', new RegExp(`configuration METRICS_PORT: must differ from PORT \\(both are ${port}\\)`)],
      [{ OTEL_TRACES_EXPORTER: 'oltp' }, 'OTEL_TRACES_EXPORTER', /^failed to start: configuration OTEL_TRACES_EXPORTER: must name exporters among otlp, console, zipkin, none \(comma-separated\), not "oltp"$/],
      [{ OTEL_EXPORTER_OTLP_PROTOCOL: 'http' }, 'OTEL_EXPORTER_OTLP_PROTOCOL', /configuration OTEL_EXPORTER_OTLP_PROTOCOL: must be one of http\/protobuf, http\/json, grpc, not "http"/],
      [{ MASTER_KEY: `${'!'.repeat(40)}AAA=` }, 'MASTER_KEY', /^failed to start: configuration MASTER_KEY: must be 32 bytes, as 64 hex digits or base64$/],
      [{ READ_YOUR_WRITES_WAIT_MS: '2s' }, 'READ_YOUR_WRITES_WAIT_MS', /^failed to start: configuration READ_YOUR_WRITES_WAIT_MS: must be a whole number from 0 to 60000$/],
      // The operator tester's: a server's URL without EVENT_STORE ran every node on an embedded store of its own.
      [{ DATABASE_URL: TEST_DATABASE_URL }, 'EVENT_STORE', /^failed to start: configuration EVENT_STORE: is not set, so the store is the embedded one \(pglite\), and DATABASE_URL would be ignored: set EVENT_STORE=postgres/],
      [{ SHUTDOWN_TIMEOUT_MS: '0' }, 'SHUTDOWN_TIMEOUT_MS', /^failed to start: configuration SHUTDOWN_TIMEOUT_MS: must be a whole number of milliseconds from 1/],
      [{ DATA_DIR: '/etc/hostname', AUTH_JWT_SECRET: undefined }, 'DATA_DIR', /^failed to start: DATA_DIR: cannot write \/etc\/hostname\S* \(ENOTDIR\): the service keeps its embedded store and generated secrets in \/etc\/hostname/],
    ];
    // The first as a process (its JSON line for real), the others through the same steps in this process.
    const starts = [await failedStart(cases[0]![0])];
    for (const [env] of cases.slice(1)) starts.push(await refusalOf(env));
    expectRefused(starts, cases.map(([, setting, message]) => [setting, message]));
  }, 120_000);

  it('a port another process listens on names PORT', async () => {
    await buildService();
    const taken = createServer();
    await new Promise<void>((done) => taken.listen(0, done));
    const { port } = taken.address() as AddressInfo;
    try {
      // Nest logs the listen's error (level 50) before the service's line.
      await emptyPgliteCluster(join(folder, 'port-taken', 'pglite'));
      const { code, lines } = await failedStart({ PORT: String(port), DATA_DIR: join(folder, 'port-taken'), LOG_LEVEL: 'error' });
      const fatal = lines.filter((line) => line.level === 60);
      const message = new RegExp(`^failed to start: configuration PORT: port ${port} is in use: another process .* listens there; stop it, or set PORT to a free port`);
      expectRefused([{ code, lines: fatal }], [['PORT', message]]);
    } finally {
      taken.close();
    }
  }, 120_000);
});
