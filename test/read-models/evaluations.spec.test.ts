import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { EvaluationEvent } from '../../domain/evaluation/events.js';
import type { EvaluationEvidence } from '../../domain/evaluation/evidence.js';
import type { InspectionEvent } from '../../domain/evaluation/inspection.js';
import { evaluationsReadModel } from '../../src/evaluations/index.js';
import type { StoredEvent } from '../../src/event-store/index.js';
import { PgClient } from '../../src/sql/index.js';
import { createTestStore, TEST_DATABASE_URL, type TestStore } from '../support/postgres.js';

/**
 * Given the events of evaluations and inspections stored in the real event store, when the runner
 * applies them to the evaluations read model (in one batch, event by event, or twice), then these rows.
 */
let test: TestStore;
let sql: PgClient;
let stored: StoredEvent[];
const evidence = { quarter: '2026-Q2' } as EvaluationEvidence;

const q2: EvaluationEvent[] = [
  { type: 'EvaluationDrafted', data: { quarter: '2026-Q2', evidence, carriedOver: [] }, occurredAt: '2026-07-06T10:00:00+09:00' },
  { type: 'IndicatorJudged', data: { indicator: '가', rating: 'met', notes: 'Interviews', attachments: [] }, occurredAt: '2026-07-06T11:00:00+09:00' },
  { type: 'ActionAdded', data: { actionId: 'a-1', kind: 'process-improvement', text: 'Template', owner: 'Office', dueOn: '2026-08-31' }, occurredAt: '2026-07-06T12:00:00+09:00' },
  { type: 'ActionAdded', data: { actionId: 'a-2', kind: 'resource-need', text: 'Handler', owner: 'Planning', dueOn: '2026-12-31' }, occurredAt: '2026-07-06T12:10:00+09:00' },
  { type: 'EvaluationSigned', data: { signedBy: 'u-manager', name: 'Kang', role: 'manager' }, occurredAt: '2026-07-07T10:00:00+09:00' },
  { type: 'ActionCompleted', data: { actionId: 'a-1', note: 'Done' }, occurredAt: '2026-08-10T10:00:00+09:00' },
];
const inspection: InspectionEvent[] = [{
  type: 'InspectionRecorded',
  data: { inspectionId: 'i-1', recordedBy: 'u-office', period: { from: '2026-07-01T00:00:00+09:00', to: '2026-08-01T00:00:00+09:00' }, findings: [{ item: '라', rating: 'met', finding: 'Told at each stage' }], sample: { seed: 7, size: 1, population: 3, complaintIds: ['c-2'] } },
  occurredAt: '2026-08-03T10:00:00+09:00',
}];

beforeAll(async () => {
  test = await createTestStore();
  const metadata = { actorId: 'u-office', actorRole: 'complaints-office', commandId: 'c', correlationId: 'c', causationId: 'c' };
  const toStored = (e: EvaluationEvent | InspectionEvent) => ({ type: e.type, schemaVersion: 1, data: e.data as unknown as Record<string, unknown>, metadata: { ...metadata, occurredAt: e.occurredAt } });
  for (const [i, event] of q2.entries()) await test.store.append('evaluation-2026-Q2', [{ ...toStored(event), metadata: { ...toStored(event).metadata, commandId: `c-${i}` } }], { expectedRevision: i === 0 ? 'no-stream' : i - 1 });
  await test.store.append('inspection-i-1', inspection.map(toStored), { expectedRevision: 'no-stream' });
  // Another kind of stream, which the read model leaves alone.
  await test.store.append('improvement-request-r-1', [{ type: 'ImprovementVerified', schemaVersion: 1, data: {}, metadata: { ...metadata, commandId: 'x', occurredAt: '2026-08-01T10:00:00+09:00' } }], { expectedRevision: 'no-stream' });
  // The global order shows a commit only once older transactions (of any session on the server) have ended.
  for (let tries = 0; (stored = await test.store.readAll({ limit: 100 })).length < q2.length + 2 && tries < 100; tries++) await new Promise((resolve) => setTimeout(resolve, 100));
  expect(stored.map((e) => e.type)).toEqual([...q2.map((e) => e.type), 'InspectionRecorded', 'ImprovementVerified']);
  sql = new PgClient(TEST_DATABASE_URL, { max: 2, connectionTimeoutMillis: 3000 });
});
afterAll(async () => {
  await sql.close();
  await test.cleanup();
});

async function project(batches: StoredEvent[][]): Promise<Record<string, unknown[]>> {
  const s = `"${test.schema}"`;
  await sql.query(`DROP TABLE IF EXISTS ${s}.evaluations, ${s}.evaluation_actions, ${s}.inspections`);
  await evaluationsReadModel.migrate(sql, s);
  for (const batch of batches) await sql.transaction((tx) => evaluationsReadModel.apply(tx, s, batch));
  return {
    evaluations: await sql.query(`SELECT quarter, status, signed_by, judged, revision::int AS revision, to_char(signed_at AT TIME ZONE 'Asia/Seoul', 'YYYY-MM-DD HH24:MI') AS signed_at FROM ${s}.evaluations ORDER BY quarter`),
    actions: await sql.query(`SELECT quarter, action_id, status, to_char(due_on, 'YYYY-MM-DD') AS due_on, completed_at IS NOT NULL AS completed FROM ${s}.evaluation_actions ORDER BY quarter, action_id`),
    inspections: await sql.query(`SELECT id, recorded_by, sampled, inspection->'sample'->'complaintIds' AS ids FROM ${s}.inspections ORDER BY id`),
  };
}

describe('the evaluations read model', () => {
  const expected = {
    evaluations: [{ quarter: '2026-Q2', status: 'signed', signed_by: 'u-manager', judged: 1, revision: 5, signed_at: '2026-07-07 10:00' }],
    actions: [
      { quarter: '2026-Q2', action_id: 'a-1', status: 'completed', due_on: '2026-08-31', completed: true },
      { quarter: '2026-Q2', action_id: 'a-2', status: 'open', due_on: '2026-12-31', completed: false },
    ],
    inspections: [{ id: 'i-1', recorded_by: 'u-office', sampled: 1, ids: ['c-2'] }],
  };

  it('given the evaluation and inspection streams in one batch, keeps each evaluation, its actions and each inspection', async () => {
    expect(await project([stored])).toEqual(expected);
  });

  it('gives the same rows event by event, and when every batch is delivered twice (a redelivery changes nothing)', async () => {
    expect(await project(stored.map((e) => [e]))).toEqual(expected);
    expect(await project(stored.flatMap((e) => [[e], [e]]))).toEqual(expected);
  });
});
