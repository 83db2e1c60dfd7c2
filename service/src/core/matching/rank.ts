import type { MissionSuggestion } from '../../contract/matching.ts';
import type { Queryable } from '../../db/database.ts';
import { selectAllEligibleMissions, selectMissionCandidates, selectProbeCells, withVectorSettings, type BranchSizes, type CandidateRow, type Seeker } from './candidates.sql.ts';
import { explain, summarise } from './explain.ts';
import { selectFairPage } from './fairness.ts';
import { MATCHING_WEIGHTS, scoreMatch, upperBound, type MatchFacts, type MatchingWeights, type Scored } from './score.ts';

/**
 * Candidate generation settings. k = 200 nearest on-site, 100 nearest remote, 40 full-text matches leave room for
 * the structured signals to reorder: semantic similarity carries 40 % of the score, so a mission outside the
 * 200 nearest would need much better structured signals than all of them to enter the top 20. Only the remote
 * branch uses HNSW: ef_search = remoteK so that one pass can return remoteK rows; iterative scan continues when
 * filters reject rows.
 * Measured recall@20 against the exact ranking: see service/scripts/bench/matching.bench.ts.
 */
export const SEARCH_SETTINGS = { k: 200, remoteK: 100, textK: 40, oversample: 2, efSearch: 100, denseBox: 2000 } as const;
/**
 * oversample: missions preselected by Hamming distance per one kept by exact cosine (near branch).
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

/** Pages whose completeness is checked; extensions multiply a branch's k by 4, at most twice. */
export const CERTIFIED_TOP = 20;
const MAX_EXTENSIONS = 2;

/**
 * The live ranking, and whether its top CERTIFIED_TOP is provably the exact one (given exact neighbours): a
 * mission no branch returned is farther than that branch's k-th neighbour, so its score is at most
 * upperBound(1 - that distance); when the 20th best candidate scores at least that, nothing unseen can enter.
 * Otherwise the truncated branch is asked for 4x more neighbours (at most twice).
 */
export async function rankMissionsLiveWithStats(sql: Queryable, s: Seeker, settings: SearchSettings = SEARCH_SETTINGS, weights = MATCHING_WEIGHTS) {
  let { k, remoteK } = settings;
  let widen = 1;
  for (let round = 0; ; round++) {
    const rows = await withVectorSettings(sql, Math.max(settings.efSearch, remoteK), async (tx) =>
      selectMissionCandidates(tx, s, { ...settings, k, remoteK }, await selectProbeCells(tx, s, settings.denseBox, widen)),
    );
    const ranked = rankCandidates(rows, s, weights);
    const theta = ranked.length >= CERTIFIED_TOP ? ranked[CERTIFIED_TOP - 1].scored.score : -Infinity;
    const stats = rows[0];
    const nearBound = stats && stats.near_truncated ? upperBound(1 - (stats.near_max_dist ?? 0), weights) : -Infinity;
    const remoteBound = stats && stats.remote_count >= remoteK ? upperBound(1 - (stats.remote_max_dist ?? 0), weights) : -Infinity;
    const certified = theta >= nearBound && theta >= remoteBound;
    if (certified || round >= MAX_EXTENSIONS) return { ranked, certified, rounds: round + 1 };
    if (theta < nearBound) [k, widen] = [k * 4, widen * 4];
    if (theta < remoteBound) remoteK *= 4;
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
