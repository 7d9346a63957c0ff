import { describe, expect, it } from '@jest/globals';
import type { StoredEvent } from '../event-store/index.js';
import { eventsAt } from './case-history.js';

const stored = (revision: number, occurredAt: string) => ({ revision, metadata: { occurredAt } }) as unknown as StoredEvent;

describe('which events stand at a moment', () => {
  const history = [stored(0, '2026-03-09T10:00:00+09:00'), stored(1, '2026-03-09T11:00:00+09:00'), stored(2, '2026-03-09T12:00:00+09:00')];

  it('a revision includes the events up to and including it', () => {
    expect(eventsAt(history, { revision: 0 })).toBe(1);
    expect(eventsAt(history, { revision: 2 })).toBe(3);
  });

  it('a revision is a revision number, not a place in the stream: a stream missing a revision still gives the revision asked for', () => {
    const damaged = [stored(0, '2026-03-09T10:00:00+09:00'), stored(1, '2026-03-09T11:00:00+09:00'), stored(3, '2026-03-09T13:00:00+09:00'), stored(4, '2026-03-09T14:00:00+09:00')];
    expect(eventsAt(damaged, { revision: 3 })).toBe(3);
    expect(eventsAt(damaged, { revision: 4 })).toBe(4);
    // Revision 2 is gone: the history stands as it did after revision 1.
    expect(eventsAt(damaged, { revision: 2 })).toBe(2);
    expect(eventsAt(damaged, { revision: 9 })).toBe(4);
  });

  it('a time includes the events that occurred at or before it, in any offset', () => {
    expect(eventsAt(history, { time: '2026-03-09T01:59:59Z' })).toBe(1);
    expect(eventsAt(history, { time: '2026-03-09T02:00:00Z' })).toBe(2);
    expect(eventsAt(history, { time: '2026-03-09T09:59:59.999+09:00' })).toBe(0);
  });

  it('an event dated before one that precedes it in the stream does not jump the queue: history is replayed as a prefix', () => {
    const skewed = [stored(0, '2026-03-09T10:00:00+09:00'), stored(1, '2026-03-09T12:00:00+09:00'), stored(2, '2026-03-09T11:00:00+09:00')];
    expect(eventsAt(skewed, { time: '2026-03-09T11:30:00+09:00' })).toBe(1);
  });
});
