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

  const trigger = { code: 'x', name: { ko: '과실', en: 'Fault' }, reasons: ['delay'], form: 'goods', value: 1, currency: 'KRW' };
  it.each([
    ['a value of 0', { triggers: [{ ...trigger, value: 0 }], exceptionApprovers: [] }, '$.compensationPolicy.triggers[0].value: exclusiveMinimum: must be > 0'],
    ['an unknown form', { triggers: [{ ...trigger, form: 'voucher' }], exceptionApprovers: [] }, '$.compensationPolicy.triggers[0].form: must be one of "goods", "money"'],
    ['a currency that is no ISO code', { triggers: [{ ...trigger, currency: 'won' }], exceptionApprovers: [] }, '$.compensationPolicy.triggers[0].currency: pattern: must match pattern "^[A-Z]{3}$"'],
    ['an approver that is no role', { triggers: [], exceptionApprovers: ['ceo'] }, '$.compensationPolicy.exceptionApprovers[0]: must be one of "intake", "handler"'],
    ['a trigger without a name', { triggers: [{ ...trigger, name: undefined }], exceptionApprovers: [] }, '$.compensationPolicy.triggers[0].name: required'],
  ])('a policy with %s is refused naming CATALOG_FILE, the file, the JSON path and the rule', (_what, policy, problem) => {
    const file = catalogFile(policy);
    expect(() => loadConfig({ CATALOG_FILE: file })).toThrow(ConfigError);
    expect(() => loadConfig({ CATALOG_FILE: file })).toThrow(`${file}: ${problem}`);
  });
});
