import { z } from 'zod';

// The same codes are seeded by sql/migrations/0001_vocabulary.sql; a test checks that both agree.
export const THEME_CODES = [
  'solidarite', 'sante', 'personnes_agees', 'education', 'jeunesse', 'sport', 'culture', 'environnement', 'animaux',
  'citoyennete', 'international', 'urgence', 'insertion', 'logement', 'alimentation', 'numerique', 'famille', 'loisirs',
] as const;

export const SKILL_CODES = [
  'comptabilite', 'tresorerie', 'controle_gestion', 'droit_associations', 'droit_travail', 'contrats', 'recrutement',
  'paie', 'gestion_benevoles', 'reseaux_sociaux', 'redaction', 'graphisme', 'relations_presse', 'photo_video',
  'developpement_web', 'bureautique', 'donnees', 'accompagnement_numerique', 'recherche_fonds', 'mecenat',
  'evenementiel', 'gestion_projet', 'gouvernance', 'strategie', 'ecoute', 'premiers_secours', 'aide_personne',
  'soutien_scolaire', 'alphabetisation', 'animation', 'formation', 'bricolage', 'jardinage', 'cuisine', 'couture',
  'reparation_velo', 'conduite', 'manutention', 'accueil', 'anglais', 'arabe', 'allemand', 'langue_signes',
] as const;

export const BOARD_ROLE_CODES = ['president', 'vice_president', 'tresorier', 'secretaire', 'administrateur'] as const;

export const ACCESSIBILITY_CODES = ['fauteuil', 'malvoyant', 'malentendant', 'cognitif', 'sans_station_debout'] as const;

export const ThemeCode = z.enum(THEME_CODES, { message: 'thème inconnu' });
export type ThemeCode = z.infer<typeof ThemeCode>;
export const SkillCode = z.enum(SKILL_CODES, { message: 'compétence inconnue' });
export type SkillCode = z.infer<typeof SkillCode>;
export const BoardRoleCode = z.enum(BOARD_ROLE_CODES, { message: 'rôle inconnu' });
export type BoardRoleCode = z.infer<typeof BoardRoleCode>;
/** Accessibility needs a citizen declares, and the matching features a mission offers. */
export const AccessibilityCode = z.enum(ACCESSIBILITY_CODES, { message: "besoin d'accessibilité inconnu" });
export type AccessibilityCode = z.infer<typeof AccessibilityCode>;

export const ACCESSIBILITY_LABELS: Record<AccessibilityCode, string> = {
  fauteuil: 'accessible en fauteuil roulant',
  malvoyant: 'adapté aux personnes malvoyantes',
  malentendant: 'adapté aux personnes malentendantes',
  cognitif: 'adapté au handicap cognitif',
  sans_station_debout: 'sans station debout prolongée',
};

/** French labels of the themes, as seeded by 0001_vocabulary.sql (a test checks both agree), for explanations. */
export const THEME_LABELS: Record<ThemeCode, string> = {
  solidarite: 'Solidarité et lutte contre l’exclusion',
  sante: 'Santé et handicap',
  personnes_agees: 'Personnes âgées et lien intergénérationnel',
  education: 'Éducation, soutien scolaire et formation',
  jeunesse: 'Jeunesse et éducation populaire',
  sport: 'Sport',
  culture: 'Culture et patrimoine',
  environnement: 'Environnement et transition écologique',
  animaux: 'Protection animale',
  citoyennete: 'Citoyenneté, droits et démocratie locale',
  international: 'Solidarité internationale',
  urgence: 'Urgence et secours',
  insertion: 'Insertion professionnelle et emploi',
  logement: 'Logement et hébergement',
  alimentation: 'Aide alimentaire',
  numerique: 'Inclusion numérique',
  famille: 'Famille et petite enfance',
  loisirs: 'Loisirs et vie locale',
};

/** "solidarite" -> "Solidarité et lutte contre l'exclusion"; an unknown code is shown as it is. */
export const themeLabel = (code: string): string => THEME_LABELS[code as ThemeCode] ?? code;

/**
 * A list of codes as a set: each code kept once, in the order given. A repeated code means nothing more than one,
 * and would count twice in the matching (« 2 compétences sur 2 » for one skill) and repeat a key in the pages.
 */
export const codeList = <T extends z.ZodType<string>>(code: T, max: number) => z.array(code).max(max).transform((codes) => [...new Set(codes)]);
