import { afterAll, beforeAll } from '@jest/globals';
import type { INestApplication } from '@nestjs/common';
import type pg from 'pg';
import type { DestinationStream } from 'pino';
import { createApp } from '../../src/app.module.js';
import { loadOperationsConfig, type AppConfig } from '../../src/config/config.js';
import type { SharedSecretAuthConfig } from '../../src/auth/auth-config.js';
import { signSharedSecretToken, type TokenClaims } from '../../src/auth/sign-token.js';
import { DEFAULT_CATALOG } from '../../domain/catalog.js';
import { receiveCommand } from './complaint-fixtures.js';
import type { EventStore, GlobalPosition } from '../../src/event-store/event-store.js';
import { EVENT_STORE } from '../../src/event-store/index.js';
import { READ_MODELS, type ReadModelDatabase } from '../../src/read-models/index.js';
import { connectAdmin, dropSchema, TEST_DATABASE_URL, uniqueSchemaName } from './postgres.js';
import { emptyPgliteCluster } from './pglite.js';

const NOTICE_OUTCOMES: ReadonlySet<string> = new Set(['NoticeDelivered', 'NoticeFailed']);

export const TEST_AUTH: SharedSecretAuthConfig = { kind: 'shared-secret', secret: 'test-secret-of-at-least-thirty-two-bytes!', secretSource: 'env' };

/** The master key of test services: fixed, so a test can open what another process sealed. */
export const TEST_MASTER_KEY = Buffer.alloc(32, 7);

export interface TestApi {
  app: INestApplication;
  url: string;
  schema: string;
  token(claims: TokenClaims): Promise<string>;
  /** fetch against the app, JSON in and out, with a bearer token for `as`. */
  call(method: string, path: string, options?: { as?: TokenClaims; body?: unknown; headers?: Record<string, string> }): Promise<ApiResponse>;
  /** How many events the store's global order shows now (what a rebuild reads); to check a refused request stored nothing, `eventsStoredByRequests`. */
  storedEvents(): Promise<number>;
  /** The events requests stored (on PostgreSQL): all but the notice sender's, which it appends on its own while a test runs. */
  eventsStoredByRequests(): Promise<number>;
  close(): Promise<void>;
}

export interface ApiResponse {
  status: number;
  headers: Headers;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  body: any;
}

export interface TestApiOptions {
  /** Another instance's schema: shared, and left for its owner to drop. */
  schema?: string;
  /** Replaces parts of the test configuration (e.g. `notices`, `logLevel`). */
  config?: Partial<AppConfig>;
  /** Where the service's log lines go (with `config.logLevel`). */
  logDestination?: DestinationStream;
  /** The service's clock (business time); the system clock when not given. */
  clock?: () => Date;
}

/**
 * How long a read with X-Read-Your-Writes waits in tests (READ_YOUR_WRITES_WAIT_MS; 2 s by default). The
 * suites share two cores four at a time: a read model may be seconds behind, and a test that reads its own
 * writes should then wait for them, not fail (test/api/read-your-writes.e2e.test.ts tests the bound).
 */
const TEST_READ_YOUR_WRITES_WAIT_MS = 20_000;

/** The whole service over real HTTP, on the real PostgreSQL server, in a schema of its own. */
export async function startTestApi(options: TestApiOptions = {}): Promise<TestApi> {
  const schema = options.schema ?? uniqueSchemaName();
  const store = options.config?.store;
  if (store?.kind === 'pglite' && store.dataDir !== undefined) await emptyPgliteCluster(store.dataDir);
  const app = await createApp(
    {
      port: 0, production: false, dataDir: '/nonexistent', store: { kind: 'postgres', url: TEST_DATABASE_URL, schema, pollIntervalMs: 50 }, catalog: DEFAULT_CATALOG,
      logLevel: process.env.TEST_LOG_LEVEL ?? 'silent', operations: { ...loadOperationsConfig({}), readYourWritesWaitMs: TEST_READ_YOUR_WRITES_WAIT_MS }, ...options.config,
    },
    TEST_AUTH,
    TEST_MASTER_KEY,
    { logDestination: options.logDestination, clock: options.clock },
  );
  try {
    await app.listen(0, '127.0.0.1');
  } catch (error) {
    // A start that failed half-way still holds pools, timers and the notice sender: let Jest exit.
    await app.close().catch(() => undefined);
    if (!options.schema) await dropSchema(schema);
    throw error;
  }
  const address = app.getHttpServer().address() as { port: number };
  const url = `http://127.0.0.1:${address.port}`;
  const token = (claims: TokenClaims) => signSharedSecretToken(TEST_AUTH, claims);
  return {
    app,
    url,
    schema,
    token,
    async call(method, path, { as, body, headers = {} } = {}) {
      const response = await fetch(url + path, {
        method,
        headers: {
          ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
          ...(as ? { authorization: `Bearer ${await token(as)}` } : {}),
          ...headers,
        },
        body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
      });
      const text = await response.text();
      let parsed: unknown = text;
      try {
        parsed = JSON.parse(text);
      } catch {
        // not JSON: keep the text
      }
      return { status: response.status, headers: response.headers, body: parsed };
    },
    async storedEvents() {
      const store = app.get<EventStore>(EVENT_STORE);
      let count = 0;
      let after: GlobalPosition | undefined;
      for (;;) {
        const batch = await store.readAll({ after, limit: 1000 });
        if (batch.length === 0) return count;
        count += batch.length;
        after = batch[batch.length - 1]!.position;
      }
    },
    // Counted in the table: the store's global order shows a commit only once older transactions end.
    async eventsStoredByRequests() {
      const { sql, s } = app.get<ReadModelDatabase>(READ_MODELS);
      const [row] = await sql.query<{ n: string }>(`SELECT count(*) AS n FROM ${s}.events WHERE type <> ALL($1)`, [[...NOTICE_OUTCOMES]]);
      return Number(row!.n);
    },
    async close() {
      await app.close();
      if (!options.schema) await dropSchema(schema);
    },
  };
}

/** The service for a whole suite, with a plain connection to its database: opened before the suite's tests, closed after. */
export function serviceForSuite(): { readonly api: TestApi; readonly admin: pg.Client } {
  const suite = {} as { api: TestApi; admin: pg.Client };
  beforeAll(async () => {
    suite.api = await startTestApi();
    suite.admin = await connectAdmin();
  });
  afterAll(async () => {
    await suite.admin?.end();
    await suite.api?.close();
  });
  return suite;
}

export const staff = {
  intake: { sub: 'u-intake', name: 'Intake Kim', roles: ['intake'] },
  handler: { sub: 'u-handler', name: 'Handler Lee', roles: ['handler'], department: 'inspection' },
  otherHandler: { sub: 'u-other', name: 'Handler Park', roles: ['handler'], department: 'audit' },
  head: { sub: 'u-head', name: 'Head Choi', roles: ['department-head'], department: 'inspection' },
  office: { sub: 'u-office', name: 'Office Jung', roles: ['complaints-office'] },
  manager: { sub: 'u-manager', name: 'Manager Kang', roles: ['manager'] },
  auditor: { sub: 'u-auditor', name: 'Auditor Yoon', roles: ['auditor'] },
  admin: { sub: 'u-admin', name: 'Admin Han', roles: ['admin'] },
} satisfies Record<string, TokenClaims>;

/** An instant as every answer writes it: in UTC (src/http/utc-instants.ts). */
export const utc = (instant: string): string => new Date(instant).toISOString();

/** A valid body for `POST /complaints`: the fixtures' receipt, without the id the server assigns. */
export const complaintBody = (overrides: Record<string, unknown> = {}) => {
  const { complaintId: _id, ...body } = receiveCommand().data as Record<string, unknown>;
  return { ...body, ...overrides };
};
