

/** French labels of codes that are not in the vocabulary API. */
export const ACCESSIBILITY: Record<string, string> = {
  fauteuil: 'accessible en fauteuil roulant',
  malvoyant: 'adapté aux personnes malvoyantes',
  malentendant: 'adapté aux personnes malentendantes',
  cognitif: 'adapté au handicap cognitif',
  sans_station_debout: 'sans station debout prolongée',
};

export const DIGEST: Record<string, string> = { never: 'jamais', daily: 'chaque jour', weekly: 'chaque semaine' };

export const MISSION_STATUS: Record<string, string> = { draft: 'brouillon', open: 'ouverte', closed: 'clôturée' };

export const APPLICATION_STATUS: Record<string, string> = {
  pending: 'en attente',
  accepted: 'acceptée',
  declined: 'déclinée',
  withdrawn: 'retirée',
};

export const VERIFICATION: Record<string, string> = { pending: 'en attente de vérification', verified: 'vérifiée', suspended: 'suspendue' };

export const SIZE: Record<string, string> = {
  volunteers_only: 'bénévoles uniquement',
  small: 'petite (1 à 5 salariés)',
  medium: 'moyenne (6 à 50 salariés)',
  large: 'grande (plus de 50 salariés)',
};

/** "en moins de 24 h", "en 3 jours environ"… from the association's median response time in hours. */
export function describeResponseHours(hours: number | null | undefined): string {
  if (hours === null || hours === undefined) return 'pas encore de réponse mesurée';
  if (hours < 1) return 'en moins d’une heure';
  if (hours < 24) return `en ${Math.round(hours)} h environ`;
  const days = Math.round(hours / 24);
  return days <= 1 ? 'en un jour environ' : `en ${days} jours environ`;
}

export const formatDate = (iso: string | null | undefined) =>
  iso ? new Date(iso.length === 10 ? iso + 'T12:00:00Z' : iso).toLocaleDateString('fr-FR', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'Europe/Paris' }) : '';

/** A moment to the minute, in Paris time: « 3 décembre 2026 à 14:05 ». */
export const formatDateTime = (iso: string) =>
  new Date(iso).toLocaleString('fr-FR', { day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit', timeZone: 'Europe/Paris' });
export const formatKm = (km: number | null | undefined) => (km === null || km === undefined ? '' : km < 1 ? 'moins d’1 km' : `${km.toLocaleString('fr-FR', { maximumFractionDigits: 0 })} km`);

export const plural = (n: number, one: string, many: string) => `${n.toLocaleString('fr-FR')} ${n === 1 || n === 0 ? one : many}`;

/** A form value as a list (a single checked box comes back as a string). */
export const asList = (v: unknown): string[] => (Array.isArray(v) ? v.map(String) : v === undefined || v === null || v === '' ? [] : [String(v)]);
export const asText = (v: unknown, fallback = ''): string => (v === undefined || v === null ? fallback : String(v));

// Mirrors of contract constants: importing the contract modules in browser code would pull zod into every page.
export const DAYS = ['lundi', 'mardi', 'mercredi', 'jeudi', 'vendredi', 'samedi', 'dimanche'] as const;
export const SLOTS = ['matin', 'apres_midi', 'soir'] as const;
export const PASSWORD_MIN = 10;

export const COMPANY_SIZE: Record<string, string> = { micro: 'micro-entreprise (moins de 10 salariés)', sme: 'PME (10 à 249 salariés)', mid: 'ETI (250 à 4 999 salariés)', large: 'grande entreprise' };

export const OFFER_KIND: Record<string, string> = {
  skills: 'Mécénat de compétences',
  financial: 'Mécénat financier',
  team_day: 'Journée solidaire d’équipe',
  in_kind: 'Don ou prêt en nature',
  board_member: 'Salarié·e au conseil d’administration',
};

export const PARTNERSHIP_STATUS: Record<string, string> = { proposed: 'proposé', active: 'actif', ended: 'terminé' };
/** The badge's class for a partnership's status. */
export const PARTNERSHIP_BADGE: Record<string, string> = { proposed: 'warn', active: 'ok', ended: 'off' };

/** An organisation member's role (associations and companies alike). */
export const MEMBER_ROLE: Record<string, string> = { member: 'membre', admin: 'administrateur·rice' };

export const OFFER_STATUS: Record<string, string> = { draft: 'brouillon', open: 'ouverte', closed: 'clôturée' };

/** Governance competencies of a board (mirrors the board contract). */
export const BOARD_COMPETENCIES: Record<string, string> = {
  finance: 'Finances et comptabilité',
  juridique: 'Juridique',
  rh: 'Ressources humaines',
  collecte: 'Collecte de fonds',
  numerique: 'Numérique',
  communication: 'Communication',
  gestion_projet: 'Gestion de projet et gouvernance',
  domaine: 'Le domaine de l’association',
};
