import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATABASE_TARGETS } from '../support/databases.ts';
import { createTestContext, jsonRequest, seedTerritory, signIn, type TestContext } from '../support/context.ts';
import { newSiren } from '../support/identifiers.ts';
import { loseRaceTo } from '../support/races.ts';
import { insertAssociation } from '../../service/src/core/associations/associations.sql.ts';
import { insertCompany } from '../../service/src/core/companies/companies.sql.ts';

type Company = { id: string; siren: string; name: string; sector: string; verification: string; territory: { code: string }; openOffers: number };
type Page = { items: Company[]; total: number; limit: number; offset: number };
type Problem = { errors?: { path: string }[] };


describe.each(DATABASE_TARGETS)('companies routes (%s)', (target) => {
  let ctx: TestContext;
  let territory: Awaited<ReturnType<typeof seedTerritory>>;
  beforeAll(async () => {
    ctx = await createTestContext(target);
    territory = await seedTerritory(ctx);
  });
  afterAll(() => ctx?.close());

  const create = (headers: Record<string, string>, body: Record<string, unknown> = {}) =>
    ctx.app.request('/api/companies', jsonRequest('POST', { siren: newSiren(), name: 'Boulangerie Muller', communeInsee: territory.communes[0].insee, ...body }, headers));

  it('registers a company whose creator becomes admin, then reads and edits it', async () => {
    const owner = await signIn(ctx);
    const res = await create(owner.headers, { sector: 'Alimentation', description: 'Pains et viennoiseries depuis 1950.' });
    expect(res.status).toBe(201);
    const company = (await res.json()) as Company;
    expect(company.verification).toBe('pending');
    expect(company.territory.code).toBe(territory.code);
    expect(company.openOffers).toBe(0);
    const [membership] = await ctx.db.sql<{ role: string }[]>`SELECT role FROM memberships WHERE user_id = ${owner.id} AND company_id = ${company.id}`;
    expect(membership.role).toBe('admin');

    const one = await ctx.app.request(`/api/companies/${company.id}`);
    expect(one.status).toBe(200);
    expect(((await one.json()) as Company).name).toBe('Boulangerie Muller');

    const patched = await ctx.app.request(`/api/companies/${company.id}`, jsonRequest('PATCH', { name: 'Boulangerie Muller & Fils', size: 'micro' }, owner.headers));
    expect(patched.status).toBe(200);
    expect(((await patched.json()) as Company).name).toBe('Boulangerie Muller & Fils');
  });

  it('checks the SIREN key, refuses a second registration of a SIREN with 409, and answers 404 for unknown ids', async () => {
    const owner = await signIn(ctx);
    const bad = await create(owner.headers, { siren: '123456789', name: 'X', size: 'huge' });
    expect(bad.status).toBe(422);
    expect(bad.headers.get('content-type')).toContain('application/problem+json');
    expect(((await bad.json()) as Problem).errors!.map((e) => e.path)).toEqual(expect.arrayContaining(['body.siren', 'body.name', 'body.size']));
    expect((await create(owner.headers, { siren: '12345678' })).status).toBe(422);
    expect((await create(owner.headers, { communeInsee: '99999' })).status).toBe(422);

    const siren = newSiren();
    expect((await create(owner.headers, { siren })).status).toBe(201);
    const dup = await create(owner.headers, { siren, name: 'Doublon' });
    expect(dup.status).toBe(409);

    expect((await ctx.app.request('/api/companies/00000000-0000-4000-8000-000000000000')).status).toBe(404);
    expect((await ctx.app.request('/api/companies/nope')).status).toBe(422);
    const ghost = await ctx.app.request('/api/companies/00000000-0000-4000-8000-000000000000', jsonRequest('PATCH', { name: 'Fantôme' }, owner.headers));
    expect(ghost.status).toBe(404);
  });

  it.runIf(target === 'postgres')('refuses with 409, not 500, a registration whose number another one takes at the same moment', async () => {
    const owner = await signIn(ctx);
    const place = { territory_id: territory.id, commune_insee: territory.communes[0].insee };
    const siren = newSiren();
    const company = await loseRaceTo(
      ctx.db.sql,
      (tx) => insertCompany(tx, { siren, name: 'Première', sector: '', description: '', size: 'micro', ...place }),
      () => create(owner.headers, { siren }),
    );
    expect(company.status).toBe(409);
    expect(((await company.json()) as { detail: string }).detail).toBe('Une entreprise avec ce SIREN est déjà inscrite.');

    // An association's RNA: the same double click on its registration form.
    const rna = `W67${String(Date.now() % 1e7).padStart(7, '0')}`;
    const association = await loseRaceTo(
      ctx.db.sql,
      (tx) =>
        insertAssociation(tx, { rna, siren: null, name: 'Première', purpose: '', themes: [], territoryId: place.territory_id, communeInsee: place.commune_insee, size: 'small', contactEmail: null, website: null }),
      () => ctx.app.request('/api/associations', jsonRequest('POST', { rna, name: 'Seconde', communeInsee: place.commune_insee }, owner.headers)),
    );
    expect(association.status).toBe(409);
    expect(association.headers.get('content-type')).toContain('application/problem+json');
    // Neither loser kept anything: its creator is admin of nothing.
    expect(await ctx.db.sql`SELECT 1 FROM memberships WHERE user_id = ${owner.id}`).toHaveLength(0);
  });

  it('needs a session to register, and only the company admins (or platform admins) may edit', async () => {
    const owner = await signIn(ctx);
    const company = (await (await create(owner.headers)).json()) as Company;
    expect((await create({})).status).toBe(401);
    expect((await ctx.app.request(`/api/companies/${company.id}`, jsonRequest('PATCH', { name: 'Anonyme' }))).status).toBe(401);
    const stranger = await signIn(ctx);
    expect((await ctx.app.request(`/api/companies/${company.id}`, jsonRequest('PATCH', { name: 'Piratée' }, stranger.headers))).status).toBe(403);
    // A plain member is not an admin (membership made through SQL: invitations belong to another module).
    const member = await signIn(ctx);
    await ctx.db.sql`INSERT INTO memberships (user_id, company_id, role) VALUES (${member.id}, ${company.id}, 'member')`;
    expect((await ctx.app.request(`/api/companies/${company.id}`, jsonRequest('PATCH', { name: 'Par un membre' }, member.headers))).status).toBe(403);
    const admin = await signIn(ctx, { isPlatformAdmin: true });
    expect((await ctx.app.request(`/api/companies/${company.id}`, jsonRequest('PATCH', { sector: 'Commerce' }, admin.headers))).status).toBe(200);
  });

  it('pages and filters the directory, and hides suspended companies from the public', async () => {
    const own = await seedTerritory(ctx);
    const owner = await signIn(ctx);
    const names = ['Atelier Vert', 'Banque Solidaire', 'Conseil Numérique'];
    const sectors = ['Artisanat', 'Banque', 'Informatique'];
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      const res = await create(owner.headers, { name: names[i], sector: sectors[i], description: i === 2 ? 'Développement web et données' : '', communeInsee: own.communes[i].insee });
      ids.push(((await res.json()) as Company).id);
    }
    const get = async (qs: string, headers: Record<string, string> = {}) => {
      const res = await ctx.app.request(`/api/companies?territory=${own.code}&${qs}`, { headers });
      expect(res.status).toBe(200);
      return (await res.json()) as Page;
    };
    expect((await get('')).items.map((c) => c.name)).toEqual(names);
    expect((await get('sector=banque')).items.map((c) => c.id)).toEqual([ids[1]]);
    expect((await get('q=donn%C3%A9es')).items.map((c) => c.id)).toEqual([ids[2]]);
    expect((await get('q=atelier')).items.map((c) => c.id)).toEqual([ids[0]]);
    const page = await get('limit=2&offset=2');
    expect(page).toMatchObject({ total: 3, limit: 2, offset: 2 });
    expect(page.items.map((c) => c.id)).toEqual([ids[2]]);

    // Moderation belongs to another module: suspend and verify through SQL.
    await ctx.db.sql`UPDATE companies SET verification = 'suspended' WHERE id = ${ids[0]}`;
    await ctx.db.sql`UPDATE companies SET verification = 'verified' WHERE id = ${ids[1]}`;
    expect((await get('')).items.map((c) => c.id)).toEqual([ids[1], ids[2]]);
    expect((await get('verification=verified')).items.map((c) => c.id)).toEqual([ids[1]]);
    expect((await ctx.app.request(`/api/companies/${ids[0]}`)).status).toBe(404);
    expect((await ctx.app.request(`/api/companies/${ids[0]}`, { headers: owner.headers })).status).toBe(200);
    const moderator = await signIn(ctx, { isModerator: true });
    expect((await get('', moderator.headers)).total).toBe(3);
    expect((await ctx.app.request('/api/companies?limit=101')).status).toBe(422);
  });
});
