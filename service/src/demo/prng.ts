/**
 * A small seeded pseudo-random generator (mulberry32) and the helpers the generators draw with. The demo must
 * be reproducible: the same seed gives the same territory, byte for byte, on every machine.
 */
export type Rng = {
  /** Uniform in [0, 1). */
  next(): number;
  /** Integer in [min, max] (both included). */
  int(min: number, max: number): number;
  chance(p: number): boolean;
  pick<T>(items: readonly T[]): T;
  /** Picks by weight: `[[value, weight], ...]`. */
  weighted<T>(items: readonly (readonly [T, number])[]): T;
  /** `count` distinct items, in random order. */
  sample<T>(items: readonly T[], count: number): T[];
  /** A child generator with its own stream, so that adding draws in one place does not shift another. */
  fork(label: string): Rng;
};

export function createRng(seed: number): Rng {
  let state = seed >>> 0;
  const next = () => {
    // mulberry32 (Tommy Ettinger): 32-bit state, passes gjrand/PractRand up to 2^32 outputs, plenty for demo data.
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const rng: Rng = {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    chance: (p) => next() < p,
    pick: (items) => items[Math.floor(next() * items.length)],
    weighted(items) {
      const total = items.reduce((s, [, w]) => s + w, 0);
      let r = next() * total;
      for (const [value, w] of items) {
        r -= w;
        if (r < 0) return value;
      }
      return items[items.length - 1][0];
    },
    sample(items, count) {
      // A few items out of many (applicants out of a territory's citizens): distinct indices, no copy of the list.
      if (count * 8 < items.length) {
        const picked = new Set<number>();
        while (picked.size < count) picked.add(Math.floor(next() * items.length));
        return [...picked].map((i) => items[i]);
      }
      const copy = items.slice();
      const n = Math.min(count, copy.length);
      for (let i = 0; i < n; i++) {
        const j = i + Math.floor(next() * (copy.length - i));
        [copy[i], copy[j]] = [copy[j], copy[i]];
      }
      return copy.slice(0, n);
    },
    fork: (label) => createRng(hashSeed(`${seed}:${label}`)),
  };
  return rng;
}

/** FNV-1a of a string: turns a label (or a user-given seed) into a 32-bit seed. */
export function hashSeed(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** A deterministic UUID (v4 layout) from the generator, so ids are stable across runs of the same seed. */
export function uuidFrom(rng: Rng): string {
  const hex = (n: number) => Math.floor(rng.next() * 16 ** n).toString(16).padStart(n, '0');
  const variant = (8 + Math.floor(rng.next() * 4)).toString(16);
  return `${hex(8)}-${hex(4)}-4${hex(3)}-${variant}${hex(3)}-${hex(12)}`;
}

/** Draws items with probability proportional to their weight (binary search: fast on 100k items). */
export function createWeightedPicker<T>(items: readonly T[], weightOf: (item: T) => number): (rng: Rng) => T {
  const cumulative = new Float64Array(items.length);
  let total = 0;
  items.forEach((item, i) => (cumulative[i] = total += weightOf(item)));
  return (rng) => {
    const r = rng.next() * total;
    let lo = 0;
    let hi = items.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid] > r) hi = mid;
      else lo = mid + 1;
    }
    return items[lo];
  };
}
