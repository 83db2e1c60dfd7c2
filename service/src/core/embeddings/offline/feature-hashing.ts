/**
 * Hashing helpers shared by the lexical half and the out-of-vocabulary model: FNV-1a over UTF-16 code
 * units, so training (Node) and runtime agree bit for bit without any table.
 */

/** 32-bit FNV-1a hash of a string, seeded so that different feature families do not collide alike. */
export function hashString(text: string, seed = 0x811c9dc5): number {
  let h = seed >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  // Final avalanche: FNV's low bits are weak for short strings, and we take the hash modulo small sizes.
  h ^= h >>> 15;
  h = Math.imul(h, 0x2c1b3c6d);
  h ^= h >>> 12;
  return h >>> 0;
}

/** Character n-grams of `<word>` (boundaries marked), n from `min` to `max` inclusive. */
export function charNgrams(word: string, min: number, max: number): string[] {
  const padded = `<${word}>`;
  const grams: string[] = [];
  for (let n = min; n <= max; n++) {
    for (let i = 0; i + n <= padded.length; i++) grams.push(padded.slice(i, i + n));
  }
  return grams;
}

export const NGRAM_SEED = 0x9747b28c;
export const LEXICAL_STEM_SEED = 0x811c9dc5;
export const LEXICAL_GRAM_SEED = 0x3c6ef372;
