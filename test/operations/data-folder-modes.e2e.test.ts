import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { chmodSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TEST_AUTH, TEST_MASTER_KEY } from '../support/api.js';
import { buildService, freePort, startBuiltService } from '../support/built-service.js';

/**
 * DATA_DIR holds case content in plain text (the store's write-ahead log) and the store other users
 * could damage: the service and the tools keep it to its owner, under the usual umask 022, in
 * production as in development, for a new store, a restored one and one an earlier version left open.
 * Real processes on real folders, their modes read back with stat.
 */

const folder = mkdtempSync(join(tmpdir(), 'data-folder-modes-'));
const production = {
  PATH: process.env.PATH ?? '',
  NODE_ENV: 'production',
  MASTER_KEY: TEST_MASTER_KEY.toString('hex'),
  AUTH_JWT_SECRET: TEST_AUTH.secret,
  EVENT_STORE: 'pglite',
  LOG_LEVEL: 'error',
  SHUTDOWN_DRAIN_MS: '0',
  AUDIT_SEAL_INTERVAL_MS: '0',
};

/** `node <args>` as an operator's shell runs it: umask 022. */
const node = (args: string[], env: Record<string, string>) =>
  spawnSync('sh', ['-c', 'umask 022 && exec "$@"', 'sh', process.execPath, ...args], { env, encoding: 'utf8' });

/** Every path under `root` (itself too) whose mode lets group or others in, with that mode. */
function openToOthers(root: string): string[] {
  const found: string[] = [];
  const walk = (path: string) => {
    const entry = lstatSync(path);
    if (entry.isSymbolicLink()) return;
    if ((entry.mode & 0o077) !== 0) found.push(`${(entry.mode & 0o777).toString(8)} ${path}`);
    if (entry.isDirectory()) for (const name of readdirSync(path)) walk(join(path, name));
  };
  walk(root);
  return found;
}

const modeOf = (path: string) => (statSync(path).mode & 0o777).toString(8);

/** Starts the built service on `dataDir` (under this process's umask 022, set below), waits until it is live, stops it with SIGTERM; the umask it ran under. */
async function runService(dataDir: string): Promise<string | undefined> {
  const service = await startBuiltService({ ...production, DATA_DIR: dataDir, PORT: String(await freePort()) }, undefined, 60_000);
  try {
    return /^Umask:\s*(\d+)$/m.exec(readFileSync(`/proc/${service.child.pid}/status`, 'utf8'))?.[1];
  } finally {
    service.child.kill('SIGTERM');
    await service.exited;
  }
}

// The service inherits it, as from an operator's shell.
const umaskBefore = process.umask(0o022);
beforeAll(async () => {
  await buildService();
}, 180_000);
afterAll(() => {
  process.umask(umaskBefore);
  rmSync(folder, { recursive: true, force: true });
});

describe('the data folder is its owner\'s alone', () => {
  const dataDir = join(folder, 'service');

  it('production service (umask 022, DATA_DIR made by it): DATA_DIR and pglite/ 700, no file open to group or others', async () => {
    // Whatever else it writes (generated secrets, an import's reject files) under the owner-only umask too.
    expect(await runService(dataDir)).toBe('0077');
    expect(modeOf(dataDir)).toBe('700');
    expect(modeOf(join(dataDir, 'pglite'))).toBe('700');
    expect(readdirSync(join(dataDir, 'pglite', 'pg_wal')).length).toBeGreaterThan(0);
    expect(openToOthers(dataDir)).toEqual([]);
  }, 120_000);

  it('a backup is 600; restore (umask 022) makes DATA_DIR and every restored file the owner\'s alone', () => {
    const archive = join(folder, 'store.tar.gz');
    const backup = node(['dist/scripts/backup.js', '--to', archive], { ...production, DATA_DIR: dataDir });
    expect(backup.status).toBe(0);
    expect(modeOf(archive)).toBe('600');

    const restored = join(folder, 'restored', 'data');
    const restore = node(['dist/scripts/restore.js', '--from', archive], { ...production, DATA_DIR: restored });
    expect(restore.stderr).toBe('');
    expect(restore.status).toBe(0);
    expect(modeOf(join(folder, 'restored'))).toBe('700');
    expect(modeOf(restored)).toBe('700');
    expect(openToOthers(restored)).toEqual([]);
  }, 120_000);

  it('a store an earlier version left open is closed when opened; a DATA_DIR open to others is named in a warning, not changed', () => {
    const shared = join(folder, 'shared');
    mkdirSync(shared, { mode: 0o755 });
    chmodSync(shared, 0o755);
    const restore = node(['dist/scripts/restore.js', '--from', join(folder, 'store.tar.gz')], { ...production, DATA_DIR: shared });
    expect(restore.status).toBe(0);
    expect(restore.stderr).toContain(`DATA_DIR ${shared}, the folder of the embedded store ${join(shared, 'pglite')}, is open to other users (mode 755)`);
    expect(restore.stderr).toContain(`chmod 700 ${shared}`);
    expect(openToOthers(shared)).toEqual([`755 ${shared}`]);

    // As PGlite wrote its files before: 0666 in a 0755 folder.
    const store = join(shared, 'pglite');
    const reopen = (path: string) => {
      const entry = lstatSync(path);
      chmodSync(path, entry.isDirectory() ? 0o755 : 0o666);
      if (entry.isDirectory()) for (const name of readdirSync(path)) reopen(join(path, name));
    };
    reopen(store);
    expect(openToOthers(store).length).toBeGreaterThan(900);
    const verify = node(['dist/scripts/audit-verify.js'], { ...production, DATA_DIR: shared });
    expect(verify.stdout).toContain('OK: every event matches its hash chain');
    expect(verify.status).toBe(0);
    expect(openToOthers(shared)).toEqual([`755 ${shared}`]);
  }, 120_000);
});
