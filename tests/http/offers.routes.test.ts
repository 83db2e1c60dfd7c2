import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATABASE_TARGETS } from '../support/databases.ts';
import { createTestContext, jsonRequest, seedTerritory, signIn, type TestContext } from '../support/context.ts';
import { newSiren } from '../support/identifiers.ts';

type Offer = {
  id: string;
  kind: string;
  status: string;
  company: { id: string };
  territories: { code: string }[];
  isCompanyTerritory: boolean;
  capacity: number;
  capacityLeft: number;
  budgetMinEur: number | null;
  title: string;
};
type Page = { items: Offer[]; total: number; limit: number; offset: number };
type Problem = { errors?: { path: string }[] };
type User = Awaited<ReturnType<typeof signIn>>;


describe.each(DATABASE_TARGETS)('RSE offers routes (%s)', (target) => {
  let ctx: TestContext;
  let territory: Awaited<ReturnType<typeof seedTerritory>>;
  beforeAll(async () => {
    ctx = await createTestContext(target);
    territory = await seedTerritory(ctx);
  });
  afterAll(() => ctx?.close());

  async function newCompany(owner: User, communeInsee = territory.communes[0].insee) {
    const res = await ctx.app.request('/api/companies', jsonRequest('POST', { siren: newSiren(), name: 'Imprimerie Schmitt', communeInsee }, owner.headers));
    expect(res.status).toBe(201);
    return (await res.json()) as { id: string };
  }
  const skillsOffer = (companyId: string, extra: Record<string, unknown> = {}) => ({
    companyId,
    kind: 'skills',
    title: 'Mécénat de compétences en comptabilité',
    description: 'Deux comptables aident une association à tenir ses comptes.',
    skills: ['comptabilite'],
    themes: ['solidarite'],
    hours: 40,
    ...extra,
  });
  const post = (body: unknown, user?: User) => ctx.app.request('/api/offers', jsonRequest('POST', body, user?.headers));

  it('publishes an offer in the company territory by default, embeds it, edits it and closes it', async () => {
    const owner = await signIn(ctx);
    const company = await newCompany(owner);
    const res = await post(skillsOffer(company.id, { capacity: 3 }), owner);
    expect(res.status).toBe(201);
    const offer = (await res.json()) as Offer;
    expect(offer).toMatchObject({ kind: 'skills', status: 'open', capacity: 3, capacityLeft: 3, isCompanyTerritory: true });
    expect(offer.territories.map((t) => t.code)).toEqual([territory.code]);
    const [{ has }] = await ctx.db.sql<{ has: boolean }[]>`SELECT embedding IS NOT NULL AS has FROM rse_offers WHERE id = ${offer.id}`;
    expect(has).toBe(true);

    expect((await ctx.app.request(`/api/offers/${offer.id}`)).status).toBe(200);
    const patched = await ctx.app.request(`/api/offers/${offer.id}`, jsonRequest('PATCH', { capacity: 5, title: 'Comptabilité et trésorerie' }, owner.headers));
    expect(patched.status).toBe(200);
    expect(await patched.json()).toMatchObject({ capacity: 5, capacityLeft: 5, title: 'Comptabilité et trésorerie' });

    // One partnership engaged (partnerships belong to another module: set through SQL); capacity cannot drop below it.
    await ctx.db.sql`UPDATE rse_offers SET capacity_left = capacity_left - 5 WHERE id = ${offer.id}`;
    const tooSmall = await ctx.app.request(`/api/offers/${offer.id}`, jsonRequest('PATCH', { capacity: 4 }, owner.headers));
    expect(tooSmall.status).toBe(422);
    expect(((await tooSmall.json()) as Problem).errors!.map((e) => e.path)).toContain('capacity');

    const closed = await ctx.app.request(`/api/offers/${offer.id}/close`, { method: 'POST', headers: owner.headers });
    expect(closed.status).toBe(200);
    expect(((await closed.json()) as Offer).status).toBe('closed');
    const publicList = (await (await ctx.app.request(`/api/offers?company=${company.id}`)).json()) as Page;
    expect(publicList.total).toBe(0);
    const ownList = (await (await ctx.app.request(`/api/offers?company=${company.id}`, { headers: owner.headers })).json()) as Page;
    expect(ownList.items.map((o) => o.id)).toEqual([offer.id]);
  });

  it('validates each kind: skills + hours, budget range, people + dates, in-kind description, board skills', async () => {
    const owner = await signIn(ctx);
    const company = await newCompany(owner);
    const paths = async (body: Record<string, unknown>) => {
      const res = await post({ companyId: company.id, title: 'Une offre', ...body }, owner);
      expect(res.status).toBe(422);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
      return ((await res.json()) as Problem).errors!.map((e) => e.path);
    };
    expect(await paths({ kind: 'skills' })).toEqual(expect.arrayContaining(['body.skills', 'body.hours']));
    expect(await paths({ kind: 'financial', budgetMinEur: 5000, budgetMaxEur: 1000 })).toEqual(['body.budgetMaxEur']);
    expect(await paths({ kind: 'financial' })).toEqual(expect.arrayContaining(['body.budgetMinEur', 'body.budgetMaxEur']));
    expect(await paths({ kind: 'team_day', people: 10 })).toEqual(expect.arrayContaining(['body.startsOn', 'body.endsOn']));
    expect(await paths({ kind: 'team_day', people: 10, startsOn: '2027-06-02', endsOn: '2027-06-01' })).toEqual(['body.endsOn']);
    expect(await paths({ kind: 'in_kind' })).toEqual(['body.description']);
    expect(await paths({ kind: 'board_member' })).toEqual(['body.skills']);
    expect(await paths({ kind: 'gift', title: 'x', capacity: 0 })).toEqual(expect.arrayContaining(['body.kind', 'body.title', 'body.capacity']));

    const ok = [
      { kind: 'financial', budgetMinEur: 1000, budgetMaxEur: 5000 },
      { kind: 'team_day', people: 12, startsOn: '2027-06-01', endsOn: '2027-06-01' },
      { kind: 'in_kind', description: 'Dix ordinateurs portables reconditionnés.' },
      { kind: 'board_member', skills: ['tresorerie'] },
    ];
    for (const body of ok) expect((await post({ companyId: company.id, title: 'Une offre', ...body }, owner)).status).toBe(201);

    const financial = (await (await post({ companyId: company.id, title: 'Dons', kind: 'financial', budgetMinEur: 100, budgetMaxEur: 200 }, owner)).json()) as Offer;
    const inverted = await ctx.app.request(`/api/offers/${financial.id}`, jsonRequest('PATCH', { budgetMinEur: 500 }, owner.headers));
    expect(inverted.status).toBe(422);
    expect(((await inverted.json()) as Problem).errors!.map((e) => e.path)).toEqual(['budgetMaxEur']);
    const unknownTerritory = await post(skillsOffer(company.id, { territories: ['nulle-part'] }), owner);
    expect(unknownTerritory.status).toBe(422);
    expect(((await unknownTerritory.json()) as Problem).errors!.map((e) => e.path)).toEqual(['territories']);
    expect((await ctx.app.request('/api/offers/00000000-0000-4000-8000-000000000000')).status).toBe(404);
    expect((await ctx.app.request('/api/offers/00000000-0000-4000-8000-000000000000', jsonRequest('PATCH', { title: 'Fantôme' }, owner.headers))).status).toBe(404);
  });

  it('keeps offers to their company: anonymous 401, strangers 403 on create/edit/close, drafts invisible (404)', async () => {
    const owner = await signIn(ctx);
    const company = await newCompany(owner);
    const offer = (await (await post(skillsOffer(company.id), owner)).json()) as Offer;
    const draft = (await (await post(skillsOffer(company.id, { status: 'draft' }), owner)).json()) as Offer;
    expect((await post(skillsOffer(company.id))).status).toBe(401);
    expect((await ctx.app.request(`/api/offers/${offer.id}/close`, { method: 'POST' })).status).toBe(401);

    const rival = await signIn(ctx);
    await newCompany(rival);
    expect((await post(skillsOffer(company.id), rival)).status).toBe(403);
    expect((await ctx.app.request(`/api/offers/${offer.id}`, jsonRequest('PATCH', { title: 'Offre détournée' }, rival.headers))).status).toBe(403);
    expect((await ctx.app.request(`/api/offers/${offer.id}/close`, { method: 'POST', headers: rival.headers })).status).toBe(403);
    expect((await ctx.app.request(`/api/offers/${draft.id}`, { headers: rival.headers })).status).toBe(404);
    expect((await ctx.app.request(`/api/offers/${draft.id}`, jsonRequest('PATCH', { status: 'open' }, rival.headers))).status).toBe(404);
    expect((await ctx.app.request(`/api/offers/${draft.id}`, { headers: owner.headers })).status).toBe(200);

    // A suspended company cannot publish, and its offers leave the public list (moderation is another module: SQL).
    await ctx.db.sql`UPDATE companies SET verification = 'suspended' WHERE id = ${company.id}`;
    expect((await post(skillsOffer(company.id), owner)).status).toBe(403);
    expect((await ctx.app.request(`/api/offers/${offer.id}`)).status).toBe(404);
  });

  it('filters by kind, theme, skill, territory and company, and pages', async () => {
    const own = await seedTerritory(ctx);
    const far = await seedTerritory(ctx);
    const owner = await signIn(ctx);
    const company = await newCompany(owner, own.communes[0].insee);
    const make = async (body: Record<string, unknown>) => ((await (await post({ companyId: company.id, title: 'Une offre', ...body }, owner)).json()) as Offer).id;
    const skills = await make({ kind: 'skills', skills: ['graphisme'], hours: 10, themes: ['culture'] });
    const money = await make({ kind: 'financial', budgetMinEur: 0, budgetMaxEur: 2000, themes: ['sport'] });
    const board = await make({ kind: 'board_member', skills: ['tresorerie'], themes: ['culture'], territories: [far.code] });
    await make({ kind: 'in_kind', description: 'Des chaises.', status: 'draft' });
    const get = async (qs: string) => {
      const res = await ctx.app.request(`/api/offers?company=${company.id}&${qs}`);
      expect(res.status).toBe(200);
      return ((await res.json()) as Page).items.map((o) => o.id).sort();
    };
    expect(await get('')).toEqual([skills, money, board].sort());
    expect(await get('kind=financial')).toEqual([money]);
    expect(await get('kind=financial,board_member')).toEqual([money, board].sort());
    expect(await get('theme=culture')).toEqual([skills, board].sort());
    expect(await get('skill=tresorerie')).toEqual([board]);
    expect(await get(`territory=${own.code}`)).toEqual([skills, money].sort());
    expect(await get(`territory=${far.code}`)).toEqual([board]);
    expect(await get('status=draft')).toEqual([]);
    const first = (await (await ctx.app.request(`/api/offers?company=${company.id}&limit=2`)).json()) as Page;
    const rest = (await (await ctx.app.request(`/api/offers?company=${company.id}&limit=2&offset=2`)).json()) as Page;
    expect(first).toMatchObject({ total: 3, limit: 2, offset: 0 });
    expect(new Set([...first.items, ...rest.items].map((o) => o.id))).toEqual(new Set([skills, money, board]));
    expect((await ctx.app.request('/api/offers?kind=gift')).status).toBe(422);
  });
});
