import { describe, expect, it } from '@jest/globals';
import { utcInstants } from './utc-instants.js';

describe('every answer writes instants in UTC', () => {
  it('rewrites an instant with an offset, keeps dates, text and numbers', () => {
    const answer = {
      dueAt: '2026-09-30T10:00:00.000+09:00', at: '2026-09-30T10:00+09:00', on: '2026-09-30', note: 'due 2026-09-30T10:00:00+09:00', n: 3,
      pauses: [{ from: '2026-09-30T10:00:00+09:00' }], handlingSince: '2026-09-30T10:00:00+09:00',
    };
    expect(JSON.parse(JSON.stringify(answer, utcInstants))).toEqual({
      dueAt: '2026-09-30T01:00:00.000Z', at: '2026-09-30T01:00:00.000Z', on: '2026-09-30', note: 'due 2026-09-30T10:00:00+09:00', n: 3,
      pauses: [{ from: '2026-09-30T01:00:00.000Z' }], handlingSince: '2026-09-30T01:00:00.000Z',
    });
  });

  it('leaves free text that reads as an instant as it was given (and hashed): only the fields that name instants are rewritten', () => {
    const text = { description: '2026-02-30T10:00:00Z', complainant: { name: '2026-09-30T10:00:00+09:00', address: '2026-09-30T10:00Z' }, subjects: [{ id: '2026-09-30T10:00:00Z' }] };
    const event = { type: 'ComplaintReceived', data: { ...text, receivedAt: '2026-09-30T10:00:00+09:00' }, metadata: { occurredAt: '2026-09-30T10:00:00+09:00' } };
    expect(JSON.parse(JSON.stringify(event, utcInstants))).toEqual({ ...event, data: { ...text, receivedAt: '2026-09-30T01:00:00.000Z' }, metadata: { occurredAt: '2026-09-30T01:00:00.000Z' } });
  });
});
