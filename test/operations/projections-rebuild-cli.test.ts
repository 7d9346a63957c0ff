import { afterAll, describe, expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** `npm run projections:rebuild` (the built script, as npm runs it) judges its arguments before it opens the store. */
const dataDir = mkdtempSync(join(tmpdir(), 'rebuild-cli-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));
const rebuild = (...args: string[]) => spawnSync(process.execPath, ['dist/scripts/projections-rebuild.js', ...args], { encoding: 'utf8', env: { ...process.env, EVENT_STORE: 'pglite', DATA_DIR: dataDir } });

describe('npm run projections:rebuild, before the store is opened', () => {
  it('--help prints the usage, exit 0', () => {
    expect(rebuild('--help')).toMatchObject({ status: 0, stdout: expect.stringContaining('usage: npm run projections:rebuild'), stderr: '' });
  });

  it.each([
    [['--bogus'], 'projections:rebuild: unknown option --bogus'],
    [['--stale', 'notices'], 'projections:rebuild: give --stale or names, not both'],
    [['nothing'], 'projections:rebuild: unknown read model nothing; known: complaint-list, '],
  ])('%j is refused with exit 2, the reason and the usage', (args, reason) => {
    const run = rebuild(...args);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain(reason);
    expect(run.stderr).toContain('usage: npm run projections:rebuild');
  });

  it('opened nothing: no embedded store was created in DATA_DIR', () => {
    rebuild('--bogus');
    expect(existsSync(join(dataDir, 'pglite'))).toBe(false);
  });
});
