import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CoreDeps } from '../../service/src/core/deps.ts';
import type { Embedder } from '../../service/src/core/embeddings/embedder.ts';
import { selectJobRun } from '../../service/src/core/freshness/job-runs.sql.ts';
import { jobIdOf } from '../../service/src/core/jobs.ts';
import { CitizenProfileUpdate } from '../../service/src/contract/citizens.ts';
import { loadActor } from '../../service/src/core/accounts/sessions.ts';
import { updateMyCitizenProfile } from '../../service/src/core/citizens/citizens.ts';
import { refreshCitizenSuggestions, suggestMissionsForCitizen } from '../../service/src/core/matching/suggest-missions.ts';
import { MySuggestionsQuery } from '../../service/src/contract/matching.ts';
import type { Database } from '../../service/src/db/database.ts';
import { silentLogger } from '../../service/src/logger.ts';
import { createInProcessQueue, type InProcessQueue } from '../../worker/src/in-process.ts';
import { DATABASE_TARGETS, openTestDatabase } from '../support/databases.ts';
import { buildWorld, depsOver } from './support.ts';

/** The real embedder behind a switch: `failNext` calls throw first (a transient outage), every call is timed. */
function flakyEmbedder(inner: Embedder) {
  const state = { failNext: 0, calls: [] as number[] };
  const embedder: Embedder = {
    id: inner.id,
    provider: inner.provider,
    dimension: inner.dimension,
    async embed(texts, kind) {
      state.calls.push(Date.now());
      if (state.failNext > 0) {
        state.failNext--;
        throw new Error('embedder temporarily unavailable');
      }
      return inner.embed(texts, kind);
    },
  };
  return { embedder, state };
}

describe.each(DATABASE_TARGETS)('in-process runner (%s)', (target) => {
  let db: Database;
  let deps: CoreDeps;
  let queue: InProcessQueue;
  let flaky: ReturnType<typeof flakyEmbedder>;
  let world: Awaited<ReturnType<typeof buildWorld>>;

  beforeAll(async () => {
    db = await openTestDatabase(target);
    queue = createInProcessQueue(() => deps, silentLogger, { attempts: 3, backoffMs: 40 });
    const base = await depsOver(db, queue);
    flaky = flakyEmbedder(base.embedder);
    deps = { ...base, embedder: flaky.embedder };
    world = await buildWorld(deps, { citizens: 6 });
  }, 60_000);
  afterAll(async () => {
    await queue?.close();
    await db?.close();
  });

  const clearEmbedding = async (id: string, wish: string) => {
    await db.sql`UPDATE citizen_profiles SET wish = ${wish}, embedding = NULL, embedding_hash = NULL WHERE id = ${id}`;
  };
  const hasEmbedding = async (id: string) =>
    (await db.sql<{ has: boolean }[]>`SELECT embedding IS NOT NULL AS has FROM citizen_profiles WHERE id = ${id}`)[0].has;

  it('retries a failing job with exponential backoff, then succeeds', async () => {
    const id = world.citizenIds[0];
    await clearEmbedding(id, `réparer des vélos et des trottinettes ${Date.now()}`);
    flaky.state.failNext = 2;
    flaky.state.calls = [];
    await queue.enqueue('entity.embed', { table: 'citizen_profiles', ids: [id] });
    await queue.drain();
    expect(await hasEmbedding(id)).toBe(true);
    const calls = flaky.state.calls;
    expect(calls).toHaveLength(3);
    expect(calls[1] - calls[0]).toBeGreaterThanOrEqual(35);
    expect(calls[2] - calls[1]).toBeGreaterThanOrEqual(75); // doubled
  });

  it('records a job that keeps failing as failed after its last attempt (tracked or not)', async () => {
    const id = world.citizenIds[1];
    await clearEmbedding(id, `jardinage partagé au pied des immeubles ${Date.now()}`);
    flaky.state.failNext = 10;
    flaky.state.calls = [];
    const jobId = await queue.enqueue('entity.embed', { table: 'citizen_profiles', ids: [id] }, { jobId: jobIdOf('entity.embed', 'always-fails', Date.now()) });
    await queue.drain();
    flaky.state.failNext = 0;
    expect(flaky.state.calls).toHaveLength(3);
    const run = await selectJobRun(db.sql, jobId);
    expect(run).toMatchObject({ status: 'failed', attempts: 3, name: 'entity.embed' });
    expect(run!.last_error).toContain('temporarily unavailable');
  });

  it('fails an invalid payload or an unknown job at once, without running it, and records why', async () => {
    const before = flaky.state.calls.length;
    const bad = await queue.enqueue('citizen.rescore', { citizenId: 'not-a-uuid' });
    const unknown = await queue.enqueue('citizen.teleport', { citizenId: world.citizenIds[0] });
    await queue.drain();
    expect(flaky.state.calls.length).toBe(before);
    const badRun = await selectJobRun(db.sql, bad);
    expect(badRun).toMatchObject({ status: 'failed', attempts: 0, name: 'citizen.rescore' });
    expect(badRun!.last_error).toContain('citizenId');
    expect((await selectJobRun(db.sql, unknown))!.last_error).toContain('tâche inconnue');
  });

  it('does not queue a job id that is already pending (the second request is a no-op)', async () => {
    const [a, b] = world.citizenIds.slice(2, 4);
    await clearEmbedding(a, `soutien scolaire en mathématiques ${Date.now()}`);
    await clearEmbedding(b, `soutien scolaire en français ${Date.now()}`);
    const jobId = jobIdOf('entity.embed', 'dedup', Date.now());
    const first = await queue.enqueue('entity.embed', { table: 'citizen_profiles', ids: [a] }, { jobId });
    const second = await queue.enqueue('entity.embed', { table: 'citizen_profiles', ids: [b] }, { jobId });
    expect(second).toBe(first);
    await queue.drain();
    expect(await hasEmbedding(a)).toBe(true);
    expect(await hasEmbedding(b)).toBe(false);
    // Once done, the same id may be asked for again.
    await queue.enqueue('entity.embed', { table: 'citizen_profiles', ids: [b] }, { jobId });
    await queue.drain();
    expect(await hasEmbedding(b)).toBe(true);
  });

  it('recomputes every citizen with progress recorded, then a new mission reaches the citizens it fits', async () => {
    // The citizen left without an embedding by the failing test gets one back.
    await queue.enqueue('entity.embed', { table: 'citizen_profiles', ids: world.citizenIds });
    await queue.drain();
    const since = new Date().toISOString();
    const runId = await queue.enqueue('suggestions.recompute', { since }, { jobId: jobIdOf('suggestions.recompute', 'test') });
    await queue.drain();
    const run = await selectJobRun(db.sql, runId);
    expect(run).toMatchObject({ status: 'completed', progress: 1 });
    expect(run!.progress_detail).toMatchObject({ done: world.citizenIds.length, total: world.citizenIds.length });
    const [{ sets }] = await db.sql<{ sets: number }[]>`SELECT count(*)::int AS sets FROM suggestion_sets`;
    expect(sets).toBe(world.citizenIds.length);

    // A second run for the same cut-off finds nothing left to do (resumable, idempotent).
    await queue.enqueue('suggestions.recompute', { since }, { jobId: jobIdOf('suggestions.recompute', 'test-again') });
    await queue.drain();
    expect((await selectJobRun(db.sql, jobIdOf('suggestions.recompute', 'test-again')))!.result).toEqual({ recomputed: 0 });

    const mission = await world.newMission('Aide aux devoirs pour collégiens', 'Soutien scolaire le mercredi après-midi pour des collégiens du quartier.');
    const matchId = await queue.enqueue('mission.match', { missionId: mission.id }, { jobId: jobIdOf('mission.match', mission.id) });
    await queue.drain();
    const match = await selectJobRun(db.sql, matchId);
    expect(match).toMatchObject({ status: 'completed' });
    expect((match!.result as { rescored: number }).rescored).toBe(world.citizenIds.length);
    const holders = await db.sql<{ citizen_id: string }[]>`SELECT citizen_id FROM suggestions WHERE mission_id = ${mission.id}`;
    expect(holders.map((h) => h.citizen_id).sort()).toEqual([...world.citizenIds].sort());

    // The incremental score is the one the citizen's own full ranking gives the mission.
    const scoreOf = async (citizenId: string) =>
      (await db.sql<{ score: number }[]>`SELECT score FROM suggestions WHERE citizen_id = ${citizenId} AND mission_id = ${mission.id}`)[0]?.score;
    for (const citizenId of world.citizenIds.slice(0, 3)) {
      const incremental = await scoreOf(citizenId);
      await refreshCitizenSuggestions(deps, citizenId);
      expect(await scoreOf(citizenId)).toBeCloseTo(incremental!, 4);
    }

    // Closing the mission takes it out of every stored set.
    await db.sql`UPDATE missions SET status = 'closed' WHERE id = ${mission.id}`;
    await queue.enqueue('mission.match', { missionId: mission.id });
    await queue.drain();
    expect(await db.sql`SELECT 1 FROM suggestions WHERE mission_id = ${mission.id}`).toHaveLength(0);
  });

  it('serves a citizen without a fresh set live and queues the refresh that makes it fresh', async () => {
    const citizenId = world.citizenIds[5];
    await db.sql`DELETE FROM suggestion_sets WHERE citizen_id = ${citizenId}`;
    const live = await suggestMissionsForCitizen(deps, citizenId, MySuggestionsQuery.parse({}));
    expect(live.source).toBe('live');
    await queue.drain();
    const again = await suggestMissionsForCitizen(deps, citizenId, MySuggestionsQuery.parse({}));
    expect(again.source).toBe('precomputed');
    expect(again.items.map((i) => i.mission.id)).toEqual(live.items.map((i) => i.mission.id));
  });

  it('a changed profile changes its suggestions (citizen.rescore queued by the profile use case)', async () => {
    const user = world.citizenUsers[4];
    const citizenId = world.citizenIds[4];
    await world.newMission('Réparation de vélos au local associatif', 'Réparer des vélos avec les habitants du quartier, le samedi.');
    await queue.drain();
    const before = await db.sql`SELECT 1 FROM suggestions WHERE citizen_id = ${citizenId}`;
    expect(before.length).toBeGreaterThan(0);
    // Out of reach of every local mission: radius 0 and no remote work.
    await updateMyCitizenProfile(deps, await loadActor(db.sql, user), CitizenProfileUpdate.parse({ radiusKm: 0, acceptsRemote: false }));
    await queue.drain();
    expect(await db.sql`SELECT 1 FROM suggestions WHERE citizen_id = ${citizenId}`).toHaveLength(0);
  });
});
