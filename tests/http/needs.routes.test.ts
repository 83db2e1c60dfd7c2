import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATABASE_TARGETS } from '../support/databases.ts';
import { createTestContext, jsonRequest, seedTerritory, signIn, type TestContext } from '../support/context.ts';

type Need = { id: string; kind: string; status: string; amountEur: number | null; association: { id: string }; territory: { code: string }; title: string };
type Page = { items: Need[]; total: number; limit: number; offset: number };
type Problem = { errors?: { path: string }[] };
type User = Awaited<ReturnType<typeof signIn>>;

let rnaSeq = 0;

describe.each(DATABASE_TARGETS)('association needs routes (%s)', (target) => {
  let ctx: TestContext;
  let territory: Awaited<ReturnType<typeof seedTerritory>>;
  beforeAll(async () => {
    ctx = await createTestContext(target);
    territory = await seedTerritory(ctx);
  });
  afterAll(() => ctx?.close());

  async function newAssociation(owner: User, communeInsee = territory.communes[0].insee) {
    const rna = `W67${String(Date.now() % 1e5).padStart(5, '0')}${String(rnaSeq++ % 100).padStart(2, '0')}`;
    const res = await ctx.app.request('/api/associations', jsonRequest('POST', { rna, name: 'Repair Café du Ried', communeInsee }, owner.headers));
    expect(res.status).toBe(201);
    return (await res.json()) as { id: string };
  }
  const post = (body: unknown, user?: User) => ctx.app.request('/api/needs', jsonRequest('POST', body, user?.headers));
  const funding = (associationId: string, extra: Record<string, unknown> = {}) => ({
    associationId,
    kind: 'financial',
    title: 'Financer un atelier de réparation',
    description: 'Outillage et pièces détachées pour un an.',
    amountEur: 3000,
    themes: ['environnement'],
    ...extra,
  });

  it('posts a need, reads it, edits it, marks it met and closes another', async () => {
    const owner = await signIn(ctx);
    const association = await newAssociation(owner);
    const res = await post(funding(association.id), owner);
    expect(res.status).toBe(201);
    const need = (await res.json()) as Need;
    expect(need).toMatchObject({ kind: 'financial', status: 'open', amountEur: 3000, association: { id: association.id }, territory: { code: territory.code } });
    expect((await ctx.app.request(`/api/needs/${need.id}`)).status).toBe(200);

    const patched = await ctx.app.request(`/api/needs/${need.id}`, jsonRequest('PATCH', { amountEur: 4500, status: 'met' }, owner.headers));
    expect(patched.status).toBe(200);
    expect(await patched.json()).toMatchObject({ amountEur: 4500, status: 'met' });

    const other = (await (await post({ associationId: association.id, kind: 'in_kind', title: 'Des tables', description: 'Six tables pliantes.' }, owner)).json()) as Need;
    const closed = await ctx.app.request(`/api/needs/${other.id}/close`, { method: 'POST', headers: owner.headers });
    expect(closed.status).toBe(200);
    expect(((await closed.json()) as Need).status).toBe('closed');
  });

  it('validates input per kind with field paths, and answers 404 for unknown ids', async () => {
    const owner = await signIn(ctx);
    const association = await newAssociation(owner);
    const paths = async (body: Record<string, unknown>) => {
      const res = await post({ associationId: association.id, title: 'Un besoin', ...body }, owner);
      expect(res.status).toBe(422);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
      return ((await res.json()) as Problem).errors!.map((e) => e.path);
    };
    expect(await paths({ kind: 'financial' })).toEqual(['body.amountEur']);
    expect(await paths({ kind: 'skills' })).toEqual(['body.skills']);
    expect(await paths({ kind: 'board_member', skills: ['pilotage'] })).toEqual(['body.skills.0']);
    expect(await paths({ kind: 'team_day', amountEur: 100 })).toEqual(['body.amountEur']);
    expect(await paths({ kind: 'in_kind' })).toEqual(['body.description']);
    expect(await paths({ kind: 'wish', title: 'x', associationId: 'nope' })).toEqual(expect.arrayContaining(['body.kind', 'body.title', 'body.associationId']));

    const need = (await (await post(funding(association.id), owner)).json()) as Need;
    const noAmount = await ctx.app.request(`/api/needs/${need.id}`, jsonRequest('PATCH', { amountEur: null }, owner.headers));
    expect(noAmount.status).toBe(422);
    expect(((await noAmount.json()) as Problem).errors!.map((e) => e.path)).toEqual(['amountEur']);
    expect((await ctx.app.request(`/api/needs/${need.id}`, jsonRequest('PATCH', { status: 'done' }, owner.headers))).status).toBe(422);
    expect((await ctx.app.request(`/api/needs/${need.id}`, jsonRequest('PATCH', {}, owner.headers))).status).toBe(422);

    expect((await ctx.app.request('/api/needs/00000000-0000-4000-8000-000000000000')).status).toBe(404);
    expect((await ctx.app.request('/api/needs/00000000-0000-4000-8000-000000000000/close', { method: 'POST', headers: owner.headers })).status).toBe(404);
    const admin = await signIn(ctx, { isPlatformAdmin: true });
    expect((await post(funding('00000000-0000-4000-8000-000000000000'), admin)).status).toBe(404);
  });

  it('keeps needs to their association: anonymous 401, other associations 403, suspended hidden', async () => {
    const owner = await signIn(ctx);
    const association = await newAssociation(owner);
    const need = (await (await post(funding(association.id), owner)).json()) as Need;
    expect((await post(funding(association.id))).status).toBe(401);
    expect((await ctx.app.request(`/api/needs/${need.id}`, jsonRequest('PATCH', { title: 'Anonyme' }))).status).toBe(401);

    const rival = await signIn(ctx);
    await newAssociation(rival);
    expect((await post(funding(association.id), rival)).status).toBe(403);
    expect((await ctx.app.request(`/api/needs/${need.id}`, jsonRequest('PATCH', { title: 'Besoin détourné' }, rival.headers))).status).toBe(403);
    expect((await ctx.app.request(`/api/needs/${need.id}/close`, { method: 'POST', headers: rival.headers })).status).toBe(403);

    // Moderation belongs to another module: suspend through SQL.
    await ctx.db.sql`UPDATE associations SET verification = 'suspended' WHERE id = ${association.id}`;
    expect((await ctx.app.request(`/api/needs/${need.id}`)).status).toBe(404);
    expect((await ctx.app.request(`/api/needs/${need.id}`, { headers: owner.headers })).status).toBe(200);
    expect(((await (await ctx.app.request(`/api/needs?association=${association.id}`)).json()) as Page).total).toBe(0);
    expect((await post(funding(association.id), owner)).status).toBe(403);
  });

  it('filters by association, kind, theme, skill, territory and status, and pages', async () => {
    const own = await seedTerritory(ctx);
    const far = await seedTerritory(ctx);
    const owner = await signIn(ctx);
    const here = await newAssociation(owner, own.communes[0].insee);
    const there = await newAssociation(owner, far.communes[1].insee);
    const make = async (associationId: string, body: Record<string, unknown>) =>
      ((await (await post({ associationId, title: 'Un besoin', ...body }, owner)).json()) as Need).id;
    const money = await make(here.id, { kind: 'financial', amountEur: 500, themes: ['sport'] });
    const web = await make(here.id, { kind: 'skills', skills: ['developpement_web'], themes: ['numerique'] });
    const board = await make(there.id, { kind: 'board_member', skills: ['tresorerie'], themes: ['sport'] });
    await ctx.app.request(`/api/needs/${board}`, jsonRequest('PATCH', { status: 'met' }, owner.headers));
    const get = async (qs: string) => {
      const res = await ctx.app.request(`/api/needs?${qs}`);
      expect(res.status).toBe(200);
      return ((await res.json()) as Page).items.map((n) => n.id).sort();
    };
    expect(await get(`association=${here.id}`)).toEqual([money, web].sort());
    expect(await get(`territory=${far.code}`)).toEqual([board]);
    expect(await get(`territory=${own.code}&kind=skills`)).toEqual([web]);
    expect((await ctx.app.request('/api/needs?territory=Pas%20un%20code&kind=wish')).status).toBe(422);
    expect(await get(`association=${here.id}&theme=sport`)).toEqual([money]);
    expect(await get(`association=${there.id}&skill=tresorerie&status=met`)).toEqual([board]);
    expect(await get(`association=${there.id}&status=open`)).toEqual([]);
    const first = (await (await ctx.app.request(`/api/needs?association=${here.id}&limit=1`)).json()) as Page;
    const second = (await (await ctx.app.request(`/api/needs?association=${here.id}&limit=1&offset=1`)).json()) as Page;
    expect(first).toMatchObject({ total: 2, limit: 1, offset: 0 });
    expect([first.items[0].id, second.items[0].id].sort()).toEqual([money, web].sort());
  });
});
