import { describe, expect, it } from '@jest/globals';
import { personalDataIn } from './personal-data-reads.js';

describe('a response carries personal data when it shows any of a complaint’s personal data', () => {
  it('a case view with the complainant shown names the case', () => {
    expect(personalDataIn({ id: 'c-1', complainant: { name: '김민수' }, description: '[redacted]' })).toBe('c-1');
  });

  it('a withdrawn case view with only the withdrawal reason shown names the case (the complainant’s words, sealed)', () => {
    expect(personalDataIn({ id: 'c-1', complainant: { name: '[redacted]' }, description: '[redacted]', closure: { as: 'withdrawn', at: 't', reason: 'My manager found out' } })).toBe('c-1');
    expect(personalDataIn({ complaintId: 'c-2', events: [{ type: 'ComplaintWithdrawn', data: { reason: 'My manager found out' } }] })).toBe('c-2');
  });

  it('a case view with only the free text shown names the case', () => {
    expect(personalDataIn({ id: 'c-1', complainant: { name: '[redacted]' }, description: 'The meter leaks' })).toBe('c-1');
    expect(personalDataIn({ id: 'c-1', complainant: { name: '[redacted]' }, description: '[redacted]', satisfaction: { comment: 'Kim was rude' } })).toBe('c-1');
  });

  it('a case view with its personal data redacted or erased names none', () => {
    expect(personalDataIn({ id: 'c-1', complainant: { name: '[redacted]' }, description: '[redacted]', remedySought: '[redacted]' })).toBeUndefined();
    expect(personalDataIn({ id: 'c-1', complainant: { name: '[erased]' }, description: '[erased]' })).toBeUndefined();
  });

  it('a case’s events with any personal field shown name the case the body gives (a route naming it by reference included)', () => {
    expect(personalDataIn({ complaintId: 'c-2', events: [{ type: 'ComplaintReceived', data: { complainant: { name: '김민수' } } }, { type: 'ComplaintAssigned', data: {} }] })).toBe('c-2');
    expect(personalDataIn({ complaintId: 'c-2', events: [{ type: 'InformationReceived', data: { requestId: 'r', summary: 'Witness: 010-9999-0000' } }] })).toBe('c-2');
    expect(personalDataIn({ complaintId: 'c-2', events: [{ type: 'ComplaintReceived', data: { complainant: { name: '[redacted]' }, description: '[redacted]' } }, { type: 'InformationReceived', data: { summary: '[redacted]' } }] })).toBeUndefined();
  });

  it('lists, reports and errors name none', () => {
    expect(personalDataIn({ items: [{ id: 'c-1' }] })).toBeUndefined();
    expect(personalDataIn('text')).toBeUndefined();
    expect(personalDataIn(null)).toBeUndefined();
  });
});
