import { describe, expect, it } from '@jest/globals';
import { ExpiringCache } from '../../src/cache/index.js';

describe('ExpiringCache', () => {
  it('gives a value until its deadline, then nothing', () => {
    const cache = new ExpiringCache<string, number>(10);
    cache.set('a', 1, 1_000, 0);
    expect(cache.get('a', 999)).toBe(1);
    expect(cache.get('a', 1_000)).toBeUndefined();
  });

  it('holds at most its capacity, dropping the oldest', () => {
    const cache = new ExpiringCache<string, number>(2);
    for (const [i, key] of ['a', 'b', 'c'].entries()) cache.set(key, i, 10_000, 0);
    expect(cache.size).toBe(2);
    expect(cache.get('a', 1)).toBeUndefined();
    expect(cache.get('c', 1)).toBe(2);
  });

  it('drops the expired entries before a new one is kept, without waiting to be read or pushed out', () => {
    const cache = new ExpiringCache<string, number>(100);
    for (let i = 0; i < 50; i++) cache.set(`old-${i}`, i, 1_000 + i, i);
    cache.set('kept', 0, 5_000, 1_020);
    // The first 21 had expired by 1 020; the rest are still usable.
    expect(cache.size).toBe(50 - 21 + 1);
    cache.set('new', 0, 9_000, 2_000);
    expect(cache.size).toBe(2);
    expect(cache.get('kept', 2_000)).toBe(0);
  });
});
