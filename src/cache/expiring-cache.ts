/**
 * Values kept until a deadline each, at most `capacity` of them (the oldest go first). For what is
 * safe to reuse for a while and costly to look up again: verified tokens, unwrapped data keys.
 */
export class ExpiringCache<K, V> {
  private readonly entries = new Map<K, { value: V; until: number }>();

  constructor(private readonly capacity: number) {}

  get(key: K, now = Date.now()): V | undefined {
    const entry = this.entries.get(key);
    if (entry && entry.until > now) return entry.value;
    this.entries.delete(key);
    return undefined;
  }

  /**
   * Keeps `value` until `until` (epoch ms). Entries expired at the front go too: the values held are
   * often personal data (opened keys, cases), kept no longer than they may be used. Deadlines come
   * roughly in the order entries are set, so this finds most expired ones at no cost; the rest go
   * when read or pushed out.
   */
  set(key: K, value: V, until: number, now = Date.now()): void {
    this.entries.delete(key);
    for (const [oldest, entry] of this.entries) {
      if (entry.until > now) break;
      this.entries.delete(oldest);
    }
    this.entries.set(key, { value, until });
    if (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value!);
  }

  get size(): number {
    return this.entries.size;
  }

  delete(key: K): void {
    this.entries.delete(key);
  }

  deleteWhere(test: (key: K) => boolean): void {
    for (const key of this.entries.keys()) if (test(key)) this.entries.delete(key);
  }
}
