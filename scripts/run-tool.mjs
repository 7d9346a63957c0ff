// Runs one command-line tool of scripts/ straight from its TypeScript sources, without building the
// app (`npm run build` takes seconds and rewrites dist/ under a running service): the script and
// what it imports from the repository are bundled to node_modules/.cache/tools/ in some 50 ms, the
// packages it uses stay where npm put them. Only for tools that need no Nest decorator metadata.
//   node scripts/run-tool.mjs <script> [arguments...]
import { spawnSync } from 'node:child_process';
import process from 'node:process';
import { fileURLToPath, URL } from 'node:url';
import { build } from 'rolldown';

const [name, ...args] = process.argv.slice(2);
const root = fileURLToPath(new URL('..', import.meta.url));
const dir = `${root}node_modules/.cache/tools/${name}`;
await build({
  input: `${root}scripts/${name}.ts`,
  platform: 'node',
  // Relative imports are the repository's sources; everything else is a package, but the
  // transformer's own helpers, which are bundled.
  external: (id) => !id.startsWith('.') && !id.startsWith('/') && !id.startsWith('@oxc-project/runtime'),
  output: { dir, format: 'esm', entryFileNames: '[name].mjs' },
  logLevel: 'silent',
});
const run = spawnSync(process.execPath, [`${dir}/${name}.mjs`, ...args], { stdio: 'inherit' });
process.exitCode = run.status ?? 1;
