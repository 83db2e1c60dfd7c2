import type { Sql } from '../../db/database.ts';
import type { CoreDeps } from '../deps.ts';
import { NotFound } from '../errors.ts';
import { withVectorSettings } from '../matching/candidates.sql.ts';
import { MATCHING_WEIGHTS, upperBound } from '../matching/score.ts';
import { STORED_SUGGESTIONS, refreshCitizenSuggestions } from '../matching/suggest-missions.ts';
import {
  countCitizensToRecompute,
  selectCitizensHoldingMission,
  selectCitizensToRecompute,
  selectMissionStatus,
  selectReverseNeighbours,
  type AffectedCandidate,
} from './reverse-match.sql.ts';

type Deps = Pick<CoreDeps, 'embedder' | 'log'> & { sql: Sql };
export type Progress = (done: number, total: number, label?: string) => Promise<void> | void;

/**
 * How many nearest citizens the reverse search considers for one mission. Past the few hundred nearest wishes,
 * the semantic component (40 % of the score) is too low for the mission to beat a stored top-100; the upper
 * bound below then prunes most of the pool without rescoring.
 */
export const REVERSE_POOL = 1000;
const RESCORE_CONCURRENCY = 4;

/**
 * Whether a citizen's stored top could change with this mission: they have room, or the best score the mission
 * could reach with this similarity beats their worst stored suggestion. Citizens without a stored set are served
 * live (always current), so they need nothing.
 */
export function isAffected(c: AffectedCandidate, stored = STORED_SUGGESTIONS): boolean {
  if (!c.has_set) return false;
  if (c.stored < stored || c.worst_score === null) return true;
  return upperBound(c.similarity, MATCHING_WEIGHTS) > c.worst_score;
}

/** Rescores one citizen's stored suggestions; a citizen deleted meanwhile is not an error (nothing to do). */
export async function rescoreCitizen(deps: Deps, citizenId: string): Promise<{ stored: number } | { missing: true }> {
  try {
    return { stored: await refreshCitizenSuggestions(deps, citizenId) };
  } catch (err) {
    if (err instanceof NotFound) return { missing: true };
    throw err;
  }
}

async function rescoreMany(deps: Deps, ids: string[], onProgress?: Progress) {
  let next = 0;
  let done = 0;
  const work = async () => {
    while (next < ids.length) {
      const id = ids[next++];
      await rescoreCitizen(deps, id);
      done++;
      if (onProgress && (done % 50 === 0 || done === ids.length)) await onProgress(done, ids.length, 'citoyens recalculés');
    }
  };
  await Promise.all(Array.from({ length: Math.min(RESCORE_CONCURRENCY, ids.length) }, work));
}

/**
 * A mission was created or changed: rescores the citizens whose stored suggestions it can enter (reverse kNN +
 * hard filters + score bound) and those who hold it already (it may have moved or left). Idempotent.
 */
export async function matchMission(deps: Deps, missionId: string, onProgress?: Progress) {
  const mission = await selectMissionStatus(deps.sql, missionId);
  if (!mission) return { considered: 0, rescored: 0, missing: true };
  const holders = await selectCitizensHoldingMission(deps.sql, missionId);
  let candidates: AffectedCandidate[] = [];
  if (mission.status === 'open' && mission.has_embedding) {
    candidates = await withVectorSettings(deps.sql, 200, (tx) => selectReverseNeighbours(tx, missionId, REVERSE_POOL));
  }
  const ids = [...new Set([...holders, ...candidates.filter((c) => isAffected(c)).map((c) => c.id)])];
  await rescoreMany(deps, ids, onProgress);
  return { considered: candidates.length, rescored: ids.length, missing: false };
}

/**
 * The nightly full recompute: every citizen whose set is older than `since` (so a run killed midway resumes
 * where it stopped, and a second run the same night does nothing). Reports progress.
 */
export async function recomputeAllSuggestions(deps: Deps, since: Date, onProgress?: Progress) {
  const total = await countCitizensToRecompute(deps.sql, since);
  let done = 0;
  let after: string | null = null;
  for (;;) {
    const ids = await selectCitizensToRecompute(deps.sql, since, after, 200);
    if (ids.length === 0) break;
    await rescoreMany(deps, ids);
    done += ids.length;
    after = ids[ids.length - 1];
    await onProgress?.(done, total, 'citoyens recalculés');
  }
  return { recomputed: done };
}
