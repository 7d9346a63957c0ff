import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, symlinkSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { buildService } from '../support/built-service.js';

/**
 * `npm run -s <tool>` (backup, restore, audit:verify, ...) as the operator runs it: in the image (package.json,
 * dist/ and scripts/tool.mjs, no sources, no TypeScript) it runs the built tool and builds nothing; on a
 * checkout it compiles only when a source is newer than dist/, never the console.
 */

const ROOT = resolve(import.meta.dirname, '../..');
const folder = mkdtempSync(join(tmpdir(), 'operator-commands-'));
const npm = (cwd: string, args: string[], env: Record<string, string> = {}) =>
  spawnSync('npm', ['run', '-s', ...args], { cwd, env: { PATH: process.env.PATH ?? '', HOME: folder, ...env }, encoding: 'utf8' });

/** A copy of what the Dockerfile ships (node_modules linked: it holds more than the pruned one, which the launcher must not need). */
function imageLike(): string {
  const app = join(folder, 'image');
  mkdirSync(join(app, 'scripts'), { recursive: true });
  cpSync(join(ROOT, 'dist'), join(app, 'dist'), { recursive: true, filter: (path) => !path.includes(`${join('dist', 'console')}`) && !path.includes('.build-lock') });
  cpSync(join(ROOT, 'package.json'), join(app, 'package.json'));
  cpSync(join(ROOT, 'scripts', 'tool.mjs'), join(app, 'scripts', 'tool.mjs'));
  symlinkSync(join(ROOT, 'node_modules'), join(app, 'node_modules'));
  return app;
}

/** A checkout of its own: the sources tsc compiles, dist/ built from them, every source older than dist/. */
function checkout(): string {
  const app = join(folder, 'checkout');
  mkdirSync(app);
  for (const name of ['package.json', 'tsconfig.json', 'tsconfig.build.json', 'domain', 'projections', 'src', 'scripts']) cpSync(join(ROOT, name), join(app, name), { recursive: true });
  cpSync(join(ROOT, 'dist'), join(app, 'dist'), { recursive: true, filter: (path) => !path.includes('.build-lock') });
  symlinkSync(join(ROOT, 'node_modules'), join(app, 'node_modules'));
  const past = new Date(Date.now() - 3_600_000);
  const age = (path: string) => {
    if (statSync(path).isDirectory()) for (const name of readdirSync(path)) age(join(path, name));
    else utimesSync(path, past, past);
  };
  for (const name of ['tsconfig.json', 'tsconfig.build.json', 'domain', 'projections', 'src', 'scripts']) age(join(app, name));
  return app;
}

beforeAll(async () => {
  await buildService();
}, 180_000);
afterAll(() => rmSync(folder, { recursive: true, force: true }));

describe('the operator commands in the image (package.json, dist/, scripts/tool.mjs)', () => {
  let app: string;
  beforeAll(() => {
    app = imageLike();
  });

  it('npm run -s backup -- --help and audit:verify run the built tools (no tsc needed, exit codes as documented)', () => {
    const help = npm(app, ['backup', '--', '--help']);
    expect(help.stderr).toBe('');
    expect(help.stdout).toContain('usage: npm run -s backup -- --to <file.tar.gz>');
    expect(help.status).toBe(0);

    const verify = npm(app, ['audit:verify'], { DATA_DIR: join(folder, 'typo') });
    expect(verify.stderr).not.toContain('not found');
    expect(verify.stderr).toContain('audit:verify: refused: ');
    expect(verify.status).toBe(2);
  }, 60_000);

  it('builds nothing: dist/ is as shipped', () => {
    const before = statSync(join(app, 'dist', 'scripts', 'audit-verify.js')).mtimeMs;
    expect(npm(app, ['token', '--', '--help']).status).toBe(0);
    expect(statSync(join(app, 'dist', 'scripts', 'audit-verify.js')).mtimeMs).toBe(before);
  }, 60_000);
});

describe('the operator commands on a checkout', () => {
  let app: string;
  beforeAll(() => {
    app = checkout();
  }, 60_000);

  it('dist/ current: runs the built tool at once, rewriting nothing', () => {
    const built = join(app, 'dist', 'scripts', 'backup.js');
    const before = statSync(built).mtimeMs;
    const started = Date.now();
    const help = npm(app, ['backup', '--', '--help']);
    expect(help.stderr).toBe('');
    expect(help.status).toBe(0);
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(statSync(built).mtimeMs).toBe(before);
  }, 60_000);

  it('a source newer than dist/: says so and compiles the server code (tsc, not the console) before it runs', async () => {
    const source = join(app, 'scripts', 'backup.ts');
    utimesSync(source, new Date(), new Date());
    // Seen starting to compile, then stopped: the compile itself takes half a minute here.
    const child = spawn('npm', ['run', '-s', 'backup', '--', '--help'], { cwd: app, env: { PATH: process.env.PATH ?? '', HOME: folder }, detached: true });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const until = Date.now() + 30_000;
    while (!stderr.includes('compiling') && Date.now() < until && child.exitCode === null) await new Promise((r) => setTimeout(r, 100));
    process.kill(-child.pid!, 'SIGKILL');
    expect(stderr).toContain('backup: the sources changed since dist/ was built: compiling the server code first (tsc -p tsconfig.build.json)');
  }, 60_000);
});
