import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { cosine, type Embedder } from '../../../service/src/core/embeddings/embedder.ts';
import { createOfflineEmbedder } from '../../../service/src/core/embeddings/offline/index.ts';
import { evaluateStsb, readStsSplit } from '../../../service/scripts/eval-embedder.ts';

const STS_DIR = fileURLToPath(new URL('../../../../shared/data/stsb-fr/', import.meta.url));
const hasSts = existsSync(`${STS_DIR}stsb-fr-dev.csv`);

let embedder: Embedder;
beforeAll(async () => {
  embedder = await createOfflineEmbedder();
});

async function one(text: string): Promise<Float32Array> {
  return (await embedder.embed([text], 'passage'))[0];
}

function norm(v: Float32Array): number {
  return Math.sqrt(v.reduce((s, x) => s + x * x, 0));
}

describe('offline French embedder', () => {
  it('returns unit vectors of the announced dimension', async () => {
    expect(embedder.provider).toBe('offline');
    expect(embedder.id).toMatch(/^maillage-offline-fr-v\d+$/);
    const vs = await embedder.embed(['Aider des personnes âgées le week-end près de Haguenau', 'xylophonistes zzzq'], 'query');
    for (const v of vs) {
      expect(v).toHaveLength(embedder.dimension);
      expect(norm(v)).toBeCloseTo(1, 4);
    }
  });

  it('returns all zeros for empty or whitespace text', async () => {
    for (const t of ['', '   \n\t ', "l' de la"]) {
      const v = await one(t);
      expect(v).toHaveLength(embedder.dimension);
      expect(v.every((x) => x === 0)).toBe(true);
    }
  });

  it('embeds a 100 KB text quickly into a unit vector', async () => {
    const text = 'Notre association accompagne les familles du quartier et recherche des bénévoles. '.repeat(1300);
    expect(text.length).toBeGreaterThan(100_000);
    const started = performance.now();
    const v = await one(text);
    expect(performance.now() - started).toBeLessThan(1000);
    expect(norm(v)).toBeCloseTo(1, 4);
  });

  it('is deterministic, across calls and across instances', async () => {
    const text = 'Je suis retraité, ancien comptable, je voudrais aider une asso à tenir ses comptes';
    const a = await one(text);
    const b = await one(text);
    const other = await createOfflineEmbedder();
    const c = (await other.embed([text], 'query'))[0];
    expect(Array.from(b)).toEqual(Array.from(a));
    expect(Array.from(c)).toEqual(Array.from(a));
  });

  it('relates French words beyond shared spelling', async () => {
    const [agees, seniors, football] = await embedder.embed(['personnes âgées', 'seniors', 'football'], 'passage');
    expect(cosine(agees, seniors)).toBeGreaterThan(cosine(agees, football));
    const [tresorier, compta, jardinage] = await embedder.embed(['trésorier', 'comptabilité', 'jardinage'], 'passage');
    expect(cosine(tresorier, compta)).toBeGreaterThan(cosine(tresorier, jardinage));
    const [chien, animaux, facture] = await embedder.embed(['je promène des chiens', 'soins aux animaux', 'paiement des factures'], 'passage');
    expect(cosine(chien, animaux)).toBeGreaterThan(cosine(chien, facture));
  });

  it('understands unaccented, informal spellings', async () => {
    const [accent, plain, other] = await embedder.embed(['aider les personnes âgées', 'aider les personnes agees', 'réparer des vélos'], 'query');
    expect(cosine(accent, plain)).toBeGreaterThan(0.95);
    expect(cosine(accent, other)).toBeLessThan(0.6);
  });

  it.skipIf(!hasSts)('reaches Spearman >= 0.78 on the STS-fr dev split', async () => {
    const score = await evaluateStsb(embedder, readStsSplit('dev', STS_DIR));
    expect(score).toBeGreaterThanOrEqual(0.78);
  });
  if (!hasSts) it.skip(`STS-fr dev split not found at ${STS_DIR}: Spearman test skipped`, () => {});
});
