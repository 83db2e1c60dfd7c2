import { countBits, describeMask } from '../../contract/availability.ts';
import { intersect, type ComponentKey, type MatchFacts, type Scored } from './score.ts';
import { themeLabel } from '../../contract/vocabulary.ts';

/** One line of a suggestion's breakdown, in French, with the numbers that produced it. */
export type ExplainedComponent = { key: ComponentKey; label: string; detail: string; value: number; weight: number; contribution: number };

const LABELS: Record<ComponentKey, string> = {
  semantic: 'Correspondance avec votre souhait',
  text: 'Mots de votre recherche',
  skills: 'Compétences',
  distance: 'Distance',
  availability: 'Disponibilités',
  themes: 'Thèmes',
  capacity: 'Places restantes',
  responsiveness: "Réactivité de l'association",
  freshness: 'Fraîcheur',
};

// Formatters made once: toLocaleString builds one per call, tens of microseconds each, on every item of a page.
const KM_SHORT = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 1, minimumFractionDigits: 1 });
const KM_LONG = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 1, minimumFractionDigits: 0 });
const km = (x: number) => (x < 10 ? KM_SHORT : KM_LONG).format(x);
const plural = (n: number, one: string, many: string) => `${n} ${n > 1 ? many : one}`;

function duration(hours: number): string {
  if (hours < 1) return "en moins d'une heure";
  if (hours < 36) return `sous ${plural(Math.ceil(hours), 'heure', 'heures')}`;
  return `sous ${plural(Math.ceil(hours / 24), 'jour', 'jours')}`;
}

/** Who reads the explanation: the citizen ("vous") or the association looking at an anonymised volunteer. */
export type Audience = 'citizen' | 'association';

/** Wording for an association reading about a volunteer; the numbers are the same. */
const ASSOCIATION_LABELS: Partial<Record<ComponentKey, string>> = {
  semantic: 'Correspondance de son souhait avec la mission',
  text: 'Mots-clés',
  responsiveness: 'Votre réactivité',
};

function describeForAssociation(key: ComponentKey, f: MatchFacts): string | null {
  switch (key) {
    case 'semantic': {
      const pct = Math.round(Math.max(0, f.similarity) * 100);
      return pct >= 60 ? `souhait très proche de la mission (${pct} %)` : pct >= 35 ? `souhait proche de la mission (${pct} %)` : `souhait assez éloigné de la mission (${pct} %)`;
    }
    case 'text':
      return 'sans objet';
    case 'distance':
      return f.isRemote || f.distanceKm === null ? 'mission à distance' : `à ${km(f.distanceKm)} km (rayon choisi : ${km(f.radiusKm)} km)`;
    case 'availability':
      if (f.scheduleMask !== 0 && f.availabilityMask === 0) return 'disponibilités non indiquées';
      return null;
    default:
      return null;
  }
}

/** The French sentence for one component, computed from the same facts as its value. */
export function describeComponent(key: ComponentKey, f: MatchFacts, audience: Audience = 'citizen'): string {
  if (audience === 'association') {
    const text = describeForAssociation(key, f);
    if (text !== null) return text;
  }
  switch (key) {
    case 'semantic': {
      const pct = Math.round(Math.max(0, f.similarity) * 100);
      return pct >= 60 ? `très proche de ce que vous cherchez (${pct} %)` : pct >= 35 ? `proche de ce que vous cherchez (${pct} %)` : `assez éloignée de votre souhait (${pct} %)`;
    }
    case 'text':
      return f.textRank > 0 ? 'contient les mots de votre recherche' : 'ne contient pas les mots exacts de votre recherche';
    case 'skills': {
      if (f.requiredSkills.length === 0) return 'aucune compétence particulière demandée';
      const covered = intersect(f.requiredSkills, f.citizenSkills).length;
      return `${covered} ${covered > 1 ? 'compétences' : 'compétence'} sur ${f.requiredSkills.length}`;
    }
    case 'distance':
      return f.isRemote || f.distanceKm === null ? 'à distance (depuis chez vous)' : `à ${km(f.distanceKm)} km`;
    case 'availability': {
      if (f.scheduleMask === 0) return 'horaires libres';
      if (f.availabilityMask === 0) return `${describeMask(f.scheduleMask)} (vous n'avez pas indiqué vos disponibilités)`;
      const overlap = f.scheduleMask & f.availabilityMask;
      return overlap === 0 ? `aucun créneau commun (mission ${describeMask(f.scheduleMask)})` : `${describeMask(overlap)} (${countBits(overlap)} sur ${countBits(f.scheduleMask)} créneaux)`;
    }
    case 'themes': {
      if (f.citizenThemes.length === 0 || f.missionThemes.length === 0) return 'pas de thème à comparer';
      const shared = intersect(f.missionThemes, f.citizenThemes);
      return shared.length === 0 ? 'aucun de vos thèmes' : `${plural(shared.length, 'thème', 'thèmes')} en commun : ${shared.map(themeLabel).join(', ')}`;
    }
    case 'capacity':
      return `${plural(f.placesLeft, 'place restante', 'places restantes')}, ${plural(f.pendingCount, 'candidature', 'candidatures')} en attente`;
    case 'responsiveness':
      return f.responseHours === null ? 'délai de réponse pas encore connu' : `répond en général ${duration(f.responseHours)}`;
    case 'freshness': {
      if (f.startsInDays !== null && f.startsInDays >= 0 && f.startsInDays < 14) return f.startsInDays === 0 ? "commence aujourd'hui" : `commence dans ${plural(f.startsInDays, 'jour', 'jours')}`;
      if (f.ageDays === null) return 'date de publication inconnue';
      return f.ageDays < 1 ? "publiée aujourd'hui" : `publiée il y a ${plural(Math.floor(f.ageDays), 'jour', 'jours')}`;
    }
  }
}

/** Every component with its label, sentence, value, weight and contribution (sum of contributions = score). */
export function explain(f: MatchFacts, scored: Scored, audience: Audience = 'citizen'): ExplainedComponent[] {
  return scored.components.map((c) => ({
    ...c,
    label: (audience === 'association' ? ASSOCIATION_LABELS[c.key] : undefined) ?? LABELS[c.key],
    detail: describeComponent(c.key, f, audience),
  }));
}

/** A one-line summary: the two strongest reasons. */
export function summarise(components: readonly ExplainedComponent[]): string {
  const top = [...components].filter((c) => c.value > 0 && (c.key !== 'text' || c.contribution > 0)).sort((a, b) => b.contribution - a.contribution).slice(0, 2);
  return top.map((c) => `${c.label.toLowerCase()} : ${c.detail}`).join(' ; ');
}
