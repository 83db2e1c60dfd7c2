import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acceptApplication, applyToMission, dismissMission } from '../../../service/src/core/applications/applications.ts';
import { withVectorSettings } from '../../../service/src/core/matching/candidates.sql.ts';
import { rankMissionsExact, rankMissionsLive } from '../../../service/src/core/matching/rank.ts';
import { MATCHING_WEIGHTS } from '../../../service/src/core/matching/score.ts';
import { refreshCitizenSuggestions, seekerOfCitizen, suggestMissionsForCitizen } from '../../../service/src/core/matching/suggest-missions.ts';
import { selectCitizenForMatching } from '../../../service/src/core/matching/matching.sql.ts';
import { DATABASE_TARGETS } from '../../support/databases.ts';
import { createTestContext, seedTerritory, type TestContext } from '../../support/context.ts';
import { newAssociation, newCitizen, newMission, type Territory } from './world.ts';

const query = { limit: 20, whatIf: true, live: true };

describe.each(DATABASE_TARGETS)('mission ranking properties (%s)', (target) => {
  let ctx: TestContext;
  let territory: Territory;
  beforeAll(async () => {
    ctx = await createTestContext(target);
    territory = await seedTerritory(ctx);
  });
  afterAll(() => ctx?.close());

  const [haguenau, bischwiller, wissembourg] = [0, 1, 2];
  const ids = (r: { items: { mission: { id: string } }[] }) => r.items.map((i) => i.mission.id);

  it('accepts the iterative scan settings inside the transaction', async () => {
    const [row] = await withVectorSettings(ctx.deps.sql, 100, (tx) => tx<{ ef: string; scan: string }[]>`SELECT current_setting('hnsw.ef_search') AS ef, current_setting('hnsw.iterative_scan') AS scan`);
    expect(row).toEqual({ ef: '100', scan: 'relaxed_order' });
  });

  it('never shows a mission outside the radius unless it is remote (and remote only if accepted)', async () => {
    const a = await newAssociation(ctx, territory);
    const near = await newMission(ctx, a, { communeInsee: territory.communes[bischwiller].insee }); // ~6.9 km
    const far = await newMission(ctx, a, { communeInsee: territory.communes[wissembourg].insee }); // ~25 km
    const remote = await newMission(ctx, a, { isRemote: true });
    const citizen = await newCitizen(ctx, territory, { radiusKm: 10, communeInsee: territory.communes[haguenau].insee });
    const shown = ids(await suggestMissionsForCitizen(ctx.deps, citizen.profile.id, query));
    expect(shown).toContain(near.id);
    expect(shown).toContain(remote.id);
    expect(shown).not.toContain(far.id);

    const homebody = await newCitizen(ctx, territory, { radiusKm: 15, acceptsRemote: false });
    const result = await suggestMissionsForCitizen(ctx.deps, homebody.profile.id, query);
    expect(ids(result)).not.toContain(remote.id);
    expect(ids(result)).not.toContain(far.id);
    expect(result.hints.map((h) => h.kind)).toEqual(expect.arrayContaining(['radius', 'remote']));
    const radiusHint = result.hints.find((h) => h.kind === 'radius')!;
    expect(radiusHint.label).toMatch(/^élargir à 30 km : \+\d+ missions?$/);
  });

  it('never shows a dismissed mission again, live or precomputed', async () => {
    const a = await newAssociation(ctx, territory);
    const m = await newMission(ctx, a, { title: 'Jardin partagé du quartier', description: 'Entretenir un potager collectif.' });
    const citizen = await newCitizen(ctx, territory, { wish: 'jardiner dans un potager collectif' });
    await refreshCitizenSuggestions(ctx.deps, citizen.profile.id);
    expect(ids(await suggestMissionsForCitizen(ctx.deps, citizen.profile.id, query))).toContain(m.id);
    await dismissMission(ctx.deps, citizen.actor, m.id);
    const live = await suggestMissionsForCitizen(ctx.deps, citizen.profile.id, query);
    const stored = await suggestMissionsForCitizen(ctx.deps, citizen.profile.id, { ...query, live: false });
    expect(stored.source).toBe('precomputed');
    expect(ids(live)).not.toContain(m.id);
    expect(ids(stored)).not.toContain(m.id);
  });

  it('never shows a full mission, nor one of a suspended association, nor one the citizen applied to', async () => {
    const a = await newAssociation(ctx, territory);
    const full = await newMission(ctx, a, { places: 1 });
    const taken = await newCitizen(ctx, territory);
    const application = await applyToMission(ctx.deps, taken.actor, full.id, { message: '' });
    await acceptApplication(ctx.deps, a.owner.actor, application.id);
    const other = await newMission(ctx, a, { places: 2 });
    const citizen = await newCitizen(ctx, territory);
    await applyToMission(ctx.deps, citizen.actor, other.id, { message: 'Bonjour' });
    const shown = ids(await suggestMissionsForCitizen(ctx.deps, citizen.profile.id, query));
    expect(shown).not.toContain(full.id);
    expect(shown).not.toContain(other.id);

    const suspended = await newAssociation(ctx, territory);
    const hidden = await newMission(ctx, suspended);
    await ctx.deps.sql`UPDATE associations SET verification = 'suspended' WHERE id = ${suspended.id}`;
    expect(ids(await suggestMissionsForCitizen(ctx.deps, citizen.profile.id, query))).not.toContain(hidden.id);
  });

  it('applies minimum age and declared accessibility needs as filters', async () => {
    const a = await newAssociation(ctx, territory);
    const adults = await newMission(ctx, a, { minAge: 18 });
    const accessible = await newMission(ctx, a, { accessibility: ['fauteuil'] });
    const stairs = await newMission(ctx, a, {});
    const teen = await newCitizen(ctx, territory, { birthYear: new Date().getUTCFullYear() - 15, accessibilityNeeds: ['fauteuil'] });
    const shown = ids(await suggestMissionsForCitizen(ctx.deps, teen.profile.id, query));
    expect(shown).not.toContain(adults.id);
    expect(shown).not.toContain(stairs.id);
    expect(shown).toContain(accessible.id);
  });

  it('explains exactly the score: contributions sum to it, sentences carry the same numbers', async () => {
    const a = await newAssociation(ctx, territory);
    const m = await newMission(ctx, a, {
      communeInsee: territory.communes[bischwiller].insee,
      skills: ['ecoute', 'conduite', 'cuisine'],
      schedule: [{ day: 'samedi', slot: 'matin' }, { day: 'dimanche', slot: 'matin' }],
    });
    const citizen = await newCitizen(ctx, territory, { skills: ['ecoute', 'cuisine', 'jardinage'], availability: [{ day: 'samedi', slot: 'matin' }], radiusKm: 20 });
    const result = await suggestMissionsForCitizen(ctx.deps, citizen.profile.id, query);
    expect(result.weightsVersion).toBe(MATCHING_WEIGHTS.version);
    const item = result.items.find((i) => i.mission.id === m.id)!;
    const sum = item.components.reduce((s, c) => s + c.contribution, 0);
    expect(sum).toBeCloseTo(item.score, 10);
    const relevance = item.components.find((c) => c.key === 'semantic')!.value;
    for (const c of item.components) expect(c.contribution).toBeCloseTo(c.weight * c.value * (c.key === 'semantic' ? 1 : relevance), 12);
    const byKey = Object.fromEntries(item.components.map((c) => [c.key, c]));
    expect(byKey.skills.detail).toBe('2 compétences sur 3');
    expect(byKey.skills.value).toBeCloseTo(2 / 3, 12);
    expect(byKey.availability.detail).toBe('le samedi matin (1 sur 2 créneaux)');
    expect(byKey.availability.value).toBe(0.5);
    const km = item.mission.distanceKm!;
    expect(byKey.distance.detail).toBe(`à ${km.toLocaleString('fr-FR', { maximumFractionDigits: 1, minimumFractionDigits: 1 })} km`);
    expect(byKey.distance.value).toBeCloseTo(1 - km / 20, 12);
  });

  it('lowers a mission whose pending applications approach its places (capacity awareness)', async () => {
    const a = await newAssociation(ctx, territory);
    const text = { title: 'Distribution alimentaire', description: 'Préparer et distribuer des colis alimentaires.', places: 2 };
    const crowded = await newMission(ctx, a, text);
    const quiet = await newMission(ctx, a, text);
    for (let i = 0; i < 2; i++) await applyToMission(ctx.deps, (await newCitizen(ctx, territory)).actor, crowded.id, { message: '' });
    const citizen = await newCitizen(ctx, territory, { wish: 'distribuer des colis alimentaires' });
    const row = await selectCitizenForMatching(ctx.deps.sql, citizen.profile.id);
    const ranked = await rankMissionsLive(ctx.deps.sql, await seekerOfCitizen(ctx.deps, row!));
    const score = (id: string) => ranked.find((r) => r.row.id === id)!.scored;
    expect(score(quiet.id).score).toBeGreaterThan(score(crowded.id).score);
    expect(score(crowded.id).components.find((c) => c.key === 'capacity')!.value).toBeCloseTo(1 - 2 / 3, 12);
  });

  it('agrees with the exact ranking over a full scan on a small territory', async () => {
    const a = await newAssociation(ctx, territory);
    for (let i = 0; i < 4; i++) await newMission(ctx, a, { title: `Mission numéro ${i}`, places: 1 + i });
    const citizen = await newCitizen(ctx, territory, { radiusKm: 50 });
    const row = await selectCitizenForMatching(ctx.deps.sql, citizen.profile.id);
    const s = await seekerOfCitizen(ctx.deps, row!);
    const live = (await rankMissionsLive(ctx.deps.sql, s)).map((r) => r.row.id);
    const exact = (await rankMissionsExact(ctx.deps.sql, s)).map((r) => r.row.id);
    expect(live.slice(0, 20)).toEqual(exact.slice(0, 20));
  });

  it('stores precomputed suggestions with the weights version that produced them', async () => {
    const a = await newAssociation(ctx, territory);
    for (let i = 0; i < 3; i++) await newMission(ctx, a, { title: `Atelier numéro ${i}` });
    const citizen = await newCitizen(ctx, territory, { radiusKm: 50 });
    const stored = await refreshCitizenSuggestions(ctx.deps, citizen.profile.id);
    const ranked = await rankMissionsLive(ctx.deps.sql, await seekerOfCitizen(ctx.deps, (await selectCitizenForMatching(ctx.deps.sql, citizen.profile.id))!));
    const ids = ranked.map((r) => r.row.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(stored).toBeGreaterThan(0);
    const versions = await ctx.deps.sql<{ weights_version: string }[]>`SELECT DISTINCT weights_version FROM suggestions WHERE citizen_id = ${citizen.profile.id}`;
    expect(versions.map((v) => v.weights_version)).toEqual([MATCHING_WEIGHTS.version]);
    const served = await suggestMissionsForCitizen(ctx.deps, citizen.profile.id, { ...query, live: false });
    expect(served.source).toBe('precomputed');
    expect(served.items.length).toBeGreaterThan(0);
  });
});
