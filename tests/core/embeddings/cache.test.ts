import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { embedWithCache } from '../../../service/src/core/embeddings/cache.ts';
import type { Embedder } from '../../../service/src/core/embeddings/embedder.ts';
import { refreshEmbeddings } from '../../../service/src/core/embeddings/entities.ts';
import { DATABASE_TARGETS } from '../../support/databases.ts';
import { createTestContext, jsonRequest, seedTerritory, signIn, testEmbedder, type TestContext } from '../../support/context.ts';

/** The real test embedder, wrapped to count what reaches the model. */
function counting(inner: Embedder) {
  const calls: string[][] = [];
  const embedder: Embedder = {
    id: inner.id,
    provider: inner.provider,
    dimension: inner.dimension,
    embed: (texts, kind) => {
      calls.push([...texts]);
      return inner.embed(texts, kind);
    },
  };
  return { embedder, calls };
}

describe.each(DATABASE_TARGETS)('embedding cache (%s)', (target) => {
  let ctx: TestContext;
  let counter: ReturnType<typeof counting>;
  beforeAll(async () => {
    counter = counting(await testEmbedder());
    ctx = await createTestContext(target, { embedder: counter.embedder });
  });
  afterAll(() => ctx?.close());

  it('embeds a text once per model and kind, and reads it back identical', async () => {
    const deps = { sql: ctx.db.sql, embedder: counter.embedder };
    const before = counter.calls.length;
    const first = await embedWithCache(deps, ['Aide aux devoirs', 'Aide aux devoirs', 'Maraude de nuit'], 'passage');
    expect(first.hits).toBe(0);
    expect(counter.calls.slice(before)).toEqual([['Aide aux devoirs', 'Maraude de nuit']]);
    const second = await embedWithCache(deps, ['Maraude de nuit', 'Aide aux devoirs'], 'passage');
    expect(second.hits).toBe(2);
    expect(counter.calls.length).toBe(before + 1);
    expect(Array.from(second.items[1].vector)).toEqual(Array.from(first.items[0].vector));
    await embedWithCache(deps, ['Maraude de nuit'], 'query');
    expect(counter.calls.length).toBe(before + 2);
  });

  it('handles empty and 100 KB texts', async () => {
    const deps = { sql: ctx.db.sql, embedder: counter.embedder };
    const long = 'Nous cherchons des bénévoles pour accompagner des familles. '.repeat(1700);
    expect(long.length).toBeGreaterThan(100_000);
    const { items } = await embedWithCache(deps, ['', long], 'passage');
    expect(items[0].vector.every((x) => x === 0)).toBe(true);
    const norm = Math.hypot(...items[1].vector);
    expect(norm).toBeCloseTo(1, 3);
  });

  it('re-embeds a mission only when its text changes', async () => {
    const territory = await seedTerritory(ctx);
    const owner = await signIn(ctx);
    const res = await ctx.app.request(
      '/api/associations',
      jsonRequest('POST', { rna: 'W672000001', name: 'Vélo Solidaire', purpose: 'Réparer des vélos', communeInsee: territory.communes[0].insee }, owner.headers),
    );
    const association = (await res.json()) as { id: string };
    const created = await ctx.app.request(
      '/api/missions',
      jsonRequest('POST', { associationId: association.id, title: 'Atelier réparation', description: 'Réparer des vélos le samedi.', isRemote: true }, owner.headers),
    );
    const mission = (await created.json()) as { id: string };
    expect(await refreshEmbeddings(ctx.deps, 'missions', [mission.id])).toMatchObject({ embedded: 0, unchanged: 1 });
    await ctx.app.request(`/api/missions/${mission.id}`, jsonRequest('PATCH', { places: 4 }, owner.headers));
    expect(await refreshEmbeddings(ctx.deps, 'missions', [mission.id])).toMatchObject({ embedded: 0, unchanged: 1 });
    await ctx.db.sql`UPDATE missions SET description = 'Réparer et prêter des vélos.' WHERE id = ${mission.id}`;
    expect(await refreshEmbeddings(ctx.deps, 'missions', [mission.id])).toMatchObject({ embedded: 1, unchanged: 0 });
  });
});
