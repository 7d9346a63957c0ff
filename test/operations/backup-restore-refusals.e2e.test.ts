import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { DEFAULT_CATALOG } from '../../domain/catalog.js';
import { main as backup } from '../../scripts/backup.js';
import { main as restore } from '../../scripts/restore.js';
import { createApp } from '../../src/app.module.js';
import { loadConfig } from '../../src/config/index.js';
import { loadMasterKey } from '../../src/personal-data/index.js';
import { complaintBody, staff, startTestApi, TEST_AUTH, TEST_MASTER_KEY } from '../support/api.js';

let folder: string;
let archive: string;
let caseId: string;
const io = () => {
  const out = { stdout: '', stderr: '' };
  return { out, io: { stdout: (t: string) => void (out.stdout += t), stderr: (t: string) => void (out.stderr += t) } };
};
const env = (dataDir: string) => ({ DATA_DIR: dataDir });

beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'backup-refusals-'));
  archive = join(folder, 'store.tar.gz');
  const original = join(folder, 'original');
  const service = await startTestApi({ config: { dataDir: original, store: loadConfig(env(original)).store } });
  try {
    caseId = (await service.call('POST', '/complaints', { as: staff.office, body: complaintBody() })).body.id as string;
  } finally {
    await service.close();
  }
  const backedUp = io();
  expect(await backup(['--to', archive], env(original), backedUp.io)).toBe(0);
}, 120_000);
afterAll(async () => {
  await rm(folder, { recursive: true, force: true });
});

/** Starts the service on `dataDir` with the master key the service would load there, as `npm start` does; closes it. */
async function start(dataDir: string): Promise<void> {
  const store = loadConfig(env(dataDir)).store;
  const app = await createApp({ port: 0, production: false, dataDir, store, catalog: DEFAULT_CATALOG, logLevel: 'silent' }, TEST_AUTH, await loadMasterKey({}, { dataDir, store }));
  try {
    await app.init();
  } finally {
    await app.close();
  }
}

describe('a restore without the master key', () => {
  it('says the master key must be restored beside the data; the service then refuses to start, naming DATA_DIR/master-key, instead of generating a new key', async () => {
    const fresh = join(folder, 'fresh');
    const restoring = io();
    expect(await restore(['--from', archive], env(fresh), restoring.io)).toBe(0);
    expect(restoring.out.stdout).toContain(`The archive holds no master key`);
    expect(restoring.out.stdout).toContain(`${fresh}/master-key`);

    const keyFile = join(fresh, 'master-key');
    await expect(start(fresh)).rejects.toThrow(`the master key file ${keyFile} is missing, yet the store holds complainants' data keys`);
    expect(existsSync(keyFile)).toBe(false);

    await writeFile(keyFile, `${randomBytes(32).toString('base64url')}\n`);
    await expect(start(fresh)).rejects.toThrow(`the master key in ${keyFile} opens none of the 1 complainants' data keys of the store tried`);

    // The key of the backed-up installation put back: the case reads as before.
    await writeFile(keyFile, `${TEST_MASTER_KEY.toString('base64url')}\n`);
    await start(fresh);
    const service = await startTestApi({ config: { dataDir: fresh, store: loadConfig(env(fresh)).store } });
    try {
      expect((await service.call('GET', `/complaints/${caseId}`, { as: staff.office })).body.complainant).toMatchObject({ name: '김민수' });
    } finally {
      await service.close();
    }
  }, 120_000);
});

describe('restore refuses what is no intact backup (exit 2), leaving nothing behind', () => {
  const refused = async (bytes: Uint8Array, message: RegExp) => {
    const file = join(folder, `bad-${randomBytes(4).toString('hex')}`);
    await writeFile(file, bytes);
    const dataDir = join(folder, `target-${randomBytes(4).toString('hex')}`);
    const restoring = io();
    expect(await restore(['--from', file], env(dataDir), restoring.io)).toBe(2);
    expect(restoring.out.stderr).toMatch(message);
    expect(restoring.out.stderr).toContain('nothing was restored');
    expect(restoring.out.stderr).not.toMatch(/\n\s+at /);
    // PGlite's own gunzip failed after the refusal, uncaught: give it the time to.
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(existsSync(dataDir)).toBe(false);
  };

  it('a truncated archive', async () => {
    const whole = await readFile(archive);
    await refused(whole.subarray(0, Math.floor(whole.length / 2)), /the archive is damaged \(truncated or corrupt: unexpected end of file\)/);
  });

  it('a corrupt archive', async () => {
    const bytes = Buffer.from(await readFile(archive));
    for (let i = 1000; i < 3000; i++) bytes[i] = bytes[i]! ^ 0x5a;
    await refused(bytes, /the archive is damaged \(truncated or corrupt: /);
  });

  it('a file that is no backup, compressed or not', async () => {
    await refused(Buffer.from('name,phone\nKim,010\n'), /it is not a backup archive \(not gzip-compressed/);
    await refused(gzipSync(Buffer.from('name,phone\nKim,010\n')), /it is not a backup archive of the embedded store/);
  });

  it('an archive that cannot be read', async () => {
    const restoring = io();
    expect(await restore(['--from', join(folder, 'missing.tar.gz')], env(join(folder, 'never')), restoring.io)).toBe(2);
    expect(restoring.out.stderr).toMatch(/refused: cannot read .*missing\.tar\.gz/);
    expect(existsSync(join(folder, 'never'))).toBe(false);
  });
});

describe('backup writes a whole archive or none', () => {
  const store = () => env(join(folder, 'original'));

  it('refuses a --to in a folder that does not exist (exit 2, no stack trace)', async () => {
    const backingUp = io();
    expect(await backup(['--to', join(folder, 'no-such-folder', 'x.tar.gz')], store(), backingUp.io)).toBe(2);
    expect(backingUp.out.stderr).toMatch(/refused: the folder of --to, .*no-such-folder, does not exist/);
    expect(backingUp.out.stderr).not.toMatch(/\n\s+at /);
  });

  it('keeps an existing file unless --force, and leaves no temporary file', async () => {
    const to = join(folder, 'kept', 'store.tar.gz');
    await mkdir(join(folder, 'kept'));
    await writeFile(to, 'an earlier backup');
    const refusing = io();
    expect(await backup(['--to', to], store(), refusing.io)).toBe(2);
    expect(refusing.out.stderr).toContain(`${to} exists: give --force to replace it`);
    expect(await readFile(to, 'utf8')).toBe('an earlier backup');

    const forcing = io();
    expect(await backup(['--to', to, '--force'], store(), forcing.io)).toBe(0);
    expect((await readFile(to)).subarray(0, 2)).toEqual(Buffer.from([0x1f, 0x8b]));
    expect(await readdir(join(folder, 'kept'))).toEqual(['store.tar.gz']);
  }, 60_000);

  it('documents --force in its usage', async () => {
    const help = io();
    expect(await backup(['--help'], store(), help.io)).toBe(0);
    expect(help.out.stdout).toMatch(/--force +replace/);
  });
});
