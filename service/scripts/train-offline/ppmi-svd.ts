/**
 * Word vectors from co-occurrence counts: positive PMI with context-distribution smoothing
 * (Levy, Goldberg & Dagan 2015), then a randomized truncated eigendecomposition of the symmetric PPMI
 * matrix (Halko, Martinsson & Tropp 2011); rows of the top eigenvectors, unit-normalised, are the vectors.
 */
import { forEachPair, type PairTable } from './cooccurrence.ts';
import { createGaussian, multiplyRight, orthonormalise, symmetricEigen } from './linalg.ts';

/** Sparse symmetric matrix in compressed rows. */
export interface Csr {
  n: number;
  rowStart: Int32Array;
  cols: Int32Array;
  values: Float32Array;
}

/** PPMI of the pair table as a symmetric CSR matrix over n words. */
export function buildPpmi(t: PairTable, n: number, alpha: number, shift = 0): Csr {
  const marg = new Float64Array(n);
  forEachPair(t, (i, j, c) => {
    marg[i] += c;
    marg[j] += c;
  });
  let total = 0;
  let totalAlpha = 0;
  for (let i = 0; i < n; i++) {
    total += marg[i];
    totalAlpha += marg[i] ** alpha;
  }
  // PMI(i,j) = log P(i,j) - log Pα(i) - log Pα(j), with Pα(x) = c_x^α / Σ c^α on both sides (symmetric).
  const logMargAlpha = new Float64Array(n);
  for (let i = 0; i < n; i++) logMargAlpha[i] = marg[i] > 0 ? alpha * Math.log(marg[i]) - Math.log(totalAlpha) : 0;
  // total counts each pair twice (i,j and j,i).
  const logTotal = Math.log(total / 2);
  const rowCount = new Int32Array(n);
  const pmi = (i: number, j: number, c: number) => Math.log(c) - logTotal - logMargAlpha[i] - logMargAlpha[j] - shift;
  forEachPair(t, (i, j, c) => {
    if (pmi(i, j, c) > 0) {
      rowCount[i]++;
      rowCount[j]++;
    }
  });
  const rowStart = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) rowStart[i + 1] = rowStart[i] + rowCount[i];
  const nnz = rowStart[n];
  const cols = new Int32Array(nnz);
  const values = new Float32Array(nnz);
  const fill = rowStart.slice(0, n);
  forEachPair(t, (i, j, c) => {
    const v = pmi(i, j, c);
    if (v <= 0) return;
    cols[fill[i]] = j;
    values[fill[i]++] = v;
    cols[fill[j]] = i;
    values[fill[j]++] = v;
  });
  return { n, rowStart, cols, values };
}

/** M·X for X of n×k (row-major). */
export function multiplyCsr(m: Csr, x: Float32Array, k: number): Float32Array {
  const out = new Float32Array(m.n * k);
  const { rowStart, cols, values } = m;
  for (let i = 0; i < m.n; i++) {
    const o = i * k;
    for (let p = rowStart[i]; p < rowStart[i + 1]; p++) {
      const v = values[p];
      const xb = cols[p] * k;
      for (let a = 0; a < k; a++) out[o + a] += v * x[xb + a];
    }
  }
  return out;
}

/**
 * Top `dims` eigenvectors (by |eigenvalue|, i.e. the truncated SVD of a symmetric matrix) as an
 * n×dims row-major matrix, with `powerIterations` rounds of subspace iteration for accuracy.
 */
export function randomizedEigenvectors(m: Csr, dims: number, oversample: number, powerIterations: number, seed: number, positiveOnly: boolean, log: (s: string) => void): { vectors: Float32Array; values: Float64Array } {
  const n = m.n;
  let k = dims + oversample;
  const gauss = createGaussian(seed);
  let y: Float32Array = new Float32Array(n * k);
  for (let i = 0; i < y.length; i++) y[i] = gauss();
  y = multiplyCsr(m, y, k);
  for (let it = 0; it < powerIterations; it++) {
    const o = orthonormalise(y, n, k);
    k = o.cols;
    y = multiplyCsr(m, o.q, k);
    log(`  power iteration ${it + 1}/${powerIterations}`);
  }
  const { q, cols } = orthonormalise(y, n, k);
  k = cols;
  const mq = multiplyCsr(m, q, k);
  // B = Qᵀ M Q (k×k), symmetric.
  const b = new Float64Array(k * k);
  for (let i = 0; i < n; i++) {
    for (let a = 0; a < k; a++) {
      const qa = q[i * k + a];
      if (qa === 0) continue;
      for (let c = 0; c < k; c++) b[a * k + c] += qa * mq[i * k + c];
    }
  }
  for (let a = 0; a < k; a++) for (let c = 0; c < a; c++) b[a * k + c] = b[c * k + a] = (b[a * k + c] + b[c * k + a]) / 2;
  const { values, vectors } = symmetricEigen(b, k);
  // positiveOnly keeps the top of the spectrum (the shared-context structure); otherwise by |eigenvalue|, as an SVD would.
  const key = (e: number) => (positiveOnly ? values[e] : Math.abs(values[e]));
  const order = [...values.keys()].sort((p, r) => key(r) - key(p)).slice(0, dims);
  log(`  eigenvalues: top ${values[order[0]].toFixed(1)}, last kept ${values[order[dims - 1]].toFixed(1)}`);
  const sel = new Float64Array(k * dims);
  order.forEach((e, c) => {
    for (let a = 0; a < k; a++) sel[a * dims + c] = vectors[a * k + e];
  });
  return { vectors: multiplyRight(q, n, k, sel, dims), values: Float64Array.from(order, (e) => values[e]) };
}

/** U·|Λ|^power, rows unit-normalised (power 0: plain eigenvectors; 0.5: the symmetric SVD split). */
export function weightByEigenvalues(u: Float32Array, values: Float64Array, rows: number, power: number): Float32Array {
  const d = values.length;
  const f = Float32Array.from(values, (v) => Math.abs(v) ** power);
  const out = new Float32Array(u.length);
  for (let i = 0; i < rows; i++) for (let k = 0; k < d; k++) out[i * d + k] = u[i * d + k] * f[k];
  normaliseRows(out, rows, d);
  return out;
}

/** Unit-normalises each row in place; zero rows stay zero. */
export function normaliseRows(x: Float32Array, rows: number, cols: number): void {
  for (let i = 0; i < rows; i++) {
    let s = 0;
    for (let a = 0; a < cols; a++) s += x[i * cols + a] ** 2;
    if (s === 0) continue;
    const f = 1 / Math.sqrt(s);
    for (let a = 0; a < cols; a++) x[i * cols + a] *= f;
  }
}
