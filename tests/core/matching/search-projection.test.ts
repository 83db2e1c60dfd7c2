import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acceptApplication, applyToMission } from '../../../service/src/core/applications/applications.ts';
import { selectMissionCandidates, selectProbeCells, withVectorSettings } from '../../../service/src/core/matching/candidates.sql.ts';
import { countAddedByRadius } from '../../../service/src/core/matching/what-if.sql.ts';
import { CELL_SETTINGS, rebuildMissionCells, sphericalKMeans } from '../../../service/src/core/matching/cells.ts';
import { selectCitizenForMatching } from '../../../service/src/core/matching/matching.sql.ts';
import { rankMissionsExact, rankMissionsLiveWithStats, SEARCH_SETTINGS } from '../../../service/src/core/matching/rank.ts';
import { seekerOfCitizen } from '../../../service/src/core/matching/suggest-missions.ts';
import { updateMission } from '../../../service/src/core/missions/missions.ts';
import { createTestContext, seedTerritory, type TestContext } from '../../support/context.ts';
import { DATABASE_TARGETS } from '../../support/databases.ts';
import { newAssociation, newCitizen, newMission, type Territory } from './world.ts';

/** Texts on distinct subjects, so that the embeddings fall into distinct clusters. */
const SUBJECTS = [
  ['Jardin partagé', 'Entretenir le potager collectif, semer, arroser et récolter les légumes.'],
  ['Aide aux devoirs', 'Accompagner des collégiens dans leurs devoirs de mathématiques et de français.'],
  ['Visites aux aînés', 'Rendre visite à des personnes âgées isolées et discuter avec elles.'],
  ['Collecte alimentaire', 'Trier les denrées de la banque alimentaire et préparer les colis.'],
  ['Club de football', 'Encadrer les entraînements de football des enfants le mercredi.'],
  ['Atelier numérique', 'Aider des adultes à utiliser un ordinateur, internet et la messagerie.'],
  ['Nettoyage de la rivière', 'Ramasser les déchets sur les berges de la rivière et en forêt.'],
  ['Refuge pour animaux', 'Promener les chiens du refuge et nourrir les chats abandonnés.'],
  ['Chorale solidaire', 'Chanter avec la chorale lors des concerts pour les malades.'],
  ['Comptabilité associative', 'Tenir les comptes, préparer le budget et le bilan annuel.'],
] as const;

describe.each(DATABASE_TARGETS)('mission search projection and cells (%s)', (target) => {
  let ctx: TestContext;
  let territory: Territory;
  beforeAll(async () => {
    ctx = await createTestContext(target);
    territory = await seedTerritory(ctx);
  });
  afterAll(() => ctx?.close());

  const projected = async (id: string) =>
    (
      await ctx.deps.sql<{ embedding: string | null; association_id: string; lat: number | null; cell: number | null; version: string }[]>`
        SELECT embedding::text AS embedding, association_id, lat, cell, xmin::text AS version FROM mission_search WHERE mission_id = ${id}`
    )[0];

  it('follows the missions: open ones with places left, with their embedding, and nothing else', async () => {
    const a = await newAssociation(ctx, territory);
    const m = await newMission(ctx, a, { places: 2 });
    const row = await projected(m.id);
    expect(row).toBeDefined();
    expect(row.association_id).toBe(a.id);
    const [{ embedding }] = await ctx.deps.sql<{ embedding: string }[]>`SELECT embedding::text AS embedding FROM missions WHERE id = ${m.id}`;
    expect(row.embedding).toBe(embedding);

    // A volunteer accepted with a place left changes nothing the search reads: no new row version.
    const first = await newCitizen(ctx, territory);
    const accepted = await applyToMission(ctx.deps, first.actor, m.id, { message: 'Je suis disponible.' });
    await acceptApplication(ctx.deps, a.owner.actor, accepted.id);
    expect((await projected(m.id)).version).toBe(row.version);

    await updateMission(ctx.deps, a.owner.actor, m.id, { status: 'closed' });
    expect(await projected(m.id)).toBeUndefined();
    await updateMission(ctx.deps, a.owner.actor, m.id, { status: 'open', communeInsee: territory.communes[2].insee });
    expect((await projected(m.id)).lat).toBeCloseTo(territory.communes[2].lat, 5);

    // The last place taken: the mission leaves the projection.
    const citizen = await newCitizen(ctx, territory);
    const application = await applyToMission(ctx.deps, citizen.actor, m.id, { message: 'Je suis disponible.' });
    await acceptApplication(ctx.deps, a.owner.actor, application.id);
    expect(await projected(m.id)).toBeUndefined();
  });

  it('counts what a wider radius adds up to a cap', async () => {
    const a = await newAssociation(ctx, territory);
    for (let i = 0; i < 3; i++) await newMission(ctx, a, { communeInsee: territory.communes[2].insee }); // Wissembourg, ~25 km
    const citizen = await newCitizen(ctx, territory, { radiusKm: 10, communeInsee: territory.communes[0].insee });
    const s = await seekerOfCitizen(ctx.deps, (await selectCitizenForMatching(ctx.deps.sql, citizen.profile.id))!);
    expect(await countAddedByRadius(ctx.deps.sql, s, 30, 200)).toBeGreaterThanOrEqual(3);
    expect(await countAddedByRadius(ctx.deps.sql, s, 30, 2)).toBe(2);
    expect(await countAddedByRadius(ctx.deps.sql, s, 10, 200)).toBe(0);
  });

  it('says how far the near branch reached even when its nearest all fall outside the exact radius', async () => {
    const a = await newAssociation(ctx, territory);
    const w = territory.communes[2]; // Wissembourg, ~25 km from the others
    await newMission(ctx, a, { communeInsee: w.insee });
    const citizen = await newCitizen(ctx, territory, { radiusKm: 10, communeInsee: w.insee });
    const base = await seekerOfCitizen(ctx.deps, (await selectCitizenForMatching(ctx.deps.sql, citizen.profile.id))!);
    // 3 km north-east of Wissembourg (inside the bounding box), a radius a hair shorter than the distance to it: its
    // missions pass the cheap disc test (1 % margin) and fail the exact one.
    const step = 3 / Math.SQRT2 / 111.2;
    const [lat, lon] = [w.lat + step, w.lon + step / Math.cos((w.lat * Math.PI) / 180)];
    const [{ d }] = await ctx.deps.sql<{ d: number }[]>`SELECT distance_km(${lat}::float8, ${lon}::float8, ${w.lat}::float8, ${w.lon}::float8) AS d`;
    const s = { ...base, lat, lon, radiusKm: d * 0.998, acceptsRemote: false };
    const candidates = (radiusKm: number) =>
      withVectorSettings(ctx.deps.sql, 100, (tx) => selectMissionCandidates(tx, { ...s, radiusKm }, { k: 1, remoteK: 10, textK: 10 }));
    // No candidate at all, yet the near branch was full: its reach still bounds what it left out.
    const outside = await candidates(s.radiusKm);
    expect(outside.rows).toEqual([]);
    expect(outside.stats).toMatchObject({ near_count: 0, near_full: true, remote_count: 0 });
    // A little wider: Wissembourg's missions are in reach.
    const inside = await candidates(d * 1.002);
    expect(inside.rows.length).toBeGreaterThan(0);
    expect(inside.stats).toMatchObject({ near_count: 1, near_full: true });
    expect(inside.rows.map((r) => r.commune_name)).toContain(w.name);
  });

  it('fetches, for an extension, only the neighbours not seen yet that are close enough to matter', async () => {
    const a = await newAssociation(ctx, territory);
    for (const [title, description] of SUBJECTS) await newMission(ctx, a, { title, description });
    const citizen = await newCitizen(ctx, territory, { radiusKm: 5, wish: 'semer et récolter des légumes au potager' });
    const s = await seekerOfCitizen(ctx.deps, (await selectCitizenForMatching(ctx.deps.sql, citizen.profile.id))!);
    const sizes = { k: 8, remoteK: 0, textK: 0 };
    const fetch = (filter = {}) => withVectorSettings(ctx.deps.sql, 100, (tx) => selectMissionCandidates(tx, s, sizes, filter));
    const all = await fetch();
    expect(all.rows).toHaveLength(8);
    const dists = [...new Set(all.rows.map((r) => 1 - r.similarity))].sort((x, y) => x - y);
    const maxDist = (dists[3] + dists[4]) / 2; // between two neighbours, away from any tie
    const seen = all.rows.slice(0, 2).map((r) => r.id);
    const some = await fetch({ seen, maxDist });
    // The same reach (the branch scanned as far), the facts of the others only.
    expect(some.stats).toEqual(all.stats);
    const expected = all.rows.filter((r) => !seen.includes(r.id) && 1 - r.similarity <= maxDist).map((r) => r.id);
    expect(expected.length).toBeGreaterThan(0);
    expect(some.rows.map((r) => r.id).sort()).toEqual(expected.sort());
  });

  it('partitions the missions into cells and still returns the exact top when scanning only the nearest cells', async () => {
    const a = await newAssociation(ctx, territory);
    for (const [title, description] of SUBJECTS) {
      for (let i = 0; i < 4; i++) await newMission(ctx, a, { title: `${title} ${i + 1}`, description, communeInsee: territory.communes[i % 2].insee });
    }
    // Below the threshold: no cells, every mission scanned.
    expect((await rebuildMissionCells(ctx.deps.sql)).cells).toBe(0);
    const settings = { ...CELL_SETTINGS, minMissions: 20, missionsPerCell: 3 };
    const built = await rebuildMissionCells(ctx.deps.sql, settings);
    expect(built.cells).toBeGreaterThan(8);
    const [{ unfiled }] = await ctx.deps.sql<{ unfiled: number }[]>`SELECT count(*)::int AS unfiled FROM mission_search WHERE embedding IS NOT NULL AND cell IS NULL`;
    expect(unfiled).toBe(0);
    // The density tiles count every on-site mission filed (they decide between cells and the whole radius).
    const [{ tiled, onSite }] = await ctx.deps.sql<{ tiled: number; onSite: number }[]>`
      SELECT (SELECT COALESCE(sum(missions), 0)::int FROM mission_density) AS tiled,
             (SELECT count(*)::int FROM mission_search WHERE lat IS NOT NULL) AS "onSite"`;
    expect(tiled).toBe(onSite);
    // The rows are stored in cell order (CLUSTER): a query reads its cells from few pages.
    const order = (await ctx.deps.sql<{ cell: number }[]>`SELECT cell FROM mission_search ORDER BY ctid`).map((r) => r.cell);
    expect(order).toEqual([...order].sort((x, y) => x - y));

    const citizen = await newCitizen(ctx, territory, { radiusKm: 50, wish: 'semer et récolter des légumes au potager' });
    const s = await seekerOfCitizen(ctx.deps, (await selectCitizenForMatching(ctx.deps.sql, citizen.profile.id))!);
    const probed = await selectProbeCells(ctx.deps.sql, s, 1);
    expect(probed.length).toBe(8);
    // A radius holding fewer missions than the threshold is scanned whole.
    expect(await selectProbeCells(ctx.deps.sql, s, 4000)).toEqual([]);
    expect(probed.length).toBeLessThan(built.cells);
    // A mission created after the rebuild is filed under its nearest cell by the trigger.
    const late = await newMission(ctx, a, { title: 'Potager des écoles', description: 'Semer et récolter des légumes avec les enfants.' });
    expect((await projected(late.id)).cell).not.toBeNull();

    // denseBox 1: the nearest cells are scanned first even though the radius holds few missions; they run out before
    // k rows, so the whole radius is scanned in a second round: the exact top, certified.
    const live = await rankMissionsLiveWithStats(ctx.deps.sql, s, { ...SEARCH_SETTINGS, denseBox: 1 });
    const exact = await rankMissionsExact(ctx.deps.sql, s);
    expect(live.ranked.slice(0, 10).map((r) => r.row.id)).toEqual(exact.slice(0, 10).map((r) => r.row.id));
    expect(live).toMatchObject({ rounds: 2, certified: true });
    // With k below what the probed cells hold, one round from the cells alone: approximate, not certified.
    const small = await rankMissionsLiveWithStats(ctx.deps.sql, s, { ...SEARCH_SETTINGS, k: 2, denseBox: 1 });
    expect(small).toMatchObject({ rounds: 1, certified: false });
    // Over the whole radius with k = 1, fewer than 20 candidates can never prove the top: the near branch is extended
    // once (k = 4), and the ranking is served as it is after that one extension, not certified.
    const bounded = await rankMissionsLiveWithStats(ctx.deps.sql, s, { ...SEARCH_SETTINGS, k: 1, denseBox: 1e9 });
    expect(bounded).toMatchObject({ rounds: 2, certified: false });
    expect(bounded.ranked.length).toBeGreaterThan(1);
    expect(live.ranked[0].row.title).toMatch(/Potager|Jardin/);

    // Back below the threshold (as on a small instance): the cells are removed.
    expect((await rebuildMissionCells(ctx.deps.sql, { ...settings, minMissions: 10_000 })).cells).toBe(0);
    expect(await selectProbeCells(ctx.deps.sql, s, 1)).toEqual([]);
    expect((await ctx.deps.sql`SELECT 1 FROM mission_density`).length).toBe(0);
  });
});

describe('spherical k-means', () => {
  it('finds separated clusters and returns unit centroids', () => {
    const centres = [
      [1, 0, 0],
      [0, 1, 0],
      [0, 0, 1],
    ];
    const points = centres.flatMap((c) =>
      Array.from({ length: 20 }, (_, i) => {
        const v = Float32Array.from(c, (x, d) => x + 0.05 * Math.sin(i * 7 + d * 3));
        const n = Math.hypot(...v);
        return v.map((x) => x / n);
      }),
    );
    const centroids = sphericalKMeans(points, 3, 10);
    for (const c of centroids) expect(Math.hypot(...c)).toBeCloseTo(1, 5);
    const nearestCentre = centroids.map((c) => c.indexOf(Math.max(...c))).sort();
    expect(nearestCentre).toEqual([0, 1, 2]);
  });
});
