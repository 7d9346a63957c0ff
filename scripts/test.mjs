// `npm test`: every suite, in two passes.
//  1. All suites but the event store's, two at a time per core (at most 4): each suite has a schema or
//     a data folder of its own, and much of a suite's time is spent waiting on PostgreSQL, a browser or
//     a child process. On this project's two-core machines one suite per core left the processors idle
//     a third of the time (2 at a time: 880 s; 3: 668 s; 4: 521 s, the processors 99.7 % busy).
//  2. The event store's suites on the PostgreSQL server and the seals' tamper tests, one at a time:
//     they time LISTEN/NOTIFY delivery in milliseconds or seal "everything stored", and the store's
//     global order shows an event only once every older transaction on the server has ended, so
//     another suite's transaction beside them would hold their events back. The embedded store's
//     suites (PGlite's lock, persistence and contract, the event ids) share no server: the first pass.
// The service is compiled once for both (the suites that start it as a process use that build), while
// the first pass compiles the modules the suites share into Jest's cache (test/support/compile-once.js,
// which waits for the service's build before any suite starts): one after the other, each left the
// second core idle. The longest suites start first (test/support/longest-first.js).
// With arguments (`npm test -- test/api`), Jest runs them in one process, as a developer expects.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import process from 'node:process';

const SERIAL = [
  'test/event-store/postgres.',
  'test/event-store/numbering',
  'test/event-store/eventstoredb',
  'test/audit/tamper-evidence',
  'test/audit/seal-tamper',
];
const jest = ['--experimental-vm-modules', '--no-warnings=ExperimentalWarning', 'node_modules/jest/bin/jest.js'];
const run = (args, env = process.env) =>
  new Promise((resolve) => spawn(process.execPath, args, { stdio: 'inherit', env }).on('close', (code) => resolve(code ?? 1)));

const args = process.argv.slice(2);
if (args.length > 0) process.exit(await run([...jest, '--runInBand', ...args]));

// The build's exit status goes to a file compile-once.js waits for. It emits without checking types
// (the same files, in half the CPU): `npm run lint` checks them, as `npm run build` does.
const buildStatus = join(mkdtempSync(join(tmpdir(), 'service-build-')), 'status');
void run(['node_modules/typescript/bin/tsc', '-p', 'tsconfig.build.json', '--noCheck']).then((code) => writeFileSync(buildStatus, String(code)));
const env = { ...process.env, SERVICE_BUILT: '1', COMPILE_ONCE: '1', SERVICE_BUILD_STATUS: buildStatus };
// The passes name their files rather than ignore each other's: options such as testPathIgnorePatterns
// are part of the key Jest caches each compiled file under, so a pass run with its own would compile
// every module again instead of reusing what the other pass compiled.
const listed = spawnSync(process.execPath, [...jest, '--listTests', '--json'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
if (listed.status !== 0) process.exit(listed.status ?? 1);
const isSerial = (path) => SERIAL.some((prefix) => relative(process.cwd(), path).startsWith(prefix));
const suites = JSON.parse(listed.stdout);
const workers = Number(process.env.TEST_WORKERS ?? Math.min(4, 2 * availableParallelism()));
const parallel = await run([...jest, `--maxWorkers=${workers}`, '--runTestsByPath', ...suites.filter((path) => !isSerial(path))], env);
// The serial pass is not asked to wait for the build: the first pass did, or failed saying so.
const serial = await run([...jest, '--runInBand', '--runTestsByPath', ...suites.filter(isSerial)], { ...env, SERVICE_BUILD_STATUS: '' });
rmSync(dirname(buildStatus), { recursive: true, force: true });
process.exit(parallel || serial);
