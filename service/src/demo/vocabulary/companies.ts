import type { SkillCode, ThemeCode } from '../../contract/vocabulary.ts';

/**
 * Kinds of local companies, how they are named and what their CSR (RSE) policy can offer: the skills their
 * staff can sponsor, the goods they can give and the causes they prefer.
 */
export type CompanySector = {
  sector: string;
  weight: number;
  names: readonly string[];
  sizes: readonly ('micro' | 'sme' | 'mid' | 'large')[];
  skills: readonly SkillCode[];
  themes: readonly ThemeCode[];
  inKind: readonly string[];
  department: string;
};

export const COMPANY_SECTORS: readonly CompanySector[] = [
  {
    sector: 'Expertise comptable',
    weight: 3,
    names: ['Cabinet {name} Expertise', '{name} & Associés', 'Fiduciaire du {area}', 'Alsace Audit Conseil'],
    sizes: ['micro', 'sme'],
    skills: ['comptabilite', 'tresorerie', 'controle_gestion', 'paie'],
    themes: ['insertion', 'education', 'solidarite'],
    inKind: ['le prêt de notre salle de réunion le soir', 'des ordinateurs portables reconditionnés'],
    department: 'nos experts-comptables',
  },
  {
    sector: 'Services numériques',
    weight: 4,
    names: ['{name} Digital', 'Alsace Numérique Conseil', 'Rhin Data', 'Kougelhopf Labs', 'Cigogne Informatique'],
    sizes: ['micro', 'sme', 'mid'],
    skills: ['developpement_web', 'donnees', 'bureautique', 'gestion_projet'],
    themes: ['numerique', 'education', 'insertion'],
    inKind: ['une trentaine d’ordinateurs reconditionnés', "l'hébergement gratuit de votre site web"],
    department: 'nos développeurs et chefs de projet',
  },
  {
    sector: 'Boulangerie-pâtisserie',
    weight: 3,
    names: ['Boulangerie {name}', 'Au Bretzel Doré', 'Maison {name}', 'Le Fournil du {area}'],
    sizes: ['micro'],
    skills: ['cuisine'],
    themes: ['alimentation', 'solidarite'],
    inKind: ['nos invendus du jour (pains et viennoiseries)', 'des kougelhopfs pour vos événements'],
    department: 'nos boulangers',
  },
  {
    sector: 'Transport et logistique',
    weight: 3,
    names: ['Transports {name}', '{name} Logistique', 'Rhin Express', 'Alsace Fret Services'],
    sizes: ['sme', 'mid'],
    skills: ['conduite', 'manutention', 'gestion_projet'],
    themes: ['alimentation', 'solidarite', 'urgence'],
    inKind: ['le prêt d’un camion frigorifique pour vos collectes', 'des palettes et du matériel de manutention'],
    department: 'nos chauffeurs et logisticiens',
  },
  {
    sector: 'Banque et assurance',
    weight: 2,
    names: ['Banque Populaire du {area}', 'Mutuelle {name}', 'Caisse Solidaire d’Alsace', 'Assurances {name}'],
    sizes: ['mid', 'large'],
    skills: ['tresorerie', 'gestion_projet', 'gouvernance', 'recherche_fonds'],
    themes: ['insertion', 'education', 'sport', 'culture'],
    inKind: ['le prêt d’une salle de conférence', 'l’impression de vos documents'],
    department: 'nos conseillers',
  },
  {
    sector: 'BTP et artisanat',
    weight: 3,
    names: ['Menuiserie {name}', '{name} Bâtiment', 'Charpentes du {area}', 'Électricité {name} & Fils'],
    sizes: ['micro', 'sme'],
    skills: ['bricolage', 'gestion_projet'],
    themes: ['logement', 'culture', 'environnement'],
    inKind: ['des chutes de bois et du matériel de chantier', 'le prêt d’outillage'],
    department: 'nos compagnons',
  },
  {
    sector: 'Industrie',
    weight: 2,
    names: ['{name} Industries', 'Mécanique de Précision du {area}', 'Rhin Plastiques', 'Alsace Emballages'],
    sizes: ['mid', 'large'],
    skills: ['gestion_projet', 'recrutement', 'strategie', 'formation'],
    themes: ['insertion', 'environnement', 'education'],
    inKind: ['des fournitures de bureau', 'des cartons et emballages pour vos collectes'],
    department: 'nos ingénieurs et techniciens',
  },
  {
    sector: 'Communication et édition',
    weight: 2,
    names: ['Agence {name}', 'Imprimerie du {area}', 'Studio Cigogne', 'Les Éditions du Rhin'],
    sizes: ['micro', 'sme'],
    skills: ['graphisme', 'reseaux_sociaux', 'redaction', 'relations_presse', 'photo_video'],
    themes: ['culture', 'citoyennete', 'environnement'],
    inKind: ["l'impression gratuite de vos flyers et affiches", 'un reportage photo de votre événement'],
    department: 'nos graphistes et rédacteurs',
  },
  {
    sector: 'Grande distribution',
    weight: 2,
    names: ['Supermarché {name}', 'Hyper du {area}', 'Marché Frais {name}'],
    sizes: ['mid', 'large'],
    skills: ['manutention', 'accueil', 'recrutement'],
    themes: ['alimentation', 'solidarite', 'environnement'],
    inKind: ['nos invendus alimentaires, collectés trois fois par semaine', 'des produits d’hygiène'],
    department: 'nos équipes en magasin',
  },
  {
    sector: 'Conseil juridique',
    weight: 1,
    names: ['{name} Avocats', 'Cabinet juridique {name}', 'Lex Rhenana'],
    sizes: ['micro', 'sme'],
    skills: ['droit_associations', 'droit_travail', 'contrats'],
    themes: ['citoyennete', 'solidarite', 'logement'],
    inKind: ['des consultations juridiques gratuites'],
    department: 'nos avocats et juristes',
  },
  {
    sector: 'Hôtellerie-restauration',
    weight: 2,
    names: ['Hôtel {name}', 'Winstub {name}', 'Restaurant Au Cerf', 'Brasserie de l’Ill'],
    sizes: ['micro', 'sme'],
    skills: ['cuisine', 'accueil', 'evenementiel'],
    themes: ['alimentation', 'insertion', 'culture'],
    inKind: ['des repas pour vos bénévoles lors d’un événement', 'le prêt de notre salle pour une soirée'],
    department: 'nos cuisiniers et serveurs',
  },
  {
    sector: 'Énergie et environnement',
    weight: 1,
    names: ['{name} Énergies', 'Rhin Solaire', 'Alsace Recyclage', 'Écosphère {area}'],
    sizes: ['sme', 'mid'],
    skills: ['gestion_projet', 'donnees', 'bricolage'],
    themes: ['environnement', 'education'],
    inKind: ['des composteurs et du matériel de jardinage', 'un diagnostic énergétique de vos locaux'],
    department: 'nos techniciens',
  },
];

export const COMPANY_AREAS: readonly string[] = ['Ried', 'Kochersberg', 'Piémont', 'Rhin', 'Pays de Hanau', 'Val de Villé', "Pays d'Erstein"];

export const TEAM_DAY_IDEAS: readonly { text: string; themes: readonly ThemeCode[] }[] = [
  { text: 'une journée de chantier nature (débroussaillage, plantation de haies)', themes: ['environnement'] },
  { text: 'une journée de tri dans une banque alimentaire', themes: ['alimentation', 'solidarite'] },
  { text: 'la rénovation et la peinture de locaux associatifs', themes: ['solidarite', 'jeunesse'] },
  { text: "l'animation d'une journée sportive avec des jeunes du quartier", themes: ['sport', 'jeunesse'] },
  { text: 'un ramassage de déchets au bord du Rhin', themes: ['environnement'] },
  { text: "l'aide à l'organisation d'un festival", themes: ['culture', 'loisirs'] },
];
