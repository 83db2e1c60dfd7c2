import type { MissionMatch } from '../../contract/matching.ts';
import { requireUser, type Actor } from '../actor.ts';
import type { CoreDeps } from '../deps.ts';
import { NotFound } from '../errors.ts';
import { getMission } from '../missions/missions.ts';
import { selectMissionEligibility, type EligibilityRow } from './candidates.sql.ts';
import { explain, summarise } from './explain.ts';
import { selectCitizenForMatching } from './matching.sql.ts';
import { factsOf } from './rank.ts';
import { MATCHING_WEIGHTS, scoreMatch } from './score.ts';
import { seekerOfCitizen } from './suggest-missions.ts';

function exclusionsOf(row: EligibilityRow, radiusKm: number): string[] {
  const out: string[] = [];
  if (!row.is_open) out.push("La mission n'est plus ouverte.");
  if (!row.has_places) out.push('Toutes les places sont prises.');
  if (!row.is_current) out.push('La mission est terminée.');
  if (!row.is_old_enough) out.push("L'âge minimum demandé n'est pas atteint (ou votre année de naissance n'est pas renseignée).");
  if (!row.is_accessible) out.push("Le lieu n'offre pas l'accessibilité que vous avez demandée.");
  if (!row.is_reachable) {
    out.push(row.is_remote ? 'Mission à distance, et vous ne souhaitez que des missions sur place.' : `Au-delà de votre rayon de ${radiusKm.toLocaleString('fr-FR')} km.`);
  }
  if (!row.is_association_active) out.push("L'association est suspendue.");
  if (row.has_applied) out.push('Vous avez déjà candidaté.');
  if (row.has_dismissed) out.push('Vous avez écarté cette mission (« pas pour moi »).');
  return out;
}

/** Why one mission fits the signed-in citizen: its score, every criterion in French, and any hard constraint that excludes it. */
export async function explainMissionForMe(deps: Pick<CoreDeps, 'sql' | 'embedder'>, actor: Actor, missionId: string): Promise<MissionMatch> {
  const user = requireUser(actor);
  await getMission(deps, actor, missionId); // not visible to this actor: NotFound, as for the mission itself
  if (!user.citizenId) throw new NotFound("Vous n'avez pas encore de profil bénévole : créez-le pour voir pourquoi une mission vous correspond.");
  const citizen = await selectCitizenForMatching(deps.sql, user.citizenId);
  if (!citizen) throw new NotFound('Profil bénévole introuvable.');
  const seeker = await seekerOfCitizen(deps, citizen);
  const row = await selectMissionEligibility(deps.sql, seeker, missionId);
  if (!row) throw new NotFound('Mission introuvable.');
  const facts = factsOf(row, seeker);
  const scored = scoreMatch(facts);
  const components = explain(facts, scored);
  const exclusions = exclusionsOf(row, seeker.radiusKm);
  return {
    missionId,
    isEligible: exclusions.length === 0,
    exclusions,
    score: scored.score,
    summary: summarise(components),
    components,
    weightsVersion: MATCHING_WEIGHTS.version,
  };
}
