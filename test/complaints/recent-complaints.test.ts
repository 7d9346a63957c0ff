import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomBytes, randomUUID } from 'node:crypto';
import { DEFAULT_CATALOG } from '../../domain/catalog.js';
import { complaintOf, decide, replay, type ComplaintState } from '../../domain/complaint/decider.js';
import { ERASED } from '../../domain/complaint/redaction.js';
import { DEFAULT_KOREAN_CALENDAR } from '../../domain/working-time/index.js';
import { ComplaintCodec, complainantKeyOf, loadComplaint } from '../../src/complaint-stream/index.js';
import { ExecuteComplaintCommand, ExecuteComplaintCommandHandler } from '../../src/complaints/execute-complaint-command.js';
import { IdempotencyKeys } from '../../src/commands/index.js';
import type { PostgresEventStore } from '../../src/event-store/postgres/postgres-event-store.js';
import { PersonalDataVault } from '../../src/personal-data/index.js';
import { PgClient } from '../../src/sql/index.js';
import { createTestStore, openTestStore, TEST_DATABASE_URL, type TestStore } from '../support/postgres.js';
import { generateWorkload, type GeneratedCase, type GeneratedStep } from '../support/workload/generator.js';

/** How long a process may use personal data it opened (the vault's key bound), short for the test. */
const KEY_MAX_AGE_MS = 300;
const MASTER_KEY = randomBytes(32);

/** One service process: its own store connection, vault and command handler, on the shared schema. */
interface Process {
  store: PostgresEventStore;
  vault: PersonalDataVault;
  codec: ComplaintCodec;
  handler: ExecuteComplaintCommandHandler;
  close(): Promise<void>;
}

let shared: TestStore;
let a: Process;
let b: Process;
/** A process that keeps opened data for long: only an erasure here makes it open the data again. */
let keeping: Process;

async function startProcess(store: PostgresEventStore, keyMaxAgeMs = KEY_MAX_AGE_MS): Promise<Process> {
  const sql = new PgClient(TEST_DATABASE_URL, { max: 4 });
  const s = `"${shared.schema}"`;
  const vault = await PersonalDataVault.open(sql, s, MASTER_KEY, { keyMaxAgeMs });
  const codec = new ComplaintCodec(vault);
  const handler = new ExecuteComplaintCommandHandler(store, DEFAULT_CATALOG, codec, await IdempotencyKeys.open(sql, s), DEFAULT_KOREAN_CALENDAR);
  return { store, vault, codec, handler, close: () => sql.close() };
}

beforeAll(async () => {
  shared = await createTestStore();
  a = await startProcess(shared.store);
  b = await startProcess(await openTestStore(shared.schema));
  keeping = await startProcess(shared.store, 60_000);
});
afterAll(async () => {
  await a?.close();
  await keeping?.close();
  await b?.store.close();
  await b?.close();
  await shared?.cleanup();
});

const cases = (prefix: string, count: number, minSteps: number): GeneratedCase[] =>
  [...generateWorkload({ seed: 7, complaints: count * 4, idPrefix: `${prefix}-${randomUUID().slice(0, 8)}`, from: '2025-01-01T00:00:00+09:00', to: '2026-01-01T00:00:00+09:00' })]
    .filter((c) => c.steps.length >= minSteps)
    .slice(0, count);

const give = (process: Process, complaintId: string, step: GeneratedStep) =>
  process.handler.execute(new ExecuteComplaintCommand(complaintId, step.command, step.actor, { correlationId: randomUUID() }));

/** What a test compares of a state: where the case is and what it holds. */
const shown = (state: ComplaintState) => ({ value: state.value, context: state.context });

describe('a case this process wrote a moment ago is decided on unread', () => {
  it('gives every command the outcome the stored case gives, though another process moved the case meanwhile', async () => {
    for (const generated of cases('moved', 6, 5)) {
      for (const [i, step] of generated.steps.entries()) {
        // Each process in turn, sometimes twice: each one's memory of the case is often a command behind.
        const by = i % 3 === 1 ? b : a;
        const result = await give(by, generated.complaintId, step);
        const stored = await loadComplaint(shared.store, a.codec, generated.complaintId);
        expect(result.revision).toBe(stored.revision);
        expect(shown(result.state)).toEqual(shown(stored.state));
      }
      const stored = await loadComplaint(shared.store, a.codec, generated.complaintId);
      expect(new Set(stored.events.map((e) => e.metadata.commandId)).size).toBe(generated.steps.length);
    }
  });

  it('refuses a command the stored case refuses, though the case remembered would take it', async () => {
    // A command the case refuses once it was given (its state moved on), given a second time.
    const refusedAgain = (generated: GeneratedCase) =>
      generated.steps.findIndex((step, i) => i > 0 && refuses(step, replay(generated.steps.slice(0, i + 1).flatMap((s) => s.events))));
    const generated = cases('refused', 40, 3).find((c) => refusedAgain(c) > 0)!;
    const { complaintId, steps } = generated;
    const again = refusedAgain(generated);
    for (const step of steps.slice(0, again)) await give(a, complaintId, step);
    // Another process gives it; this one's memory of the case still takes it.
    await give(b, complaintId, steps[again]!);
    const before = await loadComplaint(shared.store, a.codec, complaintId);
    await expect(give(a, complaintId, steps[again]!)).rejects.toThrow();
    expect((await loadComplaint(shared.store, a.codec, complaintId)).revision).toBe(before.revision);
  });

  it('refuses a receipt of a case another process received, though this one never saw the case', async () => {
    const [generated] = cases('received-twice', 1, 1);
    const { complaintId, steps } = generated!;
    await give(b, complaintId, steps[0]!);
    await expect(give(a, complaintId, steps[0]!)).rejects.toThrow(/receive is not allowed/);
    expect((await loadComplaint(shared.store, a.codec, complaintId)).revision).toBe(0);
  });
});

function refuses(step: GeneratedStep, state: ComplaintState): boolean {
  try {
    decide({ ...step.command, by: { roles: step.actor.roles } }, state, DEFAULT_CATALOG, DEFAULT_KOREAN_CALENDAR);
    return false;
  } catch {
    return true;
  }
}

describe('an erasure reaches the cases remembered', () => {
  const erasedComplainant = (state: ComplaintState) => complaintOf(state)?.complainant.name;

  it('at once in the process that erased', async () => {
    const [generated] = cases('erased-here', 1, 3);
    const { complaintId, steps } = generated!;
    await give(keeping, complaintId, steps[0]!);
    const second = await give(keeping, complaintId, steps[1]!);
    expect(erasedComplainant(second.state)).not.toBe(ERASED);
    const key = complainantKeyOf((await loadComplaint(shared.store, a.codec, complaintId)).events)!;
    await keeping.vault.erase(key);
    const third = await give(keeping, complaintId, steps[2]!);
    expect(erasedComplainant(third.state)).toBe(ERASED);
  });

  it('in another process, within twice the key bound', async () => {
    const [generated] = cases('erased-there', 1, 3);
    const { complaintId, steps } = generated!;
    await give(a, complaintId, steps[0]!);
    const second = await give(a, complaintId, steps[1]!);
    expect(erasedComplainant(second.state)).not.toBe(ERASED);
    const key = complainantKeyOf((await loadComplaint(shared.store, a.codec, complaintId)).events)!;
    await b.vault.erase(key);
    // The bound: data opened with a key looked up up to KEY_MAX_AGE_MS before the erasure, used up to KEY_MAX_AGE_MS after it was opened.
    await new Promise((resolve) => setTimeout(resolve, 2 * KEY_MAX_AGE_MS + 50));
    const third = await give(a, complaintId, steps[2]!);
    expect(erasedComplainant(third.state)).toBe(ERASED);
  });
});
