import { createHash } from 'node:crypto';
import { countBits } from '../../contract/availability.ts';
import { BOARD_COMPETENCY_LABELS, type BoardCompetency } from '../../contract/board.ts';
import { intersect } from '../matching/score.ts';
import { gapList, MEETING_SLOTS_MASK, type BoardComponentKey, type BoardFacts, type BoardScored } from './score.ts';
import { themeLabel } from '../../contract/vocabulary.ts';

/** Mirrors the labels seeded in board_roles (0001_vocabulary.sql). */
export const ROLE_LABELS: Record<string, string> = {
  president: 'Président·e',
  vice_president: 'Vice-président·e',
  tresorier: 'Trésorier·e',
  secretaire: 'Secrétaire',
  administrateur: 'Administrateur·rice',
};

const LABELS: Record<BoardComponentKey, string> = {
  semantic: 'Adéquation au poste',
  competencies: 'Compétences demandées',
  gaps: 'Manques du conseil',
  distance: 'Distance',
  availability: 'Rythme des réunions',
  affinity: 'Affinité avec la cause',
  experience: 'Expérience de gouvernance',
};

const names = (codes: readonly BoardCompetency[]) => codes.map((c) => BOARD_COMPETENCY_LABELS[c].toLowerCase()).join(', ');
// One formatter for every call: toLocaleString builds a new Intl formatter each time (slow on long lists).
const KM = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 1 });
const km = (x: number) => KM.format(x);

/** The French sentence for one component, from the same facts as its value. */
export function describeBoardComponent(key: BoardComponentKey, f: BoardFacts): string {
  switch (key) {
    case 'semantic': {
      const pct = Math.round(Math.max(0, f.similarity) * 100);
      return pct >= 60 ? `son projet correspond très bien au poste (${pct} %)` : pct >= 35 ? `son projet est proche du poste (${pct} %)` : `son projet est assez éloigné du poste (${pct} %)`;
    }
    case 'competencies': {
      if (f.need.length === 0) return 'aucune compétence précisée pour ce poste';
      const has = f.need.filter((c) => f.candidateCompetencies.includes(c.code)).map((c) => c.code);
      return has.length === 0 ? `aucune des compétences demandées (${names(f.need.map((c) => c.code))})` : `apporte : ${names(has)} (${has.length} sur ${f.need.length})`;
    }
    case 'gaps': {
      const gaps = gapList(f.gaps);
      if (gaps.length === 0) return 'le conseil ne signale pas de manque';
      const has = gaps.filter((g) => f.candidateCompetencies.includes(g.code)).map((g) => g.code);
      return has.length === 0 ? 'ne comble aucun manque du conseil' : `comble : ${names(has)}`;
    }
    case 'distance':
      return f.distanceKm === null ? 'distance inconnue' : `à ${km(f.distanceKm)} km du siège`;
    case 'availability': {
      if (f.meetingsPerMonth === 0) return 'pas de réunion régulière demandée';
      if (f.availabilityMask === null) return "disponibilités fixées par l'entreprise";
      if (f.availabilityMask === 0) return "n'a pas indiqué ses disponibilités";
      const n = countBits(f.availabilityMask & MEETING_SLOTS_MASK);
      return n === 0 ? `aucun soir de semaine ni week-end libre pour ${f.meetingsPerMonth} réunion(s) par mois` : `${n} créneau(x) en soirée ou le week-end pour ${f.meetingsPerMonth} réunion(s) par mois`;
    }
    case 'affinity': {
      if (f.associationThemes.length === 0 || f.candidateThemes.length === 0) return 'pas de thème à comparer';
      const shared = intersect(f.candidateThemes, f.associationThemes);
      return shared.length === 0 ? "aucun thème de l'association" : `partage la cause : ${shared.map(themeLabel).join(', ')}`;
    }
    case 'experience':
      return f.boardSeats > 0 ? `siège déjà dans ${f.boardSeats} conseil(s) d'administration` : f.hasGovernanceSkill ? 'compétences en gouvernance déclarées' : 'pas encore d’expérience de gouvernance connue';
  }
}

export type ExplainedBoardComponent = { key: BoardComponentKey; label: string; detail: string; value: number; weight: number; contribution: number };

export function explainBoard(f: BoardFacts, scored: BoardScored): ExplainedBoardComponent[] {
  return scored.components.map((c) => ({ ...c, label: LABELS[c.key], detail: describeBoardComponent(c.key, f) }));
}

/** The two strongest reasons, in one line. */
export function summariseBoard(components: readonly ExplainedBoardComponent[]): string {
  return [...components]
    .sort((a, b) => b.contribution - a.contribution)
    .slice(0, 2)
    .map((c) => `${c.label.toLowerCase()} : ${c.detail}`)
    .join(' ; ');
}

/**
 * A stable pseudonym per (association, candidate): the same person reads the same to one association, and two
 * associations cannot link their lists by it.
 */
export function aliasOf(associationId: string, kind: 'citizen' | 'company_offer', id: string): string {
  const tag = createHash('sha256').update(`${associationId}:${id}`).digest('hex').slice(0, 4).toUpperCase();
  return kind === 'citizen' ? `Candidat·e ${tag}` : `Salarié·e proposé·e ${tag}`;
}
