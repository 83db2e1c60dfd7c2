import type { Queryable } from '../../db/database.ts';

export type AffectedCandidate = { id: string; similarity: number; stored: number; worst_score: number | null; has_set: boolean };

/**
 * Reverse nearest neighbours of a mission: the citizens whose wish is nearest to the mission's text (HNSW on
 * citizen_profiles, iterative scan so the filters do not starve it), among those the mission could be shown to:
 * within their radius (or remote and accepted), available at one of its slots, old enough, accessibility
 * offered. For each, how many suggestions they have stored and the worst stored score (the bar to clear).
 * Must run inside withVectorSettings.
 */
export async function selectReverseNeighbours(sql: Queryable, missionId: string, pool: number): Promise<AffectedCandidate[]> {
  return sql<AffectedCandidate[]>`
    WITH m AS (SELECT * FROM missions WHERE id = ${missionId} AND embedding IS NOT NULL),
    near AS (
      SELECT c.id, 1 - (c.embedding <=> (SELECT embedding FROM m)) AS similarity
      FROM citizen_profiles c, m
      WHERE c.embedding IS NOT NULL
        AND c.erased_at IS NULL
        AND ((m.is_remote AND c.accepts_remote)
          OR (m.lat IS NOT NULL AND distance_km(c.lat, c.lon, m.lat, m.lon) <= c.radius_km))
        AND (m.schedule = 0 OR c.availability = 0 OR (c.availability & m.schedule) <> 0)
        AND m.min_age <= COALESCE(extract(year FROM now())::int - c.birth_year, 18)
        AND m.accessibility @> c.accessibility_needs
      ORDER BY c.embedding <=> (SELECT embedding FROM m)
      LIMIT ${pool}
    )
    SELECT near.id, near.similarity::float8 AS similarity,
           COALESCE(st.n, 0)::int AS stored, st.worst::float8 AS worst_score, (ss.citizen_id IS NOT NULL) AS has_set
    FROM near
    LEFT JOIN suggestion_sets ss ON ss.citizen_id = near.id
    LEFT JOIN LATERAL (SELECT count(*) AS n, min(score) AS worst FROM suggestions s WHERE s.citizen_id = near.id) st ON true`;
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
