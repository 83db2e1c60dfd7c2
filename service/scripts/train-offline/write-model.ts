/** Writes a trained model folder in the layout model-weights.ts reads. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { MODEL_FILES, type OfflineManifest, type OfflineModel } from '../../src/core/embeddings/offline/model-weights.ts';

export interface VocabEntry { stem: string; count: number; docFreq: number; }

export function writeModel(dir: string, model: OfflineModel, vocab: readonly VocabEntry[], manifest: OfflineManifest): void {
  mkdirSync(dir, { recursive: true });
  const bytes = (a: ArrayBufferView) => new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
  writeFileSync(join(dir, MODEL_FILES.vocab), vocab.map((v) => `${v.stem}\t${v.count}\t${v.docFreq}`).join('\n') + '\n');
  writeFileSync(join(dir, MODEL_FILES.wordVectors), bytes(model.wordVectors));
  writeFileSync(join(dir, MODEL_FILES.wordScales), bytes(model.wordScales));
  writeFileSync(join(dir, MODEL_FILES.ngramVectors), bytes(model.ngramVectors));
  writeFileSync(join(dir, MODEL_FILES.ngramScales), bytes(model.ngramScales));
  writeFileSync(join(dir, MODEL_FILES.commonDirections), bytes(model.commonDirections));
  writeFileSync(join(dir, MODEL_FILES.dimWeights), bytes(model.dimWeights));
  writeFileSync(join(dir, MODEL_FILES.manifest), JSON.stringify(manifest, null, 2) + '\n');
}
