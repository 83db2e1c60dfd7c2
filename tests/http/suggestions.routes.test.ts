import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATABASE_TARGETS } from '../support/databases.ts';
import { createTestContext, jsonRequest, seedTerritory, signIn, type TestContext } from '../support/context.ts';
import { newAssociation, newCitizen, newMission, type Territory } from '../core/matching/world.ts';

type Suggestions = {
  items: { rank: number; score: number; mission: { id: string }; components: { key: string; detail: string; contribution: number }[] }[];
  weightsVersion: string;
  source: string;
  hints: { kind: string; label: string }[];
};

describe.each(DATABASE_TARGETS)('suggestions, volunteer suggestions, invitations and exposure routes (%s)', (target) => {
  let ctx: TestContext;
  let territory: Territory;
  beforeAll(async () => {
    ctx = await createTestContext(target);
    territory = await seedTerritory(ctx);
  });
  afterAll(() => ctx?.close());

  const problemOf = async (res: Response) => {
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    return (await res.json()) as { detail: string; errors?: { path: string; message: string }[] };
  };

  it('suggests missions for a wish typed by an anonymous visitor, explained in French', async () => {
    const a = await newAssociation(ctx, territory);
    const mission = await newMission(ctx, a, { skills: ['ecoute'], schedule: [{ day: 'samedi', slot: 'matin' }] });
    const res = await ctx.app.request(
      '/api/suggestions',
      jsonRequest('POST', { wish: 'aider des personnes âgées le week-end près de Haguenau', communeInsee: territory.communes[0].insee, radiusKm: 15, availability: [{ day: 'samedi', slot: 'matin' }] }),
    );
    expect(res.status).toBe(200);
    const body = (await res.json()) as Suggestions;
    expect(body.source).toBe('live');
    const item = body.items.find((i) => i.mission.id === mission.id)!;
    expect(item).toBeDefined();
    expect(item.components.find((c) => c.key === 'availability')!.detail).toBe('le samedi matin (1 sur 1 créneaux)');
    expect(item.components.find((c) => c.key === 'distance')!.detail).toBe('à 0,0 km');
    expect(item.components.reduce((s, c) => s + c.contribution, 0)).toBeCloseTo(item.score, 10);
  });

  it('answers problem+json for bad wishes: too long, negative radius, malformed availability, no place, unknown commune', async () => {
    const place = { communeInsee: territory.communes[0].insee };
    const cases: [unknown, string][] = [
      [{ wish: 'x'.repeat(10_000), ...place }, 'body.wish'],
      [{ wish: 'jardiner', radiusKm: -1, ...place }, 'body.radiusKm'],
      [{ wish: 'jardiner', availability: [{ day: 'samedy', slot: 'matin' }], ...place }, 'body.availability.0.day'],
      [{ wish: 'jardiner', availability: 'samedi' , ...place }, 'body.availability'],
      [{ wish: 'jardiner' }, 'body.communeInsee'],
    ];
    for (const [body, path] of cases) {
      const res = await ctx.app.request('/api/suggestions', jsonRequest('POST', body));
      expect(res.status).toBe(422);
      expect((await problemOf(res)).errors?.map((e) => e.path)).toContain(path);
    }
    const unknown = await ctx.app.request('/api/suggestions', jsonRequest('POST', { wish: 'jardiner', communeInsee: '67999' }));
    expect(unknown.status).toBe(422);
    expect((await problemOf(unknown)).detail).toMatch(/Commune inconnue/);
  });

  it('serves a citizen their own suggestions; anonymous is 401, a user without profile 404', async () => {
    const a = await newAssociation(ctx, territory);
    const mission = await newMission(ctx, a);
    const citizen = await newCitizen(ctx, territory, { radiusKm: 20 });
    const res = await ctx.app.request('/api/me/suggestions?limit=5', { headers: citizen.headers });
    expect(res.status).toBe(200);
    const body = (await res.json()) as Suggestions;
    expect(body.items.length).toBeLessThanOrEqual(5);
    expect(body.items.map((i) => i.mission.id)).toContain(mission.id);

    expect((await ctx.app.request('/api/me/suggestions')).status).toBe(401);
    const stranger = await signIn(ctx);
    const missing = await ctx.app.request('/api/me/suggestions', { headers: stranger.headers });
    expect(missing.status).toBe(404);
    expect((await problemOf(missing)).detail).toMatch(/profil bénévole/);
    const bad = await ctx.app.request('/api/me/suggestions?limit=0', { headers: citizen.headers });
    expect(bad.status).toBe(422);
  });

  it('shows an association anonymised volunteers and lets a verified one invite, within the caps', async () => {
    const a = await newAssociation(ctx, territory);
    const mission = await newMission(ctx, a, { title: 'Accompagner des personnes âgées', description: 'Visites et promenades avec des aînés.' });
    const visible = await newCitizen(ctx, territory, { firstName: 'Léa', isVisibleToAssociations: true, radiusKm: 30 });
    const hidden = await newCitizen(ctx, territory, { firstName: 'Hugo', isVisibleToAssociations: false, radiusKm: 30 });

    const list = await ctx.app.request(`/api/missions/${mission.id}/volunteer-suggestions`, { headers: a.owner.headers });
    expect(list.status).toBe(200);
    const items = ((await list.json()) as { items: Record<string, unknown>[] }).items;
    const lea = items.find((i) => i.citizenId === visible.profile.id)!;
    expect(lea.firstName).toBe('Léa');
    expect(lea.commune).toBe(territory.communes[0].name);
    expect(Object.keys(lea)).not.toContain('email');
    expect(items.map((i) => i.citizenId)).not.toContain(hidden.profile.id);

    const outsider = await signIn(ctx);
    expect((await ctx.app.request(`/api/missions/${mission.id}/volunteer-suggestions`, { headers: outsider.headers })).status).toBe(403);
    expect((await ctx.app.request(`/api/missions/${mission.id}/volunteer-suggestions`)).status).toBe(401);

    const invite = (missionId: string, citizenId: string, headers = a.owner.headers) =>
      ctx.app.request(`/api/missions/${missionId}/invitations`, jsonRequest('POST', { citizenId, message: 'Bonjour !' }, headers));
    expect((await invite(mission.id, hidden.profile.id)).status).toBe(404);
    expect((await invite(mission.id, visible.profile.id, outsider.headers)).status).toBe(403);
    const first = await invite(mission.id, visible.profile.id);
    expect(first.status).toBe(201);
    // The citizen is told by e-mail (and only they are).
    const told = await ctx.db.sql<{ recipient: string; subject: string; text_body: string }[]>`SELECT recipient, subject, text_body FROM outbox WHERE kind = 'mission.invitation'`;
    expect(told.map((m) => m.recipient)).toEqual([visible.email]);
    expect(told[0].text_body).toContain('« Bonjour ! »');
    expect(told[0].text_body).toContain('http://localhost/profil');
    expect((await invite(mission.id, visible.profile.id)).status).toBe(409);
    const second = await newMission(ctx, a, { title: 'Deuxième mission' });
    const third = await newMission(ctx, a, { title: 'Troisième mission' });
    expect((await invite(second.id, visible.profile.id)).status).toBe(201);
    const capped = await invite(third.id, visible.profile.id);
    expect(capped.status).toBe(429);
    expect(Number(capped.headers.get('retry-after'))).toBeGreaterThan(0);

    const unverified = await newAssociation(ctx, territory, { verified: false });
    const m2 = await newMission(ctx, unverified);
    const refused = await invite(m2.id, visible.profile.id, unverified.owner.headers);
    expect(refused.status).toBe(403);

    const mine = await ctx.app.request('/api/me/invitations', { headers: visible.headers });
    const invitations = ((await mine.json()) as { items: { id: string; mission: { id: string } }[] }).items;
    expect(invitations).toHaveLength(2);
    const toAccept = invitations.find((i) => i.mission.id === mission.id)!;
    expect((await ctx.app.request(`/api/invitations/${toAccept.id}/accept`, { method: 'POST', headers: hidden.headers })).status).toBe(404);
    const accepted = await ctx.app.request(`/api/invitations/${toAccept.id}/accept`, { method: 'POST', headers: visible.headers });
    expect(accepted.status).toBe(200);
    const body = (await accepted.json()) as { status: string; applicationId: string | null };
    expect(body.status).toBe('accepted');
    expect(body.applicationId).not.toBeNull();
    expect((await ctx.app.request(`/api/invitations/${toAccept.id}/decline`, { method: 'POST', headers: visible.headers })).status).toBe(409);
  });

  it('reports exposure inequality for staff only', async () => {
    const staff = await signIn(ctx, { isModerator: true });
    const res = await ctx.app.request(`/api/territories/${territory.code}/exposure?days=30`, { headers: staff.headers });
    expect(res.status).toBe(200);
    const report = (await res.json()) as { gini: number; impressions: number };
    expect(report.impressions).toBeGreaterThan(0);
    expect(report.gini).toBeGreaterThanOrEqual(0);
    expect(report.gini).toBeLessThanOrEqual(1);
  });

  it('refuses the exposure report to anonymous and ordinary users, and unknown territories', async () => {
    const user = await signIn(ctx);
    expect((await ctx.app.request(`/api/territories/${territory.code}/exposure`)).status).toBe(401);
    expect((await ctx.app.request(`/api/territories/${territory.code}/exposure`, { headers: user.headers })).status).toBe(403);
    const staff = await signIn(ctx, { isModerator: true });
    expect((await ctx.app.request('/api/territories/nulle-part/exposure', { headers: staff.headers })).status).toBe(404);
    expect((await ctx.app.request(`/api/territories/${territory.code}/exposure?days=0`, { headers: staff.headers })).status).toBe(422);
  });
});
