import { toMask } from '../../contract/availability.ts';
import type { MissionSuggestions, MySuggestionsQuery, WishSuggestRequest } from '../../contract/matching.ts';
import type { Queryable } from '../../db/database.ts';
import { requireUser, type Actor } from '../actor.ts';
import type { CoreDeps } from '../deps.ts';
import { embedWithCache } from '../embeddings/cache.ts';
import { NotFound } from '../errors.ts';
import { jobIdOf } from '../jobs.ts';
import { requireCommune } from '../territories/territories.ts';
import { selectStoredCandidates, type Seeker } from './candidates.sql.ts';
import { insertImpressions, replaceSuggestions, selectCitizenForMatching, type CitizenMatchRow } from './matching.sql.ts';
import { rankCandidates, rankMissionsLive, toSuggestionPage, type RankedMission } from './rank.ts';
import { MATCHING_WEIGHTS } from './score.ts';
import { explain } from './explain.ts';
import { countWhatIf, whatIfHints, type WhatIfCounts } from './what-if.ts';

/** Precomputed suggestions are served for this long after they were computed (then live ranking). */
export const SUGGESTIONS_TTL_MS = 60 * 60 * 1000;
/** How many of the ranking's top a refresh stores: enough for a few pages after dismissals and filters. */
export const STORED_SUGGESTIONS = 100;

type Deps = Pick<CoreDeps, 'sql' | 'embedder'>;

/** A citizen's profile as a seeker: their stored embedding, or their wish embedded now if none yet. */
export async function seekerOfCitizen(deps: Deps, row: CitizenMatchRow): Promise<Seeker> {
  const text = row.wish.trim() || [...row.themes, ...row.skills].join(' ') || 'bénévolat';
  const vector = row.embedding && row.wish.trim() ? row.embedding : (await embedWithCache(deps, [text], 'query')).items[0].literal;
  return {
    citizenId: row.id,
    vector,
    wish: row.wish.trim().slice(0, 2000),
    lat: row.lat,
    lon: row.lon,
    radiusKm: row.radius_km,
    acceptsRemote: row.accepts_remote,
    age: row.birth_year === null ? null : new Date().getUTCFullYear() - row.birth_year,
    accessibilityNeeds: row.accessibility_needs,
    skills: row.skills,
    themes: row.themes,
    availabilityMask: row.availability,
  };
}

async function seekerOfWish(deps: Deps, input: WishSuggestRequest, citizenId: string | null): Promise<Seeker> {
  const place = input.communeInsee ? await requireCommune(deps.sql, input.communeInsee) : { lat: input.lat!, lon: input.lon! };
  const [embedded] = (await embedWithCache(deps, [input.wish], 'query')).items;
  return {
    citizenId,
    vector: embedded.literal,
    wish: input.wish,
    lat: place.lat,
    lon: place.lon,
    radiusKm: input.radiusKm,
    acceptsRemote: input.acceptsRemote,
    age: input.age ?? null,
    accessibilityNeeds: input.accessibilityNeeds,
    skills: input.skills,
    themes: input.themes,
    availabilityMask: toMask(input.availability),
  };
}

/**
 * Starts the what-if counts alongside the ranking (they need the seeker only). The rejection is observed at once
 * and rethrown where the counts are awaited, so a failing count never surfaces as an unhandled rejection.
 */
function startWhatIf(deps: Deps, s: Seeker, wanted: boolean): Promise<WhatIfCounts> | null {
  if (!wanted) return null;
  const counts = countWhatIf(deps.sql, s);
  counts.catch(() => {});
  return counts;
}

function isFresh(row: CitizenMatchRow, now = Date.now()): boolean {
  return (
    row.set_computed_at !== null &&
    row.set_weights_version === MATCHING_WEIGHTS.version &&
    now - row.set_computed_at.getTime() < SUGGESTIONS_TTL_MS &&
    row.updated_at.getTime() <= row.set_computed_at.getTime()
  );
}

async function respond(
  deps: Deps,
  s: Seeker,
  ranked: RankedMission[],
  options: { limit: number; source: 'live' | 'precomputed'; computedAt: Date; whatIf: Promise<WhatIfCounts> | null },
): Promise<MissionSuggestions> {
  const items = toSuggestionPage(ranked, options.limit);
  const byId = new Map(ranked.map((r) => [r.row.id, r.row]));
  // The impressions are logged while the what-if counts finish (both awaited before answering).
  const logged = insertImpressions(
    deps.sql,
    s.citizenId,
    MATCHING_WEIGHTS.version,
    items.map((i) => ({ missionId: i.mission.id, associationId: i.mission.association.id, territoryId: byId.get(i.mission.id)!.territory_id, rank: i.rank })),
  );
  logged.catch(() => {});
  const hints = options.whatIf ? whatIfHints(s, await options.whatIf, ranked, ranked.slice(0, options.limit).map((r) => r.row.id)) : [];
  await logged;
  return { items, weightsVersion: MATCHING_WEIGHTS.version, source: options.source, computedAt: options.computedAt.toISOString(), hints };
}

/** Suggestions for a wish typed in plain French (anyone, signed in or not); a signed-in citizen's exclusions apply. */
export async function suggestMissionsForWish(deps: Deps, actor: Actor, input: WishSuggestRequest): Promise<MissionSuggestions> {
  const citizenId = actor.kind === 'user' ? actor.citizenId : null;
  const s = await seekerOfWish(deps, input, citizenId);
  const whatIf = startWhatIf(deps, s, input.whatIf);
  const ranked = await rankMissionsLive(deps.sql, s);
  return respond(deps, s, ranked, { limit: input.limit, whatIf, source: 'live', computedAt: new Date() });
}

/** The signed-in citizen's suggestions: from the precomputed set when fresh, ranked live otherwise. */
export async function suggestMissionsForMe(deps: Deps & Partial<Pick<CoreDeps, 'jobs'>>, actor: Actor, query: MySuggestionsQuery): Promise<MissionSuggestions> {
  const user = requireUser(actor);
  if (!user.citizenId) throw new NotFound("Vous n'avez pas encore de profil bénévole : créez-le pour recevoir des suggestions.");
  return suggestMissionsForCitizen(deps, user.citizenId, query);
}

/** Suggestions for one citizen (no authorisation check: callers are the route above, the worker and the benchmark). */
export async function suggestMissionsForCitizen(deps: Deps & Partial<Pick<CoreDeps, 'jobs'>>, citizenId: string, query: MySuggestionsQuery): Promise<MissionSuggestions> {
  const row = await selectCitizenForMatching(deps.sql, citizenId);
  if (!row) throw new NotFound('Profil bénévole introuvable.');
  const s = await seekerOfCitizen(deps, row);
  const whatIf = startWhatIf(deps, s, query.whatIf);
  if (!query.live && isFresh(row)) {
    const ranked = rankCandidates(await selectStoredCandidates(deps.sql, { ...s, citizenId }), s);
    return respond(deps, s, ranked, { limit: query.limit, whatIf, source: 'precomputed', computedAt: row.set_computed_at! });
  }
  // Stale or missing set: served live now and recomputed in the background (one pending job per citizen).
  if (!query.live && deps.jobs) await deps.jobs.enqueue('citizen.rescore', { citizenId }, { jobId: jobIdOf('citizen.rescore', citizenId, 'stale') }).catch(() => {});
  const ranked = await rankMissionsLive(deps.sql, s);
  return respond(deps, s, ranked, { limit: query.limit, whatIf, source: 'live', computedAt: new Date() });
}

/** Recomputes and stores a citizen's top suggestions with the current weights; returns how many were stored. */
export async function refreshCitizenSuggestions(deps: Deps & { sql: import('../../db/database.ts').Sql }, citizenId: string): Promise<number> {
  const row = await selectCitizenForMatching(deps.sql, citizenId);
  if (!row) throw new NotFound('Profil bénévole introuvable.');
  const s = await seekerOfCitizen(deps, row);
  const top = (await rankMissionsLive(deps.sql, s)).slice(0, STORED_SUGGESTIONS);
  await deps.sql.begin((tx: Queryable) =>
    replaceSuggestions(
      tx,
      citizenId,
      MATCHING_WEIGHTS.version,
      top.map((r) => ({ mission_id: r.row.id, score: r.scored.score, components: explain(r.facts, r.scored) })),
    ),
  );
  return top.length;
}
