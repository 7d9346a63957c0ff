import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { complaintStreamId } from '../../src/complaint-stream/index.js';
import { signSharedSecretToken } from '../../src/auth/index.js';
import { complaintBody, staff, TEST_AUTH } from '../support/api.js';
import { buildService, envOnSchema, startBuiltService } from '../support/built-service.js';
import { connectAdmin, dropSchema, uniqueSchemaName } from '../support/postgres.js';

const schema = uniqueSchemaName();

beforeAll(() => buildService(), 120_000);
afterAll(async () => {
  await dropSchema(schema);
});

describe('SIGTERM under a load of commands', () => {
  it('finishes what it acknowledged, answers no 5xx, commits the projections and exits within SHUTDOWN_TIMEOUT_MS', async () => {
    const service = await startBuiltService({
      ...(await envOnSchema(schema)),
      SHUTDOWN_TIMEOUT_MS: '15000',
    });
    const token = await signSharedSecretToken(TEST_AUTH, staff.intake);
    const acknowledged: string[] = [];
    const statuses = new Map<number, number>();
    let refusedConnections = 0;
    let signalled = false;
    const worker = async () => {
      // Until the service no longer takes connections.
      for (let sinceSignal = 0; sinceSignal < 200; sinceSignal += signalled ? 1 : 0) {
        try {
          const response = await fetch(`${service.url}/complaints`, {
            method: 'POST',
            headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
            body: JSON.stringify(complaintBody()),
          });
          statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
          const body = (await response.json()) as { id?: string };
          if (response.status === 201) acknowledged.push(body.id!);
        } catch {
          refusedConnections++;
          if (signalled) return;
        }
      }
    };
    const workers = Array.from({ length: 8 }, worker);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    // The signal comes once the projections have applied some of the load: their readers see only events
    // below the server's oldest open transaction, which another suite's transaction can hold back a while.
    await projected(schema, 30_000);
    const sentAt = Date.now();
    signalled = true;
    service.child.kill('SIGTERM');
    await Promise.all(workers);
    const exit = await service.exited;
    const tookMs = Date.now() - sentAt;

    expect(exit).toBe(0);
    expect(tookMs).toBeLessThan(15_000);
    expect([...statuses.keys()].filter((status) => status >= 500)).toEqual([]);
    expect(acknowledged.length).toBeGreaterThan(20);
    expect(service.output()).toContain('shutting down');
    expect(service.output()).toMatch(/"msg":"shut down"/);

    const admin = await connectAdmin();
    try {
      const { rows: stored } = await admin.query<{ stream_id: string }>(
        `SELECT DISTINCT stream_id FROM "${schema}".events WHERE stream_id = ANY($1::text[])`,
        [acknowledged.map(complaintStreamId)],
      );
      expect(stored.length).toBe(acknowledged.length);
      // The batch in flight committed with its checkpoint, or not at all: the case list holds exactly the cases up to the checkpoint.
      const { rows: [counts] } = await admin.query<{ listed: string; covered: string }>(
        `SELECT (SELECT count(*) FROM "${schema}".complaint_list) AS listed,
                (SELECT count(DISTINCT e.stream_id) FROM "${schema}".events e, "${schema}".projection_checkpoints c
                 WHERE c.name = 'complaint-list' AND e.stream_id LIKE $1 AND (e.transaction_id, e.sequence) <= (c.commit_position, c.prepare_position)) AS covered`,
        [`${complaintStreamId('')}%`],
      );
      expect(Number(counts!.listed)).toBe(Number(counts!.covered));
      expect(Number(counts!.listed)).toBeGreaterThan(0);
    } finally {
      await admin.end();
    }
    console.log(`SIGTERM under load: ${acknowledged.length} acknowledged, statuses ${JSON.stringify(Object.fromEntries(statuses))}, ${refusedConnections} connections refused after the signal, exit ${String(exit)} after ${tookMs} ms`);
  }, 90_000);
});

/** Waits until the case list holds a case, or fails after `timeoutMs`. */
async function projected(schema: string, timeoutMs: number): Promise<void> {
  const admin = await connectAdmin();
  try {
    for (const until = Date.now() + timeoutMs; ; ) {
      const listed = await admin.query(`SELECT 1 FROM "${schema}".complaint_list LIMIT 1`).then(
        (result) => result.rowCount! > 0,
        () => false, // the table is created when the projection starts
      );
      if (listed) return;
      if (Date.now() > until) throw new Error(`the projections listed no case within ${timeoutMs} ms of load`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  } finally {
    await admin.end();
  }
}
