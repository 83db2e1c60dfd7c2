/**
 * The lexical half: signed feature hashing of stems and of the word's character n-grams, each weighted by
 * the stem's IDF. It keeps exact and near-exact word overlap (names of towns, rare terms, typos) that
 * static word vectors blur.
 */
import { charNgrams, hashString, LEXICAL_GRAM_SEED, LEXICAL_STEM_SEED } from './feature-hashing.ts';

/** Sparse lexical features of one word: hashed indices and signed weights. */
export interface LexicalFeatures {
  indices: Int32Array;
  values: Float32Array;
}

/** Features of a word (folded surface form and its stem) in a space of `dims` buckets. */
export function hashWordFeatures(
  word: string,
  stem: string,
  idf: number,
  dims: number,
  gramWeight: number,
): LexicalFeatures {
  const grams = gramWeight > 0 ? charNgrams(word, 3, 5) : [];
  const indices = new Int32Array(1 + grams.length);
  const values = new Float32Array(1 + grams.length);
  const put = (k: number, h: number, w: number) => {
    indices[k] = h % dims;
    // The top bit gives the sign, so colliding features cancel on average instead of piling up.
    values[k] = h & 0x80000000 ? -w : w;
  };
  put(0, hashString(stem, LEXICAL_STEM_SEED), idf);
  const gw = grams.length === 0 ? 0 : (idf * gramWeight) / Math.sqrt(grams.length);
  for (let g = 0; g < grams.length; g++) put(g + 1, hashString(grams[g], LEXICAL_GRAM_SEED), gw);
  return { indices, values };
}

/** Adds a word's features into a dense lexical vector. */
export function addFeatures(target: Float32Array, offset: number, f: LexicalFeatures): void {
  const { indices, values } = f;
  for (let k = 0; k < indices.length; k++) target[offset + indices[k]] += values[k];
}
