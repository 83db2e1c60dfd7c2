import type { Queryable } from '../../db/database.ts';

import type { CandidateRow } from '../matching/candidates.sql.ts';

/** A citizen the mission could be shown to, with what scoring the pair needs and the bar to clear. */
export type AffectedCandidate = CandidateRow & {
  citizen_id: string;
  citizen_skills: string[];
  citizen_themes: string[];
  radius_km: number;
  availability: number;
  stored: number;
  worst_score: number | null;
  set_weights_version: string;
};

export type MissionForMatch = {
  id: string;
  vector: string;
  lat: number | null;
  lon: number | null;
  is_remote: boolean;
  schedule: number;
  min_age: number;
  accessibility: string[];
};

/** The mission as the reverse search needs it, when it can be shown at all (open, not full, not ended, not suspended). */
export async function selectMissionForMatch(sql: Queryable, missionId: string): Promise<MissionForMatch | undefined> {
  const [row] = await sql<MissionForMatch[]>`
    SELECT m.id, m.embedding::text AS vector, m.lat, m.lon, m.is_remote, m.schedule, m.min_age, m.accessibility
    FROM missions m
    WHERE m.id = ${missionId} AND m.embedding IS NOT NULL AND m.status = 'open' AND m.accepted_count < m.places
      AND (m.ends_on IS NULL OR m.ends_on >= current_date)
      AND NOT EXISTS (SELECT 1 FROM associations x WHERE x.id = m.association_id AND x.verification = 'suspended')`;
  return row;
}

/**
 * Reverse nearest neighbours of a mission: the citizens whose wish is nearest to the mission's text (cosine
 * distance; the planner picks the HNSW index or, when the radius filter is selective, a filtered scan), among those the mission may be shown to
 * (the hard filters of a citizen's own search, seen from the mission: open and not full, within their radius
 * or remote and accepted, old enough, accessibility offered, not dismissed or applied to), then only those
 * with a stored set (the others are ranked live, always current; nearly everyone has one after the nightly
 * run). For each: the pair's facts as a citizen's search would read them, how many suggestions they store and their worst stored score.
 * Must run inside withVectorSettings.
 */
export async function selectReverseNeighbours(sql: Queryable, m: MissionForMatch, pool: number): Promise<AffectedCandidate[]> {
  // The mission's values are parameters, not a join: with a join the planner sorted every citizen by distance
  // (2.1 s at 100,000); with parameters the radius and availability filters apply first (0.4 s).
  const lat = m.lat ?? 0;
  const lon = m.lon ?? 0;
  return sql<AffectedCandidate[]>`
    WITH near AS (
      SELECT c.id, c.embedding <=> ${m.vector}::vector AS cos_distance
      FROM citizen_profiles c
      WHERE c.erased_at IS NULL
        AND ((${m.is_remote}::boolean AND c.accepts_remote)
          OR (${m.lat !== null}::boolean AND distance_km(c.lat, c.lon, ${lat}::float8, ${lon}::float8) <= c.radius_km))
        AND (${m.schedule}::int = 0 OR c.availability = 0 OR (c.availability & ${m.schedule}::int) <> 0)
        AND ${m.min_age}::int <= COALESCE(extract(year FROM now())::int - c.birth_year, 18)
        AND ${m.accessibility}::text[] @> c.accessibility_needs
      ORDER BY c.embedding <=> ${m.vector}::vector
      LIMIT ${pool}
    )
    SELECT c.id AS citizen_id, c.skills AS citizen_skills, c.themes AS citizen_themes, c.radius_km, c.availability,
      mi.id, mi.association_id, a.name AS association_name, mi.territory_id, mi.title, mi.skills, mi.themes, mi.is_remote,
      co.name AS commune_name, mi.schedule, mi.places - mi.accepted_count AS places_left, mi.pending_count, mi.accepted_count,
      a.response_hours,
      extract(epoch FROM now() - COALESCE(mi.published_at, mi.created_at))::float8 / 86400 AS age_days,
      (mi.starts_on - current_date) AS starts_in_days,
      (1 - near.cos_distance)::float8 AS similarity,
      CASE WHEN c.wish <> '' AND mi.search @@ websearch_to_tsquery('french', c.wish)
           THEN ts_rank_cd(mi.search, websearch_to_tsquery('french', c.wish)) ELSE 0 END::float8 AS text_rank,
      CASE WHEN mi.lat IS NULL THEN NULL ELSE distance_km(c.lat, c.lon, mi.lat, mi.lon) END AS distance_km,
      COALESCE(st.n, 0)::int AS stored, st.worst::float8 AS worst_score, ss.weights_version AS set_weights_version
    FROM near JOIN citizen_profiles c ON c.id = near.id
    JOIN suggestion_sets ss ON ss.citizen_id = c.id
    CROSS JOIN missions mi
    JOIN associations a ON a.id = mi.association_id
    LEFT JOIN communes co ON co.insee = mi.commune_insee
    LEFT JOIN LATERAL (SELECT count(*) AS n, min(s.score) AS worst FROM suggestions s WHERE s.citizen_id = c.id AND s.mission_id <> mi.id) st ON true
    WHERE mi.id = ${m.id}
      AND NOT EXISTS (SELECT 1 FROM dismissals d WHERE d.citizen_id = c.id AND d.mission_id = mi.id)
      AND NOT EXISTS (SELECT 1 FROM applications p WHERE p.citizen_id = c.id AND p.mission_id = mi.id)`;
}

export type ScoredPair = { citizen_id: string; score: number; components: unknown };

/**
 * Puts the mission into the stored sets of these citizens with its score, then trims each set back to `keep`
 * rows (the lowest scores leave; `fullSets` are the citizens whose set was full before). One statement per step,
 * whatever the number of citizens.
 */
export async function upsertMissionSuggestions(sql: Queryable, missionId: string, weightsVersion: string, rows: ScoredPair[], keep: number, fullSets: string[]) {
  if (rows.length === 0) return;
  await sql`
    INSERT INTO suggestions (citizen_id, mission_id, score, components, weights_version, computed_at)
    SELECT u.citizen_id, ${missionId}::uuid, u.score, u.components, ${weightsVersion}, now()
    FROM unnest(${rows.map((r) => r.citizen_id)}::uuid[], ${rows.map((r) => r.score)}::real[], ${rows.map((r) => JSON.stringify(r.components))}::jsonb[])
      AS u(citizen_id, score, components)
    ON CONFLICT (citizen_id, mission_id) DO UPDATE SET score = EXCLUDED.score, components = EXCLUDED.components,
      weights_version = EXCLUDED.weights_version, computed_at = EXCLUDED.computed_at`;
  // Only sets that were already full can overflow.
  if (fullSets.length === 0) return;
  await sql`
    DELETE FROM suggestions s USING (
      SELECT citizen_id, mission_id, row_number() OVER (PARTITION BY citizen_id ORDER BY score DESC, mission_id) AS rank
      FROM suggestions WHERE citizen_id = ANY(${fullSets}::uuid[])
    ) ranked
    WHERE s.citizen_id = ranked.citizen_id AND s.mission_id = ranked.mission_id AND ranked.rank > ${keep}`;
}

/** Removes the mission from the stored sets of these citizens (it no longer fits them, or closed). */
export async function deleteMissionSuggestions(sql: Queryable, missionId: string, citizenIds: string[]) {
  if (citizenIds.length === 0) return;
  await sql`DELETE FROM suggestions WHERE mission_id = ${missionId} AND citizen_id = ANY(${citizenIds}::uuid[])`;
}

/** The citizens who currently have the mission among their stored suggestions (a change may drop or move it). */
export async function selectCitizensHoldingMission(sql: Queryable, missionId: string): Promise<string[]> {
  const rows = await sql<{ citizen_id: string }[]>`SELECT citizen_id FROM suggestions WHERE mission_id = ${missionId}`;
  return rows.map((r) => r.citizen_id);
}

export async function selectMissionStatus(sql: Queryable, missionId: string) {
  const [row] = await sql<{ status: string; has_embedding: boolean; updated_at: Date }[]>`
    SELECT status, embedding IS NOT NULL AS has_embedding, updated_at FROM missions WHERE id = ${missionId}`;
  return row;
}

/** Citizens whose stored set is older than `before` (or missing), by id: the nightly recompute's pages. */
export async function selectCitizensToRecompute(sql: Queryable, before: Date, after: string | null, limit: number): Promise<string[]> {
  const rows = await sql<{ id: string }[]>`
    SELECT c.id FROM citizen_profiles c LEFT JOIN suggestion_sets s ON s.citizen_id = c.id
    WHERE c.erased_at IS NULL AND (s.computed_at IS NULL OR s.computed_at < ${before})
      AND (${after}::uuid IS NULL OR c.id > ${after}::uuid)
    ORDER BY c.id LIMIT ${limit}`;
  return rows.map((r) => r.id);
}

export async function countCitizensToRecompute(sql: Queryable, before: Date): Promise<number> {
  const [row] = await sql<{ n: number }[]>`
    SELECT count(*)::int AS n FROM citizen_profiles c LEFT JOIN suggestion_sets s ON s.citizen_id = c.id
    WHERE c.erased_at IS NULL AND (s.computed_at IS NULL OR s.computed_at < ${before})`;
  return row.n;
}
