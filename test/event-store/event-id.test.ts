import { describe, expect, it } from '@jest/globals';
import { validate, version } from 'uuid';
import { newEventId } from '../../src/event-store/event-id.js';

describe('event ids', () => {
  it('are UUID v7, unique and in the order they were made, across many pool refills', () => {
    const ids = Array.from({ length: 20_000 }, () => newEventId());
    expect(ids.every((id) => validate(id) && version(id) === 7)).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual(ids);
  });

  it('carry the time they were made', () => {
    const before = Date.now();
    const id = newEventId();
    const msecs = parseInt(id.replace(/-/g, '').slice(0, 12), 16);
    expect(msecs).toBeGreaterThanOrEqual(before);
    expect(msecs).toBeLessThanOrEqual(Date.now());
  });
});
