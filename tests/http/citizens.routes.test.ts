import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATABASE_TARGETS } from '../support/databases.ts';
import { createTestContext, jsonRequest, seedTerritory, signIn, type TestContext } from '../support/context.ts';

type Profile = {
  id: string;
  firstName: string;
  wish: string;
  availability: { day: string; slot: string }[];
  availabilityLabel: string;
  commune: { insee: string; lat: number };
  territory: { code: string };
  radiusKm: number;
  languages: string[];
  isVisibleToAssociations: boolean;
  isOpenToBoardRoles: boolean;
  digest: string;
};
type Page = { items: Profile[]; total: number; limit: number; offset: number };
type Problem = { status: number; errors?: { path: string }[] };

describe.each(DATABASE_TARGETS)('citizens routes (%s)', (target) => {
  let ctx: TestContext;
  let territory: Awaited<ReturnType<typeof seedTerritory>>;
  let other: Awaited<ReturnType<typeof seedTerritory>>;
  beforeAll(async () => {
    ctx = await createTestContext(target);
    territory = await seedTerritory(ctx);
    other = await seedTerritory(ctx);
  });
  afterAll(() => ctx?.close());

  const create = (headers: Record<string, string>, body: Record<string, unknown> = {}) =>
    ctx.app.request('/api/citizens', jsonRequest('POST', { firstName: 'Camille', communeInsee: territory.communes[0].insee, ...body }, headers));

  async function embeddingOf(id: string) {
    const [row] = await ctx.db.sql<{ hash: string | null }[]>`SELECT encode(embedding_hash, 'hex') AS hash FROM citizen_profiles WHERE id = ${id}`;
    return row?.hash ?? null;
  }

  it('creates a private profile, reads it back via /me, and refuses a second one with 409', async () => {
    const user = await signIn(ctx);
    const res = await create(user.headers, {
      wish: 'Aider des enfants à lire, le samedi matin.',
      availability: [{ day: 'samedi', slot: 'matin' }, { day: 'samedi', slot: 'matin' }, { day: 'mercredi', slot: 'apres_midi' }],
      skills: ['soutien_scolaire', 'soutien_scolaire'],
      themes: ['education'],
      radiusKm: 25,
    });
    expect(res.status).toBe(201);
    const profile = (await res.json()) as Profile & Record<string, unknown>;
    expect(profile.isVisibleToAssociations).toBe(false);
    expect(profile.isOpenToBoardRoles).toBe(false);
    expect(profile.digest).toBe('never');
    expect(profile.languages).toEqual(['fr']);
    expect(profile.availability).toEqual([{ day: 'mercredi', slot: 'apres_midi' }, { day: 'samedi', slot: 'matin' }]);
    expect(profile.availabilityLabel).toBe('le mercredi après-midi et le samedi matin');
    expect(profile.skills).toEqual(['soutien_scolaire']);
    expect(profile.commune.lat).toBeCloseTo(territory.communes[0].lat);
    expect(profile.territory.code).toBe(territory.code);
    expect(JSON.stringify(profile)).not.toContain(user.email);
    expect(profile).not.toHaveProperty('userId');
    expect(await embeddingOf(profile.id)).toBeTruthy();
    const [{ mask }] = await ctx.db.sql<{ mask: number }[]>`SELECT availability AS mask FROM citizen_profiles WHERE id = ${profile.id}`;
    expect(mask).toBe((1 << (5 * 3 + 0)) | (1 << (2 * 3 + 1)));

    const me = await ctx.app.request('/api/citizens/me', { headers: user.headers });
    expect(me.status).toBe(200);
    expect(((await me.json()) as Profile).id).toBe(profile.id);
    const byId = await ctx.app.request(`/api/citizens/${profile.id}`, { headers: user.headers });
    expect(byId.status).toBe(200);

    const second = await create(user.headers);
    expect(second.status).toBe(409);
    expect(second.headers.get('content-type')).toContain('application/problem+json');
  });

  it('updates the profile, moves it to another commune and re-embeds only when the wish changes', async () => {
    const user = await signIn(ctx);
    const { id } = (await (await create(user.headers, { wish: 'Jardiner avec des voisins.' })).json()) as Profile;
    const before = await embeddingOf(id);

    const visible = await ctx.app.request('/api/citizens/me', jsonRequest('PATCH', { isVisibleToAssociations: true, digest: 'weekly' }, user.headers));
    expect(visible.status).toBe(200);
    expect(((await visible.json()) as Profile).isVisibleToAssociations).toBe(true);
    expect(await embeddingOf(id)).toBe(before);

    const moved = await ctx.app.request(
      '/api/citizens/me',
      jsonRequest('PATCH', { communeInsee: other.communes[2].insee, wish: 'Réparer des vélos dans un atelier solidaire.' }, user.headers),
    );
    expect(moved.status).toBe(200);
    const profile = (await moved.json()) as Profile;
    expect(profile.territory.code).toBe(other.code);
    expect(profile.commune.insee).toBe(other.communes[2].insee);
    expect(profile.wish).toBe('Réparer des vélos dans un atelier solidaire.');
    expect(await embeddingOf(id)).not.toBe(before);
  });

  it('answers 422 with field paths for bad input and 404 when there is no profile yet', async () => {
    const user = await signIn(ctx);
    const bad = await create(user.headers, { firstName: '', radiusKm: 500, digest: 'hourly', availability: [{ day: 'lundi', slot: 'nuit' }], skills: ['inconnue'] });
    expect(bad.status).toBe(422);
    expect(bad.headers.get('content-type')).toContain('application/problem+json');
    const problem = (await bad.json()) as Problem;
    expect(problem.errors!.map((e) => e.path)).toEqual(
      expect.arrayContaining(['body.firstName', 'body.radiusKm', 'body.digest', 'body.availability.0.slot', 'body.skills.0']),
    );
    const unknownCommune = await create(user.headers, { communeInsee: '99999' });
    expect(unknownCommune.status).toBe(422);
    expect(((await unknownCommune.json()) as Problem).errors!.map((e) => e.path)).toContain('communeInsee');
    const future = await create(user.headers, { birthYear: new Date().getUTCFullYear() + 1 });
    expect(future.status).toBe(422);

    expect((await ctx.app.request('/api/citizens/me', { headers: user.headers })).status).toBe(404);
    expect((await ctx.app.request('/api/citizens/me', jsonRequest('PATCH', { wish: 'x' }, user.headers))).status).toBe(404);
    expect((await ctx.app.request('/api/citizens/me', { method: 'DELETE', headers: user.headers })).status).toBe(404);
    await create(user.headers);
    const empty = await ctx.app.request('/api/citizens/me', jsonRequest('PATCH', {}, user.headers));
    expect(empty.status).toBe(422);
    expect((await ctx.app.request('/api/citizens/not-a-uuid', { headers: user.headers })).status).toBe(422);
    expect((await ctx.app.request('/api/citizens/00000000-0000-4000-8000-000000000000', { headers: user.headers })).status).toBe(404);
  });

  it('needs a session, and never shows a profile to another user (IDOR answers 404, not 403)', async () => {
    const owner = await signIn(ctx);
    const { id } = (await (await create(owner.headers)).json()) as Profile;
    expect((await create({})).status).toBe(401);
    expect((await ctx.app.request('/api/citizens/me')).status).toBe(401);
    expect((await ctx.app.request(`/api/citizens/${id}`)).status).toBe(401);
    expect((await ctx.app.request('/api/citizens/me', jsonRequest('PATCH', { wish: 'x' }))).status).toBe(401);
    expect((await ctx.app.request('/api/citizens/me', { method: 'DELETE' })).status).toBe(401);

    const stranger = await signIn(ctx);
    const peek = await ctx.app.request(`/api/citizens/${id}`, { headers: stranger.headers });
    expect(peek.status).toBe(404);
    const listing = await ctx.app.request('/api/citizens', { headers: stranger.headers });
    expect(listing.status).toBe(403);
    const admin = await signIn(ctx, { isPlatformAdmin: true });
    expect((await ctx.app.request(`/api/citizens/${id}`, { headers: admin.headers })).status).toBe(200);
  });

  it('lets platform admins page through profiles with filters that filter', async () => {
    const admin = await signIn(ctx, { isPlatformAdmin: true });
    const own = await seedTerritory(ctx);
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      const u = await signIn(ctx);
      const res = await create(u.headers, { communeInsee: own.communes[i].insee, themes: i === 0 ? ['sport'] : ['culture'], skills: i === 2 ? ['jardinage'] : [], isVisibleToAssociations: i > 0 });
      ids.push(((await res.json()) as Profile).id);
    }
    const get = async (qs: string) => {
      const res = await ctx.app.request(`/api/citizens?territory=${own.code}&${qs}`, { headers: admin.headers });
      expect(res.status).toBe(200);
      return (await res.json()) as Page;
    };
    expect((await get('')).total).toBe(3);
    expect((await get('theme=sport')).items.map((p) => p.id)).toEqual([ids[0]]);
    expect((await get('skill=jardinage')).items.map((p) => p.id)).toEqual([ids[2]]);
    expect((await get('visible=true')).total).toBe(2);
    expect((await get('visible=false')).items.map((p) => p.id)).toEqual([ids[0]]);
    const first = await get('limit=2&offset=0');
    const second = await get('limit=2&offset=2');
    expect(first.items).toHaveLength(2);
    expect(second.items).toHaveLength(1);
    expect(new Set([...first.items, ...second.items].map((p) => p.id))).toEqual(new Set(ids));
    expect((await ctx.app.request('/api/citizens?limit=0', { headers: admin.headers })).status).toBe(422);
  });

  it('deletes a profile, or scrubs it when applications still point to it, and lets the user start again', async () => {
    const user = await signIn(ctx);
    const { id } = (await (await create(user.headers, { wish: 'Faire les courses de personnes âgées.' })).json()) as Profile;
    const del = await ctx.app.request('/api/citizens/me', { method: 'DELETE', headers: user.headers });
    expect(del.status).toBe(204);
    const [gone] = await ctx.db.sql`SELECT 1 FROM citizen_profiles WHERE id = ${id}`;
    expect(gone).toBeUndefined();

    const again = (await (await create(user.headers, { wish: 'Accompagner des sorties.' })).json()) as Profile;
    // An application made through SQL: the applications use cases belong to another module.
    const orgOwner = await signIn(ctx);
    const association = (await (
      await ctx.app.request('/api/associations', jsonRequest('POST', { rna: 'W679000001', name: 'Sorties Solidaires', communeInsee: territory.communes[0].insee }, orgOwner.headers))
    ).json()) as { id: string };
    const mission = (await (
      await ctx.app.request('/api/missions', jsonRequest('POST', { associationId: association.id, title: 'Sorties au parc', description: 'Accompagner.', isRemote: true }, orgOwner.headers))
    ).json()) as { id: string };
    await ctx.db.sql`INSERT INTO applications (mission_id, citizen_id) VALUES (${mission.id}, ${again.id})`;

    expect((await ctx.app.request('/api/citizens/me', { method: 'DELETE', headers: user.headers })).status).toBe(204);
    const [tomb] = await ctx.db.sql<{ user_id: string | null; wish: string; first_name: string; erased: boolean }[]>`
      SELECT user_id, wish, first_name, erased_at IS NOT NULL AS erased FROM citizen_profiles WHERE id = ${again.id}`;
    expect(tomb).toMatchObject({ user_id: null, wish: '', erased: true });
    expect(tomb.first_name).not.toBe('Camille');
    expect((await ctx.app.request('/api/citizens/me', { headers: user.headers })).status).toBe(404);
    const admin = await signIn(ctx, { isPlatformAdmin: true });
    expect((await ctx.app.request(`/api/citizens/${again.id}`, { headers: admin.headers })).status).toBe(404);
    expect((await create(user.headers)).status).toBe(201);
  });
});
