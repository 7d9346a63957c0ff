import { describe, expect, it } from '@jest/globals';
import { utcInstants } from './utc-instants.js';

describe('every answer writes instants in UTC', () => {
  it('rewrites an instant with an offset, keeps dates, text and numbers', () => {
    const answer = { dueAt: '2026-09-30T10:00:00.000+09:00', at: '2026-09-30T10:00+09:00', on: '2026-09-30', note: 'due 2026-09-30T10:00:00+09:00', n: 3 };
    expect(JSON.parse(JSON.stringify(answer, utcInstants))).toEqual({
      dueAt: '2026-09-30T01:00:00.000Z', at: '2026-09-30T01:00:00.000Z', on: '2026-09-30', note: 'due 2026-09-30T10:00:00+09:00', n: 3,
    });
  });
});
