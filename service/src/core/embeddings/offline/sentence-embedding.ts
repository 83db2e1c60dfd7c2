/**
 * Sentence vector = [semantic half | lexical half], each unit-normalised and scaled so that one cosine
 * over the whole vector equals (1 - s)·cos(semantic) + s·cos(lexical), s = params.lexicalShare.
 * Semantic half: SIF-weighted mean of word vectors (Arora et al. 2017), common directions projected out,
 * then a per-dimension re-weighting learned on the STS train split.
 */
import { charNgrams, hashString, NGRAM_SEED } from './feature-hashing.ts';
import { addFeatures, hashWordFeatures, type LexicalFeatures } from './lexical-hashing.ts';
import type { OfflineModel } from './model-weights.ts';
import { stemFr } from './stem-fr.ts';
import { tokenizeFr } from './tokenize-fr.ts';

const HAS_DIGIT = /[0-9]/;

/** What the embedder remembers about one surface word; computed once, reused for every text. */
interface WordInfo {
  /** Row in the vocabulary, or -1 when the vector comes from character n-grams (or there is none). */
  row: number;
  /** Vector of an unknown word; null for vocabulary words and for numbers, which are lexical only. */
  oovVector: Float32Array | null;
  sifWeight: number;
  lexical: LexicalFeatures;
}

/** Per-embedder word memory; bounded so a stream of odd tokens cannot grow it forever. */
export interface WordCache {
  words: Map<string, WordInfo>;
  maxSize: number;
}

export function createWordCache(maxSize = 200_000): WordCache {
  return { words: new Map(), maxSize };
}

/** Vector of an unknown stem: mean of its hashed character n-gram vectors, unit length. */
export function oovVector(model: OfflineModel, stem: string): Float32Array {
  const { semanticDims: d, ngramBuckets, ngramMin, ngramMax } = model.params;
  const out = new Float32Array(d);
  for (const g of charNgrams(stem, ngramMin, ngramMax)) {
    const b = hashString(g, NGRAM_SEED) % ngramBuckets;
    const s = model.ngramScales[b];
    const base = b * d;
    for (let k = 0; k < d; k++) out[k] += model.ngramVectors[base + k] * s;
  }
  normalise(out, 0, d);
  return out;
}

function describeWord(model: OfflineModel, word: string): WordInfo {
  const stem = stemFr(word);
  const row = model.vocab.get(stem) ?? -1;
  const p = row >= 0 ? model.wordProb[row] : model.oovProb;
  const idf = row >= 0 ? model.idf[row] : model.oovIdf;
  const { sifA, lexicalDims, lexicalGramWeight } = model.params;
  return {
    row,
    oovVector: row >= 0 || HAS_DIGIT.test(word) ? null : oovVector(model, stem),
    sifWeight: sifA / (sifA + p),
    lexical: hashWordFeatures(word, stem, idf, lexicalDims, lexicalGramWeight),
  };
}

function lookup(model: OfflineModel, cache: WordCache, word: string): WordInfo {
  let info = cache.words.get(word);
  if (info === undefined) {
    info = describeWord(model, word);
    if (cache.words.size >= cache.maxSize) cache.words.clear();
    cache.words.set(word, info);
  }
  return info;
}

function normalise(v: Float32Array, from: number, to: number, scale = 1): boolean {
  let n = 0;
  for (let k = from; k < to; k++) n += v[k] * v[k];
  if (n === 0) return false;
  const f = scale / Math.sqrt(n);
  for (let k = from; k < to; k++) v[k] *= f;
  return true;
}

/** Embeds one text; all zeros when it has no word. Dimension = semanticDims + lexicalDims. */
export function embedText(model: OfflineModel, cache: WordCache, text: string): Float32Array {
  const { semanticDims: d, lexicalDims, lexicalShare, maxTokens } = model.params;
  const out = new Float32Array(d + lexicalDims);
  const words = tokenizeFr(text, maxTokens);
  if (words.length === 0) return out;
  const { wordVectors, wordScales } = model;
  for (const word of words) {
    const info = lookup(model, cache, word);
    if (info.row >= 0) {
      const w = info.sifWeight * wordScales[info.row];
      const base = info.row * d;
      for (let k = 0; k < d; k++) out[k] += wordVectors[base + k] * w;
    } else if (info.oovVector !== null) {
      const v = info.oovVector;
      for (let k = 0; k < d; k++) out[k] += v[k] * info.sifWeight;
    }
    addFeatures(out, d, info.lexical);
  }
  removeCommonDirections(model, out);
  const dw = model.dimWeights;
  for (let k = 0; k < d; k++) out[k] *= dw[k];
  const hasSemantic = normalise(out, 0, d, Math.sqrt(1 - lexicalShare));
  const hasLexical = normalise(out, d, d + lexicalDims, Math.sqrt(lexicalShare));
  // A text whose only words cancelled out in one half still gets a unit vector from the other half.
  if (hasSemantic !== hasLexical) normalise(out, 0, d + lexicalDims);
  return out;
}

function removeCommonDirections(model: OfflineModel, v: Float32Array): void {
  const d = model.params.semanticDims;
  const dirs = model.commonDirections;
  for (let base = 0; base < dirs.length; base += d) {
    let dot = 0;
    for (let k = 0; k < d; k++) dot += v[k] * dirs[base + k];
    for (let k = 0; k < d; k++) v[k] -= dot * dirs[base + k];
  }
}
