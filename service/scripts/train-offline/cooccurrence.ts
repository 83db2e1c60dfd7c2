/**
 * Symmetric co-occurrence counts in an open-addressing hash table of typed arrays: a JS Map tops out at
 * 2^24 entries and costs ~80 bytes each, this costs 8 bytes a slot. Word ids must be below 65535 so a
 * pair packs into one uint32 key (0 marks an empty slot).
 */

export interface PairTable {
  keys: Uint32Array;
  values: Float32Array;
  size: number;
}

export const MAX_WORDS = 65535;

export function createPairTable(log2Capacity = 24): PairTable {
  return { keys: new Uint32Array(1 << log2Capacity), values: new Float32Array(1 << log2Capacity), size: 0 };
}

function slotOf(keys: Uint32Array, key: number): number {
  const mask = keys.length - 1;
  let s = Math.imul(key, 0x9e3779b1) >>> 0;
  s &= mask;
  while (keys[s] !== 0 && keys[s] !== key) s = (s + 1) & mask;
  return s;
}

function grow(t: PairTable): void {
  const { keys, values } = t;
  t.keys = new Uint32Array(keys.length * 2);
  t.values = new Float32Array(keys.length * 2);
  for (let s = 0; s < keys.length; s++) {
    if (keys[s] === 0) continue;
    const n = slotOf(t.keys, keys[s]);
    t.keys[n] = keys[s];
    t.values[n] = values[s];
  }
}

/** Adds weight w to the unordered pair {i, j}. */
export function addPair(t: PairTable, i: number, j: number, w: number): void {
  const key = i < j ? i * 65536 + j + 1 : j * 65536 + i + 1;
  const s = slotOf(t.keys, key);
  if (t.keys[s] === 0) {
    t.keys[s] = key;
    t.size++;
    if (t.size * 10 > t.keys.length * 7) {
      t.values[s] = w;
      grow(t);
      return;
    }
  }
  t.values[s] += w;
}

/**
 * Counts pairs within `window` words in stream[from, to) of word ids (-1 separates documents), weighted
 * 1/d when harmonic (GloVe) or 1 otherwise, times `scale`.
 */
export function countWindow(t: PairTable, stream: Int32Array, from: number, length: number, window: number, harmonic: boolean, scale = 1): void {
  const weights = Array.from({ length: window + 1 }, (_, d) => scale * (harmonic && d > 0 ? 1 / d : 1));
  for (let p = from; p < length; p++) {
    const a = stream[p];
    if (a < 0) continue;
    for (let d = 1; d <= window && p + d < length; d++) {
      const b = stream[p + d];
      if (b < 0) break;
      if (b !== a) addPair(t, a, b, weights[d]);
    }
  }
}

/** Calls fn(i, j, count) for every stored pair (i < j). */
export function forEachPair(t: PairTable, fn: (i: number, j: number, c: number) => void): void {
  const { keys, values } = t;
  for (let s = 0; s < keys.length; s++) {
    const k = keys[s];
    if (k === 0) continue;
    const packed = k - 1;
    fn(Math.floor(packed / 65536), packed % 65536, values[s]);
  }
}
