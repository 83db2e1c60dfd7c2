-- Shared vocabulary: themes, skills grouped by domain, board roles.
-- Codes are stable identifiers used by the API and stored in arrays on profiles, missions and offers;
-- labels are what French users read.

CREATE TABLE themes (
  code  text PRIMARY KEY CHECK (code ~ '^[a-z][a-z_]*$'),
  label text NOT NULL UNIQUE
);

INSERT INTO themes (code, label) VALUES
  ('solidarite', 'Solidarité et lutte contre l''exclusion'),
  ('sante', 'Santé et handicap'),
  ('personnes_agees', 'Personnes âgées et lien intergénérationnel'),
  ('education', 'Éducation, soutien scolaire et formation'),
  ('jeunesse', 'Jeunesse et éducation populaire'),
  ('sport', 'Sport'),
  ('culture', 'Culture et patrimoine'),
  ('environnement', 'Environnement et transition écologique'),
  ('animaux', 'Protection animale'),
  ('citoyennete', 'Citoyenneté, droits et démocratie locale'),
  ('international', 'Solidarité internationale'),
  ('urgence', 'Urgence et secours'),
  ('insertion', 'Insertion professionnelle et emploi'),
  ('logement', 'Logement et hébergement'),
  ('alimentation', 'Aide alimentaire'),
  ('numerique', 'Inclusion numérique'),
  ('famille', 'Famille et petite enfance'),
  ('loisirs', 'Loisirs et vie locale');

CREATE TABLE skill_domains (
  code  text PRIMARY KEY CHECK (code ~ '^[a-z][a-z_]*$'),
  label text NOT NULL UNIQUE
);

INSERT INTO skill_domains (code, label) VALUES
  ('gestion', 'Gestion et finances'),
  ('juridique', 'Juridique'),
  ('rh', 'Ressources humaines'),
  ('communication', 'Communication'),
  ('numerique', 'Numérique'),
  ('collecte', 'Collecte de fonds'),
  ('management', 'Management et gouvernance'),
  ('soin', 'Soin et accompagnement'),
  ('enseignement', 'Enseignement et animation'),
  ('technique', 'Métiers manuels et techniques'),
  ('logistique', 'Logistique'),
  ('langues', 'Langues');

CREATE TABLE skills (
  code   text PRIMARY KEY CHECK (code ~ '^[a-z][a-z_]*$'),
  domain text NOT NULL REFERENCES skill_domains (code),
  label  text NOT NULL UNIQUE
);

INSERT INTO skills (code, domain, label) VALUES
  ('comptabilite', 'gestion', 'Comptabilité'),
  ('tresorerie', 'gestion', 'Trésorerie et budget'),
  ('controle_gestion', 'gestion', 'Contrôle de gestion'),
  ('droit_associations', 'juridique', 'Droit des associations'),
  ('droit_travail', 'juridique', 'Droit du travail'),
  ('contrats', 'juridique', 'Contrats et conventions'),
  ('recrutement', 'rh', 'Recrutement'),
  ('paie', 'rh', 'Paie et administration du personnel'),
  ('gestion_benevoles', 'rh', 'Animation de bénévoles'),
  ('reseaux_sociaux', 'communication', 'Réseaux sociaux'),
  ('redaction', 'communication', 'Rédaction'),
  ('graphisme', 'communication', 'Graphisme'),
  ('relations_presse', 'communication', 'Relations presse'),
  ('photo_video', 'communication', 'Photo et vidéo'),
  ('developpement_web', 'numerique', 'Développement web'),
  ('bureautique', 'numerique', 'Bureautique'),
  ('donnees', 'numerique', 'Données et tableurs'),
  ('accompagnement_numerique', 'numerique', 'Accompagnement au numérique'),
  ('recherche_fonds', 'collecte', 'Recherche de financements'),
  ('mecenat', 'collecte', 'Mécénat et partenariats'),
  ('evenementiel', 'collecte', 'Organisation d''événements'),
  ('gestion_projet', 'management', 'Gestion de projet'),
  ('gouvernance', 'management', 'Gouvernance associative'),
  ('strategie', 'management', 'Stratégie'),
  ('ecoute', 'soin', 'Écoute et accompagnement'),
  ('premiers_secours', 'soin', 'Premiers secours'),
  ('aide_personne', 'soin', 'Aide à la personne'),
  ('soutien_scolaire', 'enseignement', 'Soutien scolaire'),
  ('alphabetisation', 'enseignement', 'Alphabétisation et FLE'),
  ('animation', 'enseignement', 'Animation d''activités'),
  ('formation', 'enseignement', 'Formation d''adultes'),
  ('bricolage', 'technique', 'Bricolage et petits travaux'),
  ('jardinage', 'technique', 'Jardinage'),
  ('cuisine', 'technique', 'Cuisine'),
  ('couture', 'technique', 'Couture'),
  ('reparation_velo', 'technique', 'Réparation de vélos'),
  ('conduite', 'logistique', 'Conduite (permis B)'),
  ('manutention', 'logistique', 'Manutention et tri'),
  ('accueil', 'logistique', 'Accueil du public'),
  ('anglais', 'langues', 'Anglais'),
  ('arabe', 'langues', 'Arabe'),
  ('allemand', 'langues', 'Allemand'),
  ('langue_signes', 'langues', 'Langue des signes');

CREATE TABLE board_roles (
  code  text PRIMARY KEY,
  label text NOT NULL UNIQUE,
  rank  int  NOT NULL UNIQUE
);

INSERT INTO board_roles (code, label, rank) VALUES
  ('president', 'Président·e', 1),
  ('vice_president', 'Vice-président·e', 2),
  ('tresorier', 'Trésorier·e', 3),
  ('secretaire', 'Secrétaire', 4),
  ('administrateur', 'Administrateur·rice', 5);
