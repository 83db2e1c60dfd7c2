/**
 * Plain TF-IDF baseline for the evaluation: accent-folded words (stop-words removed, no stemming),
 * IDF fitted on the texts being compared, sparse cosine. It is what the offline embedder must beat.
 */
import { tokenizeFr } from '../src/core/embeddings/offline/tokenize-fr.ts';

export type SparseVector = Map<string, number>;

/** TF-IDF vectors of `texts`, unit-normalised, with IDF computed over the same texts. */
export function tfidfVectors(texts: readonly string[]): SparseVector[] {
  const docs = texts.map((t) => tokenizeFr(t));
  const df = new Map<string, number>();
  for (const d of docs) for (const w of new Set(d)) df.set(w, (df.get(w) ?? 0) + 1);
  return docs.map((d) => {
    const v: SparseVector = new Map();
    for (const w of d) v.set(w, (v.get(w) ?? 0) + Math.log((docs.length + 1) / (df.get(w)! + 1)) + 1);
    let n = 0;
    for (const x of v.values()) n += x * x;
    const f = n > 0 ? 1 / Math.sqrt(n) : 0;
    for (const [k, x] of v) v.set(k, x * f);
    return v;
  });
}

/** Cosine of two unit sparse vectors. */
export function sparseCosine(a: SparseVector, b: SparseVector): number {
  const [small, large] = a.size < b.size ? [a, b] : [b, a];
  let dot = 0;
  for (const [k, x] of small) dot += x * (large.get(k) ?? 0);
  return dot;
}
