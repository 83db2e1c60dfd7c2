/**
 * The demo accounts, one per role. DEMO DATA ONLY: they share a public password and are created only when the
 * demo territory is loaded (`npm start` on an empty embedded database, or `npm run demo`). Never load the demo
 * into a production database. Pure data, so that the web and the README can show it.
 */
export const DEMO_PASSWORD = 'maillage-demo';

export type DemoAccountRole =
  | 'citizen'
  | 'association_admin'
  | 'association_member'
  | 'company_admin'
  | 'organiser'
  | 'moderator'
  | 'platform_admin'
  | 'support_agent';

export type DemoAccount = { email: string; displayName: string; role: DemoAccountRole; roleLabel: string; tryThis: string };

export const DEMO_ACCOUNTS: readonly DemoAccount[] = [
  {
    email: 'camille.citoyenne@demo.maillage.fr',
    displayName: 'Camille Roth',
    role: 'citizen',
    roleLabel: 'Citoyenne bénévole',
    tryThis: 'Voir les missions suggérées près de Strasbourg, candidater, suivre ses candidatures.',
  },
  {
    email: 'asso.admin@demo.maillage.fr',
    displayName: 'Nadia Benali',
    role: 'association_admin',
    roleLabel: "Administratrice d'une association vérifiée",
    tryThis: 'Gérer les missions de « Coup de Pouce Neudorf », répondre aux candidatures, chercher des profils pour le bureau.',
  },
  {
    email: 'asso.membre@demo.maillage.fr',
    displayName: 'Julien Kieffer',
    role: 'association_member',
    roleLabel: "Membre d'une association",
    tryThis: "Publier une mission pour l'association et suivre les candidatures.",
  },
  {
    email: 'entreprise@demo.maillage.fr',
    displayName: 'Sophie Wagner',
    role: 'company_admin',
    roleLabel: "Responsable RSE d'une entreprise",
    tryThis: 'Publier une offre RSE (mécénat de compétences, don, journée solidaire) et voir les associations suggérées.',
  },
  {
    email: 'organisateur@demo.maillage.fr',
    displayName: 'Marc Heitz',
    role: 'organiser',
    roleLabel: "Organisateur d'événements",
    tryThis: 'Organiser un speed-dating associations × entreprises et générer le planning des rendez-vous.',
  },
  {
    email: 'moderation@demo.maillage.fr',
    displayName: 'Claire Muller',
    role: 'moderator',
    roleLabel: 'Modératrice',
    tryThis: 'Vérifier les associations et entreprises en attente, suspendre un compte.',
  },
  {
    email: 'admin@demo.maillage.fr',
    displayName: 'Thomas Schmitt',
    role: 'platform_admin',
    roleLabel: 'Administrateur de la plateforme',
    tryThis: 'Importer un territoire, gérer les rôles, voir les statistiques.',
  },
  {
    email: 'support@demo.maillage.fr',
    displayName: 'Fatima Haddad',
    role: 'support_agent',
    roleLabel: "Agente d'accueil (France Services)",
    tryThis: "Aider une personne à créer son profil et à trouver une mission (créé seulement si la base gère les structures d'accompagnement).",
  },
];

/** The verified association and the company the demo accounts act for. */
export const DEMO_ASSOCIATION = {
  name: 'Coup de Pouce Neudorf',
  rna: 'W672000001',
  communeInsee: '67482',
} as const;

export const DEMO_COMPANY = { name: 'Cigogne Numérique Solidaire', communeInsee: '67482' } as const;
