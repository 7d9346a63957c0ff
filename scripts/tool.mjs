// Runs one operator command, built: `node scripts/tool.mjs <tool> [arguments...]` runs dist/scripts/<tool>.js,
// as `npm run <tool>` does. On a checkout it first compiles the server code (tsc, never the console) when a
// source is newer than the built tool, and only then: a call on an unchanged checkout builds nothing, so
// dist/ is not rewritten under a running service. Where there are no sources (the image ships dist/ and
// this file) it never builds and needs no development package.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import process from 'node:process';
import { fileURLToPath, pathToFileURL, URL } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const [name, ...args] = process.argv.slice(2);
if (!name || !/^[a-z][a-z-]*$/.test(name)) {
  process.stderr.write('usage: node scripts/tool.mjs <tool> [arguments...]\n');
  process.exit(2);
}
const built = join(root, 'dist', 'scripts', `${name}.js`);
const buildConfig = join(root, 'tsconfig.build.json');

/** The newest modification time among the files `tsc -p tsconfig.build.json` compiles (tests aside) and its configuration. */
function newestSource() {
  let newest = Math.max(statSync(buildConfig).mtimeMs, statSync(join(root, 'tsconfig.json')).mtimeMs);
  const walk = (folder) => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const path = join(folder, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (!entry.name.endsWith('.test.ts')) newest = Math.max(newest, statSync(path).mtimeMs);
    }
  };
  for (const folder of JSON.parse(readFileSync(buildConfig, 'utf8')).include) if (existsSync(join(root, folder))) walk(join(root, folder));
  return newest;
}

/** Why the built tool must be compiled first, or undefined when it is current (or there are no sources to compile). */
function staleness() {
  if (!existsSync(buildConfig) || !existsSync(join(root, 'scripts', `${name}.ts`))) return undefined;
  if (!existsSync(built)) return `${built} is not built yet`;
  return newestSource() > statSync(built).mtimeMs ? 'the sources changed since dist/ was built' : undefined;
}

const stale = staleness();
if (stale) {
  let tsc;
  try {
    tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  } catch {
    if (!existsSync(built)) {
      process.stderr.write(`${name}: ${stale}, and TypeScript is not installed to build it (npm ci, then npm run build)\n`);
      process.exit(127);
    }
    process.stderr.write(`${name}: warning: ${stale}, and TypeScript is not installed: running the dist/ built before\n`);
  }
  if (tsc) {
    process.stderr.write(`${name}: ${stale}: compiling the server code first (tsc -p tsconfig.build.json)\n`);
    const compiled = spawnSync(process.execPath, [tsc, '-p', buildConfig], { cwd: root, stdio: 'inherit' });
    if (compiled.status !== 0) {
      process.stderr.write(`${name}: the build failed: nothing was run\n`);
      process.exit(compiled.status ?? 1);
    }
  }
}
if (!existsSync(built)) {
  process.stderr.write(`${name}: no such tool: ${built} does not exist\n`);
  process.exit(2);
}
// The tool runs in this process, as if started as `node dist/scripts/<tool>.js`: it checks argv[1] to know it is the entry.
process.argv = [process.argv[0], built, ...args];
await import(pathToFileURL(built).href);
