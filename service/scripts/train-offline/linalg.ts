/**
 * The little dense linear algebra training needs, in plain TypeScript: symmetric eigendecomposition
 * (cyclic Jacobi, fine for a few hundred dimensions) and helpers on row-major matrices.
 */

/** Eigen-decomposes a symmetric n×n matrix (row-major, destroyed). Returns values and column vectors. */
export function symmetricEigen(a: Float64Array, n: number): { values: Float64Array; vectors: Float64Array } {
  const v = new Float64Array(n * n);
  for (let i = 0; i < n; i++) v[i * n + i] = 1;
  for (let sweep = 0; sweep < 60; sweep++) {
    let off = 0;
    for (let p = 0; p < n; p++) for (let q = p + 1; q < n; q++) off += a[p * n + q] ** 2;
    if (off < 1e-22) break;
    for (let p = 0; p < n; p++) {
      for (let q = p + 1; q < n; q++) {
        const apq = a[p * n + q];
        if (Math.abs(apq) < 1e-300) continue;
        const theta = (a[q * n + q] - a[p * n + p]) / (2 * apq);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let k = 0; k < n; k++) {
          const akp = a[k * n + p];
          const akq = a[k * n + q];
          a[k * n + p] = c * akp - s * akq;
          a[k * n + q] = s * akp + c * akq;
        }
        for (let k = 0; k < n; k++) {
          const apk = a[p * n + k];
          const aqk = a[q * n + k];
          a[p * n + k] = c * apk - s * aqk;
          a[q * n + k] = s * apk + c * aqk;
        }
        for (let k = 0; k < n; k++) {
          const vkp = v[k * n + p];
          const vkq = v[k * n + q];
          v[k * n + p] = c * vkp - s * vkq;
          v[k * n + q] = s * vkp + c * vkq;
        }
      }
    }
  }
  const values = new Float64Array(n);
  for (let i = 0; i < n; i++) values[i] = a[i * n + i];
  return { values, vectors: v };
}

/** Gram matrix YᵀY of a rows×cols row-major matrix. */
export function gram(y: Float32Array, rows: number, cols: number): Float64Array {
  const g = new Float64Array(cols * cols);
  const row = new Float64Array(cols);
  for (let i = 0; i < rows; i++) {
    const base = i * cols;
    for (let a = 0; a < cols; a++) row[a] = y[base + a];
    for (let a = 0; a < cols; a++) {
      const ya = row[a];
      if (ya === 0) continue;
      const ga = a * cols;
      for (let b = a; b < cols; b++) g[ga + b] += ya * row[b];
    }
  }
  for (let a = 0; a < cols; a++) for (let b = 0; b < a; b++) g[a * cols + b] = g[b * cols + a];
  return g;
}

/** Y (rows×cols) times M (cols×outCols, row-major Float64) -> rows×outCols. */
export function multiplyRight(y: Float32Array, rows: number, cols: number, m: Float64Array, outCols: number): Float32Array {
  const out = new Float32Array(rows * outCols);
  const acc = new Float64Array(outCols);
  for (let i = 0; i < rows; i++) {
    acc.fill(0);
    for (let a = 0; a < cols; a++) {
      const ya = y[i * cols + a];
      if (ya === 0) continue;
      const ma = a * outCols;
      for (let b = 0; b < outCols; b++) acc[b] += ya * m[ma + b];
    }
    out.set(acc, i * outCols);
  }
  return out;
}

/** Orthonormal basis of the columns of Y (via the eigenvectors of YᵀY); drops near-null directions. */
export function orthonormalise(y: Float32Array, rows: number, cols: number): { q: Float32Array; cols: number } {
  const { values, vectors } = symmetricEigen(gram(y, rows, cols), cols);
  const max = Math.max(...values);
  const keep = [...values.keys()].filter((k) => values[k] > max * 1e-10);
  const m = new Float64Array(cols * keep.length);
  keep.forEach((k, c) => {
    const f = 1 / Math.sqrt(values[k]);
    for (let a = 0; a < cols; a++) m[a * keep.length + c] = vectors[a * cols + k] * f;
  });
  return { q: multiplyRight(y, rows, cols, m, keep.length), cols: keep.length };
}

/** Deterministic standard normal numbers (mulberry32 + Box-Muller), for reproducible training. */
export function createGaussian(seed: number): () => number {
  let s = seed >>> 0;
  const uniform = () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return () => Math.sqrt(-2 * Math.log(uniform() + 1e-12)) * Math.cos(2 * Math.PI * uniform());
}
