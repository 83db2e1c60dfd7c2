/**
 * The offline French embedder: no network, no native code, pure TypeScript over the weights shipped in
 * service/models/offline-fr (trained by service/scripts/train-offline, see its README).
 */
import { fileURLToPath } from 'node:url';
import type { EmbedKind, Embedder } from '../embedder.ts';
import { loadOfflineModel, type OfflineModel } from './model-weights.ts';
import { createWordCache, embedText } from './sentence-embedding.ts';

/** Folder of the shipped weights, resolved from this file so any working directory works. */
export const DEFAULT_MODEL_DIR = fileURLToPath(new URL('../../../../models/offline-fr/', import.meta.url));

/** Builds an Embedder over an already loaded model (the training pipeline tunes through this). */
export function createEmbedderFromModel(model: OfflineModel): Embedder {
  const cache = createWordCache();
  return {
    id: model.id,
    provider: 'offline',
    dimension: model.params.semanticDims + model.params.lexicalDims,
    // The model is symmetric: a wish and a mission are embedded alike.
    async embed(texts: readonly string[], _kind: EmbedKind): Promise<Float32Array[]> {
      return texts.map((t) => embedText(model, cache, t));
    },
  };
}

/** Loads the offline French embedder (default: the shipped weights). */
export async function createOfflineEmbedder(options: { modelDir?: string } = {}): Promise<Embedder> {
  return createEmbedderFromModel(await loadOfflineModel(options.modelDir ?? DEFAULT_MODEL_DIR));
}

export { loadOfflineModel, type OfflineModel } from './model-weights.ts';
