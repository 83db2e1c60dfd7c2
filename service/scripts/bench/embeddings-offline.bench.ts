/**
 * Throughput of the offline embedder on one core: loads the shipped weights (timed), then embeds the
 * STS-fr dev sentences (3,000) in batches of 64, several rounds; prints sentences per second.
 * The first round warms the word cache and the JIT, as a running service would be.
 */
import { existsSync } from 'node:fs';
import { createOfflineEmbedder } from '../../src/core/embeddings/offline/index.ts';
import { readStsSplit, STS_DIR } from '../eval-embedder.ts';

const FALLBACK = [
  'Visites de convivialité à domicile auprès de personnes âgées isolées',
  "Je suis retraité, ancien comptable, je voudrais aider une asso à tenir ses comptes",
  "J'aime les animaux et j'ai mes samedis",
  'Atelier de réparation de vélos dans le quartier',
];

export async function run(opts: { quick: boolean }): Promise<void> {
  const t0 = performance.now();
  const embedder = await createOfflineEmbedder();
  const loadMs = performance.now() - t0;
  const sentences = existsSync(`${STS_DIR}stsb-fr-dev.csv`)
    ? readStsSplit('dev').flatMap((r) => [r.sentence1, r.sentence2])
    : Array.from({ length: 3000 }, (_, i) => `${FALLBACK[i % FALLBACK.length]} ${i}`);
  await embedder.embed(sentences, 'passage');
  const rounds = opts.quick ? 2 : 10;
  const started = performance.now();
  for (let r = 0; r < rounds; r++) {
    for (let i = 0; i < sentences.length; i += 64) await embedder.embed(sentences.slice(i, i + 64), 'passage');
  }
  const seconds = (performance.now() - started) / 1000;
  const rate = (rounds * sentences.length) / seconds;
  console.log(`embeddings-offline: ${embedder.id}, dimension ${embedder.dimension}`);
  console.log(`  load time           ${loadMs.toFixed(0)} ms`);
  console.log(`  throughput (1 core) ${Math.round(rate)} sentences/s over ${rounds} x ${sentences.length} STS-fr dev sentences`);
}

if (process.argv[1]?.endsWith('embeddings-offline.bench.ts')) await run({ quick: process.argv.includes('--quick') });
