import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CoreDeps } from '../../service/src/core/deps.ts';
import { selectJobRun } from '../../service/src/core/freshness/job-runs.sql.ts';
import { jobIdOf } from '../../service/src/core/jobs.ts';
import { silentLogger } from '../../service/src/logger.ts';
import { createBullmqQueue, startBullmqWorkers, upsertSchedules, type BullmqQueue, type BullmqWorkers } from '../../worker/src/bullmq.ts';
import { REAL_SERVERS_MISSING, buildWorld, depsOver, openPostgresWithUrl, uniquePrefix, waitFor } from './support.ts';

if (REAL_SERVERS_MISSING) console.warn(`skipping BullMQ runner tests: ${REAL_SERVERS_MISSING}`);

describe.skipIf(REAL_SERVERS_MISSING !== null)('BullMQ runner on real Redis and PostgreSQL', () => {
  let pg: Awaited<ReturnType<typeof openPostgresWithUrl>>;
  let producer: BullmqQueue;
  let workers: BullmqWorkers;
  let deps: CoreDeps;
  let world: Awaited<ReturnType<typeof buildWorld>>;
  const embedFailures = { left: 0 };

  beforeAll(async () => {
    pg = await openPostgresWithUrl();
    const prefix = uniquePrefix();
    producer = createBullmqQueue({ redisUrl: process.env.REDIS_URL!, prefix }, () => deps, silentLogger);
    const base = await depsOver(pg.db, producer);
    // The real embedder, made to fail a given number of calls (a transient outage).
    const embedder = { ...base.embedder, embed: async (texts: readonly string[], kind: 'query' | 'passage') => {
      if (embedFailures.left > 0) {
        embedFailures.left--;
        throw new Error('embedder temporarily unavailable');
      }
      return base.embedder.embed(texts, kind);
    } };
    deps = { ...base, embedder };
    world = await buildWorld(deps, { citizens: 4 });
    workers = startBullmqWorkers({ redisUrl: process.env.REDIS_URL!, prefix, lockDurationMs: 5000 }, { deps, mailer: undefined, publicUrl: 'http://localhost' }, silentLogger);
    // The profiles and missions just created queued their own rescoring: let it finish before counting anything.
    await waitFor(isIdle, 30_000);
  }, 60_000);
  afterAll(async () => {
    await workers?.close();
    await producer?.queues.realtime.obliterate({ force: true }).catch(() => {});
    await producer?.queues.batch.obliterate({ force: true }).catch(() => {});
    await producer?.close();
    await pg?.close();
  });

  function counts(q: 'realtime' | 'batch') {
    return producer.queues[q].getJobCounts('wait', 'active', 'delayed', 'failed', 'completed');
  }
  async function isIdle() {
    const [a, b] = await Promise.all([counts('realtime'), counts('batch')]);
    return a.wait + a.active + a.delayed + b.wait + b.active + b.delayed === 0;
  }

  it('retries a failing job with exponential backoff until it succeeds', async () => {
    const id = world.citizenIds[0];
    await pg.db.sql`UPDATE citizen_profiles SET wish = ${`ateliers de couture solidaires ${Date.now()}`}, embedding = NULL, embedding_hash = NULL WHERE id = ${id}`;
    embedFailures.left = 2;
    const jobId = await producer.enqueue('entity.embed', { table: 'citizen_profiles', ids: [id] }, { jobId: jobIdOf('entity.embed', 'retry', Date.now()) });
    const started = Date.now();
    await waitFor(async () => (await pg.db.sql`SELECT 1 FROM citizen_profiles WHERE id = ${id} AND embedding IS NOT NULL`).length === 1, 20_000);
    // Backoff 1 s then 2 s (exponential from the registry's 1 s).
    expect(Date.now() - started).toBeGreaterThanOrEqual(2900);
    expect(jobId).toContain('entity.embed');
    expect(embedFailures.left).toBe(0);
  }, 30_000);

  it('fails an invalid payload once, without retry, visible in BullMQ and in job_runs', async () => {
    const job = await producer.queues.realtime.add('citizen.rescore', { citizenId: 'not-a-uuid' }, { attempts: 5, backoff: { type: 'fixed', delay: 100 }, jobId: jobIdOf('citizen.rescore', 'invalid', Date.now()) });
    await waitFor(async () => (await job.getState()) === 'failed', 10_000);
    const failed = await producer.queues.realtime.getJob(job.id!);
    expect(failed!.attemptsMade).toBe(1);
    expect(failed!.failedReason).toContain('citizenId');
    const run = await selectJobRun(pg.db.sql, job.id!);
    expect(run).toMatchObject({ status: 'failed', attempts: 1 });
  });

  it('refuses an invalid payload at enqueue time, recorded as failed, nothing queued', async () => {
    const before = await counts('realtime');
    const id = await producer.enqueue('mission.match', { missionId: 42 });
    expect((await selectJobRun(pg.db.sql, id))!.status).toBe('failed');
    const after = await counts('realtime');
    expect(after.wait + after.delayed + after.active).toBe(before.wait + before.delayed + before.active);
  });

  it('queues a deterministic job id once while it is pending', async () => {
    const mission = await world.newMission('Maraude du soir', 'Aller à la rencontre des personnes sans abri le soir avec des boissons chaudes.');
    const jobId = jobIdOf('mission.match', mission.id, 'dedup');
    await producer.queues.realtime.pause();
    await producer.enqueue('mission.match', { missionId: mission.id }, { jobId });
    await producer.enqueue('mission.match', { missionId: mission.id }, { jobId });
    expect((await counts('realtime')).wait).toBe(1);
    await producer.queues.realtime.resume();
    await waitFor(async () => (await selectJobRun(pg.db.sql, jobId))?.status === 'completed', 15_000);
    expect((await selectJobRun(pg.db.sql, jobId))!.attempts).toBe(1);
  });

  it('reports the progress of a long job in job_runs and registers the repeatable schedules', async () => {
    const jobId = await producer.enqueue('suggestions.recompute', { since: new Date().toISOString() }, { jobId: jobIdOf('suggestions.recompute', 'bull', Date.now()) });
    await waitFor(async () => (await selectJobRun(pg.db.sql, jobId))?.status === 'completed', 20_000);
    const run = await selectJobRun(pg.db.sql, jobId);
    expect(run!.progress).toBe(1);
    expect(run!.progress_detail).toMatchObject({ done: world.citizenIds.length, total: world.citizenIds.length });
    await waitFor(isIdle, 10_000);

    await upsertSchedules(producer);
    const schedulers = [...(await producer.queues.batch.getJobSchedulers()), ...(await producer.queues.realtime.getJobSchedulers())];
    expect(schedulers.map((s) => s.key).sort()).toEqual(['daily-digest', 'nightly-cluster', 'nightly-recompute', 'nightly-retention', 'outbox-flush', 'weekly-digest']);
  }, 30_000);
});
