import { withLocalSettings, type Queryable } from '../../db/database.ts';

export type CitizenMatchRow = {
  id: string;
  user_id: string | null;
  first_name: string;
  birth_year: number | null;
  wish: string;
  skills: string[];
  themes: string[];
  availability: number;
  radius_km: number;
  accessibility_needs: string[];
  accepts_remote: boolean;
  lat: number;
  lon: number;
  territory_id: string;
  embedding: string | null;
  updated_at: Date;
  set_computed_at: Date | null;
  set_weights_version: string | null;
};

export async function selectCitizenForMatching(sql: Queryable, citizenId: string): Promise<CitizenMatchRow | undefined> {
  const [row] = await sql<CitizenMatchRow[]>`
    SELECT c.id, c.user_id, c.first_name, c.birth_year, c.wish, c.skills, c.themes, c.availability, c.radius_km,
           c.accessibility_needs, c.accepts_remote, c.lat, c.lon, c.territory_id, c.embedding::text AS embedding, c.updated_at,
           s.computed_at AS set_computed_at, s.weights_version AS set_weights_version
    FROM citizen_profiles c LEFT JOIN suggestion_sets s ON s.citizen_id = c.id
    WHERE c.id = ${citizenId}`;
  return row;
}

export type StoredSuggestion = { mission_id: string; score: number; components: unknown };

/** Replaces a citizen's precomputed suggestions and stamps the set (one transaction: readers see old or new). */
export async function replaceSuggestions(sql: Queryable, citizenId: string, weightsVersion: string, rows: StoredSuggestion[]) {
  // Two refreshes of one citizen (a job and a direct call) must not interleave their delete and insert.
  await sql`SELECT pg_advisory_xact_lock(hashtextextended('suggestions:' || ${citizenId}::text, 0))`;
  await sql`DELETE FROM suggestions WHERE citizen_id = ${citizenId}`;
  if (rows.length) {
    await sql`
      INSERT INTO suggestions (citizen_id, mission_id, score, components, weights_version)
      SELECT ${citizenId}::uuid, u.mission_id, u.score, u.components, ${weightsVersion}
      FROM unnest(${rows.map((r) => r.mission_id)}::uuid[], ${rows.map((r) => r.score)}::real[], ${rows.map((r) => JSON.stringify(r.components))}::jsonb[])
        AS u(mission_id, score, components)`;
  }
  await sql`
    INSERT INTO suggestion_sets (citizen_id, weights_version, computed_at) VALUES (${citizenId}, ${weightsVersion}, now())
    ON CONFLICT (citizen_id) DO UPDATE SET weights_version = EXCLUDED.weights_version, computed_at = EXCLUDED.computed_at`;
}

export async function deleteSuggestion(sql: Queryable, citizenId: string, missionId: string) {
  await sql`DELETE FROM suggestions WHERE citizen_id = ${citizenId} AND mission_id = ${missionId}`;
}

export type Impression = { missionId: string; associationId: string; territoryId: string; rank: number };

/**
 * Logs the impressions of a page. On its own (not inside a caller's transaction) the insert commits without
 * waiting for its WAL flush (synchronous_commit off for this transaction only): a crash of the database server may
 * lose the last fraction of a second of impressions, never corrupt them, and a page does not wait for a disk flush
 * to log what it shows (p95 of the insert 4.3 -> 3.2 ms at 100k missions). Exposure reports count impressions over
 * days. The log's foreign keys are kept few for the same reason (sql/migrations/0018).
 */
export async function insertImpressions(sql: Queryable, citizenId: string | null, weightsVersion: string, items: Impression[]) {
  if (items.length === 0) return;
  const insert = (tx: Queryable) => tx`
    INSERT INTO mission_impressions (mission_id, association_id, territory_id, citizen_id, rank, weights_version)
    SELECT u.m, u.a, u.t, ${citizenId}::uuid, u.r, ${weightsVersion}
    FROM unnest(${items.map((i) => i.missionId)}::uuid[], ${items.map((i) => i.associationId)}::uuid[],
                ${items.map((i) => i.territoryId)}::uuid[], ${items.map((i) => i.rank)}::int[]) AS u(m, a, t, r)`;
  // Queued before the insert, in the same round trip; inside a caller's transaction its commit is the caller's.
  await withLocalSettings(sql, { synchronous_commit: 'off' }, insert, 'skip');
}

/** Impressions per association having open missions in the territory (zero included), over the last days. */
export async function selectExposure(sql: Queryable, territoryCode: string, days: number) {
  return sql<{ association_id: string; impressions: number; missions_without: number }[]>`
    WITH t AS (SELECT id FROM territories WHERE code = ${territoryCode}),
    open_missions AS (
      SELECT m.id, m.association_id FROM missions m WHERE m.territory_id = (SELECT id FROM t) AND m.status = 'open'
    ), shown AS (
      SELECT i.mission_id, count(*)::int AS n FROM mission_impressions i
      WHERE i.territory_id = (SELECT id FROM t) AND i.shown_at > now() - make_interval(days => ${days})
      GROUP BY i.mission_id
    )
    SELECT o.association_id, COALESCE(sum(s.n), 0)::int AS impressions, count(*) FILTER (WHERE s.n IS NULL)::int AS missions_without
    FROM open_missions o LEFT JOIN shown s ON s.mission_id = o.id
    GROUP BY o.association_id`;
}

export async function selectTerritoryByCode(sql: Queryable, code: string) {
  const [row] = await sql<{ id: string; code: string }[]>`SELECT id, code FROM territories WHERE code = ${code}`;
  return row;
}
