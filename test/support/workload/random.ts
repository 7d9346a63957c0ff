/** A small seeded pseudo-random source (mulberry32): the same seed draws the same numbers on every machine. */
export interface Random {
  /** In [0, 1). */
  next(): number;
  /** True with probability p. */
  chance(p: number): boolean;
  /** An integer in [min, max]. */
  int(min: number, max: number): number;
  pick<T>(items: readonly T[]): T;
  /** An item drawn by weight. */
  weighted<T>(items: readonly (readonly [T, number])[]): T;
  /** Index in [0, n): low indices far likelier (a Zipf-like skew, s ≈ 1). */
  skewed(n: number): number;
}

/** The source for stream `stream` of `seed`: streams of one seed are independent, so any one can be drawn alone. */
export function seededRandom(seed: number, stream = 0): Random {
  let state = mix(mix(seed >>> 0) ^ Math.imul(stream >>> 0, 0x85ebca77));
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const random: Random = {
    next,
    chance: (p) => next() < p,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    pick: (items) => items[Math.floor(next() * items.length)] as (typeof items)[number],
    weighted: (items) => {
      const total = items.reduce((sum, [, w]) => sum + w, 0);
      let r = next() * total;
      for (const [item, w] of items) if ((r -= w) < 0) return item;
      return items[items.length - 1]![0];
    },
    skewed: (n) => Math.min(n - 1, Math.floor(Math.exp(next() * Math.log(n + 1))) - 1),
  };
  return random;
}

/** A 32-bit finaliser (murmur3's): nearby seeds give unrelated states. */
function mix(x: number): number {
  x = Math.imul(x ^ (x >>> 16), 0x85ebca6b);
  x = Math.imul(x ^ (x >>> 13), 0xc2b2ae35);
  return (x ^ (x >>> 16)) >>> 0;
}
