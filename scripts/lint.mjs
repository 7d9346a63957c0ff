// `npm run lint`: eslint, the two type checks and the API description's test, at the same time. Each is
// one process on one core; one after the other they left the second core idle for about 90 s of every CI
// run. Each check's output is printed whole when it ends, so the four do not interleave; the API
// description test's report only when it fails (eslint and tsc say nothing when all is well).
import { Buffer } from 'node:buffer';
import { spawn } from 'node:child_process';
import process from 'node:process';

const node = (...args) => [process.execPath, args];
const jest = ['--experimental-vm-modules', '--no-warnings=ExperimentalWarning', 'node_modules/jest/bin/jest.js'];
const CHECKS = {
  eslint: node('node_modules/eslint/bin/eslint.js', '.'),
  'type check': node('node_modules/typescript/bin/tsc', '-p', 'tsconfig.json', '--noEmit'),
  "console's type check": node('node_modules/typescript/bin/tsc', '-p', 'console/tsconfig.json'),
  'API description': node(...jest, '--silent', 'test/api/api-description.e2e.test.ts'),
};

function check(name, [command, args]) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    const output = [];
    child.stdout.on('data', (chunk) => output.push(chunk));
    child.stderr.on('data', (chunk) => output.push(chunk));
    child.on('close', (code, signal) => {
      const failed = code !== 0;
      process.stdout.write(`── ${name}: ${failed ? `failed (${signal ?? `exit ${code}`})` : 'ok'}\n`);
      if (failed || name !== 'API description') process.stdout.write(Buffer.concat(output));
      resolve(!failed);
    });
  });
}

const results = await Promise.all(Object.entries(CHECKS).map(([name, command]) => check(name, command)));
process.exit(results.every(Boolean) ? 0 : 1);
