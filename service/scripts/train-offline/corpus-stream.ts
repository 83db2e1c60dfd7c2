/**
 * Reads every source once into a compact stream of stem ids (documents separated by -1), with counts,
 * document frequencies and the extra pairs the dictionary and the thesaurus provide.
 */
import { join } from 'node:path';
import { stemFr } from '../../src/core/embeddings/offline/stem-fr.ts';
import { tokenizeFr } from '../../src/core/embeddings/offline/tokenize-fr.ts';
import { sourceDir, type CorpusSource } from './fetch-corpus.ts';
import { readJsonStrings, readMythes, readStardict } from './read-corpus.ts';

export interface CorpusStream {
  stems: string[];
  counts: Float64Array;
  docFreq: Float64Array;
  documentCount: number;
  stream: Int32Array;
  length: number;
  /** Flat triples (stemA, stemB, weight) from dictionary headwords and thesaurus synonyms. */
  extraPairs: number[];
  tokensBySource: Record<string, number>;
  /** Stream position where each source starts, in reading order. */
  sourceStarts: { id: string; start: number }[];
}

export interface StreamOptions {
  /** Definition words linked to a Littré headword. */
  headwordSpan: number;
  headwordWeight: number;
  synonymWeight: number;
  /** Extra texts (the STS train sentences) counted as documents. */
  extraTexts: readonly string[];
}

/** Growable builder shared by the readers below. */
function createBuilder() {
  const ids = new Map<string, number>();
  const stems: string[] = [];
  let counts = new Float64Array(1 << 16);
  let docFreq = new Float64Array(1 << 16);
  let lastDoc = new Int32Array(1 << 16).fill(-1);
  let stream = new Int32Array(1 << 24);
  let length = 0;
  let documentCount = 0;
  const stemOf = new Map<string, string>();
  const idOf = (word: string): number => {
    let stem = stemOf.get(word);
    if (stem === undefined) {
      stem = stemFr(word);
      if (stemOf.size < 2_000_000) stemOf.set(word, stem);
    }
    let id = ids.get(stem);
    if (id === undefined) {
      id = stems.length;
      ids.set(stem, id);
      stems.push(stem);
      if (id >= counts.length) {
        const grow = <T extends Float64Array | Int32Array>(a: T, fill = 0): T => {
          const b = new (a.constructor as { new (n: number): T })(a.length * 2);
          b.fill(fill as never);
          b.set(a);
          return b;
        };
        counts = grow(counts);
        docFreq = grow(docFreq);
        lastDoc = grow(lastDoc, -1);
      }
    }
    return id;
  };
  const push = (id: number) => {
    if (length === stream.length) {
      const b = new Int32Array(stream.length * 2);
      b.set(stream);
      stream = b;
    }
    stream[length++] = id;
  };
  /** Adds one document; returns its stem ids. */
  const addDocument = (text: string): number[] => {
    const words = tokenizeFr(text);
    const docIds = words.map(idOf);
    for (const id of docIds) {
      counts[id]++;
      if (lastDoc[id] !== documentCount) {
        lastDoc[id] = documentCount;
        docFreq[id]++;
      }
      push(id);
    }
    push(-1);
    documentCount++;
    return docIds;
  };
  const result = () => ({ stems, counts, docFreq, documentCount, stream, length });
  return { idOf, addDocument, result };
}

/** Reads all sources (already fetched under cacheDir) into one stream. */
export function readCorpusStream(sources: readonly CorpusSource[], cacheDir: string, o: StreamOptions, log: (s: string) => void): CorpusStream {
  const b = createBuilder();
  const extraPairs: number[] = [];
  const tokensBySource: Record<string, number> = {};
  const sourceStarts: { id: string; start: number }[] = [];
  for (const s of sources) {
    const before = b.result().length;
    sourceStarts.push({ id: s.id, start: before });
    const path = join(sourceDir(cacheDir, s), s.path);
    if (s.reader === 'json-strings') {
      const seen = new Set<string>();
      for (const text of readJsonStrings(path, seen)) b.addDocument(text);
    } else if (s.reader === 'stardict') {
      for (const e of readStardict(path)) {
        const head = tokenizeFr(e.headword);
        const body = b.addDocument(`${e.headword} ${e.text}`);
        // A definition's first words say what the headword means: link them directly.
        if (head.length === 1) {
          const h = b.idOf(head[0]);
          for (const id of body.slice(1, 1 + o.headwordSpan)) if (id !== h) extraPairs.push(h, id, o.headwordWeight);
        }
      }
    } else {
      for (const group of readMythes(path)) {
        const head = tokenizeFr(group[0]);
        if (head.length !== 1) continue;
        const h = b.idOf(head[0]);
        for (const syn of group.slice(1)) {
          const w = tokenizeFr(syn);
          // Multi-word synonyms share the weight among their words.
          for (const word of w) {
            const id = b.idOf(word);
            if (id !== h) extraPairs.push(h, id, o.synonymWeight / w.length);
          }
        }
      }
    }
    tokensBySource[s.id] = b.result().length - before;
    log(`  ${s.id}: ${tokensBySource[s.id]} tokens`);
  }
  const before = b.result().length;
  sourceStarts.push({ id: 'stsb-fr-train', start: before });
  for (const t of o.extraTexts) b.addDocument(t);
  tokensBySource['stsb-fr-train'] = b.result().length - before;
  return { ...b.result(), extraPairs, tokensBySource, sourceStarts };
}
