import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATABASE_TARGETS } from '../support/databases.ts';
import { createTestContext, seedTerritory, signIn, type TestContext } from '../support/context.ts';
import { newAssociation, newCitizen, newMission, type Territory } from '../core/matching/world.ts';

type Match = { isEligible: boolean; exclusions: string[]; score: number; summary: string; components: { key: string; detail: string; contribution: number }[] };

describe.each(DATABASE_TARGETS)('why a mission matches me (%s)', (target) => {
  let ctx: TestContext;
  let territory: Territory;
  beforeAll(async () => {
    ctx = await createTestContext(target);
    territory = await seedTerritory(ctx);
  });
  afterAll(() => ctx?.close());

  it('explains the same score as the suggestions, criterion by criterion', async () => {
    const a = await newAssociation(ctx, territory);
    const mission = await newMission(ctx, a, { skills: ['ecoute'], schedule: [{ day: 'samedi', slot: 'matin' }] });
    const citizen = await newCitizen(ctx, territory, { skills: ['ecoute'], availability: [{ day: 'samedi', slot: 'matin' }] });
    const res = await ctx.app.request(`/api/missions/${mission.id}/match`, { headers: citizen.headers });
    expect(res.status).toBe(200);
    const match = (await res.json()) as Match;
    expect(match.isEligible).toBe(true);
    expect(match.exclusions).toEqual([]);
    expect(match.components.reduce((s, c) => s + c.contribution, 0)).toBeCloseTo(match.score, 10);
    expect(match.components.find((c) => c.key === 'availability')!.detail).toContain('samedi matin');
    const mine = await ctx.app.request('/api/me/suggestions?live=true', { headers: citizen.headers });
    const listed = ((await mine.json()) as { items: { score: number; mission: { id: string } }[] }).items.find((i) => i.mission.id === mission.id);
    // Freshness depends on now(): the two calls are a few milliseconds apart.
    expect(listed?.score).toBeCloseTo(match.score, 6);
  });

  it('says in French which hard constraint excludes a mission', async () => {
    const a = await newAssociation(ctx, territory);
    const far = await newMission(ctx, a, { communeInsee: territory.communes[2].insee, minAge: 25 });
    const citizen = await newCitizen(ctx, territory, { radiusKm: 5, birthYear: new Date().getUTCFullYear() - 20 });
    const match = (await (await ctx.app.request(`/api/missions/${far.id}/match`, { headers: citizen.headers })).json()) as Match;
    expect(match.isEligible).toBe(false);
    expect(match.exclusions).toEqual(expect.arrayContaining([expect.stringMatching(/rayon de 5 km/), expect.stringMatching(/âge minimum/)]));
  });

  it('needs a signed-in citizen with a profile, and a mission they may see', async () => {
    const a = await newAssociation(ctx, territory);
    const mission = await newMission(ctx, a);
    expect((await ctx.app.request(`/api/missions/${mission.id}/match`)).status).toBe(401);
    const noProfile = await signIn(ctx);
    expect((await ctx.app.request(`/api/missions/${mission.id}/match`, { headers: noProfile.headers })).status).toBe(404);
    const citizen = await newCitizen(ctx, territory);
    expect((await ctx.app.request('/api/missions/00000000-0000-4000-8000-000000000000/match', { headers: citizen.headers })).status).toBe(404);
    expect((await ctx.app.request('/api/missions/nope/match', { headers: citizen.headers })).status).toBe(422);
  });
});
