import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main as backup } from '../../scripts/backup.js';
import { main as restore } from '../../scripts/restore.js';
import { loadConfig } from '../../src/config/index.js';
import { openStorage, type Storage } from '../../src/event-store/index.js';
import { ProjectionRunner, PROJECTIONS, readModelsFor } from '../../src/projections/index.js';
import { complaintBody, staff, startTestApi, type TestApi } from '../support/api.js';

let folder: string;
const io = () => {
  const out = { stdout: '', stderr: '' };
  return { out, io: { stdout: (t: string) => void (out.stdout += t), stderr: (t: string) => void (out.stderr += t) } };
};

beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'backup-'));
});
afterAll(async () => {
  await rm(folder, { recursive: true, force: true });
});

/** Every event (id and hash), and every row of every read model, of an embedded store. */
async function contents(storage: Storage, readModels: ReturnType<typeof readModelsFor>) {
  const events = (await storage.store.readAll({ limit: 100_000 })).map((e) => `${e.eventId} ${e.hash}`);
  const rows: Record<string, string[]> = {};
  for (const table of readModels.flatMap((r) => r.tables)) {
    rows[table] = (await storage.sql.query<{ row: string }>(`SELECT to_jsonb(t)::text AS row FROM "${storage.schema}"."${table}" t ORDER BY 1`)).map((r) => r.row);
  }
  return { events, rows };
}

describe('npm run backup / npm run restore of the embedded store', () => {
  it('refuses while the service runs, then restores into a fresh folder every event, a chain that verifies and read models equal to a rebuild', async () => {
    const original = { DATA_DIR: join(folder, 'original') };
    const restored = { DATA_DIR: join(folder, 'restored') };
    const archive = join(folder, 'store.tar.gz');
    const service: TestApi = await startTestApi({ config: { dataDir: original.DATA_DIR, store: loadConfig(original).store } });
    try {
      for (let i = 0; i < 4; i++) {
        const id = (await service.call('POST', '/complaints', { as: staff.intake, body: complaintBody() })).body.id as string;
        if (i % 2 === 0) expect((await service.call('POST', `/complaints/${id}/assign`, { as: staff.office, body: { department: 'inspection' } })).status).toBe(200);
      }
      await service.app.get<ProjectionRunner>(PROJECTIONS).caughtUp();
      const running = io();
      expect(await backup(['--to', archive], original, running.io)).toBe(2);
      expect(running.out.stderr).toMatch(/refused: the embedded store .* is in use by process \d+/);
    } finally {
      await service.close();
    }

    const backedUp = io();
    expect(await backup(['--to', archive], original, backedUp.io)).toBe(0);
    expect(backedUp.out.stdout).toMatch(/the master key \(MASTER_KEY, or DATA_DIR\/master-key in development\) is not in it/);
    const restoring = io();
    expect(await restore(['--from', archive], restored, restoring.io)).toBe(0);
    expect(restoring.out.stdout).toContain('OK: every event matches its hash chain and every seal matches its events');
    const again = io();
    expect(await restore(['--from', archive], restored, again.io)).toBe(2);
    expect(again.out.stderr).toMatch(/is not empty: restore into a fresh folder/);

    const readModels = readModelsFor(loadConfig(restored));
    const before = await openStorage(loadConfig(original).store);
    const was = await contents(before, readModels).finally(() => before.store.close());
    const after = await openStorage(loadConfig(restored).store);
    try {
      const runner = new ProjectionRunner(after.store, after.sql, readModels, after.schema);
      const is = await contents(after, readModels);
      expect(is.events).toEqual(was.events);
      expect(is.events.length).toBeGreaterThanOrEqual(6);
      expect(is.rows).toEqual(was.rows);
      expect((await after.store.verifyIntegrity!()).ok).toBe(true);
      await runner.rebuild();
      expect((await contents(after, readModels)).rows).toEqual(is.rows);
      expect(is.rows.complaint_list).toHaveLength(4);
    } finally {
      await after.store.close();
    }
  }, 240_000);
});
