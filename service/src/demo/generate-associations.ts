import { communeOf, createCommunePicker, drawQuartier } from './places.ts';
import { uuidFrom, type Rng } from './prng.ts';
import { bareName, capitalise, contract, daysBefore, fill, slugify } from './text.ts';
import type { GenAssociation, GenNeed } from './types.ts';
import { activityOf, HOST_ACTIVITIES } from './vocabulary/activities.ts';
import type { Activity } from './vocabulary/activity.ts';

const pickCommune = createCommunePicker(0.7);
const ACTIVITY_WEIGHTS = HOST_ACTIVITIES.map((a) => [a, a.weight] as const);

const SIZES = [['volunteers_only', 35], ['small', 40], ['medium', 18], ['large', 7]] as const;
const VERIFICATIONS = [['verified', 90], ['pending', 8], ['suspended', 2]] as const;

/** Unique names and RNA numbers across one generated territory. */
export type AssociationRegistry = { names: Set<string>; rnas: Set<string> };
export const createAssociationRegistry = (): AssociationRegistry => ({ names: new Set(), rnas: new Set() });

function drawName(rng: Rng, activity: Activity, commune: string, quartier: string, registry: AssociationRegistry): string {
  const place = /centre-ville|gare|bourg/.test(quartier) ? commune : bareName(quartier);
  for (let attempt = 0; attempt < 4; attempt++) {
    const name = contract(fill(rng.pick(activity.associationNames), { commune, quartier: place }));
    if (!registry.names.has(name)) return name;
  }
  const base = contract(fill(rng.pick(activity.associationNames), { commune, quartier: place }));
  for (let n = 2; ; n++) {
    const name = base.includes(commune) ? `${base} (${n})` : `${base} – ${commune}${n > 2 ? ` ${n}` : ''}`;
    if (!registry.names.has(name)) return name;
  }
}

function drawRna(rng: Rng, registry: AssociationRegistry): string {
  for (;;) {
    // RNA numbers of associations declared in the Bas-Rhin read W67xxxxxxx (W + 9 digits).
    const rna = `W67${String(rng.int(0, 9_999_999)).padStart(7, '0')}`;
    if (!registry.rnas.has(rna)) return rna;
  }
}

function writePurpose(rng: Rng, activities: Activity[], name: string, commune: string, quartier: string): string {
  const [main, second] = activities;
  const objet = contract(fill(rng.pick(main.purposes), { commune, quartier }));
  const opening = rng.pick([
    `L'association a pour objet de ${objet}.`,
    `${name} a pour but de ${objet}.`,
    `Notre association a pour objet de ${objet}.`,
    `L'association ${name} a pour objet :\n- de ${objet} ;\n- de ${second ? fill(rng.pick(second.purposes), { commune, quartier }) : 'fédérer les bénévoles qui partagent ce projet'}.`,
  ]);
  const parts = [opening];
  if (second && !opening.includes('\n-')) parts.push(`Elle souhaite aussi ${contract(fill(rng.pick(second.purposes), { commune, quartier }))}.`);
  if (rng.chance(0.6)) parts.push(`Pour cela, elle ${contract(fill(rng.pick(main.contexts), { n: rng.int(3, 30) * 10, commune, quartier }))}.`);
  if (rng.chance(0.5)) {
    const volunteers = rng.int(5, 120);
    const employees = rng.int(1, 12);
    const staff = rng.chance(0.3) ? ` et ${employees} salarié${employees > 1 ? 's' : ''}` : '';
    parts.push(`Fondée en ${rng.int(1965, 2022)}, elle compte aujourd'hui ${volunteers} bénévoles${staff}.`);
  }
  if (rng.chance(0.4)) parts.push(rng.pick(["Elle est ouverte à tous, sans condition.", "Elle est affiliée à une fédération départementale.", "Elle agit en lien étroit avec les services sociaux de la commune.", "L'association est indépendante de tout parti politique et de toute confession."]));
  return parts.join(' ');
}

/** One association: an activity it was founded for (sometimes two), a commune, a name, its statutory purpose. */
export function generateAssociation(rng: Rng, index: number, reference: Date, registry: AssociationRegistry): GenAssociation {
  const main = rng.weighted(ACTIVITY_WEIGHTS);
  const activities = [main];
  if (rng.chance(0.25)) {
    const second = rng.weighted(ACTIVITY_WEIGHTS);
    if (second !== main) activities.push(second);
  }
  const commune = pickCommune(rng);
  const quartier = drawQuartier(rng, commune);
  const name = drawName(rng, main, commune.name, quartier, registry);
  registry.names.add(name);
  const rna = drawRna(rng, registry);
  registry.rnas.add(rna);
  const slug = slugify(name) || `asso-${index}`;
  return {
    id: uuidFrom(rng),
    adminUserId: uuidFrom(rng),
    rna,
    name,
    purpose: writePurpose(rng, activities, name, commune.name, quartier),
    themes: [...new Set(activities.flatMap((a) => a.themes))],
    activities: activities.map((a) => a.code),
    territoryCode: commune.territoryCode,
    communeInsee: commune.insee,
    size: rng.weighted(SIZES),
    verification: rng.weighted(VERIFICATIONS),
    contactEmail: rng.chance(0.7) ? `contact@${slug}.demo.invalid` : null,
    website: rng.chance(0.4) ? `https://${slug}.demo.invalid` : null,
    responseHours: rng.chance(0.6) ? rng.int(4, 240) : null,
    createdAt: daysBefore(rng, reference, 30, 900),
  };
}

const BOARD_ROLES = [
  { role: 'trésorier·ère', skills: ['tresorerie', 'comptabilite'] },
  { role: 'secrétaire', skills: ['redaction', 'bureautique'] },
  { role: 'président·e', skills: ['gouvernance', 'strategie'] },
  { role: 'administrateur·rice', skills: ['gouvernance'] },
] as const;

/** What an association asks beyond volunteers (a treasurer, money, goods, skills), for a share of them. */
export function generateNeed(rng: Rng, association: GenAssociation, reference: Date): GenNeed {
  const activity = activityOf(association.activities[0]);
  const kind = rng.weighted([['board_member', 40], ['financial', 30], ['in_kind', 15], ['skills', 15]] as const);
  const base = { id: uuidFrom(rng), associationId: association.id, kind, themes: association.themes, status: 'open' as const, createdAt: daysBefore(rng, reference, 1, 200) };
  switch (kind) {
    case 'board_member': {
      const board = rng.pick(BOARD_ROLES);
      return {
        ...base,
        title: `Nous cherchons un·e ${board.role} pour notre bureau`,
        description: `Notre ${board.role} actuel·le quitte ses fonctions à la prochaine assemblée générale. Nous cherchons une personne prête à prendre le relais, avec le soutien du bureau : environ trois heures par mois et quatre réunions par an.`,
        skills: [...board.skills],
        amountEur: null,
      };
    }
    case 'financial': {
      const amount = rng.int(5, 60) * 100;
      return { ...base, title: `Financer ${rng.pick(['du matériel neuf', 'notre projet de l’année', 'une sortie pour les bénéficiaires', 'un véhicule'])}`, description: `Il nous manque ${amount} € pour boucler le budget. ${association.name} ${contract(fill(activity.contexts[0], { n: 80, commune: communeOf(association.communeInsee).name, quartier: 'le quartier' }))} : ce soutien nous permettrait de continuer.`, skills: [], amountEur: amount };
    }
    case 'in_kind':
      return { ...base, title: rng.pick(['Besoin d’ordinateurs portables', 'Recherche un local de stockage', 'Besoin d’un véhicule utilitaire ponctuellement']), description: 'Une entreprise du secteur pourrait-elle nous aider ? Nous pouvons venir chercher le matériel.', skills: [], amountEur: null };
    case 'skills':
      return { ...base, title: 'Un coup de main pour notre site et notre communication', description: 'Nous aimerions refaire notre site internet et mieux communiquer sur les réseaux sociaux, mais personne au bureau ne sait le faire.', skills: ['developpement_web', 'reseaux_sociaux'], amountEur: null };
    default:
      throw new Error('unreachable');
  }
}
