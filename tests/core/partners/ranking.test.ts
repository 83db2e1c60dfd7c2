import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { computeAssociationCompanyFits } from '../../../service/src/core/partners/fit.ts';
import { associationFiltersOf, loadOfferForRanking, rankAssociationsExact, rankAssociationsForOffer } from '../../../service/src/core/partners/rank-associations.ts';
import { DATABASE_TARGETS } from '../../support/databases.ts';
import { createTestContext, jsonRequest, seedTerritory, signIn, type TestContext } from '../../support/context.ts';
import { newSiren } from '../../support/identifiers.ts';

type User = Awaited<ReturnType<typeof signIn>>;
type Territory = Awaited<ReturnType<typeof seedTerritory>>;

let seq = 0;
const newRna = () => `W68${String(Date.now() % 1e4).padStart(4, '0')}${String(seq++ % 1000).padStart(3, '0')}`;

describe.each(DATABASE_TARGETS)('partners ranking properties (%s)', (target) => {
  let ctx: TestContext;
  let home: Territory;
  let other: Territory;
  let owner: User;
  beforeAll(async () => {
    ctx = await createTestContext(target);
    home = await seedTerritory(ctx);
    other = await seedTerritory(ctx);
    owner = await signIn(ctx);
  });
  afterAll(() => ctx?.close());

  async function post<T = { id: string }>(path: string, body: unknown): Promise<T> {
    const res = await ctx.app.request(`/api${path}`, jsonRequest('POST', body, owner.headers));
    const json = await res.json();
    if (res.status !== 201) throw new Error(`${path}: ${res.status} ${JSON.stringify(json)}`);
    return json as T;
  }
  // Same name and purpose: the same embedding, so only what the test changes tells two associations apart.
  async function association(t: Territory, verification = 'verified', extra: Record<string, unknown> = {}) {
    const { id } = await post('/associations', { rna: newRna(), name: 'Épicerie solidaire du canton', purpose: 'Aide alimentaire et accompagnement budgétaire.', communeInsee: t.communes[1].insee, themes: ['solidarite'], ...extra });
    await ctx.db.sql`UPDATE associations SET verification = ${verification} WHERE id = ${id}`;
    return id;
  }
  async function company(t: Territory) {
    return (await post('/companies', { siren: newSiren(), name: 'Banque du Ried', communeInsee: t.communes[0].insee })).id;
  }
  const offer = (companyId: string, extra: Record<string, unknown> = {}) =>
    post('/offers', { companyId, kind: 'financial', title: 'Mécénat financier pour l’aide alimentaire', description: 'Soutien aux épiceries solidaires.', themes: ['solidarite'], budgetMinEur: 1000, budgetMaxEur: 5000, ...extra }).then((o) => o.id);
  async function rank(offerId: string, query: Record<string, unknown> = {}) {
    const o = (await loadOfferForRanking(ctx.deps, offerId))!;
    const live = await rankAssociationsForOffer(ctx.deps.sql, o, associationFiltersOf(o, query));
    const exact = await rankAssociationsExact(ctx.deps.sql, o, associationFiltersOf(o, query));
    // With fewer associations than k, the live ranking is exactly the exact one.
    expect(live.ranked.map((r) => r.row.association_id)).toEqual(exact.map((r) => r.row.association_id));
    return live.ranked;
  }

  it('never shows an association outside the offer’s territories (the company’s own when the offer names none)', async () => {
    const inside = await association(home);
    const outside = await association(other);
    const c = await company(home);
    const own = await rank(await offer(c));
    expect(own.map((r) => r.row.association_id)).toContain(inside);
    expect(own.map((r) => r.row.association_id)).not.toContain(outside);
    // An offer naming the other territory only serves that one; naming both, both.
    const named = await rank(await offer(c, { territories: [other.code] }));
    expect(named.map((r) => r.row.association_id)).toContain(outside);
    expect(named.map((r) => r.row.association_id)).not.toContain(inside);
    const both = await rank(await offer(c, { territories: [home.code, other.code] }));
    expect(both.map((r) => r.row.association_id)).toEqual(expect.arrayContaining([inside, outside]));
  });

  it('never shows a suspended or unverified association', async () => {
    const suspended = await association(home, 'suspended');
    const pending = await association(home, 'pending');
    const ids = (await rank(await offer(await company(home)))).map((r) => r.row.association_id);
    expect(ids).not.toContain(suspended);
    expect(ids).not.toContain(pending);
  });

  it('ranks an association with a matching need above an otherwise equal one without, and filters by need, theme and size', async () => {
    const t = await seedTerritory(ctx);
    const withNeed = await association(t);
    const without = await association(t);
    const sport = await association(t, 'verified', { themes: ['sport'], size: 'large' });
    await post('/needs', { associationId: withNeed, kind: 'financial', title: 'Achat d’une chambre froide', amountEur: 4000 });
    const offerId = await offer(await company(t));
    const ranked = await rank(offerId);
    const ids = ranked.map((r) => r.row.association_id);
    expect(ids.indexOf(withNeed)).toBeLessThan(ids.indexOf(without));
    const [a, b] = [ranked.find((r) => r.row.association_id === withNeed)!, ranked.find((r) => r.row.association_id === without)!];
    // Everything but the need is equal.
    for (const key of ['semantic', 'themes', 'distance', 'size', 'activity'] as const) {
      expect(a.scored.components.find((c) => c.key === key)!.value).toBeCloseTo(b.scored.components.find((c) => c.key === key)!.value, 3);
    }
    expect((await rank(offerId, { withNeed: true })).map((r) => r.row.association_id)).toEqual([withNeed]);
    expect((await rank(offerId, { theme: ['sport'] })).map((r) => r.row.association_id)).toEqual([sport]);
    expect((await rank(offerId, { size: ['large'] })).map((r) => r.row.association_id)).toEqual([sport]);
  });

  it('gives the speed-dating fit in [0, 1]: the association’s score with the company’s best open offer', async () => {
    const t = await seedTerritory(ctx);
    const a = await association(t);
    const c = await company(t);
    const noOffer = await company(t);
    const small = await offer(c, { budgetMaxEur: 1000 });
    const big = await offer(c, { budgetMaxEur: 5000 });
    await post('/needs', { associationId: a, kind: 'financial', title: 'Achat d’un minibus', amountEur: 5000 });
    const fits = await computeAssociationCompanyFits(ctx.deps.sql, [a], [c, noOffer]);
    expect(fits).toHaveLength(1);
    const [fit] = fits;
    expect(fit).toMatchObject({ associationId: a, companyId: c });
    expect(fit.fit).toBeGreaterThan(0);
    expect(fit.fit).toBeLessThanOrEqual(1);
    const scoreFor = async (offerId: string) => (await rank(offerId)).find((r) => r.row.association_id === a)!.scored.score;
    expect(fit.fit).toBeCloseTo(Math.max(await scoreFor(small), await scoreFor(big)), 6);
    expect(fit.fit).toBeCloseTo(await scoreFor(big), 6);
  });
});
