import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queueEmail } from '../../service/src/core/accounts/outbox.ts';
import type { CoreDeps } from '../../service/src/core/deps.ts';
import { refreshCitizenSuggestions } from '../../service/src/core/matching/suggest-missions.ts';
import { jobIdOf } from '../../service/src/core/jobs.ts';
import { silentLogger } from '../../service/src/logger.ts';
import { createBullmqQueue, type BullmqQueue } from '../../worker/src/bullmq.ts';
import { startSmtpSink } from './smtp-sink.ts';
import { REAL_SERVERS_MISSING, buildWorld, depsOver, openPostgresWithUrl, spawnWorker, uniquePrefix, waitFor } from './support.ts';

if (REAL_SERVERS_MISSING) console.warn(`skipping worker process tests: ${REAL_SERVERS_MISSING}`);

/**
 * `npm run worker` processes (tsx worker/src/main.ts) against real Redis, PostgreSQL and an SMTP sink: one killed
 * with SIGKILL in the middle of a batch and replaced; two consuming the same queues side by side.
 */
describe.skipIf(REAL_SERVERS_MISSING !== null)('worker processes', () => {
  let pg: Awaited<ReturnType<typeof openPostgresWithUrl>>;
  let deps: CoreDeps;
  let world: Awaited<ReturnType<typeof buildWorld>>;
  let sink: Awaited<ReturnType<typeof startSmtpSink>>;
  const producers: BullmqQueue[] = [];
  const children: ReturnType<typeof spawnWorker>[] = [];

  beforeAll(async () => {
    pg = await openPostgresWithUrl();
    // Holding the final "250" after each message's data opens the window "sent but not yet recorded".
    sink = await startSmtpSink({ dataDelayMs: 120 });
    deps = await depsOver(pg.db, { mode: 'in-process', enqueue: async () => 'unused' });
    world = await buildWorld(deps, { citizens: 80 });
    for (const [title, description] of [
      ['Aide aux devoirs', 'Soutien scolaire pour des collégiens le mercredi.'],
      ['Visites aux aînés', 'Rendre visite à des personnes âgées isolées.'],
      ['Atelier vélo', 'Réparer des vélos avec les habitants du quartier.'],
    ]) await world.newMission(title, description);
  }, 60_000);
  afterAll(async () => {
    for (const c of children) await c.stop().catch(() => {});
    for (const p of producers) {
      for (const q of Object.values(p.queues)) await q.obliterate({ force: true }).catch(() => {});
      await p.close();
    }
    await sink?.close();
    await pg?.close();
  });

  async function enqueueBatch(producer: BullmqQueue, tag: string, emails: number) {
    const started = new Date();
    for (const citizenId of world.citizenIds) await producer.enqueue('citizen.rescore', { citizenId }, { jobId: jobIdOf('citizen.rescore', citizenId, tag) });
    const keys: string[] = [];
    for (let i = 0; i < emails; i++) {
      const key = `test:${tag}:${i}`;
      await queueEmail(pg.db.sql, { idempotencyKey: key, recipient: `c${i}@example.org`, subject: `Message ${i}`, text: `Bonjour ${i}`, kind: 'test' });
      const [{ id }] = await pg.db.sql<{ id: string }[]>`SELECT id FROM outbox WHERE idempotency_key = ${key}`;
      await producer.enqueue('outbox.deliver', { messageId: id }, { jobId: jobIdOf('outbox.deliver', id) });
      keys.push(key);
    }
    return { started, keys };
  }

  const isDrained = async (producer: BullmqQueue) => {
    const c = await producer.queues.realtime.getJobCounts('wait', 'active', 'delayed', 'failed');
    return c.wait + c.active + c.delayed === 0;
  };

  async function expectEffectsExactlyOnce(batch: { started: Date; keys: string[] }, producer: BullmqQueue) {
    expect((await producer.queues.realtime.getJobCounts('failed')).failed).toBe(0);
    // No lost rescoring: every citizen's set was recomputed after the batch was queued, and equals a fresh computation.
    const sets = await pg.db.sql<{ citizen_id: string; computed_at: Date }[]>`SELECT citizen_id, computed_at FROM suggestion_sets`;
    const fresh = new Map(sets.map((s) => [s.citizen_id, s.computed_at]));
    for (const id of world.citizenIds) expect(fresh.get(id)!.getTime()).toBeGreaterThanOrEqual(batch.started.getTime() - 5);
    const sample = world.citizenIds.slice(0, 5);
    for (const id of sample) {
      const before = (await pg.db.sql<{ mission_id: string }[]>`SELECT mission_id FROM suggestions WHERE citizen_id = ${id} ORDER BY mission_id`).map((r) => r.mission_id);
      await refreshCitizenSuggestions(deps, id);
      const after = (await pg.db.sql<{ mission_id: string }[]>`SELECT mission_id FROM suggestions WHERE citizen_id = ${id} ORDER BY mission_id`).map((r) => r.mission_id);
      expect(before).toEqual(after);
      expect(before.length).toBe(3);
    }
    // No duplicate e-mail: each message reached the server at most once; every message is sent or was interrupted.
    const rows = await pg.db.sql<{ idempotency_key: string; sent_at: Date | null; sending_started_at: Date | null }[]>`
      SELECT idempotency_key, sent_at, sending_started_at FROM outbox WHERE idempotency_key = ANY(${batch.keys})`;
    const byMessageId = new Map<string, number>();
    for (const m of sink.received) if (m.messageId) byMessageId.set(m.messageId, (byMessageId.get(m.messageId) ?? 0) + 1);
    expect([...byMessageId.values()].every((n) => n === 1)).toBe(true);
    const interrupted = rows.filter((r) => !r.sent_at);
    for (const r of interrupted) expect(r.sending_started_at).not.toBeNull();
    return { sent: rows.length - interrupted.length, interrupted: interrupted.length };
  }

  it('a worker killed with SIGKILL mid-batch is replaced: every job takes effect exactly once', async () => {
    const prefix = uniquePrefix();
    const producer = createBullmqQueue({ redisUrl: process.env.REDIS_URL!, prefix }, () => deps, silentLogger);
    producers.push(producer);
    const batch = await enqueueBatch(producer, 'kill', 60);
    const env = { databaseUrl: pg.url, redisUrl: process.env.REDIS_URL!, prefix, smtpUrl: sink.url, lockMs: 2000 };

    const first = spawnWorker(env);
    children.push(first);
    await first.ready();
    const receivedAtStart = sink.received.length;
    await waitFor(() => sink.received.length - receivedAtStart >= 8, 20_000, () => `no e-mail sent:\n${first.output()}`);
    // Kill while a message is between "attempt recorded" and "sent recorded": the hardest moment for at-most-once.
    await waitFor(async () => (await pg.db.sql`SELECT 1 FROM outbox WHERE sending_started_at IS NOT NULL AND sent_at IS NULL`).length > 0, 10_000);
    first.child.kill('SIGKILL');
    await first.exited;
    const [{ sent }] = await pg.db.sql<{ sent: number }[]>`SELECT count(*)::int AS sent FROM outbox WHERE sent_at IS NOT NULL AND idempotency_key = ANY(${batch.keys})`;
    expect(sent).toBeLessThan(batch.keys.length); // killed in the middle of the batch

    const second = spawnWorker(env);
    children.push(second);
    await second.ready();
    await waitFor(() => isDrained(producer), 40_000, () => `queue not drained:\n${second.output().slice(-3000)}`);
    const outcome = await expectEffectsExactlyOnce(batch, producer);
    // Only messages in flight at the kill (realtime concurrency 4) may be left "interrupted", never re-sent.
    expect(outcome.interrupted).toBeGreaterThanOrEqual(1);
    expect(outcome.interrupted).toBeLessThanOrEqual(4);
    console.info(`SIGKILL test: ${sent} e-mails sent before the kill; after restart ${outcome.sent} sent, ${outcome.interrupted} interrupted (never re-sent), 0 duplicates`);
    expect(outcome.sent + outcome.interrupted).toBe(batch.keys.length);
    await second.stop();
  }, 60_000);

  it('two workers consume the same queues side by side, each job once', async () => {
    const prefix = uniquePrefix();
    const producer = createBullmqQueue({ redisUrl: process.env.REDIS_URL!, prefix }, () => deps, silentLogger);
    producers.push(producer);
    const env = { databaseUrl: pg.url, redisUrl: process.env.REDIS_URL!, prefix, smtpUrl: sink.url };
    const a = spawnWorker(env);
    const b = spawnWorker(env);
    children.push(a, b);
    await Promise.all([a.ready(), b.ready()]);
    const batch = await enqueueBatch(producer, 'pair', 40);
    await waitFor(() => isDrained(producer), 40_000, () => `queue not drained:\n${a.output().slice(-2000)}`);
    const outcome = await expectEffectsExactlyOnce(batch, producer);
    expect(outcome).toEqual({ sent: 40, interrupted: 0 });
    const done = (w: typeof a) => (w.output().match(/job completed/g) ?? []).length;
    expect(done(a)).toBeGreaterThan(0);
    expect(done(b)).toBeGreaterThan(0);
    expect(done(a) + done(b)).toBe(world.citizenIds.length + 40);
    await Promise.all([a.stop(), b.stop()]);
  }, 60_000);
});
