import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATABASE_TARGETS } from '../support/databases.ts';
import { createTestContext, jsonRequest, seedTerritory, signIn, type TestContext } from '../support/context.ts';

describe.each(DATABASE_TARGETS)('associations and missions routes (%s)', (target) => {
  let ctx: TestContext;
  let territory: Awaited<ReturnType<typeof seedTerritory>>;
  beforeAll(async () => {
    ctx = await createTestContext(target);
    territory = await seedTerritory(ctx);
  });
  afterAll(() => ctx?.close());

  async function newAssociation(owner: Awaited<ReturnType<typeof signIn>>, rna: string) {
    const res = await ctx.app.request(
      '/api/associations',
      jsonRequest('POST', { rna, name: 'Les Amis du Quartier', purpose: 'Lien social et aide aux personnes âgées isolées', communeInsee: territory.communes[0].insee, themes: ['personnes_agees'] }, owner.headers),
    );
    expect(res.status).toBe(201);
    return (await res.json()) as { id: string; verification: string; territory: { code: string } };
  }

  it('registers an association whose creator becomes admin, then posts and edits a mission', async () => {
    const owner = await signIn(ctx);
    const association = await newAssociation(owner, 'W671000001');
    expect(association.verification).toBe('pending');
    expect(association.territory.code).toBe(territory.code);

    const created = await ctx.app.request(
      '/api/missions',
      jsonRequest(
        'POST',
        {
          associationId: association.id,
          title: 'Visites de convivialité le week-end',
          description: 'Rendre visite à des personnes âgées isolées, discuter, faire une promenade.',
          communeInsee: territory.communes[0].insee,
          schedule: [{ day: 'samedi', slot: 'matin' }],
          places: 3,
          // A code given twice counts once (the matching would count the skill twice, the pages repeat a key).
          skills: ['ecoute', 'ecoute'],
          themes: ['personnes_agees', 'solidarite', 'personnes_agees'],
        },
        owner.headers,
      ),
    );
    expect(created.status).toBe(201);
    const mission = (await created.json()) as { id: string; placesLeft: number; scheduleLabel: string; commune: { name: string }; skills: string[]; themes: string[] };
    expect(mission.placesLeft).toBe(3);
    expect(mission.scheduleLabel).toBe('le samedi matin');
    expect(mission.skills).toEqual(['ecoute']);
    expect(mission.themes).toEqual(['personnes_agees', 'solidarite']);

    const [{ has }] = await ctx.db.sql<{ has: boolean }[]>`SELECT embedding IS NOT NULL AS has FROM missions WHERE id = ${mission.id}`;
    expect(has).toBe(true);

    const patched = await ctx.app.request(`/api/missions/${mission.id}`, jsonRequest('PATCH', { status: 'closed', accessibility: ['fauteuil', 'fauteuil'] }, owner.headers));
    expect(patched.status).toBe(200);
    expect((await patched.json()) as { status: string; accessibility: string[] }).toMatchObject({ status: 'closed', accessibility: ['fauteuil'] });

    const list = await ctx.app.request(`/api/missions?territory=${territory.code}&status=closed`);
    const page = (await list.json()) as { total: number; items: { id: string }[] };
    expect(page.items.map((m) => m.id)).toContain(mission.id);
  });

  it('finds missions by French full-text search', async () => {
    const owner = await signIn(ctx);
    const association = await newAssociation(owner, 'W671000002');
    const body = { associationId: association.id, title: 'Soutien scolaire en mathématiques', description: 'Aider des collégiens à faire leurs devoirs.', isRemote: true };
    expect((await ctx.app.request('/api/missions', jsonRequest('POST', body, owner.headers))).status).toBe(201);
    const res = await ctx.app.request('/api/missions?q=devoir%20coll%C3%A9gien');
    const page = (await res.json()) as { items: { title: string }[] };
    expect(page.items[0]?.title).toBe('Soutien scolaire en mathématiques');
  });

  it('answers problem+json for bad input, unknown ids, anonymous and foreign writes', async () => {
    const owner = await signIn(ctx);
    const association = await newAssociation(owner, 'W671000003');

    const bad = await ctx.app.request('/api/missions', jsonRequest('POST', { associationId: association.id, title: 'x', places: 0 }, owner.headers));
    expect(bad.status).toBe(422);
    expect(bad.headers.get('content-type')).toContain('application/problem+json');
    const problem = (await bad.json()) as { errors: { path: string }[]; requestId: string };
    expect(problem.errors.map((e) => e.path)).toEqual(expect.arrayContaining(['body.title', 'body.places', 'body.description']));
    expect(problem.requestId).toBeTruthy();

    const unknown = await ctx.app.request('/api/missions/00000000-0000-4000-8000-000000000000');
    expect(unknown.status).toBe(404);
    expect((await ctx.app.request('/api/missions/not-a-uuid')).status).toBe(422);

    const body = { associationId: association.id, title: 'Accueil du public', description: 'Accueillir les visiteurs.', isRemote: true };
    expect((await ctx.app.request('/api/missions', jsonRequest('POST', body))).status).toBe(401);
    const stranger = await signIn(ctx);
    expect((await ctx.app.request('/api/missions', jsonRequest('POST', body, stranger.headers))).status).toBe(403);
    const patch = await ctx.app.request(`/api/associations/${association.id}`, jsonRequest('PATCH', { name: 'Piratée' }, stranger.headers));
    expect(patch.status).toBe(403);
  });

  it('refuses a duplicate RNA number with 409 and a cookie write without CSRF token with 403', async () => {
    const owner = await signIn(ctx);
    await newAssociation(owner, 'W671000004');
    const dup = await ctx.app.request(
      '/api/associations',
      jsonRequest('POST', { rna: 'W671000004', name: 'Doublon', communeInsee: territory.communes[1].insee }, owner.headers),
    );
    expect(dup.status).toBe(409);
    const cookieOnly = await ctx.app.request(
      '/api/associations',
      jsonRequest('POST', { rna: 'W671000005', name: 'Sans jeton', communeInsee: territory.communes[1].insee }, { cookie: `maillage_session=${owner.token}` }),
    );
    expect(cookieOnly.status).toBe(403);
    const withToken = await ctx.app.request(
      '/api/associations',
      jsonRequest('POST', { rna: 'W671000005', name: 'Avec jeton', communeInsee: territory.communes[1].insee }, { cookie: `maillage_session=${owner.token}`, 'x-csrf-token': owner.csrfToken }),
    );
    expect(withToken.status).toBe(201);
  });

  it('serves health, the OpenAPI document and the docs page', async () => {
    const health = (await (await ctx.app.request('/api/health')).json()) as { status: string; database: { mode: string }; migrations: { pending: string[] } };
    expect(health.status).toBe('ok');
    expect(health.database.mode).toBe(target);
    const doc = (await (await ctx.app.request('/api/openapi.json')).json()) as { paths: Record<string, unknown> };
    expect(Object.keys(doc.paths)).toContain('/api/missions/{id}');
    expect((await ctx.app.request('/api/docs')).headers.get('content-type')).toContain('text/html');
    expect((await ctx.app.request('/api/nope')).status).toBe(404);
  });
});
