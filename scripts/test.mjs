// `npm test`: every suite, in two passes.
//  1. All suites but the event store's, two at a time per core (at most 4): each suite has a schema or
//     a data folder of its own, and much of a suite's time is spent waiting on PostgreSQL, a browser or
//     a child process. On this project's two-core machines one suite per core left the processors idle
//     a third of the time (2 at a time: 880 s; 3: 668 s; 4: 521 s, the processors 99.7 % busy).
//  2. The event store's suites and the seals' tamper test, one at a time: they time LISTEN/NOTIFY
//     delivery in milliseconds or seal "everything stored", and the store's global order shows an
//     event only once every older transaction on the server has ended, so another suite's
//     transaction beside them would hold their events back.
// The service is compiled once before both (the suites that start it as a process use that build), and
// the modules the suites share once into Jest's cache (test/support/compile-once.js); the longest
// suites start first (test/support/longest-first.js).
// With arguments (`npm test -- test/api`), Jest runs them in one process, as a developer expects.
import { spawnSync } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { relative } from 'node:path';
import process from 'node:process';

const SERIAL = ['test/event-store/', 'test/audit/tamper-evidence', 'test/audit/seal-tamper'];
const jest = ['--experimental-vm-modules', '--no-warnings=ExperimentalWarning', 'node_modules/jest/bin/jest.js'];
const run = (args, env = process.env) => spawnSync(process.execPath, args, { stdio: 'inherit', env }).status ?? 1;

const args = process.argv.slice(2);
if (args.length > 0) process.exit(run([...jest, '--runInBand', ...args]));

const built = run(['node_modules/typescript/bin/tsc', '-p', 'tsconfig.build.json']);
if (built !== 0) process.exit(built);
const env = { ...process.env, SERVICE_BUILT: '1', COMPILE_ONCE: '1' };
// The passes name their files rather than ignore each other's: options such as testPathIgnorePatterns
// are part of the key Jest caches each compiled file under, so a pass run with its own would compile
// every module again instead of reusing what the other pass compiled.
const listed = spawnSync(process.execPath, [...jest, '--listTests', '--json'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
if (listed.status !== 0) process.exit(listed.status ?? 1);
const isSerial = (path) => SERIAL.some((prefix) => relative(process.cwd(), path).startsWith(prefix));
const suites = JSON.parse(listed.stdout);
const workers = Number(process.env.TEST_WORKERS ?? Math.min(4, 2 * availableParallelism()));
const parallel = run([...jest, `--maxWorkers=${workers}`, '--runTestsByPath', ...suites.filter((path) => !isSerial(path))], env);
const serial = run([...jest, '--runInBand', '--runTestsByPath', ...suites.filter(isSerial)], env);
process.exit(parallel || serial);
