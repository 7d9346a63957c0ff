import { describe, expect, it } from '@jest/globals';
import { resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { importTarget, runImport } from '../support/import-cli.js';

const SAMPLE = resolve('test/import/sample/nyc311-sample-999.csv');
const MAPPING = resolve('mappings/nyc311.json');
const target = importTarget(resolve('mappings/nyc311-catalog.json'));

/** Whether the import stored anything yet. */
const started = async (): Promise<boolean> => (await target.store.head()) !== undefined;

describe('an import interrupted with Ctrl-C', () => {
  it('stops between rows and says how far it got, with exit 130 (an import tester got nothing on the screen); run again, it imports the rest', async () => {
    const listening = process.listenerCount('SIGINT');
    const running = runImport(['--file', SAMPLE, '--mapping', MAPPING, '--batch-size', '10', '--concurrency', '1'], target.env);
    while (!(await started())) await sleep(20);
    // The signal's listeners, as the terminal's Ctrl-C calls them (emit sends no real signal to the test's own process).
    process.emit('SIGINT');
    const interrupted = await running;
    expect(interrupted.code).toBe(130);
    expect(interrupted.stderr).toMatch(/^import: import stopped after \d+ rows: interrupted: the rows imported are kept; run the same command again to import the rest/);
    const rows = Number(/stopped after (\d+) rows/.exec(interrupted.stderr)![1]);
    expect(rows).toBeLessThan(999);
    expect(interrupted.stdout).toMatch(/\d+ imported/);

    const rest = await runImport(['--file', SAMPLE, '--mapping', MAPPING], target.env);
    expect(rest.code).toBe(0);
    expect(rest.stdout).toMatch(/already present/);
    // The import's own listeners are gone once it ends.
    expect(process.listenerCount('SIGINT')).toBe(listening);
  });
});
