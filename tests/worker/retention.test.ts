import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CoreDeps } from '../../service/src/core/deps.ts';
import { jobIdOf } from '../../service/src/core/jobs.ts';
import { RETENTION_DAYS } from '../../service/src/core/retention/retention.ts';
import type { Database } from '../../service/src/db/database.ts';
import { silentLogger } from '../../service/src/logger.ts';
import { createInProcessQueue, type InProcessQueue } from '../../worker/src/in-process.ts';
import { DATABASE_TARGETS, openTestDatabase } from '../support/databases.ts';
import { buildWorld, depsOver } from './support.ts';

const DAY = 86_400_000;

describe.each(DATABASE_TARGETS)('data retention job (%s)', (target) => {
  let db: Database;
  let deps: CoreDeps;
  let queue: InProcessQueue;

  beforeAll(async () => {
    db = await openTestDatabase(target);
    queue = createInProcessQueue(() => deps, silentLogger, { mailer: undefined, publicUrl: 'https://maillage.example', backoffMs: 30 });
    deps = await depsOver(db, queue);
  }, 60_000);
  afterAll(async () => {
    await queue?.close();
    await db?.close();
  });

  it('deletes what is past its retention, keeps the rest, and deletes nothing more when run again', async () => {
    const { sql } = db;
    const world = await buildWorld(deps, { citizens: 1 });
    const mission = await world.newMission('Visites de convivialité', 'Rendre visite à des personnes âgées isolées.');
    const [citizenId] = world.citizenIds;
    const [userId] = world.citizenUsers;
    const ago = (days: number) => new Date(Date.now() - days * DAY);
    // For each kind of row, one just past its retention (« old ») and one just within it (« kept »).
    const label = (old: boolean) => (old ? 'old' : 'kept');
    for (const old of [true, false]) {
      const shift = old ? 1 : -1;
      await sql`INSERT INTO sessions (id_hash, user_id, csrf_token, expires_at) VALUES (${`retention-${label(old)}-${Math.random()}`}, ${userId}, 'x', ${ago(shift)})`;
      await sql`INSERT INTO one_time_tokens (token_hash, user_id, purpose, expires_at) VALUES (${`retention-${label(old)}-${Math.random()}`}, ${userId}, 'verify_email', ${ago(RETENTION_DAYS.spentTokens + shift)})`;
      await sql`INSERT INTO outbox (idempotency_key, recipient, subject, text_body, kind, created_at, sent_at)
                VALUES (${`retention:${label(old)}:${Math.random()}`}, 'a@example.org', 'Objet', 'Corps', 'retention-sent', ${ago(RETENTION_DAYS.sentMessages + shift)}, now())`;
      await sql`INSERT INTO mission_impressions (mission_id, association_id, territory_id, citizen_id, rank, weights_version, shown_at)
                VALUES (${mission.id}, ${world.association.id}, ${world.territory.id}, ${citizenId}, 1, ${label(old)}, ${ago(RETENTION_DAYS.impressions + shift)})`;
      await sql`INSERT INTO profile_views (citizen_id, context, viewed_at) VALUES (${citizenId}, ${label(old)}, ${ago(RETENTION_DAYS.profileViews + shift)})`;
      await sql`INSERT INTO job_runs (id, name, payload, status, created_at) VALUES (${`retention-${label(old)}-${Math.random()}`}, 'retention.test', '{}', 'completed', ${ago(RETENTION_DAYS.jobRuns + shift)})`;
      await sql`INSERT INTO embedding_cache (model_id, text_hash, embedding, created_at)
                SELECT ${`retention-${label(old)}`}, decode(md5(${label(old)}), 'hex'), embedding, ${ago(RETENTION_DAYS.cachedEmbeddings + shift)} FROM missions WHERE id = ${mission.id}`;
    }
    // More old impressions than one batch deletes (5,000): the job loops until none is left.
    await sql`INSERT INTO mission_impressions (mission_id, association_id, territory_id, citizen_id, rank, weights_version, shown_at)
              SELECT ${mission.id}, ${world.association.id}, ${world.territory.id}, NULL, 1, 'old', ${ago(RETENTION_DAYS.impressions + 2)} FROM generate_series(1, 5200)`;
    // Never deleted, however old: a message not sent yet, a job run not finished.
    await sql`INSERT INTO outbox (idempotency_key, recipient, subject, text_body, kind, created_at)
              VALUES (${`retention:unsent:${Math.random()}`}, 'a@example.org', 'Objet', 'Corps', 'retention-unsent', ${ago(400)})`;
    await sql`INSERT INTO job_runs (id, name, payload, status, created_at) VALUES (${`retention-running-${Math.random()}`}, 'retention.test', '{}', 'running', ${ago(400)})`;

    const run = async () => {
      const id = await queue.enqueue('data.retention', {}, { jobId: jobIdOf('data.retention', 'test', Math.random()) });
      await queue.drain();
      const [row] = await sql<{ status: string; result: Record<string, number> }[]>`SELECT status, result FROM job_runs WHERE id = ${id}`;
      expect(row.status).toBe('completed');
      return row.result;
    };
    const first = await run();
    expect(first).toMatchObject({ spentTokens: 1, sentMessages: 1, impressions: 5201, profileViews: 1, jobRuns: 1, cachedEmbeddings: 1 });
    // Sessions: the expired one, and any other test's expired ones in this database.
    expect(first.expiredSessions).toBeGreaterThanOrEqual(1);

    const count = async (q: Promise<{ n: number }[]>) => (await q)[0].n;
    expect(await count(sql`SELECT count(*)::int AS n FROM sessions WHERE id_hash LIKE 'retention-%'`)).toBe(1);
    expect(await count(sql`SELECT count(*)::int AS n FROM one_time_tokens WHERE token_hash LIKE 'retention-kept-%'`)).toBe(1);
    expect(await count(sql`SELECT count(*)::int AS n FROM outbox WHERE kind LIKE 'retention-%'`)).toBe(2);
    expect(await count(sql`SELECT count(*)::int AS n FROM outbox WHERE kind = 'retention-unsent'`)).toBe(1);
    expect(await sql`SELECT weights_version FROM mission_impressions WHERE mission_id = ${mission.id}`).toEqual([{ weights_version: 'kept' }]);
    expect(await sql`SELECT context FROM profile_views WHERE citizen_id = ${citizenId}`).toEqual([{ context: 'kept' }]);
    expect((await sql<{ status: string }[]>`SELECT status FROM job_runs WHERE name = 'retention.test' ORDER BY status`).map((r) => r.status)).toEqual(['completed', 'running']);
    expect(await sql`SELECT model_id FROM embedding_cache WHERE model_id LIKE 'retention-%'`).toEqual([{ model_id: 'retention-kept' }]);

    const again = await run();
    expect(again).toMatchObject({ expiredSessions: 0, spentTokens: 0, sentMessages: 0, impressions: 0, profileViews: 0, jobRuns: 0, cachedEmbeddings: 0 });
  });
});
