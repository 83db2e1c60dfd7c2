import type { Sql } from '../../db/database.ts';
import { DENSITY_TILE_DEGREES } from './candidates.sql.ts';

/**
 * Partitions of the mission embeddings for the near-candidate scan (sql/migrations/0015, 0017), as
 * an IVF index partitions its vectors: spherical k-means centroids over a sample of the open missions; each
 * mission records its nearest centroid, and a query scans only the cells nearest to its own vector (about the
 * square root of their number, at least 8: pgvector's advice for IVFFlat probes).
 *
 * Below minMissions the whole radius is scanned quickly enough and no centroids are kept. Which cells a query
 * scans: selectProbeCells in candidates.sql.ts.
 */
export type CellSettings = { minMissions: number; missionsPerCell: number; maxCells: number; sample: number; iterations: number };

export const CELL_SETTINGS: CellSettings = {
  /** Open, embedded missions needed before partitioning pays (below, a radius scan is a few milliseconds). */
  minMissions: 20_000,
  /** About one cell per 1,000 missions (pgvector's advice for IVFFlat lists), at most 400. */
  missionsPerCell: 1000,
  maxCells: 400,
  /** Missions sampled to train the centroids. */
  sample: 20_000,
  iterations: 12,
};

/** A small seeded generator: the same sample gives the same centroids. */
function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s ^ (s >>> 15), 0x2c1b3c6d) + 0x6d2b79f5) >>> 0;
    s = (s ^ (s >>> 12)) >>> 0;
    return s / 4294967296;
  };
}

function normalise(v: Float32Array): Float32Array {
  let n = 0;
  for (let i = 0; i < v.length; i++) n += v[i] * v[i];
  n = Math.sqrt(n) || 1;
  for (let i = 0; i < v.length; i++) v[i] /= n;
  return v;
}

function dot(a: Float32Array, b: Float32Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
}

/**
 * Spherical k-means (cosine): k-means++ seeding, then Lloyd iterations on unit vectors. Returns unit centroids;
 * an emptied cell is re-seeded on the point farthest from its centroid.
 */
export function sphericalKMeans(points: Float32Array[], k: number, iterations: number, seed = 1): Float32Array[] {
  const next = rng(seed);
  const dim = points[0].length;
  const centroids: Float32Array[] = [Float32Array.from(points[Math.floor(next() * points.length)])];
  const best = new Float64Array(points.length).fill(Infinity);
  while (centroids.length < k) {
    const c = centroids[centroids.length - 1];
    let total = 0;
    for (let i = 0; i < points.length; i++) {
      best[i] = Math.min(best[i], Math.max(0, 1 - dot(points[i], c)));
      total += best[i];
    }
    let r = next() * total;
    let pick = 0;
    for (; pick < points.length - 1 && r > best[pick]; pick++) r -= best[pick];
    centroids.push(Float32Array.from(points[pick]));
  }
  const assignment = new Int32Array(points.length);
  for (let it = 0; it < iterations; it++) {
    const sums = Array.from({ length: k }, () => new Float32Array(dim));
    const counts = new Int32Array(k);
    let worst = { i: 0, sim: Infinity };
    for (let i = 0; i < points.length; i++) {
      let bestC = 0;
      let bestSim = -Infinity;
      for (let c = 0; c < k; c++) {
        const sim = dot(points[i], centroids[c]);
        if (sim > bestSim) [bestSim, bestC] = [sim, c];
      }
      assignment[i] = bestC;
      counts[bestC]++;
      const sum = sums[bestC];
      const p = points[i];
      for (let d = 0; d < dim; d++) sum[d] += p[d];
      if (bestSim < worst.sim) worst = { i, sim: bestSim };
    }
    for (let c = 0; c < k; c++) centroids[c] = counts[c] ? normalise(sums[c]) : Float32Array.from(points[worst.i]);
  }
  return centroids;
}

const literal = (v: Float32Array) => '[' + Array.from(v, (x) => x.toPrecision(7)).join(',') + ']';
const parse = (text: string) => normalise(Float32Array.from(text.slice(1, -1).split(','), Number));

export type CellsResult = { cells: number; missions: number; sampled: number };

/**
 * Rewrites mission_search in (cell, lat, lon) order, so that a query reads the rows of its cells and radius from
 * few pages (sql/migrations/0017: near branch p50 1.8 ms in this order, 3.2 ms in random order). CLUSTER locks the
 * table while it copies it: about a second at 100k missions, at night (missions.cluster); writes to missions wait.
 * New and moved rows land wherever there is room until the next run.
 */
async function clusterMissionSearch(sql: Sql): Promise<void> {
  await sql`CLUSTER mission_search USING mission_search_cell_idx`;
  await sql`ANALYZE mission_search`;
}

/**
 * Rebuilds the centroids from the open missions and files every mission under its nearest one, and counts the
 * missions per map tile (mission_density, which tells dense radii). Below minMissions, removes both (the scan then
 * covers the whole radius). One transaction: queries see either the old cells or the new ones. Then puts the rows
 * in cell order (clusterMissionSearch).
 */
export async function rebuildMissionCells(sql: Sql, settings: CellSettings = CELL_SETTINGS): Promise<CellsResult> {
  const [{ n }] = await sql<{ n: number }[]>`SELECT count(*)::int AS n FROM mission_search WHERE embedding IS NOT NULL`;
  if (n < settings.minMissions) {
    await sql.begin(async (tx) => {
      await tx`DELETE FROM mission_cells`;
      await tx`DELETE FROM mission_density`;
      await tx`UPDATE mission_search SET cell = NULL WHERE cell IS NOT NULL`;
    });
    await clusterMissionSearch(sql);
    return { cells: 0, missions: n, sampled: 0 };
  }
  const k = Math.min(settings.maxCells, Math.max(2, Math.round(n / settings.missionsPerCell)));
  // A deterministic sample (hash order), so two runs on the same missions give the same cells.
  const rows = await sql<{ v: string }[]>`
    SELECT s.embedding::text AS v FROM mission_search s
    WHERE s.embedding IS NOT NULL ORDER BY md5(s.mission_id::text) LIMIT ${settings.sample}`;
  const centroids = sphericalKMeans(rows.map((r) => parse(r.v)), k, settings.iterations);
  await sql.begin(async (tx) => {
    await tx`DELETE FROM mission_cells`;
    await tx`
      INSERT INTO mission_cells (cell, centroid, members)
      SELECT i - 1, c::vector, 0 FROM unnest(${centroids.map(literal)}::text[]) WITH ORDINALITY AS t(c, i)`;
    await tx`UPDATE mission_search SET cell = mission_cell_of(embedding)`;
    await tx`UPDATE mission_cells c SET members = x.n FROM (SELECT cell, count(*)::int AS n FROM mission_search GROUP BY cell) x WHERE x.cell = c.cell`;
    // Whether a radius is dense enough for cells is read from these counts (selectProbeCells).
    await tx`DELETE FROM mission_density`;
    await tx`
      INSERT INTO mission_density (tile_lat, tile_lon, missions)
      SELECT floor(lat / ${DENSITY_TILE_DEGREES}::float8)::int, floor(lon / ${DENSITY_TILE_DEGREES}::float8)::int, count(*)::int
      FROM mission_search WHERE lat IS NOT NULL AND lon IS NOT NULL GROUP BY 1, 2`;
  });
  await clusterMissionSearch(sql);
  return { cells: k, missions: n, sampled: rows.length };
}
