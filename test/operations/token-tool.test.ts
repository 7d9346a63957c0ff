import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../scripts/token.js';

/** `npm run token`, in this process: its exit code and what it wrote. */
async function token(argv: string[], env: NodeJS.ProcessEnv): Promise<{ code: number; stdout: string; stderr: string }> {
  let [stdout, stderr] = ['', ''];
  const code = await main(argv, env, { stdout: (text) => (stdout += text), stderr: (text) => (stderr += text) });
  return { code, stdout, stderr };
}

let folder: string;
beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'token-tool-'));
});
afterAll(async () => {
  await rm(folder, { recursive: true, force: true });
});

describe('npm run token (the operator tester got tokens no service would accept)', () => {
  it('a DATA_DIR that does not exist is a mistyped one: exit 1 and nothing created, no secret invented', async () => {
    const typo = join(folder, 'typo');
    const answer = await token(['--role', 'admin', '--sub', 'x'], { DATA_DIR: typo });
    expect(answer).toMatchObject({ code: 1, stdout: '', stderr: expect.stringMatching(/^token: DATA_DIR \S+typo does not exist: give the service's DATA_DIR/) });
    expect(existsSync(typo)).toBe(false);
  });

  it('a handler or department head needs a department of the catalog (exit 2); with one, the token is printed', async () => {
    const env = { DATA_DIR: folder };
    expect(await token(['--role', 'handler', '--sub', 'h'], env)).toMatchObject({ code: 2, stderr: expect.stringMatching(/--department is required for the role handler: one of .*inspection/) });
    expect(await token(['--role', 'department-head', '--sub', 'h', '--department', 'nosuchdept'], env)).toMatchObject({ code: 2, stderr: expect.stringMatching(/--department must be one of the catalog's: /) });
    const minted = await token(['--role', 'handler', '--sub', 'h', '--department', 'inspection'], env);
    expect(minted).toMatchObject({ code: 0, stdout: expect.stringMatching(/^ey[\w-]+\.[\w-]+\.[\w-]+\n$/) });
    expect(existsSync(join(folder, 'auth-secret'))).toBe(true);
  });
});
