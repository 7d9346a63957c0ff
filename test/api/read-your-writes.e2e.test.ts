import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { loadOperationsConfig } from '../../src/config/index.js';
import { complaintBody, staff, startTestApi, type TestApi } from '../support/api.js';
import { dropSchema, uniqueSchemaName } from '../support/postgres.js';

// Given to both nodes, so that closing the leader leaves it in place.
const schema = uniqueSchemaName();
/** READ_YOUR_WRITES_WAIT_MS of the node that feeds no read model. */
const WAIT_MS = 5_000;
const started: TestApi[] = [];
let leader: TestApi;
/** Feeds no read model: the leader does, on the same schema, until it is closed. */
let node: TestApi;
beforeAll(async () => {
  leader = await startTestApi({ schema });
  started.push(leader);
  node = await startTestApi({ schema, config: { projections: 'off', operations: { ...loadOperationsConfig({}), readYourWritesWaitMs: WAIT_MS } } });
  started.push(node);
});
afterAll(async () => {
  for (const api of started.reverse()) await api.close().catch(() => undefined);
  await dropSchema(schema);
});

const asked = { 'x-read-your-writes': 'true' };

const listed = async (api: TestApi, id: string, headers: Record<string, string>) => {
  const answer = await api.call('GET', '/complaints?state=received&limit=100', { as: staff.office, headers });
  return { status: answer.status, shown: (answer.body.items as { id: string }[]).some((c) => c.id === id), readModels: answer.headers.get('x-read-models') };
};

describe('read-your-writes: a read with X-Read-Your-Writes: true waits for the read models to show every write before it', () => {
  it('on a node that feeds no read model, the list and a case\'s audit trail show a case received a moment before once the leader fed them', async () => {
    const received = await node.call('POST', '/complaints', { as: staff.intake, body: complaintBody() });
    expect(await listed(node, received.body.id, asked)).toEqual({ status: 200, shown: true, readModels: 'current' });

    // Marked on its controller, not on the route.
    const trail = await node.call('GET', `/audit/complaints/${received.body.id}/trail`, { as: staff.office, headers: asked });
    expect({ status: trail.status, readModels: trail.headers.get('x-read-models') }).toEqual({ status: 200, readModels: 'current' });
  });

  describe('with no leader feeding the read models', () => {
    beforeAll(async () => {
      await leader.close();
    });

    it('the list answers after the bound (READ_YOUR_WRITES_WAIT_MS), saying behind; a value other than true is a 400', async () => {
      const unseen = await node.call('POST', '/complaints', { as: staff.intake, body: complaintBody() });
      const asking = Date.now();
      expect(await listed(node, unseen.body.id, asked)).toEqual({ status: 200, shown: false, readModels: 'behind' });
      expect(Date.now() - asking).toBeGreaterThanOrEqual(WAIT_MS - 50);

      const wrong = await node.call('GET', '/complaints', { as: staff.office, headers: { 'x-read-your-writes': 'yes' } });
      expect(wrong).toMatchObject({ status: 400, body: { errors: [{ field: 'X-Read-Your-Writes', rule: 'must be true (or left out)' }] } });
    });

    it("a case's own route reads its stream: it answers at once, with no X-Read-Models, and ignores the header like any unknown one", async () => {
      const received = await node.call('POST', '/complaints', { as: staff.intake, body: complaintBody() });
      const id = received.body.id as string;

      const asking = Date.now();
      const read = await node.call('GET', `/complaints/${id}`, { as: staff.office, headers: asked });
      const took = Date.now() - asking;
      expect({ status: read.status, id: read.body.id, readModels: read.headers.get('x-read-models') }).toEqual({ status: 200, id, readModels: null });
      expect(took).toBeLessThan(WAIT_MS);

      const odd = await node.call('GET', `/complaints/${id}/events`, { as: staff.office, headers: { 'x-read-your-writes': 'yes' } });
      expect({ status: odd.status, readModels: odd.headers.get('x-read-models') }).toEqual({ status: 200, readModels: null });
    });
  });
});

/** The routes answered, wholly or partly, from read models; every other route reads the store. */
const FROM_READ_MODELS = [
  'GET /audit/complaints/{id}/trail',
  'GET /audit/conformity',
  'GET /complainants/{key}',
  'GET /complaints',
  'GET /complaints/handlers',
  'GET /evaluations',
  'GET /evaluations/{quarter}',
  'GET /evaluations/{quarter}/report.html',
  'GET /improvement-requests',
  'GET /improvement-requests/report',
  'GET /inspections',
  'GET /inspections/{id}',
  'GET /nominations',
  'GET /reports/compensation',
  'GET /reports/quarterly',
  'GET /reports/repeat-offenders',
  'GET /reports/sla',
  'GET /reports/yearly/{year}/departments',
  'GET /reports/yearly/{year}/reduction-plan',
  'GET /reports/yearly/{year}/report.html',
  'GET /reports/yearly/{year}/satisfaction',
  'GET /reports/yearly/{year}/staff-satisfaction',
  'POST /complainants/{key}/erasure',
];
/** Those that wait whether asked or not. */
const ALWAYS_WAIT = ['GET /complainants/{key}', 'POST /complainants/{key}/erasure'];

type Operation = { parameters?: { name: string; in: string; description?: string }[]; responses: Record<string, { headers?: Record<string, unknown> }> };

describe('the API description tells which routes honour X-Read-Your-Writes', () => {
  it('documents the header, and X-Read-Models on the answers, on exactly the routes answered from read models', async () => {
    const { paths } = (await node.call('GET', '/openapi.json')).body as { paths: Record<string, Record<string, Operation>> };
    const documented = new Map<string, Operation>();
    for (const [path, item] of Object.entries(paths)) {
      for (const [method, operation] of Object.entries(item)) {
        if (operation.parameters?.some((p) => p.name === 'X-Read-Your-Writes' && p.in === 'header')) documented.set(`${method.toUpperCase()} ${path}`, operation);
      }
    }
    expect([...documented.keys()].sort()).toEqual(FROM_READ_MODELS);

    for (const [route, operation] of documented) {
      const successes = Object.entries(operation.responses).filter(([status]) => status.startsWith('2'));
      expect({ route, answerHeader: successes.length > 0 && successes.every(([, response]) => response.headers?.['X-Read-Models'] !== undefined) }).toEqual({ route, answerHeader: true });
      const description = operation.parameters!.find((p) => p.name === 'X-Read-Your-Writes')!.description;
      expect({ route, alwaysWaits: /always waits/.test(description ?? '') }).toEqual({ route, alwaysWaits: ALWAYS_WAIT.includes(route) });
    }
  });
});
