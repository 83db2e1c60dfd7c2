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

/**
 * What the embedder remembers about one surface word, computed once and reused for every text.
 * Projection and re-weighting are linear, so they are applied here to each word's vector instead of to
 * every sentence: a sentence then costs one addition of d floats per word.
 */
interface WordInfo {
  /** sifWeight · dimWeights ⊙ (vector with common directions removed); null for numbers (lexical only). */
  semantic: Float32Array | null;
  lexical: LexicalFeatures;
}

/** Per-embedder word memory; bounded (about 1.5 KB a word) so a stream of odd tokens cannot grow it forever. */
export interface WordCache {
  words: Map<string, WordInfo>;
  maxSize: number;
}

export function createWordCache(maxSize = 60_000): WordCache {
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

function wordVector(model: OfflineModel, row: number): Float32Array {
  const d = model.params.semanticDims;
  const out = new Float32Array(d);
  const s = model.wordScales[row];
  for (let k = 0; k < d; k++) out[k] = model.wordVectors[row * d + k] * s;
  return out;
}

function describeWord(model: OfflineModel, word: string): WordInfo {
  const stem = stemFr(word);
  const row = model.vocab.get(stem) ?? -1;
  const p = row >= 0 ? model.wordProb[row] : model.oovProb;
  const idf = row >= 0 ? model.idf[row] : model.oovIdf;
  const { sifA, lexicalDims, lexicalGramWeight } = model.params;
  let semantic: Float32Array | null = null;
  if (row >= 0 || !HAS_DIGIT.test(word)) {
    semantic = row >= 0 ? wordVector(model, row) : oovVector(model, stem);
    removeCommonDirections(model, semantic);
    const sif = sifA / (sifA + p);
    const dw = model.dimWeights;
    for (let k = 0; k < semantic.length; k++) semantic[k] *= sif * dw[k];
  }
  return { semantic, lexical: hashWordFeatures(word, stem, idf, lexicalDims, lexicalGramWeight) };
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
  for (const word of words) {
    const info = lookup(model, cache, word);
    const v = info.semantic;
    if (v !== null) for (let k = 0; k < d; k++) out[k] += v[k];
    addFeatures(out, d, info.lexical);
  }
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
