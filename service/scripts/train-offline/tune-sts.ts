/**
 * Supervised tuning on the STS-fr TRAIN split only (dev is for the reported figure): SIF smoothing,
 * number of common directions removed, n-gram weight of the lexical half, a per-dimension re-weighting of
 * the semantic space, and the semantic/lexical blend. A fifth of train is held out to check each choice.
 */
import type { OfflineModel, OfflineParams } from '../../src/core/embeddings/offline/model-weights.ts';
import { createWordCache, embedText } from '../../src/core/embeddings/offline/sentence-embedding.ts';
import { spearman, type StsRow } from '../eval-embedder.ts';
import { symmetricEigen } from './linalg.ts';

type Log = (s: string) => void;

function withParams(m: OfflineModel, p: Partial<OfflineParams>, extra: Partial<OfflineModel> = {}): OfflineModel {
  return { ...m, ...extra, params: { ...m.params, ...p } };
}

function embedAll(m: OfflineModel, texts: readonly string[]): Float32Array[] {
  const cache = createWordCache();
  return texts.map((t) => embedText(m, cache, t));
}

function dot(a: Float32Array, b: Float32Array, from: number, to: number): number {
  let s = 0;
  for (let k = from; k < to; k++) s += a[k] * b[k];
  return s;
}

/** Top-k uncentred principal directions of the semantic halves (k×d, row-major). */
export function principalDirections(vectors: readonly Float32Array[], d: number, k: number): Float32Array {
  const c = new Float64Array(d * d);
  for (const v of vectors) for (let a = 0; a < d; a++) for (let b = a; b < d; b++) c[a * d + b] += v[a] * v[b];
  for (let a = 0; a < d; a++) for (let b = 0; b < a; b++) c[a * d + b] = c[b * d + a];
  const { values, vectors: e } = symmetricEigen(c, d);
  const order = [...values.keys()].sort((p, q) => values[q] - values[p]).slice(0, k);
  const out = new Float32Array(k * d);
  order.forEach((col, r) => {
    for (let a = 0; a < d; a++) out[r * d + a] = e[a * d + col];
  });
  return out;
}

/** Learns w maximising the fit of cos(w⊙a, w⊙b) to the gold scores (affine least squares, Adam, L2 to 1). */
export function learnDimWeights(a: Float32Array[], b: Float32Array[], gold: number[], d: number, iterations: number, l2: number, log: Log): Float32Array {
  const w = new Float64Array(d).fill(1);
  const m1 = new Float64Array(d);
  const m2 = new Float64Array(d);
  const grad = new Float64Array(d);
  const n = a.length;
  const cos = new Float64Array(n);
  const lr = 0.01;
  for (let it = 1; it <= iterations; it++) {
    const norms: [number, number][] = [];
    for (let i = 0; i < n; i++) {
      let xy = 0, xx = 0, yy = 0;
      for (let k = 0; k < d; k++) {
        const x = w[k] * a[i][k];
        const y = w[k] * b[i][k];
        xy += x * y; xx += x * x; yy += y * y;
      }
      const nx = Math.sqrt(xx) || 1, ny = Math.sqrt(yy) || 1;
      norms.push([nx, ny]);
      cos[i] = xy / (nx * ny);
    }
    // Affine fit gold ≈ α + β·cos, closed form, so only the ranking-relevant shape is learned.
    const mc = cos.reduce((s, x) => s + x, 0) / n;
    const mg = gold.reduce((s, x) => s + x, 0) / n;
    let scg = 0, scc = 0;
    for (let i = 0; i < n; i++) { scg += (cos[i] - mc) * (gold[i] - mg); scc += (cos[i] - mc) ** 2; }
    const beta = scg / scc;
    const alpha = mg - beta * mc;
    grad.fill(0);
    let loss = 0;
    for (let i = 0; i < n; i++) {
      const r = alpha + beta * cos[i] - gold[i];
      loss += r * r;
      const g = (2 * r * beta) / n;
      const [nx, ny] = norms[i];
      const ai = a[i], bi = b[i];
      for (let k = 0; k < d; k++) {
        const x = w[k] * ai[k], y = w[k] * bi[k];
        grad[k] += g * ((ai[k] * y + bi[k] * x) / (nx * ny) - cos[i] * ((x * ai[k]) / (nx * nx) + (y * bi[k]) / (ny * ny)));
      }
    }
    for (let k = 0; k < d; k++) {
      const gk = grad[k] + 2 * l2 * (w[k] - 1);
      m1[k] = 0.9 * m1[k] + 0.1 * gk;
      m2[k] = 0.999 * m2[k] + 0.001 * gk * gk;
      w[k] -= (lr * (m1[k] / (1 - 0.9 ** it))) / (Math.sqrt(m2[k] / (1 - 0.999 ** it)) + 1e-8);
    }
    if (it % 50 === 0) log(`    dim weights iteration ${it}: mse ${(loss / n).toFixed(5)}`);
  }
  return Float32Array.from(w);
}

interface PairVectors { a: Float32Array[]; b: Float32Array[]; }

function pairVectors(m: OfflineModel, rows: readonly StsRow[]): PairVectors {
  const v = embedAll(m, [...rows.map((r) => r.sentence1), ...rows.map((r) => r.sentence2)]);
  return { a: v.slice(0, rows.length), b: v.slice(rows.length) };
}

function pairCos(p: PairVectors, from: number, to: number, idx: readonly number[]): number[] {
  return idx.map((i) => dot(p.a[i], p.b[i], from, to));
}

function projectOut(v: Float32Array, dirs: Float32Array, k: number, d: number): Float32Array {
  const out = v.slice(0, d);
  for (let r = 0; r < k; r++) {
    const dd = dot(out, dirs.subarray(r * d, (r + 1) * d), 0, d);
    for (let j = 0; j < d; j++) out[j] -= dd * dirs[r * d + j];
  }
  let n = 0;
  for (let j = 0; j < d; j++) n += out[j] * out[j];
  if (n > 0) for (let j = 0; j < d; j++) out[j] /= Math.sqrt(n);
  return out;
}

/** Every fifth train pair is held out from all supervision (word pairs, tuning) to check choices. */
export function isHeldOut(index: number): boolean {
  return index % 5 === 0;
}

export interface TuneGrid { sifA: number[]; probBlend: number[]; directions: number[]; gramWeight: number[]; dimIterations: number; dimL2: number; }

/** Returns the model with tuned parameters, directions and dimension weights, and its held-out Spearman. */
export function tuneOnSts(base: OfflineModel, rows: readonly StsRow[], stsProb: Float32Array, grid: TuneGrid, log: Log): { model: OfflineModel; heldOut: number } {
  const d = base.params.semanticDims;
  const fit = rows.map((_, i) => i).filter((i) => !isHeldOut(i));
  const hold = rows.map((_, i) => i).filter(isHeldOut);
  const gold = rows.map((r) => r.score);
  const sp = (cos: number[], idx: readonly number[]) => spearman(cos, idx.map((i) => gold[i]));
  const ones = new Float32Array(d).fill(1);
  const maxDirs = Math.max(...grid.directions);
  let best = { score: -1, sifA: 0, k: 0, dirs: new Float32Array(0), pv: null as PairVectors | null, wordProb: base.wordProb };
  // SIF weights from a blend of corpus and STS-train word frequencies: legal text has odd frequencies.
  for (const blend of grid.probBlend) for (const sifA of grid.sifA) {
    const wordProb = base.wordProb.map((p, i) => (1 - blend) * p + blend * stsProb[i]);
    const m = withParams(base, { sifA, lexicalShare: 0 }, { commonDirections: new Float32Array(0), dimWeights: ones, wordProb });
    const pv = pairVectors(m, rows);
    const dirs = principalDirections([...pv.a, ...pv.b], d, maxDirs);
    for (const k of grid.directions) {
      const pk = { a: pv.a.map((v) => projectOut(v, dirs, k, d)), b: pv.b.map((v) => projectOut(v, dirs, k, d)) };
      const s = sp(pairCos(pk, 0, d, fit), fit);
      log(`  semantic probBlend=${blend} sifA=${sifA} directions=${k}: train-fit ${s.toFixed(4)}`);
      if (s > best.score) best = { score: s, sifA, k, dirs: dirs.slice(0, k * d), pv: pk, wordProb };
    }
  }
  const pv = best.pv!;
  const before = sp(pairCos(pv, 0, d, hold), hold);
  const w = learnDimWeights(fit.map((i) => pv.a[i]), fit.map((i) => pv.b[i]), fit.map((i) => gold[i] / 5), d, grid.dimIterations, grid.dimL2, log);
  const weighted = (v: Float32Array) => projectOut(v.map((x, k) => x * w[k]), new Float32Array(0), 0, d);
  const pw = { a: pv.a.map(weighted), b: pv.b.map(weighted) };
  const after = sp(pairCos(pw, 0, d, hold), hold);
  log(`  dim weights: held-out semantic ${before.toFixed(4)} -> ${after.toFixed(4)}`);
  const dimWeights = after > before ? w : ones;
  const semantic = after > before ? pw : pv;

  let bestLex = { score: -1, gw: 0, pv: null as PairVectors | null };
  for (const gw of grid.gramWeight) {
    const m = withParams(base, { lexicalGramWeight: gw, lexicalShare: 1 });
    const lv = pairVectors(m, rows);
    const s = sp(pairCos(lv, d, d + base.params.lexicalDims, fit), fit);
    log(`  lexical gramWeight=${gw}: train-fit ${s.toFixed(4)}`);
    if (s > bestLex.score) bestLex = { score: s, gw, pv: lv };
  }
  const lexFit = pairCos(bestLex.pv!, d, d + base.params.lexicalDims, rows.map((_, i) => i));
  const semAll = pairCos(semantic, 0, d, rows.map((_, i) => i));
  let bestShare = { score: -1, share: 0.5 };
  for (let share = 0; share <= 1.0001; share += 0.05) {
    const s = sp(fit.map((i) => (1 - share) * semAll[i] + share * lexFit[i]), fit);
    if (s > bestShare.score) bestShare = { score: s, share: Math.round(share * 100) / 100 };
  }
  const holdBlend = sp(hold.map((i) => (1 - bestShare.share) * semAll[i] + bestShare.share * lexFit[i]), hold);
  log(`  blend lexicalShare=${bestShare.share}: train-fit ${bestShare.score.toFixed(4)}, held-out ${holdBlend.toFixed(4)}`);
  const model = withParams(
    base,
    { sifA: best.sifA, lexicalGramWeight: bestLex.gw, lexicalShare: bestShare.share },
    { commonDirections: best.dirs, dimWeights, wordProb: best.wordProb },
  );
  return { model, heldOut: holdBlend };
}
