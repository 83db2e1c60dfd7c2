import type { Queryable, Sql } from '../../db/database.ts';

/** Who is looking for missions: a citizen's profile, or an anonymous wish with a place. */
export type Seeker = {
  citizenId: string | null;
  /** pgvector literal of the wish's embedding (kind 'query'). */
  vector: string;
  wish: string;
  lat: number;
  lon: number;
  radiusKm: number;
  acceptsRemote: boolean;
  /** Age in years; null when unknown (see UNKNOWN_AGE). */
  age: number | null;
  accessibilityNeeds: string[];
  skills: string[];
  themes: string[];
  availabilityMask: number;
};

export type CandidateRow = {
  id: string;
  association_id: string;
  association_name: string;
  territory_id: string;
  title: string;
  skills: string[];
  themes: string[];
  is_remote: boolean;
  commune_name: string | null;
  schedule: number;
  places_left: number;
  pending_count: number;
  accepted_count: number;
  response_hours: number | null;
  age_days: number | null;
  starts_in_days: number | null;
  similarity: number;
  text_rank: number;
  distance_km: number | null;
};

/** Unknown age: treat as an adult for missions up to 18, never for stricter ones. */
export const UNKNOWN_AGE = 18;
const KM_PER_DEGREE = 111.2;

/**
 * The hard constraints, as one SQL condition on `m`: open, not full, not ended, association not suspended,
 * old enough, every declared accessibility need offered, within the radius (or remote when accepted), and
 * never a mission the citizen applied to or dismissed. A bounding box lets the planner use missions_open_lat_idx.
 */
export function hardFilters(sql: Queryable, s: Seeker, radiusKm = s.radiusKm) {
  return sql`${commonFilters(sql, s)} AND ((${s.acceptsRemote}::boolean AND m.is_remote) OR ${withinRadius(sql, s, radiusKm)})`;
}

/** Every hard constraint except the place. */
function commonFilters(sql: Queryable, s: Seeker) {
  return sql`
    m.status = 'open' AND m.accepted_count < m.places
    AND (m.ends_on IS NULL OR m.ends_on >= current_date)
    AND m.min_age <= ${s.age ?? UNKNOWN_AGE}::int
    AND m.accessibility @> ${s.accessibilityNeeds}::text[]
    AND NOT EXISTS (SELECT 1 FROM associations x WHERE x.id = m.association_id AND x.verification = 'suspended')
    AND NOT EXISTS (SELECT 1 FROM dismissals d WHERE d.citizen_id = ${s.citizenId}::uuid AND d.mission_id = m.id)
    AND NOT EXISTS (SELECT 1 FROM applications p WHERE p.citizen_id = ${s.citizenId}::uuid AND p.mission_id = m.id)`;
}

/** On-site missions within the radius; the bounding box lets the planner use missions_open_lat_idx. */
function withinRadius(sql: Queryable, s: Seeker, radiusKm: number) {
  const dLat = radiusKm / KM_PER_DEGREE;
  const dLon = radiusKm / (KM_PER_DEGREE * Math.max(0.01, Math.cos((s.lat * Math.PI) / 180)));
  return sql`(m.lat BETWEEN ${s.lat - dLat}::float8 AND ${s.lat + dLat}::float8
          AND m.lon BETWEEN ${s.lon - dLon}::float8 AND ${s.lon + dLon}::float8
          AND distance_km(${s.lat}::float8, ${s.lon}::float8, m.lat, m.lon) <= ${radiusKm}::float8)`;
}

const facts = (sql: Queryable, s: Seeker) => sql`
  m.id, m.association_id, a.name AS association_name, m.territory_id, m.title, m.skills, m.themes, m.is_remote,
  c.name AS commune_name, m.schedule, m.places - m.accepted_count AS places_left, m.pending_count, m.accepted_count,
  a.response_hours,
  extract(epoch FROM now() - COALESCE(m.published_at, m.created_at))::float8 / 86400 AS age_days,
  (m.starts_on - current_date) AS starts_in_days,
  COALESCE(1 - (m.embedding <=> ${s.vector}::vector), 0)::float8 AS similarity,
  CASE WHEN ${s.wish}::text <> '' AND m.search @@ websearch_to_tsquery('french', ${s.wish}::text)
       THEN ts_rank_cd(m.search, websearch_to_tsquery('french', ${s.wish}::text)) ELSE 0 END::float8 AS text_rank,
  CASE WHEN m.lat IS NULL THEN NULL ELSE distance_km(${s.lat}::float8, ${s.lon}::float8, m.lat, m.lon) END AS distance_km`;

/**
 * Candidates for re-ranking: the k nearest on-site missions within the radius and the remoteK nearest remote
 * ones by cosine distance, merged with the best full-text matches of the wish, hard filters applied. Two
 * branches because "remote OR within the radius" defeats both indexes: on-site, the planner picks the
 * bounding box + exact sort for small radii and HNSW (iterative scan, so filters do not starve it) for large
 * ones; remote missions go through HNSW with the iterative scan.
 * Must run inside a transaction that set hnsw.ef_search / hnsw.iterative_scan (see withVectorSettings).
 */
/** How far each nearest-neighbour branch reached: with k rows, unseen missions are at least max_dist away. */
export type BranchStats = { near_count: number; near_max_dist: number | null; remote_count: number; remote_max_dist: number | null };

export async function selectMissionCandidates(sql: Queryable, s: Seeker, k: number, remoteK: number, textK: number): Promise<(CandidateRow & BranchStats)[]> {
  return sql<(CandidateRow & BranchStats)[]>`
    WITH near AS (
      SELECT m.id, m.embedding <=> ${s.vector}::vector AS dist FROM missions m
      WHERE ${commonFilters(sql, s)} AND ${withinRadius(sql, s, s.radiusKm)}
      ORDER BY m.embedding <=> ${s.vector}::vector
      LIMIT ${k}
    ), remote AS (
      SELECT m.id, m.embedding <=> ${s.vector}::vector AS dist FROM missions m
      WHERE ${s.acceptsRemote}::boolean AND m.is_remote AND ${commonFilters(sql, s)}
      ORDER BY m.embedding <=> ${s.vector}::vector
      LIMIT ${remoteK}
    ), fts AS (
      SELECT m.id FROM missions m
      WHERE ${s.wish}::text <> '' AND m.search @@ websearch_to_tsquery('french', ${s.wish}::text) AND ${hardFilters(sql, s)}
      ORDER BY ts_rank_cd(m.search, websearch_to_tsquery('french', ${s.wish}::text)) DESC
      LIMIT ${textK}
    ), ids AS (SELECT id FROM near UNION SELECT id FROM remote UNION SELECT id FROM fts)
    SELECT ${facts(sql, s)},
      (SELECT count(*) FROM near)::int AS near_count, (SELECT max(dist) FROM near)::float8 AS near_max_dist,
      (SELECT count(*) FROM remote)::int AS remote_count, (SELECT max(dist) FROM remote)::float8 AS remote_max_dist
    FROM ids JOIN missions m ON m.id = ids.id JOIN associations a ON a.id = m.association_id
    LEFT JOIN communes c ON c.insee = m.commune_insee`;
}

/** Every mission passing the hard filters, with the same facts: the exact ranking's input (no index, no k). */
export async function selectAllEligibleMissions(sql: Queryable, s: Seeker): Promise<CandidateRow[]> {
  return sql<CandidateRow[]>`
    SELECT ${facts(sql, s)}
    FROM missions m JOIN associations a ON a.id = m.association_id LEFT JOIN communes c ON c.insee = m.commune_insee
    WHERE ${hardFilters(sql, s)}`;
}

/**
 * On-site missions passing the hard filters within the current radius and within a wider one (what-if hint);
 * remote missions are the same for both radii, so they are left out. The bounding box of the wider radius
 * uses missions_open_lat_idx.
 */
export async function countOnSiteWithin(sql: Queryable, s: Seeker, widerKm: number): Promise<{ now: number; wider: number }> {
  const [row] = await sql<{ now: number; wider: number }[]>`
    SELECT count(*) FILTER (WHERE distance_km(${s.lat}::float8, ${s.lon}::float8, m.lat, m.lon) <= ${s.radiusKm}::float8)::int AS now,
           count(*)::int AS wider
    FROM missions m WHERE ${commonFilters(sql, s)} AND ${withinRadius(sql, s, widerKm)}`;
  return row;
}

/** Remote missions passing the other hard filters, counted up to `cap` (hint for citizens who refuse remote work). */
export async function countRemoteEligible(sql: Queryable, s: Seeker, cap: number): Promise<number> {
  const [row] = await sql<{ n: number }[]>`
    SELECT count(*)::int AS n FROM (SELECT 1 FROM missions m WHERE m.is_remote AND ${commonFilters(sql, s)} LIMIT ${cap}) x`;
  return row.n;
}

/**
 * Runs `fn` in a transaction with the vector search settings: ef_search (candidate list size), iterative
 * scan so filtered kNN keeps scanning until k rows pass (pgvector >= 0.8), and custom plans, because a cached
 * generic plan would ignore the radius when choosing between the HNSW and the bounding-box index.
 */
export async function withVectorSettings<T>(sql: Queryable, efSearch: number, fn: (tx: Queryable) => Promise<T>): Promise<T> {
  const ef = String(Math.max(10, Math.min(1000, Math.round(efSearch))));
  const run = async (tx: Queryable) => {
    await tx`SELECT set_config('hnsw.ef_search', ${ef}, true), set_config('hnsw.iterative_scan', 'relaxed_order', true),
                    set_config('plan_cache_mode', 'force_custom_plan', true)`;
    return fn(tx);
  };
  // Already in a transaction: the settings stay local to it.
  if ('savepoint' in sql) return run(sql);
  return (sql as Sql).begin(run) as Promise<T>;
}

/** The same facts for a citizen's precomputed suggestions that still pass the hard filters. */
export async function selectStoredCandidates(sql: Queryable, s: Seeker & { citizenId: string }): Promise<CandidateRow[]> {
  return sql<CandidateRow[]>`
    SELECT ${facts(sql, s)}
    FROM suggestions sg JOIN missions m ON m.id = sg.mission_id JOIN associations a ON a.id = m.association_id
    LEFT JOIN communes c ON c.insee = m.commune_insee
    WHERE sg.citizen_id = ${s.citizenId} AND ${hardFilters(sql, s)}`;
}

/** Which hard constraint, if any, excludes one mission for a seeker (each as its own flag, to explain it). */
export type EligibilityRow = CandidateRow & {
  is_open: boolean;
  has_places: boolean;
  is_current: boolean;
  is_old_enough: boolean;
  is_accessible: boolean;
  is_reachable: boolean;
  is_association_active: boolean;
  has_applied: boolean;
  has_dismissed: boolean;
};

export async function selectMissionEligibility(sql: Queryable, s: Seeker, missionId: string): Promise<EligibilityRow | undefined> {
  const [row] = await sql<EligibilityRow[]>`
    SELECT ${facts(sql, s)},
      m.status = 'open' AS is_open,
      m.accepted_count < m.places AS has_places,
      (m.ends_on IS NULL OR m.ends_on >= current_date) AS is_current,
      m.min_age <= ${s.age ?? UNKNOWN_AGE}::int AS is_old_enough,
      m.accessibility @> ${s.accessibilityNeeds}::text[] AS is_accessible,
      ((${s.acceptsRemote}::boolean AND m.is_remote) OR ${withinRadius(sql, s, s.radiusKm)}) AS is_reachable,
      a.verification <> 'suspended' AS is_association_active,
      EXISTS (SELECT 1 FROM applications p WHERE p.citizen_id = ${s.citizenId}::uuid AND p.mission_id = m.id) AS has_applied,
      EXISTS (SELECT 1 FROM dismissals d WHERE d.citizen_id = ${s.citizenId}::uuid AND d.mission_id = m.id) AS has_dismissed
    FROM missions m JOIN associations a ON a.id = m.association_id LEFT JOIN communes c ON c.insee = m.commune_insee
    WHERE m.id = ${missionId}`;
  return row;
}
