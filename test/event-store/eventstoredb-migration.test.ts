import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from '@jest/globals';
import { main, migrateEvents, postgresTarget, type MigrateScriptIo } from '../../scripts/store-migrate.js';
import { createEventStore, openStorage, type Storage } from '../../src/event-store/create-event-store.js';
import { CommandIdReusedError, START, type EventStore, type StoredEvent } from '../../src/event-store/event-store.js';
import { dropSchema, TEST_DATABASE_URL, uniqueSchemaName } from '../support/postgres.js';
import { newEvent, newEvents, newStreamId } from './contract.js';
import { emptyPgliteCluster } from '../support/pglite.js';

// Store-to-store copying, on the real PostgreSQL server (EventStoreDB, the usual target, is not available here).

const schemas: string[] = [];
afterAll(async () => {
  for (const schema of schemas) await dropSchema(schema);
});

async function postgresStorage(schema = uniqueSchemaName()): Promise<Storage> {
  schemas.push(schema);
  return openStorage({ kind: 'postgres', url: TEST_DATABASE_URL, schema });
}

/** Three complaints written interleaved, one command of three events among them: 11 events. */
async function writeHistory(store: EventStore): Promise<{ streams: string[]; tripleCommand: string }> {
  const [a, b, c] = [newStreamId(), newStreamId(), newStreamId()];
  await store.append(a, [newEvent(randomUUID(), 'ComplaintReceived', { subject: '도로 파손' })], { expectedRevision: 'no-stream' });
  await store.append(b, [newEvent(randomUUID(), 'ComplaintReceived', { subject: 'noise' })], { expectedRevision: 'no-stream' });
  const triple = newEvents(3, 'NoteAdded');
  await store.append(a, triple, { expectedRevision: 0 });
  await store.append(c, newEvents(2), { expectedRevision: 'no-stream' });
  await store.append(b, newEvents(1), { expectedRevision: 0 });
  await store.append(a, newEvents(2), { expectedRevision: 3 });
  await store.append(c, newEvents(1), { expectedRevision: 'any' });
  return { streams: [a, b, c], tripleCommand: triple[0]!.metadata.commandId };
}

/**
 * Every event in global order. PostgreSQL shows an event once every transaction begun before it has
 * ended, anywhere on the server (other suites share it): wait until all `count` are readable.
 */
async function everything(store: EventStore, count: number): Promise<StoredEvent[]> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const events = await store.readAll({ after: START, limit: 100_000 });
    if (events.length >= count || Date.now() > deadline) return events;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** The event without the store-specific global position. */
const portable = ({ position: _, ...rest }: StoredEvent) => rest;

function captureIo(): MigrateScriptIo & { out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, stdout: (t) => void out.push(t), stderr: (t) => void err.push(t), progressEveryMs: 0 };
}

describe('store:migrate', () => {
  it('postgres to postgres: every event arrives with its id, revision, time, metadata and hashes, in the same global order, and the copy verifies', async () => {
    const source = await postgresStorage();
    const target = await postgresStorage();
    try {
      const { streams } = await writeHistory(source.store);
      const progress: number[] = [];

      // A batch of 4 splits the three-event command across two batches.
      const report = await migrateEvents(source.store, postgresTarget(target), { batchSize: 4, onProgress: (p) => progress.push(p.copied) });

      expect(report).toEqual({ copied: 11, streams: 3, mismatches: [] });
      expect(progress).toEqual([4, 8, 11]);
      const [copied, original] = [await everything(target.store, 11), await everything(source.store, 11)];
      expect(copied.map(portable)).toEqual(original.map(portable));
      for (const streamId of streams) {
        expect((await target.store.readStream(streamId)).map(portable)).toEqual((await source.store.readStream(streamId)).map(portable));
      }
      const integrity = await target.store.verifyIntegrity?.();
      expect(integrity?.ok ?? 'no integrity check').not.toBe(false);
    } finally {
      await target.store.close();
      await source.store.close();
    }
  });

  it('receipts keep their references: the target finds each case by its number and numbers new receipts after the highest', async () => {
    const source = await postgresStorage();
    const target = await postgresStorage();
    try {
      const receipt = (commandId: string, reference?: string) => newEvent(commandId, 'ComplaintReceived', reference ? { reference } : {});
      const numbered = (store: EventStore, stream: string) => {
        const commandId = randomUUID();
        return store.append(stream, [receipt(commandId)], { expectedRevision: 'no-stream', numbering: { counter: 'complaint-reference:2026', apply: (n) => [receipt(commandId, `2026-${String(n).padStart(6, '0')}`)] } });
      };
      const [a, b] = [newStreamId(), newStreamId()];
      await numbered(source.store, a);
      await numbered(source.store, b);
      await migrateEvents(source.store, postgresTarget(target));
      expect(await target.store.findNumbered!('complaint-reference:2026', 2)).toBe(b);
      const next = await numbered(target.store, newStreamId());
      expect(next.number).toBe(3);
    } finally {
      await target.store.close();
      await source.store.close();
    }
  });

  it('after the copy the target knows every command: a repeat is a duplicate, reuse elsewhere is refused, new appends chain on', async () => {
    const source = await postgresStorage();
    const target = await postgresStorage();
    try {
      const { streams, tripleCommand } = await writeHistory(source.store);
      await migrateEvents(source.store, postgresTarget(target), { batchSize: 4 });
      const [a, b] = [streams[0]!, streams[1]!];
      const repeat = [0, 1, 2].map((n) => newEvent(tripleCommand, 'NoteAdded', { n }));

      expect(await target.store.append(a, repeat, { expectedRevision: 0 })).toEqual({ firstRevision: 1, nextExpectedRevision: 3, duplicate: true });
      await expect(target.store.append(b, repeat, { expectedRevision: 'any' })).rejects.toBeInstanceOf(CommandIdReusedError);

      const next = await target.store.append(a, newEvents(1), { expectedRevision: 5 });
      const [previous, appended] = await target.store.readStream(a, { fromRevision: 5 });
      expect(next.firstRevision).toBe(6);
      expect(appended!.previousHash).toBe(previous!.hash);
    } finally {
      await target.store.close();
      await source.store.close();
    }
  });

  it('a re-run writes nothing twice, and copies what was written since', async () => {
    const source = await postgresStorage();
    const target = await postgresStorage();
    try {
      const { streams } = await writeHistory(source.store);
      await migrateEvents(source.store, postgresTarget(target));
      await source.store.append(streams[1]!, newEvents(2), { expectedRevision: 1 });

      const again = await migrateEvents(source.store, postgresTarget(target), { batchSize: 5 });

      expect(again).toEqual({ copied: 13, streams: 3, mismatches: [] });
      expect((await everything(target.store, 13)).map(portable)).toEqual((await everything(source.store, 13)).map(portable));
    } finally {
      await target.store.close();
      await source.store.close();
    }
  });

  it('a target stream that differs from the source is reported with both counts', async () => {
    const source = await postgresStorage();
    const target = await postgresStorage();
    try {
      const { streams } = await writeHistory(source.store);
      await migrateEvents(source.store, postgresTarget(target));
      const c = streams[2]!;
      await target.store.append(c, newEvents(1), { expectedRevision: 2 });

      const report = await migrateEvents(source.store, postgresTarget(target));

      expect(report.mismatches).toEqual([
        { streamId: c, source: { events: 3, digest: expect.any(String) }, target: { events: 4, digest: expect.any(String) } },
      ]);
      expect(report.mismatches[0]!.source.digest).not.toBe(report.mismatches[0]!.target.digest);
    } finally {
      await target.store.close();
      await source.store.close();
    }
  });

  describe('the command line', () => {
    it('postgres to postgres: copies between two schemas, printing progress and the verified result', async () => {
      const source = await postgresStorage();
      const targetSchema = uniqueSchemaName();
      schemas.push(targetSchema);
      const io = captureIo();
      try {
        await writeHistory(source.store);
        // The test server trusts local connections, so a password in the URL is only there to be hidden.
        const withPassword = new URL(TEST_DATABASE_URL);
        withPassword.password = 'hunter2';
        const argv = ['--from', 'postgres', '--from-url', withPassword.href, '--from-schema', source.schema, '--to', 'postgres', '--to-schema', targetSchema];

        const code = await main(argv, { DATABASE_URL: TEST_DATABASE_URL }, io);

        expect(io.err.join('')).toMatch(/events copied/);
        expect(code).toBe(0);
        expect(io.out.join('')).toMatch(/^copied 11 events of 3 streams; every stream's event count and digest match\./);
        expect(io.out.join('')).toMatch(/rebuild the read models/);
        expect(io.err.join('')).toContain(':***@');
        expect(io.err.join('')).not.toContain('hunter2');
      } finally {
        await source.store.close();
      }
    });

    it('pglite to postgres: copies an embedded store on disk to a server, ids, times and hashes kept', async () => {
      const dir = await mkdtemp(join(tmpdir(), 'store-migrate-'));
      const targetSchema = uniqueSchemaName();
      schemas.push(targetSchema);
      const io = captureIo();
      try {
        await emptyPgliteCluster(dir);
        const pglite = await createEventStore({ kind: 'pglite', dataDir: dir });
        await writeHistory(pglite);
        const original = await everything(pglite, 11);
        await pglite.close();

        const code = await main(
          ['--from', 'pglite', '--from-dir', dir, '--to', 'postgres', '--to-schema', targetSchema, '--batch-size', '3'],
          { DATABASE_URL: TEST_DATABASE_URL },
          io,
        );

        expect(io.err.join('')).toContain(`PGlite in ${dir}`);
        expect(code).toBe(0);
        expect(io.out.join('')).toMatch(/^copied 11 events of 3 streams/);
        const target = await postgresStorage(targetSchema);
        try {
          expect((await everything(target.store, 11)).map(portable)).toEqual(original.map(portable));
        } finally {
          await target.store.close();
        }
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    }, 60_000);

    it('bad arguments exit 2 with the usage, naming what is wrong', async () => {
      const cases: [string[], NodeJS.ProcessEnv, RegExp][] = [
        [['--to', 'postgres'], { DATABASE_URL: TEST_DATABASE_URL }, /--from is required/],
        [['--from', 'mysql', '--to', 'postgres'], {}, /--from must be one of postgres, pglite, eventstoredb, not mysql/],
        [['--from', 'postgres', '--to', 'eventstoredb'], { EVENTSTORE_URL: 'esdb://localhost:2113' }, /--from-url \(or DATABASE_URL\) is required/],
        [['--from', 'postgres', '--to', 'postgres'], { DATABASE_URL: TEST_DATABASE_URL }, /name the same store/],
        [['--from', 'pglite', '--to', 'eventstoredb', '--to-url', 'http://x'], {}, /must be an esdb:\/\/ or esdb\+discover:\/\//],
        [['--from', 'pglite', '--to', 'postgres', '--to-schema', 'Bad-Name'], { DATABASE_URL: TEST_DATABASE_URL }, /--to-schema must be a lower-case identifier/],
        [['--from', 'pglite', '--to', 'postgres', '--batch-size', '0'], { DATABASE_URL: TEST_DATABASE_URL }, /--batch-size must be/],
        [['--from', 'pglite', '--to', 'postgres', '--force'], { DATABASE_URL: TEST_DATABASE_URL }, /Unknown option '--force'/],
      ];
      for (const [argv, env, message] of cases) {
        const io = captureIo();
        expect(await main(argv, env, io)).toBe(2);
        expect(io.err.join('')).toMatch(message);
        expect(io.err.join('')).toContain('usage: npm run store:migrate');
      }
    });

    it('a source that is not there is refused (exit 2, as every tool refuses a store that is not there) instead of being taken for an empty store', async () => {
      const io = captureIo();
      const missing = uniqueSchemaName();
      expect(await main(['--from', 'postgres', '--from-schema', missing, '--to', 'pglite', '--to-dir', '/nonexistent/never'], { DATABASE_URL: TEST_DATABASE_URL }, io)).toBe(2);
      expect(io.err.join('')).toMatch(new RegExp(`^store:migrate: refused: the source \\(--from: .*\\) does not open: no event store in schema ${missing}`));

      const io2 = captureIo();
      expect(await main(['--from', 'pglite', '--from-dir', '/nonexistent/store', '--to', 'postgres'], { DATABASE_URL: TEST_DATABASE_URL }, io2)).toBe(2);
      expect(io2.err.join('')).toContain('no PGlite store in /nonexistent/store');
    });

    it('an EventStoreDB it cannot reach is refused (exit 2), naming it and --to without the password', async () => {
      const source = await postgresStorage();
      const io = captureIo();
      try {
        const argv = ['--from', 'postgres', '--from-schema', source.schema, '--to', 'eventstoredb', '--to-url', 'esdb://admin:pw-123@127.0.0.1:1?tls=false'];
        expect(await main(argv, { DATABASE_URL: TEST_DATABASE_URL }, io)).toBe(2);
        expect(io.err.join('')).toMatch(/the target \(--to: .*\) does not open: cannot reach the target: EventStoreDB at esdb:\/\/\*\*\*@127\.0\.0\.1:1/);
        expect(io.err.join('')).not.toContain('pw-123');
      } finally {
        await source.store.close();
      }
    });
  });
});
