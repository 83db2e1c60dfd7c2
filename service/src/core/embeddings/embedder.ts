/**
 * One small interface for every embedding provider: texts in, unit vectors out.
 * `kind` distinguishes a search query (a citizen's wish) from a passage (a mission, a profile):
 * asymmetric models such as e5 prefix them differently, symmetric ones may ignore it.
 */
export type EmbedKind = 'query' | 'passage';

export interface Embedder {
  /** Stable identifier of the model and its version; part of the embedding cache key. */
  readonly id: string;
  /** Provider family, for logs and /api/health. */
  readonly provider: 'offline' | 'transformers';
  /** Length of every vector returned. */
  readonly dimension: number;
  /** Embeds a batch; every returned vector has `dimension` entries and unit L2 norm (or is all zeros for empty text). */
  embed(texts: readonly string[], kind: EmbedKind): Promise<Float32Array[]>;
  /** Releases native resources (ONNX sessions); optional. */
  close?(): Promise<void>;
}

/** Cosine similarity of two vectors of equal length (unit vectors: the dot product). */
export function cosine(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let i = 0; i < a.length; i++) {
    dot += a[i] * b[i];
    na += a[i] * a[i];
    nb += b[i] * b[i];
  }
  return na === 0 || nb === 0 ? 0 : dot / Math.sqrt(na * nb);
}
