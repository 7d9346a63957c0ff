import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createEventStore } from '../../src/event-store/create-event-store.js';
import { comparePositions } from '../../src/event-store/event-store.js';
import { newEvents, newStreamId } from './contract.js';

describe('PGlite with a data directory', () => {
  let root: string;
  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'event-store-'));
  });
  afterAll(() => rm(root, { recursive: true, force: true }));

  it('keeps events across close and reopen, and creates a missing data directory', async () => {
    const dataDir = join(root, 'not', 'yet', 'there');
    const streamId = newStreamId();

    const first = await createEventStore({ kind: 'pglite', dataDir });
    await first.append(streamId, newEvents(2), { expectedRevision: 'no-stream' });
    const written = await first.readStream(streamId);
    await first.close();
    expect(await first.health()).toMatchObject({ kind: 'pglite', status: 'down' });

    const reopened = await createEventStore({ kind: 'pglite', dataDir });
    try {
      expect(await reopened.readStream(streamId)).toEqual(written);
      await reopened.append(streamId, newEvents(1), { expectedRevision: 1 });
      const all = await reopened.readAll();
      expect(all.map((e) => e.revision)).toEqual([0, 1, 2]);
      expect(comparePositions(all[1]!.position, all[2]!.position)).toBe(-1);
      expect(await reopened.health()).toMatchObject({ kind: 'pglite', status: 'up' });
    } finally {
      await reopened.close();
    }
  }, 60_000);
});
