import { withLocalSettings, type Queryable } from '../../db/database.ts';
import { notSuspended, seekerFilters, withinRadius, type Seeker } from './candidates.sql.ts';

// The capped counts behind the "what if" hints (what-if.ts), under the candidates' hard filters (candidates.sql.ts).

/**
 * Missions a wider radius would add (between the current radius and `widerKm`, passing the other hard filters;
 * remote ones already reachable left out), counted up to `cap` so that a dense region costs no more than a sparse
 * one. From mission_search, whose (lat, lon) index bounds the scan to the wider box.
 */
export async function countAddedByRadius(sql: Queryable, s: Seeker, widerKm: number, cap: number): Promise<number> {
  const [row] = await withCappedScan(sql, (tx) => tx<{ n: number }[]>`
    SELECT count(*)::int AS n FROM (
      SELECT 1 FROM mission_search p
      WHERE ${seekerFilters(tx, s, 'p')} AND ${notSuspended(tx, 'p')} AND ${withinRadius(tx, s, widerKm, 'p')}
        AND distance_km(${s.lat}::float8, ${s.lon}::float8, p.lat, p.lon) > ${s.radiusKm}::float8
        AND NOT (${s.acceptsRemote}::boolean AND p.is_remote)
      LIMIT ${cap}) x`);
  return row.n;
}

/** Remote missions passing the other hard filters, counted up to `cap` (hint for citizens who refuse remote work). */
export async function countRemoteEligible(sql: Queryable, s: Seeker, cap: number): Promise<number> {
  const [row] = await withCappedScan(sql, (tx) => tx<{ n: number }[]>`
    SELECT count(*)::int AS n FROM (
      SELECT 1 FROM mission_search p
      WHERE p.is_remote AND ${seekerFilters(tx, s, 'p')} AND ${notSuspended(tx, 'p')}
      LIMIT ${cap}) x`);
  return row.n;
}

/**
 * Runs a capped count so that it stops at its cap. The planner cannot estimate the distance conditions, so it
 * expects a few rows and picks a (parallel) bitmap scan, which gathers the whole box before its first row: 23,000
 * index entries and 10 to 30 ms in a dense box at 100k missions. A plain index scan stops after `cap` matches.
 * Inside a caller's transaction the settings would outlive the count: left as they are.
 */
const withCappedScan = <T>(sql: Queryable, fn: (tx: Queryable) => Promise<T>) =>
  withLocalSettings(sql, { enable_bitmapscan: 'off', max_parallel_workers_per_gather: '0' }, fn, 'skip');
