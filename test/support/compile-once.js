// Jest global set-up: with COMPILE_ONCE=1 (`npm test`'s parallel pass), compiles every TypeScript module
// but the suites into Jest's cache before the workers start. Left to the workers, each of the four
// compiled the same modules at once while the cache was empty (a fresh clone's always is): the pass took
// 595 s so and 545 s after this, which compiles them once in about 10 CPU-seconds. Uses the project's own
// transformer and configuration, so the workers find what it cached.
import { createScriptTransformer } from '@jest/transform';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { join } from 'node:path';
import process from 'node:process';

const FOLDERS = ['domain', 'projections', 'src', 'test', 'scripts'];

function modules(folder) {
  return readdirSync(folder, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts') && !entry.name.endsWith('.test.ts'))
    .map((entry) => join(entry.parentPath, entry.name));
}

export default async function compileOnce(_globalConfig, projectConfig) {
  if (process.env.COMPILE_ONCE !== '1') return;
  const transformer = await createScriptTransformer(projectConfig);
  const options = { instrument: false, supportsDynamicImport: true, supportsExportNamespaceFrom: true, supportsStaticESM: true, supportsTopLevelAwait: true };
  for (const file of FOLDERS.flatMap((folder) => modules(join(projectConfig.rootDir, folder)))) {
    await transformer.transformSourceAsync(file, readFileSync(file, 'utf8'), options);
  }
  await serviceBuilt(process.env.SERVICE_BUILD_STATUS);
}

/** `npm test` compiles the service (dist/) meanwhile and writes tsc's exit status to `statusFile`: no suite starts before it is there. */
async function serviceBuilt(statusFile) {
  if (!statusFile) return;
  while (!existsSync(statusFile)) await sleep(100);
  const status = readFileSync(statusFile, 'utf8');
  if (status !== '0') throw new Error(`compiling the service (tsc -p tsconfig.build.json) failed with exit status ${status}: no suite was run`);
}
