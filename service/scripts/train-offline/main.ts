/**
 * Trains the offline French embedder and writes service/models/offline-fr/.
 *   npx tsx service/scripts/train-offline/main.ts [--skip-fetch] [--max-vocab N] [--out DIR] [--cache-dir DIR]
 * Steps: fetch the pinned corpus -> stem stream -> windowed co-occurrences (+ dictionary and thesaurus
 * links) -> PPMI -> randomized truncated eigendecomposition -> n-gram model for unknown words ->
 * int8 -> tuning on the STS-fr train split -> files. The dev split is only measured, at the end.
 */
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createEmbedderFromModel } from '../../src/core/embeddings/offline/index.ts';
import type { OfflineManifest, OfflineModel, OfflineParams } from '../../src/core/embeddings/offline/model-weights.ts';
import { evaluateStsb, readStsSplit } from '../eval-embedder.ts';
import { addPair, countWindow, createPairTable, MAX_WORDS } from './cooccurrence.ts';
import { readCorpusStream } from './corpus-stream.ts';
import { fetchCorpus, readCorpusList } from './fetch-corpus.ts';
import { fitNgramVectors, quantiseRows } from './ngram-model.ts';
import { buildPpmi, normaliseRows, randomizedEigenvectors } from './ppmi-svd.ts';
import { tuneOnSts } from './tune-sts.ts';
import { writeModel } from './write-model.ts';

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));
const { values: flags } = parseArgs({
  options: {
    'skip-fetch': { type: 'boolean', default: false },
    'max-vocab': { type: 'string', default: '50000' },
    'min-count': { type: 'string', default: '5' },
    out: { type: 'string', default: here('../../models/offline-fr') },
    'cache-dir': { type: 'string', default: here('../../../.cache/corpus') },
  },
});

// Every choice that shapes the weights, recorded in the manifest.
const TRAINING = {
  version: '1',
  window: 5,
  harmonicWindow: true,
  contextAlpha: 0.75,
  headwordSpan: 12,
  headwordWeight: 2,
  synonymWeight: 6,
  oversample: 24,
  powerIterations: 2,
  seed: 20261122,
  ngram: { buckets: 20000, min: 3, max: 5, epochs: 4, learningRate: 0.5 },
  grid: { sifA: [1e-4, 3e-4, 1e-3, 3e-3], directions: [0, 1, 2, 4, 8], gramWeight: [0, 0.5, 1], dimIterations: 300, dimL2: 1e-4 },
};

const t0 = Date.now();
const log = (s: string) => console.log(`[${((Date.now() - t0) / 1000).toFixed(0).padStart(4)}s] ${s}`);
const maxVocab = Math.min(Number(flags['max-vocab']), MAX_WORDS);
const minCount = Number(flags['min-count']);
const params: OfflineParams = {
  semanticDims: 384, lexicalDims: 384, ngramBuckets: TRAINING.ngram.buckets, ngramMin: TRAINING.ngram.min,
  ngramMax: TRAINING.ngram.max, sifA: 1e-3, lexicalShare: 0.5, lexicalGramWeight: 0.5, maxTokens: 4096,
};

const sources = readCorpusList(here('./corpus.json'));
if (!flags['skip-fetch']) fetchCorpus(sources, flags['cache-dir']);
const train = readStsSplit('train');
log('reading corpus');
const corpus = readCorpusStream(sources, flags['cache-dir'], {
  headwordSpan: TRAINING.headwordSpan, headwordWeight: TRAINING.headwordWeight, synonymWeight: TRAINING.synonymWeight,
  extraTexts: train.flatMap((r) => [r.sentence1, r.sentence2]),
}, log);
log(`${corpus.length} stream positions, ${corpus.stems.length} distinct stems, ${corpus.documentCount} documents`);

const order = corpus.stems.map((_, i) => i).filter((i) => corpus.counts[i] >= minCount);
order.sort((a, b) => corpus.counts[b] - corpus.counts[a] || (corpus.stems[a] < corpus.stems[b] ? -1 : 1));
const kept = order.slice(0, maxVocab);
const newId = new Int32Array(corpus.stems.length).fill(-1);
kept.forEach((old, i) => (newId[old] = i));
const n = kept.length;
log(`vocabulary: ${n} stems (count >= ${minCount})`);

const stream = corpus.stream;
let len = 0;
for (let p = 0; p < corpus.length; p++) {
  const id = stream[p] < 0 ? -1 : newId[stream[p]];
  // Out-of-vocabulary words are dropped, not turned into boundaries, as word2vec does with rare words.
  if (id >= 0 || stream[p] < 0) stream[len++] = id;
}
const pairs = createPairTable(25);
countWindow(pairs, stream, len, TRAINING.window, TRAINING.harmonicWindow);
const ep = corpus.extraPairs;
for (let k = 0; k < ep.length; k += 3) {
  const a = newId[ep[k]];
  const b = newId[ep[k + 1]];
  if (a >= 0 && b >= 0 && a !== b) addPair(pairs, a, b, ep[k + 2]);
}
log(`co-occurrences: ${pairs.size} distinct pairs`);
const ppmi = buildPpmi(pairs, n, TRAINING.contextAlpha);
pairs.keys = new Uint32Array(0);
pairs.values = new Float32Array(0);
log(`PPMI: ${ppmi.rowStart[n]} non-zeros`);
const d = params.semanticDims;
const vectors = randomizedEigenvectors(ppmi, d, TRAINING.oversample, TRAINING.powerIterations, TRAINING.seed, log);
normaliseRows(vectors, n, d);
log('word vectors done');
const stems = kept.map((i) => corpus.stems[i]);
const ngrams = fitNgramVectors(stems, vectors, d, TRAINING.ngram);
normaliseRows(ngrams, TRAINING.ngram.buckets, d);
log('n-gram vectors done');

const wq = quantiseRows(vectors, n, d);
const nq = quantiseRows(ngrams, TRAINING.ngram.buckets, d);
const totalCount = kept.reduce((s, i) => s + corpus.counts[i], 0);
const vocab = kept.map((i) => ({ stem: corpus.stems[i], count: corpus.counts[i], docFreq: corpus.docFreq[i] }));
const id = `maillage-offline-fr-v${TRAINING.version}`;
const base: OfflineModel = {
  id, params, vocab: new Map(stems.map((s, i) => [s, i])), wordVectors: wq.q, wordScales: wq.scales,
  wordProb: Float32Array.from(vocab, (v) => v.count / totalCount),
  idf: Float32Array.from(vocab, (v) => Math.log((corpus.documentCount + 1) / (v.docFreq + 1))),
  oovIdf: Math.log(corpus.documentCount + 1), oovProb: 1 / totalCount,
  ngramVectors: nq.q, ngramScales: nq.scales, commonDirections: new Float32Array(0), dimWeights: new Float32Array(d).fill(1),
};
log('tuning on the STS-fr train split');
const tuned = tuneOnSts(base, train, TRAINING.grid, log);
const embedder = createEmbedderFromModel(tuned);
const trainScore = await evaluateStsb(embedder, train);
const devScore = await evaluateStsb(embedder, readStsSplit('dev'));
log(`Spearman: train ${trainScore.toFixed(4)}, dev ${devScore.toFixed(4)} (dev measured only)`);
const manifest: OfflineManifest = {
  id, version: TRAINING.version, params: tuned.params, vocabSize: n, totalCount, documentCount: corpus.documentCount,
  commonDirectionCount: tuned.commonDirections.length / d,
  corpus: sources.map(({ id: sid, kind, name, version, licence }) => ({ id: sid, kind, name, version, licence, tokens: corpus.tokensBySource[sid] })),
  supervision: { split: 'stsb-fr train', pairs: train.length, tokens: corpus.tokensBySource['stsb-fr-train'] },
  training: { ...TRAINING, maxVocab, minCount },
  scores: { stsbFrTrainSpearman: Number(trainScore.toFixed(4)), stsbFrDevSpearman: Number(devScore.toFixed(4)) },
  trainingSeconds: Math.round((Date.now() - t0) / 1000),
};
writeModel(flags.out, tuned, vocab, manifest);
log(`wrote ${flags.out}`);
