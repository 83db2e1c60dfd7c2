import type { Config } from '../../config.ts';
import type { Logger } from '../../logger.ts';
import type { Embedder } from './embedder.ts';
import { createOfflineEmbedder } from './offline/index.ts';
import { ModelUnavailableError, createTransformersEmbedder, type ModelDtype } from './transformers-provider.ts';

/**
 * Picks the active embedder. `transformers` insists on the model (a missing model stops start-up);
 * `auto` uses it when its folder is complete and otherwise falls back to the offline embedder with a warning;
 * `offline` never looks for a model.
 */
export async function selectEmbedder(settings: Config['embedder'], log: Logger): Promise<Embedder> {
  if (settings.provider === 'offline') return createOfflineEmbedder();
  try {
    return await createTransformersEmbedder({
      modelDir: settings.modelDir,
      modelId: settings.modelId,
      dtype: settings.dtype as ModelDtype,
      allowDownload: settings.allowDownload,
    });
  } catch (err) {
    if (settings.provider === 'transformers' || !(err instanceof ModelUnavailableError)) throw err;
    log.warn('transformer model not found: falling back to the offline French embedder', {
      modelFolder: err.modelFolder,
      missing: err.missingFiles,
    });
    return createOfflineEmbedder();
  }
}
