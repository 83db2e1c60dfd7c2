/**
 * Evaluates an embedder: Spearman correlation on the STS-fr dev split, and a domain check (volunteer
 * wishes -> the one right mission among many: top-1 accuracy and MRR), each against plain TF-IDF.
 *   npx tsx service/scripts/eval-embedder.ts [--provider offline] [--model-dir DIR] [--split dev|train]
 * Never tune on the dev split or on the domain set: they are for reporting only.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import type { Embedder } from '../src/core/embeddings/embedder.ts';
import { createOfflineEmbedder } from '../src/core/embeddings/offline/index.ts';
import { sparseCosine, tfidfVectors } from './tfidf-baseline.ts';

export interface StsRow {
  sentence1: string;
  sentence2: string;
  score: number;
}

/** Parses the STS-fr CSV (sentence1,sentence2,score; RFC 4180 quoting, no header). */
export function parseStsCsv(text: string): StsRow[] {
  const rows: StsRow[] = [];
  let field = '';
  let fields: string[] = [];
  let quoted = false;
  const endRow = () => {
    fields.push(field);
    if (fields.length >= 3 && fields[0] !== 'sentence1') rows.push({ sentence1: fields[0], sentence2: fields[1], score: Number(fields[2]) });
    fields = [];
    field = '';
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') (field += '"'), i++;
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') fields.push(field), (field = '');
    else if (c === '\n') endRow();
    else if (c !== '\r') field += c;
  }
  if (field !== '' || fields.length > 0) endRow();
  return rows;
}

/** Default location of the shared STS-fr files (repo root's sibling shared/ folder). */
export const STS_DIR = fileURLToPath(new URL('../../../shared/data/stsb-fr/', import.meta.url));

export function readStsSplit(split: 'train' | 'dev', dir = STS_DIR): StsRow[] {
  return parseStsCsv(readFileSync(`${dir}stsb-fr-${split}.csv`, 'utf8'));
}

function ranks(xs: readonly number[]): number[] {
  const order = xs.map((x, i) => [x, i] as const).sort((a, b) => a[0] - b[0]);
  const r = new Array<number>(xs.length);
  for (let i = 0; i < order.length; ) {
    let j = i;
    while (j + 1 < order.length && order[j + 1][0] === order[i][0]) j++;
    for (let k = i; k <= j; k++) r[order[k][1]] = (i + j) / 2;
    i = j + 1;
  }
  return r;
}

export function pearson(a: readonly number[], b: readonly number[]): number {
  const n = a.length;
  const ma = a.reduce((s, x) => s + x, 0) / n;
  const mb = b.reduce((s, x) => s + x, 0) / n;
  let sab = 0;
  let saa = 0;
  let sbb = 0;
  for (let i = 0; i < n; i++) {
    sab += (a[i] - ma) * (b[i] - mb);
    saa += (a[i] - ma) ** 2;
    sbb += (b[i] - mb) ** 2;
  }
  return sab / Math.sqrt(saa * sbb);
}

/** Spearman rank correlation (ties get their mean rank). */
export function spearman(a: readonly number[], b: readonly number[]): number {
  return pearson(ranks(a), ranks(b));
}

function dot(a: Float32Array, b: Float32Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
}

/** Spearman of the embedder's cosine against the gold scores. */
export async function evaluateStsb(embedder: Embedder, rows: readonly StsRow[]): Promise<number> {
  const a = await embedder.embed(rows.map((r) => r.sentence1), 'passage');
  const b = await embedder.embed(rows.map((r) => r.sentence2), 'passage');
  return spearman(rows.map((_, i) => dot(a[i], b[i])), rows.map((r) => r.score));
}

/** Spearman of plain TF-IDF cosine against the gold scores. */
export function evaluateStsbTfidf(rows: readonly StsRow[]): number {
  const v = tfidfVectors([...rows.map((r) => r.sentence1), ...rows.map((r) => r.sentence2)]);
  return spearman(rows.map((_, i) => sparseCosine(v[i], v[i + rows.length])), rows.map((r) => r.score));
}

export interface DomainSet {
  missions: { id: string; title: string; description: string }[];
  wishes: { text: string; missionId: string }[];
}

export interface RetrievalScore {
  top1: number;
  mrr: number;
}

function scoreRanking(sims: number[][], set: DomainSet): RetrievalScore {
  let top1 = 0;
  let mrr = 0;
  set.wishes.forEach((w, i) => {
    const target = set.missions.findIndex((m) => m.id === w.missionId);
    const better = sims[i].filter((s, j) => j !== target && s >= sims[i][target]).length;
    if (better === 0) top1++;
    mrr += 1 / (better + 1);
  });
  return { top1: top1 / set.wishes.length, mrr: mrr / set.wishes.length };
}

const missionText = (m: DomainSet['missions'][number]) => `${m.title}. ${m.description}`;

/** Wish -> mission retrieval with the embedder (wishes as queries, missions as passages). */
export async function evaluateDomain(embedder: Embedder, set: DomainSet): Promise<RetrievalScore> {
  const q = await embedder.embed(set.wishes.map((w) => w.text), 'query');
  const p = await embedder.embed(set.missions.map(missionText), 'passage');
  return scoreRanking(q.map((qi) => p.map((pj) => dot(qi, pj))), set);
}

/** Wish -> mission retrieval with plain TF-IDF (IDF over wishes and missions together). */
export function evaluateDomainTfidf(set: DomainSet): RetrievalScore {
  const v = tfidfVectors([...set.wishes.map((w) => w.text), ...set.missions.map(missionText)]);
  const n = set.wishes.length;
  return scoreRanking(set.wishes.map((_, i) => set.missions.map((_, j) => sparseCosine(v[i], v[n + j]))), set);
}

export const DOMAIN_SET_FILE = fileURLToPath(new URL('./eval-data/wishes-missions.json', import.meta.url));

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { provider: { type: 'string', default: 'offline' }, 'model-dir': { type: 'string' }, split: { type: 'string', default: 'dev' } } });
  if (values.provider !== 'offline') throw new Error(`unknown provider ${values.provider} (only "offline" is evaluated here)`);
  const split = values.split === 'train' ? 'train' : 'dev';
  const embedder = await createOfflineEmbedder({ modelDir: values['model-dir'] });
  const rows = readStsSplit(split);
  console.log(`STS-fr ${split} (${rows.length} pairs), Spearman x100`);
  console.log(`  ${embedder.id.padEnd(28)} ${(100 * (await evaluateStsb(embedder, rows))).toFixed(2)}`);
  console.log(`  ${'tf-idf baseline'.padEnd(28)} ${(100 * evaluateStsbTfidf(rows)).toFixed(2)}`);
  const set = JSON.parse(readFileSync(DOMAIN_SET_FILE, 'utf8')) as DomainSet;
  const off = await evaluateDomain(embedder, set);
  const tf = evaluateDomainTfidf(set);
  console.log(`Domain check: ${set.wishes.length} wishes -> ${set.missions.length} missions (top-1 accuracy, MRR)`);
  console.log(`  ${embedder.id.padEnd(28)} top1 ${off.top1.toFixed(3)}  mrr ${off.mrr.toFixed(3)}`);
  console.log(`  ${'tf-idf baseline'.padEnd(28)} top1 ${tf.top1.toFixed(3)}  mrr ${tf.mrr.toFixed(3)}`);
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
