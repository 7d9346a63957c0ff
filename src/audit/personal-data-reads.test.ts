import { describe, expect, it } from '@jest/globals';
import { personalDataIn } from './personal-data-reads.js';

describe('a response carries personal data when it shows any of a complaint’s personal data', () => {
  it('a case view with the complainant shown names the case', () => {
    expect(personalDataIn({ id: 'c-1', complainant: { name: '김민수' }, description: '[redacted]' }, undefined)).toBe('c-1');
  });

  it('a case view with only the free text shown names the case', () => {
    expect(personalDataIn({ id: 'c-1', complainant: { name: '[redacted]' }, description: 'The meter leaks' }, undefined)).toBe('c-1');
    expect(personalDataIn({ id: 'c-1', complainant: { name: '[redacted]' }, description: '[redacted]', satisfaction: { comment: 'Kim was rude' } }, undefined)).toBe('c-1');
  });

  it('a case view with its personal data redacted or erased names none', () => {
    expect(personalDataIn({ id: 'c-1', complainant: { name: '[redacted]' }, description: '[redacted]', remedySought: '[redacted]' }, 'c-1')).toBeUndefined();
    expect(personalDataIn({ id: 'c-1', complainant: { name: '[erased]' }, description: '[erased]' }, 'c-1')).toBeUndefined();
  });

  it('a case’s events with any personal field shown name the case of the route', () => {
    expect(personalDataIn({ events: [{ type: 'ComplaintReceived', data: { complainant: { name: '김민수' } } }, { type: 'ComplaintAssigned', data: {} }] }, 'c-2')).toBe('c-2');
    expect(personalDataIn({ events: [{ type: 'InformationReceived', data: { requestId: 'r', summary: 'Witness: 010-9999-0000' } }] }, 'c-2')).toBe('c-2');
    expect(personalDataIn({ events: [{ type: 'ComplaintReceived', data: { complainant: { name: '[redacted]' }, description: '[redacted]' } }, { type: 'InformationReceived', data: { summary: '[redacted]' } }] }, 'c-2')).toBeUndefined();
  });

  it('lists, reports and errors name none', () => {
    expect(personalDataIn({ items: [{ id: 'c-1' }] }, undefined)).toBeUndefined();
    expect(personalDataIn('text', 'c-1')).toBeUndefined();
    expect(personalDataIn(null, 'c-1')).toBeUndefined();
  });
});
