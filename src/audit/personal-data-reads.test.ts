import { describe, expect, it } from '@jest/globals';
import { personalDataIn } from './personal-data-reads.js';

describe('a response carries personal data when it shows a complainant', () => {
  it('a case view with the complainant shown names the case', () => {
    expect(personalDataIn({ id: 'c-1', complainant: { name: '김민수' } }, undefined)).toBe('c-1');
  });

  it('a case view with the complainant redacted names none', () => {
    expect(personalDataIn({ id: 'c-1', complainant: 'redacted' }, 'c-1')).toBeUndefined();
  });

  it('a case’s events with the receipt’s complainant shown name the case of the route', () => {
    expect(personalDataIn({ events: [{ data: { complainant: { name: '김민수' } } }, { data: {} }] }, 'c-2')).toBe('c-2');
    expect(personalDataIn({ events: [{ data: { complainant: 'redacted' } }] }, 'c-2')).toBeUndefined();
  });

  it('lists, reports and errors name none', () => {
    expect(personalDataIn({ items: [{ id: 'c-1' }] }, undefined)).toBeUndefined();
    expect(personalDataIn('text', 'c-1')).toBeUndefined();
    expect(personalDataIn(null, 'c-1')).toBeUndefined();
  });
});
