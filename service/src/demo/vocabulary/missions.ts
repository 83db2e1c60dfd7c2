import type { ScheduleKind } from './activity.ts';

// Generic pieces of mission texts, as associations write them: a call, the practical side, what they offer.

export const CALLS: readonly string[] = [
  'Nous cherchons {places} pour {task}.',
  'Vous avez un peu de temps ? Rejoignez-nous pour {task} !',
  'Pour faire face à la demande, nous recherchons {places} pour {task}.',
  "On a besoin de vous pour {task}.",
  'Envie de vous rendre utile près de chez vous ? Venez {task} avec notre équipe.',
];

export const TASK_INTROS: readonly string[] = ['Concrètement, vous serez amené·e à :', 'Vos missions :', 'Au programme :', 'Ce que vous ferez :'];

/** Hours per slot, as they appear in mission texts. */
export const SLOT_HOURS: Record<'matin' | 'apres_midi' | 'soir', readonly string[]> = {
  matin: ['de 9 h à 12 h', 'de 8 h 30 à 11 h 30', 'de 9 h 30 à 11 h 30'],
  apres_midi: ['de 14 h à 17 h', 'de 14 h 30 à 17 h 30', 'de 16 h 30 à 18 h'],
  soir: ['de 18 h 30 à 20 h 30', 'de 19 h à 21 h', 'à partir de 18 h'],
};

export const COMMITMENTS: Record<ScheduleKind, readonly string[]> = {
  weekday_morning: ['Engagement souhaité : une matinée par semaine, sur toute l’année.', 'Idéalement toutes les semaines, mais une fois tous les quinze jours, c’est déjà bien.'],
  weekday_afternoon: ["Engagement souhaité : un après-midi par semaine.", 'Une demi-journée par semaine ou tous les quinze jours.'],
  weekday_evening: ['Engagement souhaité : une soirée par semaine.', 'Une à deux soirées par mois minimum.'],
  after_school: ["Engagement souhaité : au moins une séance par semaine pendant l'année scolaire (hors vacances).", 'Une séance par semaine, de septembre à juin.'],
  saturday: ['Un samedi par mois suffit pour commencer.', 'Engagement souhaité : deux samedis par mois.'],
  weekend: ['Selon vos disponibilités, un week-end par mois environ.', 'Quelques week-ends dans l’année.'],
  flexible: ['Quelques heures par mois, à votre rythme.', 'Environ deux heures par semaine, organisées comme vous voulez.'],
  event: ['Mission ponctuelle : vous venez le temps de l’événement.', 'Engagement ponctuel, une ou deux journées.'],
};

export const NO_EXPERIENCE: readonly string[] = [
  "Pas besoin d'expérience : on vous forme sur place.",
  "Aucune expérience n'est demandée, juste de la bonne humeur.",
  'Débutant·e bienvenu·e, un bénévole référent vous accompagne les premières fois.',
  "Pas de diplôme requis, l'envie suffit.",
];

export const OFFERS: readonly string[] = [
  'une formation au démarrage',
  'une équipe chaleureuse et soudée',
  'le remboursement des frais de déplacement',
  'un café et des gâteaux à chaque permanence',
  "une attestation de bénévolat (utile pour le CV ou Parcoursup)",
  "l'accès à la formation des bénévoles de la fédération",
  'un tutorat par un bénévole expérimenté',
  'un moment convivial une fois par trimestre',
];

export const OFFER_INTROS: readonly string[] = ['Ce que nous offrons :', 'De notre côté :', 'Nous vous proposons', 'En échange, vous aurez'];

export const CLOSINGS: readonly string[] = [
  'Intéressé·e ? Cliquez sur « Je candidate », nous vous rappelons dans la semaine.',
  'À très bientôt !',
  "N'hésitez pas à candidater, même si vous avez des questions : on en discute.",
  "Merci d'avance, chaque coup de main compte.",
  '',
];

export const SEATED_NOTES: readonly string[] = ['La mission se fait assis·e, sans station debout prolongée.', 'Tout se fait assis·e : pas besoin de rester debout.'];

export const ACCESSIBLE_PLACE: readonly string[] = [
  'Nos locaux sont de plain-pied et accessibles en fauteuil roulant.',
  'Le lieu est accessible aux personnes à mobilité réduite (ascenseur, toilettes adaptées).',
];

export const REMOTE_NOTES: readonly string[] = [
  "La mission se fait entièrement à distance, depuis chez vous ; une visio par mois avec l'équipe.",
  'Mission à distance : un ordinateur et une connexion internet suffisent.',
];

export const ADULTS_ONLY: readonly string[] = ['Mission réservée aux personnes majeures.', 'Il faut avoir 18 ans ou plus.'];

export const SKILL_WISHES: readonly string[] = ['Un plus si vous avez des compétences en {skill}.', 'Idéalement, vous avez quelques notions en {skill}.', '{Skill} : un vrai plus pour cette mission.'];
