/**
 * Out-of-vocabulary model: one vector per hashed character n-gram bucket, fitted so that the mean of a
 * word's n-gram vectors approximates its word vector (least squares by a few passes of gradient descent,
 * started from per-bucket centroids). Unknown words, typos and rare inflections then land near relatives.
 */
import { charNgrams, hashString, NGRAM_SEED } from '../../src/core/embeddings/offline/feature-hashing.ts';

export interface NgramFit {
  buckets: number;
  min: number;
  max: number;
  epochs: number;
  learningRate: number;
}

export function fitNgramVectors(stems: readonly string[], vectors: Float32Array, dims: number, o: NgramFit): Float32Array {
  const table = new Float32Array(o.buckets * dims);
  const bucketsOf = stems.map((s) => Int32Array.from(charNgrams(s, o.min, o.max), (g) => hashString(g, NGRAM_SEED) % o.buckets));
  const seen = new Float32Array(o.buckets);
  bucketsOf.forEach((bs, w) => {
    for (const b of bs) {
      seen[b]++;
      for (let k = 0; k < dims; k++) table[b * dims + k] += vectors[w * dims + k];
    }
  });
  for (let b = 0; b < o.buckets; b++) if (seen[b] > 0) for (let k = 0; k < dims; k++) table[b * dims + k] /= seen[b];
  const pred = new Float32Array(dims);
  for (let epoch = 0; epoch < o.epochs; epoch++) {
    let loss = 0;
    bucketsOf.forEach((bs, w) => {
      pred.fill(0);
      for (const b of bs) for (let k = 0; k < dims; k++) pred[k] += table[b * dims + k];
      const f = 1 / bs.length;
      for (let k = 0; k < dims; k++) {
        pred[k] = pred[k] * f - vectors[w * dims + k];
        loss += pred[k] * pred[k];
      }
      const step = o.learningRate * f;
      for (const b of bs) for (let k = 0; k < dims; k++) table[b * dims + k] -= step * pred[k];
    });
    console.log(`  n-gram epoch ${epoch + 1}: mean squared error ${(loss / stems.length).toFixed(4)}`);
  }
  return table;
}

/** Rows quantised to int8 with one scale per row (value ≈ int8 · scale). */
export function quantiseRows(x: Float32Array, rows: number, cols: number): { q: Int8Array; scales: Float32Array } {
  const q = new Int8Array(rows * cols);
  const scales = new Float32Array(rows);
  for (let i = 0; i < rows; i++) {
    let max = 0;
    for (let k = 0; k < cols; k++) max = Math.max(max, Math.abs(x[i * cols + k]));
    const s = max > 0 ? max / 127 : 1;
    scales[i] = s;
    for (let k = 0; k < cols; k++) q[i * cols + k] = Math.round(x[i * cols + k] / s);
  }
  return { q, scales };
}
