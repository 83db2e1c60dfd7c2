import type { MissionSuggestion } from '../../contract/matching.ts';
import type { Queryable } from '../../db/database.ts';
import { selectAllEligibleMissions, selectMissionCandidates, selectProbeCells, withVectorSettings, type BranchSizes, type CandidateRow, type Seeker } from './candidates.sql.ts';
import { explain, summarise } from './explain.ts';
import { selectFairPage } from './fairness.ts';
import { MATCHING_WEIGHTS, scoreMatch, similarityFloor, upperBound, type MatchFacts, type MatchingWeights, type Scored } from './score.ts';

/**
 * Candidate generation settings. k = 100 nearest on-site, 50 nearest remote, 40 full-text matches leave room for
 * the structured signals to reorder: semantic similarity carries 40 % of the score, so a mission outside the
 * 100 nearest would need much better structured signals than all of them to enter the top 20; where that cannot
 * be ruled out, the truncated branch is extended (rankMissionsLiveWithStats). Measured on 100 benchmark citizens
 * (100k missions, one run, before the run-out rule there): k = 100/50 recall@20 0.9985, p50 17 ms, p95 28 ms;
 * k = 200/100 recall 0.9990, p50 19 ms, p95 39 ms.
 * Only the remote branch uses HNSW: ef_search = max(efSearch, remoteK); iterative scan continues when filters
 * reject rows. Measured recall@20 against the exact ranking: see service/scripts/bench/matching.bench.ts.
 */
export const SEARCH_SETTINGS = { k: 100, remoteK: 50, textK: 40, efSearch: 100, denseBox: 2000 } as const;
/**
 * denseBox: below this many missions in the radius's bounding box, the near branch scans them all (a few ms)
 * instead of the nearest cells.
 */
export type SearchSettings = BranchSizes & { efSearch: number; denseBox: number };

export type RankedMission = { row: CandidateRow; facts: MatchFacts; scored: Scored };

export function factsOf(row: CandidateRow, s: Seeker): MatchFacts {
  return {
    similarity: row.similarity,
    textRank: row.text_rank,
    requiredSkills: row.skills,
    citizenSkills: s.skills,
    isRemote: row.is_remote,
    distanceKm: row.is_remote ? null : row.distance_km,
    radiusKm: s.radiusKm,
    scheduleMask: row.schedule,
    availabilityMask: s.availabilityMask,
    missionThemes: row.themes,
    citizenThemes: s.themes,
    placesLeft: row.places_left,
    pendingCount: row.pending_count,
    responseHours: row.response_hours,
    ageDays: row.age_days,
    startsInDays: row.starts_in_days,
  };
}

/** Scores and sorts candidates (score descending, id for a stable order). */
export function rankCandidates(rows: readonly CandidateRow[], s: Seeker, weights: MatchingWeights = MATCHING_WEIGHTS): RankedMission[] {
  return rows
    .map((row) => {
      const facts = factsOf(row, s);
      return { row, facts, scored: scoreMatch(facts, weights) };
    })
    .sort((a, b) => b.scored.score - a.scored.score || (a.row.id < b.row.id ? -1 : 1));
}

/** The live ranking: nearest neighbours + full-text candidates under the hard filters, re-ranked. */
export async function rankMissionsLive(sql: Queryable, s: Seeker, settings: SearchSettings = SEARCH_SETTINGS, weights = MATCHING_WEIGHTS) {
  return (await rankMissionsLiveWithStats(sql, s, settings, weights)).ranked;
}

/** Pages whose completeness is checked; an extension asks a truncated branch for 4x more neighbours. */
export const CERTIFIED_TOP = 20;
/**
 * One extension round at most. A second one (16x the neighbours) was needed by about 3 % of the benchmark's
 * citizens, mostly restrictive ones whose 20th score stays far below any bound, and cost them 110 to 140 ms
 * without changing their top 20: recall@20 against the exact ranking 1.0000 and 0.9995 on two samples of 100
 * citizens (100k missions), with one round as with two.
 */
const MAX_EXTENSIONS = 1;

/** How far a branch reached: full when it may have left out missions as close as its farthest row (maxDist). */
type Reach = { full: boolean; maxDist: number | null };

/**
 * The live ranking, and whether its top CERTIFIED_TOP is provably the exact one (given exact neighbours): a
 * mission no branch returned is farther than that branch's k-th neighbour, so its score is at most
 * upperBound(1 - that distance); when the 20th best candidate scores at least that, nothing unseen can enter.
 * Otherwise only the truncated branch runs again, for 4x more neighbours (once: MAX_EXTENSIONS), and its rows join
 * the candidates: a second round costs one branch, not the whole query, and fetches the facts only of neighbours
 * not seen yet whose bound reaches the 20th score (the others cannot enter that top; on the embedded PGlite, 0 to
 * 70 rows instead of 150 to 400, about a quarter of an extension round's time). A ranking still not proven after it
 * is served as it is, reported not certified.
 *
 * When the near branch scanned only the nearest cells (a dense radius), the missions of the other cells are not
 * bounded by its k-th distance: the ranking is approximate, as an IVF or HNSW search is, and not certified. If the
 * probed cells ran out before k rows, though, the wish is far from what the radius holds and the other cells may
 * hold closer missions than any returned: the near branch then scans the whole radius once (exact, certifiable).
 * The benchmark prints the recall against the exact ranking.
 */
export async function rankMissionsLiveWithStats(sql: Queryable, s: Seeker, settings: SearchSettings = SEARCH_SETTINGS, weights = MATCHING_WEIGHTS) {
  let { k, remoteK } = settings;
  const byId = new Map<string, CandidateRow>();
  let near: Reach = { full: false, maxDist: null };
  let remote: Reach = { full: false, maxDist: null };
  let cells: number[] = [];
  let extend = { near: true, remote: true };
  // An extension fetches the facts of new neighbours only, and only of those whose bound reaches the 20th score
  // (theta): the others cannot enter the certified top. (Ranks below it are filled from what was fetched, as they
  // are when no extension runs.)
  let extensionFilter: { seen: string[]; maxDist: number | null } = { seen: [], maxDist: null };
  for (let round = 0; ; round++) {
    // A branch not extended runs with k = 0 (nothing) and keeps its reach from the earlier round.
    const sizes = { k: extend.near ? k : 0, remoteK: extend.remote ? remoteK : 0, textK: round === 0 ? settings.textK : 0 };
    const { rows, stats } = await withVectorSettings(sql, Math.max(settings.efSearch, sizes.remoteK), async (tx) => {
      if (round === 0) cells = await selectProbeCells(tx, s, settings.denseBox);
      return selectMissionCandidates(tx, s, sizes, { cells, ...extensionFilter });
    });
    for (const row of rows) byId.set(row.id, row);
    if (sizes.k > 0) near = { full: stats.near_full, maxDist: stats.near_max_dist };
    if (sizes.remoteK > 0) remote = { full: stats.remote_count >= sizes.remoteK, maxDist: stats.remote_max_dist };

    const ranked = rankCandidates([...byId.values()], s, weights);
    const theta = ranked.length >= CERTIFIED_TOP ? ranked[CERTIFIED_TOP - 1].scored.score : -Infinity;
    const unseenBelow = (reach: Reach) => !reach.full || theta >= upperBound(1 - (reach.maxDist ?? 0), weights);
    const cellsRanOut = cells.length > 0 && sizes.k > 0 && !near.full;
    const extendNear = cellsRanOut || (cells.length === 0 && !unseenBelow(near));
    const extendRemote = !unseenBelow(remote);
    if ((!extendNear && !extendRemote) || round >= MAX_EXTENSIONS) {
      return { ranked, certified: cells.length === 0 && !extendNear && !extendRemote, rounds: round + 1 };
    }
    // Cells that ran out: the whole radius, same k. Otherwise a truncated branch asks for 4x more neighbours.
    if (cellsRanOut) cells = [];
    else if (extendNear) k *= 4;
    if (extendRemote) remoteK *= 4;
    extend = { near: extendNear, remote: extendRemote };
    // (A hair of slack on the floor: a neighbour exactly at it could tie with the page's last.)
    extensionFilter = { seen: [...byId.keys()], maxDist: Number.isFinite(theta) ? 1 - similarityFloor(theta, weights) + 1e-9 : null };
  }
}

/** The exact ranking: the same score over every mission passing the hard filters (reference for recall). */
export async function rankMissionsExact(sql: Queryable, s: Seeker, weights = MATCHING_WEIGHTS) {
  return rankCandidates(await selectAllEligibleMissions(sql, s), s, weights);
}

/** A page of suggestions after the fairness step, explained in French. */
export function toSuggestionPage(ranked: readonly RankedMission[], limit: number): MissionSuggestion[] {
  const page = selectFairPage(
    ranked.map((r) => ({ associationId: r.row.association_id, score: r.scored.score, applicants: r.row.pending_count + r.row.accepted_count, r })),
    limit,
  );
  return page.map(({ item, reason }, i) => {
    const { row, facts, scored } = item.r;
    const components = explain(facts, scored);
    return {
      rank: i + 1,
      score: scored.score,
      placement: reason,
      summary: summarise(components),
      components,
      mission: {
        id: row.id,
        title: row.title,
        association: { id: row.association_id, name: row.association_name },
        commune: row.commune_name,
        isRemote: row.is_remote,
        placesLeft: row.places_left,
        distanceKm: row.is_remote ? null : row.distance_km,
      },
    };
  });
}
