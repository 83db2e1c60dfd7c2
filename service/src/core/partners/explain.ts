import { intersect } from '../matching/score.ts';
import { bestNeed, type PartnerComponentKey, type PartnerFacts, type PartnerScored } from './score.ts';
import { themeLabel } from '../../contract/vocabulary.ts';

/** One line of a partner ranking's breakdown, in French, with the numbers that produced it. */
export type ExplainedPartnerComponent = { key: PartnerComponentKey; label: string; detail: string; value: number; weight: number; contribution: number };

const LABELS: Record<PartnerComponentKey, string> = {
  needs: 'Besoins couverts',
  semantic: 'Proximité de la cause',
  themes: 'Thèmes',
  distance: 'Distance',
  size: 'Taille de l’association',
  activity: 'Activité sur la plateforme',
};

const KIND_NAMES = {
  skills: 'mécénat de compétences',
  financial: 'financement',
  team_day: 'journée solidaire',
  in_kind: 'don en nature',
  board_member: 'administrateur',
} as const;

const SIZE_NAMES = {
  volunteers_only: 'association sans salarié',
  small: 'petite association',
  medium: 'association de taille moyenne',
  large: 'grande association',
} as const;

const km = (x: number) => x.toLocaleString('fr-FR', { maximumFractionDigits: 1, minimumFractionDigits: x < 10 ? 1 : 0 });
const plural = (n: number, one: string, many: string) => `${n} ${n > 1 ? many : one}`;
const euros = (n: number) => `${n.toLocaleString('fr-FR')} €`;

function describeNeed(f: PartnerFacts): string {
  const best = bestNeed(f);
  if (!best) return f.needs.length === 0 ? 'aucun besoin publié' : `aucun besoin de ${KIND_NAMES[f.offerKind]} publié`;
  const { need } = best;
  if (need.kind !== f.offerKind) return `besoin voisin (${KIND_NAMES[need.kind]}) : « ${need.title} »`;
  if (need.kind === 'financial' && need.amountEur) {
    const covered = f.budgetMaxEur === null ? '' : f.budgetMaxEur >= need.amountEur ? ', entièrement couvert' : `, couvert jusqu’à ${euros(f.budgetMaxEur)}`;
    return `besoin de financement « ${need.title} » (${euros(need.amountEur)}${covered})`;
  }
  if (need.skills.length > 0) {
    const shared = intersect(need.skills, f.offerSkills).length;
    return `besoin « ${need.title} » : ${shared} ${shared > 1 ? 'compétences' : 'compétence'} sur ${need.skills.length}`;
  }
  return `besoin de ${KIND_NAMES[need.kind]} : « ${need.title} »`;
}

/** The French sentence for one component, computed from the same facts as its value. */
export function describePartnerComponent(key: PartnerComponentKey, f: PartnerFacts): string {
  switch (key) {
    case 'needs':
      return describeNeed(f);
    case 'semantic': {
      const pct = Math.round(Math.max(0, f.similarity) * 100);
      return pct >= 60 ? `objet très proche de l’offre (${pct} %)` : pct >= 35 ? `objet proche de l’offre (${pct} %)` : `objet assez éloigné de l’offre (${pct} %)`;
    }
    case 'themes': {
      if (f.offerThemes.length === 0 || f.associationThemes.length === 0) return 'pas de thème à comparer';
      const shared = intersect(f.offerThemes, f.associationThemes);
      return shared.length === 0 ? 'aucun thème en commun' : `${plural(shared.length, 'thème', 'thèmes')} en commun : ${shared.map(themeLabel).join(', ')}`;
    }
    case 'distance':
      return f.distanceKm === null ? 'distance inconnue' : f.distanceKm < 1 ? 'dans la même commune que l’entreprise' : `à ${km(f.distanceKm)} km de l’entreprise`;
    case 'size':
      return f.offerKind === 'team_day'
        ? `${SIZE_NAMES[f.associationSize]} : ${f.associationSize === 'medium' || f.associationSize === 'large' ? 'peut accueillir une équipe' : 'accueil d’une équipe plus difficile'}`
        : `${SIZE_NAMES[f.associationSize]} : ${f.associationSize === 'volunteers_only' || f.associationSize === 'small' ? 'l’apport y compte beaucoup' : 'l’apport y compte un peu moins'}`;
    case 'activity': {
      const missions = f.openMissions === 0 ? 'aucune mission ouverte' : plural(f.openMissions, 'mission ouverte', 'missions ouvertes');
      const days = Math.floor(f.idleDays);
      return `${missions}, ${days < 1 ? 'mise à jour aujourd’hui' : `dernière mise à jour il y a ${plural(days, 'jour', 'jours')}`}`;
    }
  }
}

/** Every component with its label, sentence, value, weight and contribution (sum of contributions = score). */
export function explainPartner(f: PartnerFacts, scored: PartnerScored): ExplainedPartnerComponent[] {
  return scored.components.map((c) => ({ ...c, label: LABELS[c.key], detail: describePartnerComponent(c.key, f) }));
}

/** A one-line summary: the two strongest reasons. */
export function summarisePartner(components: readonly ExplainedPartnerComponent[]): string {
  const top = [...components].sort((a, b) => b.contribution - a.contribution).slice(0, 2);
  return top.map((c) => `${c.label.toLowerCase()} : ${c.detail}`).join(' ; ');
}
