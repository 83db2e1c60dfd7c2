/**
 * Matching core: suggestions for one citizen on native PostgreSQL + pgvector at scale (100k missions, 100k
 * citizens; quick: 5k/5k), all figures from the same run:
 * - database path: p50/p95 of the live ranking (near missions from the search projection and its cells, remote
 *   ones by HNSW with iterative scan, full text; hard filters; re-ranking in TypeScript), of the whole use case
 *   (plus fairness, what-if hints, impressions), of the precomputed set's read (the stored suggestions still passing
 *   the filters, re-ranked), and of the same use case served from that set;
 * - exact ranking: the same score over every mission passing the filters (no index), its time, and the
 *   recall@20 of the live ranking against it;
 * - end to end: GET /api/me/suggestions over loopback on a real HTTP server (@hono/node-server), live and default;
 * - the same live ranking on the embedded PGlite at 20k missions (quick: 2k).
 * Needs DATABASE_URL for the native part (a throw-away database is created and dropped).
 */
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import postgres from 'postgres';
import { createApp } from '../../src/app.ts';
import { createSession } from '../../src/core/accounts/sessions.ts';
import type { CoreDeps } from '../../src/core/deps.ts';
import type { Embedder } from '../../src/core/embeddings/embedder.ts';
import { selectStoredCandidates, type Seeker } from '../../src/core/matching/candidates.sql.ts';
import { selectCitizenForMatching } from '../../src/core/matching/matching.sql.ts';
import { rankCandidates, rankMissionsExact, rankMissionsLive, rankMissionsLiveWithStats, SEARCH_SETTINGS } from '../../src/core/matching/rank.ts';
import { refreshCitizenSuggestions, seekerOfCitizen, suggestMissionsForCitizen } from '../../src/core/matching/suggest-missions.ts';
import { openDatabase, type Database, type Sql } from '../../src/db/database.ts';
import { migrate } from '../../src/db/migrate.ts';
import { silentLogger } from '../../src/logger.ts';
import { DIMENSION, loadMatchingData } from './matching-data.ts';
import { benchServers } from '../lib/bench-db.ts';

const out = (s: string) => process.stdout.write(s + '\n');
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))];
const fmt = (xs: number[]) => `p50 ${pct(xs, 50).toFixed(2)} ms, p95 ${pct(xs, 95).toFixed(2)} ms (n=${xs.length})`;

/** Named as what it is: the benchmark ranks stored vectors only; anything asking to embed text is a bug here. */
const stubEmbedder: Embedder = {
  id: 'bench/clustered-384',
  provider: 'offline',
  dimension: DIMENSION,
  embed: () => Promise.reject(new Error('the matching benchmark embeds nothing')),
};

async function timed<T>(fn: () => Promise<T>): Promise<[T, number]> {
  const t = performance.now();
  const r = await fn();
  return [r, performance.now() - t];
}

/** `count` citizens in a fixed pseudo-random order; `offset` skips the first ones (another sample, disjoint). */
async function sampleSeekers(deps: Pick<CoreDeps, 'sql' | 'embedder'>, count: number, offset = 0): Promise<Seeker[]> {
  const ids = await deps.sql<{ id: string }[]>`SELECT id FROM citizen_profiles ORDER BY md5(id::text) LIMIT ${count} OFFSET ${offset}`;
  const seekers: Seeker[] = [];
  for (const { id } of ids) seekers.push(await seekerOfCitizen(deps, (await selectCitizenForMatching(deps.sql, id))!));
  return seekers;
}

async function measureNative(url: string, quick: boolean) {
  const size = quick ? { missions: 5000, citizens: 5000, queries: 40, warmUp: 20 } : { missions: 100_000, citizens: 100_000, queries: 100, warmUp: 300 };
  const name = `maillage_bench_matching_${randomBytes(4).toString('hex')}`;
  const admin = postgres(url, { max: 1, onnotice: () => {} });
  await admin.unsafe(`CREATE DATABASE ${name}`);
  const dbUrl = new URL(url);
  dbUrl.pathname = '/' + name;
  const db = await openDatabase({ mode: 'postgres', url: dbUrl.toString(), poolSize: 4 }, silentLogger);
  try {
    await migrate(db.sql, silentLogger);
    const [, loadMs] = await timed(() => loadMatchingData(db.sql, { ...size, log: out }));
    out(`native PostgreSQL: ${size.missions} missions, ${size.citizens} citizens loaded and indexed in ${(loadMs / 1000).toFixed(1)} s`);
    const deps = { sql: db.sql, embedder: stubEmbedder };
    const seekers = await sampleSeekers(deps, size.queries);
    // Warm-up: other citizens' rankings, as a running instance has served before (its hot pages in shared_buffers).
    // With 10 warm-up rankings, each measured one still read ~460 pages from outside shared_buffers and the same
    // code measured p50 19 / p95 33 ms against 16 / 26-29 after 300, which left ~3 (2026-12-03, scratch runs after a
    // server restart). The measured citizens are not among the warm-up ones.
    for (const s of await sampleSeekers(deps, size.warmUp, size.queries)) await rankMissionsLive(db.sql, s);

    const liveMs: number[] = [];
    const exactMs: number[] = [];
    let recall = 0;
    let minRecall = 1;
    let eligible = 0;
    let certified = 0;
    let rounds = 0;
    // Live rankings first, then the exact ones: a full scan between two live queries would evict what a live
    // query keeps warm in a running service, and time the scan's aftermath instead of the query.
    const lives = [];
    for (const s of seekers) {
      const [stats, ms] = await timed(() => rankMissionsLiveWithStats(db.sql, s));
      lives.push(stats.ranked);
      certified += stats.certified ? 1 : 0;
      rounds += stats.rounds;
      liveMs.push(ms);
    }
    for (const [i, s] of seekers.entries()) {
      const [exact, exMs] = await timed(() => rankMissionsExact(db.sql, s));
      exactMs.push(exMs);
      eligible += exact.length;
      const truth = new Set(exact.slice(0, 20).map((r) => r.row.id));
      const hit = lives[i].slice(0, 20).filter((r) => truth.has(r.row.id)).length;
      const r = truth.size === 0 ? 1 : hit / truth.size;
      recall += r;
      minRecall = Math.min(minRecall, r);
    }
    const [{ cells }] = await db.sql<{ cells: number }[]>`SELECT count(*)::int AS cells FROM mission_cells`;
    out(
      `settings: k=${SEARCH_SETTINGS.k} nearest on-site (exact cosine over the radius in the ${cells > 0 ? `nearest of ${cells} cells` : 'whole radius'}, whole radius below ${SEARCH_SETTINGS.denseBox} missions) + ` +
        `${SEARCH_SETTINGS.remoteK} remote (hnsw.ef_search=${SEARCH_SETTINGS.efSearch}, iterative_scan=relaxed_order) + ${SEARCH_SETTINGS.textK} full-text`,
    );
    out(`top 20 certified complete by the similarity bound: ${certified}/${seekers.length} queries, ${(rounds / seekers.length).toFixed(2)} candidate queries on average`);
    out(`DB path, live ranking of one citizen (kNN + full text + filters + re-rank):  ${fmt(liveMs)}   target p95 <= 15 ms`);
    out(`  (each citizen's first ranking, after ${size.warmUp} other citizens' rankings warmed the server up)`);
    out(`exact ranking (same score over all ${Math.round(eligible / seekers.length)} eligible missions on average, full scan): ${fmt(exactMs)}`);
    out(`recall@20 of the live ranking against the exact ranking: mean ${(recall / seekers.length).toFixed(4)}, min ${minRecall.toFixed(2)}   target >= 0.98`);

    const citizenIds = (await db.sql<{ id: string }[]>`SELECT id FROM citizen_profiles ORDER BY md5(id::text) LIMIT ${size.queries}`).map((r) => r.id);
    const useCaseMs: number[] = [];
    for (const id of citizenIds) useCaseMs.push((await timed(() => suggestMissionsForCitizen(deps, id, { limit: 20, whatIf: true, live: true })))[1]);
    out(`DB path, whole use case (+ fairness, what-if hints, impressions): ${fmt(useCaseMs)}`);

    // What a signed-in citizen is served by default: the set the worker keeps fresh (same ranking, stored).
    for (const id of citizenIds) await refreshCitizenSuggestions(deps, id);
    // Its database part, as the live line above measures the live ranking's: the stored suggestions that still pass
    // the hard filters, with their facts, re-ranked (the same citizens: sampleSeekers reads them in the same order).
    const storedDbMs: number[] = [];
    for (const s of seekers) storedDbMs.push((await timed(async () => rankCandidates(await selectStoredCandidates(db.sql, { ...s, citizenId: s.citizenId! }), s)))[1]);
    out(`DB path, precomputed set of one citizen (stored suggestions still passing the filters + re-rank): ${fmt(storedDbMs)}`);
    const storedMs: number[] = [];
    for (const id of citizenIds) storedMs.push((await timed(() => suggestMissionsForCitizen(deps, id, { limit: 20, whatIf: true, live: false })))[1]);
    out(`DB path, whole use case served from the precomputed set (fresh, the default): ${fmt(storedMs)}`);
    await measureHttp(db, citizenIds, quick);
  } finally {
    await db.close();
    await admin.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  }
}

/** A real HTTP server on 127.0.0.1; one signed-in user per sampled citizen; sequential bounded request loop. */
async function measureHttp(db: Database, citizenIds: string[], quick: boolean) {
  const tokens: string[] = [];
  for (const [i, id] of citizenIds.entries()) {
    const [u] = await db.sql<{ id: string }[]>`
      INSERT INTO users (email, display_name, email_verified_at) VALUES (${`bench-${i}@example.org`}, 'Bench', now()) RETURNING id`;
    await db.sql`UPDATE citizen_profiles SET user_id = ${u.id} WHERE id = ${id}`;
    tokens.push((await createSession(db.sql, u.id)).token);
  }
  const jobs = { mode: 'in-process' as const, enqueue: async () => 'bench' };
  const app = createApp({ sql: db.sql, embedder: stubEmbedder, jobs: jobs as never, log: silentLogger, config: { env: 'test', publicUrl: 'http://127.0.0.1' }, database: db });
  const server = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 });
  await new Promise((r) => server.once('listening', r));
  const { port } = server.address() as AddressInfo;
  const rounds = quick ? 2 : 3;
  for (const [query, label] of [['?live=true', 'live'], ['', 'precomputed set (fresh), the default']] as const) {
    const ms: number[] = [];
    let failures = 0;
    for (let round = 0; round < rounds; round++) {
      for (const token of tokens) {
        const t = performance.now();
        const res = await fetch(`http://127.0.0.1:${port}/api/me/suggestions${query}`, { headers: { authorization: `Bearer ${token}` } });
        await res.arrayBuffer();
        if (round > 0) ms.push(performance.now() - t); // round 0 warms up
        if (res.status !== 200) failures++;
      }
    }
    out(`end to end GET /api/me/suggestions${query} over loopback (${label}, 20 items, hints): ${fmt(ms)}${failures ? `, ${failures} failures` : ''}   target p95 <= 30 ms`);
  }
  await new Promise((r) => server.close(r));
}

async function measurePglite(quick: boolean) {
  const size = quick ? { missions: 2000, citizens: 500, queries: 20 } : { missions: 20_000, citizens: 2000, queries: 50 };
  const db = await openDatabase({ mode: 'pglite', dataDir: 'memory' }, silentLogger);
  try {
    await migrate(db.sql, silentLogger);
    const [, loadMs] = await timed(() => loadMatchingData(db.sql as Sql, size));
    const deps = { sql: db.sql, embedder: stubEmbedder };
    const seekers = await sampleSeekers(deps, size.queries);
    for (const s of seekers.slice(0, 3)) await rankMissionsLive(db.sql, s);
    const ms: number[] = [];
    const exactMs: number[] = [];
    for (const s of seekers) ms.push((await timed(() => rankMissionsLive(db.sql, s)))[1]);
    for (const s of seekers) exactMs.push((await timed(() => rankMissionsExact(db.sql, s)))[1]);
    out(`PGlite (embedded), ${size.missions} missions (loaded in ${(loadMs / 1000).toFixed(1)} s): live ranking ${fmt(ms)}   target p95 <= 100 ms`);
    out(`PGlite exact ranking (full scan): ${fmt(exactMs)}`);
  } finally {
    await db.close();
  }
}

export async function run(opts: { quick: boolean }): Promise<void> {
  const url = benchServers().databaseUrl;
  if (url) await measureNative(url, opts.quick);
  else out('DATABASE_URL not set: native PostgreSQL figures skipped (export DATABASE_URL=$(/work/shared/services/pgvector-up)).');
  await measurePglite(opts.quick);
}
