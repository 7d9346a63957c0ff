import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataFolderInUseError, PgliteClient } from '../../src/sql/index.js';
import { TEST_AUTH } from '../support/api.js';
import { buildService, freePort } from '../support/built-service.js';
import { emptyPgliteCluster } from '../support/pglite.js';

/** One embedded store, one process: the service and a command-line tool on the same DATA_DIR, as two real processes. */

const dataDir = mkdtempSync(join(tmpdir(), 'pglite-lock-'));
const env = { ...process.env, EVENT_STORE: 'pglite', DATA_DIR: dataDir, AUTH_JWT_SECRET: TEST_AUTH.secret, LOG_LEVEL: 'error', AUDIT_SEAL_INTERVAL_MS: '0' };
let service: ChildProcess;

const verify = () => spawnSync(process.execPath, ['dist/scripts/audit-verify.js'], { env, encoding: 'utf8' });

beforeAll(async () => {
  await buildService();
  await emptyPgliteCluster(join(dataDir, 'pglite'));
  const port = await freePort();
  service = spawn(process.execPath, ['dist/src/main.js'], { env: { ...env, PORT: String(port) }, stdio: 'ignore' });
  for (let i = 0; ; i++) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/health`)).ok) return;
    } catch {
      if (i > 300) throw new Error('the service did not come up');
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}, 180_000);
afterAll(() => {
  if (service.exitCode === null && service.signalCode === null) service.kill('SIGKILL');
  rmSync(dataDir, { recursive: true, force: true });
});

describe('the embedded store\'s data folder is held by one process at a time', () => {
  it('a command-line tool on the folder the running service holds is refused, naming the service\'s process and what to do', () => {
    const run = verify();
    expect(run.status).not.toBe(0);
    // Under npm the command is prefixed with the npm script that ran it (`npm run test: node …`).
    expect(run.stderr).toContain(`in use by process ${service.pid} (`);
    expect(run.stderr).toContain(`node ${join(process.cwd(), 'dist/src/main.js')})`);
    expect(run.stderr).toMatch(/Stop that process first .*EVENT_STORE=postgres/);
  });

  it('another process opening it (this test\'s) gets the same refusal', async () => {
    await expect(PgliteClient.open(join(dataDir, 'pglite'))).rejects.toThrow(DataFolderInUseError);
    await expect(PgliteClient.open(join(dataDir, 'pglite'))).rejects.toThrow(`in use by process ${service.pid}`);
  });

  it('the import too is refused on the folder the service holds, pointing to the service\'s POST /imports, while its dry run (--check), which opens no store, works beside it', () => {
    const args = ['dist/scripts/import.js', '--file', 'test/import/sample/nyc311-sample-999.csv', '--mapping', 'mappings/nyc311.json', '--quiet', '--reject-file', join(dataDir, 'rejects.csv')];
    const importEnv = { ...env, CATALOG_FILE: 'mappings/nyc311-catalog.json' };
    const refused = spawnSync(process.execPath, args, { env: importEnv, encoding: 'utf8' });
    expect(refused.status).toBe(2);
    expect(refused.stderr).toContain(`import: the embedded store ${join(dataDir, 'pglite')} is in use by process ${service.pid} (`);
    expect(refused.stderr).toContain('import: while the service runs, import through it instead: POST /imports with the file and the mapping');
    const check = spawnSync(process.execPath, [...args, '--check'], { env: importEnv, encoding: 'utf8' });
    expect({ status: check.status, stderr: check.stderr }).toEqual({ status: 0, stderr: '' });
    expect(check.stdout).toContain('999 would be imported, 0 rejected');
  });

  it('the lock of a process that died is taken over, and released when the tool ends', async () => {
    const exited = new Promise((resolve) => service.once('exit', resolve));
    service.kill('SIGKILL');
    await exited;
    const lockFile = join(dataDir, 'pglite.lock');
    expect(JSON.parse(readFileSync(lockFile, 'utf8')).pid).toBe(service.pid);
    const run = verify();
    expect({ status: run.status, stderr: run.stderr }).toEqual({ status: 0, stderr: expect.not.stringContaining('in use') });
    expect(existsSync(lockFile)).toBe(false);
  }, 60_000);
});
