import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, openSync } from 'node:fs';
import { replay } from '../../domain/complaint/decider.js';
import { complaintStreamId, toDomainEvent } from '../../src/complaint-stream/index.js';
import type { ComplaintCommandType } from '../../domain/complaint/commands.js';
import { signSharedSecretToken } from '../../src/auth/sign-token.js';
import { idempotentId } from '../../src/commands/index.js';
import { loadConfig } from '../../src/config/config.js';
import { readModelsFor } from '../../src/projections/index.js';
import { validBody, type CaseView } from '../support/command-bodies.js';
import { complaintBody, staff, TEST_AUTH, TEST_MASTER_KEY } from '../support/api.js';
import { buildService, freePort } from '../support/built-service.js';
import { connectAdmin, dropSchema, openTestStore, TEST_DATABASE_URL, uniqueSchemaName } from '../support/postgres.js';

/** `npm run test:reliability` kills the server 20 times or more; `npm test` a bounded run. */
const KILLS = Number(process.env.RELIABILITY_KILLS ?? 4);
const CLIENTS = 8;

const schema = uniqueSchemaName();
let port = 0;
let server: ChildProcess | undefined;
let token = '';
mkdirSync('artifacts', { recursive: true });
const serverLog = openSync('artifacts/crash-server.log', 'w');

async function startServer(): Promise<void> {
  server = spawn(process.execPath, ['dist/src/main.js'], {
    env: { ...process.env, EVENT_STORE: 'postgres', DATABASE_URL: TEST_DATABASE_URL, DATABASE_SCHEMA: schema, AUTH_JWT_SECRET: TEST_AUTH.secret, MASTER_KEY: TEST_MASTER_KEY.toString('hex'), PORT: String(port), LOG_LEVEL: 'error' },
    // The servers' error lines, to explain a 5xx: artifacts/crash-server.log.
    stdio: ['ignore', serverLog, serverLog],
  });
  for (let i = 0; i < 200; i++) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/health`)).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('the server did not come up');
}

function kill(): Promise<void> {
  return new Promise((resolve) => {
    if (!server || server.exitCode !== null || server.signalCode !== null) return resolve();
    server.once('exit', () => resolve());
    server.kill('SIGKILL');
  });
}

interface Attempt {
  path: string;
  body: unknown;
  key: string;
  acknowledged: boolean;
}

async function send(attempt: Attempt): Promise<number | undefined> {
  try {
    const response = await fetch(`http://127.0.0.1:${port}${attempt.path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'idempotency-key': attempt.key },
      body: JSON.stringify(attempt.body),
    });
    await response.text();
    if (response.status >= 500) throw new Error(`${attempt.path} answered ${response.status}`);
    if (response.status === 200 || response.status === 201) attempt.acknowledged = true;
    return response.status;
  } catch (error) {
    if (String(error).includes('answered')) throw error;
    return undefined; // the server died under the request: not acknowledged
  }
}

beforeAll(async () => {
  await buildService();
  port = await freePort();
  token = await signSharedSecretToken(TEST_AUTH, { sub: staff.office.sub, roles: ['complaints-office'] });
}, 120_000);
afterAll(async () => {
  await kill();
  await dropSchema(schema);
});

describe(`the server killed with SIGKILL ${KILLS} times under load`, () => {
  it('loses no acknowledged command, duplicates none, and its read models equal a fresh rebuild', async () => {
    const attempts: Attempt[] = [];
    const caseIds: string[] = [];
    const receipts: string[] = [];
    let n = 0;
    for (let round = 0; round < KILLS; round++) {
      await startServer();
      let running = true;
      const load = async (c: number) => {
        while (running) {
          const i = n++;
          if (caseIds.length < 20 || i % 5 === 0) {
            const attempt: Attempt = { path: '/complaints', body: complaintBody(), key: `receive-${i}`, acknowledged: false };
            attempts.push(attempt);
            receipts.push(idempotentId(staff.office.sub, `complaint:${attempt.key}`));
            if ((await send(attempt)) === undefined) return;
            caseIds.push(receipts[receipts.length - 1]!);
            continue;
          }
          const caseId = caseIds[(i * 31 + c) % caseIds.length]!;
          let view: CaseView & { yourCommands?: ComplaintCommandType[] };
          try {
            view = await (await fetch(`http://127.0.0.1:${port}/complaints/${caseId}`, { headers: { authorization: `Bearer ${token}` } })).json() as typeof view;
          } catch {
            return;
          }
          const commands = (view.yourCommands ?? []).filter((x) => x !== 'withdraw');
          if (commands.length === 0) continue;
          const command = commands[i % commands.length]!;
          const attempt: Attempt = { path: `/complaints/${caseId}/${command}`, body: validBody(command, view, i), key: `k-${i}`, acknowledged: false };
          attempts.push(attempt);
          if ((await send(attempt)) === undefined) return;
        }
      };
      const clients = Array.from({ length: CLIENTS }, (_, c) => load(c));
      await new Promise((r) => setTimeout(r, 300 + Math.random() * 1200));
      await kill();
      running = false;
      await Promise.all(clients);
    }

    // After the last restart, clients retry what was never answered, with the same Idempotency-Key.
    await startServer();
    const unanswered = attempts.filter((a) => !a.acknowledged);
    for (const attempt of unanswered) await send(attempt);
    for (;;) {
      const status = (await (await fetch(`http://127.0.0.1:${port}/projections`, { headers: { authorization: `Bearer ${token}` } })).json()) as { projections: { lag: number }[] };
      if (status.projections.every((p) => p.lag === 0)) break;
      await new Promise((r) => setTimeout(r, 100));
    }

    const store = await openTestStore(schema);
    const admin = await connectAdmin();
    try {
      const storedCommands = new Map<string, number>();
      for (const caseId of new Set(receipts)) {
        const events = await store.readStream(complaintStreamId(caseId));
        expect(() => replay(events.map(toDomainEvent))).not.toThrow();
        events.forEach((e, i) => {
          if (events[i - 1]?.metadata.commandId !== e.metadata.commandId) storedCommands.set(e.metadata.commandId, (storedCommands.get(e.metadata.commandId) ?? 0) + 1);
        });
      }
      const acknowledged = attempts.filter((a) => a.acknowledged);
      for (const a of acknowledged) expect({ key: a.key, stored: storedCommands.get(idempotentId(staff.office.sub, a.key)) }).toEqual({ key: a.key, stored: 1 });
      expect([...storedCommands.values()].every((count) => count === 1)).toBe(true);

      // Every read model the server keeps, each table's rows in one order whatever their keys.
      const snapshot = async () => {
        const tables: Record<string, string[]> = {};
        for (const p of readModelsFor(loadConfig({ EVENT_STORE: 'postgres', DATABASE_URL: TEST_DATABASE_URL }))) {
          for (const t of p.tables) tables[t] = (await admin.query(`SELECT * FROM "${schema}"."${t}"`)).rows.map((row) => JSON.stringify(row)).sort();
        }
        return tables;
      };
      const live = await snapshot();
      await kill();
      execFileSync(process.execPath, ['dist/scripts/projections-rebuild.js'], {
        env: { ...process.env, EVENT_STORE: 'postgres', DATABASE_URL: TEST_DATABASE_URL, DATABASE_SCHEMA: schema },
        stdio: 'ignore',
      });
      expect(await snapshot()).toEqual(live);
      console.log(
        `crash: ${KILLS} SIGKILLs, ${attempts.length} requests, ${acknowledged.length} acknowledged before a kill or on retry, ` +
          `${unanswered.length} unanswered and retried, ${storedCommands.size} commands stored, read models equal a rebuild`,
      );
    } finally {
      await admin.end();
      await store.close();
    }
  }, 600_000);
});
