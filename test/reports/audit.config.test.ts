import { describe, expect, it } from '@jest/globals';
import { ConfigError, loadReportsConfig } from '../../src/config/config.js';

describe('the audit and repeat-offender settings', () => {
  it('default to the source: acknowledge and record within 3 working hours, flag at 3 a year', () => {
    expect(loadReportsConfig({})).toEqual({
      audit: { acknowledgeWithin: { hours: 3 }, recordWithin: { hours: 3 } },
      repeatOffenderThreshold: 3,
    });
  });

  it('read working hours or whole working days', () => {
    const config = loadReportsConfig({ AUDIT_ACKNOWLEDGE_WITHIN: '3d', AUDIT_RECORD_WITHIN: '1.5h', REPEAT_OFFENDER_THRESHOLD: '2' });
    expect(config.audit).toEqual({ acknowledgeWithin: { days: 3 }, recordWithin: { hours: 1.5 } });
    expect(config.repeatOffenderThreshold).toBe(2);
  });

  it.each([
    [{ AUDIT_ACKNOWLEDGE_WITHIN: '3 days' }, 'AUDIT_ACKNOWLEDGE_WITHIN'],
    [{ AUDIT_RECORD_WITHIN: '1.5d' }, 'AUDIT_RECORD_WITHIN'],
    [{ REPEAT_OFFENDER_THRESHOLD: '0' }, 'REPEAT_OFFENDER_THRESHOLD'],
  ])('refuse %p, naming %s', (env, variable) => {
    expect(() => loadReportsConfig(env)).toThrow(ConfigError);
    expect(() => loadReportsConfig(env)).toThrow(`configuration ${variable}:`);
  });
});
