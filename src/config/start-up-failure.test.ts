import { describe, expect, it } from '@jest/globals';
import { createServer } from 'node:net';
import { loadOperationsConfig } from './config.js';
import { describeStartFailure, listenFailure } from './start-up-failure.js';

/** The error Node gives for a listen on `port` and `host`, or undefined when it listened. */
function listenError(port: number, host?: string): Promise<unknown> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', resolve);
    server.listen(port, host, () => server.close(() => resolve(undefined)));
  });
}

const config = { port: 3000, operations: { ...loadOperationsConfig({}), metricsPort: 9464, metricsHost: 'metrics.invalid' } };

describe('a listen that fails names its setting (the operator tester got the bare error)', () => {
  it('a metrics host whose name is not known names METRICS_HOST', async () => {
    const error = await listenError(9464, 'metrics.invalid');
    expect(listenFailure(error, config)).toMatchObject({ variable: 'METRICS_HOST', message: expect.stringMatching(/the host metrics\.invalid is not known/) });
  });

  it('an address that is not this machine’s names METRICS_HOST', async () => {
    const error = await listenError(9464, '10.255.255.1');
    expect(listenFailure(error, { ...config, operations: { ...config.operations, metricsHost: '10.255.255.1' } })).toMatchObject({ variable: 'METRICS_HOST', message: expect.stringMatching(/^configuration METRICS_HOST: 10\.255\.255\.1 is not an address of this machine/) });
  });

  it('a port in use, or one the process may not open, names PORT or METRICS_PORT', () => {
    const inUse = Object.assign(new Error('listen EADDRINUSE'), { code: 'EADDRINUSE', syscall: 'listen', port: 9464 });
    expect(listenFailure(inUse, config)).toMatchObject({ variable: 'METRICS_PORT', message: expect.stringMatching(/port 9464 is in use/) });
    // As root here, the system's own EACCES cannot be had: its shape, as Node gives it to a user below port 1024.
    const denied = Object.assign(new Error('listen EACCES: permission denied 0.0.0.0:80'), { code: 'EACCES', syscall: 'listen', address: '0.0.0.0', port: 80 });
    expect(listenFailure(denied, { ...config, port: 80 })).toMatchObject({ variable: 'PORT', message: expect.stringMatching(/port 80 may not be opened by this process .* set PORT to 1024 or above/) });
  });

  it('a data folder that cannot be written names DATA_DIR; a file elsewhere does not', () => {
    const denied = Object.assign(new Error("EACCES: permission denied, open '/srv/data/auth-secret'"), { code: 'EACCES', path: '/srv/data/auth-secret' });
    expect(describeStartFailure(denied, { DATA_DIR: '/srv/data' })).toMatchObject({ setting: 'DATA_DIR', message: expect.stringMatching(/^DATA_DIR: cannot write \/srv\/data\/auth-secret \(EACCES\)/) });
    expect(describeStartFailure(denied, { DATA_DIR: '/srv/other' })).toEqual({ message: denied.message });
  });
});
