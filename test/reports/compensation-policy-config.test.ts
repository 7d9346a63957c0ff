import { afterAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_CATALOG, DEFAULT_COMPENSATION_POLICY } from '../../domain/catalog.js';
import { ConfigError, loadConfig } from '../../src/config/config.js';

const dir = mkdtempSync(join(tmpdir(), 'compensation-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const catalogFile = (compensationPolicy: unknown) => {
  const file = join(dir, `${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(file, JSON.stringify({ ...DEFAULT_CATALOG, compensationPolicy }));
  return file;
};

describe('the compensation policy is configuration (CATALOG_FILE), checked at start', () => {
  it('by default the seed’s: goods worth 10,000 KRW per case for a handling error and for confirmed discourtesy, exceptions by the complaints office', () => {
    expect(loadConfig({}).catalog.compensationPolicy).toBe(DEFAULT_COMPENSATION_POLICY);
    expect(DEFAULT_COMPENSATION_POLICY.triggers.map(({ code, form, value, currency }) => ({ code, form, value, currency }))).toEqual([
      { code: 'handling-error', form: 'goods', value: 10_000, currency: 'KRW' },
      { code: 'discourtesy', form: 'goods', value: 10_000, currency: 'KRW' },
    ]);
  });

  it('an operator’s policy replaces it', () => {
    const policy = { triggers: [{ code: 'fault', name: { ko: '과실', en: 'Fault' }, reasons: ['delay'], form: 'money', value: 30_000, currency: 'KRW' }], exceptionApprovers: ['complaints-office', 'department-head'] };
    expect(loadConfig({ CATALOG_FILE: catalogFile(policy) }).catalog.compensationPolicy).toEqual(policy);
  });

  it.each([
    ['a value of 0', { triggers: [{ code: 'x', reasons: ['delay'], form: 'goods', value: 0, currency: 'KRW' }], exceptionApprovers: [] }],
    ['an unknown form', { triggers: [{ code: 'x', reasons: ['delay'], form: 'voucher', value: 1, currency: 'KRW' }], exceptionApprovers: [] }],
    ['a currency that is no ISO code', { triggers: [{ code: 'x', reasons: ['delay'], form: 'goods', value: 1, currency: 'won' }], exceptionApprovers: [] }],
    ['an approver that is no role', { triggers: [], exceptionApprovers: ['ceo'] }],
  ])('a policy with %s is refused naming CATALOG_FILE', (_what, policy) => {
    expect(() => loadConfig({ CATALOG_FILE: catalogFile(policy) })).toThrow(ConfigError);
    expect(() => loadConfig({ CATALOG_FILE: catalogFile(policy) })).toThrow(/CATALOG_FILE.*compensationPolicy must be/);
  });
});
