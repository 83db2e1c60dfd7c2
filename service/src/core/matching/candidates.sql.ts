import { withLocalSettings, type Queryable } from '../../db/database.ts';

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

/** The radius's bounding box in degrees around the seeker, and cos(latitude) (a degree of longitude shrinks by it). */
function radiusBox(s: Seeker, radiusKm: number) {
  const dLat = radiusKm / KM_PER_DEGREE;
  const cosLat = Math.max(0.01, Math.cos((s.lat * Math.PI) / 180));
  const dLon = dLat / cosLat;
  return { dLat, cosLat, lat1: s.lat - dLat, lat2: s.lat + dLat, lon1: s.lon - dLon, lon2: s.lon + dLon };
}

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

/**
 * The same hard constraints as commonFilters, split for the candidate queries: those that do not depend on who is
 * looking are also columns of mission_search (alias `t`: `m` or `p`); the citizen's dismissed and applied missions
 * are read once per query (a hashed subplan) instead of probed per row.
 */
export function seekerFilters(sql: Queryable, s: Seeker, t: 'm' | 'p') {
  const a = sql(t);
  const id = t === 'm' ? sql`m.id` : sql`p.mission_id`;
  // Conditions that cannot exclude anything are left out: each costs tens of nanoseconds on each of ~30,000 rows.
  return sql`
    (${a}.ends_on IS NULL OR ${a}.ends_on >= current_date)
    AND ${a}.min_age <= ${s.age ?? UNKNOWN_AGE}::int
    ${s.accessibilityNeeds.length ? sql`AND ${a}.accessibility @> ${s.accessibilityNeeds}::text[]` : sql``}
    ${s.citizenId ? sql`AND ${id} NOT IN (${excludedIds(sql, s.citizenId)})` : sql``}`;
}

/** Missions the citizen applied to or dismissed (none for an anonymous wish); never NULL, so NOT IN is safe. */
const excludedIds = (sql: Queryable, citizenId: string) => sql`
  SELECT d.mission_id FROM dismissals d WHERE d.citizen_id = ${citizenId}::uuid
  UNION ALL SELECT a.mission_id FROM applications a WHERE a.citizen_id = ${citizenId}::uuid`;

/**
 * The association is not suspended (alias `t`): the few suspended associations are read once per query (a hashed
 * subplan), not probed per row.
 */
export const notSuspended = (sql: Queryable, t: 'm' | 'p') =>
  sql`${sql(t)}.association_id NOT IN (SELECT x.id FROM associations x WHERE x.verification = 'suspended')`;

/**
 * The constraints that change as applications are decided or associations suspended, on `m` itself (branches that
 * read missions). mission_search holds only open missions with places left (its trigger), so on `p` only the
 * association remains to check.
 */
const liveFilters = (sql: Queryable) => sql`
  m.status = 'open' AND m.accepted_count < m.places AND ${notSuspended(sql, 'm')}`;

/**
 * A cheap superset of the disc for scans over many rows: the bounding box (indexable) and a flat-earth distance
 * test with a 1 % margin (arithmetic only, where distance_km costs five trigonometric calls per row). Rows it lets
 * through still meet the exact test (withinRadius) before they count.
 */
function nearDisc(sql: Queryable, s: Seeker, radiusKm: number) {
  const { dLat, cosLat, lat1, lat2, lon1, lon2 } = radiusBox(s, radiusKm);
  const r2 = (dLat * 1.01) ** 2;
  const [lat, lon] = [sql`${s.lat}::float8`, sql`${s.lon}::float8`];
  // Products, not ^ (pow() is several times slower).
  return sql`(p.lat BETWEEN ${lat1}::float8 AND ${lat2}::float8
          AND p.lon BETWEEN ${lon1}::float8 AND ${lon2}::float8
          AND (p.lat - ${lat}) * (p.lat - ${lat}) + (p.lon - ${lon}) * (p.lon - ${lon}) * ${cosLat * cosLat}::float8 <= ${r2}::float8)`;
}


/**
 * The cells the near branch scans (cells.ts): none (meaning every mission in the radius) when there are no
 * centroids or the radius holds fewer than `denseBox` missions (SEARCH_SETTINGS), else the nearest to the seeker's
 * vector. How many missions the radius holds is estimated from the tiles of mission_density (counted with the
 * cells; 0019), each weighed by the share of it inside the radius's box, times π/4 for the disc: a few dozen rows
 * read, where counting the box itself read up to 2,000 index entries (1.5 ms at p50). The estimate only chooses
 * between two ways of scanning; if the cells run out, the whole radius is scanned anyway (rank.ts).
 */
export async function selectProbeCells(sql: Queryable, s: Seeker, denseBox: number): Promise<number[]> {
  const { lat1, lat2, lon1, lon2 } = radiusBox(s, s.radiusKm);
  const t = DENSITY_TILE_DEGREES;
  const [row] = await sql<{ cells: number[] }[]>`
    SELECT CASE WHEN (
             SELECT COALESCE(sum(d.missions
                      * greatest(0, least((d.tile_lat + 1) * ${t}::float8, ${lat2}::float8) - greatest(d.tile_lat * ${t}::float8, ${lat1}::float8))
                      * greatest(0, least((d.tile_lon + 1) * ${t}::float8, ${lon2}::float8) - greatest(d.tile_lon * ${t}::float8, ${lon1}::float8))
                      / (${t}::float8 * ${t}::float8)), 0) * pi() / 4
             FROM mission_density d
             WHERE d.tile_lat BETWEEN floor(${lat1}::float8 / ${t}::float8)::int AND floor(${lat2}::float8 / ${t}::float8)::int
               AND d.tile_lon BETWEEN floor(${lon1}::float8 / ${t}::float8)::int AND floor(${lon2}::float8 / ${t}::float8)::int
           ) < ${denseBox}
                THEN '{}'::int[]
                ELSE ARRAY(SELECT cell FROM mission_cells ORDER BY centroid <=> ${s.vector}::vector
                           LIMIT (SELECT greatest(8, round(sqrt(count(*))))::int FROM mission_cells)) END AS cells`;
  return row.cells;
}

/** The side of a mission_density tile, in degrees (0019). */
export const DENSITY_TILE_DEGREES = 0.05;

/** On-site missions within the radius (alias `t`); the bounding box lets the planner use the (lat, lon) index. */
export function withinRadius(sql: Queryable, s: Seeker, radiusKm: number, t: 'm' | 'p' = 'm') {
  const a = sql(t);
  const { lat1, lat2, lon1, lon2 } = radiusBox(s, radiusKm);
  return sql`(${a}.lat BETWEEN ${lat1}::float8 AND ${lat2}::float8
          AND ${a}.lon BETWEEN ${lon1}::float8 AND ${lon2}::float8
          AND distance_km(${s.lat}::float8, ${s.lon}::float8, ${a}.lat, ${a}.lon) <= ${radiusKm}::float8)`;
}

/** The facts of mission `m` for a seeker; `vector` is the seeker's vector as SQL (a parameter, or the query's own copy). */
const facts = (sql: Queryable, s: Seeker, vector = sql`${s.vector}::vector`) => sql`
  m.id, m.association_id, a.name AS association_name, m.territory_id, m.title, m.skills, m.themes, m.is_remote,
  c.name AS commune_name, m.schedule, m.places - m.accepted_count AS places_left, m.pending_count, m.accepted_count,
  a.response_hours,
  extract(epoch FROM now() - COALESCE(m.published_at, m.created_at))::float8 / 86400 AS age_days,
  (m.starts_on - current_date) AS starts_in_days,
  COALESCE(1 - (m.embedding <=> ${vector}), 0)::float8 AS similarity,
  CASE WHEN ${s.wish}::text <> '' AND m.search @@ websearch_to_tsquery('french', ${s.wish}::text)
       THEN ts_rank_cd(m.search, websearch_to_tsquery('french', ${s.wish}::text)) ELSE 0 END::float8 AS text_rank,
  CASE WHEN m.lat IS NULL THEN NULL ELSE distance_km(${s.lat}::float8, ${s.lon}::float8, m.lat, m.lon) END AS distance_km`;

/** How far each nearest-neighbour branch reached: with k rows, unseen missions are at least max_dist away. */
export type BranchStats = {
  near_count: number;
  near_max_dist: number | null;
  /** The near branch returned k rows: missions as close as its farthest may have been left out. */
  near_full: boolean;
  remote_count: number;
  remote_max_dist: number | null;
};

/** How many rows each branch returns. */
export type BranchSizes = { k: number; remoteK: number; textK: number };

/**
 * Which neighbours an extension round fetches the facts of: none already fetched (`seen`), and none farther than
 * `maxDist` (cosine distance): those whose score cannot reach the 20th (rank.ts). The branches still scan
 * and report their reach as if every row were fetched.
 */
export type CandidateFilter = { cells?: readonly number[]; seen?: readonly string[]; maxDist?: number | null };

/**
 * Candidates for re-ranking, hard filters applied, merged from three branches:
 * - near: missions within the radius from the mission_search projection (sql/migrations/0015, 0017), in the
 *   given cells when the missions are partitioned (cells.ts), the k closest by cosine, all read from the
 *   projection (rows in cell order: few pages); the exact radius is checked on those k only;
 * - remote (when accepted): the remoteK nearest remote missions by HNSW with iterative scan (partial index);
 * - fts: the best full-text matches of the wish (GIN index, intersected with the bounding box when the planner
 *   finds it cheaper than checking each match's distance).
 * Must run inside a transaction that set hnsw.ef_search / hnsw.iterative_scan (see withVectorSettings). Returns the
 * candidates and how far each nearest-neighbour branch reached.
 */
export async function selectMissionCandidates(
  sql: Queryable,
  s: Seeker,
  { k, remoteK, textK }: BranchSizes,
  { cells = [], seen = [], maxDist = null }: CandidateFilter = {},
): Promise<{ rows: CandidateRow[]; stats: BranchStats }> {
  const reachable = maxDist === null ? sql`` : sql`WHERE dist <= ${maxDist}::float8`;
  // The seeker's vector is sent and parsed once (q), not once per use: 384 numbers in text, 0.6 ms each on PGlite.
  const v = sql`(SELECT v FROM q)`;
  const rows = await sql<(CandidateRow & BranchStats)[]>`
    WITH q AS (SELECT ${s.vector}::vector AS v),
    near_k AS (
      SELECT p.mission_id AS id, p.lat, p.lon, p.embedding <=> ${v} AS dist FROM mission_search p
      WHERE ${seekerFilters(sql, s, 'p')} AND ${notSuspended(sql, 'p')} AND ${nearDisc(sql, s, s.radiusKm)}
        ${cells.length ? sql`AND p.cell = ANY(${cells as number[]}::int[])` : sql``}
      ORDER BY 4
      LIMIT ${k}
    ), near AS (
      SELECT id, dist FROM near_k WHERE distance_km(${s.lat}::float8, ${s.lon}::float8, near_k.lat, near_k.lon) <= ${s.radiusKm}::float8
    ), remote AS (
      SELECT m.id, m.embedding <=> ${v} AS dist FROM missions m
      WHERE ${s.acceptsRemote}::boolean AND m.is_remote AND ${liveFilters(sql)} AND ${seekerFilters(sql, s, 'm')}
      ORDER BY m.embedding <=> ${v}
      LIMIT ${remoteK}
    ), fts AS (
      SELECT m.id FROM missions m
      WHERE ${s.wish}::text <> '' AND m.search @@ websearch_to_tsquery('french', ${s.wish}::text)
        AND ${liveFilters(sql)} AND ${seekerFilters(sql, s, 'm')}
        AND ((${s.acceptsRemote}::boolean AND m.is_remote) OR ${withinRadius(sql, s, s.radiusKm)})
      ORDER BY ts_rank_cd(m.search, websearch_to_tsquery('french', ${s.wish}::text)) DESC
      LIMIT ${textK}
    ), ids AS (
      SELECT id FROM (SELECT id FROM near ${reachable} UNION SELECT id FROM remote ${reachable} UNION SELECT id FROM fts) x
      ${seen.length ? sql`WHERE id <> ALL(${seen as string[]}::uuid[])` : sql``}
    ),
    stats AS (
      SELECT (SELECT count(*) FROM near)::int AS near_count, (SELECT max(dist) FROM near)::float8 AS near_max_dist,
        (SELECT count(*) FROM near_k) >= ${k} AS near_full,
        (SELECT count(*) FROM remote)::int AS remote_count, (SELECT max(dist) FROM remote)::float8 AS remote_max_dist
    )
    SELECT ${facts(sql, s, v)}, stats.*
    FROM ids JOIN missions m ON m.id = ids.id JOIN associations a ON a.id = m.association_id
    LEFT JOIN communes c ON c.insee = m.commune_insee
    RIGHT JOIN stats ON true`;
  // The stats come on every row, and on one row of NULL facts when no branch returned anything (a RIGHT JOIN):
  // a near branch whose k nearest all fell outside the exact radius still says that it was full.
  const { near_count, near_max_dist, near_full, remote_count, remote_max_dist } = rows[0];
  return { rows: rows.filter((r) => r.id !== null), stats: { near_count, near_max_dist, near_full, remote_count, remote_max_dist } };
}

/** Every mission passing the hard filters, with the same facts: the exact ranking's input (no index, no k). */
export async function selectAllEligibleMissions(sql: Queryable, s: Seeker): Promise<CandidateRow[]> {
  return sql<CandidateRow[]>`
    SELECT ${facts(sql, s)}
    FROM missions m JOIN associations a ON a.id = m.association_id LEFT JOIN communes c ON c.insee = m.commune_insee
    WHERE ${hardFilters(sql, s)}`;
}

/**
 * Runs `fn` in a transaction with the vector search settings: ef_search (candidate list size), iterative
 * scan so filtered kNN keeps scanning until k rows pass (pgvector >= 0.8), and custom plans, because a cached
 * generic plan would ignore the radius when choosing between the HNSW and the bounding-box index.
 */
export async function withVectorSettings<T>(sql: Queryable, efSearch: number, fn: (tx: Queryable) => Promise<T>): Promise<T> {
  const ef = String(Math.max(10, Math.min(1000, Math.round(efSearch))));
  // Already in a transaction: the settings stay local to it.
  return withLocalSettings(sql, { 'hnsw.ef_search': ef, 'hnsw.iterative_scan': 'relaxed_order', plan_cache_mode: 'force_custom_plan' }, fn);
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
