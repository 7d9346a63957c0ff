import { describe, expect, it } from '@jest/globals';
import { outageLog } from './outage-log.js';

describe('an outage is logged when it starts, once a minute while it lasts, and when it ends', () => {
  it('logs the first failure, not the next ones within a minute, one a minute after, and the recovery once', () => {
    const lines: string[] = [];
    let now = 0;
    const log = outageLog('sealing', { warn: (m) => lines.push(`warn ${m}`), info: (m) => lines.push(`info ${m}`) }, () => now);
    log.succeeded();
    for (; now < 61_000; now += 1_000) log.failed('connection refused');
    log.failed('connection refused');
    now = 62_000;
    log.succeeded();
    log.succeeded();
    expect(lines).toEqual([
      'warn sealing failed, will try again (logged again once a minute while it fails): connection refused',
      'warn sealing still failing: 61 failures in 60 s: connection refused',
      'info sealing works again, after 62 failures in 62 s',
    ]);
  });

  it('starts over after a recovery: the next failure is logged at once', () => {
    const lines: string[] = [];
    const log = outageLog('readiness', { warn: (m) => lines.push(m), info: (m) => lines.push(m) }, () => 0);
    log.failed('store down');
    log.succeeded();
    log.failed('store down');
    expect(lines.filter((line) => line.startsWith('readiness failed'))).toHaveLength(2);
  });
});
