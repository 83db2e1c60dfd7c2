import { access } from 'node:fs/promises';
import { join } from 'node:path';
import { env, mean_pooling, pipeline } from '@huggingface/transformers';
import type { EmbedKind, Embedder } from './embedder.ts';

/** Weight precisions we know the file name of (transformers.js DEFAULT_DTYPE_SUFFIX_MAPPING, v3/v4). */
const ONNX_SUFFIX = {
  fp32: '',
  fp16: '_fp16',
  q8: '_quantized',
  int8: '_int8',
  uint8: '_uint8',
  q4: '_q4',
  q4f16: '_q4f16',
  bnb4: '_bnb4',
} as const;
export type ModelDtype = keyof typeof ONNX_SUFFIX;

export type EmbedPrefixes = { query: string; passage: string };

export type TransformersEmbedderOptions = {
  /** Local model folder in the Hugging Face layout: `<modelDir>/<modelId>/config.json`, `onnx/model*.onnx`... */
  modelDir: string;
  /** e.g. `Xenova/multilingual-e5-small`; also the sub-folder of modelDir. */
  modelId: string;
  /** Weight precision; picks `onnx/model<suffix>.onnx`. Default q8 (`model_quantized.onnx`). */
  dtype?: ModelDtype;
  /** Fetch missing files from the Hub once into modelDir. Off by default: the service must run air-gapped. */
  allowDownload?: boolean;
  /** Texts per ONNX run. Default 32. */
  batchSize?: number;
  /** `'auto'` (default) uses e5's `query: ` / `passage: ` when the model id names e5, none otherwise. */
  prefixes?: EmbedPrefixes | 'auto';
  /** ONNX Runtime intra-op threads; default: the runtime's choice (all cores). */
  threads?: number;
};

/**
 * The model folder lacks files and downloads are not allowed. A start-up/configuration failure, not a domain
 * error: it must stop the process (or make `auto` fall back to the offline embedder), never answer a 4xx.
 */
export class ModelUnavailableError extends Error {
  constructor(
    readonly modelFolder: string,
    readonly missingFiles: readonly string[],
  ) {
    super(
      `Embedding model unavailable: ${modelFolder} lacks ${missingFiles.join(', ')}. ` +
        'Put the Hugging Face export of the model there (config.json, tokenizer.json, tokenizer_config.json, ' +
        'onnx/model*.onnx) or allow the download once.',
    );
    this.name = 'ModelUnavailableError';
  }
}

const ROBERTA_LIKE = new Set(['roberta', 'xlm-roberta', 'camembert']);
const E5_PREFIXES: EmbedPrefixes = { query: 'query: ', passage: 'passage: ' };
const NO_PREFIXES: EmbedPrefixes = { query: '', passage: '' };

/** The prefixes a model expects: e5 models were trained with `query: ` / `passage: ` and lose accuracy without them. */
export function resolvePrefixes(modelId: string, prefixes: EmbedPrefixes | 'auto' = 'auto'): EmbedPrefixes {
  if (prefixes !== 'auto') return prefixes;
  return /(^|[^a-z0-9])e5([^a-z0-9]|$)/i.test(modelId) ? E5_PREFIXES : NO_PREFIXES;
}

/** Files transformers.js will read for a feature-extraction model at this precision, relative to the model folder. */
export function requiredModelFiles(dtype: ModelDtype): string[] {
  return ['config.json', 'tokenizer.json', 'tokenizer_config.json', `onnx/model${ONNX_SUFFIX[dtype]}.onnx`];
}

/** Lists the required files missing from `<modelDir>/<modelId>` (all of them when the folder does not exist). */
export async function listMissingModelFiles(modelDir: string, modelId: string, dtype: ModelDtype): Promise<string[]> {
  const folder = join(modelDir, modelId);
  const files = requiredModelFiles(dtype);
  const present = await Promise.all(
    files.map((file) =>
      access(join(folder, file)).then(
        () => true,
        () => false,
      ),
    ),
  );
  return files.filter((_, i) => !present[i]);
}

// The only module state: because transformers.js's `env` is process-wide, two loads with different folders or
// download rights must not interleave (one would resolve its files with the other's settings).
let loadQueue: Promise<unknown> = Promise.resolve();
function serializeLoad<T>(load: () => Promise<T>): Promise<T> {
  const result = loadQueue.then(load);
  loadQueue = result.catch(() => undefined);
  return result;
}

/** Creates the transformers.js (ONNX Runtime) embedder: mean-pooled, L2-normalised sentence vectors. */
export async function createTransformersEmbedder(options: TransformersEmbedderOptions): Promise<Embedder> {
  const { modelDir, modelId, dtype = 'q8', allowDownload = false, batchSize = 32, threads } = options;
  if (!Number.isInteger(batchSize) || batchSize < 1) throw new RangeError(`batchSize must be a positive integer, got ${batchSize}`);
  const prefixes = resolvePrefixes(modelId, options.prefixes);

  const missing = await listMissingModelFiles(modelDir, modelId, dtype);
  if (missing.length > 0 && !allowDownload) throw new ModelUnavailableError(join(modelDir, modelId), missing);

  const extractor = await serializeLoad(async () => {
    // transformers.js keeps these in one process-wide object read while files are resolved, so every load sets all
    // of them rather than trusting defaults (its default cache is inside node_modules, its default host the Hub).
    env.useFS = true;
    env.allowLocalModels = true;
    env.localModelPath = modelDir;
    env.allowRemoteModels = allowDownload;
    // Downloads land in the same folder and layout as a hand-copied model, so the next start finds them locally.
    env.cacheDir = modelDir;
    env.useFSCache = allowDownload;
    env.useBrowserCache = false;
    // The WASM runtime is never used on Node (onnxruntime-node); do not let it fetch its binaries.
    env.useWasmCache = false;
    try {
      return await pipeline('feature-extraction', modelId, {
        dtype,
        device: 'cpu',
        local_files_only: !allowDownload,
        cache_dir: modelDir,
        session_options: threads ? { intraOpNumThreads: threads, interOpNumThreads: 1 } : {},
      });
    } catch (error) {
      throw new Error(`Could not load embedding model ${modelId} (${dtype}) from ${join(modelDir, modelId)}`, { cause: error });
    }
  });

  const config = extractor.model.config as unknown as Record<string, unknown>;
  const dimension = Number(config.hidden_size ?? config.d_model ?? config.dim);
  if (!Number.isInteger(dimension) || dimension < 1) {
    await extractor.dispose();
    throw new Error(`${modelId}: config.json has no hidden_size, cannot know the embedding dimension`);
  }
  // Tokenizers without model_max_length would let a long text overflow the position table; cap it by the config.
  // RoBERTa-style models (XLM-R under e5) number positions from pad_token_id + 1, so 514 entries hold 512 tokens.
  const positionOffset = ROBERTA_LIKE.has(String(config.model_type)) ? Number(config.pad_token_id ?? 1) + 1 : 0;
  const maxPositions = Number(config.max_position_embeddings) - positionOffset || Infinity;
  const maxLength = Math.min(extractor.tokenizer.model_max_length, maxPositions);
  if (!Number.isFinite(maxLength)) {
    await extractor.dispose();
    throw new Error(`${modelId}: neither tokenizer_config.model_max_length nor config.max_position_embeddings is set`);
  }

  async function embedBatch(texts: string[]): Promise<Float32Array[]> {
    const inputs = extractor.tokenizer(texts, { padding: true, truncation: true, max_length: maxLength });
    const outputs = await extractor.model(inputs);
    const pooled = mean_pooling(outputs.last_hidden_state, inputs.attention_mask).normalize(2, -1);
    const [rows, width] = pooled.dims;
    if (rows !== texts.length || width !== dimension) {
      throw new Error(`${modelId}: model returned [${pooled.dims}] for ${texts.length} texts, expected width ${dimension}`);
    }
    const data = pooled.data as Float32Array;
    return texts.map((_, i) => data.slice(i * width, (i + 1) * width));
  }

  let isClosed = false;
  const embedder: Embedder = {
    id: `${modelId}@${dtype}`,
    provider: 'transformers',
    dimension,
    async embed(texts: readonly string[], kind: EmbedKind): Promise<Float32Array[]> {
      if (isClosed) throw new Error(`${modelId}: embedder is closed`);
      const out: Float32Array[] = texts.map(() => new Float32Array(dimension));
      const prefix = prefixes[kind];
      // Empty texts stay zero vectors (the interface's contract) instead of embedding a bare prefix.
      // Sorting by length keeps texts of similar length in one batch, so little compute goes into padding.
      const order = texts
        .map((text, index) => ({ text: text.trim(), index }))
        .filter((t) => t.text.length > 0)
        .sort((a, b) => a.text.length - b.text.length);
      for (let start = 0; start < order.length; start += batchSize) {
        const batch = order.slice(start, start + batchSize);
        const vectors = await embedBatch(batch.map((t) => prefix + t.text));
        batch.forEach((t, i) => (out[t.index] = vectors[i]));
      }
      return out;
    },
    async close(): Promise<void> {
      if (isClosed) return;
      isClosed = true;
      await extractor.dispose();
    },
  };

  // One probe proves the graph's output width matches config.hidden_size before anything is stored with it.
  try {
    await embedder.embed(['vérification'], 'passage');
  } catch (error) {
    await embedder.close?.();
    throw error;
  }
  return embedder;
}
