/**
 * Board renewal on native PostgreSQL + pgvector: 20,000 citizens (quick: 5,000) of whom one in ten opted in to
 * governance volunteering, an association with a described board and three open roles. Measures, in one run:
 * - rankBoardCandidates for one role (need embedding from cache, HNSW kNN on citizens and offers, conflicts,
 *   re-ranking and French explanations): p50/p95;
 * - suggestBoardSlates (three roles ranked, pool merged, best pair and trio): p50/p95, pool size and method.
 * Needs DATABASE_URL (a throw-away database is created and dropped); without it, says so and returns.
 */
import { createHash } from 'node:crypto';
import type { Actor } from '../../src/core/actor.ts';
import { rankBoardCandidates, suggestBoardSlates } from '../../src/core/board/candidates.ts';
import type { Embedder } from '../../src/core/embeddings/embedder.ts';
import { createSpace, DIMENSION, loadMatchingData } from './matching-data.ts';
import { benchServers, withScratchDatabase } from '../lib/bench-db.ts';

const out = (s: string) => process.stdout.write(s + '\n');
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))];
const fmt = (xs: number[]) => `p50 ${pct(xs, 50).toFixed(1)} ms, p95 ${pct(xs, 95).toFixed(1)} ms (n=${xs.length})`;

const space = createSpace(43);
/** Named as what it is: a stand-in that maps a text to one sub-topic centre of the synthetic space (by hash). */
const stubEmbedder: Embedder = {
  id: 'bench/clustered-384',
  provider: 'offline',
  dimension: DIMENSION,
  embed: async (texts) =>
    texts.map((t) => {
      const h = createHash('sha256').update(t).digest();
      return Float32Array.from(space.subtopics[h[0] % space.subtopics.length][h[1] % 10]);
    }),
};

export async function run(opts: { quick: boolean }): Promise<void> {
  const url = benchServers().databaseUrl;
  if (!url) {
    out('board: skipped (set DATABASE_URL to a PostgreSQL with pgvector, e.g. $(/work/shared/services/pgvector-up))');
    return;
  }
  const size = opts.quick ? { citizens: 5000, queries: 20 } : { citizens: 20_000, queries: 60 };
  await withScratchDatabase(url, 'maillage_bench_board', async (db) => {
    const t0 = performance.now();
    await loadMatchingData(db.sql, { missions: 400, citizens: size.citizens, seed: 42 });
    await db.sql`UPDATE citizen_profiles SET is_open_to_board_roles = true WHERE abs(hashtext(id::text)) % 10 = 0`;
    await db.sql`ANALYZE citizen_profiles`;
    const [{ open }] = await db.sql<{ open: number }[]>`SELECT count(*)::int AS open FROM citizen_profiles WHERE is_open_to_board_roles`;
    const [a] = await db.sql<{ id: string }[]>`SELECT id FROM associations ORDER BY rna LIMIT 1`;
    await db.sql`UPDATE associations SET themes = '{solidarite,education}' WHERE id = ${a.id}`;
    await db.sql`
      INSERT INTO board_members (association_id, full_name, role, competencies, mandate_end, is_key_person) VALUES
        (${a.id}, 'Présidente', 'president', '{gestion_projet,domaine}', current_date + 200, true),
        (${a.id}, 'Secrétaire', 'secretaire', '{juridique,communication}', NULL, false)`;
    const needIds = (
      await db.sql<{ id: string }[]>`
        INSERT INTO board_needs (association_id, role, description, competencies, meetings_per_month, priority) VALUES
          (${a.id}, 'tresorier', 'Tenir les comptes', '[{"code":"finance","weight":1},{"code":"collecte","weight":0.5}]', 1, 1),
          (${a.id}, 'president', 'Succéder à la présidente', '[{"code":"gestion_projet","weight":1},{"code":"rh","weight":0.5}]', 2, 1),
          (${a.id}, 'administrateur', 'Développer le numérique', '[{"code":"numerique","weight":1}]', 1, 2)
        RETURNING id`
    ).map((r) => r.id);
    out(`native PostgreSQL: ${size.citizens} citizens (${open} open to board roles) loaded in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

    const actor: Actor = { kind: 'user', userId: '00000000-0000-4000-8000-000000000000', email: 'bench@example.org', displayName: 'Banc', isPlatformAdmin: true, isModerator: false, isOrganiser: false, citizenId: null, associations: [], companies: [] };
    const deps = { sql: db.sql, embedder: stubEmbedder };
    await rankBoardCandidates(deps, actor, a.id, needIds[0], { limit: 20 }); // warm-up (fills the embedding cache)
    const rankMs: number[] = [];
    for (let i = 0; i < size.queries; i++) {
      const t = performance.now();
      await rankBoardCandidates(deps, actor, a.id, needIds[i % needIds.length], { limit: 20, excludeConflicts: i % 2 === 0 });
      rankMs.push(performance.now() - t);
    }
    out(`rank candidates for one role: ${fmt(rankMs)}`);
    const slateMs: number[] = [];
    let last = await suggestBoardSlates(deps, actor, a.id, {});
    for (let i = 0; i < Math.max(5, size.queries / 4); i++) {
      const t = performance.now();
      last = await suggestBoardSlates(deps, actor, a.id, {});
      slateMs.push(performance.now() - t);
    }
    out(`slates over 3 roles: ${fmt(slateMs)}; pool ${last.poolSize}, ${last.method}, trio ${last.trio?.value.toFixed(2)} <= bound ${last.trioUpperBound?.toFixed(2)} of ${last.totalGapWeight.toFixed(2)}`);
  });
}
