import { access, readFile } from 'node:fs/promises';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { performance } from 'node:perf_hooks';
import {
  createTransformersEmbedder,
  listMissingModelFiles,
  type ModelDtype,
} from '../../src/core/embeddings/transformers-provider.ts';

/** Throughput of the transformers.js embedder: always on the tiny test fixture, and on a real model folder if given. */

const FIXTURE_DIR = fileURLToPath(new URL('../../../tests/fixtures/tiny-bert', import.meta.url));
const FIXTURE_ID = 'maillage/tiny-bert-fr';
const DEFAULT_SENTENCES_FILE = '/work/shared/data/stsb-fr/stsb-fr-dev.csv';
const DEFAULT_MODEL_ID = 'Xenova/multilingual-e5-small';

// Used when the STS-B dev file is absent; lengths typical of mission titles and descriptions.
const BUILT_IN_SENTENCES = [
  "L'association cherche des bénévoles pour l'aide aux devoirs le mercredi après-midi.",
  'Distribution alimentaire à la Banque alimentaire du quartier, deux heures par semaine.',
  "Le conseil d'administration recherche une trésorière ou un trésorier pour le prochain mandat.",
  'Accompagner des personnes âgées isolées lors de sorties culturelles.',
  "Une entreprise propose du mécénat de compétences en communication et en gestion de projet.",
  'Animation d’ateliers de réparation de vélos pour les jeunes du centre social.',
  'Nettoyage des berges de la rivière avec une association de protection de la nature.',
  'Soutien administratif pour une association de parents d’élèves.',
];

type BenchOptions = { quick: boolean; modelDir?: string; modelId?: string; sentencesFile?: string };

export async function run(opts: BenchOptions): Promise<void> {
  const { sentences, source } = await loadSentences(opts.sentencesFile ?? DEFAULT_SENTENCES_FILE);
  const count = opts.quick ? 256 : 2_000;
  const texts = Array.from({ length: count }, (_, i) => sentences[i % sentences.length]);
  console.log(`embeddings-transformers: ${texts.length} sentences (${source}), batch 32, 1 ONNX thread`);

  for (const dtype of ['q8', 'fp32'] as const) {
    await measure({ modelDir: FIXTURE_DIR, modelId: FIXTURE_ID, dtype, label: 'fixture' }, texts);
  }

  if (!opts.modelDir) {
    console.log('  real model: skipped (no model folder given)');
    return;
  }
  const modelId = opts.modelId ?? DEFAULT_MODEL_ID;
  const missing = await listMissingModelFiles(opts.modelDir, modelId, 'q8');
  if (missing.length > 0) {
    console.log(`  real model: skipped (${opts.modelDir}/${modelId} lacks ${missing.join(', ')})`);
    return;
  }
  // A real model is ~100x the fixture's compute; fewer sentences keep the run short.
  await measure({ modelDir: opts.modelDir, modelId, dtype: 'q8', label: 'model' }, texts.slice(0, opts.quick ? 64 : 500));
}

async function measure(
  model: { modelDir: string; modelId: string; dtype: ModelDtype; label: string },
  texts: string[],
): Promise<void> {
  const loadStart = performance.now();
  // One thread: benchmarks here share the machine, and per-core numbers are what compare across runs.
  const embedder = await createTransformersEmbedder({ ...model, batchSize: 32, threads: 1 });
  const loadMs = performance.now() - loadStart;
  try {
    await embedder.embed(texts.slice(0, 32), 'passage'); // warm-up: first runs allocate ONNX buffers
    const start = performance.now();
    await embedder.embed(texts, 'passage');
    const seconds = (performance.now() - start) / 1000;
    console.log(
      `  ${model.label} ${embedder.id} (dim ${embedder.dimension}): ${(texts.length / seconds).toFixed(0)} sentences/s, ` +
        `${((seconds * 1000) / texts.length).toFixed(2)} ms/sentence, load ${loadMs.toFixed(0)} ms`,
    );
  } finally {
    await embedder.close?.();
  }
}

async function loadSentences(file: string): Promise<{ sentences: string[]; source: string }> {
  const isPresent = await access(file).then(
    () => true,
    () => false,
  );
  if (!isPresent) return { sentences: BUILT_IN_SENTENCES, source: 'built-in French sentences' };
  const unique = new Set<string>();
  for (const row of parseCsv(await readFile(file, 'utf8'))) {
    for (const cell of row.slice(0, 2)) if (cell.trim()) unique.add(cell.trim());
  }
  return { sentences: [...unique], source: `${unique.size} unique sentences of ${file}` };
}

/** Minimal RFC 4180 reader: quoted cells may hold commas, doubled quotes and newlines. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let isQuoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (isQuoted) {
      if (c === '"' && text[i + 1] === '"') (cell += '"'), i++;
      else if (c === '"') isQuoted = false;
      else cell += c;
    } else if (c === '"') isQuoted = true;
    else if (c === ',') row.push(cell), (cell = '');
    else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(cell), rows.push(row), (row = []), (cell = '');
    } else cell += c;
  }
  if (cell || row.length > 0) row.push(cell), rows.push(row);
  return rows;
}

// Direct use: tsx service/scripts/bench/embeddings-transformers.bench.ts [--quick] [--model-dir DIR] [--model-id ID]
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const args = process.argv.slice(2);
  const valueOf = (flag: string) => (args.includes(flag) ? args[args.indexOf(flag) + 1] : undefined);
  await run({ quick: args.includes('--quick'), modelDir: valueOf('--model-dir'), modelId: valueOf('--model-id') });
}
