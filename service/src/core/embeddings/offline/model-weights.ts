/**
 * The shipped offline model: static word vectors (int8 rows with a scale each), a hashed character
 * n-gram table for unknown words, and the few tuned parameters of the sentence embedding.
 * Files live in one folder described by manifest.json; loading is plain file reads, no parsing beyond
 * one small TSV, so it stays well under a second.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Invalid } from '../../errors.ts';

export interface OfflineParams {
  semanticDims: number;
  lexicalDims: number;
  ngramBuckets: number;
  ngramMin: number;
  ngramMax: number;
  /** SIF smoothing: a word weighs a / (a + p(word)). */
  sifA: number;
  /** Share of the lexical half in the blended cosine (0..1). */
  lexicalShare: number;
  /** Weight of a word's character n-grams against its stem in the lexical half. */
  lexicalGramWeight: number;
  /** Tokens read per text at most. */
  maxTokens: number;
}

export interface OfflineModel {
  id: string;
  params: OfflineParams;
  /** Stem -> row in wordVectors. */
  vocab: Map<string, number>;
  wordVectors: Int8Array;
  wordScales: Float32Array;
  /** Unigram probability of each vocabulary stem (SIF weights). */
  wordProb: Float32Array;
  /** Inverse document frequency of each vocabulary stem; unknown stems use oovIdf. */
  idf: Float32Array;
  oovIdf: number;
  oovProb: number;
  ngramVectors: Int8Array;
  ngramScales: Float32Array;
  /** Rows of semanticDims: directions common to all sentences, projected out. */
  commonDirections: Float32Array;
  /** Per-dimension weights of the semantic space, learned on the STS train split. */
  dimWeights: Float32Array;
}

export interface OfflineManifest {
  id: string;
  version: string;
  params: OfflineParams;
  vocabSize: number;
  totalCount: number;
  documentCount: number;
  commonDirectionCount: number;
  [key: string]: unknown;
}

export const MODEL_FILES = {
  manifest: 'manifest.json',
  vocab: 'vocab.tsv',
  wordVectors: 'word-vectors.i8',
  wordScales: 'word-scales.f32',
  ngramVectors: 'ngram-vectors.i8',
  ngramScales: 'ngram-scales.f32',
  commonDirections: 'common-directions.f32',
  dimWeights: 'dim-weights.f32',
} as const;

function asFloat32(buf: Buffer): Float32Array {
  // Copy: a Buffer from readFile may sit at an unaligned offset of a shared pool.
  const copy = new Uint8Array(buf.byteLength);
  copy.set(buf);
  return new Float32Array(copy.buffer);
}

function asInt8(buf: Buffer): Int8Array {
  return new Int8Array(buf.buffer, buf.byteOffset, buf.byteLength);
}

/** Reads a model folder written by the training pipeline. */
export async function loadOfflineModel(dir: string): Promise<OfflineModel> {
  const read = (name: string) => readFile(join(dir, name));
  const manifest = JSON.parse((await read(MODEL_FILES.manifest)).toString('utf8')) as OfflineManifest;
  const [vocabTsv, wv, ws, nv, ns, cd, dw] = await Promise.all([
    read(MODEL_FILES.vocab),
    read(MODEL_FILES.wordVectors),
    read(MODEL_FILES.wordScales),
    read(MODEL_FILES.ngramVectors),
    read(MODEL_FILES.ngramScales),
    read(MODEL_FILES.commonDirections),
    read(MODEL_FILES.dimWeights),
  ]);
  const { params, vocabSize } = manifest;
  const vocab = new Map<string, number>();
  const wordProb = new Float32Array(vocabSize);
  const idf = new Float32Array(vocabSize);
  const lines = vocabTsv.toString('utf8').split('\n');
  for (let i = 0; i < vocabSize; i++) {
    const [stem, count, df] = lines[i].split('\t');
    vocab.set(stem, i);
    wordProb[i] = Number(count) / manifest.totalCount;
    idf[i] = Math.log((manifest.documentCount + 1) / (Number(df) + 1));
  }
  const model: OfflineModel = {
    id: manifest.id,
    params,
    vocab,
    wordVectors: asInt8(wv),
    wordScales: asFloat32(ws),
    wordProb,
    idf,
    oovIdf: Math.log(manifest.documentCount + 1),
    oovProb: 1 / manifest.totalCount,
    ngramVectors: asInt8(nv),
    ngramScales: asFloat32(ns),
    commonDirections: asFloat32(cd),
    dimWeights: asFloat32(dw),
  };
  checkShapes(model);
  return model;
}

function checkShapes(m: OfflineModel): void {
  const d = m.params.semanticDims;
  const v = m.vocab.size;
  const ok =
    m.wordVectors.length === v * d &&
    m.wordScales.length === v &&
    m.ngramVectors.length === m.params.ngramBuckets * d &&
    m.ngramScales.length === m.params.ngramBuckets &&
    m.commonDirections.length % d === 0 &&
    m.dimWeights.length === d;
  if (!ok) throw new Invalid(`offline model ${m.id}: weight files do not match the manifest`);
}
