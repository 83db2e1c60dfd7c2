import type { SkillCode } from '../../contract/vocabulary.ts';
import type { ScheduleKind } from './activity.ts';

export type Gender = 'f' | 'm';

export const FIRST_NAMES: readonly (readonly [string, Gender])[] = [
  ['Camille', 'f'], ['Léa', 'f'], ['Chloé', 'f'], ['Manon', 'f'], ['Sarah', 'f'], ['Inès', 'f'], ['Emma', 'f'], ['Julie', 'f'],
  ['Marie', 'f'], ['Claire', 'f'], ['Sophie', 'f'], ['Nathalie', 'f'], ['Isabelle', 'f'], ['Christine', 'f'], ['Monique', 'f'],
  ['Brigitte', 'f'], ['Martine', 'f'], ['Yasmine', 'f'], ['Fatima', 'f'], ['Aïcha', 'f'], ['Élodie', 'f'], ['Anne', 'f'],
  ['Odile', 'f'], ['Hélène', 'f'], ['Lucie', 'f'], ['Zoé', 'f'], ['Amandine', 'f'], ['Mélanie', 'f'], ['Nadia', 'f'], ['Elif', 'f'],
  ['Ophélie', 'f'], ['Jeanne', 'f'], ['Francine', 'f'], ['Agathe', 'f'], ['Salomé', 'f'], ['Maëlle', 'f'], ['Béatrice', 'f'],
  ['Thomas', 'm'], ['Lucas', 'm'], ['Hugo', 'm'], ['Nicolas', 'm'], ['Julien', 'm'], ['Mathieu', 'm'], ['Pierre', 'm'],
  ['Jean-Marc', 'm'], ['Bernard', 'm'], ['Gérard', 'm'], ['Michel', 'm'], ['Alain', 'm'], ['Karim', 'm'], ['Mehdi', 'm'],
  ['Yanis', 'm'], ['Théo', 'm'], ['Antoine', 'm'], ['Florian', 'm'], ['Sébastien', 'm'], ['Christophe', 'm'], ['François', 'm'],
  ['Jean-Luc', 'm'], ['Patrick', 'm'], ['Rémi', 'm'], ['Emre', 'm'], ['Mamadou', 'm'], ['Olivier', 'm'], ['Benoît', 'm'],
  ['Loïc', 'm'], ['Arthur', 'm'], ['Maxime', 'm'], ['Raphaël', 'm'], ['Guillaume', 'm'], ['Didier', 'm'], ['Joseph', 'm'],
];

export const LAST_NAMES: readonly string[] = [
  'Muller', 'Schmitt', 'Meyer', 'Weber', 'Klein', 'Wagner', 'Fischer', 'Roth', 'Schneider', 'Kieffer', 'Hoffmann', 'Zimmermann',
  'Heitz', 'Bauer', 'Kuhn', 'Schaeffer', 'Wolff', 'Jung', 'Lang', 'Walter', 'Frey', 'Ott', 'Koenig', 'Martin', 'Bernard',
  'Dubois', 'Petit', 'Durand', 'Lefebvre', 'Moreau', 'Garcia', 'Benali', 'Haddad', 'Yilmaz', 'Diallo', 'Nguyen', 'Lopez',
  'Fontaine', 'Girard', 'Rousseau', 'Fritsch', 'Ehrhart', 'Gross', 'Burckel', 'Stoeckel', 'Hertzog', 'Wendling', 'Kapps',
];

/**
 * A line of work (or of study) a citizen mentions in their wish, and the skills it brings. Labels are
 * written as people introduce themselves: "comptable", "étudiante en informatique".
 */
export type Occupation = { f: string; m: string; skills: readonly SkillCode[] };

export const PROFESSIONS: readonly Occupation[] = [
  { f: 'comptable', m: 'comptable', skills: ['comptabilite', 'tresorerie'] },
  { f: 'développeuse', m: 'développeur', skills: ['developpement_web', 'donnees'] },
  { f: 'infirmière', m: 'infirmier', skills: ['premiers_secours', 'aide_personne'] },
  { f: 'aide-soignante', m: 'aide-soignant', skills: ['aide_personne', 'ecoute'] },
  { f: 'professeure des écoles', m: 'professeur des écoles', skills: ['soutien_scolaire', 'animation'] },
  { f: 'graphiste', m: 'graphiste', skills: ['graphisme', 'photo_video'] },
  { f: 'juriste', m: 'juriste', skills: ['droit_associations', 'contrats'] },
  { f: 'chargée de communication', m: 'chargé de communication', skills: ['reseaux_sociaux', 'redaction'] },
  { f: 'responsable RH', m: 'responsable RH', skills: ['recrutement', 'paie'] },
  { f: 'cuisinière', m: 'cuisinier', skills: ['cuisine'] },
  { f: 'chauffeuse-livreuse', m: 'chauffeur-livreur', skills: ['conduite', 'manutention'] },
  { f: 'menuisière', m: 'menuisier', skills: ['bricolage'] },
  { f: 'paysagiste', m: 'paysagiste', skills: ['jardinage'] },
  { f: 'cheffe de projet', m: 'chef de projet', skills: ['gestion_projet', 'strategie'] },
  { f: 'analyste de données', m: 'analyste de données', skills: ['donnees', 'bureautique'] },
  { f: 'secrétaire', m: 'secrétaire', skills: ['bureautique', 'accueil'] },
  { f: 'traductrice', m: 'traducteur', skills: ['anglais', 'allemand', 'redaction'] },
  { f: 'formatrice', m: 'formateur', skills: ['formation', 'animation'] },
  { f: 'commerciale', m: 'commercial', skills: ['mecenat', 'evenementiel'] },
  { f: 'assistante sociale', m: 'assistant social', skills: ['ecoute', 'droit_associations'] },
  { f: 'frontalière, je travaille en Allemagne', m: 'frontalier, je travaille en Allemagne', skills: ['allemand'] },
];

export const STUDIES: readonly Occupation[] = [
  { f: 'en informatique', m: 'en informatique', skills: ['developpement_web', 'accompagnement_numerique'] },
  { f: 'en droit', m: 'en droit', skills: ['droit_associations', 'contrats'] },
  { f: 'en STAPS', m: 'en STAPS', skills: ['animation', 'premiers_secours'] },
  { f: "en sciences de l'éducation", m: "en sciences de l'éducation", skills: ['soutien_scolaire', 'animation'] },
  { f: 'en communication', m: 'en communication', skills: ['reseaux_sociaux', 'graphisme'] },
  { f: 'en soins infirmiers', m: 'en soins infirmiers', skills: ['premiers_secours', 'aide_personne'] },
  { f: 'en langues étrangères (anglais-allemand)', m: 'en langues étrangères (anglais-allemand)', skills: ['anglais', 'allemand'] },
  { f: 'en gestion', m: 'en gestion', skills: ['comptabilite', 'donnees'] },
  { f: 'en médecine', m: 'en médecine', skills: ['premiers_secours', 'ecoute'] },
  { f: 'en biologie', m: 'en biologie', skills: ['jardinage'] },
];

/**
 * Who the citizen is: how they introduce themselves, how old they are, when they are free. `intro` receives
 * the occupation label; availability phrases match the schedule kinds they are drawn with.
 */
export type Persona = {
  code: string;
  weight: number;
  ages: readonly [number, number];
  occupations: 'professions' | 'studies' | 'none';
  intros: { f: readonly string[]; m: readonly string[] };
  schedules: readonly ScheduleKind[];
  boardShare: number;
};

export const PERSONAS: readonly Persona[] = [
  {
    code: 'retraite',
    weight: 24,
    ages: [62, 80],
    occupations: 'professions',
    intros: {
      f: ['Retraitée', 'Jeune retraitée (ancienne {occupation})', "Ancienne {occupation}, à la retraite depuis l'an dernier", 'Retraitée et grand-mère de trois petits-enfants'],
      m: ['Retraité', 'Jeune retraité (ancien {occupation})', "Ancien {occupation}, à la retraite depuis peu", 'Retraité, pas du genre à rester devant la télé'],
    },
    schedules: ['weekday_morning', 'weekday_afternoon'],
    boardShare: 0.3,
  },
  {
    code: 'etudiant',
    weight: 20,
    ages: [18, 25],
    occupations: 'studies',
    intros: {
      f: ['Étudiante {occupation}', 'Étudiante {occupation} à Strasbourg', 'En master {occupation}'],
      m: ['Étudiant {occupation}', 'Étudiant {occupation} à Strasbourg', 'En licence {occupation}'],
    },
    schedules: ['weekday_evening', 'weekend'],
    boardShare: 0.05,
  },
  {
    code: 'salarie',
    weight: 34,
    ages: [26, 61],
    occupations: 'professions',
    intros: {
      f: ['{occupation}', 'Je suis {occupation}', '{occupation} à temps plein', 'Maman de deux enfants et {occupation}'],
      m: ['{occupation}', 'Je suis {occupation}', '{occupation} à temps plein', 'Papa de deux enfants et {occupation}'],
    },
    schedules: ['weekday_evening', 'weekend', 'flexible'],
    boardShare: 0.15,
  },
  {
    code: 'demandeur_emploi',
    weight: 9,
    ages: [22, 58],
    occupations: 'professions',
    intros: {
      f: ["En recherche d'emploi (je suis {occupation})", 'Entre deux contrats'],
      m: ["En recherche d'emploi (je suis {occupation})", 'Entre deux contrats'],
    },
    schedules: ['weekday_morning', 'weekday_afternoon', 'weekday_evening'],
    boardShare: 0.05,
  },
  {
    code: 'parent_au_foyer',
    weight: 7,
    ages: [28, 50],
    occupations: 'none',
    intros: { f: ['Maman au foyer', 'Mère de trois enfants, je ne travaille pas en ce moment'], m: ['Papa au foyer', "Père de famille, en congé parental"] },
    schedules: ['weekday_morning', 'after_school'],
    boardShare: 0.05,
  },
  {
    code: 'lyceen',
    weight: 6,
    ages: [15, 17],
    occupations: 'none',
    intros: { f: ['Lycéenne', 'En première au lycée'], m: ['Lycéen', 'En terminale'] },
    schedules: ['after_school', 'saturday'],
    boardShare: 0,
  },
];

export const DESIRES: readonly string[] = [
  "j'aimerais {wish}",
  'je voudrais {wish}',
  "j'ai envie de {wish}",
  'je cherche à {wish}',
  "je souhaite {wish}",
  'ça me plairait de {wish}',
];

/** How a citizen says when they are free, per schedule kind (the mask is drawn from the same kind). */
export const AVAILABILITY_PHRASES: Record<ScheduleKind, readonly string[]> = {
  weekday_morning: ['le matin en semaine', 'plutôt les matinées', 'en semaine, le matin'],
  weekday_afternoon: ["l'après-midi en semaine", 'les après-midis', "en semaine l'après-midi"],
  weekday_evening: ['le soir en semaine', 'le soir après le boulot', 'en soirée'],
  after_school: ['en fin de journée après les cours', "vers 16 h - 18 h"],
  saturday: ['le samedi', 'surtout le samedi'],
  weekend: ['le week-end', 'les week-ends', 'le samedi ou le dimanche'],
  flexible: ['quand je veux, plutôt à distance', 'de façon flexible, quelques heures par mois', 'le soir ou le week-end, à distance si possible'],
  event: ['ponctuellement, pour un événement', 'de temps en temps, sur des événements'],
};

export const WISH_ENDINGS: readonly string[] = [
  '',
  '',
  ' Pas trop loin de chez moi si possible.',
  ' Je suis motivé·e et fiable !',
  " Je n'ai jamais fait de bénévolat, c'est une première.",
  " J'ai déjà été bénévole quelques années dans une autre ville.",
  ' Quelques heures par mois, pas plus pour commencer.',
  ' Je peux me déplacer à vélo dans un rayon de 10 km.',
];

export const ACCESSIBILITY_WISHES: Record<'fauteuil' | 'malvoyant' | 'malentendant' | 'sans_station_debout', string> = {
  fauteuil: ' Je me déplace en fauteuil roulant, donc un lieu accessible est indispensable.',
  malvoyant: ' Je suis malvoyant·e, les supports doivent être lisibles en gros caractères.',
  malentendant: ' Je suis malentendant·e : je préfère les échanges en petit groupe.',
  sans_station_debout: ' Je ne peux pas rester debout longtemps.',
};
