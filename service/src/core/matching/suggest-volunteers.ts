import type { VolunteerSuggestions } from '../../contract/matching.ts';
import { assertCanActForAssociation, type Actor } from '../actor.ts';
import type { CoreDeps } from '../deps.ts';
import { embedWithCache } from '../embeddings/cache.ts';
import { Conflict, NotFound } from '../errors.ts';
import { withVectorSettings } from './candidates.sql.ts';
import { explain, summarise } from './explain.ts';
import { MATCHING_WEIGHTS, scoreMatch, type MatchFacts } from './score.ts';
import { selectMissionForMatching, selectVolunteerCandidates, type MissionForMatchingRow, type VolunteerCandidateRow } from './volunteers.sql.ts';

const VOLUNTEER_K = 100;

function factsOf(m: MissionForMatchingRow, c: VolunteerCandidateRow): MatchFacts {
  return {
    similarity: c.similarity,
    textRank: 0,
    requiredSkills: m.skills,
    citizenSkills: c.skills,
    isRemote: m.is_remote,
    distanceKm: m.is_remote ? null : c.distance_km,
    radiusKm: c.radius_km,
    scheduleMask: m.schedule,
    availabilityMask: c.availability,
    missionThemes: m.themes,
    citizenThemes: c.themes,
    placesLeft: m.places_left,
    pendingCount: m.pending_count,
    responseHours: m.response_hours,
    ageDays: m.age_days,
    startsInDays: m.starts_in_days,
  };
}

/**
 * The visible citizens who fit one of the association's missions best, anonymised (first name, commune and
 * the fit breakdown): who they are is shared only once they answer (apply or accept an invitation).
 */
export async function suggestVolunteers(deps: Pick<CoreDeps, 'sql' | 'embedder'>, actor: Actor, missionId: string, limit: number): Promise<VolunteerSuggestions> {
  const mission = await selectMissionForMatching(deps.sql, missionId);
  if (!mission) throw new NotFound('Mission introuvable.');
  assertCanActForAssociation(actor, mission.association_id);
  if (mission.status !== 'open') throw new Conflict('La mission doit être ouverte pour chercher des bénévoles.');
  const vector = mission.embedding ?? (await embedWithCache(deps, [mission.title], 'passage')).items[0].literal;
  const rows = await withVectorSettings(deps.sql, VOLUNTEER_K, (tx) => selectVolunteerCandidates(tx, mission, vector, VOLUNTEER_K));
  const ranked = rows
    .map((c) => {
      const facts = factsOf(mission, c);
      return { c, facts, scored: scoreMatch(facts) };
    })
    .sort((a, b) => b.scored.score - a.scored.score || (a.c.id < b.c.id ? -1 : 1))
    .slice(0, limit);
  return {
    weightsVersion: MATCHING_WEIGHTS.version,
    items: ranked.map(({ c, facts, scored }, i) => {
      const components = explain(facts, scored, 'association');
      return {
        rank: i + 1,
        citizenId: c.id,
        firstName: c.first_name,
        commune: c.commune_name,
        score: scored.score,
        summary: summarise(components),
        components,
        invitation: c.invitation_id ? { id: c.invitation_id, status: c.invitation_status! } : null,
      };
    }),
  };
}
