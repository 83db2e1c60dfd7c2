import type { Sql } from '../../db/database.ts';
import type { CoreDeps } from '../deps.ts';
import { NotFound } from '../errors.ts';
import { withVectorSettings } from '../matching/candidates.sql.ts';
import { explain } from '../matching/explain.ts';
import { factsOf } from '../matching/rank.ts';
import { MATCHING_WEIGHTS, scoreMatch } from '../matching/score.ts';
import { STORED_SUGGESTIONS, refreshCitizenSuggestions } from '../matching/suggest-missions.ts';
import {
  countCitizensToRecompute,
  deleteMissionSuggestions,
  upsertMissionSuggestions,
  selectCitizensHoldingMission,
  selectCitizensToRecompute,
  selectMissionForMatch,
  selectMissionStatus,
  selectReverseNeighbours,
  type AffectedCandidate,
} from './reverse-match.sql.ts';

type Deps = Pick<CoreDeps, 'embedder' | 'log'> & { sql: Sql };
export type Progress = (done: number, total: number, label?: string) => Promise<void> | void;

/**
 * How many nearest eligible citizens the reverse search scores for one mission (the reverse kNN's k). Semantic
 * fit is 40 % of the score: far down the list of wishes the mission rarely beats a full top-100, and citizens
 * beyond k still see it in their live ranking (stale sets) and after the nightly recompute. Measured at
 * 100,000 citizens (freshness.bench.ts): k = 3000 took p95 12.8 s, worst case; k = 1000 fits the 5 s target.
 */
export const REVERSE_POOL = 1000;
const REVERSE_EF_SEARCH = 1000;
const RESCORE_CONCURRENCY = 4;

/**
 * Whether the mission enters (or stays in) this citizen's stored top: they have room, or its score beats their
 * worst stored suggestion. A set made by other weights is left alone (it is served live until recomputed).
 */
export function isAffected(c: AffectedCandidate, score: number, stored = STORED_SUGGESTIONS): boolean {
  if (c.set_weights_version !== MATCHING_WEIGHTS.version) return false;
  return c.stored < stored || c.worst_score === null || score > c.worst_score;
}

/** The pair's facts as the citizen's own search computes them (same scoring, same explanation). */
function scorePair(c: AffectedCandidate) {
  const facts = factsOf(c, {
    citizenId: c.citizen_id,
    vector: '',
    wish: '',
    lat: 0,
    lon: 0,
    radiusKm: c.radius_km,
    acceptsRemote: true,
    age: null,
    accessibilityNeeds: [],
    skills: c.citizen_skills,
    themes: c.citizen_themes,
    availabilityMask: c.availability,
  });
  const scored = scoreMatch(facts, MATCHING_WEIGHTS);
  return { score: scored.score, components: explain(facts, scored) };
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
 * A mission was created or changed: scores it for its reverse nearest neighbours (the citizens it may be shown
 * to, nearest wishes first) in one query, puts it into the stored top of those it enters, and takes it out of
 * the sets of citizens who held it and no longer qualify (closed, moved, full). Idempotent: upserts and deletes.
 */
export async function matchMission(deps: Deps, missionId: string, onProgress?: Progress) {
  const mission = await selectMissionStatus(deps.sql, missionId);
  if (!mission) return { considered: 0, rescored: 0, removed: 0, missing: true };
  const holders = await selectCitizensHoldingMission(deps.sql, missionId);
  const target = await selectMissionForMatch(deps.sql, missionId);
  const candidates = target ? await withVectorSettings(deps.sql, REVERSE_EF_SEARCH, (tx) => selectReverseNeighbours(tx, target, REVERSE_POOL)) : [];
  const entering = candidates
    .map((c) => ({ c, ...scorePair(c) }))
    .filter(({ c, score }) => isAffected(c, score));
  const kept = new Set(entering.map((e) => e.c.citizen_id));
  const others = holders.filter((id) => !kept.has(id));
  const isOpen = target !== undefined;
  await deps.sql.begin(async (tx) => {
    await upsertMissionSuggestions(tx, missionId, MATCHING_WEIGHTS.version, entering.map((e) => ({ citizen_id: e.c.citizen_id, score: e.score, components: e.components })), STORED_SUGGESTIONS,
      entering.filter((e) => e.c.stored >= STORED_SUGGESTIONS).map((e) => e.c.citizen_id));
    if (!isOpen) await deleteMissionSuggestions(tx, missionId, others);
  });
  // Holders outside the scored pool of an open mission: their whole set is recomputed (rare, exact).
  if (isOpen) await rescoreMany(deps, others, onProgress);
  await onProgress?.(1, 1);
  return { considered: candidates.length, rescored: entering.length + (isOpen ? others.length : 0), removed: isOpen ? 0 : others.length, missing: false };
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
