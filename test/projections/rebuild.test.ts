import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { complaintStreamId, COMPLAINT_CODEC, type ComplaintCodec } from '../../src/complaint-stream/index.js';
import { generateCase, type WorkloadOptions } from '../support/workload/generator.js';
import { judgeRepeatOffender, repeatOffenceStreamId } from '../../domain/repeat-offender/judgement.js';
import type { AppConfig } from '../../src/config/config.js';
import type { EventStore, ReadAllOptions } from '../../src/event-store/event-store.js';
import type { SqlClient } from '../../src/sql/index.js';
import { ProjectionRunner } from '../../src/projections/projection-runner.js';
import { readModelsFor } from '../../src/projections/index.js';
import { APP_CONFIG } from '../../src/config/index.js';
import { EVENT_STORE } from '../../src/event-store/index.js';
import { PROJECTIONS } from '../../src/projections/index.js';
import { READ_MODELS } from '../../src/read-models/index.js';
import { complaintBody, staff, startTestApi, type TestApi } from '../support/api.js';

let api: TestApi;
let runner: ProjectionRunner;
let sql: SqlClient;
let store: EventStore;
const rows = async () => sql.query(`SELECT * FROM "${api.schema}".complaint_list ORDER BY id`);

/** Whole generated histories (acknowledgements, decisions, surveys, reopenings), so that every read model has rows. */
const workload: WorkloadOptions = { seed: 7, complaints: 200, idPrefix: 'rebuilt', from: '2026-01-05T00:00:00+09:00', to: '2026-04-01T00:00:00+09:00' };

async function writeGenerated(from: number, to: number): Promise<void> {
  const codec = api.app.get<ComplaintCodec>(COMPLAINT_CODEC);
  for (let i = from; i < to; i++) {
    const generated = generateCase(workload, i);
    const commandId = randomUUID();
    const metadata = { actorId: 'workload', actorRole: 'complaints-office', commandId, correlationId: commandId, causationId: commandId };
    const { stored } = await codec.encode(generated.steps.flatMap((step) => step.events), metadata);
    await store.append(complaintStreamId(generated.complaintId), stored, { expectedRevision: 'no-stream' });
  }
}

/** Every read model's rows, each table in one order whatever its keys. */
async function readModels(): Promise<Record<string, string[]>> {
  const tables: Record<string, string[]> = {};
  for (const p of readModelsFor(api.app.get<AppConfig>(APP_CONFIG))) {
    for (const t of p.tables) tables[t] = (await sql.query(`SELECT * FROM "${api.schema}"."${t}"`)).map((row) => JSON.stringify(row)).sort();
  }
  return tables;
}

beforeAll(async () => {
  api = await startTestApi();
  runner = api.app.get(PROJECTIONS);
  sql = api.app.get<{ sql: SqlClient }>(READ_MODELS).sql;
  store = api.app.get<EventStore>(EVENT_STORE);
  for (let i = 0; i < 30; i++) {
    const { body } = await api.call('POST', '/complaints', { as: staff.intake, body: complaintBody({ category: i % 2 ? 'inquiry' : 'budget-waste' }) });
    if (i % 3 === 0) await api.call('POST', `/complaints/${body.id}/assign`, { as: staff.intake, body: {} });
    // A CS training referral, which the repeat-offence judgements read model keeps.
    if (i === 0) {
      expect((await api.call('POST', `/complaints/${body.id}/record-findings`, { as: { ...staff.handler, department: 'planning' }, body: { summary: 'Rude', subjects: [{ id: 'emp-1', kind: 'employee', substantiated: true, reason: 'discourtesy' }] } })).status).toBe(200);
      expect((await api.call('POST', `/complaints/${body.id}/refer-to-training`, { as: staff.office, body: { subjectId: 'emp-1', programme: 'Courtesy 1' } })).status).toBe(200);
    }
    // Improvement requests from some of them, streams of their own that the read models also rebuild.
    if (i % 10 === 0) {
      const filed = await api.call('POST', '/improvement-requests', { as: staff.office, body: { department: 'inspection', complaints: [body.id], change: 'Check meters yearly', reason: 'Leaks' } });
      expect(filed.status).toBe(201);
      if (i > 0) await api.call('POST', `/improvement-requests/${filed.body.id}/plan`, { as: staff.head, body: { plan: 'A yearly round' } });
    }
  }
  await runner.caughtUp();
});
afterAll(async () => {
  await api.close();
});

describe('rebuilding a projection', () => {
  it('gives the same rows as the live projection', async () => {
    const live = await rows();
    const progress: number[] = [];
    const { events } = await runner.rebuild(['complaint-list'], ({ done }) => progress.push(done));
    expect(events).toBe(await api.storedEvents());
    expect(progress[progress.length - 1]).toBe(events);
    expect(await rows()).toEqual(live);
  });

  it('gives the same improvement requests as the live read model: their streams are replayed like complaints\'', async () => {
    const requests = async () => sql.query(`SELECT * FROM "${api.schema}".improvement_requests ORDER BY id`);
    const live = await requests();
    expect(live.map((row) => row.state).sort()).toEqual(['planned', 'planned', 'requested']);
    await runner.rebuild(['improvement-requests']);
    expect(await requests()).toEqual(live);
  });

  it('keeps answering queries while it runs, and misses nothing written meanwhile', async () => {
    let writes = 0;
    let failedQueries = 0;
    const rebuilding = runner.rebuild();
    const traffic = (async () => {
      for (let i = 0; i < 10; i++) {
        const created = await api.call('POST', '/complaints', { as: staff.intake, body: complaintBody() });
        if (created.status === 201) writes++;
        const list = await api.call('GET', '/complaints?limit=5', { as: staff.manager });
        if (list.status !== 200) failedQueries++;
      }
    })();
    await Promise.all([rebuilding, traffic]);
    await runner.caughtUp();
    expect(failedQueries).toBe(0);
    expect(writes).toBe(10);
    const [{ n }] = (await sql.query(`SELECT count(*)::int AS n FROM "${api.schema}".complaint_list`)) as [{ n: number }];
    expect(n).toBe(40);
    const live = await readModels();
    await runner.rebuild();
    expect(await readModels()).toEqual(live);
  });

  it('rebuilds every read model in one pass into exactly the live tables, and catches up when the live runner got ahead of it before the swap', async () => {
    await writeGenerated(1, workload.complaints);
    // A read model of another kind of stream: the repeat-offence judgements.
    const judged = judgeRepeatOffender({ offence: { subject: { id: 'emp-1', kind: 'employee' }, reason: 'delay', year: 2026 }, verdict: 'fit', explanation: 'Interviewed', now: new Date().toISOString() }, true);
    const commandId = randomUUID();
    await store.append(repeatOffenceStreamId(judged.data), [{ type: judged.type, schemaVersion: 1, data: { ...judged.data }, metadata: { actorId: 'u-office', actorRole: 'complaints-office', occurredAt: judged.occurredAt, commandId, correlationId: commandId, causationId: commandId } }], { expectedRevision: 'no-stream' });
    // The yearly records' streams: a staff survey answer and a nomination.
    expect((await api.call('POST', '/staff-surveys/2026/answers', { as: staff.handler, body: { scores: { workload: 3, overall: 4 } } })).status).toBe(201);
    const nomination = { year: 2026, kind: 'handling', department: 'inspection', nominee: { kind: 'employee', id: 'emp-1' }, reason: 'Same-day fix' };
    expect((await api.call('POST', '/nominations', { as: staff.head, body: nomination })).status).toBe(201);
    // A quarterly evaluation with an action, and an ad-hoc inspection.
    expect((await api.call('POST', '/evaluations', { as: staff.office, body: { quarter: '2026-Q1' } })).status).toBe(201);
    const action = { kind: 'resource-need', text: 'One more handler', owner: 'HR', dueOn: '2026-12-31' };
    expect((await api.call('POST', '/evaluations/2026-Q1/add-action', { as: staff.office, body: action })).status).toBe(200);
    const inspection = { from: '2026-01-01T00:00:00+09:00', to: '2026-04-01T00:00:00+09:00', findings: [{ item: '가', rating: 'met', finding: 'Procedure followed' }] };
    expect((await api.call('POST', '/inspections', { as: staff.office, body: inspection })).status).toBe(201);
    await runner.caughtUp();
    let live: Record<string, string[]> | undefined;
    // The rebuild's reads: once it has read everything, one more case (a whole history) is written, and
    // the live runner applies it, so its checkpoints are ahead of the rebuild's when the rebuild comes to swap.
    const racing = Object.create(store, {
      readAll: {
        value: async (options: ReadAllOptions) => {
          const batch = await store.readAll(options);
          if (batch.length === 0 && live === undefined) {
            await writeGenerated(0, 1);
            await runner.caughtUp();
            live = await readModels();
          }
          return batch;
        },
      },
    }) as EventStore;
    const rebuilder = new ProjectionRunner(racing, sql, readModelsFor(api.app.get<AppConfig>(APP_CONFIG)), api.schema);
    const { events } = await rebuilder.rebuild();
    expect(events).toBe(await api.storedEvents());
    expect(Object.values(live!).every((table) => table.length > 0)).toBe(true);
    await runner.caughtUp();
    expect(await readModels()).toEqual(live);
  });

  it('refuses an unknown projection by name', async () => {
    await expect(runner.rebuild(['nonsense'])).rejects.toThrow(/unknown projection nonsense; known: .*complaint-list/);
  });

  it('reports each projection with its position and no lag once caught up', async () => {
    await runner.caughtUp();
    const status = await api.call('GET', '/projections', { as: staff.manager });
    expect(status.body.projections).toContainEqual(expect.objectContaining({ name: 'complaint-list', lag: 0, running: true }));
  });
});
